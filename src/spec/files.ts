import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { jsonErrorOffset, stripJsonComments } from './jsonc.js';

/**
 * The files a spec names (templates, parameters files), read once each, and only from inside the repository: a spec
 * from a pull request must not make the action read /etc/passwd or a sibling checkout into a deployment.
 */
export interface FileProblem {
  /** Set when the problem is inside the named file (a JSON syntax error), not at the spec's reference to it. */
  at?: { file: string; line: number; col: number };
  message: string;
  hint?: string;
}

export type FileResult = { ok: true; repoPath: string; json: Record<string, unknown> } | { ok: false; problem: FileProblem };

export class SpecFiles {
  readonly repoRoot: string;
  private readonly specDir: string;
  private readonly cache = new Map<string, FileResult>();
  private readonly contents = new Map<string, string>();

  constructor(repoRoot: string, specFile: string) {
    this.repoRoot = realpathSync(path.resolve(repoRoot));
    this.specDir = path.dirname(path.resolve(specFile));
  }

  /** Reads `relative` (to the spec's folder) as JSON; `.bicep` is compiled when a bicep CLI is on PATH. */
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
    const text = absolute.endsWith('.bicep') ? compileBicep(absolute) : readFileSync(real, 'utf8');
    if (typeof text !== 'string') return { ok: false, problem: text };
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
}

function fail(message: string, hint?: string): FileResult {
  return { ok: false, problem: { message, hint } };
}

function isInside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function compileBicep(file: string): string | FileProblem {
  try {
    return execFileSync('bicep', ['build', '--stdout', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  } catch (error) {
    const err = error as NodeJS.ErrnoException & { stderr?: string };
    if (err.code === 'ENOENT') return { message: `${path.basename(file)} is Bicep, and no bicep CLI is on PATH`, hint: 'install the bicep CLI in the job, or commit the compiled ARM JSON and name it instead' };
    return { message: `bicep build failed for ${path.basename(file)}: ${(err.stderr ?? err.message).trim().split('\n')[0]}`, hint: `run bicep build ${path.basename(file)} locally and fix what it reports` };
  }
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
