import { describe, expect, it } from '@jest/globals'
import { MemoryLogger } from '../../__fixtures__/memory-logger.js'
import type { Runtime } from '../../src/engine/runtime.js'
import { verifyRestore, type Expectation } from '../../src/engine/verify.js'
import type { ItemReport } from '../../src/report.js'
import type { Observed, Resource } from '../../src/resources/resource.js'
import type { ResourceKind } from '../../src/settings.js'

/**
 * verifyRestore on its own: re-reads until every restored value shows, or the deadline passes.
 * Time is an injected clock (rt.timing.clock) that moves only when verify sleeps, so the pauses
 * and the deadline are exact and no test waits for real time.
 */

/** A clock that moves only by verify's sleeps; more than `maxSleeps` is a loop, not a wait. */
function fakeClock(maxSleeps = 40) {
  let now = 1_000_000
  const sleeps: number[] = []
  return {
    sleeps,
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms)
      if (sleeps.length > maxSleeps) throw new Error(`verify slept more than ${maxSleeps} times`)
      now += ms
    },
  }
}

/**
 * A kind whose listing is scripted per read: `reads[n]` is what the n-th read shows (id → state;
 * 'fail' = the read throws); the last entry repeats. A value shows when the state equals it.
 */
function kind(name: ResourceKind, reads: Array<Record<string, string> | 'fail'>) {
  const seen = { reads: 0 }
  const resource = {
    kind: name,
    list: async (): Promise<Observed<string>[]> => {
      const read = reads[Math.min(seen.reads++, reads.length - 1)]
      if (read === 'fail') throw new Error(`${name} listing failed`)
      return Object.entries(read).map(([id, state]) => ({
        id,
        name: `item ${id}`,
        state,
        active: true,
        detail: state,
      }))
    },
    matches: (current: Observed<string> | undefined, expected: string) =>
      current?.state === expected,
  } as unknown as Resource
  return { resource, seen }
}

function expecting(resource: Resource, id: string, expected: string, detail?: string) {
  const report: ItemReport = {
    kind: resource.kind,
    id,
    name: `item ${id}`,
    outcome: 'changed',
    ...(detail === undefined ? {} : { detail }),
  }
  return { resource, id, expected, report } satisfies Expectation
}

function runtime(timeoutMs: number, pollMs: number, clock = fakeClock()) {
  const logger = new MemoryLogger()
  const rt = {
    logger,
    // Progress lines run on their own clock, which stands still: only the phase's last line.
    clock: { now: () => 0 },
    resCtx: {},
    timing: { verifyTimeoutMs: timeoutMs, pollIntervalMs: pollMs, clock },
  } as unknown as Runtime
  return { rt, logger, clock }
}

describe('verifyRestore', () => {
  it('returns after one read when every value shows at once', async () => {
    const jobs = kind('jobs', [{ '1': 'UNPAUSED', '2': 'UNPAUSED' }])
    const { rt, logger, clock } = runtime(10_000, 5_000)
    const expectations = [
      expecting(jobs.resource, '1', 'UNPAUSED', 'paused → unpaused'),
      expecting(jobs.resource, '2', 'UNPAUSED'),
    ]
    await verifyRestore(rt, expectations)
    expect(jobs.seen.reads).toBe(1)
    expect(clock.sleeps).toEqual([])
    expect(logger.lines).toEqual([
      'info: verified: 2 restored values show',
      'info: Verify: 2/2, done (values 2/2)',
    ])
    expect(expectations.map((e) => e.report)).toEqual([
      { kind: 'jobs', id: '1', name: 'item 1', outcome: 'changed', detail: 'paused → unpaused' },
      { kind: 'jobs', id: '2', name: 'item 2', outcome: 'changed' },
    ])
  })

  it('re-reads with growing pauses until the values show, each kind once per read', async () => {
    const jobs = kind('jobs', [
      { '1': 'PAUSED', '2': 'PAUSED' },
      { '1': 'UNPAUSED' },
      {
        '1': 'UNPAUSED',
        '2': 'UNPAUSED',
      },
    ])
    const pools = kind('instance_pools', [{ p: 'min 0' }, { p: 'min 2' }])
    const { rt, logger, clock } = runtime(60_000, 1_000)
    const expectations = [
      expecting(jobs.resource, '1', 'UNPAUSED'),
      expecting(jobs.resource, '2', 'UNPAUSED'),
      expecting(pools.resource, 'p', 'min 2'),
    ]
    await verifyRestore(rt, expectations)
    expect(jobs.seen.reads).toBe(3)
    // Read only while one of its values is pending.
    expect(pools.seen.reads).toBe(2)
    expect(clock.sleeps).toEqual([250, 400])
    expect(logger.lines).toEqual([
      'info: waiting for 3 restored values to show',
      'info: waiting for 1 restored values to show',
      'info: verified: 3 restored values show',
      'info: Verify: 3/3, done (values 3/3)',
    ])
    expect(expectations.map((e) => e.report.outcome)).toEqual(['changed', 'changed', 'changed'])
  })

  it('says "waiting" only when the count changes', async () => {
    const jobs = kind('jobs', [
      { '1': 'PAUSED' },
      { '1': 'PAUSED' },
      { '1': 'PAUSED' },
      {
        '1': 'UNPAUSED',
      },
    ])
    const { rt, logger, clock } = runtime(60_000, 100)
    await verifyRestore(rt, [expecting(jobs.resource, '1', 'UNPAUSED')])
    expect(clock.sleeps).toEqual([100, 100, 100])
    expect(logger.lines).toEqual([
      'info: waiting for 1 restored values to show',
      'info: verified: 1 restored values show',
      'info: Verify: 1/1, done (values 1/1)',
    ])
  })

  it('stops at the deadline exactly: the last pause is cut to it, what is missing is not_converged', async () => {
    const jobs = kind('jobs', [{ '1': 'PAUSED', '2': 'UNPAUSED' }])
    const { rt, logger, clock } = runtime(1_000, 1_000)
    const expectations = [
      expecting(jobs.resource, '1', 'UNPAUSED', 'schedule PAUSED → UNPAUSED'),
      expecting(jobs.resource, '2', 'UNPAUSED', 'schedule PAUSED → UNPAUSED'),
    ]
    await verifyRestore(rt, expectations)
    // 250 + 400, then 350 (not 640) reaches the deadline; the read there is the last.
    expect(clock.sleeps).toEqual([250, 400, 350])
    expect(jobs.seen.reads).toBe(4)
    expect(expectations.map((e) => e.report)).toEqual([
      {
        kind: 'jobs',
        id: '1',
        name: 'item 1',
        outcome: 'not_converged',
        detail: 'schedule PAUSED → UNPAUSED; not visible after 1 s',
      },
      {
        kind: 'jobs',
        id: '2',
        name: 'item 2',
        outcome: 'changed',
        detail: 'schedule PAUSED → UNPAUSED',
      },
    ])
    expect(logger.lines).toEqual([
      'info: waiting for 1 restored values to show',
      'error: 1 restored values did not show before the deadline',
      'info: Verify: 1/2, ETA 0 s (values 1/2)',
    ])
  })

  it('names the timeout in seconds, rounded, after a detail-less report', async () => {
    const jobs = kind('jobs', [{}])
    const { rt, clock } = runtime(2_600, 5_000)
    const expectation = expecting(jobs.resource, '9', 'UNPAUSED')
    await verifyRestore(rt, [expectation])
    expect(clock.sleeps).toEqual([250, 400, 640, 1024, 286])
    expect(expectation.report).toEqual({
      kind: 'jobs',
      id: '9',
      name: 'item 9',
      outcome: 'not_converged',
      detail: '; not visible after 3 s',
    })
  })

  it('with no time left, reads once and reports what is missing', async () => {
    const jobs = kind('jobs', [{ '1': 'PAUSED' }])
    const { rt, logger, clock } = runtime(0, 5_000)
    const expectation = expecting(jobs.resource, '1', 'UNPAUSED', 'x')
    await verifyRestore(rt, [expectation])
    expect(clock.sleeps).toEqual([])
    expect(jobs.seen.reads).toBe(1)
    expect(expectation.report.outcome).toBe('not_converged')
    expect(expectation.report.detail).toBe('x; not visible after 0 s')
    expect(logger.lines).toEqual([
      'error: 1 restored values did not show before the deadline',
      'info: Verify: 0/1, ETA estimating (values 0/1)',
    ])
  })

  it('a kind that cannot be re-read is warned about and stays pending; others are unaffected', async () => {
    const jobs = kind('jobs', ['fail', { '1': 'UNPAUSED' }])
    const pools = kind('instance_pools', [{ p: 'min 2' }])
    const { rt, logger, clock } = runtime(60_000, 1_000)
    const expectations = [
      expecting(jobs.resource, '1', 'UNPAUSED'),
      expecting(pools.resource, 'p', 'min 2'),
    ]
    await verifyRestore(rt, expectations)
    expect(clock.sleeps).toEqual([250])
    expect(logger.lines).toEqual([
      'warning: jobs: cannot re-read for verify: jobs listing failed',
      'info: waiting for 1 restored values to show',
      'info: verified: 2 restored values show',
      'info: Verify: 2/2, done (values 2/2)',
    ])
  })

  it('a kind that never can be re-read ends not_converged', async () => {
    const jobs = kind('jobs', ['fail'])
    const { rt, logger } = runtime(300, 1_000)
    const expectation = expecting(jobs.resource, '1', 'UNPAUSED', 'd')
    await verifyRestore(rt, [expectation])
    expect(jobs.seen.reads).toBe(3)
    expect(expectation.report).toMatchObject({
      outcome: 'not_converged',
      detail: 'd; not visible after 0 s',
    })
    expect(logger.lines.filter((l) => l.startsWith('warning:'))).toEqual([
      'warning: jobs: cannot re-read for verify: jobs listing failed',
      'warning: jobs: cannot re-read for verify: jobs listing failed',
      'warning: jobs: cannot re-read for verify: jobs listing failed',
    ])
  })
})
