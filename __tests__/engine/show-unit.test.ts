import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MemoryLogger } from '../../__fixtures__/memory-logger.js'
import { DatabricksClient } from '../../src/databricks/client.js'
import type { Runtime } from '../../src/engine/runtime.js'
import { assigned, compute, kind, notAvailable } from './listing-kinds.js'
import { saveSnapshot } from '../../src/engine/save-snapshot.js'
import { show } from '../../src/engine/show.js'
import type { Resource } from '../../src/resources/resource.js'
import { DirectoryStore } from '../../src/snapshot/directory-store.js'

/**
 * show on its own: small kinds that implement the Resource interface over fixed listings, a real
 * directory store (the open snapshot's keep list), a clock that stands still. Exact reports.
 */

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'halt-show-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const STARTED = '2026-12-07T06:00:00.000Z'
const CALLER = { id: '1', userName: 'admin@example.com' }
/** Account and workspace clients whose every request fails before it is sent: no token. */
function tokenlessClients() {
  const tokens = {
    description: 'no token',
    getToken: async (): Promise<string> => {
      throw new Error('no token in this test')
    },
  }
  const client = (host: string, audience: 'workspace' | 'account') =>
    new DatabricksClient({ host, audience, tokens, accountId: 'acc-1' })
  return {
    workspace: client('https://adb-77.7.azuredatabricks.net', 'workspace'),
    account: client('https://accounts.azuredatabricks.net', 'account'),
  }
}

function runtime(
  resources: Resource[],
  settings: Record<string, unknown> = {},
  clients: Record<string, unknown> = {},
) {
  const logger = new MemoryLogger()
  const rt = {
    version: '0.0.0-test',
    workspaceId: '77',
    workspaceUrl: 'https://adb-77.7.azuredatabricks.net',
    caller: CALLER,
    settings: {
      mode: 'show',
      keep: [],
      unkeep: [],
      dryRun: false,
      active: false,
      failIfActive: false,
      ...settings,
    },
    store: new DirectoryStore(dir),
    resources,
    resCtx: { clients },
    logger,
    clock: { now: () => 0 },
  } as unknown as Runtime
  return { rt, logger }
}

/** An open halt whose keep list names ops@example.com. */
async function openHalt() {
  const { rt } = runtime([], { keep: ['ops@example.com'] })
  return saveSnapshot(
    rt,
    [
      {
        kind: 'warehouses',
        id: 'w1',
        name: 'warehouse w1',
        before: { state: 'RUNNING' },
        after: { state: 'STOPPED' },
        recorded_at: '2026-12-07T05:00:00.000Z',
      },
    ],
    [],
    '2026-12-07T05:00:00.000Z',
  )
}

const header = {
  mode: 'show',
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

const listFailed = {
  kind: 'clusters',
  id: '*',
  name: '(list)',
  outcome: 'failed',
  error: 'clusters: 500 INTERNAL_ERROR',
}
const appsMissing = {
  kind: 'apps',
  id: '*',
  name: '(list)',
  outcome: 'not_available',
  detail: 'not available in this workspace: apps are not enabled',
}

/** Every outcome show knows, and a kind that cannot be listed. */
const everything = () => [
  kind('permission_assignments', {
    // The caller is not assigned here: show (unlike stop) does not require it.
    items: [assigned('5', 'ops@example.com', ['USER']), assigned('7', 'new@example.com', ['USER'])],
  }),
  kind('warehouses', {
    items: [compute('w1'), compute('w2', 'STOPPED'), compute('w4', 'RUNNING', 'tagged keep')],
  }),
  kind('serving_endpoints', {
    reportOnly: true,
    items: [compute('s1'), compute('s2', 'NOT_READY')],
  }),
  kind('clusters', { fails: new Error('clusters: 500 INTERNAL_ERROR') }),
]

const everyItem = [
  listFailed,
  {
    kind: 'permission_assignments',
    id: '5',
    name: 'ops@example.com',
    detail: 'USER; kept principal (ops@example.com, kept by the open snapshot)',
    outcome: 'kept',
  },
  {
    kind: 'permission_assignments',
    id: '7',
    name: 'new@example.com',
    detail: 'USER',
    outcome: 'active',
  },
  { kind: 'warehouses', id: 'w1', name: 'warehouse w1', detail: 'RUNNING', outcome: 'active' },
  { kind: 'warehouses', id: 'w2', name: 'warehouse w2', detail: 'STOPPED', outcome: 'inactive' },
  {
    kind: 'warehouses',
    id: 'w4',
    name: 'warehouse w4',
    detail: 'RUNNING; tagged keep',
    outcome: 'kept',
  },
  {
    kind: 'serving_endpoints',
    id: 's1',
    name: 'warehouse s1',
    detail: 'RUNNING',
    outcome: 'report_only',
  },
  {
    kind: 'serving_endpoints',
    id: 's2',
    name: 'warehouse s2',
    detail: 'NOT_READY',
    outcome: 'inactive',
  },
]

describe('show', () => {
  it('lists every item with its outcome, kept by the open halt, and exits 1 when a listing failed', async () => {
    await openHalt()
    const { rt, logger } = runtime(everything())
    expect(await show(rt, STARTED)).toStrictEqual({
      ...header,
      items: everyItem,
      warnings: [],
      counts: counts({ active: 2, inactive: 2, kept: 2, report_only: 1, failed: 1 }),
      exitCode: 1,
    })
    expect(logger.lines.filter((l) => !l.startsWith('debug: '))).toEqual([
      'group: List',
      'error: clusters: cannot list: clusters: 500 INTERNAL_ERROR',
      'info: List: 4/4, done (kinds 4/4)',
      'endgroup: List',
      "info: Keeping ops@example.com from the open snapshot's keep list (drop one with --unkeep NAME).",
    ])
  })

  it('--active: only what a stop would still halt, what runs and cannot be halted, and failures', async () => {
    await openHalt()
    const report = await show(runtime(everything(), { active: true }).rt, STARTED)
    expect(report.items).toEqual(
      everyItem.filter((i) => ['active', 'report_only', 'failed'].includes(i.outcome)),
    )
    expect(report.items.map((i) => i.outcome)).toEqual([
      'failed',
      'active',
      'active',
      'report_only',
    ])
    expect(report.counts).toEqual(counts({ active: 2, report_only: 1, failed: 1 }))
  })

  it('without a halt only --keep counts, and nothing is inherited', async () => {
    const { rt, logger } = runtime(everything().slice(0, 2), { keep: ['new@example.com'] })
    const report = await show(rt, STARTED)
    expect(report.items.slice(0, 2)).toEqual([
      {
        kind: 'permission_assignments',
        id: '5',
        name: 'ops@example.com',
        detail: 'USER',
        outcome: 'active',
      },
      {
        kind: 'permission_assignments',
        id: '7',
        name: 'new@example.com',
        detail: 'USER; kept principal (--keep new@example.com)',
        outcome: 'kept',
      },
    ])
    expect(report.warnings).toEqual([])
    expect(report.exitCode).toBe(0)
    expect(logger.lines.filter((l) => !l.startsWith('debug: '))).toEqual([
      'group: List',
      'info: List: 2/2, done (kinds 2/2)',
      'endgroup: List',
    ])
  })

  it('an unreadable open snapshot is warned about first, and only --keep counts', async () => {
    const entry = await openHalt()
    await writeFile(entry.ref, 'not a snapshot')
    const { rt, logger } = runtime(everything().slice(0, 1), { face: 'action' })
    const report = await show(rt, STARTED)
    const note =
      `The open snapshot cannot be read (Snapshot ${entry.name} is not valid JSON (truncated or ` +
      `damaged?): Unexpected token 'o', "not a snapshot" is not valid JSON. Use an intact copy of ` +
      'the snapshot; nothing was changed.); only keep-principals counts as kept.'
    expect(report.warnings).toEqual([note])
    expect(report.items.map((i) => i.outcome)).toEqual(['active', 'active'])
    expect(logger.lines.filter((l) => !l.startsWith('debug: '))).toEqual([
      'group: List',
      'info: List: 1/1, done (kinds 1/1)',
      'endgroup: List',
      `warning: ${note}`,
    ])
  })

  it('warns about workspace-local users after the keep notes, when it cannot check for them', async () => {
    const entry = await openHalt()
    await writeFile(entry.ref, 'not a snapshot')
    const { rt } = runtime(everything().slice(0, 1), {}, tokenlessClients())
    const report = await show(rt, STARTED)
    expect(report.warnings).toEqual([
      expect.stringMatching(
        /^The open snapshot cannot be read \(.*\); only --keep counts as kept\.$/,
      ),
      'Could not check for workspace-local users: no token in this test',
    ])
  })

  describe('exit code', () => {
    const active = () => [kind('warehouses', { items: [compute('w1'), compute('w2', 'STOPPED')] })]
    const quiet = () => [kind('warehouses', { items: [compute('w2', 'STOPPED')] })]
    const missing = () => kind('apps', { optionalFeature: true, fails: notAvailable() })

    it('active items are no failure without --fail-if-active', async () => {
      expect((await show(runtime(active()).rt, STARTED)).exitCode).toBe(0)
    })

    it('--fail-if-active: 1 when something haltable is active', async () => {
      const report = await show(runtime(active(), { failIfActive: true }).rt, STARTED)
      expect(report.exitCode).toBe(1)
    })

    it('--fail-if-active: 0 when nothing is active, and a kind not available is no failure', async () => {
      const report = await show(
        runtime([...quiet(), missing()], { failIfActive: true }).rt,
        STARTED,
      )
      expect(report.items).toEqual([
        appsMissing,
        {
          kind: 'warehouses',
          id: 'w2',
          name: 'warehouse w2',
          detail: 'STOPPED',
          outcome: 'inactive',
        },
      ])
      expect(report.exitCode).toBe(0)
    })

    it('a failed listing exits 1 without --fail-if-active too', async () => {
      const failing = kind('clusters', { fails: new Error('clusters: 500 INTERNAL_ERROR') })
      const report = await show(runtime([...quiet(), failing]).rt, STARTED)
      expect(report.exitCode).toBe(1)
    })
  })
})
