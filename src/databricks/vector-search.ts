import type { CallOptions, DatabricksClient } from './client.js'
import { paginateToken } from './pagination.js'

/** Vector search endpoints: report only (the only write, DELETE, destroys indexes). */

const BASE = '/api/2.0/vector-search/endpoints'

export interface EndpointInfo {
  name: string
  id?: string
  endpoint_type?: 'STANDARD' | 'STORAGE_OPTIMIZED'
  endpoint_status?: { state?: string; message?: string }
  num_indexes?: number
  creator?: string
  scaling_info?: { requested_target_qps?: number; state?: string }
  [field: string]: unknown
}

export function listEndpoints(
  workspace: DatabricksClient,
  options?: CallOptions,
): AsyncGenerator<EndpointInfo> {
  return paginateToken<EndpointInfo>(workspace, {
    rateClass: 'other',
    ...options,
    path: BASE,
    itemsKey: 'endpoints',
  })
}
