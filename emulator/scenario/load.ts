/** Load a ScenarioJson into an emulator core: directory, assignments, workspace objects, timers. */
import type { EmulatorCore } from '../core.js'
import type { Obj } from '../http/router.js'
import { AccountState, SCIM_GROUP, SCIM_SP, SCIM_USER } from '../state/account.js'
import { WorkspaceState } from '../state/workspace.js'
import { indexRun, isActive, finishRun } from '../engine/runs.js'
import { planAlert, planDashboardSchedule, planJob } from '../engine/schedules.js'
import { startCluster, terminateCluster } from '../engine/clusters.js'
import { countUsed, scheduleRelease } from '../engine/pools.js'
import { startWarehouse, stopWarehouse } from '../engine/warehouses.js'
import { transition } from '../engine/timers.js'
import type { ScenarioJson, WorkspaceScenario } from './types.js'

const ID_KEYS = ['job_id', 'run_id', 'principal_id', 'id']
const str = (v: unknown) => (v === undefined || v === null ? v : String(v))

/** Shallow copy with top-level ids as strings (the scenario was cloned once up front). */
function normalizeIds<T extends Obj>(o: T): T {
  const out = { ...o }
  for (const k of ID_KEYS)
    if (typeof out[k] === 'number' || typeof out[k] === 'bigint') (out as Obj)[k] = String(out[k])
  return out
}

function loadDirectory(core: EmulatorCore, s: ScenarioJson): void {
  const a = (core.account = new AccountState(s.accountId ?? '00000000-0000-4000-8000-000000000000'))
  for (const u of s.users ?? [])
    a.users.set(String(u.id), { schemas: [SCIM_USER], active: true, ...normalizeIds(u) })
  for (const g of s.groups ?? []) {
    const members = (g.members ?? []).map((m: Obj) => ({ ...m, value: String(m.value) }))
    a.groups.set(String(g.id), { schemas: [SCIM_GROUP], ...normalizeIds(g), members })
  }
  for (const sp of s.servicePrincipals ?? []) {
    a.servicePrincipals.set(String(sp.id), {
      schemas: [SCIM_SP],
      active: true,
      ...normalizeIds(sp),
    })
  }
  for (const id of s.accountAdmins ?? []) a.admins.add(String(id))
  let adminId = str(s.adminPrincipalId)
  if (!adminId || !a.users.has(adminId)) {
    adminId = adminId ?? '4611686018427387904'
    a.users.set(adminId, {
      schemas: [SCIM_USER],
      id: adminId,
      userName: 'admin@example.com',
      displayName: 'Emulator Admin',
      active: true,
      emails: [{ value: 'admin@example.com', primary: true, type: 'work' }],
    })
  }
  a.admins.add(adminId)
  core.adminPrincipalId = adminId
  core.adminToken = core.tokenFor(adminId)
}

function loadWorkspace(core: EmulatorCore, w: WorkspaceScenario, i: number): WorkspaceState {
  const ws = new WorkspaceState(
    str(w.workspaceId) ?? String(1234567890123456n + BigInt(i) * 1111n),
    '',
  )
  for (const f of w.disabledFeatures ?? []) ws.disabledFeatures.add(f)
  ws.unifiedHost = w.unifiedHost === true
  ws.identityFederation = w.identityFederation !== false
  for (const u of w.localUsers ?? []) ws.localUsers.set(String(u.id), { ...u, id: String(u.id) })
  for (const a of w.assignments ?? []) {
    const principal = core.account.assignmentPrincipal(String(a.principalId))
    if (!principal) continue
    const entry = {
      principal,
      permissions: [...a.permissions],
      ...(a.error ? { error: a.error } : {}),
    }
    ws.assignments.set(principal.principal_id, entry)
  }
  const admin = core.account.assignmentPrincipal(core.adminPrincipalId)!
  ws.assignments.set(core.adminPrincipalId, { principal: admin, permissions: ['ADMIN'] })
  const put = (map: Map<string, Obj>, items: Obj[] | undefined, key: string) => {
    for (const item of items ?? []) {
      const o = normalizeIds(item)
      map.set(String(o[key]), o)
    }
  }
  put(ws.jobs, w.jobs, 'job_id')
  put(ws.runs, w.runs, 'run_id')
  put(ws.clusters, w.clusters, 'cluster_id')
  put(ws.warehouses, w.warehouses, 'id')
  put(ws.instancePools, w.instancePools, 'instance_pool_id')
  put(ws.pipelines, w.pipelines, 'pipeline_id')
  put(ws.apps, w.apps, 'name')
  put(ws.alerts, w.alerts, 'id')
  put(ws.servingEndpoints, w.servingEndpoints, 'name')
  put(ws.vectorSearchEndpoints, w.vectorSearchEndpoints, 'name')
  for (const d of w.dashboards ?? []) {
    const { schedules, ...dashboard } = d
    ws.dashboards.set(dashboard.dashboard_id, dashboard)
    const map = new Map<string, Obj>()
    for (const s of (schedules ?? []) as Obj[])
      map.set(s.schedule_id, { dashboard_id: dashboard.dashboard_id, ...s })
    ws.dashboardSchedules.set(dashboard.dashboard_id, map)
  }
  for (const run of ws.runs.values()) {
    run.job_id = String(run.job_id)
    indexRun(ws, run)
  }
  return ws
}

/** Objects caught mid-transition in the scenario finish it; active runs end in due course. */
function settle(core: EmulatorCore, ws: WorkspaceState): void {
  countUsed(ws)
  for (const pool of ws.instancePools.values()) scheduleRelease(core, ws, pool)
  for (const c of ws.clusters.values()) {
    if (c.state === 'TERMINATING') {
      c.state = 'RUNNING'
      terminateCluster(core, ws, c, { code: 'INACTIVITY', type: 'SUCCESS' })
    } else if (['PENDING', 'RESTARTING', 'RESIZING'].includes(c.state)) startCluster(core, ws, c)
  }
  for (const wh of ws.warehouses.values()) {
    if (wh.state === 'STARTING') {
      wh.state = 'STOPPED'
      startWarehouse(core, ws, wh)
    } else if (wh.state === 'STOPPING') {
      wh.state = 'RUNNING'
      stopWarehouse(core, ws, wh)
    }
  }
  for (const run of ws.runs.values()) {
    if (!isActive(run)) continue
    const job = ws.jobs.get(run.job_id)
    if (job?.settings?.continuous) continue
    const lifeCycle = run.state.life_cycle_state
    const delay =
      lifeCycle === 'TERMINATING'
        ? core.transitionMs
        : Math.max(core.transitionMs, run.start_time + core.runDurationMs - core.now())
    const result = lifeCycle === 'TERMINATING' ? 'CANCELED' : 'SUCCESS'
    transition(core, ws, `run:${run.run_id}`, () => finishRun(core, ws, run, result), delay)
  }
}

/** `owned`: the scenario was generated for this emulator, so it need not be copied. */
export function loadScenario(
  core: EmulatorCore,
  input: ScenarioJson,
  workspaces: number,
  owned = false,
): void {
  // A caller's scenario object may be reused for another emulator: never mutate it.
  const scenario = owned ? input : structuredClone(input)
  loadDirectory(core, scenario)
  const specs = scenario.workspaces ?? []
  const count = Math.max(workspaces, specs.length, 1)
  for (let i = 0; i < count; i++) {
    core.workspaces.push(loadWorkspace(core, specs[i] ?? {}, i))
  }
}

/** After servers have URLs: start the clock-driven behaviour. */
export function armScenario(core: EmulatorCore): void {
  for (const ws of core.workspaces) {
    settle(core, ws)
    // planJob also starts a live run for an UNPAUSED continuous job without one; after that,
    // finishRun and later planJob calls keep it alive (no per-request scan).
    for (const job of ws.jobs.values()) planJob(core, ws, job)
    for (const alert of ws.alerts.values()) planAlert(core, ws, alert)
    for (const [id, map] of ws.dashboardSchedules) {
      const d = ws.dashboards.get(id)
      if (d) for (const s of map.values()) planDashboardSchedule(core, ws, d, s)
    }
  }
}
