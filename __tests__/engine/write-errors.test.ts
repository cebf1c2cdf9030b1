import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { FaultRule } from '../../emulator/index.js'
import type { ItemReport } from '../../src/report.js'
import { startHarness, type Harness } from './harness.js'

/**
 * ADR 0010: a 4xx answering a write counts as "the target is gone" only when its message names the
 * target's id. Any other refusal (a 400 about a cluster the job names, a 404 about the workspace)
 * is `failed`, with the API's message, and the item is left as it was.
 */

const ACCOUNT =
  /^\/api\/2\.0\/accounts\/[^/]+\/workspaces\/[^/]+\/permissionassignments\/principals\//
const enc = encodeURIComponent

/** The write a stop sends for one item of each kind, as a fault rule that hits only that item. */
const STOP_WRITES: Record<string, (id: string) => FaultRule> = {
  permission_assignments: (id) => ({
    method: 'DELETE',
    path: new RegExp(`${ACCOUNT.source}${id}$`),
  }),
  jobs: (id) => ({ method: 'POST', path: '/api/2.2/jobs/update', match: { job_id: id } }),
  job_runs: (id) => ({ method: 'POST', path: '/api/2.2/jobs/runs/cancel', match: { run_id: id } }),
  clusters: (id) => ({
    method: 'POST',
    path: '/api/2.1/clusters/delete',
    match: { cluster_id: id },
  }),
  warehouses: (id) => ({ method: 'POST', path: `/api/2.0/sql/warehouses/${enc(id)}/stop` }),
  instance_pools: (id) => ({
    method: 'POST',
    path: '/api/2.0/instance-pools/edit',
    match: { instance_pool_id: id },
  }),
  pipelines: (id) => ({ method: 'POST', path: `/api/2.0/pipelines/${enc(id)}/stop` }),
  apps: (id) => ({ method: 'POST', path: `/api/2.0/apps/${enc(id)}/stop` }),
  alerts: (id) => ({ method: 'PATCH', path: `/api/2.0/alerts/${enc(id)}` }),
  dashboard_schedules: (id) => {
    const [d, s] = id.split('/')
    return { method: 'PUT', path: `/api/2.0/lakeview/dashboards/${enc(d)}/schedules/${enc(s)}` }
  },
}

/** The write a restore sends (with --restart-compute) for one item of each kind. */
const RESTORE_WRITES: Record<string, (id: string) => FaultRule> = {
  permission_assignments: (id) => ({ method: 'PUT', path: new RegExp(`${ACCOUNT.source}${id}$`) }),
  jobs: STOP_WRITES.jobs,
  clusters: (id) => ({
    method: 'POST',
    path: '/api/2.1/clusters/start',
    match: { cluster_id: id },
  }),
  warehouses: (id) => ({ method: 'POST', path: `/api/2.0/sql/warehouses/${enc(id)}/start` }),
  instance_pools: STOP_WRITES.instance_pools,
  pipelines: (id) => ({ method: 'POST', path: `/api/2.0/pipelines/${enc(id)}/updates` }),
  apps: (id) => ({ method: 'POST', path: `/api/2.0/apps/${enc(id)}/start` }),
  alerts: STOP_WRITES.alerts,
  dashboard_schedules: STOP_WRITES.dashboard_schedules,
}

/** Refusals about another object: 400 (jobs, clusters, runs style) and 404 (newer APIs). */
const ABOUT_ANOTHER = [
  {
    status: 400,
    errorCode: 'INVALID_PARAMETER_VALUE',
    message: 'Cluster 0101-999999-gone42 does not exist.',
  },
  { status: 404, errorCode: 'RESOURCE_DOES_NOT_EXIST', message: 'Workspace 77 does not exist.' },
]

function firstOf(items: readonly ItemReport[], kind: string, outcome: string): ItemReport {
  const item = items.find((i) => i.kind === kind && i.outcome === outcome)
  if (!item) throw new Error(`no ${outcome} ${kind} item`)
  return item
}

let h: Harness
let planned: ItemReport[]
beforeAll(async () => {
  h = await startHarness()
  planned = (await h.run('stop', { dryRun: true })).items
})
afterAll(async () => h.close())

describe('a refused stop write is failed, never "already halted"', () => {
  const cases = Object.keys(STOP_WRITES).flatMap((kind, i) => [
    { kind, error: ABOUT_ANOTHER[i % 2], label: 'about another object' },
  ])
  it.each(cases)('$kind: a 4xx $label fails the item', async ({ kind, error }) => {
    const target = firstOf(planned, kind, 'planned')
    h.emu.faults.clear()
    h.emu.faults.add({ ...STOP_WRITES[kind](target.id), ...error })
    const report = await h.run('stop', { only: [kind] as never })
    h.emu.faults.clear()
    const item = report.items.find((i) => i.id === target.id)
    expect(item?.outcome).toBe('failed')
    expect(item?.error).toContain(error.message)
    expect(report.exitCode).toBe(1)
    // The refused write was the only one made to this item: the fault answered it.
    const refused = h.emu.requests.filter((r) => r.status === error.status && r.method !== 'GET')
    expect(refused.length).toBeGreaterThan(0)
    // Put the workspace back for the next case.
    const restored = await h.run('restore', { only: [kind] as never, restartCompute: true })
    expect(restored.counts.failed).toBe(0)
  })
})

describe('a not-found naming the target is "already halted" (deleted since the listing)', () => {
  it.each([
    ['jobs', (id: string) => `Job ${id} does not exist.`],
    ['clusters', (id: string) => `Cluster ${id} does not exist`],
    ['instance_pools', (id: string) => `Instance pool ${id} does not exist.`],
  ] as const)('%s', async (kind, message) => {
    const target = firstOf(planned, kind, 'planned')
    h.emu.faults.clear()
    const status = kind === 'instance_pools' ? 404 : 400
    h.emu.faults.add({ ...STOP_WRITES[kind](target.id), status, message: message(target.id) })
    const report = await h.run('stop', { only: [kind] as never })
    h.emu.faults.clear()
    expect(report.items.find((i) => i.id === target.id)?.outcome).toBe('already_halted')
    await h.run('restore', { only: [kind] as never, restartCompute: true })
  })
})

describe('a refused restore write is failed, never "gone"', () => {
  it.each(Object.keys(RESTORE_WRITES).map((kind, i) => ({ kind, error: ABOUT_ANOTHER[i % 2] })))(
    '$kind',
    async ({ kind, error }) => {
      const stopped = await h.run('stop', { only: [kind] as never })
      const target = firstOf(stopped.items, kind, 'changed')
      // Let stopping compute reach its stopped state (restore starts only from there).
      h.emu.clock.advance(60_000)
      h.emu.faults.clear()
      h.emu.faults.add({ ...RESTORE_WRITES[kind](target.id), ...error })
      const restored = await h.run('restore', { only: [kind] as never, restartCompute: true })
      h.emu.faults.clear()
      const item = restored.items.find((i) => i.id === target.id)
      expect(item?.outcome).toBe('failed')
      expect(item?.error).toContain(error.message)
      // The snapshot stays open: the next restore puts the item back.
      const again = await h.run('restore', { only: [kind] as never, restartCompute: true })
      expect(again.items.find((i) => i.id === target.id)?.outcome).toBe('changed')
    },
  )
})
