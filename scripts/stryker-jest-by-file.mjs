// A Stryker test runner, `jest-by-file`: Stryker's own jest runner, except that a mutant's run loads only the test
// files that hold the tests covering it. Stryker's runner hands jest those tests by name (--testNamePattern) and the
// mutated file (--findRelatedTests), so jest loads every test file that imports the file, however indirectly, and then
// skips most of their tests. With ESM every test file links its whole module graph afresh, and that loading was most
// of a mutant's time. The tests that run are the same ones (by name, out of the files that hold them), so the verdict
// is the same; it is only reached without loading files none of whose tests would run.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { commonTokens, declareFactoryPlugin, PluginKind, tokens } from '@stryker-mutator/api/plugin';
import { strykerPlugins as jestPlugins } from '@stryker-mutator/jest-runner';

const jestPlugin = jestPlugins.find((p) => p.kind === PluginKind.TestRunner && p.name === 'jest');

// The dry run happens in one test-runner process; the others (and any restarted after a timeout) learn each test's
// file from what it wrote into the sandbox, every runner's working directory, which goes with the sandbox.
function mapFile() {
  return path.join(process.cwd(), '.stryker-tests-by-file.json');
}

class JestByFileTestRunner {
  constructor(inner) {
    this.inner = inner;
    /** @type {Map<string, string[]> | undefined} test id (its full name) -> the test files that have a test so named */
    this.filesOf = undefined;
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
      for (const test of result.tests) if (test.fileName) (filesOf[test.id] ??= []).includes(test.fileName) || filesOf[test.id].push(test.fileName);
      writeFileSync(mapFile(), JSON.stringify(filesOf));
      this.filesOf = new Map(Object.entries(filesOf));
    }
    return result;
  }

  async mutantRun(options) {
    this.files = this.filesFor(options.testFilter);
    try {
      return await this.inner.mutantRun(options);
    } finally {
      this.files = undefined;
    }
  }

  /** The files holding every test of the filter, or undefined (Stryker's own way) when any of them is unknown. */
  filesFor(testFilter) {
    if (testFilter === undefined || testFilter.length === 0) return undefined;
    if (this.filesOf === undefined && existsSync(mapFile())) this.filesOf = new Map(Object.entries(JSON.parse(readFileSync(mapFile(), 'utf8'))));
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
