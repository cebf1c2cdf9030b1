import base from './jest.config.js'

/**
 * The jest configuration `npm run mutation` uses: only the tests that reach src/snapshot,
 * src/engine or src/resources in this process (checked by following their imports). Tests that
 * run the code in a child process (the Action bundle, the CLI under tsx, workflow steps) never see
 * the active mutant, and tests of the client, auth or emulator never reach the mutated code; both
 * would only lengthen the first (coverage) run that every mutation run starts with.
 */
export default {
  ...base,
  reporters: ['default'],
  // Several test runners share the machine, so tests run slower than under npm test: a test that
  // failed by its own timeout would count as killing the mutant. A mutant that loops forever is
  // caught by Stryker's timeout instead (stryker.config.mjs), which counts as timed out.
  testTimeout: 300_000,
  // A mutant's run stops at its first failing test, quickest test files first (see each file).
  testEnvironment: `${import.meta.dirname}/scripts/mutation-environment.cjs`,
  testSequencer: `${import.meta.dirname}/scripts/mutation-sequencer.js`,
  // After the kill, the remaining files are not even loaded (see the file).
  runner: `${import.meta.dirname}/scripts/mutation-runner.cjs`,
  testMatch: [
    '<rootDir>/__tests__/engine/**/*.test.ts',
    '<rootDir>/__tests__/resources/**/*.test.ts',
    '<rootDir>/__tests__/snapshot/**/*.test.ts',
    '<rootDir>/__tests__/action/artifact-provenance.test.ts',
    '<rootDir>/__tests__/action/artifact-store.test.ts',
    '<rootDir>/__tests__/action/publish.test.ts',
    '<rootDir>/__tests__/cli/confirm.test.ts',
    '<rootDir>/__tests__/cli/output.test.ts',
  ],
  testPathIgnorePatterns: [
    '/node_modules/',
    // No import of the mutated directories.
    '<rootDir>/__tests__/engine/config.test.ts',
    '<rootDir>/__tests__/resources/layers.test.ts',
  ],
}
