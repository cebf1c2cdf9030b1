import type { CallOptions, DatabricksClient } from './client.js'
import { listUnpaged } from './pagination.js'

/** Instance pools. */

const BASE = '/api/2.0/instance-pools'

export interface InstancePoolStats {
  used_count?: number
  idle_count?: number
  pending_used_count?: number
  pending_idle_count?: number
}

export interface InstancePoolAndStats {
  instance_pool_id: string
  instance_pool_name?: string
  node_type_id?: string
  min_idle_instances?: number
  max_capacity?: number
  idle_instance_autotermination_minutes?: number
  custom_tags?: Record<string, string>
  /** GCP: remote disk throughput and initial size; editable, so resent as read. */
  remote_disk_throughput?: number
  total_initial_remote_disk_size?: number
  default_tags?: Record<string, string>
  preloaded_spark_versions?: string[]
  state?: 'ACTIVE' | 'STOPPED' | 'DELETED'
  stats?: InstancePoolStats
  [field: string]: unknown
}

/** POST …/edit body: name and node type are required; omitted optional values may revert. */
export interface EditInstancePool {
  instance_pool_id: string
  instance_pool_name: string
  node_type_id: string
  min_idle_instances?: number
  max_capacity?: number
  idle_instance_autotermination_minutes?: number
  custom_tags?: Record<string, string>
  remote_disk_throughput?: number
  total_initial_remote_disk_size?: number
  [field: string]: unknown
}

/** GET /api/2.0/instance-pools/list (unpaged). */
export function listInstancePools(
  workspace: DatabricksClient,
  options?: CallOptions,
): AsyncGenerator<InstancePoolAndStats> {
  return listUnpaged<InstancePoolAndStats>(workspace, {
    rateClass: 'pools',
    ...options,
    path: `${BASE}/list`,
    itemsKey: 'instance_pools',
  })
}

export function getInstancePool(
  workspace: DatabricksClient,
  request: { instance_pool_id: string },
  options?: CallOptions,
): Promise<InstancePoolAndStats> {
  return workspace.get(`${BASE}/get`, { ...request }, { rateClass: 'pools', ...options })
}

/** POST /api/2.0/instance-pools/edit → {}. Idempotent. */
export async function editInstancePool(
  workspace: DatabricksClient,
  request: EditInstancePool,
  options?: CallOptions,
): Promise<void> {
  await workspace.post(`${BASE}/edit`, request, { rateClass: 'pools', ...options })
}
