import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MemoryLogger } from '../../__fixtures__/memory-logger.js'
import type { Runtime } from '../../src/engine/runtime.js'
import { assigned, compute, kind, notAvailable } from './listing-kinds.js'
import { saveSnapshot } from '../../src/engine/save-snapshot.js'
import { status } from '../../src/engine/status.js'
import type { Resource } from '../../src/resources/resource.js'
import type { ResourceKind } from '../../src/settings.js'
import { DirectoryStore } from '../../src/snapshot/directory-store.js'
import type { SnapshotItem } from '../../src/snapshot/schema.js'

/**
 * status on its own: small kinds that implement the Resource interface over fixed listings, a real
 * directory store holding the open snapshot, and a clock that stands still. Exact reports.
 */

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'halt-status-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const STARTED = '2026-12-07T06:00:00.000Z'
const CALLER = { id: '1', userName: 'admin@example.com' }
function runtime(resources: Resource[], settings: Record<string, unknown> = {}) {
  const logger = new MemoryLogger()
  const rt = {
    version: '0.0.0-test',
    workspaceId: '77',
    workspaceUrl: 'https://adb-77.7.azuredatabricks.net',
    caller: CALLER,
    settings: {
      mode: 'status',
      keep: [],
      unkeep: [],
      dryRun: false,
      failOnDrift: false,
      ...settings,
    },
    store: new DirectoryStore(dir),
    resources,
    resCtx: { clients: {} },
    logger,
    clock: { now: () => 0 },
  } as unknown as Runtime
  return { rt, logger }
}

const record = (kind: ResourceKind, id: string): SnapshotItem => ({
  kind,
  id,
  name: `${kind} ${id}`,
  before: { state: 'RUNNING' },
  after: { state: 'STOPPED' },
  recorded_at: '2026-12-07T05:00:00.000Z',
})

const removed = (id: string): SnapshotItem => ({
  kind: 'permission_assignments',
  id,
  name: `user ${id}`,
  before: {
    principal: { principal_id: id, user_name: `u${id}@example.com` },
    permissions: ['USER'],
  },
  after: null,
  recorded_at: '2026-12-07T05:00:00.000Z',
})

/** The halt: a snapshot saved by another stop, kept principals and all. */
async function halted(items: SnapshotItem[], keep: string[] = []) {
  const { rt } = runtime([], { keep })
  return saveSnapshot(rt, items, [], '2026-12-07T05:00:00.000Z')
}

const header = {
  mode: 'status',
  dryRun: false,
  workspaceId: '77',
  workspaceUrl: 'https://adb-77.7.azuredatabricks.net',
  caller: CALLER,
  startedAt: STARTED,
  finishedAt: expect.any(String),
}

const counts = (some: Record<string, number> = {}) => ({
  active: 0,
  inactive: 0,
  planned: 0,
  changed: 0,
  already_halted: 0,
  kept: 0,
  unchanged: 0,
  left_off: 0,
  conflict: 0,
  gone: 0,
  report_only: 0,
  not_available: 0,
  failed: 0,
  not_converged: 0,
  ...some,
})

describe('status', () => {
  it('says "not halted" and lists nothing when no snapshot is open', async () => {
    const warehouses = kind('warehouses', { items: [compute('w1')] })
    const { rt, logger } = runtime([warehouses])
    expect(await status(rt, STARTED)).toStrictEqual({
      ...header,
      items: [],
      warnings: [],
      status: { halted: false },
      counts: counts(),
      exitCode: 0,
    })
    expect(logger.lines).toEqual([])
  })

  it('reports what came back and what is new, per kind, and exits 1 when a listing failed', async () => {
    const entry = await halted(
      [record('warehouses', 'w1'), removed('6'), record('warehouses', 'w3')],
      ['ops@example.com'],
    )
    const resources = [
      kind('permission_assignments', {
        // The caller is not assigned here: status (unlike stop) does not require it.
        items: [
          assigned('5', 'ops@example.com', ['USER']),
          { ...assigned('6', 'gone@example.com', ['USER']), active: false },
          assigned('7', 'new@example.com', ['USER']),
        ],
      }),
      kind('warehouses', {
        items: [
          compute('w1'), // recorded, running again: came back
          compute('w2'), // never recorded: new
          compute('w3', 'STOPPED'), // recorded and still halted
          compute('w4', 'RUNNING', 'tagged databricks-halt: keep'),
        ],
      }),
      // Report-only kinds cannot be halted: an active one is no drift.
      kind('serving_endpoints', { reportOnly: true, items: [compute('s1')] }),
      kind('clusters', { fails: new Error('clusters: 500 INTERNAL_ERROR') }),
      kind('apps', { optionalFeature: true, fails: notAvailable() }),
    ]
    const { rt, logger } = runtime(resources)
    const report = await status(rt, STARTED)
    const items = [
      {
        kind: 'clusters',
        id: '*',
        name: '(list)',
        outcome: 'failed',
        error: 'clusters: 500 INTERNAL_ERROR',
      },
      {
        kind: 'apps',
        id: '*',
        name: '(list)',
        outcome: 'not_available',
        detail: 'not available in this workspace: apps are not enabled',
      },
      {
        kind: 'permission_assignments',
        id: '7',
        name: 'new@example.com',
        detail: 'USER',
        outcome: 'active',
        drift: 'new',
      },
      {
        kind: 'warehouses',
        id: 'w1',
        name: 'warehouse w1',
        detail: 'RUNNING',
        outcome: 'active',
        drift: 'came_back',
      },
      {
        kind: 'warehouses',
        id: 'w2',
        name: 'warehouse w2',
        detail: 'RUNNING',
        outcome: 'active',
        drift: 'new',
      },
    ]
    expect(report).toStrictEqual({
      ...header,
      items,
      warnings: [],
      status: {
        halted: true,
        snapshot: {
          name: entry.name,
          created_at: '2026-12-07T05:00:00.000Z',
          created_by: 'admin@example.com',
          kept_principals: ['ops@example.com'],
          items: 3,
        },
        drift: 3,
        kinds: {
          permission_assignments: { came_back: 0, new: 1 },
          warehouses: { came_back: 1, new: 1 },
        },
      },
      counts: counts({ active: 3, failed: 1, not_available: 1 }),
      exitCode: 1,
    })
    // (debug lines carry real listing times)
    expect(logger.lines.filter((l) => !l.startsWith('debug: '))).toEqual([
      'group: List',
      'error: clusters: cannot list: clusters: 500 INTERNAL_ERROR',
      'info: apps: not available in this workspace (404 ENDPOINT_NOT_FOUND: apps are not enabled (GET /api/2.0/apps))',
      'info: List: 5/5, done (kinds 5/5)',
      'endgroup: List',
      "info: Keeping ops@example.com from the open snapshot's keep list (drop one with --unkeep NAME).",
    ])
  })

  it('--fail-on-drift: exits 1 on drift, although a kind is merely not available', async () => {
    await halted([record('warehouses', 'w1')])
    const resources = [
      kind('warehouses', { items: [compute('w1')] }),
      kind('apps', { optionalFeature: true, fails: notAvailable() }),
    ]
    const report = await status(runtime(resources, { failOnDrift: true }).rt, STARTED)
    expect(report.status).toEqual({
      halted: true,
      snapshot: expect.any(Object),
      drift: 1,
      kinds: { warehouses: { came_back: 1, new: 0 } },
    })
    expect(report.exitCode).toBe(1)
  })

  it('without --fail-on-drift, drift alone exits 0', async () => {
    await halted([record('warehouses', 'w1')])
    const resources = [kind('warehouses', { items: [compute('w1'), compute('w2')] })]
    const report = await status(runtime(resources).rt, STARTED)
    expect(report.status?.drift).toBe(2)
    expect(report.exitCode).toBe(0)
  })

  it('--fail-on-drift with nothing active again (and a kind not available) exits 0', async () => {
    await halted([record('warehouses', 'w1')])
    const resources = [
      kind('warehouses', {
        items: [compute('w1', 'STOPPED'), compute('w2', 'RUNNING', 'kept')],
      }),
      kind('apps', { optionalFeature: true, fails: notAvailable() }),
    ]
    const report = await status(runtime(resources, { failOnDrift: true }).rt, STARTED)
    expect(report.items).toEqual([
      {
        kind: 'apps',
        id: '*',
        name: '(list)',
        outcome: 'not_available',
        detail: 'not available in this workspace: apps are not enabled',
      },
    ])
    expect(report.status).toEqual({
      halted: true,
      snapshot: expect.any(Object),
      drift: 0,
      kinds: {},
    })
    expect(report.exitCode).toBe(0)
  })
})
