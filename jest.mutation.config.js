import base from './jest.config.js'

/**
 * The jest configuration `npm run mutation` uses: the in-process tests only. Tests that run the
 * code in a child process (the Action bundle, the CLI under tsx, workflow steps) never see the
 * active mutant, so they would only cost time.
 */
export default {
  ...base,
  reporters: ['default'],
  testPathIgnorePatterns: [
    '/node_modules/',
    '<rootDir>/__tests__/action/action-e2e.test.ts',
    '<rootDir>/__tests__/cli/',
    '<rootDir>/__tests__/workflows/',
    '<rootDir>/__tests__/readme/',
    '<rootDir>/__tests__/emulator/main.test.ts',
  ],
}
