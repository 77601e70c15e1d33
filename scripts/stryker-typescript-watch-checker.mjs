// A Stryker checker, `typescript-watch`: a mutant that does not type-check is a CompileError (not run, not counted),
// as with Stryker's own TypeScript checker, but found with TypeScript's watch program instead of its solution builder.
// Measured on src/probes/command.ts: the solution builder parses the whole program again for every mutant (about 2.5 s
// of CPU a mutant, most of a run's time on two cores, the test runner idle waiting for it); the watch program keeps
// every unchanged file parsed and bound and re-checks only the files a change can affect (about 0.1 s), with the same
// verdicts (MUTATION.md). The program is `tsconfigFile` (tsconfig.mutation.json: src/ only; tests are not mutated, and
// a mutant that only breaks a test's typing still runs, as every other runs, against the transpile-only tests).
import path from 'node:path';
import ts from 'typescript';
import { CheckStatus } from '@stryker-mutator/api/check';
import { commonTokens, declareClassPlugin, PluginKind, tokens } from '@stryker-mutator/api/plugin';

class TypescriptWatchChecker {
  static inject = tokens(commonTokens.logger, commonTokens.options);

  constructor(log, options) {
    this.log = log;
    this.tsconfig = path.resolve(options.tsconfigFile ?? 'tsconfig.json');
    /** @type {Map<string, string>} file -> the mutated text the program sees instead of the file's own */
    this.overrides = new Map();
    /**
     * @type {Map<string, string | undefined>} file -> its text when first read. Checkers run in the project folder, not
     * in Stryker's sandbox, and a mutant's position is in the text as it was when the run began: a file edited during
     * a run (a test written beside it) must not move it, nor change what the program type-checks against.
     */
    this.snapshots = new Map();
    /** @type {Map<string, (file: string, kind: number) => void>} */
    this.watchers = new Map();
    this.pending = undefined;
  }

  async init() {
    const host = ts.createWatchCompilerHost(
      this.tsconfig,
      // Stryker's own checker's overrides: an unused name or unreachable code is no type error of a mutant.
      { noEmit: true, incremental: false, composite: false, allowUnreachableCode: true, noUnusedLocals: false, noUnusedParameters: false },
      {
        ...ts.sys,
        readFile: (file, encoding) => this.overrides.get(path.resolve(file)) ?? this.original(file, encoding),
        watchFile: (file, callback) => {
          const key = path.resolve(file);
          this.watchers.set(key, callback);
          return { close: () => this.watchers.delete(key) };
        },
        watchDirectory: () => ({ close() {} }),
        // The watch program waits 250 ms after a change before it updates; here every update is asked for at once.
        setTimeout: (callback) => {
          this.pending = callback;
          return 1;
        },
        clearTimeout: () => {
          this.pending = undefined;
        },
      },
      ts.createSemanticDiagnosticsBuilderProgram,
      () => {},
      () => {},
    );
    this.watch = ts.createWatchProgram(host);
    const errors = this.diagnostics();
    if (errors.length > 0) throw new Error(`Type errors before any mutant (${this.tsconfig}):\n${this.format(errors)}`);
  }

  /** One mutant at a time: the verdict is then the mutant's own, with no grouping to untangle. */
  async check(mutants) {
    const result = {};
    for (const mutant of mutants) {
      const file = path.resolve(mutant.fileName);
      if (this.watch.getProgram().getSourceFile(file) === undefined || !this.watchers.has(file)) {
        result[mutant.id] = { status: CheckStatus.Passed }; // not part of the program (Stryker's checker does the same)
        continue;
      }
      const original = this.original(file);
      const lines = ts.createSourceFile(file, original, ts.ScriptTarget.Latest, false);
      const start = lines.getPositionOfLineAndCharacter(mutant.location.start.line, mutant.location.start.column);
      const end = lines.getPositionOfLineAndCharacter(mutant.location.end.line, mutant.location.end.column);
      this.overrides.set(file, `${original.slice(0, start)}${mutant.replacement}${original.slice(end)}`);
      const errors = this.update(file);
      this.overrides.delete(file);
      result[mutant.id] = errors.length > 0 ? { status: CheckStatus.CompileError, reason: this.format(errors) } : { status: CheckStatus.Passed };
    }
    // Back to the files as they are, so the next check starts from them.
    for (const file of new Set(mutants.map((m) => path.resolve(m.fileName)))) if (this.watchers.has(file)) this.update(file);
    return result;
  }

  original(file, encoding) {
    const key = path.resolve(file);
    if (!this.snapshots.has(key)) this.snapshots.set(key, ts.sys.readFile(file, encoding));
    return this.snapshots.get(key);
  }

  update(file) {
    this.watchers.get(file)(file, ts.FileWatcherEventKind.Changed);
    const run = this.pending;
    this.pending = undefined;
    run?.();
    return this.diagnostics();
  }

  diagnostics() {
    const program = this.watch.getProgram();
    return [
      ...program.getConfigFileParsingDiagnostics(),
      ...program.getOptionsDiagnostics(),
      ...program.getGlobalDiagnostics(),
      ...program.getSyntacticDiagnostics(),
      ...program.getSemanticDiagnostics(),
    ];
  }

  format(errors) {
    return ts.formatDiagnostics(errors, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => process.cwd(), getNewLine: () => '\n' });
  }

  async dispose() {
    this.watch?.close();
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.Checker, 'typescript-watch', TypescriptWatchChecker)];
