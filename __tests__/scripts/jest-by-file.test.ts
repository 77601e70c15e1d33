// The mutation runs' test runner (scripts/stryker-jest-by-file.mjs) over a stand-in for Stryker's jest runner: which
// test files a mutant's run loads, in which rounds, and that a file which killed mutants of a module goes first for
// the next mutant of that module, in this runner and in the one that replaces it.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

interface Settings {
  testFiles?: string[];
}
interface Runner {
  dryRun(options: unknown): Promise<unknown>;
  mutantRun(options: { testFilter: string[]; activeMutant: { fileName: string; mutatorName: string; location: { start: { line: number } } } }): Promise<{ status: string; killedBy?: string[] }>;
}

const MODULE = '/repo/src/azure/poller.ts';
// One test per file; the named unit file is quick, the end-to-end ones slower, the last the slowest.
const FILES = ['poller.test.ts', 'a.e2e.test.ts', 'b.e2e.test.ts', 'c.e2e.test.ts', 'd.e2e.test.ts', 'killer.e2e.test.ts'].map((f) => `/repo/__tests__/${f}`);
const ms = [100, 1_000, 2_000, 3_000, 4_000, 9_000];

/** Stryker's jest runner as far as jest-by-file uses it: a mutant is killed by the test of `killer`, if loaded. */
function standIn(killer: string) {
  const loads: string[][] = [];
  const inner = {
    jestTestAdapter: { run: async (settings: Settings) => settings },
    init: async () => undefined,
    capabilities: () => ({ reloadEnvironment: true }),
    dryRun: async () => ({ status: 'complete', tests: FILES.map((fileName, i) => ({ id: `t${i}`, fileName, timeSpentMs: ms[i] })) }),
    async mutantRun() {
      const { testFiles = [] } = await inner.jestTestAdapter.run({});
      loads.push(testFiles.map((f) => path.basename(f)));
      const i = FILES.indexOf(killer);
      return testFiles.includes(killer) ? { status: 'killed', killedBy: [`t${i}`], nrOfTests: 1 } : { status: 'survived', nrOfTests: testFiles.length };
    },
  };
  return { inner, loads };
}

const mutant = (line: number) => ({ testFilter: FILES.map((_, i) => `t${i}`), activeMutant: { fileName: MODULE, mutatorName: 'ConditionalExpression', location: { start: { line } } } });

describe('jest-by-file', () => {
  let dir: string;
  let cwd: string;
  let Runner: new (inner: unknown) => Runner;
  beforeEach(async () => {
    cwd = process.cwd();
    dir = mkdtempSync(path.join(tmpdir(), 'staged-rollout-jest-by-file-'));
    Runner = ((await import(path.resolve('scripts/stryker-jest-by-file.mjs'))) as { JestByFileTestRunner: typeof Runner }).JestByFileTestRunner;
    process.chdir(dir);
  });
  afterEach(() => {
    process.chdir(cwd);
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads the named file first, then three, then the rest; the file that killed goes first for the next mutant of the module, in a new runner too', async () => {
    const first = standIn(FILES[5]);
    const runner = new Runner(first.inner);
    await runner.dryRun({});
    expect((await runner.mutantRun(mutant(10))).status).toBe('killed');
    expect(first.loads).toEqual([['poller.test.ts'], ['a.e2e.test.ts', 'b.e2e.test.ts', 'c.e2e.test.ts'], ['d.e2e.test.ts', 'killer.e2e.test.ts']]);

    first.loads.length = 0;
    expect((await runner.mutantRun(mutant(11))).status).toBe('killed');
    expect(first.loads).toEqual([['killer.e2e.test.ts']]);

    // A runner that replaces it (Stryker starts a new one every few mutants) knows it from the sandbox.
    const next = standIn(FILES[5]);
    const replacement = new Runner(next.inner);
    await replacement.mutantRun(mutant(12));
    expect(next.loads).toEqual([['killer.e2e.test.ts']]);
  });

  it('a survivor still loads every covering file, and teaches nothing', async () => {
    const none = standIn('/repo/__tests__/nowhere.test.ts');
    const runner = new Runner(none.inner);
    await runner.dryRun({});
    expect((await runner.mutantRun(mutant(20))).status).toBe('survived');
    expect(none.loads.flat().sort()).toEqual(FILES.map((f) => path.basename(f)).sort());
    none.loads.length = 0;
    await runner.mutantRun(mutant(21));
    expect(none.loads[0]).toEqual(['poller.test.ts']);
  });
});
