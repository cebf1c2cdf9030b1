/** The route tables of the account server and of each workspace server. */
import { Router } from '../http/router.js'
import { accountScimRoutes, workspaceScimRoutes } from './scim.js'
import { assignmentRoutes } from './assignments.js'
import { accountOidcRoutes, workspaceOidcRoutes } from './oidc.js'
import { jobRoutes } from './jobs.js'
import { runRoutes } from './runs.js'
import { clusterRoutes } from './clusters.js'
import { warehouseRoutes } from './warehouses.js'
import { poolRoutes } from './pools.js'
import { pipelineRoutes } from './pipelines.js'
import { appRoutes } from './apps.js'
import { endpointRoutes } from './endpoints.js'
import { alertRoutes } from './alerts.js'
import { dashboardRoutes } from './dashboards.js'

export function accountRouter(): Router {
  const r = new Router()
  accountScimRoutes(r)
  assignmentRoutes(r)
  accountOidcRoutes(r)
  return r
}

export function workspaceRouter(): Router {
  const r = new Router()
  workspaceOidcRoutes(r)
  workspaceScimRoutes(r)
  jobRoutes(r)
  runRoutes(r)
  clusterRoutes(r)
  warehouseRoutes(r)
  poolRoutes(r)
  pipelineRoutes(r)
  appRoutes(r)
  endpointRoutes(r)
  alertRoutes(r)
  dashboardRoutes(r)
  return r
}
