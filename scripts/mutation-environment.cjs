// CommonJS: Stryker's jest runner loads the test environment with require().
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded by require(), see above
const { TestEnvironment } = require('jest-environment-node')
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded by require(), see above
const { writeFileSync } = require('node:fs')
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded by require(), see above
const { join } = require('node:path')

/**
 * The test environment of mutation runs (jest.mutation.config.js).
 *
 * Bail: Stryker's `disableBail: false` only decides how a result is read; jest cannot bail when
 * started programmatically, so every test that covers a mutant ran even after one had killed it.
 * Here, once a test fails while mutant N is active (Stryker names it in __STRYKER_ACTIVE_MUTANT__),
 * every later test of that mutant's run is skipped: the mutant is killed either way, and a
 * survivor still runs all its tests. A describe block (the file's root block too) that starts
 * after the kill is skipped whole, so its beforeAll hooks (an emulator, a whole stop) do not run
 * either: jest-circus runs a block's beforeAll hooks only when one of its tests is not skipped.
 *
 * Test files: in the first (coverage) run, which has no active mutant and runs every test, it
 * records which file holds each test (by jest's test id), for scripts/mutation-sequencer.js. Only
 * one test runner makes that run, so the record is also written to TEST_FILES in the sandbox (in a
 * Stryker worker only), where the other runners, and one restarted after a timeout, read it,
 * with how long each file took in that run: the sequencer runs the quickest files first (jest's
 * own timings are kept per configuration path, and every Stryker run has a new sandbox path).
 */
const ACTIVE_MUTANT = '__STRYKER_ACTIVE_MUTANT__'
const FILES = Symbol.for('databricks-halt.mutation.testFiles')
const TEST_FILES = '.mutation-test-files.json'
/**
 * The mutant under which a test has failed: shared by every test file of a run, and read by
 * mutation-runner.cjs, which then does not even load the files after the kill.
 */
const KILLED = Symbol.for('databricks-halt.mutation.killed')

/** Test id → test file, in this process (the sequencer runs here too). */
function testFiles() {
  globalThis[FILES] ??= new Map()
  return globalThis[FILES]
}

/** Test file → milliseconds it took in the first run. */
const durations = {}

/** jest-circus's getTestID: the describe names and the test name, without the root block. */
function testId(test) {
  const names = []
  for (let block = test; block; block = block.parent) names.unshift(block.name)
  return names.slice(1).join(' ')
}

/** Marks a describe block and everything in it skipped, before its hooks are looked up. */
function skipAll(block) {
  block.mode = 'skip'
  for (const child of block.children) {
    if (child.type === 'describeBlock') skipAll(child)
    else child.mode = 'skip'
  }
}

class MutationEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context)
    this.testPath = context.testPath
    this.rootDir = config.projectConfig.rootDir
  }

  async setup() {
    this.startedAt = performance.now()
    await super.setup()
  }

  async teardown() {
    const inStryker = process.env.STRYKER_MUTATOR_WORKER !== undefined
    if (inStryker && process.env[ACTIVE_MUTANT] === undefined && testFiles().size > 0) {
      durations[this.testPath] = Math.round(performance.now() - this.startedAt)
      const record = { files: [...testFiles()], durations }
      writeFileSync(join(this.rootDir, TEST_FILES), JSON.stringify(record))
    }
    await super.teardown()
  }

  async handleTestEvent(event, state) {
    await super.handleTestEvent?.(event, state)
    const mutant = process.env[ACTIVE_MUTANT]
    if (mutant === undefined) {
      if (event.name === 'test_start') testFiles().set(testId(event.test), this.testPath)
      return
    }
    if (event.name === 'test_done' && event.test.errors.length > 0) globalThis[KILLED] = mutant
    else if (event.name === 'hook_failure') globalThis[KILLED] = mutant
    else if (globalThis[KILLED] !== mutant) return
    else if (event.name === 'run_describe_start') skipAll(event.describeBlock)
    else if (event.name === 'test_start') event.test.mode = 'skip'
  }
}

module.exports = MutationEnvironment
