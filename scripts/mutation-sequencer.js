import Sequencer from '@jest/test-sequencer'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const FILES = Symbol.for('databricks-halt.mutation.testFiles')
const DURATIONS = Symbol.for('databricks-halt.mutation.durations')
const TEST_FILES = '.mutation-test-files.json'

/**
 * The test order of mutation runs (jest.mutation.config.js).
 *
 * Only the files that hold a covering test: Stryker runs a mutant's covering tests by a test name
 * pattern, and jest would still load every test file (each one importing the engine and the
 * emulator) to find none in most. mutation-environment.cjs recorded, in the first run, which file
 * holds each test; a file is left out only when it is known and none of its tests matches the
 * pattern. A runner that did not make the first run reads the record from the sandbox's
 * TEST_FILES (written there by mutation-environment.cjs). Without any record every file runs.
 *
 * Quickest first (by the first run's time per file): with the bail of mutation-environment.cjs,
 * a mutant that a unit test kills then costs that unit test, not the engine tests before it.
 */
export default class MutationSequencer extends (Sequencer.default ?? Sequencer) {
  constructor(options) {
    super(options)
    const pattern = options?.globalConfig?.testNamePattern
    // jest-circus matches the pattern the same way (case-insensitive).
    this.pattern = pattern ? new RegExp(pattern, 'i') : undefined
    this.rootDir = options?.globalConfig?.rootDir
  }

  /** Test id → test file (and file → first-run milliseconds), as the first run wrote them. */
  files() {
    if (globalThis[DURATIONS]) return globalThis[FILES]
    const saved = this.rootDir && join(this.rootDir, TEST_FILES)
    if (!saved || !existsSync(saved)) return globalThis[FILES]
    const { files, durations } = JSON.parse(readFileSync(saved, 'utf8'))
    globalThis[FILES] = new Map(files)
    globalThis[DURATIONS] = durations
    return globalThis[FILES]
  }

  sort(tests) {
    const files = this.files()
    const needed =
      this.pattern && files?.size
        ? new Set([...files].filter(([id]) => this.pattern.test(id)).map(([, path]) => path))
        : undefined
    const known = new Set(files?.values() ?? [])
    const kept = tests.filter((t) => !needed || !known.has(t.path) || needed.has(t.path))
    const run = kept.length > 0 ? kept : tests
    const first = globalThis[DURATIONS] ?? {}
    const timed = run.map((test) => ({ test, time: first[test.path] ?? this.time(test) ?? 0 }))
    return timed
      .sort((a, b) => a.time - b.time || (a.test.path < b.test.path ? -1 : 1))
      .map((t) => t.test)
  }
}
