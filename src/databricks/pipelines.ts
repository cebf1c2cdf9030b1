import type { CallOptions, DatabricksClient } from './client.js'
import { paginateToken } from './pagination.js'

/** Lakeflow Declarative Pipelines. */

const BASE = '/api/2.0/pipelines'

export type PipelineState =
  | 'DEPLOYING'
  | 'STARTING'
  | 'RUNNING'
  | 'STOPPING'
  | 'RESETTING'
  | 'RECOVERING'
  | 'IDLE'
  | 'FAILED'
  | 'DELETED'

export interface UpdateStateInfo {
  update_id?: string
  state?: string
  creation_time?: string
}

export interface PipelineStateInfo {
  pipeline_id: string
  name?: string
  state?: PipelineState
  health?: string
  cluster_id?: string
  creator_user_name?: string
  run_as_user_name?: string
  latest_updates?: UpdateStateInfo[]
  [field: string]: unknown
}

export interface PipelineSpec {
  id?: string
  name?: string
  continuous?: boolean
  development?: boolean
  serverless?: boolean
  trigger?: Record<string, unknown>
  [field: string]: unknown
}

export interface GetPipelineResponse extends PipelineStateInfo {
  spec?: PipelineSpec
  last_modified?: number
  cause?: string
}

/** GET /api/2.0/pipelines, every page (max_results is capped at 100 by the API). */
export function listPipelines(
  workspace: DatabricksClient,
  request: { filter?: string; order_by?: string[] } = {},
  options?: CallOptions,
): AsyncGenerator<PipelineStateInfo> {
  return paginateToken<PipelineStateInfo>(workspace, {
    rateClass: 'pipelines',
    ...options,
    path: BASE,
    query: { max_results: 100, ...request },
    itemsKey: 'statuses',
  })
}

export function getPipeline(
  workspace: DatabricksClient,
  pipelineId: string,
  options?: CallOptions,
): Promise<GetPipelineResponse> {
  return workspace.get(`${BASE}/${encodeURIComponent(pipelineId)}`, undefined, {
    rateClass: 'pipelines',
    ...options,
  })
}

/** POST …/{id}/stop: cancels the active update; a no-op when none. */
export async function stopPipeline(
  workspace: DatabricksClient,
  pipelineId: string,
  options?: CallOptions,
): Promise<void> {
  await workspace.post(
    `${BASE}/${encodeURIComponent(pipelineId)}/stop`,
    {},
    {
      rateClass: 'pipelines',
      ...options,
    },
  )
}

/**
 * POST …/{id}/updates → {update_id}. Fails while an update is active. Not idempotent (each call
 * starts an update): retried only when it certainly did not run (retry-helper `idempotent`).
 */
export function startUpdate(
  workspace: DatabricksClient,
  pipelineId: string,
  request: { full_refresh?: boolean; cause?: string } = { full_refresh: false },
  options?: CallOptions,
): Promise<{ update_id?: string }> {
  return workspace.post(`${BASE}/${encodeURIComponent(pipelineId)}/updates`, request, {
    rateClass: 'pipelines',
    ...options,
    retry: { idempotent: false, ...options?.retry },
  })
}
