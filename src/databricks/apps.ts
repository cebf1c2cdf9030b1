import type { CallOptions, DatabricksClient } from './client.js'
import { paginateToken } from './pagination.js'

/** Databricks Apps. start/stop are asynchronous and return the App. */

const BASE = '/api/2.0/apps'

export type ComputeState =
  'STARTING' | 'ACTIVE' | 'UPDATING' | 'STOPPING' | 'STOPPED' | 'DELETING' | 'ERROR'

export interface App {
  name: string
  id?: string
  url?: string
  creator?: string
  compute_size?: string
  compute_status?: { state?: ComputeState; message?: string; active_instances?: number }
  app_status?: { state?: string; message?: string }
  active_deployment?: Record<string, unknown>
  pending_deployment?: Record<string, unknown>
  [field: string]: unknown
}

export function listApps(
  workspace: DatabricksClient,
  request: { page_size?: number } = {},
  options?: CallOptions,
): AsyncGenerator<App> {
  return paginateToken<App>(workspace, {
    rateClass: 'apps',
    ...options,
    path: BASE,
    query: { ...request },
    itemsKey: 'apps',
  })
}

export function getApp(
  workspace: DatabricksClient,
  name: string,
  options?: CallOptions,
): Promise<App> {
  return workspace.get(`${BASE}/${encodeURIComponent(name)}`, undefined, {
    rateClass: 'apps',
    ...options,
  })
}

export function stopApp(
  workspace: DatabricksClient,
  name: string,
  options?: CallOptions,
): Promise<App> {
  return workspace.post(
    `${BASE}/${encodeURIComponent(name)}/stop`,
    {},
    {
      rateClass: 'apps',
      ...options,
    },
  )
}

export function startApp(
  workspace: DatabricksClient,
  name: string,
  options?: CallOptions,
): Promise<App> {
  return workspace.post(
    `${BASE}/${encodeURIComponent(name)}/start`,
    {},
    {
      rateClass: 'apps',
      ...options,
    },
  )
}
