// ESM all the way: @actions/core 3 and @actions/github 9 ship only ESM.
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    // Type checking is `tsc --noEmit` in `npm test`; with isolatedModules in tsconfig, ts-jest only transpiles (fast).
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
  },
  testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
  // A mutation run's sandbox (.stryker/tmp) is a copy of the project: jest must not see its package.json or tests.
  modulePathIgnorePatterns: ['<rootDir>/.stryker/'],
  testTimeout: 60000,
  // Jest's default on 2 cores is one worker, i.e. every suite in turn in one process. Most of our suites wait (on
  // child processes running dist/, on real-time windows of the bundled action, on Azurite) rather than compute, so two
  // workers on two cores keep both busy; more would only make the real-time windows of the e2e suites tighter.
  maxWorkers: 2,
  // A suite left a handle open after its servers stopped, so jest waited forever after every test had passed. Found
  // (handles listed in a globalTeardown, one folder at a time): a stamp app of the sim that started listening while the
  // sim stopped (sim/apps.ts, fixed). With it fixed, sim, e2e, release-units, azure, time, github, report, plan, probes
  // and engine end with no handle; action, cli, failover and spec were not yet checked, so this stays until they are.
  forceExit: true,
};
