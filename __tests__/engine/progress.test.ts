import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startEmulator, type Emulator } from '../../emulator/index.js'
import { MemoryLogger } from '../../__fixtures__/memory-logger.js'
import { Progress, formatDuration } from '../../src/engine/progress.js'

/** The emulator's clock at speed 0: it moves only when the test advances it. */
let emu: Emulator
beforeAll(async () => {
  emu = await startEmulator({ scenario: 'empty', clockSpeed: 0 })
})
afterAll(async () => {
  await emu.close()
})

describe('Progress', () => {
  it('prints N/total and the slowest kind’s ETA once 4–5 s of the clock have passed', () => {
    const logger = new MemoryLogger()
    const progress = new Progress(logger, emu.clock, 'Halt')
    progress.add('permission_assignments', 100)
    progress.add('jobs', 10)
    emu.clock.advance(2_000)
    for (let i = 0; i < 10; i++) progress.tick('jobs')
    for (let i = 0; i < 10; i++) progress.tick('permission_assignments')
    // 2 s in: not due yet.
    expect(logger.lines).toEqual([])
    emu.clock.advance(2_000)
    progress.tick('permission_assignments')
    // 4 s, 11 of 100 assignments: 89 left at 4 s / 11 each.
    expect(logger.lines).toEqual([
      `info: Halt: 21/110, ETA ${formatDuration((89 * 4_000) / 11)} (permission_assignments 11/100, jobs 10/10)`,
    ])
    progress.tick('permission_assignments')
    expect(logger.lines).toHaveLength(1)
    progress.end()
    expect(logger.lines[1]).toBe(
      `info: Halt: 22/110, ETA ${formatDuration((88 * 4_000) / 12)} (permission_assignments 12/100, jobs 10/10)`,
    )
    expect(formatDuration((88 * 4_000) / 12)).toBe('30 s')
  })

  it('says "estimating" before any item of a kind is done, and "done" at the end', () => {
    const logger = new MemoryLogger()
    const progress = new Progress(logger, emu.clock, 'Restore')
    progress.add('clusters', 3)
    emu.clock.advance(5_000)
    progress.set('clusters', 0, 3)
    expect(logger.lines).toEqual(['info: Restore: 0/3, ETA estimating (clusters 0/3)'])
    for (let i = 0; i < 3; i++) progress.tick('clusters')
    progress.end()
    expect(logger.lines.at(-1)).toBe('info: Restore: 3/3, done (clusters 3/3)')
  })

  it('formats durations for people', () => {
    expect([formatDuration(44_100), formatDuration(200_000), formatDuration(3_900_000)]).toEqual([
      '45 s',
      '3 min 20 s',
      '1 h 5 min',
    ])
  })
})
