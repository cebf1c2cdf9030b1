import type { CallOptions, DatabricksClient } from './client.js'
import { paginateToken } from './pagination.js'

/** SQL warehouses. start/stop are idempotent and asynchronous. */

const BASE = '/api/2.0/sql/warehouses'

export type WarehouseState =
  'STARTING' | 'RUNNING' | 'STOPPING' | 'STOPPED' | 'DELETING' | 'DELETED'

export interface EndpointInfo {
  id: string
  name?: string
  state?: WarehouseState
  cluster_size?: string
  min_num_clusters?: number
  max_num_clusters?: number
  num_clusters?: number
  num_active_sessions?: number
  auto_stop_mins?: number
  enable_serverless_compute?: boolean
  warehouse_type?: 'CLASSIC' | 'PRO' | 'TYPE_UNSPECIFIED'
  creator_name?: string
  health?: { status?: string; summary?: string }
  tags?: { custom_tags?: Array<{ key: string; value: string }> }
  [field: string]: unknown
}

/** GET /api/2.0/sql/warehouses, every page (older servers answer unpaged). */
export function listWarehouses(
  workspace: DatabricksClient,
  request: { page_size?: number } = {},
  options?: CallOptions,
): AsyncGenerator<EndpointInfo> {
  return paginateToken<EndpointInfo>(workspace, {
    rateClass: 'warehouses',
    ...options,
    path: BASE,
    query: { ...request },
    itemsKey: 'warehouses',
  })
}

export function getWarehouse(
  workspace: DatabricksClient,
  id: string,
  options?: CallOptions,
): Promise<EndpointInfo> {
  return workspace.get(`${BASE}/${encodeURIComponent(id)}`, undefined, {
    rateClass: 'warehouses',
    ...options,
  })
}

export async function stopWarehouse(
  workspace: DatabricksClient,
  id: string,
  options?: CallOptions,
): Promise<void> {
  await workspace.post(
    `${BASE}/${encodeURIComponent(id)}/stop`,
    {},
    {
      rateClass: 'warehouses',
      ...options,
    },
  )
}

export async function startWarehouse(
  workspace: DatabricksClient,
  id: string,
  options?: CallOptions,
): Promise<void> {
  await workspace.post(
    `${BASE}/${encodeURIComponent(id)}/start`,
    {},
    {
      rateClass: 'warehouses',
      ...options,
    },
  )
}
