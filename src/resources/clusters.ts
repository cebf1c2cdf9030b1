import {
  deleteCluster,
  listClusters,
  startCluster,
  type ClusterDetails,
} from '../databricks/clusters.js'
import { hasKeepTag, KEEP_REASON } from './compare.js'
import { decideComputeRestore, type ComputeRules, type ComputeState } from './compute.js'
import type { Observed, Resource } from './resource.js'

/** Sources whose clusters belong to something else that the halt stops instead. */
const OWNED_BY: Record<string, string> = {
  JOB: 'JOB cluster: ends when its run is cancelled',
  PIPELINE: 'PIPELINE cluster: ends when its pipeline is stopped',
  PIPELINE_MAINTENANCE: 'pipeline maintenance cluster: ends when its pipeline is stopped',
  SQL: 'SQL warehouse cluster: ends when its warehouse is stopped',
  MODELS: 'model serving cluster: managed by its serving endpoint',
}

const RUNNING = new Set(['PENDING', 'RUNNING', 'RESTARTING', 'RESIZING'])
const DOWN = new Set(['TERMINATED', 'TERMINATING'])

const rules: ComputeRules = {
  noun: 'cluster',
  stoppedState: 'TERMINATED',
  wasRunning: (before) => RUNNING.has(before.state),
  isRunning: (state) => RUNNING.has(state),
}

function observe(c: ClusterDetails): Observed<ComputeState> {
  const state = c.state ?? 'UNKNOWN'
  const owner = OWNED_BY[c.cluster_source ?? '']
  return {
    id: c.cluster_id,
    name: c.cluster_name ?? c.cluster_id,
    state: { state },
    active: state !== 'TERMINATED',
    detail: `${state}${c.cluster_source ? ` (${c.cluster_source})` : ''}`,
    ...(hasKeepTag(c.custom_tags) ? { kept: KEEP_REASON } : owner ? { handledBy: owner } : {}),
  }
}

/** All-purpose (UI/API) clusters: terminated on stop; started again only with --restart-compute. */
export const clusters: Resource<ComputeState> = {
  kind: 'clusters',
  stage: 2,

  async list(ctx) {
    const out: Observed<ComputeState>[] = []
    for await (const c of listClusters(ctx.clients.workspace)) out.push(observe(c))
    return out
  },

  halted: (item) => (DOWN.has(item.state.state) ? undefined : { state: 'TERMINATED' }),

  async halt(ctx, item) {
    await deleteCluster(ctx.clients.workspace, { cluster_id: item.id })
  },

  describe: (state) => state.state,
  decideRestore: (record, current, options) =>
    decideComputeRestore(rules, record, current, options),

  async write(ctx, record) {
    await startCluster(ctx.clients.workspace, { cluster_id: record.id })
  },

  drained: (item) => item.state.state === 'TERMINATED',
}
