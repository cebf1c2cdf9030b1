// CommonJS: jest loads a test runner with require().
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded by require(), see above
const TestRunner = require('jest-runner').default
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded by require(), see above
const { createEmptyTestResult } = require('@jest/test-result')

/**
 * The test runner of mutation runs (jest.mutation.config.js): jest's own, one file at a time, except
 * that a test file that would start after the active mutant has been killed is not loaded at all.
 *
 * mutation-environment.cjs already skips every test after the kill, but jest still set up each
 * remaining file and imported it, with the engine and the emulator behind it: about half a second
 * a file, so a mutant killed by its first covering file still paid for the forty after it. Such a
 * file is reported here as run with no test, which changes no result: the mutant is killed either
 * way, and a mutant that is never killed (a survivor) still runs every covering file.
 */
const ACTIVE_MUTANT = '__STRYKER_ACTIVE_MUTANT__'
const KILLED = Symbol.for('databricks-halt.mutation.killed')

/**
 * A file's result as if its tests had been skipped. One skipped test, not none: jest reports a
 * file without any test as failed to run, and Stryker then counts the mutant as a runtime error.
 */
function notLoaded(testFilePath) {
  const title = 'not loaded: the mutant was already killed'
  return {
    ...createEmptyTestResult(),
    testFilePath,
    numPendingTests: 1,
    testResults: [
      {
        ancestorTitles: [],
        duration: 0,
        failureDetails: [],
        failureMessages: [],
        fullName: title,
        numPassingAsserts: 0,
        status: 'pending',
        title,
      },
    ],
  }
}

class MutationRunner {
  // Stryker runs jest in band; this runner keeps that and takes the callback interface of jest.
  isSerial = true
  supportsEventEmitters = false

  constructor(globalConfig, context) {
    this.inner = new TestRunner(globalConfig, context)
  }

  async runTests(tests, watcher, onStart, onResult, onFailure) {
    for (const test of tests) {
      if (watcher.isInterrupted()) return
      const mutant = process.env[ACTIVE_MUTANT]
      if (mutant !== undefined && globalThis[KILLED] === mutant) {
        await onStart(test)
        await onResult(test, notLoaded(test.path))
        continue
      }
      const off = [
        this.inner.on('test-file-start', ([t]) => onStart(t)),
        this.inner.on('test-file-success', ([t, result]) => onResult(t, result)),
        this.inner.on('test-file-failure', ([t, error]) => onFailure(t, error)),
      ]
      try {
        await this.inner.runTests([test], watcher, { serial: true })
      } finally {
        for (const unsubscribe of off) unsubscribe()
      }
    }
  }
}

module.exports = MutationRunner
