import type { CallOptions, DatabricksClient } from './client.js'
import { listUnpaged } from './pagination.js'

/** Model serving endpoints: report only (the REST API has no stop). */

const BASE = '/api/2.0/serving-endpoints'

export interface ServingEndpoint {
  name: string
  id?: string
  creator?: string
  task?: string
  tags?: Array<{ key: string; value?: string }>
  config?: { served_entities?: Array<Record<string, unknown>>; traffic_config?: unknown }
  state?: { ready?: 'READY' | 'NOT_READY'; config_update?: string }
  [field: string]: unknown
}

export function listServingEndpoints(
  workspace: DatabricksClient,
  options?: CallOptions,
): AsyncGenerator<ServingEndpoint> {
  return listUnpaged<ServingEndpoint>(workspace, {
    rateClass: 'other',
    ...options,
    path: BASE,
    itemsKey: 'endpoints',
  })
}
