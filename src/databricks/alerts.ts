import type { CallOptions, DatabricksClient } from './client.js'
import type { PauseStatus } from './jobs.js'
import { paginateToken } from './pagination.js'

/** SQL alerts v2: the only alert API with a schedule that can be paused. */

const BASE = '/api/2.0/alerts'

export interface CronSchedule {
  quartz_cron_schedule: string
  timezone_id: string
  pause_status?: PauseStatus
}

export interface AlertV2 {
  id: string
  display_name?: string
  warehouse_id?: string
  lifecycle_state?: 'ACTIVE' | 'DELETED'
  schedule?: CronSchedule
  owner_user_name?: string
  [field: string]: unknown
}

export function listAlerts(
  workspace: DatabricksClient,
  request: { page_size?: number } = {},
  options?: CallOptions,
): AsyncGenerator<AlertV2> {
  return paginateToken<AlertV2>(workspace, {
    rateClass: 'other',
    ...options,
    path: BASE,
    query: { page_size: 100, ...request },
    itemsKey: 'alerts',
  })
}

export function getAlert(
  workspace: DatabricksClient,
  id: string,
  options?: CallOptions,
): Promise<AlertV2> {
  return workspace.get(`${BASE}/${encodeURIComponent(id)}`, undefined, {
    rateClass: 'other',
    ...options,
  })
}

/**
 * PATCH /api/2.0/alerts/{id}?update_mask=schedule with the whole schedule block (cron, time zone
 * and pause status) as the body's `schedule`: a top-level mask, as the SDKs send it (the body is
 * the AlertV2 object: databricks-sdk-go service/sql/impl.go `alertsV2Impl.UpdateAlert`).
 */
export function updateAlertPauseStatus(
  workspace: DatabricksClient,
  id: string,
  schedule: CronSchedule,
  options?: CallOptions,
): Promise<AlertV2> {
  return workspace.patch(
    `${BASE}/${encodeURIComponent(id)}`,
    { schedule },
    { update_mask: 'schedule' },
    { rateClass: 'other', ...options },
  )
}
