import { describe, expect, it } from '@jest/globals'
import { MemoryLogger } from '../../__fixtures__/memory-logger.js'
import type { Clock } from '../../src/engine/progress.js'
import type { EngineClock, Runtime } from '../../src/engine/runtime.js'
import { waitForDrain } from '../../src/engine/wait.js'
import type { ItemReport } from '../../src/report.js'
import type { Inventory, Observed, Resource } from '../../src/resources/resource.js'
import type { ResourceKind } from '../../src/settings.js'

/**
 * stop --wait in process, with kinds made for the test: each `list` answers the next of its
 * listings (the last one again once they run out), or throws where a listing is an Error.
 * Progress lines run on a clock the kinds move (a listing takes 5 s of it), so they are exact.
 */
type Listing = Observed<unknown>[] | Error

class TestClock implements Clock {
  t = 1_000_000
  now(): number {
    return this.t
  }
}

/** The engine's clock for the deadline: time passes only when the wait sleeps. */
class SleepClock implements EngineClock {
  t = 0
  slept: number[] = []
  now(): number {
    return this.t
  }
  async sleep(ms: number): Promise<void> {
    this.slept.push(ms)
    this.t += ms
  }
}

const up = (id: string, more: Partial<Observed<unknown>> = {}): Observed<unknown> => ({
  id,
  name: `name ${id}`,
  state: {},
  active: true,
  detail: 'RUNNING',
  ...more,
})
const down = (id: string): Observed<unknown> => up(id, { active: false, detail: 'TERMINATED' })

function kind(
  k: ResourceKind,
  listings: Listing[],
  extra: Partial<Resource> & { tick?: () => void } = {},
): Resource & { calls: number } {
  const { tick, ...rest } = extra
  const r: Partial<Resource> & { calls: number } = {
    kind: k,
    startedBy: [],
    calls: 0,
    list: async (): Promise<Observed<unknown>[]> => {
      const listing = listings[Math.min(r.calls, listings.length - 1)]
      r.calls++
      tick?.()
      if (listing instanceof Error) throw listing
      // Fresh copies: refine may mark them.
      return listing.map((i) => ({ ...i }))
    },
    drained: (item: Observed<unknown>) => item.detail === 'TERMINATED',
    ...rest,
  }
  return r as unknown as Resource & { calls: number }
}

function runtime(resources: Resource[], pollIntervalMs = 1, clock = new TestClock()) {
  const logger = new MemoryLogger()
  const engineClock = new SleepClock()
  const rt = {
    resources,
    logger,
    clock,
    timing: { pollIntervalMs, clock: engineClock },
    resCtx: {},
  } as unknown as Runtime
  return { rt, logger, clock, engineClock }
}

describe('waitForDrain', () => {
  it('returns at once when everything is down; kinds without drained or report-only are not waited for', async () => {
    const clusters = kind('clusters', [[down('c1'), up('c2', { kept: 'tagged keep' })]])
    const jobs = kind('jobs', [[up('j1')]], { drained: undefined })
    const serving = kind('serving_endpoints', [[up('s1')]], { reportOnly: true })
    const { rt, logger } = runtime([clusters, jobs, serving])
    const items: ItemReport[] = []
    await waitForDrain(rt, items, {}, 60_000)
    expect(logger.lines).toEqual(['info: all compute is stopped'])
    expect(items).toEqual([])
    expect([clusters.calls, jobs.calls, serving.calls]).toEqual([1, 0, 0])
  })

  it('re-reads until drained, saying what it waits for when that changes, with progress', async () => {
    const clock = new TestClock()
    const tick = () => (clock.t += 5_000)
    const listing = (c1: boolean, c2: boolean, c4: boolean) => [
      c1 ? up('c1') : down('c1'),
      c2 ? up('c2') : down('c2'),
      // A run of a kept job: refine marks it kept, so it is not waited for.
      up('c3', { name: 'kept run' }),
      c4 ? up('c4') : down('c4'),
    ]
    const clusters = kind(
      'clusters',
      [
        listing(true, true, false),
        listing(true, true, false),
        listing(false, true, false),
        listing(false, false, false),
      ],
      {
        tick,
        refine: (listed: Observed<unknown>[], inventory: Inventory) => {
          for (const i of listed) {
            if (inventory.jobs?.some((j) => j.name === i.name)) i.kept = 'run of a kept job'
          }
        },
      },
    )
    const apps = kind('apps', [[down('a1')]])
    const { rt, logger } = runtime([clusters, apps], 1, clock)
    const items: ItemReport[] = []
    await waitForDrain(rt, items, { jobs: [up('j1', { name: 'kept run' })] }, 5_000)
    expect(logger.lines).toEqual([
      'info: Wait: 0/2, ETA estimating (stopped 0/2)',
      'info: waiting for 2 clusters',
      'info: Wait: 0/2, ETA estimating (stopped 0/2)',
      'info: Wait: 1/2, ETA 10 s (stopped 1/2)',
      'info: waiting for 1 clusters',
      'info: Wait: 2/2, done (stopped 2/2)',
      'info: all compute is stopped',
    ])
    expect(items).toEqual([])
    expect([clusters.calls, apps.calls]).toEqual([4, 4])
  })

  it('at the deadline: reports what is still up (and kinds it could not list) as not_converged', async () => {
    const clusters = kind('clusters', [
      [up('c1'), down('c2')],
      [down('c1'), down('c2')],
    ])
    const warehouses = kind('warehouses', [new Error('HTTP 503: try later'), []])
    const { rt, logger } = runtime([clusters, warehouses])
    const items: ItemReport[] = [
      {
        kind: 'clusters',
        id: 'c1',
        name: 'name c1',
        outcome: 'changed',
        detail: 'RUNNING → TERMINATED',
      },
      { kind: 'jobs', id: 'c1', name: 'a job', outcome: 'changed' },
    ]
    await waitForDrain(rt, items, {}, 0)
    expect(logger.lines).toEqual([
      'warning: warehouses: cannot list while waiting: HTTP 503: try later',
      'info: Wait: 0/2, ETA estimating (stopped 0/2)',
      'error: still running after 0 min: 1 clusters, 1 warehouses',
    ])
    expect(items).toStrictEqual([
      {
        kind: 'clusters',
        id: 'c1',
        name: 'name c1',
        outcome: 'not_converged',
        detail: 'still RUNNING after waiting 0 min',
      },
      { kind: 'jobs', id: 'c1', name: 'a job', outcome: 'changed' },
      {
        kind: 'warehouses',
        id: '*',
        name: '(warehouses list)',
        outcome: 'not_converged',
        detail: 'still UNKNOWN after waiting 0 min',
      },
    ])
  })

  it('a kind that cannot be listed again keeps what it was waiting for', async () => {
    const clusters = kind('clusters', [[up('c1'), down('c2')], new Error('clusters: HTTP 500')])
    const warehouses = kind('warehouses', [new Error('HTTP 503')])
    const pipelines = kind('pipelines', [[up('p1', { detail: 'RUNNING (update)' })]])
    const { rt, logger, engineClock } = runtime([clusters, warehouses, pipelines], 10_000)
    const items: ItemReport[] = []
    await waitForDrain(rt, items, {}, 3_000)
    const warnings = logger.lines.filter((l) => l.startsWith('warning: '))
    expect(new Set(warnings)).toEqual(
      new Set([
        'warning: warehouses: cannot list while waiting: HTTP 503',
        'warning: clusters: cannot list while waiting: clusters: HTTP 500',
      ]),
    )
    // Re-read after pauses that grow (250 ms, 400 ms, …), the last one cut at the deadline: a
    // listing, then one after each pause.
    expect(engineClock.slept).toEqual([250, 400, 640, 1024, 686])
    expect([clusters.calls, warehouses.calls, pipelines.calls]).toEqual([6, 6, 6])
    expect(logger.lines.filter((l) => !l.startsWith('warning: '))).toEqual([
      'info: waiting for 1 clusters, 1 warehouses, 1 pipelines',
      'info: Wait: 0/3, ETA estimating (stopped 0/3)',
      'error: still running after 0.1 min: 1 clusters, 1 warehouses, 1 pipelines',
    ])
    expect(items).toStrictEqual([
      {
        kind: 'clusters',
        id: 'c1',
        name: 'name c1',
        outcome: 'not_converged',
        detail: 'still RUNNING after waiting 0.1 min',
      },
      {
        kind: 'warehouses',
        id: '*',
        name: '(warehouses list)',
        outcome: 'not_converged',
        detail: 'still UNKNOWN after waiting 0.1 min',
      },
      {
        kind: 'pipelines',
        id: 'p1',
        name: 'name p1',
        outcome: 'not_converged',
        detail: 'still RUNNING (update) after waiting 0.1 min',
      },
    ])
  })
})
