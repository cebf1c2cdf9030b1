// CommonJS: Stryker's jest runner loads the test environment with require().
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded by require(), see above
const { TestEnvironment } = require('jest-environment-node')

/**
 * Bail for mutation runs (jest.mutation.config.js). Stryker's `disableBail: false` only decides
 * how a result is read: jest cannot bail when started programmatically, so every test that
 * covers a mutant ran even after one had killed it. Here, once a test fails while mutant N is
 * active (Stryker names it in __STRYKER_ACTIVE_MUTANT__), every later test of that mutant's run is
 * skipped: the mutant is killed either way, and a survivor still runs all its tests. The first
 * (coverage) run has no active mutant, so it always runs everything.
 */
const ACTIVE_MUTANT = '__STRYKER_ACTIVE_MUTANT__'
/** The mutant under which a test has failed (module state, shared by every test file of a run). */
let killed

class MutationBailEnvironment extends TestEnvironment {
  async handleTestEvent(event, state) {
    await super.handleTestEvent?.(event, state)
    const mutant = process.env[ACTIVE_MUTANT]
    if (mutant === undefined) return
    if (event.name === 'test_done' && event.test.errors.length > 0) killed = mutant
    else if (event.name === 'hook_failure') killed = mutant
    else if (event.name === 'test_start' && killed === mutant) event.test.mode = 'skip'
  }
}

module.exports = MutationBailEnvironment
