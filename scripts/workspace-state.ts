/**
 * What "the workspace is back as it was" means, read straight from the emulator's state: the
 * demo prints it, the CLI tests assert it. Restore promises configuration (assignments, job
 * schedules/triggers/continuous, pools, alert and dashboard schedules) and, with
 * --restart-compute, the compute that was running; cancelled runs are gone by design.
 */
import type { WorkspaceState } from '../emulator/state/workspace.js'
import { canonicalJson } from '../src/snapshot/signing.js'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>

export type Fingerprint = Record<string, string[]>

export function configuration(ws: WorkspaceState): Fingerprint {
  return {
    'permission assignments': [...ws.assignments.entries()].map(
      ([id, a]) => `${id} ${[...a.permissions].sort().join('+')}`,
    ),
    // Key order means nothing in JSON (an update may re-insert a field last): compare canonically.
    jobs: [...ws.jobs.values()].map((j) => `${j.job_id} ${canonicalJson(j.settings)}`),
    'instance pools': [...ws.instancePools.values()].map(
      (p) =>
        `${p.instance_pool_id} min_idle=${p.min_idle_instances} ` +
        `autoterminate=${p.idle_instance_autotermination_minutes}`,
    ),
    alerts: [...ws.alerts.values()].map((a) => `${a.id} ${a.schedule?.pause_status}`),
    'dashboard schedules': [...ws.dashboardSchedules.values()].flatMap((m) =>
      [...m.values()].map((s: Obj) => `${s.dashboard_id}/${s.schedule_id} ${s.pause_status}`),
    ),
  }
}

const ON = new Set(['PENDING', 'RUNNING', 'RESIZING', 'RESTARTING', 'STARTING', 'ACTIVE'])

/**
 * Long-lived compute that is on or coming up. Job and pipeline clusters come and go with their
 * runs, and a triggered pipeline goes idle by itself, so those are left out.
 */
export function runningCompute(ws: WorkspaceState): Fingerprint {
  const clusters = [...ws.clusters.values()].filter(
    (c) => c.cluster_source !== 'JOB' && c.cluster_source !== 'PIPELINE',
  )
  return {
    clusters: clusters.filter((c) => ON.has(c.state)).map((c) => String(c.cluster_id)),
    warehouses: [...ws.warehouses.values()].filter((w) => ON.has(w.state)).map((w) => String(w.id)),
    apps: [...ws.apps.values()]
      .filter((a) => ON.has(a.compute_status?.state))
      .map((a) => String(a.name)),
  }
}

/** Still-active things a halt must stop: the demo's "show --active" in numbers. */
export function activity(ws: WorkspaceState): Record<string, number> {
  const on = runningCompute(ws)
  return {
    'active runs': [...ws.runs.values()].filter((r) => isActiveRun(r)).length,
    'clusters on': [...ws.clusters.values()].filter((c) => ON.has(c.state)).length,
    'warehouses on': on.warehouses.length,
    'apps on': on.apps.length,
  }
}

function isActiveRun(run: Obj): boolean {
  const state = run.state?.life_cycle_state ?? run.status?.state
  return ['QUEUED', 'PENDING', 'RUNNING', 'BLOCKED', 'WAITING_FOR_RETRY'].includes(state)
}

/** Lines "kind: item before → after" for everything that differs; empty when equal. */
export function differences(before: Fingerprint, after: Fingerprint): string[] {
  const lines: string[] = []
  for (const kind of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const a = new Set(before[kind] ?? [])
    const b = new Set(after[kind] ?? [])
    for (const item of a) if (!b.has(item)) lines.push(`${kind}: was ${item}`)
    for (const item of b) if (!a.has(item)) lines.push(`${kind}: now ${item}`)
  }
  return lines
}

/** Sorted copy, so equal states compare equal with toEqual. */
export function sorted(fp: Fingerprint): Fingerprint {
  return Object.fromEntries(Object.entries(fp).map(([k, v]) => [k, [...v].sort()]))
}
