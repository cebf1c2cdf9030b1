import type { CallOptions, DatabricksClient } from './client.js'
import type { PauseStatus } from './jobs.js'
import { paginateToken } from './pagination.js'

/** AI/BI (Lakeview) dashboards and their schedules. Schedule writes need the current etag. */

const BASE = '/api/2.0/lakeview/dashboards'

export interface Dashboard {
  dashboard_id: string
  display_name?: string
  warehouse_id?: string
  lifecycle_state?: 'ACTIVE' | 'TRASHED'
  [field: string]: unknown
}

export interface Schedule {
  schedule_id: string
  dashboard_id?: string
  cron_schedule: { quartz_cron_expression: string; timezone_id: string }
  pause_status?: PauseStatus
  warehouse_id?: string
  display_name?: string
  etag?: string
  [field: string]: unknown
}

export function listDashboards(
  workspace: DatabricksClient,
  request: { page_size?: number; show_trashed?: boolean } = {},
  options?: CallOptions,
): AsyncGenerator<Dashboard> {
  return paginateToken<Dashboard>(workspace, {
    rateClass: 'other',
    ...options,
    path: BASE,
    query: { page_size: 100, ...request },
    itemsKey: 'dashboards',
  })
}

export function listSchedules(
  workspace: DatabricksClient,
  dashboardId: string,
  options?: CallOptions,
): AsyncGenerator<Schedule> {
  return paginateToken<Schedule>(workspace, {
    rateClass: 'other',
    ...options,
    path: `${BASE}/${encodeURIComponent(dashboardId)}/schedules`,
    query: { page_size: 100 },
    itemsKey: 'schedules',
  })
}

export function getSchedule(
  workspace: DatabricksClient,
  dashboardId: string,
  scheduleId: string,
  options?: CallOptions,
): Promise<Schedule> {
  return workspace.get(
    `${BASE}/${encodeURIComponent(dashboardId)}/schedules/${encodeURIComponent(scheduleId)}`,
    undefined,
    { rateClass: 'other', ...options },
  )
}

/** PUT …/schedules/{schedule_id} with the whole schedule and its current etag. */
export function updateSchedule(
  workspace: DatabricksClient,
  dashboardId: string,
  schedule: Schedule,
  options?: CallOptions,
): Promise<Schedule> {
  return workspace.put(
    `${BASE}/${encodeURIComponent(dashboardId)}/schedules/${encodeURIComponent(schedule.schedule_id)}`,
    schedule,
    { rateClass: 'other', ...options },
  )
}
