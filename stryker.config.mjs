// Mutation testing (npm run mutation): see docs/mutation.md.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  // ts-jest runs the tests as ES modules.
  testRunnerNodeArgs: ['--experimental-vm-modules'],
  // Each mutant runs only the tests that reach it.
  coverageAnalysis: 'perTest',
  // All in-process tests in the first run: jest's findRelatedTests misses tests that reach a file
  // only through the engine (it found none for src/engine/open-snapshot.ts).
  jest: { configFile: 'jest.mutation.config.js', enableFindRelatedTests: false },
  // That first run is every engine test against the emulator: minutes, more on a busy machine.
  dryRunTimeoutMinutes: 30,
  checkers: ['typescript'],
  // Only src: a mutant there that breaks a test's or the emulator's types still runs, and type
  // checking the tests and the emulator for every mutant made the checker the bottleneck.
  tsconfigFile: 'tsconfig.mutation.json',
  mutate: ['src/snapshot/**/*.ts', 'src/engine/**/*.ts', 'src/resources/**/*.ts'],
  ignorePatterns: ['dist', 'coverage', 'reports', '.databricks-halt'],
  // The machine is shared: one test process, plus the checker.
  concurrency: 1,
  // A mutant whose tests run longer than this counts as detected (Stryker's rule). The machine is
  // shared and its load swings, so allow three times the first run's time before calling it that.
  timeoutFactor: 3,
  timeoutMS: 30_000,
  // Results accumulate across runs and sessions (docs/mutation.md): a mutant whose code and
  // covering tests are unchanged keeps its result; a run scoped with --mutate keeps the others.
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  // The first failing test is enough to kill a mutant (Stryker's default, stated on purpose).
  disableBail: false,
  // Mutants that only run while a module loads (constants, zod schemas built at import) have no
  // per-test coverage, so each would rerun every in-process test: minutes apiece here. They are
  // reported as ignored and counted as not yet measured (docs/mutation.md).
  ignoreStatic: true,
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
}
