import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MemoryLogger } from '../../__fixtures__/memory-logger.js'
import { planStop } from '../../src/engine/plan.js'
import { Progress } from '../../src/engine/progress.js'
import type { Runtime } from '../../src/engine/runtime.js'
import { saveSnapshot } from '../../src/engine/save-snapshot.js'
import { haltAndSweep, sweep, type Recording } from '../../src/engine/sweep.js'
import type { Inventory, Observed, Resource } from '../../src/resources/resource.js'
import type { ResourceKind } from '../../src/settings.js'
import { DirectoryStore } from '../../src/snapshot/directory-store.js'
import type { SnapshotItem } from '../../src/snapshot/schema.js'
import { notAvailable } from './listing-kinds.js'

/**
 * The compute sweep and the final sweep on their own: small kinds that implement the Resource
 * interface over listings the test sets (each listing and halt is logged as an event), a real
 * directory store, a clock that stands still. When access removal ends is set by gates, not by time.
 */

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'halt-sweep-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

interface State {
  state: string
  size?: string
}

const STOPPED: Partial<Record<ResourceKind, string>> = {
  warehouses: 'STOPPED',
  clusters: 'TERMINATED',
  apps: 'STOPPED',
}

const item = (id: string, state = 'RUNNING', size?: string): Observed<State> => ({
  id,
  name: `item ${id}`,
  state: { state, ...(size ? { size } : {}) },
  active: state === 'RUNNING',
  detail: state,
})

interface KindSpec {
  access?: boolean
  sweep?: boolean
  reportOnly?: boolean
  optionalFeature?: boolean
  /** Each listing in turn (the last one repeats); a listing may throw. */
  listings?: (() => Observed<State>[])[]
  /** Called with each listing, before it answers. */
  onList?: () => void
  /** Awaited inside halt, before the halt is logged. */
  during?: () => Promise<void>
  late?: boolean
  /** The kind's own merge: the later record wins whole (the default keeps the earlier before). */
  laterWins?: boolean
  /** What halt sets; default: the kind's stopped state. */
  haltedAs?: (s: State) => State
}

function kind(name: ResourceKind, events: string[], spec: KindSpec = {}): Resource {
  let listed = 0
  return {
    kind: name,
    startedBy: [],
    ...(spec.access ? { access: true } : {}),
    ...(spec.sweep ? { sweep: true } : {}),
    ...(spec.reportOnly ? { reportOnly: true } : {}),
    ...(spec.optionalFeature ? { optionalFeature: true } : {}),
    ...(spec.late ? { late: { after: [], accept: () => true } } : {}),
    ...(spec.laterWins
      ? { merge: (_e: unknown, later: { before: unknown; after: unknown }) => ({ ...later }) }
      : {}),
    list: async () => {
      events.push(`${name} listed`)
      spec.onList?.()
      const listings = spec.listings ?? []
      const next = listings[Math.min(listed++, listings.length - 1)]
      if (!next) throw new Error(`${name} is not listed in this test`)
      return next()
    },
    halted: (i: Observed<State>) =>
      spec.access
        ? i.active
          ? null
          : undefined
        : i.state.state === 'RUNNING'
          ? (spec.haltedAs ?? ((s: State) => ({ ...s, state: STOPPED[name]! })))(i.state)
          : undefined,
    describe: (s: unknown) => (s === null ? 'removed' : (s as State).state),
    halt: async (_ctx: unknown, i: Observed<State>) => {
      await spec.during?.()
      events.push(`${name} ${i.id} halted`)
    },
  } as unknown as Resource
}

function runtime(resources: Resource[]) {
  const logger = new MemoryLogger()
  const rt = {
    version: '0.0.0-test',
    workspaceId: '77',
    workspaceUrl: 'https://adb-77.7.azuredatabricks.net',
    caller: { id: '1', userName: 'admin@example.com' },
    settings: { keep: [], maxConcurrency: 1 },
    store: new DirectoryStore(dir),
    resources,
    resCtx: {},
    logger,
    clock: { now: () => 0 },
  } as unknown as Runtime
  return { rt, logger }
}

const recorded = (kind: ResourceKind, id: string, before = 'RUNNING'): SnapshotItem => ({
  kind,
  id,
  name: `item ${id}`,
  before: { state: before },
  after: { state: STOPPED[kind] },
  recorded_at: '2026-12-07T05:00:00.000Z',
})

/** What the stop recorded before the sweep: its snapshot, which merged an older one. */
async function recordingOf(rt: Runtime, records: SnapshotItem[]): Promise<Recording> {
  const entry = await saveSnapshot(rt, records, ['older.json'], '2026-12-07T05:00:00.000Z')
  return { entry, records, mergedFrom: ['older.json'] }
}

/** Log lines without debug (which carry real listing times). */
const lines = (logger: MemoryLogger) => logger.lines.filter((l) => !l.startsWith('debug: '))

describe('sweep', () => {
  it('lists only the sweep kinds that can be halted, and records nothing when nothing started', async () => {
    const events: string[] = []
    const resources = [
      kind('jobs', events),
      kind('warehouses', events, { sweep: true, listings: [() => [item('w1', 'STOPPED')]] }),
      kind('serving_endpoints', events, { sweep: true, reportOnly: true }),
    ]
    const { rt, logger } = runtime(resources)
    const recording = await recordingOf(rt, [recorded('warehouses', 'w1')])
    const result = await sweep(rt, {}, recording, 'Final sweep')
    expect(result).toStrictEqual({ items: [], warnings: [], recording })
    expect(result.recording).toBe(recording)
    expect(events).toEqual(['warehouses listed'])
    expect(lines(logger)).toEqual([
      'info: List: 1/1, done (kinds 1/1)',
      'info: Final sweep: nothing was started during the stop.',
    ])
    expect(await rt.store.list('77')).toHaveLength(1)
  })

  it('names the kinds it could not list, with the error if there is one', async () => {
    const events: string[] = []
    const resources = [
      kind('clusters', events, {
        sweep: true,
        listings: [
          () => {
            throw new Error('500 INTERNAL_ERROR')
          },
        ],
      }),
      kind('apps', events, {
        sweep: true,
        optionalFeature: true,
        listings: [
          () => {
            throw notAvailable()
          },
        ],
      }),
    ]
    const { rt } = runtime(resources)
    const recording = await recordingOf(rt, [recorded('warehouses', 'w1')])
    const result = await sweep(rt, {}, recording, 'Compute sweep')
    expect(result).toStrictEqual({
      items: [],
      warnings: [
        'clusters: not swept, cannot list (500 INTERNAL_ERROR).',
        'apps: not swept, cannot list ().',
      ],
      recording,
    })
  })

  it('records what started in a snapshot that supersedes the stop’s, then halts it', async () => {
    const events: string[] = []
    const resources = [
      kind('warehouses', events, {
        sweep: true,
        laterWins: true,
        listings: [() => [item('w1', 'STOPPED'), item('w2'), item('w3')]],
      }),
      kind('clusters', events, {
        sweep: true,
        late: true,
        // A second listing (late items) would find c9 too: the sweep does not list again.
        listings: [() => [item('c1')], () => [item('c1'), item('c9')]],
      }),
    ]
    const { rt, logger } = runtime(resources)
    // w2 was halted from STARTING by the stop; someone started it since.
    const recording = await recordingOf(rt, [
      recorded('warehouses', 'w1'),
      recorded('warehouses', 'w2', 'STARTING'),
    ])
    const earlier = { clusters: [item('c0', 'TERMINATED')] } satisfies Inventory
    const result = await sweep(rt, earlier, recording, 'Final sweep')

    const entry = result.recording.entry
    expect(entry.name).not.toBe(recording.entry.name)
    const at = expect.any(String)
    const records = [
      // The kind's own merge decides (here: the later record wins); recorded_at stays the first.
      { ...recorded('warehouses', 'w2'), recorded_at: '2026-12-07T05:00:00.000Z' },
      { ...recorded('warehouses', 'w3'), recorded_at: at },
      { ...recorded('clusters', 'c1'), recorded_at: at },
      recorded('warehouses', 'w1'),
    ]
    const message =
      `Final sweep: 3 started during the stop (warehouses item w2, warehouses item w3, clusters ` +
      `item c1); recorded in ${entry.name} (4 items, supersedes ${recording.entry.name}) and halted.`
    const halted = (kind: ResourceKind, id: string) => ({
      kind,
      id,
      name: `item ${id}`,
      before: { state: 'RUNNING' },
      after: { state: STOPPED[kind] },
      outcome: 'changed',
      detail: `RUNNING → ${STOPPED[kind]} (started during stop)`,
    })
    expect(result).toEqual({
      items: [halted('warehouses', 'w2'), halted('warehouses', 'w3'), halted('clusters', 'c1')],
      warnings: [message],
      recording: { entry, records, mergedFrom: ['older.json', recording.entry.name] },
    })
    // Listed once each (no second listing for late items), then halted side by side.
    expect(events.slice(0, 2)).toEqual(['warehouses listed', 'clusters listed'])
    expect(events.slice(2).sort()).toEqual([
      'clusters c1 halted',
      'warehouses w2 halted',
      'warehouses w3 halted',
    ])
    const saved = JSON.parse(await readFile(entry.ref, 'utf8')) as Record<string, unknown>
    expect(saved.merged_from).toEqual(['older.json', recording.entry.name])
    expect(saved.items).toEqual(records)
    const logged = lines(logger)
    expect(logged.slice(0, 2)).toEqual([
      'info: List: 2/2, done (kinds 2/2)',
      `info: Snapshot saved: ${entry.ref}. ${message}`,
    ])
    expect(logged.slice(2, -1).sort()).toEqual([
      'info: clusters: 1 changed, 0 failed',
      'info: clusters: halting 1',
      'info: warehouses: 2 changed, 0 failed',
      'info: warehouses: halting 2',
    ])
    expect(logged.at(-1)).toBe('info: Sweep: 3/3, done (warehouses 2/2, clusters 1/1)')
  })

  it('halts nothing when the snapshot cannot be saved, and reports every item failed', async () => {
    const events: string[] = []
    const resources = [
      kind('warehouses', events, {
        sweep: true,
        listings: [() => [item('w9', 'RUNNING', 'L')]],
        // A kind bug: the value it would set differs in more than the state.
        haltedAs: (s) => ({ ...s, state: 'STOPPED', size: 'S' }),
      }),
    ]
    const { rt, logger } = runtime(resources)
    const recording = await recordingOf(rt, [recorded('warehouses', 'w1')])
    const result = await sweep(rt, {}, recording, 'Compute sweep')
    const error =
      `not halted: Could not save the snapshot to directory ${dir}: warehouses w9 (item w9) would ` +
      'be recorded as size: differs between before and after, which a restore refuses. This is a ' +
      'bug in databricks-halt; please report it. Nothing was changed.'
    expect(result).toStrictEqual({
      items: [
        {
          kind: 'warehouses',
          id: 'w9',
          name: 'item w9',
          outcome: 'failed',
          before: { state: 'RUNNING', size: 'L' },
          after: { state: 'STOPPED', size: 'S' },
          detail: 'RUNNING → STOPPED',
          error,
        },
      ],
      warnings: [],
      recording,
    })
    expect(result.recording).toBe(recording)
    expect(events).toEqual(['warehouses listed'])
    expect(lines(logger)).toEqual([
      'info: List: 1/1, done (kinds 1/1)',
      `error: Compute sweep: ${error}`,
    ])
  })
})

describe('haltAndSweep', () => {
  /** A gate the test opens; it opens by itself after a while, so a wrong order cannot hang. */
  function gate() {
    let open!: () => void
    const opened = new Promise<void>((resolve) => {
      open = resolve
      setTimeout(resolve, 500).unref()
    })
    return { open, opened }
  }

  const changed = (kind: ResourceKind, id: string, after: unknown, detail: string) => ({
    kind,
    id,
    name: `item ${id}`,
    before: kind === 'permission_assignments' ? { state: 'ASSIGNED' } : { state: 'RUNNING' },
    after,
    outcome: 'changed',
    detail,
  })
  const w1 = changed('warehouses', 'w1', { state: 'STOPPED' }, 'RUNNING → STOPPED')
  const p5 = changed('permission_assignments', '5', null, 'ASSIGNED → removed')
  const assignment = (): Observed<State> => ({ ...item('5', 'ASSIGNED'), active: true })

  it('without access removal: the plan alone, no sweep', async () => {
    const events: string[] = []
    const resources = [kind('warehouses', events, { sweep: true })]
    const { rt } = runtime(resources)
    const inventory = { warehouses: [item('w1')] }
    const plan = planStop(resources, inventory)
    const recording = await recordingOf(rt, [recorded('warehouses', 'w1')])
    const progress = new Progress(new MemoryLogger(), rt.clock, 'Halt')
    const result = await haltAndSweep(rt, plan, inventory, progress, recording)
    progress.end()
    expect(result).toStrictEqual({ applied: [w1] })
    expect(events).toEqual(['warehouses w1 halted'])
  })

  it('access removal still running once compute is stopped: the compute sweep runs at once', async () => {
    const events: string[] = []
    const listed = gate()
    const resources = [
      kind('warehouses', events, {
        sweep: true,
        listings: [() => [item('w1', 'STOPPED'), item('w2')]],
        onList: listed.open,
      }),
      // Access removal ends only once the compute sweep has listed.
      kind('permission_assignments', events, { access: true, during: () => listed.opened }),
    ]
    const { rt, logger } = runtime(resources)
    const inventory = { warehouses: [item('w1')], permission_assignments: [assignment()] }
    const plan = planStop(resources, inventory)
    const recording = await recordingOf(rt, [recorded('warehouses', 'w1')])
    const progress = new Progress(new MemoryLogger(), rt.clock, 'Halt')
    const result = await haltAndSweep(rt, plan, inventory, progress, recording)
    progress.end()

    const swept = result.swept!
    const entry = swept.recording.entry
    const message =
      `Compute sweep: 1 started during the stop (warehouses item w2); recorded in ${entry.name} ` +
      `(2 items, supersedes ${recording.entry.name}) and halted.`
    // In the order of the runtime's kinds, not in the order they ended.
    expect(result.applied).toEqual([w1, p5])
    expect(swept).toEqual({
      items: [
        changed(
          'warehouses',
          'w2',
          { state: 'STOPPED' },
          'RUNNING → STOPPED (started during stop)',
        ),
      ],
      warnings: [message],
      recording: {
        entry,
        records: [
          { ...recorded('warehouses', 'w2'), recorded_at: expect.any(String) },
          recorded('warehouses', 'w1'),
        ],
        mergedFrom: ['older.json', recording.entry.name],
      },
    })
    expect(Object.keys(result)).toEqual(['applied', 'swept'])
    expect(events).toEqual([
      'warehouses w1 halted',
      'warehouses listed',
      'permission_assignments 5 halted',
      'warehouses w2 halted',
    ])
    expect(lines(logger)).toContain(`info: Snapshot saved: ${entry.ref}. ${message}`)
  })

  it('access removal over before compute is stopped: no compute sweep (the final sweep follows)', async () => {
    const events: string[] = []
    const resources = [
      kind('warehouses', events, {
        sweep: true,
        // Stopping compute takes until every pending job of the event loop has run.
        during: () => new Promise((resolve) => setImmediate(resolve)),
      }),
      kind('permission_assignments', events, { access: true }),
    ]
    const { rt } = runtime(resources)
    const inventory = { warehouses: [item('w1')], permission_assignments: [assignment()] }
    const plan = planStop(resources, inventory)
    const recording = await recordingOf(rt, [recorded('warehouses', 'w1')])
    const progress = new Progress(new MemoryLogger(), rt.clock, 'Halt')
    const result = await haltAndSweep(rt, plan, inventory, progress, recording)
    progress.end()
    expect(result).toStrictEqual({ applied: [w1, p5], swept: undefined })
    expect(events).toEqual(['permission_assignments 5 halted', 'warehouses w1 halted'])
  })
})
