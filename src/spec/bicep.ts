import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The Bicep CLI, run to turn `.bicep` templates into ARM JSON and `.bicepparam` files into ARM parameters. Its
 * diagnostics (`file(line,col) : Error BCP033: message [link]`) become problems at the Bicep file's own line and column,
 * so a compile error reads like every other spec mistake.
 */
export interface BicepDiagnostic {
  file: string;
  line: number;
  col: number;
  code: string;
  message: string;
}

export type BicepResult = { ok: true; text: string } | { ok: false; missing: true; message: string; hint: string } | { ok: false; missing?: false; diagnostics: BicepDiagnostic[]; message: string };

/** An explicit path (input `bicep-path`, `--bicep-path`), else `bicep` on PATH, else where `az bicep install` puts it. */
export function bicepCandidates(explicit: string | undefined): string[] {
  if (explicit) return [explicit];
  const azure = path.join(os.homedir(), '.azure', 'bin', process.platform === 'win32' ? 'bicep.exe' : 'bicep');
  return existsSync(azure) ? ['bicep', azure] : ['bicep'];
}

const DIAGNOSTIC = /^(.+?)\((\d+),(\d+)\)\s*:\s*Error\s+([\w-]+):\s*(.*?)(?:\s+\[https?:[^\]]*\])?$/;

export function parseDiagnostics(stderr: string): BicepDiagnostic[] {
  const seen = new Set<string>();
  const out: BicepDiagnostic[] = [];
  for (const line of stderr.split(/\r?\n/)) {
    const m = DIAGNOSTIC.exec(line.trim());
    if (!m || seen.has(line)) continue;
    seen.add(line);
    out.push({ file: m[1], line: Number(m[2]), col: Number(m[3]), code: m[4], message: m[5] });
  }
  return out;
}

/**
 * A compile takes seconds, and a rollout's jobs compile the same files again: successful compiles are kept in the
 * temp folder under a hash of the file and every Bicep file it pulls in (`using`, `module`), so a changed
 * module is never served stale.
 */
function cacheKey(file: string): string | undefined {
  const hash = createHash('sha256').update('bicep-build-v1\0');
  const seen = new Set<string>();
  const visit = (f: string): boolean => {
    if (seen.has(f)) return true;
    seen.add(f);
    let text: string;
    try {
      text = readFileSync(f, 'utf8');
    } catch {
      return false;
    }
    hash.update(`${f}\0${text}\0`);
    for (const m of text.matchAll(/^\s*(?:using|module\s+\w+)\s+'([^']+)'/gm)) {
      if (/^(br|ts)[:/]/.test(m[1])) return false; // registry modules: no local content to hash
      if (!visit(path.resolve(path.dirname(f), m[1]))) return false;
    }
    return true;
  };
  return visit(file) ? hash.digest('hex') : undefined;
}

const CACHE_DIR = path.join(os.tmpdir(), 'staged-rollout-bicep-cache');

/** `bicep build` for a template, `bicep build-params` for a .bicepparam; the JSON text on success. */
export function runBicep(file: string, explicit: string | undefined): BicepResult {
  const key = cacheKey(file);
  const cached = key === undefined ? undefined : path.join(CACHE_DIR, `${key}.json`);
  if (cached && existsSync(cached)) return { ok: true, text: readFileSync(cached, 'utf8') };
  const result = compile(file, explicit);
  if (result.ok && cached) {
    try {
      mkdirSync(CACHE_DIR, { recursive: true });
      const temp = `${cached}.${process.pid}.tmp`;
      writeFileSync(temp, result.text);
      renameSync(temp, cached);
    } catch {
      // A cache that cannot be written only costs time.
    }
  }
  return result;
}

function compile(file: string, explicit: string | undefined): BicepResult {
  const args = file.endsWith('.bicepparam') ? ['build-params', '--stdout', file] : ['build', '--stdout', file];
  let lastMissing = '';
  for (const bicep of bicepCandidates(explicit)) {
    try {
      const text = execFileSync(bicep, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 180_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' } });
      return { ok: true, text };
    } catch (error) {
      const err = error as NodeJS.ErrnoException & { stderr?: string; status?: number };
      if (err.code === 'ENOENT' || err.code === 'EACCES') {
        lastMissing = bicep;
        continue;
      }
      const diagnostics = parseDiagnostics(err.stderr ?? '');
      const first = (err.stderr ?? err.message).trim().split('\n')[0];
      return { ok: false, diagnostics, message: `bicep ${args[0]} failed for ${path.basename(file)}: ${first}` };
    }
  }
  return explicit
    ? { ok: false, missing: true, message: `the Bicep CLI at ${lastMissing} cannot be run`, hint: 'fix bicep-path, or leave it empty to use bicep from PATH' }
    : {
        ok: false,
        missing: true,
        message: `${path.basename(file)} is Bicep, and no bicep CLI is on PATH`,
        hint: 'install the bicep CLI in the job (GitHub-hosted runners have it), set bicep-path, or commit the compiled ARM JSON and name it instead',
      };
}

/** A hint per Bicep diagnostic, in a person's words; the code's documentation for the rest. */
export function bicepHint(d: BicepDiagnostic): string {
  const known: Record<string, string> = {
    BCP033: 'give the parameter a value of the type the template declares',
    BCP035: 'add the missing property',
    BCP037: 'remove the property or correct its name',
    BCP057: 'declare the name first (param, var or resource), or correct its spelling',
    BCP091: 'check the path of the file the using or module statement names',
    BCP258: 'give a value to every template parameter without a default in the .bicepparam file',
    BCP259: 'remove the parameter, or declare it in the template the using statement names',
  };
  return `${known[d.code] ? `${known[d.code]}; ` : ''}see https://aka.ms/bicep/core-diagnostics#${d.code}`;
}
