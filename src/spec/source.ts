import { isMap, isPair, isScalar, isSeq, parseDocument, visit, type Alias, type Document, type Node } from 'yaml';
import type { SpecProblem } from './problems.js';

export type PathKey = string | number;

/**
 * A YAML file held with its source positions, so that every later check can point at the line a person must edit.
 */
export class SpecSource {
  readonly file: string;
  readonly text: string;
  readonly data: unknown;
  readonly problems: SpecProblem[] = [];
  private readonly doc: Document;
  /** Offset of each line's first character. */
  private readonly lineStarts: number[];

  constructor(file: string, text: string) {
    this.file = file;
    this.text = text;
    this.lineStarts = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index + 1)];
    this.doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, merge: false });
    for (const error of [...this.doc.errors, ...this.doc.warnings]) {
      const { line, col } = this.position(error.pos[0]);
      this.problems.push({ file, line, col, message: `YAML: ${firstLine(error.message)}`, hint: yamlHint(error.code) });
    }
    this.data = this.doc.errors.length === 0 ? this.toData() : undefined;
  }

  /** The YAML as plain data; alias errors (an alias before its anchor, alias bombs) only surface here. */
  private toData(): unknown {
    try {
      return this.doc.toJS({ maxAliasCount: 100 });
    } catch (error) {
      const message = (error as Error).message;
      if (/excessive alias count/i.test(message)) {
        const { line, col } = this.position(this.bombOffset());
        this.problems.push({ file: this.file, line, col, message: 'YAML: aliases here expand to more than 100 copies (an alias bomb)', hint: 'write the values out, or use fewer aliases of anchors that hold aliases themselves' });
        return undefined;
      }
      const alias = /alias[^:]*: (\S+)/i.exec(message)?.[1];
      const offset = alias === undefined ? -1 : this.text.indexOf(`*${alias}`);
      const { line, col } = this.position(Math.max(0, offset));
      this.problems.push({ file: this.file, line, col, message: `YAML: ${firstLine(message)}`, hint: 'define an anchor (&name) before its alias (*name), or quote a literal *' });
      return undefined;
    }
  }

  /** Where an alias bomb starts: the first alias of an anchor that itself holds aliases (else the first alias). */
  private bombOffset(): number {
    const aliases: Alias[] = [];
    visit(this.doc, { Alias: (_key, node) => void aliases.push(node) });
    const holdsAliases = (node: unknown): boolean => {
      let found = false;
      visit(node as Node, { Alias: () => ((found = true), visit.BREAK) });
      return found;
    };
    const nested = aliases.find((a) => {
      const target = a.resolve(this.doc);
      return target !== undefined && holdsAliases(target);
    });
    return rangeStart(nested ?? aliases[0]) ?? 0;
  }

  /** Position of the value at `path`, or of the nearest ancestor that exists. `atKey` points at the key instead. */
  locate(path: readonly PathKey[], atKey = false): { line: number; col: number } {
    let node: unknown = this.doc.contents;
    let offset = rangeStart(node) ?? 0;
    for (const key of path) {
      const pair = findPair(node, key);
      if (pair === undefined) break;
      const keyOffset = rangeStart(pair.key);
      node = pair.value;
      offset = (atKey && key === path[path.length - 1] ? keyOffset : rangeStart(node) ?? keyOffset) ?? offset;
    }
    return this.position(offset);
  }

  /**
   * Line and column (1-based) of an offset, from the text itself: yaml's LineCounter misses the newlines inside a
   * multi-line scalar token of a broken file, and then points past the end of a line.
   */
  private position(offset: number): { line: number; col: number } {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, col: offset - this.lineStarts[low] + 1 };
  }

  problem(path: readonly PathKey[], message: string, hint?: string, atKey = false): SpecProblem {
    return { file: this.file, ...this.locate(path, atKey), path: formatPath(path), message, hint };
  }
}

export function formatPath(path: readonly PathKey[]): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
}

function findPair(node: unknown, key: PathKey): { key: unknown; value: unknown } | undefined {
  if (isMap(node)) {
    const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(key));
    return pair ? { key: pair.key, value: pair.value } : undefined;
  }
  if (isSeq(node) && typeof key === 'number' && node.items[key] !== undefined) {
    return { key: node.items[key], value: node.items[key] };
  }
  return undefined;
}

function rangeStart(node: unknown): number | undefined {
  return (node as Node | null | undefined)?.range?.[0];
}

function firstLine(text: string): string {
  return text.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

function yamlHint(code: string): string {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'each key may appear once in a mapping; remove or merge the duplicate';
    case 'TAB_AS_INDENT':
      return 'indent with spaces, not tabs';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
      return 'check the indentation and the colons of this block';
    case 'BAD_DQ_ESCAPE':
      return 'in double quotes a backslash starts an escape; use single quotes for regexes and Windows paths';
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return 'a key and its colon must be on one line; check for a missing colon or quote on the line before';
    case 'UNEXPECTED_TOKEN':
      return 'quote values that start with @, `, %, { or [ when they are text';
    default:
      return 'check the YAML syntax here: indentation, colons, quotes and brackets';
  }
}
