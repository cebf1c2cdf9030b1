import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { quietStartTime, startEmulator } from '../../emulator/index.js'
import { getAlert, listAlerts, updateAlertPauseStatus } from '../../src/databricks/alerts.js'
import { getApp, listApps, startApp, stopApp } from '../../src/databricks/apps.js'
import {
  deleteCluster,
  getCluster,
  listClusters,
  startCluster,
} from '../../src/databricks/clusters.js'
import { isNotFound } from '../../src/databricks/errors.js'
import {
  editInstancePool,
  getInstancePool,
  listInstancePools,
} from '../../src/databricks/instance-pools.js'
import { getJob, listRuns, cancelAllRuns } from '../../src/databricks/jobs.js'
import {
  getSchedule,
  listDashboards,
  listSchedules,
  updateSchedule,
} from '../../src/databricks/lakeview.js'
import { collect } from '../../src/databricks/pagination.js'
import {
  getPipeline,
  listPipelines,
  startUpdate,
  stopPipeline,
} from '../../src/databricks/pipelines.js'
import { getAccountScim, getMe, listAccountScim, scimString } from '../../src/databricks/scim.js'
import { listServingEndpoints } from '../../src/databricks/serving-endpoints.js'
import { listEndpoints } from '../../src/databricks/vector-search.js'
import {
  getWarehouse,
  listWarehouses,
  startWarehouse,
  stopWarehouse,
} from '../../src/databricks/warehouses.js'
import { getHostMetadata } from '../../src/databricks/workspace-metadata.js'
import { clientsFor } from './emulator-clients.js'
import { call } from '../emulator/helpers.js'

/** One round trip per endpoint module, judged by the emulator's state. */
let emu: Awaited<ReturnType<typeof startEmulator>>
let clients: ReturnType<typeof clientsFor>
let ws: ReturnType<typeof clientsFor>['workspace']

beforeAll(async () => {
  emu = await startEmulator({
    scenario: 'small',
    seed: 21,
    startTime: quietStartTime(),
    rateLimits: 'off',
    transitionMs: 0,
  })
  clients = clientsFor(emu)
  ws = clients.workspace
})

afterAll(() => emu.close())

describe('endpoint modules against the emulator', () => {
  it('clusters: terminate a running one, start it again; missing ones are "not found"', async () => {
    const running = (await collect(listClusters(ws))).find(
      (c) => c.state === 'RUNNING' && ['UI', 'API'].includes(c.cluster_source ?? ''),
    )!
    await deleteCluster(ws, { cluster_id: running.cluster_id })
    emu.clock.advance(60_000)
    expect(emu.ws().clusters.get(running.cluster_id)!.state).toBe('TERMINATED')
    expect(await startCluster(ws, { cluster_id: running.cluster_id })).toBe('started')
    expect(['PENDING', 'RUNNING']).toContain(
      (await getCluster(ws, { cluster_id: running.cluster_id })).state,
    )
    const missing = await getCluster(ws, { cluster_id: 'nope' }).catch((e: unknown) => e)
    expect(isNotFound(missing)).toBe(true)
  })

  it('warehouses: stop and start', async () => {
    const running = (await collect(listWarehouses(ws))).find((w) => w.state === 'RUNNING')!
    await stopWarehouse(ws, running.id)
    emu.clock.advance(60_000)
    expect((await getWarehouse(ws, running.id)).state).toBe('STOPPED')
    await startWarehouse(ws, running.id)
    expect(['STARTING', 'RUNNING']).toContain(emu.ws().warehouses.get(running.id)!.state)
  })

  it('instance pools: edit resends the required fields and sets explicit zeros', async () => {
    const pool = (await collect(listInstancePools(ws))).find(
      (p) => (p.min_idle_instances ?? 0) > 0,
    )!
    await editInstancePool(ws, {
      instance_pool_id: pool.instance_pool_id,
      instance_pool_name: pool.instance_pool_name!,
      node_type_id: pool.node_type_id!,
      min_idle_instances: 0,
      idle_instance_autotermination_minutes: 0,
      ...(pool.max_capacity !== undefined ? { max_capacity: pool.max_capacity } : {}),
      ...(pool.custom_tags ? { custom_tags: pool.custom_tags } : {}),
    })
    const after = await getInstancePool(ws, { instance_pool_id: pool.instance_pool_id })
    expect(after).toMatchObject({ min_idle_instances: 0, idle_instance_autotermination_minutes: 0 })
    expect(after.max_capacity).toBe(pool.max_capacity)
  })

  it('pipelines: stop an active one and start an update', async () => {
    const statuses = await collect(listPipelines(ws))
    const active = statuses.find((p) =>
      ['RUNNING', 'STARTING', 'DEPLOYING'].includes(p.state ?? ''),
    )!
    expect((await getPipeline(ws, active.pipeline_id)).spec).toBeDefined()
    await stopPipeline(ws, active.pipeline_id)
    emu.clock.advance(60_000)
    expect(emu.ws().pipelines.get(active.pipeline_id)!.state).toBe('IDLE')
    const { update_id } = await startUpdate(ws, active.pipeline_id)
    expect(update_id).toEqual(expect.any(String))
  })

  it('apps: stop and start, and a retried stop that meets "already stopped" returns the app', async () => {
    const active = (await collect(listApps(ws))).find((a) => a.compute_status?.state === 'ACTIVE')!
    expect((await stopApp(ws, active.name)).name).toBe(active.name)
    emu.clock.advance(60_000)
    expect((await getApp(ws, active.name)).compute_status?.state).toBe('STOPPED')
    // A stop whose first attempt dies on the wire: the retry meets INVALID_STATE "already
    // stopped", which is what a retry after a lost answer meets too; the app comes back.
    emu.faults.add({ path: `/api/2.0/apps/${active.name}/stop`, reset: true, times: 1 })
    expect((await stopApp(ws, active.name)).compute_status?.state).toBe('STOPPED')
    await startApp(ws, active.name)
    emu.clock.advance(60_000)
    expect(emu.ws().apps.get(active.name)!.compute_status.state).toBe('ACTIVE')
  })

  it('alerts v2: PATCH update_mask=schedule (top level) with the whole block keeps cron and timezone', async () => {
    const alert = (await collect(listAlerts(ws))).find(
      (a) => a.schedule?.pause_status !== 'PAUSED',
    )!
    emu.requests.length = 0
    await updateAlertPauseStatus(ws, alert.id, { ...alert.schedule!, pause_status: 'PAUSED' })
    expect(emu.requests.find((r) => r.method === 'PATCH')?.query).toEqual({
      update_mask: 'schedule',
    })
    expect((await getAlert(ws, alert.id)).schedule).toEqual({
      ...alert.schedule,
      pause_status: 'PAUSED',
    })
  })

  it('alerts v2: the emulator accepts only documented top-level mask fields', async () => {
    const alert = (await collect(listAlerts(ws)))[0]
    for (const mask of ['schedule.pause_status', 'id', 'lifecycle_state', 'owner_user_name']) {
      const answer = await call(
        emu.workspace.url,
        `/api/2.0/alerts/${alert.id}?update_mask=${mask}`,
        {
          token: emu.adminToken,
          method: 'PATCH',
          body: { schedule: { ...alert.schedule, pause_status: 'PAUSED' } },
        },
      )
      expect([mask, answer.status]).toEqual([mask, 400])
    }
  })

  it('lakeview: update a schedule with its etag', async () => {
    const dashboards = await collect(listDashboards(ws))
    let target: { dashboard_id: string; schedule_id: string } | undefined
    for (const d of dashboards) {
      const [s] = await collect(listSchedules(ws, d.dashboard_id))
      if (s) target = { dashboard_id: d.dashboard_id, schedule_id: s.schedule_id }
      if (target) break
    }
    expect(target).toBeDefined()
    const current = await getSchedule(ws, target!.dashboard_id, target!.schedule_id)
    const updated = await updateSchedule(ws, target!.dashboard_id, {
      ...current,
      pause_status: 'PAUSED',
    })
    expect(updated.pause_status).toBe('PAUSED')
    expect(updated.etag).not.toBe(current.etag)
    expect(updated.cron_schedule).toEqual(current.cron_schedule)
  })

  it('runs: cancel-all ends a job’s active runs', async () => {
    const run = (await collect(listRuns(ws, { active_only: true }))).find((r) => r.job_id)!
    await cancelAllRuns(ws, { job_id: run.job_id })
    emu.clock.advance(60_000)
    const left = await collect(listRuns(ws, { active_only: true, job_id: run.job_id }))
    expect(left).toHaveLength(0)
    expect((await getJob(ws, { job_id: run.job_id! })).job_id).toBe(run.job_id)
  })

  it('report-only lists: serving and vector search endpoints', async () => {
    const serving = await collect(listServingEndpoints(ws))
    expect(serving.map((e) => e.name).sort()).toEqual([...emu.ws().servingEndpoints.keys()].sort())
    const vector = await collect(listEndpoints(ws))
    expect(vector.map((e) => e.name).sort()).toEqual(
      [...emu.ws().vectorSearchEndpoints.keys()].sort(),
    )
  })

  it('SCIM: account lookup by filter and by id', async () => {
    const [user] = emu.account.users.values()
    const found = await collect(
      listAccountScim(clients.account, 'Users', {
        filter: `userName eq ${scimString(user.userName)}`,
      }),
    )
    expect(found.map((u) => u.id)).toEqual([user.id])
    expect((await getAccountScim(clients.account, 'Users', user.id)).userName).toBe(user.userName)
  })

  it('workspace metadata: org id from SCIM Me, well-known config when served', async () => {
    expect((await getMe(ws)).orgId).toBe(emu.workspace.workspaceId)
    const metadata = await getHostMetadata(ws)
    expect(metadata?.workspace_id).toBe(emu.workspace.workspaceId)
  })
})
