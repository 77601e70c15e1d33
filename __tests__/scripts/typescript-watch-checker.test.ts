// The mutation runs' TypeScript checker (scripts/stryker-typescript-watch-checker.mjs): a mutant that breaks the types
// is a CompileError, one that does not passes, and a file edited on disk during a run changes neither verdict nor
// position: checkers run in the project folder, and the mutants' positions are in the text as the run found it.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const CHECKER = path.resolve('scripts/stryker-typescript-watch-checker.mjs');

interface Checker {
  init(): Promise<void>;
  check(mutants: unknown[]): Promise<Record<string, { status: string }>>;
  dispose(): Promise<void>;
}

describe('typescript-watch checker', () => {
  let dir: string;
  let file: string;
  let checker: Checker;
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'staged-rollout-checker-'));
    file = path.join(dir, 'a.ts');
    writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, noEmit: true, types: [] }, files: ['a.ts'] }));
    writeFileSync(file, 'export const count: number = 1;\n');
    const { strykerPlugins } = (await import(CHECKER)) as { strykerPlugins: Array<{ injectableClass: new (log: unknown, options: unknown) => Checker }> };
    checker = new strykerPlugins[0].injectableClass(console, { tsconfigFile: path.join(dir, 'tsconfig.json') });
    await checker.init();
  });
  afterEach(async () => {
    await checker.dispose();
    rmSync(dir, { recursive: true, force: true });
  });
  // `1` is at line 0, columns 29-30 of the text the run began with.
  const mutant = (id: string, replacement: string) => ({ id, fileName: file, replacement, location: { start: { line: 0, column: 29 }, end: { line: 0, column: 30 } } });

  it('a mutant that breaks the types is a compile error, one that does not passes', async () => {
    expect(await checker.check([mutant('1', '"one"')])).toEqual({ '1': expect.objectContaining({ status: 'compileError' }) });
    expect(await checker.check([mutant('2', '2')])).toEqual({ '2': { status: 'passed' } });
  });

  it('checks against the text the run began with, whatever the file says on disk now', async () => {
    // An edit during the run: three lines above, and a type that the mutant would now satisfy.
    writeFileSync(file, '\n\n\nexport const count: string = "x";\n');
    expect(await checker.check([mutant('1', '"one"')])).toEqual({ '1': expect.objectContaining({ status: 'compileError' }) });
    expect(await checker.check([mutant('2', '2')])).toEqual({ '2': { status: 'passed' } });
  });
});
