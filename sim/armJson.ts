/**
 * Request bodies as ARM reads them. ARM's JSON reader is lenient where strict JSON is not, and clients rely on it:
 * azure-cli splices the template file's text verbatim into the deployment body behind an unquoted `template` key,
 * comments included. Accepted beyond RFC 8259: `//` and `/* *\/` comments, unquoted property names, single-quoted
 * strings, raw line breaks inside strings (multi-line strings), a trailing comma before `}` or `]`, a leading BOM.
 * Anything else is garbage and fails with the path, line and position of the first bad character.
 */

export class ArmJsonError extends Error {
  readonly line: number;
  readonly position: number;
  readonly path: string;
  constructor(what: string, path: string, line: number, position: number) {
    super(`${what} Path '${path}', line ${line}, position ${position}.`);
    this.name = 'ArmJsonError';
    this.line = line;
    this.position = position;
    this.path = path;
  }
}

const IDENT = /[\p{L}\p{N}_$]/u;

export function parseArmJson(text: string): unknown {
  // Strict JSON is the common case: the built-in parser is faster and gives the same value.
  try {
    return JSON.parse(text);
  } catch {
    return parseLenient(text);
  }
}

function parseLenient(text: string): unknown {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const path: (string | number)[] = [];

  const where = (at: number): { line: number; position: number } => {
    let line = 1;
    let lineStart = 0;
    for (let k = 0; k < at && k < text.length; k++) {
      if (text[k] === '\n') {
        line++;
        lineStart = k + 1;
      }
    }
    return { line, position: at - lineStart + 1 };
  };
  const pathText = (): string =>
    path.map((p, n) => (typeof p === 'number' ? `[${p}]` : /^[A-Za-z_$][\w$]*$/.test(p) ? (n === 0 ? p : `.${p}`) : `['${p}']`)).join('');
  const fail = (what: string, at = i): never => {
    const { line, position } = where(at);
    throw new ArmJsonError(what, pathText(), line, position);
  };
  const shown = (at: number): string => (at >= text.length ? 'end of input' : JSON.stringify(text[at]).slice(1, -1));

  const skip = (): void => {
    for (;;) {
      const c = text[i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\ufeff' || c === '\u00a0') i++;
      else if (c === '/' && text[i + 1] === '/') {
        while (i < text.length && text[i] !== '\n') i++;
      } else if (c === '/' && text[i + 1] === '*') {
        const end = text.indexOf('*/', i + 2);
        if (end < 0) fail('Unexpected end while parsing comment.', text.length);
        i = end + 2;
      } else if (c === '/') fail(`Error parsing comment. Expected: *, got ${shown(i + 1)}.`, i + 1);
      else return;
    }
  };

  const string = (): string => {
    const quote = text[i++];
    let out = '';
    for (;;) {
      if (i >= text.length) fail('Unterminated string. Expected delimiter: ' + quote + '.', text.length);
      const c = text[i++];
      if (c === quote) return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = text[i++];
      const simple: Record<string, string> = { '"': '"', "'": "'", '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
      if (e !== undefined && e in simple) out += simple[e];
      else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i, i + 4))) {
        out += String.fromCharCode(Number.parseInt(text.slice(i, i + 4), 16));
        i += 4;
      } else fail(`Bad JSON escape sequence: \\${e ?? ''}.`, i - 2);
    }
  };

  const NUMBER = /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;
  const number = (): number => {
    // Sticky: matches at i without copying the rest of a (up to 4 MiB) body.
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (!m || IDENT.test(text[i + m[0].length] ?? '')) fail(`Unexpected character encountered while parsing number: ${shown(i + (m?.[0].length ?? 0))}.`, i + (m?.[0].length ?? 0));
    i += m![0].length;
    return Number(m![0]);
  };

  const value = (): unknown => {
    skip();
    const c = text[i];
    if (c === '{') return object();
    if (c === '[') return array();
    if (c === '"' || c === "'") return string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, i) && !IDENT.test(text[i + word.length] ?? '')) {
        i += word.length;
        return v;
      }
    }
    return fail(i >= text.length ? 'Unexpected end when reading JSON.' : `Unexpected character encountered while parsing value: ${shown(i)}.`);
  };

  const key = (): string => {
    const c = text[i];
    if (c === '"' || c === "'") return string();
    const start = i;
    while (i < text.length && IDENT.test(text[i])) i++;
    if (i === start) fail(`Invalid property identifier character: ${shown(i)}.`);
    return text.slice(start, i);
  };

  const object = (): Record<string, unknown> => {
    i++;
    const out: Record<string, unknown> = {};
    skip();
    if (text[i] === '}') {
      i++;
      return out;
    }
    for (;;) {
      skip();
      const name = key();
      skip();
      if (text[i] !== ':') fail(`Invalid character after parsing property name. Expected ':' but got: ${shown(i)}.`);
      i++;
      path.push(name);
      // defineProperty: a `__proto__` key is data, as in JSON.parse, not a prototype switch.
      Object.defineProperty(out, name, { value: value(), enumerable: true, writable: true, configurable: true });
      path.pop();
      skip();
      if (text[i] === ',') {
        i++;
        skip();
        if (text[i] === '}') {
          i++;
          return out;
        }
        continue;
      }
      if (text[i] === '}') {
        i++;
        return out;
      }
      path.push(name);
      fail(i >= text.length ? 'Unexpected end when reading JSON.' : `After parsing a value an unexpected character was encountered: ${shown(i)}.`);
    }
  };

  const array = (): unknown[] => {
    i++;
    const out: unknown[] = [];
    skip();
    if (text[i] === ']') {
      i++;
      return out;
    }
    for (;;) {
      path.push(out.length);
      out.push(value());
      skip();
      path.pop();
      if (text[i] === ',') {
        i++;
        skip();
        if (text[i] === ']') {
          i++;
          return out;
        }
        continue;
      }
      if (text[i] === ']') {
        i++;
        return out;
      }
      path.push(out.length - 1);
      fail(i >= text.length ? 'Unexpected end when reading JSON.' : `After parsing a value an unexpected character was encountered: ${shown(i)}.`);
    }
  };

  const root = value();
  skip();
  if (i < text.length) fail(`Additional text encountered after finished reading JSON content: ${shown(i)}.`);
  return root;
}
