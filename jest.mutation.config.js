// The jest configuration of mutation runs. Tests that run the bundled dist/ (the action and CLI end-to-end tests)
// cannot see a mutant in src/, so they would only cost time: they stay out.
import base from './jest.config.js';

export default {
  ...base,
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/__tests__/action/', '<rootDir>/__tests__/cli/', '\\.e2e\\.test\\.ts$'],
};
