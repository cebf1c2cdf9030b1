import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MemoryLogger } from '../../__fixtures__/memory-logger.js'
import {
  addNode,
  startArmDouble,
  WORKSPACE_ID,
  workspaceUrl,
  type ArmDouble,
} from './arm-double.js'
import type { Runtime } from '../../src/engine/runtime.js'
import type { LoadedPlan } from '../../src/engine/saved-plan.js'
import { stop } from '../../src/engine/stop.js'
import type { SavedPlan } from '../../src/plan/schema.js'
import type { Observed, Resource } from '../../src/resources/resource.js'
import { SettingsSchema, type ResourceKind } from '../../src/settings.js'
import { decodeSnapshot } from '../../src/snapshot/codec.js'
import { DirectoryStore } from '../../src/snapshot/directory-store.js'
import type { Snapshot } from '../../src/snapshot/schema.js'

/**
 * stop on its own, in process: a real directory store and small kinds implementing the Resource
 * interface over an in-memory workspace (id → state), named after real kinds so that what they
 * record passes the real kinds' checkRecord. Clusters run ({state: 'RUNNING'}) or not; an
 * assignment is listed while assigned and halted by removing it.
 */
let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'halt-stop-unit-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const STARTED = '2026-12-07T05:00:00.000Z'
const RUNNING = { state: 'RUNNING' }
const STOPPED = { state: 'TERMINATED' }

interface KindSpec {
  access?: boolean
  sweep?: boolean
  reportOnly?: boolean
  /** The listing fails with this error. */
  listError?: Error
  /** Called before each listing (1 = the first), e.g. to start something by hand. */
  onList?: (n: number) => void | Promise<void>
  /** Called inside each halt, before it is done. */
  onHalt?: (id: string) => void | Promise<void>
  /** What a halt leaves (default: TERMINATED; assignments are removed). */
  haltsTo?: unknown
  drained?: (state: unknown) => boolean
  /** What the kind counts as running (default: state RUNNING). */
  running?: (state: { state: string }) => boolean
  stillHalted?: Resource['stillHalted']
  merge?: Resource['merge']
}

type Workspace = Map<string, unknown>

function fakeKind(kind: ResourceKind, ws: Workspace, events: string[], spec: KindSpec = {}) {
  const assignments = kind === 'permission_assignments'
  const running = spec.running ?? ((s: { state: string }) => s.state === 'RUNNING')
  let listings = 0
  const resource: Resource = {
    kind,
    startedBy: [],
    ...(spec.access ? { access: true } : {}),
    ...(spec.sweep ? { sweep: true } : {}),
    ...(spec.reportOnly ? { reportOnly: true } : {}),
    list: async () => {
      await spec.onList?.(++listings)
      events.push(`${kind} listed`)
      if (spec.listError) throw spec.listError
      return [...ws].map(([id, state]): Observed<unknown> => ({
        id,
        name: `${kind} ${id}`,
        state,
        active: assignments || (state as { state: string }).state === 'RUNNING',
        detail: describeState(state),
      }))
    },
    halted: (item) =>
      assignments ? null : running(item.state as { state: string }) ? STOPPED : undefined,
    halt: async (_ctx, item, after) => {
      events.push(`${kind} ${item.id} → ${describeState(after)}`)
      await spec.onHalt?.(item.id)
      if (assignments) ws.delete(item.id)
      else ws.set(item.id, spec.haltsTo ?? after)
    },
    describe: describeState,
    decideRestore: () => {
      throw new Error('stop never restores')
    },
    write: async () => {
      throw new Error('stop never writes back')
    },
    ...(spec.stillHalted ? { stillHalted: spec.stillHalted } : {}),
    ...(spec.merge ? { merge: spec.merge } : {}),
    ...(spec.drained ? { drained: (item: Observed<unknown>) => spec.drained!(item.state) } : {}),
  }
  return resource
}

function describeState(state: unknown): string {
  if (state === null) return 'not assigned'
  const s = state as { state?: string; permissions?: string[] }
  return s.state ?? `assigned ${s.permissions!.join(',')}`
}

const assignment = (id: string, userName: string, permissions: string[]) => ({
  principal: { principal_id: id, user_name: userName },
  permissions,
})

/** Also records a warning's title (the Action's annotation title). */
class TitledLogger extends MemoryLogger {
  override warning(message: string, title?: string): void {
    super.warning(title ? `[${title}] ${message}` : message)
  }
}

function runtime(
  resources: Resource[],
  settings: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
) {
  const logger = new TitledLogger()
  let now = 0
  const rt = {
    version: '0.0.0-test',
    workspaceId: '77',
    workspaceUrl: 'https://adb-77.7.azuredatabricks.net',
    caller: { id: '1', userName: 'admin@example.com' },
    settings: SettingsSchema.parse({
      mode: 'stop',
      workspaceUrl: 'https://adb-77.7.azuredatabricks.net',
      face: 'cli',
      maxConcurrency: 1,
      ...settings,
    }),
    store: new DirectoryStore(dir),
    logger,
    resources,
    resCtx: { clients: {} },
    clock: { now: () => 0 },
    timing: {
      verifyTimeoutMs: 1_000,
      pollIntervalMs: 1_000,
      // The waits' clock: a sleep moves it on.
      clock: { now: () => now, sleep: async (ms: number) => void (now += ms) },
    },
    workspaceNow: () => Date.parse(STARTED),
    ...extra,
  } as unknown as Runtime
  return { rt, logger }
}

/** The log without debug lines (they carry wall-clock durations). */
const logged = (logger: MemoryLogger) => logger.lines.filter((l) => !l.startsWith('debug: '))

async function content(rt: Runtime, name: string): Promise<Snapshot> {
  const [entry] = (await rt.store.list('77')).filter((e) => e.name === name)
  return decodeSnapshot(await rt.store.read(entry), name)
}

const records = (s: Snapshot) => s.items.map((i) => [i.kind, i.id, i.before, i.after])

describe('stop refuses without the assignment list', () => {
  const failing = (error: string) => {
    const events: string[] = []
    // Clusters fail to list too, and first: the refusal names the assignments' own error.
    return [
      fakeKind('clusters', new Map(), events, { listError: new Error('clusters are down') }),
      fakeKind('permission_assignments', new Map(), events, { listError: new Error(error) }),
    ]
  }

  it('names the cause, the account admin it needs and how to halt without access (CLI and Action)', async () => {
    const cause = '403 PERMISSION_DENIED: not an account admin'
    const cli = runtime(failing(cause))
    await expect(stop(cli.rt, STARTED)).rejects.toThrow(
      `Cannot list the permission assignments of workspace 77 (${cause}), so the caller cannot ` +
        'be protected from lock-out. The signed-in principal must be a Databricks account admin ' +
        '(and --account-id must name its account). To halt without touching access, --skip ' +
        'permission_assignments. Nothing was changed.',
    )
    const action = runtime(failing(cause), { face: 'action' })
    await expect(stop(action.rt, STARTED)).rejects.toThrow(
      `Cannot list the permission assignments of workspace 77 (${cause}), so the caller cannot ` +
        'be protected from lock-out. The signed-in principal must be a Databricks account admin ' +
        '(and account-id must name its account). To halt without touching access, leave ' +
        'permission_assignments out of the resources input. Nothing was changed.',
    )
    expect(await cli.rt.store.list('77')).toEqual([])
  })

  it('says only the cause when the workspace is not identity-federated', async () => {
    const cause =
      'Workspace 77 is not enabled for identity federation: use --skip permission_assignments.'
    await expect(stop(runtime(failing(cause)).rt, STARTED)).rejects.toThrow(
      `${cause} Nothing was changed.`,
    )
  })
})

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))
const cluster = (id: string, outcome: string, detail: string, extra: object = {}) => ({
  kind: 'clusters',
  id,
  name: `clusters ${id}`,
  outcome,
  detail,
  ...extra,
})
const halted = (id: string, note = '') =>
  cluster(id, 'changed', `RUNNING → TERMINATED${note}`, { before: RUNNING, after: STOPPED })

describe('stop', () => {
  it('merges with the open halt: keeps its keep list and what is still halted, names what is not', async () => {
    const events: string[] = []
    const compute: Workspace = new Map([
      ['1', RUNNING],
      ['2', RUNNING],
      ['3', STOPPED],
    ])
    const endpoints: Workspace = new Map([
      ['v1', RUNNING],
      ['v2', STOPPED],
    ])
    const kinds = [
      fakeKind('clusters', compute, events),
      fakeKind('vector_search_endpoints', endpoints, events, { reportOnly: true }),
    ]
    const first = runtime(kinds, { keep: ['alice@example.com'] })
    const r1 = await stop(first.rt, STARTED)
    const reportOnly =
      'vector_search_endpoints vector_search_endpoints v1 is running and cannot be stopped ' +
      'through the API (RUNNING).'
    const endpoint = (id: string, outcome: string) => ({
      kind: 'vector_search_endpoints',
      id,
      name: `vector_search_endpoints ${id}`,
      outcome,
      detail: id === 'v1' ? 'RUNNING' : 'TERMINATED',
    })
    expect(r1.items).toEqual([
      halted('1'),
      halted('2'),
      cluster('3', 'already_halted', 'TERMINATED'),
      endpoint('v1', 'report_only'),
      endpoint('v2', 'inactive'),
    ])
    expect(r1.warnings).toEqual([reportOnly])
    expect(r1.mode).toBe('stop')
    expect(r1.dryRun).toBe(false)
    const s1 = r1.snapshot!
    expect(events).toEqual([
      'clusters listed',
      'vector_search_endpoints listed',
      'clusters 1 → TERMINATED',
      'clusters 2 → TERMINATED',
    ])
    expect(logged(first.logger)).toEqual([
      'group: List',
      'info: List: 2/2, done (kinds 2/2)',
      'endgroup: List',
      `warning: [Cannot be stopped] ${reportOnly}`,
      `info: Snapshot saved: ${s1.ref} (2 items)`,
      'group: Halt',
      'info: clusters: halting 2',
      'info: clusters: 2 changed, 0 failed',
      'info: Halt: 2/2, done (clusters 2/2)',
      'endgroup: Halt',
    ])
    const one = await content(first.rt, s1.name)
    expect(one.kept_principals).toEqual(['alice@example.com'])
    expect(one.merged_from).toEqual([])
    expect(records(one)).toEqual([
      ['clusters', '1', RUNNING, STOPPED],
      ['clusters', '2', RUNNING, STOPPED],
    ])

    // During the halt: cluster 2 started again by hand, cluster 4 started.
    compute.set('2', RUNNING)
    compute.set('4', RUNNING)
    const second = runtime(kinds)
    const r2 = await stop(second.rt, STARTED)
    const merge =
      `The workspace is already halted by ${s1.name}; this stop merges with it (earliest ` +
      'pre-halt values win, 2 recorded items kept).'
    const dropped =
      'clusters clusters 2 (2) is no longer as the earlier stop left it (changed by hand or ' +
      'deleted during the halt): that part of its earlier record is left out, so a restore will ' +
      'not undo the change.'
    expect(r2.warnings).toEqual([reportOnly, merge, dropped])
    expect(r2.items).toEqual([
      halted('2'),
      halted('4'),
      cluster('1', 'already_halted', 'TERMINATED'),
      cluster('3', 'already_halted', 'TERMINATED'),
      endpoint('v1', 'report_only'),
      endpoint('v2', 'inactive'),
    ])
    const s2 = r2.snapshot!
    expect(logged(second.logger)).toEqual([
      'group: List',
      'info: List: 2/2, done (kinds 2/2)',
      'endgroup: List',
      "info: Keeping alice@example.com from the open snapshot's keep list (drop one with --unkeep NAME).",
      `warning: [Cannot be stopped] ${reportOnly}`,
      `info: ${merge}`,
      `warning: [Record left out] ${dropped}`,
      `info: Snapshot saved: ${s2.ref} (3 items)`,
      'group: Halt',
      'info: clusters: halting 2',
      'info: clusters: 2 changed, 0 failed',
      'info: Halt: 2/2, done (clusters 2/2)',
      'endgroup: Halt',
    ])
    const two = await content(second.rt, s2.name)
    expect(two.kept_principals).toEqual(['alice@example.com'])
    expect(two.merged_from).toEqual([s1.name])
    // This stop's records first, then those carried over from the earlier one.
    expect(records(two)).toEqual([
      ['clusters', '2', RUNNING, STOPPED],
      ['clusters', '4', RUNNING, STOPPED],
      ['clusters', '1', RUNNING, STOPPED],
    ])
  })

  it('merges a record halted again with the kind’s own merge', async () => {
    const events: string[] = []
    const compute: Workspace = new Map([['1', RUNNING]])
    const kinds = [
      fakeKind('clusters', compute, events, {
        running: (s) => s.state !== 'TERMINATED',
        stillHalted: (record) => record,
        // The opposite of the default (earlier before wins), so that it shows.
        merge: (_earlier, later) => later,
      }),
    ]
    await stop(runtime(kinds).rt, STARTED)
    compute.set('1', { state: 'RESIZING' })
    const { rt } = runtime(kinds)
    const report = await stop(rt, STARTED)
    expect(report.warnings).toEqual([
      `The workspace is already halted by ${(await rt.store.list('77'))[1].name}; this stop ` +
        'merges with it (earliest pre-halt values win, 1 recorded items kept).',
    ])
    expect(records(await content(rt, report.snapshot!.name))).toEqual([
      ['clusters', '1', { state: 'RESIZING' }, STOPPED],
    ])
  })

  it('a dry run lists failures, the plan and the rest, saves the plan and changes nothing', async () => {
    const events: string[] = []
    const planOut = join(dir, 'plan.json')
    const kinds = [
      fakeKind(
        'clusters',
        new Map([
          ['1', RUNNING],
          ['3', STOPPED],
        ]),
        events,
      ),
      fakeKind('warehouses', new Map(), events, { listError: new Error('warehouses are down') }),
    ]
    // --on-drift acts on a saved plan only: without one it refuses nothing.
    const { rt, logger } = runtime(kinds, { dryRun: true, planOut, onDrift: 'fail' })
    const report = await stop(rt, STARTED)
    expect(report.items).toEqual([
      {
        kind: 'warehouses',
        id: '*',
        name: '(list)',
        outcome: 'failed',
        error: 'warehouses are down',
      },
      cluster('1', 'planned', 'RUNNING → TERMINATED', { before: RUNNING, after: STOPPED }),
      cluster('3', 'already_halted', 'TERMINATED'),
    ])
    const plan = JSON.parse(await readFile(planOut, 'utf8')) as SavedPlan
    expect(report.planOut).toEqual({ path: planOut, items: 1, checksum: plan.checksum })
    expect(plan.items).toEqual([
      { kind: 'clusters', id: '1', name: 'clusters 1', detail: 'RUNNING → TERMINATED' },
    ])
    expect(report.mode).toBe('stop')
    expect(report.dryRun).toBe(true)
    expect(report.snapshot).toBeUndefined()
    expect(report.census).toEqual({ clusters: { before: 1, after: 0 } })
    expect(events).toEqual(['clusters listed', 'warehouses listed'])
    expect(await rt.store.list('77')).toEqual([])
    expect(logged(logger)).toEqual([
      'group: List',
      'error: warehouses: cannot list: warehouses are down',
      'info: List: 2/2, done (kinds 2/2)',
      'endgroup: List',
      `info: Plan saved: ${planOut} (1 changes)`,
    ])
  })

  it('with a saved plan: halts what it approved, and refuses what it did not (--on-drift fail)', async () => {
    const events: string[] = []
    const compute: Workspace = new Map([
      ['1', RUNNING],
      ['3', STOPPED],
    ])
    const kinds = [fakeKind('clusters', compute, events)]
    const saved: LoadedPlan = {
      plan: {
        mode: 'stop',
        created_at: '2026-12-07T04:00:00.000Z',
        created_by: 'planner@example.com',
        items: [{ kind: 'clusters', id: '1', name: 'clusters 1' }],
      } as unknown as SavedPlan,
      source: 'plan.json',
    }
    const first = runtime(kinds, { onDrift: 'fail' })
    const report = await stop(first.rt, STARTED, saved)
    expect(report.items).toEqual([halted('1'), cluster('3', 'already_halted', 'TERMINATED')])
    expect(report.plan).toEqual({
      path: 'plan.json',
      createdAt: '2026-12-07T04:00:00.000Z',
      createdBy: 'planner@example.com',
      items: 1,
      unplanned: 0,
    })
    compute.set('5', RUNNING)
    const before = await first.rt.store.list('77')
    await expect(stop(runtime(kinds, { onDrift: 'fail' }).rt, STARTED, saved)).rejects.toThrow(
      '1 item(s) are active now but not in the approved plan plan.json (--on-drift fail): ' +
        'clusters clusters 5 (5). Nothing was changed; make a new plan with --plan-out, or use ' +
        '--on-drift include.',
    )
    expect(await first.rt.store.list('77')).toEqual(before)
    expect(events.filter((e) => e.includes('→'))).toEqual(['clusters 1 → TERMINATED'])
  })

  it('with access removal, the compute sweep records and halts what started meanwhile', async () => {
    const events: string[] = []
    const access: Workspace = new Map([
      ['1', assignment('1', 'admin@example.com', ['ADMIN'])],
      ['5', assignment('5', 'u5@example.com', ['USER'])],
    ])
    const compute: Workspace = new Map([['1', RUNNING]])
    let release!: () => void
    const removed = new Promise<void>((resolve) => (release = resolve))
    const kinds = [
      // Access removal lasts until compute has been listed again (by the compute sweep).
      fakeKind('permission_assignments', access, events, { access: true, onHalt: () => removed }),
      fakeKind('clusters', compute, events, {
        sweep: true,
        onList: (n) => {
          if (n !== 2) return
          compute.set('9', RUNNING)
          release()
        },
      }),
    ]
    const { rt, logger } = runtime(kinds)
    const report = await stop(rt, STARTED)
    const [s2, s1] = await rt.store.list('77')
    const sweep =
      'Compute sweep: 1 started during the stop (clusters clusters 9); recorded in ' +
      `${s2.name} (3 items, supersedes ${s1.name}) and halted.`
    expect(report.items).toEqual([
      {
        kind: 'permission_assignments',
        id: '5',
        name: 'permission_assignments 5',
        outcome: 'changed',
        before: assignment('5', 'u5@example.com', ['USER']),
        after: null,
        detail: 'assigned USER → not assigned',
      },
      halted('1'),
      {
        kind: 'permission_assignments',
        id: '1',
        name: 'permission_assignments 1',
        outcome: 'kept',
        detail: 'the caller (never removed)',
      },
      halted('9', ' (started during stop)'),
    ])
    expect(report.warnings).toEqual([sweep])
    expect(report.snapshot).toEqual(s2)
    expect(records(await content(rt, s2.name))).toEqual([
      ['clusters', '9', RUNNING, STOPPED],
      ['permission_assignments', '5', assignment('5', 'u5@example.com', ['USER']), null],
      ['clusters', '1', RUNNING, STOPPED],
    ])
    expect((await content(rt, s2.name)).merged_from).toEqual([s1.name])
    expect(logged(logger).filter((l) => /group|sweep/i.test(l))).toEqual([
      'group: List',
      'endgroup: List',
      'group: Halt',
      `info: Snapshot saved: ${s2.ref}. ${sweep}`,
      'info: Sweep: 1/1, done (clusters 1/1)',
      'endgroup: Halt',
      'group: Final sweep',
      'info: Final sweep: nothing was started during the stop.',
      'endgroup: Final sweep',
    ])
  })

  it('with access removal done first, the final sweep records and halts what started meanwhile', async () => {
    const events: string[] = []
    const access: Workspace = new Map([['1', assignment('1', 'admin@example.com', ['ADMIN'])]])
    const compute: Workspace = new Map([['1', RUNNING]])
    const kinds = [
      fakeKind('permission_assignments', access, events, { access: true }),
      fakeKind('clusters', compute, events, {
        sweep: true,
        onHalt: async () => {
          await nextTurn()
          await nextTurn()
        },
        onList: (n) => void (n === 2 && compute.set('9', RUNNING)),
      }),
    ]
    const { rt, logger } = runtime(kinds)
    const report = await stop(rt, STARTED)
    const [s2, s1] = await rt.store.list('77')
    const sweep =
      'Final sweep: 1 started during the stop (clusters clusters 9); recorded in ' +
      `${s2.name} (2 items, supersedes ${s1.name}) and halted.`
    expect(report.items).toEqual([
      halted('1'),
      {
        kind: 'permission_assignments',
        id: '1',
        name: 'permission_assignments 1',
        outcome: 'kept',
        detail: 'the caller (never removed)',
      },
      halted('9', ' (started during stop)'),
    ])
    expect(report.warnings).toEqual([sweep])
    expect(report.snapshot).toEqual(s2)
    expect((await content(rt, s2.name)).merged_from).toEqual([s1.name])
    expect(logged(logger).filter((l) => /group|sweep/i.test(l))).toEqual([
      'group: List',
      'endgroup: List',
      'group: Halt',
      'endgroup: Halt',
      'group: Final sweep',
      `info: Snapshot saved: ${s2.ref}. ${sweep}`,
      'info: Sweep: 1/1, done (clusters 1/1)',
      'endgroup: Final sweep',
    ])
  })

  it('--wait: what has not stopped by the deadline is reported not converged', async () => {
    const events: string[] = []
    const kinds = [
      fakeKind('clusters', new Map([['1', RUNNING]]), events, {
        haltsTo: { state: 'TERMINATING' },
        drained: (s) => (s as { state: string }).state === 'TERMINATED',
      }),
    ]
    const { rt, logger } = runtime(kinds, { waitMinutes: 1 })
    const report = await stop(rt, STARTED)
    expect(report.items).toEqual([
      cluster('1', 'not_converged', 'still TERMINATING after waiting 1 min', {
        before: RUNNING,
        after: STOPPED,
      }),
    ])
    expect(logged(logger).filter((l) => /Wait|still/.test(l))).toEqual([
      'group: Wait',
      'info: Wait: 0/1, ETA estimating (stopped 0/1)',
      'error: still running after 1 min: 1 clusters',
      'endgroup: Wait',
    ])
    expect(report.exitCode).toBe(1)
  })

  it('--check-subnets without an Azure sign-in: the check is skipped with a warning, the exit code kept', async () => {
    const kinds = [fakeKind('clusters', new Map([['1', STOPPED]]), [])]
    const { rt, logger } = runtime(kinds, { checkSubnets: true })
    const report = await stop(rt, STARTED)
    const note =
      'Subnet check skipped: it reads Azure Resource Manager, which needs an Azure sign-in ' +
      '(--auth azure-cli or azure-default).'
    expect(report.network).toEqual({ status: 'skipped', note, verdict: 'unknown', subnets: [] })
    expect(report.warnings).toEqual([note])
    expect(report.exitCode).toBe(0)
    expect(report.items).toEqual([cluster('1', 'already_halted', 'TERMINATED')])
    expect(logged(logger).slice(-3)).toEqual([
      'group: Subnets',
      'endgroup: Subnets',
      `warning: [Subnet check] ${note}`,
    ])
  })
})

describe('stop --check-subnets (the ARM double)', () => {
  let d: ArmDouble
  beforeAll(async () => {
    d = await startArmDouble()
  })
  afterAll(() => d.close())
  beforeEach(() => d.reset())

  /** A stop whose one cluster takes 30 s (and a few polls) to drain, then the subnet wait. */
  async function stopAndCheck() {
    let now = 1_000_000
    const clock = { now: () => now, sleep: async (ms: number) => void (now += ms) }
    const drainedAt = now + 30_000
    const kinds = [
      fakeKind('clusters', new Map([['1', RUNNING]]), [], {
        haltsTo: { state: 'TERMINATING' },
        drained: () => now >= drainedAt,
      }),
    ]
    const { rt, logger } = runtime(
      kinds,
      { waitMinutes: 1, checkSubnets: true },
      {
        workspaceId: String(WORKSPACE_ID),
        workspaceUrl: workspaceUrl(0),
        arm: d.access,
        timing: { pollIntervalMs: 10_000, networkPollIntervalMs: 10_000, clock },
      },
    )
    const report = await stop(rt, STARTED)
    return { report, lines: logged(logger), elapsed: now - 1_000_000 }
  }

  it('exits 1 while a NIC is left, having waited what --wait had left after the drain', async () => {
    addNode(d.ws(0), 'vm1', { host: '10.139.0.4' })
    const { report, lines, elapsed } = await stopAndCheck()
    expect(report.network).toMatchObject({ status: 'checked', verdict: 'not_empty' })
    expect(report.exitCode).toBe(1)
    expect(report.warnings).toEqual([])
    // 37.5 s of the minute went on the drain (its polls); the subnet wait had the rest, 0.4 min.
    expect(elapsed).toBe(60_000)
    const left = 'public-subnet (10.139.0.0/18): vm1-publicNic'
    expect(lines.slice(lines.indexOf('group: Subnets'))).toEqual([
      'group: Subnets',
      `info: waiting for the subnets to empty: ${left}`,
      `error: subnets still not empty after 0.4 min: ${left}`,
      'endgroup: Subnets',
      `info: subnets: not empty: ${left}`,
    ])
  })

  it('exits 0 once the subnets are empty', async () => {
    const { report, lines } = await stopAndCheck()
    expect(report.network).toMatchObject({ status: 'checked', verdict: 'empty' })
    expect(report.exitCode).toBe(0)
    expect(lines.slice(lines.indexOf('group: Subnets'))).toEqual([
      'group: Subnets',
      'endgroup: Subnets',
      'info: subnets: empty',
    ])
  })
})
