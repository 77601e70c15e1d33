import { createHash } from 'node:crypto';
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { jsonErrorOffset, stripJsonComments } from './jsonc.js';
import { bicepHint, runBicep } from './bicep.js';

/**
 * The files a spec names (templates, parameters files), read once each, and only from inside the repository: a spec
 * from a pull request must not make the action read /etc/passwd or a sibling checkout into a deployment.
 */
export interface FileProblem {
  /** Set when the problem is inside the named file (a JSON syntax error), not at the spec's reference to it. */
  at?: { file: string; line: number; col: number };
  message: string;
  hint?: string;
  /** Further problems of the same file (a Bicep compile gives every error at once). */
  more?: FileProblem[];
}

export type FileResult = { ok: true; repoPath: string; json: Record<string, unknown> } | { ok: false; problem: FileProblem };

export class SpecFiles {
  readonly repoRoot: string;
  private readonly specDir: string;
  private readonly cache = new Map<string, FileResult>();
  private readonly contents = new Map<string, string>();

  private readonly bicepPath: string | undefined;

  constructor(repoRoot: string, specFile: string, bicepPath?: string) {
    this.bicepPath = bicepPath;
    this.repoRoot = realpathSync(path.resolve(repoRoot));
    this.specDir = path.dirname(path.resolve(specFile));
  }

  /** Reads `relative` (to the spec's folder) as JSON; `.bicep` and `.bicepparam` are compiled with the Bicep CLI. */
  readJson(relative: string, what: string): FileResult {
    const cached = this.cache.get(relative);
    if (cached) return cached;
    const result = this.load(relative, what);
    this.cache.set(relative, result);
    return result;
  }

  /** Line and column of `"key":` in a file read before (its first occurrence), for problems inside the file. */
  locate(repoPath: string, key: string): { file: string; line: number; col: number } {
    const text = this.contents.get(repoPath) ?? '';
    const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const offset = Math.max(0, text.search(new RegExp(`"${escaped}"\\s*:`)));
    const before = text.slice(0, offset).split('\n');
    return { file: repoPath, line: before.length, col: before[before.length - 1].length + 1 };
  }

  /** sha256 over every file read, in path order: part of the spec hash. */
  hash(): string {
    const hash = createHash('sha256');
    for (const key of [...this.contents.keys()].sort()) hash.update(`${key}\0${this.contents.get(key)}\0`);
    return hash.digest('hex');
  }

  private load(relative: string, what: string): FileResult {
    if (path.isAbsolute(relative) || /^[A-Za-z]:[\\/]/.test(relative)) {
      return fail(`${what} "${relative}" is an absolute path`, 'give a path relative to the spec file, inside the repository');
    }
    const absolute = path.resolve(this.specDir, relative);
    if (!isInside(this.repoRoot, absolute)) {
      return fail(`${what} "${relative}" lies outside the repository (${this.repoRoot})`, 'keep templates inside the repository; no .. escapes');
    }
    if (!existsSync(absolute) || !statSync(absolute).isFile()) {
      return fail(`${what} "${relative}" does not exist (looked for ${path.relative(this.repoRoot, absolute)})`, 'check the path; it is relative to the spec file');
    }
    const real = realpathSync(absolute);
    if (!isInside(this.repoRoot, real)) return fail(`${what} "${relative}" is a link to a file outside the repository`, 'copy the file into the repository');
    const repoPath = path.relative(this.repoRoot, real).split(path.sep).join('/');
    const bicep = /\.bicep(param)?$/.test(absolute);
    const text = bicep ? this.compileBicep(real) : readFileSync(real, 'utf8');
    if (typeof text !== 'string') return { ok: false, problem: text };
    // The hash takes the compiled JSON: a comment or a reformatting of the .bicep alone changes nothing deployed.
    this.contents.set(repoPath, text);
    let json: unknown;
    try {
      json = JSON.parse(stripJsonComments(text.replace(/^\uFEFF/, ' ')));
    } catch (error) {
      return { ok: false, problem: jsonProblem(repoPath, text, error as Error, what) };
    }
    if (json === null || typeof json !== 'object' || Array.isArray(json)) return fail(`${what} "${relative}" must hold a JSON object`, 'an ARM template or parameters file is one JSON object: { "$schema": ..., ... }');
    return { ok: true, repoPath, json: json as Record<string, unknown> };
  }

  /**
   * `bicep build` / `bicep build-params`; errors at their own Bicep file (the template, a module, the .bicepparam).
   * A .bicepparam gives ARM parameters JSON (`parametersJson` of build-params), so it reads as a parameters file.
   */
  private compileBicep(file: string): string | FileProblem {
    const result = runBicep(file, this.bicepPath);
    if (result.ok) {
      if (!file.endsWith('.bicepparam')) return result.text;
      const built = JSON.parse(result.text) as { parametersJson?: string };
      return built.parametersJson ?? result.text;
    }
    if (result.missing) return { message: result.message, hint: result.hint };
    const problems = result.diagnostics.map((d): FileProblem => {
      const inside = isInside(this.repoRoot, path.resolve(d.file));
      const shown = inside ? path.relative(this.repoRoot, path.resolve(d.file)).split(path.sep).join('/') : d.file;
      return { at: { file: shown, line: d.line, col: d.col }, message: `Bicep ${d.code}: ${d.message}`, hint: bicepHint(d) };
    });
    if (problems.length === 0) return { message: result.message, hint: 'run the same bicep command locally to see the full output' };
    return { ...problems[0], more: problems.slice(1) };
  }
}

function fail(message: string, hint?: string): FileResult {
  return { ok: false, problem: { message, hint } };
}

function isInside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}


/** Turns JSON.parse's "at position N" into the line and column of the file a person opens. */
function jsonProblem(file: string, text: string, error: Error, what: string): FileProblem {
  const found = jsonErrorOffset(stripJsonComments(text.replace(/^\uFEFF/, ' ')));
  const match = /position (\d+)/.exec(error.message) ?? /line (\d+) column (\d+)/.exec(error.message) ?? (found === undefined ? null : ['', String(found)]);
  let line = 1;
  let col = 1;
  if (match && match.length === 2) {
    const offset = Number(match[1]);
    const before = text.slice(0, offset).split('\n');
    line = before.length;
    col = before[before.length - 1].length + 1;
  } else if (match) {
    line = Number(match[1]);
    col = Number(match[2]);
  }
  const reason = error.message.replace(/ in JSON at position \d+.*$/, '').replace(/\s*\(line \d+ column \d+\)$/, '').replace(/, ".*" is not valid JSON$/s, '');
  return { at: { file, line, col }, message: `${what} is not valid JSON: ${reason}`, hint: 'check the brackets, quotes and commas here (comments and trailing commas are allowed, as in ARM)' };
}
