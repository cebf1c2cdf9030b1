import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MemoryLogger } from '../../__fixtures__/memory-logger.js'
import { DatabricksError } from '../../src/databricks/errors.js'
import { restore } from '../../src/engine/restore.js'
import type { Runtime } from '../../src/engine/runtime.js'
import { saveSnapshot } from '../../src/engine/save-snapshot.js'
import type {
  Observed,
  Resource,
  RestoreDecision,
  RestoreOptions,
} from '../../src/resources/resource.js'
import type { ResourceKind } from '../../src/settings.js'
import { decodeSnapshot } from '../../src/snapshot/codec.js'
import { DirectoryStore } from '../../src/snapshot/directory-store.js'
import type { SnapshotItem } from '../../src/snapshot/schema.js'
import type { SnapshotEntry } from '../../src/snapshot/store.js'

/**
 * restore's own decisions, in process: a real directory store, and small kinds implementing the
 * Resource interface over an in-memory workspace (a map of id → state), named after real kinds so
 * their records pass the real kinds' checkRecord. Each kind decides by record id, as told.
 */
let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'halt-restore-items-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const CREATED = '2026-12-07T05:00:00.000Z'

interface KindSpec {
  /** What the kind lists now: id → state (absent: not listed). */
  workspace?: Map<string, unknown>
  /** The listing fails with this error. */
  listError?: Error
  optionalFeature?: boolean
  startedBy?: ResourceKind[]
  /** decideRestore by record id: a decision, or an error it throws. */
  decisions?: Record<string, RestoreDecision<unknown> | Error>
  /** write by record id: the error it fails with. */
  writeErrors?: Record<string, Error>
  goneNow?: Map<string, string> | Error
  withMatches?: boolean
  targetMissing?: (e: unknown, id: string) => boolean
}

interface Seen {
  events: string[]
  options: RestoreOptions[]
}

function fakeKind(kind: ResourceKind, seen: Seen, spec: KindSpec = {}): Resource {
  const workspace = spec.workspace ?? new Map<string, unknown>()
  const observed = (id: string, state: unknown): Observed<unknown> => ({
    id,
    name: `${kind} ${id}`,
    state,
    active: true,
    detail: JSON.stringify(state),
  })
  const resource: Resource = {
    kind,
    startedBy: spec.startedBy ?? [],
    ...(spec.optionalFeature ? { optionalFeature: true } : {}),
    list: async () => {
      seen.events.push(`${kind} listed`)
      if (spec.listError) throw spec.listError
      return [...workspace].map(([id, state]) => observed(id, state))
    },
    halted: () => undefined,
    halt: async () => {
      throw new Error('restore never halts')
    },
    describe: (s) => JSON.stringify(s),
    decideRestore: (record, _current, options) => {
      seen.options.push(options)
      const decision = spec.decisions?.[record.id]
      if (decision === undefined) throw new Error(`no decision for ${record.id} in this test`)
      if (decision instanceof Error) throw decision
      return decision
    },
    write: async (_ctx, record, value) => {
      seen.events.push(`${kind} ${record.id} ← ${JSON.stringify(value)}`)
      const error = spec.writeErrors?.[record.id]
      if (error) throw error
      workspace.set(record.id, value)
    },
    ...(spec.goneNow
      ? {
          goneNow: async (_ctx: unknown, records: readonly { id: string }[]) => {
            seen.events.push(`${kind} gone? ${records.map((r) => r.id).join(',')}`)
            if (spec.goneNow instanceof Error) throw spec.goneNow
            return spec.goneNow as Map<string, string>
          },
        }
      : {}),
    ...(spec.withMatches
      ? {
          matches: (current: Observed<unknown> | undefined, expected: unknown) =>
            JSON.stringify(current?.state) === JSON.stringify(expected),
        }
      : {}),
    ...(spec.targetMissing ? { targetMissing: spec.targetMissing } : {}),
  }
  return resource
}

function runtime(resources: Resource[], settings: Record<string, unknown> = {}) {
  const logger = new MemoryLogger()
  const rt = {
    version: '0.0.0-test',
    workspaceId: '77',
    workspaceUrl: 'https://adb-77.7.azuredatabricks.net',
    caller: { id: '1', userName: 'admin@example.com' },
    settings: {
      mode: 'restore',
      keep: [],
      face: 'cli',
      dryRun: false,
      force: false,
      restartCompute: false,
      maxConcurrency: 1,
      ...settings,
    },
    store: new DirectoryStore(dir),
    logger,
    resources,
    resCtx: {},
    clock: { now: () => 0 },
    timing: {
      verifyTimeoutMs: 1_000,
      pollIntervalMs: 10,
      clock: { now: () => 0, sleep: async () => {} },
    },
    workspaceNow: () => Date.parse(CREATED),
  } as unknown as Runtime
  return { rt, logger }
}

const cluster = (id: string, extra: Record<string, unknown> = {}): SnapshotItem => ({
  kind: 'clusters',
  id,
  name: `clusters ${id}`,
  before: { state: 'RUNNING', ...extra },
  after: { state: 'TERMINATED', ...extra },
  recorded_at: CREATED,
})

const assignment = (id: string, permissions: string[]): SnapshotItem => ({
  kind: 'permission_assignments',
  id,
  name: `user ${id}`,
  before: { principal: { principal_id: id, user_name: `u${id}@example.com` }, permissions },
  after: null,
  recorded_at: CREATED,
})

const RUNNING = { state: 'RUNNING' }
const STOPPED = { state: 'TERMINATED' }
const start: RestoreDecision<unknown> = {
  outcome: 'changed',
  detail: 'TERMINATED → RUNNING',
  write: RUNNING,
}
const assign = (permissions: string[]): RestoreDecision<unknown> => ({
  outcome: 'changed',
  detail: `not assigned → ${permissions.join(',')}`,
  write: { permissions },
})

async function save(
  rt: Runtime,
  items: SnapshotItem[],
  createdAt = CREATED,
  mergedFrom: string[] = [],
): Promise<SnapshotEntry> {
  return saveSnapshot(rt, items, mergedFrom, createdAt)
}

/** The log without debug lines (they carry wall-clock durations). */
const logged = (logger: MemoryLogger) => logger.lines.filter((l) => !l.startsWith('debug: '))

const restored = async (rt: Runtime) =>
  Object.fromEntries((await rt.store.list('77')).map((e) => [e.name, e.restored]))

/** Everything the mixed snapshot holds: what each record is told to do is in `decisions`. */
const MIXED = [
  cluster('1'),
  cluster('2'),
  cluster('3'),
  cluster('4'),
  cluster('5'),
  cluster('6'),
  // A cluster with the id of an assignment given back, and of one not given back: ADMIN lines
  // count only the assignments' own records and reports.
  cluster('11', { permissions: ['ADMIN'] }),
  cluster('14'),
  assignment('11', ['ADMIN']),
  assignment('12', ['USER']),
  assignment('13', ['ADMIN']),
  assignment('14', ['ADMIN']),
  assignment('15', ['USER', 'ADMIN']),
]

function mixedKinds(seen: Seen, goneNow: Map<string, string> | Error = new Map()) {
  const clusters = fakeKind('clusters', seen, {
    workspace: new Map<string, unknown>([
      ['1', STOPPED],
      ['2', STOPPED],
      ['3', STOPPED],
      ['4', STOPPED],
      ['5', STOPPED],
      ['11', STOPPED],
      ['14', STOPPED],
    ]),
    startedBy: ['permission_assignments'],
    decisions: {
      '1': start,
      '2': new Error('bad shape'),
      '3': { outcome: 'left_off', detail: 'left stopped' },
      '4': start,
      '5': start,
      '6': start,
      '11': { outcome: 'unchanged', detail: 'not a real cluster record' },
      '14': start,
    },
    writeErrors: { '4': new Error('boom'), '5': new Error('gone 5') },
    withMatches: true,
    targetMissing: (e, id) => (e as Error).message === `gone ${id}`,
  })
  const assignments = fakeKind('permission_assignments', seen, {
    workspace: new Map<string, unknown>([['14', { permissions: ['USER'] }]]),
    decisions: {
      '11': assign(['ADMIN']),
      '12': assign(['USER']),
      '13': assign(['ADMIN']),
      '14': { outcome: 'conflict', detail: 'assigned USER during the halt; left as is' },
      '15': assign(['USER', 'ADMIN']),
    },
    goneNow,
  })
  // In scope, with nothing recorded: never listed.
  const warehouses = fakeKind('warehouses', seen, { listError: new Error('not to be listed') })
  return [assignments, clusters, warehouses]
}

describe('restore, item by item', () => {
  it('puts back what each kind decides, reports what it cannot, and verifies what it wrote', async () => {
    const seen: Seen = { events: [], options: [] }
    const { rt, logger } = runtime(
      mixedKinds(seen, new Map([['13', 'deactivated in the account']])),
    )
    const entry = await save(rt, MIXED)
    const report = await restore(rt, CREATED)
    const base = (kind: ResourceKind, id: string) => ({ kind, id, name: `${kind} ${id}` })
    const user = (id: string) => ({ kind: 'permission_assignments', id, name: `user ${id}` })
    expect(report.items).toEqual([
      {
        ...user('11'),
        outcome: 'changed',
        before: null,
        after: { permissions: ['ADMIN'] },
        detail: 'not assigned → ADMIN',
      },
      {
        ...user('12'),
        outcome: 'changed',
        before: null,
        after: { permissions: ['USER'] },
        detail: 'not assigned → USER',
      },
      { ...user('13'), outcome: 'gone', detail: 'deactivated in the account' },
      { ...user('14'), outcome: 'conflict', detail: 'assigned USER during the halt; left as is' },
      {
        ...user('15'),
        outcome: 'changed',
        before: null,
        after: { permissions: ['USER', 'ADMIN'] },
        detail: 'not assigned → USER,ADMIN',
      },
      {
        ...base('clusters', '1'),
        outcome: 'changed',
        before: STOPPED,
        after: RUNNING,
        detail: 'TERMINATED → RUNNING',
      },
      { ...base('clusters', '2'), outcome: 'failed', error: 'unreadable record: bad shape' },
      { ...base('clusters', '3'), outcome: 'left_off', detail: 'left stopped' },
      {
        ...base('clusters', '4'),
        outcome: 'failed',
        before: STOPPED,
        after: RUNNING,
        detail: 'TERMINATED → RUNNING',
        error: 'boom',
      },
      { ...base('clusters', '5'), outcome: 'gone', detail: 'no longer exists (gone 5)' },
      {
        ...base('clusters', '6'),
        outcome: 'changed',
        before: null,
        after: RUNNING,
        detail: 'TERMINATED → RUNNING',
      },
      { ...base('clusters', '11'), outcome: 'unchanged', detail: 'not a real cluster record' },
      {
        ...base('clusters', '14'),
        outcome: 'changed',
        before: STOPPED,
        after: RUNNING,
        detail: 'TERMINATED → RUNNING',
      },
    ])
    // Exactly what was written, in the stop's order (access first); the gone principal untouched.
    expect(seen.events).toEqual([
      'permission_assignments listed',
      'clusters listed',
      'permission_assignments gone? 11,12,13,14,15',
      'permission_assignments 11 ← {"permissions":["ADMIN"]}',
      'permission_assignments 12 ← {"permissions":["USER"]}',
      'permission_assignments 15 ← {"permissions":["USER","ADMIN"]}',
      'clusters 1 ← {"state":"RUNNING"}',
      'clusters 4 ← {"state":"RUNNING"}',
      'clusters 5 ← {"state":"RUNNING"}',
      'clusters 6 ← {"state":"RUNNING"}',
      'clusters 14 ← {"state":"RUNNING"}',
      'clusters listed',
    ])
    expect(seen.options).toEqual(
      Array(13).fill({ force: false, restartCompute: false, face: 'cli' }),
    )
    const admin = 'Workspace ADMIN given back to 2 principal(s): user 11 (11), user 15 (15).'
    expect(report.warnings).toEqual([
      admin,
      `1 item(s) were changed by hand during the halt and were left as edited. To put the ` +
        `pre-halt values back anyway, run restore --force; it acts on ${entry.name}.`,
      '2 item(s) were deleted during the halt; nothing to restore for them.',
      '1 compute resource(s) that were running before the halt were left off; restore ' +
        '--restart-compute starts them.',
    ])
    expect(report.mode).toBe('restore')
    expect(report.snapshot).toEqual({ ...entry, restored: false })
    expect(report.exitCode).toBe(1)
    expect(logged(logger)).toEqual([
      `info: Restoring from ${entry.name} (taken ${CREATED}, 13 items)`,
      'group: List',
      'info: List: 2/2, done (kinds 2/2)',
      'endgroup: List',
      'group: Restore',
      'info: permission_assignments: restoring 5',
      'info: permission_assignments: 3 changed, 1 gone, 1 conflict',
      'info: clusters: restoring 8',
      'error: clusters clusters 4 (4): boom',
      'info: clusters: 3 changed, 2 failed, 1 left_off, 1 gone, 1 unchanged',
      'info: Restore: 13/13, done (permission_assignments 5/5, clusters 8/8)',
      'endgroup: Restore',
      'group: Verify',
      'info: verified: 3 restored values show',
      'info: Verify: 3/3, done (values 3/3)',
      'endgroup: Verify',
      `warning: ${entry.name} is not marked restored (some items failed or were not selected); ` +
        'run restore again to retry them.',
      `info: ${admin}`,
      `warning: ${report.warnings[1]}`,
      `warning: ${report.warnings[2]}`,
      `warning: ${report.warnings[3]}`,
    ])
    expect(await restored(rt)).toEqual({ [entry.name]: false })
  })

  it('a dry run shows what it would write, before and after, and changes nothing', async () => {
    const seen: Seen = { events: [], options: [] }
    const planOut = join(dir, 'plan.json')
    const { rt, logger } = runtime(mixedKinds(seen), { dryRun: true, planOut, face: 'action' })
    const entry = await save(rt, MIXED)
    const report = await restore(rt, CREATED)
    const planned = (
      kind: string,
      id: string,
      before: unknown,
      after: unknown,
      detail: string,
    ) => ({
      kind,
      id,
      name: kind === 'clusters' ? `clusters ${id}` : `user ${id}`,
      outcome: 'planned',
      before,
      after,
      detail,
    })
    expect(report.items).toEqual([
      planned(
        'permission_assignments',
        '11',
        null,
        { permissions: ['ADMIN'] },
        'not assigned → ADMIN',
      ),
      planned(
        'permission_assignments',
        '12',
        null,
        { permissions: ['USER'] },
        'not assigned → USER',
      ),
      planned(
        'permission_assignments',
        '13',
        null,
        { permissions: ['ADMIN'] },
        'not assigned → ADMIN',
      ),
      {
        kind: 'permission_assignments',
        id: '14',
        name: 'user 14',
        outcome: 'conflict',
        detail: 'assigned USER during the halt; left as is',
      },
      planned(
        'permission_assignments',
        '15',
        null,
        { permissions: ['USER', 'ADMIN'] },
        'not assigned → USER,ADMIN',
      ),
      planned('clusters', '1', STOPPED, RUNNING, 'TERMINATED → RUNNING'),
      {
        kind: 'clusters',
        id: '2',
        name: 'clusters 2',
        outcome: 'failed',
        error: 'unreadable record: bad shape',
      },
      {
        kind: 'clusters',
        id: '3',
        name: 'clusters 3',
        outcome: 'left_off',
        detail: 'left stopped',
      },
      planned('clusters', '4', STOPPED, RUNNING, 'TERMINATED → RUNNING'),
      planned('clusters', '5', STOPPED, RUNNING, 'TERMINATED → RUNNING'),
      planned('clusters', '6', null, RUNNING, 'TERMINATED → RUNNING'),
      {
        kind: 'clusters',
        id: '11',
        name: 'clusters 11',
        outcome: 'unchanged',
        detail: 'not a real cluster record',
      },
      planned('clusters', '14', STOPPED, RUNNING, 'TERMINATED → RUNNING'),
    ])
    expect(seen.events).toEqual([
      'permission_assignments listed',
      'clusters listed',
      'permission_assignments gone? 11,12,13,14,15',
    ])
    expect(seen.options).toEqual(
      Array(13).fill({ force: false, restartCompute: false, face: 'action' }),
    )
    const admin =
      'Workspace ADMIN would be given back to 3 principal(s): user 11 (11), user 13 (13), user 15 (15).'
    expect(report.warnings[0]).toBe(admin)
    expect(logger.lines).toContain(`info: ${admin}`)
    expect(logger.lines.filter((l) => /Verify|not marked/.test(l))).toEqual([])
    expect(report.dryRun).toBe(true)
    expect(report.snapshot).toEqual({ ...entry, restored: false })
    expect(await restored(rt)).toEqual({ [entry.name]: false })
    const checksum = decodeSnapshot(await rt.store.read(entry), entry.name).checksum
    const plan = JSON.parse(await readFile(planOut, 'utf8')) as Record<string, unknown>
    expect(report.planOut).toEqual({ path: planOut, items: 9, checksum: plan.checksum })
    expect(plan.snapshot).toEqual({ name: entry.name, checksum })
    expect(plan.mode).toBe('restore')
  })

  it('fails every record of a kind whose gone principals cannot be read, and writes none of them', async () => {
    const seen: Seen = { events: [], options: [] }
    const [assignments] = mixedKinds(seen, new Error('SCIM is down'))
    const { rt, logger } = runtime([assignments])
    const entry = await save(rt, [assignment('11', ['ADMIN']), assignment('12', ['USER'])])
    const report = await restore(rt, CREATED)
    const error = 'cannot tell what is gone: SCIM is down'
    expect(report.items).toEqual([
      { kind: 'permission_assignments', id: '11', name: 'user 11', outcome: 'failed', error },
      { kind: 'permission_assignments', id: '12', name: 'user 12', outcome: 'failed', error },
    ])
    expect(seen.events).toEqual([
      'permission_assignments listed',
      'permission_assignments gone? 11,12',
    ])
    expect(seen.options).toEqual([])
    expect(report.warnings).toEqual([])
    expect(logged(logger)).toEqual([
      `info: Restoring from ${entry.name} (taken ${CREATED}, 2 items)`,
      'group: List',
      'info: List: 1/1, done (kinds 1/1)',
      'endgroup: List',
      'group: Restore',
      'info: permission_assignments: restoring 2',
      `error: permission_assignments: ${error}`,
      'endgroup: Restore',
      `warning: ${entry.name} is not marked restored (some items failed or were not selected); ` +
        'run restore again to retry them.',
    ])
    expect(report.snapshot).toEqual({ ...entry, restored: false })
  })

  it('reports a kind that cannot be listed, or is not available now, as failed and touches none of it', async () => {
    const seen: Seen = { events: [], options: [] }
    const disabled = new DatabricksError({
      status: 400,
      error_code: 'FEATURE_DISABLED',
      message: 'Warehouses are not enabled.',
      method: 'GET',
      path: '/api/2.0/sql/warehouses',
    })
    const warehouses = fakeKind('warehouses', seen, { listError: disabled, optionalFeature: true })
    const clusters = fakeKind('clusters', seen, { listError: new Error('cannot list clusters') })
    const { rt, logger } = runtime([clusters, warehouses])
    const stopped: SnapshotItem = {
      kind: 'warehouses',
      id: 'w1',
      name: 'warehouse w1',
      before: { state: 'RUNNING' },
      after: { state: 'STOPPED' },
      recorded_at: CREATED,
    }
    const entry = await save(rt, [cluster('1'), stopped])
    const report = await restore(rt, CREATED)
    expect(report.items).toEqual([
      {
        kind: 'clusters',
        id: '*',
        name: '(list)',
        outcome: 'failed',
        error: 'cannot list clusters',
      },
      {
        kind: 'warehouses',
        id: '*',
        name: '(list)',
        outcome: 'failed',
        detail: 'not available in this workspace: Warehouses are not enabled.',
        error: 'not available in this workspace: Warehouses are not enabled.',
      },
    ])
    expect(seen.events).toEqual(['clusters listed', 'warehouses listed'])
    expect(logged(logger).filter((l) => !l.startsWith('info: warehouses: not available'))).toEqual([
      `info: Restoring from ${entry.name} (taken ${CREATED}, 2 items)`,
      'group: List',
      'error: clusters: cannot list: cannot list clusters',
      'info: List: 2/2, done (kinds 2/2)',
      'endgroup: List',
      'group: Restore',
      'endgroup: Restore',
      `warning: ${entry.name} is not marked restored (some items failed or were not selected); ` +
        'run restore again to retry them.',
    ])
    expect(await restored(rt)).toEqual({ [entry.name]: false })
  })
})

describe('restore marks what it has fully given back', () => {
  it('marks the snapshot and the older ones merged into it, not others, and warns about one it cannot mark', async () => {
    const seen: Seen = { events: [], options: [] }
    const clusters = fakeKind('clusters', seen, {
      workspace: new Map([['1', STOPPED]]),
      decisions: { '1': start },
      withMatches: true,
    })
    const { rt, logger } = runtime([clusters])
    const merged = await save(rt, [cluster('1')], '2026-12-07T01:00:00.000Z')
    const other = await save(rt, [cluster('1')], '2026-12-07T02:00:00.000Z')
    const broken = await save(rt, [cluster('1')], '2026-12-07T03:00:00.000Z')
    // Changed since it was saved: its checksum no longer holds, so it cannot be loaded to be marked.
    const file = join(dir, '77', broken.name)
    const text = await readFile(file, 'utf8')
    await writeFile(file, text.replace(/("tool_version":\s*)"0\.0\.0-test"/, '$1"0.0.1-test"'))
    const entry = await save(rt, [cluster('1')], CREATED, [merged.name, broken.name])
    const report = await restore(rt, CREATED)
    expect(report.items).toEqual([
      {
        kind: 'clusters',
        id: '1',
        name: 'clusters 1',
        outcome: 'changed',
        before: STOPPED,
        after: RUNNING,
        detail: 'TERMINATED → RUNNING',
      },
    ])
    expect(report.snapshot).toEqual({ ...entry, restored: true })
    expect(report.warnings).toEqual([])
    expect(report.exitCode).toBe(0)
    expect(await restored(rt)).toEqual({
      [entry.name]: true,
      [broken.name]: false,
      [other.name]: false,
      [merged.name]: true,
    })
    const notMarked = logger.lines.filter((l) => l.includes('was not marked'))
    expect(notMarked).toEqual([
      `warning: ${broken.name} (merged into ${entry.name}) was not marked: Snapshot ${broken.name} ` +
        'is corrupt: its checksum does not match its content (edited or damaged). Nothing was ' +
        'changed. Use an intact copy of the snapshot.',
    ])
    expect(logged(logger).filter((l) => l !== notMarked[0])).toEqual([
      `info: Restoring from ${entry.name} (taken ${CREATED}, 1 items)`,
      'group: List',
      'info: List: 1/1, done (kinds 1/1)',
      'endgroup: List',
      'group: Restore',
      'info: clusters: restoring 1',
      'info: clusters: 1 changed',
      'info: Restore: 1/1, done (clusters 1/1)',
      'endgroup: Restore',
      'group: Verify',
      'info: verified: 1 restored values show',
      'info: Verify: 1/1, done (values 1/1)',
      'endgroup: Verify',
    ])
  })

  it('verifies nothing when nothing was written, and marks a snapshot with nothing to give back', async () => {
    const seen: Seen = { events: [], options: [] }
    const clusters = fakeKind('clusters', seen, {
      workspace: new Map([['1', RUNNING]]),
      decisions: { '1': { outcome: 'unchanged', detail: 'already RUNNING' } },
      withMatches: true,
    })
    const { rt, logger } = runtime([clusters])
    const entry = await save(rt, [cluster('1')])
    const report = await restore(rt, CREATED)
    expect(report.items).toEqual([
      {
        kind: 'clusters',
        id: '1',
        name: 'clusters 1',
        outcome: 'unchanged',
        detail: 'already RUNNING',
      },
    ])
    expect(report.snapshot).toEqual({ ...entry, restored: true })
    expect(logged(logger)).toEqual([
      `info: Restoring from ${entry.name} (taken ${CREATED}, 1 items)`,
      'group: List',
      'info: List: 1/1, done (kinds 1/1)',
      'endgroup: List',
      'group: Restore',
      'info: clusters: restoring 1',
      'info: clusters: 1 unchanged',
      'info: Restore: 1/1, done (clusters 1/1)',
      'endgroup: Restore',
    ])
    expect(await restored(rt)).toEqual({ [entry.name]: true })
  })
})
