import Sequencer from '@jest/test-sequencer'

/**
 * Mutation runs (jest.mutation.config.js) start with the quickest test files: with the bail of
 * mutation-environment.js, a mutant that a unit test kills then costs that unit test, not the
 * engine tests against the emulator that jest's default order (slowest first) would run before it.
 */
export default class QuickestFirstSequencer extends (Sequencer.default ?? Sequencer) {
  sort(tests) {
    const timed = tests.map((test) => ({ test, time: this.time(test) ?? 0 }))
    return timed
      .sort((a, b) => a.time - b.time || (a.test.path < b.test.path ? -1 : 1))
      .map((t) => t.test)
  }
}
