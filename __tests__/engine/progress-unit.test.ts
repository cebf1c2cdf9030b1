import { afterEach, describe, expect, it, jest } from '@jest/globals'
import { MemoryLogger } from '../../__fixtures__/memory-logger.js'
import {
  PROGRESS_INTERVAL_MS,
  Progress,
  formatDuration,
  withProgress,
  type Clock,
} from '../../src/engine/progress.js'

/**
 * Progress lines and ETAs, in process and with a hand-driven clock: nothing here waits. The
 * periodic check (a real-time timer) is driven by jest's fake timers where a test needs it.
 */
class FakeClock implements Clock {
  constructor(public t = 1_000_000) {}
  now(): number {
    return this.t
  }
  advance(ms: number): void {
    this.t += ms
  }
}

function setup(phase = 'Halt', intervalMs?: number) {
  const clock = new FakeClock()
  const logger = new MemoryLogger()
  const progress = new Progress(logger, clock, phase, intervalMs)
  return { clock, logger, progress }
}

const opened: Progress[] = []
function track<T extends { progress: Progress }>(s: T): T {
  opened.push(s.progress)
  return s
}
afterEach(() => {
  for (const p of opened.splice(0)) p.end()
  jest.useRealTimers()
})

describe('Progress lines', () => {
  it('prints the first line once 4/5 of the interval has passed, not before', () => {
    const { clock, logger, progress } = track(setup())
    progress.add('jobs', 10)
    clock.advance(3_999)
    progress.tick('jobs')
    expect(logger.lines).toEqual([])
    clock.advance(1)
    progress.tick('jobs')
    expect(logger.lines).toEqual(['info: Halt: 2/10, ETA 16 s (jobs 2/10)'])
    // The next line is due 4 s after that one, not after the start.
    clock.advance(3_999)
    progress.tick('jobs')
    expect(logger.lines).toHaveLength(1)
    clock.advance(1)
    progress.tick('jobs')
    expect(logger.lines).toEqual([
      'info: Halt: 2/10, ETA 16 s (jobs 2/10)',
      'info: Halt: 4/10, ETA 12 s (jobs 4/10)',
    ])
  })

  it('uses the given interval', () => {
    const { clock, logger, progress } = track(setup('Wait', 1_000))
    progress.add('stopped', 4)
    clock.advance(799)
    progress.tick('stopped')
    expect(logger.lines).toEqual([])
    clock.advance(1)
    progress.tick('stopped')
    // 2 left at 400 ms each: 800 ms, rounded up to whole seconds.
    expect(logger.lines).toEqual(['info: Wait: 2/4, ETA 1 s (stopped 2/4)'])
  })

  it('prints nothing while a phase has no items, nor once all are done', () => {
    const { clock, logger, progress } = track(setup())
    clock.advance(10_000)
    progress.tick('jobs') // no such kind: ignored
    progress.set('jobs', 0, 0)
    expect(logger.lines).toEqual([])
    progress.set('jobs', 3, 3)
    expect(logger.lines).toEqual([])
    progress.add('clusters', 0)
    progress.tick('clusters') // more done than listed: still nothing left to report
    expect(logger.lines).toEqual([])
  })

  it('counts items per kind over the whole phase; kinds with nothing listed are left out', () => {
    const { clock, logger, progress } = track(setup())
    progress.add('jobs', 2)
    progress.add('alerts', 0)
    progress.add('jobs', 3)
    progress.add('clusters', 4)
    progress.tick('jobs')
    progress.tick('clusters')
    clock.advance(PROGRESS_INTERVAL_MS)
    progress.tick('clusters')
    expect(logger.lines).toEqual([
      // jobs: 1 in 5 s, 4 left = 20 s; clusters: 2 in 5 s, 2 left = 5 s. The slowest counts.
      'info: Halt: 3/9, ETA 20 s (jobs 1/5, clusters 2/4)',
    ])
    expect(progress.line()).toBe('Halt: 3/9, ETA 20 s (jobs 1/5, clusters 2/4)')
  })

  it('set: a polled count, clamped to the largest total seen', () => {
    const { clock, logger, progress } = track(setup('Verify'))
    progress.set('clusters', 0, 4) // a kind seen first here
    clock.advance(4_000)
    progress.set('clusters', 1, 4)
    expect(logger.lines).toEqual(['info: Verify: 1/4, ETA 12 s (clusters 1/4)'])
    progress.set('clusters', 2, 3)
    expect(progress.line()).toBe('Verify: 2/4, ETA 4 s (clusters 2/4)')
    progress.set('clusters', 9, 2)
    expect(progress.line()).toBe('Verify: 4/4, done (clusters 4/4)')
  })

  it('ETA: "estimating" until a kind has a pace; finished kinds and kinds without a pace do not count', () => {
    const { clock, progress } = track(setup('Restore'))
    progress.add('jobs', 2)
    progress.add('clusters', 3)
    expect(progress.line()).toBe('Restore: 0/5, ETA estimating (jobs 0/2, clusters 0/3)')
    clock.advance(2_000)
    progress.tick('jobs')
    progress.tick('jobs')
    // jobs are done (0 left), clusters have no pace yet.
    expect(progress.line()).toBe('Restore: 2/5, ETA estimating (jobs 2/2, clusters 0/3)')
    clock.advance(3_000)
    progress.tick('clusters')
    // 1 cluster in 5 s, 2 left.
    expect(progress.line()).toBe('Restore: 3/5, ETA 10 s (jobs 2/2, clusters 1/3)')
  })

  it('ETA of one kind with a pace while another has none', () => {
    const { clock, progress } = track(setup())
    progress.add('jobs', 3)
    progress.add('clusters', 3)
    clock.advance(1_000)
    progress.tick('jobs')
    expect(progress.line()).toBe('Halt: 1/6, ETA 2 s (jobs 1/3, clusters 0/3)')
  })

  it('start: a kind that waited for its starters is paced from when it starts', () => {
    const { clock, progress } = track(setup())
    progress.add('clusters', 4)
    progress.start('jobs') // not a kind of this phase: nothing happens
    clock.advance(60_000)
    progress.start('clusters')
    clock.advance(2_000)
    progress.tick('clusters')
    expect(progress.line()).toBe('Halt: 1/4, ETA 6 s (clusters 1/4)')
    // Once an item is done, the pace is kept.
    clock.advance(2_000)
    progress.start('clusters')
    progress.tick('clusters')
    expect(progress.line()).toBe('Halt: 2/4, ETA 4 s (clusters 2/4)')
  })

  it('a clock that goes back gives no negative pace', () => {
    const { clock, progress } = track(setup())
    progress.add('jobs', 2)
    clock.advance(-5_000)
    progress.tick('jobs')
    expect(progress.line()).toBe('Halt: 1/2, ETA 0 s (jobs 1/2)')
  })

  it('end: prints where the phase ended, unless it had nothing', () => {
    const a = setup('List')
    a.progress.add('kinds', 3)
    a.progress.tick('kinds')
    a.progress.end()
    expect(a.logger.lines).toEqual(['info: List: 1/3, ETA 0 s (kinds 1/3)'])
    const b = setup('List')
    b.progress.end()
    expect(b.logger.lines).toEqual([])
  })

  it('checks on a timer while nothing finishes, and stops checking at the end', () => {
    jest.useFakeTimers()
    const { clock, logger, progress } = setup('Wait')
    progress.add('stopped', 2)
    clock.advance(4_000)
    expect(logger.lines).toEqual([])
    jest.advanceTimersByTime(250)
    expect(logger.lines).toEqual(['info: Wait: 0/2, ETA estimating (stopped 0/2)'])
    progress.end()
    expect(logger.lines).toHaveLength(2)
    clock.advance(10_000)
    jest.advanceTimersByTime(1_000)
    expect(logger.lines).toHaveLength(2)
  })
})

describe('withProgress', () => {
  it('hands the phase a reporter, returns its result and ends it', async () => {
    const clock = new FakeClock()
    const logger = new MemoryLogger()
    const result = await withProgress(logger, clock, 'List', async (progress) => {
      progress.add('kinds', 2)
      progress.tick('kinds')
      progress.tick('kinds')
      return 42
    })
    expect(result).toBe(42)
    expect(logger.lines).toEqual(['info: List: 2/2, done (kinds 2/2)'])
  })

  it('ends the reporter when the phase throws', async () => {
    const clock = new FakeClock()
    const logger = new MemoryLogger()
    await expect(
      withProgress(logger, clock, 'List', async (progress) => {
        progress.add('kinds', 2)
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    expect(logger.lines).toEqual(['info: List: 0/2, ETA estimating (kinds 0/2)'])
  })
})

describe('formatDuration', () => {
  it('rounds up to whole seconds and switches units at 60', () => {
    expect(
      [1, 1_000, 59_000, 59_001, 60_000, 61_000, 3_599_000, 3_600_000, 3_660_000, 7_199_000].map(
        formatDuration,
      ),
    ).toEqual([
      '1 s',
      '1 s',
      '59 s',
      '1 min 0 s',
      '1 min 0 s',
      '1 min 1 s',
      '59 min 59 s',
      '1 h 0 min',
      '1 h 1 min',
      '1 h 59 min',
    ])
  })
})
