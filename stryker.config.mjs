// Mutation testing (`npm run mutation`): not part of `npm test` or `.ci/run`, since a whole run takes far longer than
// the suite. scripts/mutation.mjs narrows `mutate` to the folders asked for and prints the per-folder scores.
export default {
  packageManager: 'npm',
  // Stryker's jest runner, loading for each mutant only the test files that hold its covering tests
  // (scripts/stryker-jest-by-file.mjs says why).
  testRunner: 'jest-by-file',
  plugins: ['@stryker-mutator/*', './scripts/stryker-jest-by-file.mjs', './scripts/stryker-typescript-watch-checker.mjs'],
  // Our jest runs ESM (ts-jest with useESM), which needs the VM-modules flag in every test-runner process.
  testRunnerNodeArgs: ['--experimental-vm-modules'],
  jest: { configFile: 'jest.mutation.config.js', enableFindRelatedTests: true },
  // A mutant that does not type-check is a CompileError, not run and not counted; the checker is Stryker's TypeScript
  // checker's verdict from TypeScript's watch program (scripts/stryker-typescript-watch-checker.mjs says why).
  checkers: ['typescript-watch'],
  tsconfigFile: 'tsconfig.mutation.json',
  coverageAnalysis: 'perTest',
  // A static mutant (module-level code: tables, regexes) is covered by every test, so each would rerun the whole unit
  // suite: on two cores that is most of the run's time. They are ignored (not counted) unless --no-ignoreStatic.
  ignoreStatic: true,
  mutate: ['src/**/*.ts', '!src/index.ts', '!src/cli*.ts'],
  // Reuse the last report: only mutants in changed code, or covered by changed tests, run again.
  incremental: true,
  incrementalFile: '.stryker/incremental.json',
  reporters: ['progress', 'json', 'html'],
  jsonReporter: { fileName: '.stryker/mutation.json' },
  htmlReporter: { fileName: '.stryker/mutation.html' },
  tempDirName: '.stryker/tmp',
  cleanTempDir: 'always',
  concurrency: 2,
  // A jest runner keeps every ESM module graph it loaded: past ~4 GB it spends most of its time collecting garbage
  // (2 mutants a minute, measured), so each runner is replaced after this many mutants instead.
  maxTestRunnerReuse: 10,
  timeoutMS: 20000,
  // The sandbox lives two folders down, so the tests' `../shared` is linked in beside it. dist/ and examples/ are
  // copied: a few unit-suite tests run the built CLI or read the committed workflows, and the dry run must pass whole.
  // Those tests cover no src/ line in-process, so per-test coverage never picks them for a mutant.
  // .tools (the Bicep CLI that `npm test` restores) is copied too: without it the Bicep tests skip, and every mutant
  // of src/spec/bicep.ts would count as not covered.
  ignorePatterns: ['coverage', '.stryker'],
};
