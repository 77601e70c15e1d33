// A Stryker test runner, `jest-by-file`: Stryker's own jest runner, except that a mutant's run loads only the test
// files that hold the tests covering it. Stryker's runner hands jest those tests by name (--testNamePattern) and the
// mutated file (--findRelatedTests), so jest loads every test file that imports the file, however indirectly, and then
// skips most of their tests. With ESM every test file links its whole module graph afresh, and that loading was most
// of a mutant's time. The tests that run are the same ones (by name, out of the files that hold them), so the verdict
// is the same; it is only reached without loading files none of whose tests would run.
import { appendFileSync, closeSync, existsSync, fstatSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { commonTokens, declareFactoryPlugin, PluginKind, tokens } from '@stryker-mutator/api/plugin';
import { strykerPlugins as jestPlugins } from '@stryker-mutator/jest-runner';

/** What a jest run costs before its first test, in this runner (runCLI with one small test file, 2 cores). */
const RUN_START_MS = 600;

const jestPlugin = jestPlugins.find((p) => p.kind === PluginKind.TestRunner && p.name === 'jest');

// The dry run happens in one test-runner process; the others (and any restarted after a timeout) learn each test's
// file from what it wrote into the sandbox, every runner's working directory, which goes with the sandbox.
function mapFile() {
  return path.join(process.cwd(), '.stryker-tests-by-file.json');
}

// Which test file killed a mutant of which source file, one line each, shared the same way: runners are replaced every
// few mutants (maxTestRunnerReuse), so what one learned must outlive it.
function killersFile() {
  return path.join(process.cwd(), '.stryker-killers.tsv');
}

export class JestByFileTestRunner {
  constructor(inner) {
    this.inner = inner;
    /** @type {Map<string, string[]> | undefined} test id (its full name) -> the test files that have a test so named */
    this.filesOf = undefined;
    /** @type {Map<string, number> | undefined} test file -> the time its tests took in the dry run */
    this.fileMs = undefined;
    /** Kills read so far from the killers file: how far it was read, and source file -> test file -> kills. */
    this.kills = { read: 0, bySource: new Map() };
    /** @type {string[] | undefined} the test files of the mutant being run */
    this.files = undefined;
    const adapter = inner.jestTestAdapter;
    if (typeof adapter?.run !== 'function') throw new Error('jest-by-file: the jest runner has no jestTestAdapter.run (Stryker changed); use testRunner: jest');
    const run = adapter.run.bind(adapter);
    // With testFiles set, the adapter hands jest those files and no --findRelatedTests; the name pattern stays.
    adapter.run = (settings) => run(this.files !== undefined && settings.testFiles === undefined ? { ...settings, testFiles: this.files } : settings);
  }

  init() {
    return this.inner.init();
  }

  capabilities() {
    return this.inner.capabilities();
  }

  async dryRun(options) {
    const result = await this.inner.dryRun(options);
    if (result.status === 'complete') {
      const filesOf = {};
      const fileMs = {};
      for (const test of result.tests) {
        if (!test.fileName) continue;
        (filesOf[test.id] ??= []).includes(test.fileName) || filesOf[test.id].push(test.fileName);
        fileMs[test.fileName] = (fileMs[test.fileName] ?? 0) + (test.timeSpentMs ?? 0);
      }
      writeFileSync(mapFile(), JSON.stringify({ filesOf, fileMs }));
      this.learn({ filesOf, fileMs });
    }
    return result;
  }

  learn({ filesOf, fileMs }) {
    this.filesOf = new Map(Object.entries(filesOf));
    this.fileMs = new Map(Object.entries(fileMs));
  }

  /**
   * Jest cannot bail programmatically (Stryker's runner says so and turns it off), so a mutant that its first test
   * kills still ran every test covering it: for code the whole suite goes through (spec loading, the engine) that is
   * dozens of files, seconds to tens of seconds a mutant. Here, unless Stryker asks for every killer (disableBail), the
   * file likeliest to kill it soonest runs first, and the other files only if the mutant survived that one. Same tests,
   * same verdict: a survivor still ran them all.
   */
  async mutantRun(options) {
    const started = Date.now();
    const files = this.filesFor(options.testFilter);
    const mutated = options.activeMutant?.fileName;
    const result = files === undefined || files.length < 2 || options.disableBail ? await this.runIn(files, options) : await this.inTurn(this.likeliestFirst(files, options.testFilter, mutated, this.killersOf(mutated)), options);
    if (result.status === 'killed' && mutated !== undefined) this.remember(mutated, result.killedBy ?? [], files);
    if (process.env.STRYKER_MUTANT_LOG) appendFileSync(process.env.STRYKER_MUTANT_LOG, `${options.activeMutant?.fileName}:${options.activeMutant?.location?.start?.line} ${options.activeMutant?.mutatorName} ${result.status} ${files?.length ?? 'all'} files ${Date.now() - started} ms\n`);
    return result;
  }

  /**
   * The files in rounds of growing size, the likeliest killer first: one file, then the next three, then the rest. A
   * mutant the first file misses is most often killed by one of the next few, so it no longer runs all the others.
   */
  async inTurn(ordered, options) {
    let tests = 0;
    let result;
    for (const round of [ordered.slice(0, 1), ordered.slice(1, 4), ordered.slice(4)].filter((r) => r.length > 0)) {
      result = await this.runIn(round, options);
      if (result.status !== 'survived') return result;
      tests += result.nrOfTests ?? 0;
    }
    return { ...result, nrOfTests: tests };
  }

  async runIn(files, options) {
    this.files = files;
    try {
      return await this.inner.mutantRun(options);
    } finally {
      this.files = undefined;
    }
  }

  /**
   * First the files that killed the most mutants of the same module so far in this run: a module's mutants tend to
   * fall to the same few files, and when those are end-to-end files no name says so (most mutants of
   * arm-deployment.ts's polling were killed only by the 20th to 25th of their covering files, 30-95 s each).
   * Then the test file named after the mutated module (`__tests__/spec/checks.test.ts` for `src/spec/checks.ts`): it
   * is written against that module, so it kills most of its mutants, and it is usually a unit file. Then the files
   * named after a part of it (`deployer-preflight.test.ts`, `deployer-listing.test.ts` for `deployer.ts`): without
   * them in the first rounds, most mutants of deployer.ts ran all 20 covering files before one of those killed them.
   * Then by covering tests per second of the dry run (plus jest's cost of starting a run, measured at about 0.6 s):
   * choosing by count alone sent most mutants of shared code to a slow end-to-end file first.
   */
  likeliestFirst(files, testFilter, mutatedFile, kills = new Map()) {
    const covering = new Map(files.map((f) => [f, 0]));
    for (const id of testFilter) for (const f of this.filesOf.get(id) ?? []) covering.set(f, covering.get(f) + 1);
    const module = mutatedFile === undefined ? undefined : path.basename(mutatedFile).replace(/\.ts$/, '');
    const rank = new Map(
      files.map((f) => [f, { kills: kills.get(f) ?? 0, named: namedAfter(path.basename(f).split('.')[0], module), perSecond: covering.get(f) / (RUN_START_MS + (this.fileMs?.get(f) ?? Number.MAX_SAFE_INTEGER)) }]),
    );
    return [...files].sort((a, b) => rank.get(b).kills - rank.get(a).kills || rank.get(b).named - rank.get(a).named || rank.get(b).perSecond - rank.get(a).perSecond);
  }

  /**
   * Test file -> how many mutants of `mutatedFile` it killed so far in this run (any runner's). Only what was appended
   * since the last mutant is read: by the end of a whole run the file holds thousands of lines.
   */
  killersOf(mutatedFile) {
    if (existsSync(killersFile())) {
      const fd = openSync(killersFile(), 'r');
      let fresh;
      try {
        fresh = Buffer.alloc(Math.max(0, fstatSync(fd).size - this.kills.read));
        readSync(fd, fresh, 0, fresh.length, this.kills.read);
      } finally {
        closeSync(fd);
      }
      // A line another runner is still appending waits for the next mutant.
      const end = fresh.lastIndexOf(0x0a) + 1;
      for (const line of fresh.subarray(0, end).toString('utf8').split('\n')) {
        const [source, test] = line.split('\t');
        if (!source || !test) continue;
        const counts = this.kills.bySource.get(source) ?? new Map();
        counts.set(test, (counts.get(test) ?? 0) + 1);
        this.kills.bySource.set(source, counts);
      }
      this.kills.read += end;
    }
    return (mutatedFile !== undefined && this.kills.bySource.get(mutatedFile)) || new Map();
  }

  /** The files of the tests that killed it (one line each, appended: two runners may write at once). */
  remember(mutatedFile, killedBy, files) {
    const killers = new Set(killedBy.flatMap((id) => this.filesOf?.get(id) ?? []).filter((f) => files === undefined || files.includes(f)));
    if (killers.size > 0) appendFileSync(killersFile(), [...killers].map((f) => `${mutatedFile}\t${f}\n`).join(''));
  }

  /** The files holding every test of the filter, or undefined (Stryker's own way) when any of them is unknown. */
  filesFor(testFilter) {
    if (testFilter === undefined || testFilter.length === 0) return undefined;
    if (this.filesOf === undefined && existsSync(mapFile())) this.learn(JSON.parse(readFileSync(mapFile(), 'utf8')));
    if (this.filesOf === undefined) return undefined;
    const files = new Set();
    for (const id of testFilter) {
      const of = this.filesOf.get(id);
      if (of === undefined) return undefined;
      for (const f of of) files.add(f);
    }
    return [...files];
  }

  dispose() {
    return this.inner.dispose?.();
  }
}

function jestByFileFactory(injector) {
  return new JestByFileTestRunner(injector.injectFunction(jestPlugin.factory));
}
jestByFileFactory.inject = tokens(commonTokens.injector);

export const strykerPlugins = [declareFactoryPlugin(PluginKind.TestRunner, 'jest-by-file', jestByFileFactory)];

/** 2 for the test file of the module itself, 1 for one of a part of it (`deployer-listing` of `deployer`), else 0. */
function namedAfter(testName, module) {
  if (module === undefined) return 0;
  if (testName === module) return 2;
  return testName.startsWith(`${module}-`) ? 1 : 0;
}
