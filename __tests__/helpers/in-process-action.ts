import { jest } from '@jest/globals';
import * as core from '@actions/core';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseOutputs, repoRoot } from './run-action.js';

export { repoRoot };

/** The sha run-action.ts gives the bundled action, so both kinds of test expect the same default version. */
export const SHA = '0123456789abcdef0123456789abcdef01234567';

export interface InProcessRun {
  /** process.exitCode as the step left it (core.setFailed sets 1). */
  exitCode: number | undefined;
  /** Everything written to stdout: core.info lines and workflow commands (::error::, ::add-mask::, ...). */
  stdout: string;
  outputs: Record<string, string>;
  summary: string;
  /** What the body threw, if it did (the action's run() catches; a runX() called directly throws). */
  error?: unknown;
}

/**
 * The action's environment for code called in this process: the runner's INPUT_* variables, GITHUB_OUTPUT and
 * GITHUB_STEP_SUMMARY files, and stdout captured, all restored afterwards. @actions/core reads the environment at call
 * time, except the job summary's file, which it keeps after the first write: so one summary file serves the whole test
 * file and is emptied before each run.
 */
export function actionHarness() {
  const dir = mkdtempSync(path.join(tmpdir(), 'staged-rollout-inproc-'));
  const outputFile = path.join(dir, 'output');
  const summaryFile = path.join(dir, 'summary');

  async function run(inputs: Record<string, string>, body: () => Promise<void> | void, env: Record<string, string | undefined> = {}): Promise<InProcessRun> {
    const saved = { ...process.env };
    const savedExitCode = process.exitCode;
    for (const key of Object.keys(process.env)) if (key.startsWith('INPUT_')) delete process.env[key];
    writeFileSync(outputFile, '');
    writeFileSync(summaryFile, '');
    core.summary.emptyBuffer();
    const base: Record<string, string | undefined> = {
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: repoRoot,
      GITHUB_SHA: SHA,
      GITHUB_REPOSITORY: 'contoso/web',
      GITHUB_RUN_ID: '42',
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      RUNNER_TEMP: dir,
      ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.replace(/ /g, '_').toUpperCase()}`, v])),
      ...env,
    };
    for (const [k, v] of Object.entries(base)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    let stdout = '';
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation(((chunk: unknown) => {
      stdout += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
      return true;
    }) as typeof process.stdout.write);
    let error: unknown;
    let exitCode: number | undefined;
    try {
      await body();
    } catch (e) {
      error = e;
    } finally {
      spy.mockRestore();
      exitCode = process.exitCode === undefined ? undefined : Number(process.exitCode);
      process.exitCode = savedExitCode;
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    }
    return { exitCode, stdout, outputs: parseOutputs(readFileSync(outputFile, 'utf8')), summary: readFileSync(summaryFile, 'utf8'), error };
  }

  return {
    dir,
    run,
    /** Inputs only, for readInputs-style tests that need no files. */
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** The lines of stdout that are workflow commands of one kind (`error`, `warning`, `add-mask`, ...). */
export function commands(stdout: string, kind: string): string[] {
  return stdout.split('\n').filter((l) => l.startsWith(`::${kind}`));
}
