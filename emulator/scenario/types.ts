import type { Feature } from '../engine/features.js'
/**
 * The hand-written scenario format (JSON). Objects are in REST API shape; ids may be JSON numbers
 * or decimal strings (load with parseJson to keep ids above 2^53 exact). Anything omitted is empty.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>

export interface ScenarioJson {
  accountId?: string
  /** A user in `users` to act as the admin caller; default: one is added. */
  adminPrincipalId?: string
  /** SCIM shapes: {id, userName, displayName, active?, emails?} */
  users?: Obj[]
  /** {id, displayName, members?: [{value, display?}]} */
  groups?: Obj[]
  /** {id, applicationId, displayName, active?} */
  servicePrincipals?: Obj[]
  /** Principal ids that are account admins (the admin caller always is). */
  accountAdmins?: string[]
  workspaces?: WorkspaceScenario[]
}

export interface WorkspaceScenario {
  workspaceId?: string
  /** `permissions` may hold `UNKNOWN`; `error` is listed as the per-assignment error string. */
  assignments?: { principalId: string; permissions: string[]; error?: string }[]
  jobs?: Obj[]
  runs?: Obj[]
  clusters?: Obj[]
  warehouses?: Obj[]
  instancePools?: Obj[]
  pipelines?: Obj[]
  apps?: Obj[]
  alerts?: Obj[]
  /** Lakeview dashboards; each may carry `schedules: [...]`. */
  dashboards?: Obj[]
  servingEndpoints?: Obj[]
  vectorSearchEndpoints?: Obj[]
  /** Features this workspace lacks (`apps`, `serving`, `vector_search`, `alerts_v2`, `lakeview`). */
  disabledFeatures?: Feature[]
  /** Serve it as a unified host: calls without X-Databricks-Workspace-Id get the login page. */
  unifiedHost?: boolean
  /** false: not identity-federated (the account assignment API refuses it). Default true. */
  identityFederation?: boolean
  /** SCIM users of this workspace's own directory, not in the account (workspace-local). */
  localUsers?: Obj[]
}
