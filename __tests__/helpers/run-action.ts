import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * Node's on-disk compile cache for the processes the tests start: the suites start dist/ a few hundred times, and
 * compiling the 6 MB bundles is about a quarter of each start's CPU. Node checks each entry against the file's content,
 * so a rebuilt dist/ is compiled afresh; what the process does is unchanged.
 */
export const compileCache = { NODE_COMPILE_CACHE: path.join(tmpdir(), 'staged-rollout-node-compile-cache') };

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

/**
 * Runs the bundled action as the runner does: a separate Node process on `dist/index.js`, inputs as INPUT_* variables,
 * outputs and the job summary through the files named by GITHUB_OUTPUT and GITHUB_STEP_SUMMARY.
 */
export async function runAction(inputs: Record<string, string>, env: Record<string, string> = {}): Promise<ActionRun> {
  const dir = mkdtempSync(path.join(tmpdir(), 'staged-rollout-action-'));
  const outputFile = path.join(dir, 'output');
  const summaryFile = path.join(dir, 'summary');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const inputEnv = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]));
  const { code, stdout, stderr } = await runNode([path.join(repoRoot, 'dist', 'index.js')], {
    PATH: process.env.PATH,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: repoRoot,
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_REPOSITORY: 'contoso/web',
    GITHUB_RUN_ID: '42',
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: dir,
    ...inputEnv,
    ...env,
  });
  const run = { code, stdout, stderr, outputs: parseOutputs(readFileSync(outputFile, 'utf8')), summary: readFileSync(summaryFile, 'utf8') };
  rmSync(dir, { recursive: true, force: true });
  return run;
}

/**
 * Asserts the run's `status` output. On a mismatch the failure carries what the run printed, so a run that failed
 * only on a loaded CI machine says why in the CI log instead of just "received failed".
 */
export function expectStatus(run: ActionRun, status: string): void {
  if (run.outputs.status === status) return;
  const printed = run.stdout.split('\n').filter((line) => line.trim() !== '').slice(-60).join('\n');
  throw new Error(`expected status ${status}, got ${run.outputs.status ?? '(no status output)'} (exit ${run.code}); the last lines it printed:\n${printed}\n${run.stderr}`);
}

/** GITHUB_OUTPUT holds `name<<DELIMITER\nvalue\nDELIMITER` blocks. */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i]);
    if (!m) continue;
    const end = lines.indexOf(m[2], i + 1);
    outputs[m[1]] = lines.slice(i + 1, end).join('\n');
    i = end;
  }
  return outputs;
}

/** Runs the bundled CLI (`bin/staged-rollout.js`) and collects what it prints. */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<ProcessRun> {
  return runNode([path.join(repoRoot, 'bin', 'staged-rollout.js'), ...args], { PATH: process.env.PATH ?? '', ...env });
}

interface ProcessRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** This Node (24, as the runner's) on `args` in the repository, with only the given environment. */
async function runNode(args: string[], env: Record<string, string | undefined>): Promise<ProcessRun> {
  const child = spawn(process.execPath, args, { cwd: repoRoot, env: { ...compileCache, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, stdout, stderr };
}
