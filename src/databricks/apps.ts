import type { CallOptions, DatabricksClient } from './client.js'
import { isInvalidState } from './errors.js'
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

/**
 * POST …/{name}/stop → the App. Stopping a stopped app is INVALID_STATE; when that answer comes
 * to a retry, the first attempt (whose answer was lost) did it, so the current App is returned.
 */
export function stopApp(
  workspace: DatabricksClient,
  name: string,
  options?: CallOptions,
): Promise<App> {
  return appAction(workspace, name, 'stop', options)
}

/** POST …/{name}/start → the App (re-runs the last active deployment). Retry-tolerant as stopApp. */
export function startApp(
  workspace: DatabricksClient,
  name: string,
  options?: CallOptions,
): Promise<App> {
  return appAction(workspace, name, 'start', options)
}

async function appAction(
  workspace: DatabricksClient,
  name: string,
  action: 'stop' | 'start',
  options?: CallOptions,
): Promise<App> {
  try {
    return await workspace.post<App>(
      `${BASE}/${encodeURIComponent(name)}/${action}`,
      {},
      {
        rateClass: 'apps',
        ...options,
      },
    )
  } catch (e) {
    if (isInvalidState(e) && e.attempts > 1) return getApp(workspace, name, options)
    throw e
  }
}
