// The jest configuration of mutation runs. Tests that run the bundled dist/ in a child process (the action and CLI
// end-to-end tests, and the release-unit jobs run as the action) cannot see a mutant in src/, so they would only cost
// time: they stay out. The other end-to-end tests drive src/ in-process (the rehearsal harnesses, the real SDKs over
// HTTPS to the local endpoint) and are often the only tests of a controller or the deployer: they stay in. The tests
// of the mutation tooling itself (__tests__/scripts) cover nothing in src/ either.
import base from './jest.config.js';

export default {
  ...base,
  transform: { '^.+\\.ts$': ['<rootDir>/scripts/jest-transform-without-source-maps.mjs', base.transform['^.+\\.ts$'][1]] },
  // A mutant that makes a test wait forever (a loop that never ends, a promise never settled) costs that test's whole
  // timeout, and many such mutants of one file cost minutes each at 60 s. Tests that need longer say so themselves.
  testTimeout: 15_000,
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/__tests__/action/', '<rootDir>/__tests__/cli/', '<rootDir>/__tests__/release-units/action-jobs\\.e2e\\.test\\.ts$', '<rootDir>/__tests__/scripts/'],
};
