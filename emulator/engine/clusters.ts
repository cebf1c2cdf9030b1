/** Cluster lifecycle: asynchronous terminate and start. */
import type { EmulatorCore } from '../core.js'
import type { Obj } from '../http/router.js'
import type { WorkspaceState } from '../state/workspace.js'
import { returnInstances, takeInstances } from './pools.js'
import { bump, transition } from './timers.js'

export function pascal(state: string): string {
  return state.charAt(0) + state.slice(1).toLowerCase()
}

export function clusterId(ws: WorkspaceState, at: number): string {
  const d = new Date(at)
  const p = (n: number) => String(n).padStart(2, '0')
  const seq = (ws.nextClusterSeq++).toString(36).padStart(8, '0')
  return `${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}-${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}-e${seq}`
}

export function terminateCluster(
  core: EmulatorCore,
  ws: WorkspaceState,
  cluster: Obj,
  reason: { code: string; type: string; parameters?: Obj },
  onTerminated?: (at: number) => void,
): void {
  if (cluster.state === 'TERMINATED' || cluster.state === 'TERMINATING') return
  cluster.state = 'TERMINATING'
  cluster.state_message = 'Terminating the cluster'
  transition(core, ws, `cluster:${cluster.cluster_id}`, (at) => {
    cluster.state = 'TERMINATED'
    cluster.state_message = ''
    cluster.terminated_time = at
    cluster.termination_reason = reason
    returnInstances(core, ws, cluster)
    onTerminated?.(at)
  })
}

export function startCluster(core: EmulatorCore, ws: WorkspaceState, cluster: Obj): void {
  // A real start (not one the scenario caught mid-way, whose instances are counted at load).
  if (cluster.state === 'TERMINATED' || cluster.state === 'ERROR') takeInstances(ws, cluster)
  cluster.state = 'PENDING'
  cluster.state_message = 'Starting Spark'
  delete cluster.termination_reason
  delete cluster.terminated_time
  transition(core, ws, `cluster:${cluster.cluster_id}`, (at) => {
    cluster.state = 'RUNNING'
    cluster.state_message = ''
    cluster.start_time = at
    cluster.last_restarted_time = at
  })
}

/** A JOB or PIPELINE cluster the clock creates for a run or update. */
export function createOwnedCluster(
  core: EmulatorCore,
  ws: WorkspaceState,
  source: 'JOB' | 'PIPELINE',
  name: string,
  creator: string,
  tags: Obj,
): Obj {
  const at = core.now()
  const id = clusterId(ws, at)
  const cluster: Obj = {
    cluster_id: id,
    cluster_name: name,
    state: 'PENDING',
    state_message: 'Starting Spark',
    cluster_source: source,
    creator_user_name: creator,
    spark_version: '15.4.x-scala2.12',
    node_type_id: 'Standard_DS3_v2',
    num_workers: 2,
    autotermination_minutes: 0,
    start_time: at,
    default_tags: { ClusterId: id, ClusterName: name, Creator: creator, ...tags },
    custom_tags: {},
  }
  ws.clusters.set(id, cluster)
  transition(core, ws, `cluster:${id}`, (t) => {
    cluster.state = 'RUNNING'
    cluster.state_message = ''
    cluster.last_restarted_time = t
  })
  return cluster
}

/** An all-purpose cluster made by clusters/create: PENDING, then RUNNING after a transition. */
export function createApiCluster(
  core: EmulatorCore,
  ws: WorkspaceState,
  spec: Obj,
  creator: string,
): Obj {
  const at = core.now()
  const id = clusterId(ws, at)
  const name = String(spec.cluster_name ?? '')
  const cluster: Obj = {
    ...structuredClone(spec),
    cluster_id: id,
    cluster_name: name,
    state: 'PENDING',
    state_message: 'Starting Spark',
    cluster_source: 'API',
    creator_user_name: creator,
    start_time: at,
    default_tags: { Vendor: 'Databricks', Creator: creator, ClusterName: name, ClusterId: id },
    custom_tags: structuredClone(spec.custom_tags ?? {}),
    spec: structuredClone(spec),
  }
  ws.clusters.set(id, cluster)
  takeInstances(ws, cluster)
  transition(core, ws, `cluster:${id}`, (t) => {
    cluster.state = 'RUNNING'
    cluster.state_message = ''
    cluster.last_restarted_time = t
  })
  return cluster
}

/** permanent-delete: terminated and gone at once (its NICs then linger as any node's do). */
export function permanentlyDelete(core: EmulatorCore, ws: WorkspaceState, cluster: Obj): void {
  bump(ws, `cluster:${cluster.cluster_id}`) // a pending PENDING→RUNNING no longer happens
  if (cluster.state !== 'TERMINATED') returnInstances(core, ws, cluster)
  ws.clusters.delete(String(cluster.cluster_id))
}
