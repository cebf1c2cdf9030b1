import {
  deleteCluster,
  listClusters,
  startCluster,
  type ClusterDetails,
} from '../databricks/clusters.js'
import { collect } from '../databricks/pagination.js'
import { hasKeepTag, KEEP_REASON, keptJobIds } from './compare.js'
import {
  checkComputeRecord,
  decideComputeRestore,
  type ComputeRules,
  type ComputeState,
} from './compute.js'
import type { Observed, Resource } from './resource.js'

/** Clusters managed by a service the halt does not drive through the clusters API. */
const MANAGED: Record<string, string> = {
  SQL: 'SQL warehouse cluster: stops with its warehouse',
  MODELS: 'model serving cluster: managed by its serving endpoint',
}
/** Clusters owned by a run or a pipeline: never started again by hand. */
const OWNED = new Set(['JOB', 'PIPELINE', 'PIPELINE_MAINTENANCE'])

/**
 * The after-the-change probe (`network --verify-ranges`) tags its cluster so: a stop, restore or
 * status leaves it alone (never recorded, never started again, not drift); the probe deletes it.
 */
export const PROBE_TAG = { key: 'databricks-halt', value: 'probe' } as const
export const PROBE_NAME_PREFIX = 'databricks-halt-probe-'
const PROBE_REASON = 'probe cluster of network --verify-ranges (it deletes it)'

export function isProbeCluster(c: Pick<ClusterDetails, 'custom_tags'>): boolean {
  return c.custom_tags?.[PROBE_TAG.key] === PROBE_TAG.value
}

const RUNNING = new Set(['PENDING', 'RUNNING', 'RESTARTING', 'RESIZING'])
const DOWN = new Set(['TERMINATED', 'TERMINATING'])

export interface ClusterState extends ComputeState {
  /** JOB / PIPELINE: the run or pipeline owning it starts a new one when it runs again. */
  owner?: string
}

const rules: ComputeRules = { noun: 'cluster', running: RUNNING, stoppedState: 'TERMINATED' }

function observe(c: ClusterDetails): Observed<ClusterState> {
  const state = c.state ?? 'UNKNOWN'
  const source = c.cluster_source ?? ''
  const managed = MANAGED[source]
  return {
    id: c.cluster_id,
    name: c.cluster_name ?? c.cluster_id,
    state: { state, ...(OWNED.has(source) ? { owner: source } : {}) },
    active: state !== 'TERMINATED',
    detail: `${state}${source ? ` (${source})` : ''}`,
    ...(hasKeepTag(c.custom_tags)
      ? { kept: KEEP_REASON }
      : isProbeCluster(c)
        ? { kept: PROBE_REASON }
        : managed
          ? { handledBy: managed }
          : {}),
    raw: { jobId: c.default_tags?.JobId },
  }
}

/**
 * Clusters: all-purpose (UI/API) clusters are terminated once jobs are paused (a job task on an
 * existing cluster would start it again). JOB and PIPELINE clusters normally end with the runs
 * and pipelines the stop cancels and stops; any still up after those are done (a development
 * pipeline's cluster, a run still terminating) are terminated then, unless their job is kept.
 * Only all-purpose clusters are started again, and only with --restart-compute.
 */
export const clusters: Resource<ClusterState> = {
  kind: 'clusters',
  // A job task on an existing cluster starts an all-purpose cluster; a JOB/PIPELINE cluster is
  // started by its run or pipeline, so it waits until those are cancelled and stopped.
  startedBy: ['jobs'],
  startedByOf: (item) => (item.state.owner ? ['job_runs', 'pipelines'] : ['jobs']),
  sweep: true,
  // A run fired before its job was paused starts a JOB cluster the first listing did not see.
  late: { after: ['job_runs', 'pipelines'], accept: (item) => item.state.owner !== undefined },

  list: async (ctx) => (await collect(listClusters(ctx.clients.workspace))).map(observe),

  refine(items, inventory) {
    const keptJobs = keptJobIds(inventory)
    for (const item of items) {
      const jobId = (item.raw as { jobId?: string }).jobId
      if (!item.kept && jobId && keptJobs.has(String(jobId)))
        item.kept = `cluster of kept job ${jobId}`
    }
  },

  halted: (item) =>
    DOWN.has(item.state.state) ? undefined : { ...item.state, state: 'TERMINATED' },

  async halt(ctx, item) {
    await deleteCluster(ctx.clients.workspace, { cluster_id: item.id })
  },

  describe: (state) => state.state,

  // Any cluster not already down is terminated, so any such state may be recorded as before.
  checkRecord: (record) => checkComputeRecord(rules, record, (state) => !DOWN.has(state)),

  decideRestore(record, current, options) {
    if (record.before.owner && current) {
      return {
        outcome: 'unchanged',
        detail: `${record.before.owner} cluster: its owner starts a new one`,
      }
    }
    return decideComputeRestore(rules, record, current, options)
  },

  async write(ctx, record) {
    await startCluster(ctx.clients.workspace, { cluster_id: record.id })
  },

  drained: (item) => item.state.state === 'TERMINATED',
}
