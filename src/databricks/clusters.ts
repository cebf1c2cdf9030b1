import type { CallOptions, DatabricksClient } from './client.js'
import { isInvalidState } from './errors.js'
import { paginateToken } from './pagination.js'

/** Clusters API 2.1. */

const BASE = '/api/2.1/clusters'

export type State =
  | 'PENDING'
  | 'RUNNING'
  | 'RESTARTING'
  | 'RESIZING'
  | 'TERMINATING'
  | 'TERMINATED'
  | 'ERROR'
  | 'UNKNOWN'

export type ClusterSource =
  'UI' | 'API' | 'JOB' | 'PIPELINE' | 'PIPELINE_MAINTENANCE' | 'SQL' | 'MODELS'

export interface ClusterDetails {
  cluster_id: string
  cluster_name?: string
  state?: State
  state_message?: string
  cluster_source?: ClusterSource
  creator_user_name?: string
  autotermination_minutes?: number
  num_workers?: number
  autoscale?: { min_workers?: number; max_workers?: number }
  instance_pool_id?: string
  driver_instance_pool_id?: string
  node_type_id?: string
  spark_version?: string
  custom_tags?: Record<string, string>
  default_tags?: Record<string, string>
  termination_reason?: { code?: string; type?: string; parameters?: Record<string, string> }
  [field: string]: unknown
}

export interface ListClustersRequest {
  page_size?: number
  filter_by?: {
    cluster_sources?: ClusterSource[]
    cluster_states?: State[]
    is_pinned?: boolean
    policy_id?: string
  }
  sort_by?: { field?: 'DEFAULT' | 'CLUSTER_NAME'; direction?: 'ASC' | 'DESC' }
}

/** GET /api/2.1/clusters/list, every page (servers without paging answer in one). */
export function listClusters(
  workspace: DatabricksClient,
  request: ListClustersRequest = {},
  options?: CallOptions,
): AsyncGenerator<ClusterDetails> {
  return paginateToken<ClusterDetails>(workspace, {
    rateClass: 'clusters',
    ...options,
    path: `${BASE}/list`,
    query: { page_size: 100, ...request },
    itemsKey: 'clusters',
  })
}

/** GET /api/2.1/clusters/get. Missing clusters answer 400 INVALID_PARAMETER_VALUE (see isNotFound). */
export function getCluster(
  workspace: DatabricksClient,
  request: { cluster_id: string },
  options?: CallOptions,
): Promise<ClusterDetails> {
  return workspace.get(`${BASE}/get`, { ...request }, { rateClass: 'clusters', ...options })
}

/** POST /api/2.1/clusters/delete: terminate (not permanent-delete). Idempotent, asynchronous. */
export async function deleteCluster(
  workspace: DatabricksClient,
  request: { cluster_id: string },
  options?: CallOptions,
): Promise<void> {
  await workspace.post(`${BASE}/delete`, request, { rateClass: 'clusters', ...options })
}

/**
 * POST /api/2.1/clusters/start: only from TERMINATED. When a retry meets INVALID_STATE, the
 * first attempt (whose answer was lost) already started it: reported as 'already_starting'.
 */
export async function startCluster(
  workspace: DatabricksClient,
  request: { cluster_id: string },
  options?: CallOptions,
): Promise<'started' | 'already_starting'> {
  try {
    await workspace.post(`${BASE}/start`, request, { rateClass: 'clusters', ...options })
    return 'started'
  } catch (e) {
    if (isInvalidState(e) && e.attempts > 1) return 'already_starting'
    throw e
  }
}

/** The fields of POST /api/2.1/clusters/create the probe sends (CreateCluster in the SDKs). */
export interface CreateClusterRequest {
  cluster_name: string
  spark_version: string
  node_type_id: string
  num_workers: number
  autotermination_minutes: number
  spark_conf?: Record<string, string>
  custom_tags?: Record<string, string>
}

/** POST /api/2.1/clusters/create → {cluster_id}; the cluster starts PENDING. */
export function createCluster(
  workspace: DatabricksClient,
  request: CreateClusterRequest,
  options?: CallOptions,
): Promise<{ cluster_id: string }> {
  return workspace.post(`${BASE}/create`, request, { rateClass: 'clusters', ...options })
}

/**
 * POST /api/2.1/clusters/permanent-delete: terminates the cluster and removes it for good (no
 * longer listed, no action possible). Only ever sent for this tool's own probe clusters.
 */
export async function permanentDeleteCluster(
  workspace: DatabricksClient,
  request: { cluster_id: string },
  options?: CallOptions,
): Promise<void> {
  await workspace.post(`${BASE}/permanent-delete`, request, { rateClass: 'clusters', ...options })
}

export interface SparkVersion {
  key: string
  name?: string
}

/** GET /api/2.1/clusters/spark-versions. */
export async function sparkVersions(
  workspace: DatabricksClient,
  options?: CallOptions,
): Promise<SparkVersion[]> {
  const body = await workspace.get<{ versions?: SparkVersion[] }>(
    `${BASE}/spark-versions`,
    {},
    {
      rateClass: 'clusters',
      ...options,
    },
  )
  return body.versions ?? []
}

export interface NodeType {
  node_type_id: string
  memory_mb: number
  num_cores: number
  num_gpus?: number
  is_deprecated?: boolean
  is_graviton?: boolean
  instance_type_id?: string
  node_info?: { status?: string[] }
}

/** GET /api/2.1/clusters/list-node-types. */
export async function listNodeTypes(
  workspace: DatabricksClient,
  options?: CallOptions,
): Promise<NodeType[]> {
  const body = await workspace.get<{ node_types?: NodeType[] }>(
    `${BASE}/list-node-types`,
    {},
    {
      rateClass: 'clusters',
      ...options,
    },
  )
  return body.node_types ?? []
}
