import { alerts } from './alerts.js'
import { apps } from './apps.js'
import { clusters } from './clusters.js'
import { dashboardSchedules } from './dashboard-schedules.js'
import { instancePools } from './instance-pools.js'
import { jobRuns } from './job-runs.js'
import { jobs } from './jobs.js'
import { permissionAssignments } from './permission-assignments.js'
import { pipelines } from './pipelines.js'
import { servingEndpoints, vectorSearchEndpoints } from './report-only.js'
import type { Resource } from './resource.js'
import { warehouses } from './warehouses.js'

/**
 * Every kind, in the order reports list them (the stop orders by `startedBy`). Adding a kind = one module, one line here and its
 * name in RESOURCE_KINDS (settings.ts); see docs/adr/0005-resource-interface.md.
 */
export const RESOURCES: readonly Resource[] = [
  permissionAssignments,
  jobs,
  alerts,
  dashboardSchedules,
  jobRuns,
  pipelines,
  clusters,
  warehouses,
  instancePools,
  apps,
  servingEndpoints,
  vectorSearchEndpoints,
] as unknown as readonly Resource[]
