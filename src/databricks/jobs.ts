import type { CallOptions, DatabricksClient } from './client.js'
import { paginateJobs } from './pagination.js'

/** Jobs API 2.2. Ids are int64 decimal strings; top-level settings blocks are replaced whole on update. */

const BASE = '/api/2.2/jobs'

export type PauseStatus = 'PAUSED' | 'UNPAUSED'

export interface CronSchedule {
  quartz_cron_expression: string
  timezone_id: string
  pause_status?: PauseStatus
  [field: string]: unknown
}

/** file_arrival / table_update / periodic / model config travels with pause_status. */
export interface TriggerSettings {
  pause_status?: PauseStatus
  file_arrival?: Record<string, unknown>
  table_update?: Record<string, unknown>
  periodic?: { interval: number; unit: string }
  model?: Record<string, unknown>
  [field: string]: unknown
}

export interface Continuous {
  pause_status?: PauseStatus
  task_retry_mode?: 'NEVER' | 'ON_FAILURE'
  [field: string]: unknown
}

export interface JobSettings {
  name?: string
  schedule?: CronSchedule
  trigger?: TriggerSettings
  continuous?: Continuous
  /** Preview "multiple triggers". */
  triggers?: Array<TriggerSettings & { schedule?: CronSchedule; continuous?: Continuous }>
  tags?: Record<string, string>
  [field: string]: unknown
}

export interface Job {
  job_id: string
  creator_user_name?: string
  run_as_user_name?: string
  created_time?: number
  settings?: JobSettings
  trigger_state?: Record<string, unknown>
  has_more?: boolean
}

export interface ListJobsRequest {
  /** 1..100; default 100 here (the API's default is 20). */
  limit?: number
  name?: string
  expand_tasks?: boolean
}

/** GET /api/2.2/jobs/list, every page. */
export function listJobs(
  workspace: DatabricksClient,
  request: ListJobsRequest = {},
  options?: CallOptions,
): AsyncGenerator<Job> {
  return paginateJobs<Job>(workspace, {
    rateClass: 'jobs_read',
    ...options,
    path: `${BASE}/list`,
    query: { limit: 100, ...request },
    itemsKey: 'jobs',
  })
}

/** GET /api/2.2/jobs/get. Missing jobs answer 400 INVALID_PARAMETER_VALUE (see isNotFound). */
export function getJob(
  workspace: DatabricksClient,
  request: { job_id: string; page_token?: string; include_trigger_state?: boolean },
  options?: CallOptions,
): Promise<Job & { next_page_token?: string }> {
  return workspace.get(`${BASE}/get`, { ...request }, { rateClass: 'jobs_read', ...options })
}

export interface UpdateJob {
  job_id: string
  /** Top-level fields given here replace the job's fields whole: send each block complete. */
  new_settings?: JobSettings
  fields_to_remove?: string[]
}

/** POST /api/2.2/jobs/update → {}. Idempotent. */
export async function updateJob(
  workspace: DatabricksClient,
  request: UpdateJob,
  options?: CallOptions,
): Promise<void> {
  await workspace.post(`${BASE}/update`, request, { rateClass: 'jobs_write', ...options })
}

export interface RunState {
  life_cycle_state?: string
  result_state?: string
  state_message?: string
  [field: string]: unknown
}

export interface Run {
  run_id: string
  job_id?: string
  run_name?: string
  run_type?: 'JOB_RUN' | 'WORKFLOW_RUN' | 'SUBMIT_RUN'
  start_time?: number
  end_time?: number
  trigger?: string
  state?: RunState
  status?: { state?: string; termination_details?: Record<string, unknown> }
  [field: string]: unknown
}

export interface ListRunsRequest {
  job_id?: string
  active_only?: boolean
  completed_only?: boolean
  /** 1..25; default 25 here. */
  limit?: number
  run_type?: 'JOB_RUN' | 'WORKFLOW_RUN' | 'SUBMIT_RUN'
  start_time_from?: number
  start_time_to?: number
}

/** GET /api/2.2/jobs/runs/list, every page (newest first). */
export function listRuns(
  workspace: DatabricksClient,
  request: ListRunsRequest = {},
  options?: CallOptions,
): AsyncGenerator<Run> {
  return paginateJobs<Run>(workspace, {
    rateClass: 'runs',
    ...options,
    path: `${BASE}/runs/list`,
    query: { limit: 25, ...request },
    itemsKey: 'runs',
  })
}

/** POST /api/2.2/jobs/runs/cancel → {} (asynchronous). */
export async function cancelRun(
  workspace: DatabricksClient,
  request: { run_id: string },
  options?: CallOptions,
): Promise<void> {
  await workspace.post(`${BASE}/runs/cancel`, request, { rateClass: 'runs', ...options })
}

/** POST /api/2.2/jobs/runs/cancel-all: a job's active runs, or with all_queued_runs every queued run. */
export async function cancelAllRuns(
  workspace: DatabricksClient,
  request: { job_id?: string; all_queued_runs?: boolean },
  options?: CallOptions,
): Promise<void> {
  await workspace.post(`${BASE}/runs/cancel-all`, request, { rateClass: 'runs', ...options })
}
