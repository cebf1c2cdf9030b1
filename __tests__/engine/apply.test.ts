import { describe, expect, it } from '@jest/globals'
import { MemoryLogger } from '../../__fixtures__/memory-logger.js'
import { applyStop, targetMissing } from '../../src/engine/apply.js'
import { planItem, type PlanEntry } from '../../src/engine/plan.js'
import { Progress } from '../../src/engine/progress.js'
import type { Runtime } from '../../src/engine/runtime.js'
import { DatabricksError } from '../../src/databricks/errors.js'
import type { Inventory, Observed, Resource } from '../../src/resources/resource.js'
import type { ResourceKind } from '../../src/settings.js'

/**
 * applyStop on its own, with small kinds that implement the Resource interface over a list of
 * events: which items are halted, in which order, with which report, log and progress lines. A
 * state is 'RUNNING' (halted to 'TERMINATED') or anything else (nothing to do).
 */

type State = string

interface KindSpec {
  startedBy?: ResourceKind[]
  startedByOf?: (item: Observed<State>) => ResourceKind[]
  reportOnly?: boolean
  late?: { after: ResourceKind[]; accept(item: Observed<State>): boolean }
  /** What a second listing (late items) shows, or throws. */
  relisted?: () => Observed<State>[]
  refine?: (items: Observed<State>[], inventory: Inventory) => void
  /** Run inside halt, before it is recorded as done (may wait, may throw). */
  during?: (item: Observed<State>) => Promise<void> | void
  targetMissing?: (e: unknown, id: string) => boolean
}

const item = (id: string, state: State = 'RUNNING'): Observed<State> => ({
  id,
  name: `item ${id}`,
  state,
  active: state === 'RUNNING',
  detail: state,
})

function fakeKind(kind: ResourceKind, events: string[], spec: KindSpec = {}): Resource {
  const resource = {
    kind,
    startedBy: spec.startedBy ?? [],
    ...(spec.startedByOf ? { startedByOf: spec.startedByOf } : {}),
    ...(spec.reportOnly ? { reportOnly: true } : {}),
    ...(spec.late ? { late: spec.late } : {}),
    ...(spec.refine ? { refine: spec.refine } : {}),
    ...(spec.targetMissing ? { targetMissing: spec.targetMissing } : {}),
    list: async () => {
      events.push(`${kind} listed`)
      if (!spec.relisted) throw new Error(`${kind} is not listed again in this test`)
      return spec.relisted()
    },
    halted: (i: Observed<State>) => (i.state === 'RUNNING' ? 'TERMINATED' : undefined),
    describe: (s: State) => String(s),
    halt: async (_ctx: unknown, i: Observed<State>, after: State) => {
      events.push(`${kind} ${i.id} → ${after}`)
      await spec.during?.(i)
    },
  }
  return resource as unknown as Resource
}

interface Setup {
  resources: Resource[]
  /** Kept apart from the runtime's logger: progress lines only at the end (the clock stands still). */
  clock?: { now(): number }
}

function runtime({ resources, clock = { now: () => 0 } }: Setup) {
  const logger = new MemoryLogger()
  const rt = {
    resources,
    settings: { maxConcurrency: 1 },
    logger,
    resCtx: {},
  } as unknown as Runtime
  const progress = new Progress(new MemoryLogger(), clock, 'Halt')
  return { rt, logger, progress }
}

const plan = (resource: Resource, items: Observed<unknown>[]): PlanEntry[] =>
  items.map((i) => planItem(resource, i))

const changed = (kind: ResourceKind, id: string, detail = 'RUNNING → TERMINATED') => ({
  kind,
  id,
  name: `item ${id}`,
  before: 'RUNNING',
  after: 'TERMINATED',
  outcome: 'changed',
  detail,
})

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

describe('applyStop', () => {
  it('halts each planned change with its own kind and reports it; nothing else is touched', async () => {
    const events: string[] = []
    const clusters = fakeKind('clusters', events)
    const warehouses = fakeKind('warehouses', events)
    const pools = fakeKind('instance_pools', events)
    const { rt, logger, progress } = runtime({ resources: [clusters, warehouses, pools] })
    const entries = [
      ...plan(clusters, [item('c1'), item('c2', 'TERMINATED')]),
      ...plan(warehouses, [item('w1'), item('w2')]),
      ...plan(pools, [item('p1', 'EMPTY')]),
    ]
    try {
      const reports = await applyStop(rt, entries, {}, progress)
      expect(reports).toEqual([
        changed('clusters', 'c1'),
        changed('warehouses', 'w1'),
        changed('warehouses', 'w2'),
      ])
      expect(events).toEqual([
        'clusters c1 → TERMINATED',
        'warehouses w1 → TERMINATED',
        'warehouses w2 → TERMINATED',
      ])
      expect(logger.lines).toEqual([
        'info: clusters: halting 1',
        'info: warehouses: halting 2',
        'info: clusters: 1 changed, 0 failed',
        'info: warehouses: 2 changed, 0 failed',
      ])
      expect(progress.line()).toBe('Halt: 3/3, done (clusters 1/1, warehouses 2/2)')
    } finally {
      progress.end()
    }
  })

  it('never halts a report-only kind, even handed a change for it', async () => {
    const events: string[] = []
    const vector = fakeKind('vector_search_endpoints', events, { reportOnly: true })
    const { rt, logger, progress } = runtime({ resources: [vector] })
    const entry: PlanEntry = {
      resource: vector,
      item: item('v1'),
      change: { before: 'RUNNING', after: 'TERMINATED' },
      report: {
        kind: 'vector_search_endpoints',
        id: 'v1',
        name: 'item v1',
        outcome: 'report_only',
      },
    }
    try {
      expect(await applyStop(rt, [entry], {}, progress)).toEqual([])
      expect(events).toEqual([])
      expect(logger.lines).toEqual([])
    } finally {
      progress.end()
    }
  })

  it('halts an item once every kind that can start it is done, the kind’s other items at once', async () => {
    const events: string[] = []
    const jobs = fakeKind('jobs', events, {
      during: async () => {
        await nextTurn()
        events.push('jobs done')
      },
    })
    const clusters = fakeKind('clusters', events, {
      startedByOf: (i) => (i.id === 'owned' ? ['jobs'] : []),
    })
    const { rt, progress } = runtime({ resources: [jobs, clusters] })
    const entries = [...plan(jobs, [item('j1')]), ...plan(clusters, [item('owned'), item('free')])]
    try {
      const reports = await applyStop(rt, entries, {}, progress)
      expect(events).toEqual([
        'jobs j1 → TERMINATED',
        'clusters free → TERMINATED',
        'jobs done',
        'clusters owned → TERMINATED',
      ])
      // Results in task order: the kind's own group (its startedBy), then the others.
      expect(reports).toEqual([
        changed('jobs', 'j1'),
        changed('clusters', 'free'),
        changed('clusters', 'owned'),
      ])
    } finally {
      progress.end()
    }
  })

  it('groups items by the set of kinds they wait for, whatever its order', async () => {
    const events: string[] = []
    const clusters = fakeKind('clusters', events, {
      startedBy: ['pipelines', 'jobs'],
      startedByOf: (i) => (i.id === 'a' ? ['jobs', 'pipelines'] : ['pipelines', 'jobs']),
    })
    const { rt, logger, progress } = runtime({ resources: [clusters] })
    try {
      await applyStop(rt, plan(clusters, [item('a'), item('b')]), {}, progress)
      expect(logger.lines).toEqual([
        'info: clusters: halting 2',
        'info: clusters: 2 changed, 0 failed',
      ])
    } finally {
      progress.end()
    }
  })

  it('times a kind’s ETA from when its work starts, not from when it was planned', async () => {
    let now = 0
    const events: string[] = []
    let seen = ''
    const jobs = fakeKind('jobs', events, { during: () => void (now += 1_000) })
    const progressRef: { p?: Progress } = {}
    const clusters = fakeKind('clusters', events, {
      startedBy: ['jobs'],
      during: (i) => {
        if (i.id === 'x') now += 100
        else seen = progressRef.p!.line()
      },
    })
    const { rt, progress } = runtime({ resources: [jobs, clusters], clock: { now: () => now } })
    progressRef.p = progress
    try {
      await applyStop(
        rt,
        [...plan(jobs, [item('j')]), ...plan(clusters, [item('x'), item('y')])],
        {},
        progress,
      )
      // clusters started at 1 000 ms, one item in 100 ms: one left, 1 s (not 1 100 ms from 0 → 2 s).
      expect(seen).toBe('Halt: 2/3, ETA 1 s (jobs 1/1, clusters 1/2)')
    } finally {
      progress.end()
    }
  })

  it('reports a failed write as failed and a target deleted since the listing as already halted', async () => {
    const events: string[] = []
    const gone = new DatabricksError({
      status: 404,
      error_code: 'RESOURCE_DOES_NOT_EXIST',
      message: 'Cluster c1 does not exist.',
      method: 'POST',
      path: '/api/2.1/clusters/delete',
    })
    const clusters = fakeKind('clusters', events, {
      during: (i) => {
        if (i.id === 'c1') throw gone
        if (i.id === 'c2') throw new Error('boom')
      },
    })
    const { rt, logger, progress } = runtime({ resources: [clusters] })
    try {
      const reports = await applyStop(
        rt,
        plan(clusters, [item('c1'), item('c2'), item('c3')]),
        {},
        progress,
      )
      expect(reports).toEqual([
        {
          kind: 'clusters',
          id: 'c1',
          name: 'item c1',
          outcome: 'already_halted',
          detail:
            'no longer exists (404 RESOURCE_DOES_NOT_EXIST: Cluster c1 does not exist. (POST /api/2.1/clusters/delete))',
        },
        { ...changed('clusters', 'c2'), outcome: 'failed', error: 'boom' },
        changed('clusters', 'c3'),
      ])
      expect(Object.keys(reports[0]).sort()).toEqual(['detail', 'id', 'kind', 'name', 'outcome'])
      expect(logger.lines).toEqual([
        'info: clusters: halting 3',
        'error: clusters item c2 (c2): boom',
        'info: clusters: 2 changed, 1 failed',
      ])
      expect(progress.line()).toBe('Halt: 3/3, done (clusters 3/3)')
    } finally {
      progress.end()
    }
  })

  it('halts items that appeared since the listing (by default), unrecorded, once their starters are done', async () => {
    const events: string[] = []
    const runs = fakeKind('job_runs', events, {
      late: { after: ['jobs'], accept: (i) => i.id !== 'r3' },
      relisted: () => [item('r1'), item('r2'), item('r3'), item('r4', 'TERMINATED')],
    })
    const jobs = fakeKind('jobs', events)
    const { rt, logger, progress } = runtime({ resources: [jobs, runs] })
    const inventory: Inventory = { job_runs: [item('r1')], jobs: [item('j1')] }
    try {
      const reports = await applyStop(
        rt,
        [...plan(jobs, inventory.jobs!), ...plan(runs, inventory.job_runs!)],
        inventory,
        progress,
      )
      expect(reports).toEqual([
        changed('jobs', 'j1'),
        changed('job_runs', 'r1'),
        changed('job_runs', 'r2', 'RUNNING → TERMINATED (appeared during stop)'),
      ])
      expect(events).toEqual([
        'jobs j1 → TERMINATED',
        'job_runs r1 → TERMINATED',
        'job_runs listed',
        'job_runs r2 → TERMINATED',
      ])
      expect(progress.line()).toBe('Halt: 3/3, done (jobs 1/1, job_runs 2/2)')
      expect(logger.lines).toContain('info: job_runs: halting 1')
    } finally {
      progress.end()
    }
  })

  it('adds the note to every detail, and lists no kind again without relist', async () => {
    const events: string[] = []
    const runs = fakeKind('job_runs', events, {
      late: { after: [], accept: () => true },
      relisted: () => [item('r1'), item('r2')],
    })
    const inventory: Inventory = { job_runs: [item('r1')] }
    const one = runtime({ resources: [runs] })
    try {
      const noted = await applyStop(
        one.rt,
        plan(runs, inventory.job_runs!),
        inventory,
        one.progress,
        {
          relist: true,
          note: '(started during stop)',
        },
      )
      expect(noted).toEqual([
        changed('job_runs', 'r1', 'RUNNING → TERMINATED (started during stop)'),
        changed(
          'job_runs',
          'r2',
          'RUNNING → TERMINATED (appeared during stop) (started during stop)',
        ),
      ])
    } finally {
      one.progress.end()
    }
    events.length = 0
    const two = runtime({ resources: [runs] })
    try {
      const swept = await applyStop(
        two.rt,
        plan(runs, inventory.job_runs!),
        inventory,
        two.progress,
        {
          relist: false,
        },
      )
      expect(swept).toEqual([changed('job_runs', 'r1')])
      expect(events).toEqual(['job_runs r1 → TERMINATED'])
    } finally {
      two.progress.end()
    }
  })

  it('lets the kind refine the second listing with the first', async () => {
    const events: string[] = []
    const runs = fakeKind('job_runs', events, {
      late: { after: [], accept: () => true },
      relisted: () => [item('r1'), item('r2')],
      refine: (items, inventory) => {
        for (const i of items) if (inventory.jobs?.length) i.kept = 'its job is kept'
      },
    })
    const { rt, progress } = runtime({ resources: [runs] })
    try {
      const reports = await applyStop(rt, [], { jobs: [item('j')] }, progress)
      expect(reports).toEqual([])
      expect(events).toEqual(['job_runs listed'])
    } finally {
      progress.end()
    }
  })

  it('a second listing that fails is warned about; the planned items are still halted', async () => {
    const events: string[] = []
    const runs = fakeKind('job_runs', events, { late: { after: [], accept: () => true } })
    const { rt, logger, progress } = runtime({ resources: [runs] })
    try {
      const reports = await applyStop(rt, plan(runs, [item('r1')]), {}, progress)
      expect(reports).toEqual([changed('job_runs', 'r1')])
      expect(logger.lines).toEqual([
        'info: job_runs: halting 1',
        'warning: job_runs: could not list again before halting: job_runs is not listed again in this test',
        'info: job_runs: 1 changed, 0 failed',
      ])
      expect(progress.line()).toBe('Halt: 1/1, done (job_runs 1/1)')
    } finally {
      progress.end()
    }
  })
})

describe('targetMissing', () => {
  const gone = (id: string) =>
    new DatabricksError({
      status: 404,
      error_code: 'RESOURCE_DOES_NOT_EXIST',
      message: `Cluster ${id} does not exist.`,
      method: 'POST',
      path: '/api/2.1/clusters/delete',
    })

  it('without a rule of the kind: a not-found answer naming the id', () => {
    const plain = fakeKind('clusters', [])
    expect(targetMissing(plain, gone('c1'), 'c1')).toBe(true)
    expect(targetMissing(plain, gone('c9'), 'c1')).toBe(false)
  })

  it('the kind’s own rule decides when it has one', () => {
    const says = (answer: boolean) => fakeKind('clusters', [], { targetMissing: () => answer })
    expect(targetMissing(says(true), new Error('not a not-found'), 'c1')).toBe(true)
    expect(targetMissing(says(false), gone('c1'), 'c1')).toBe(false)
  })
})
