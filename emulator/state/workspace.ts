/** One workspace's live state: REST-shaped objects keyed by their API id. */
import type { Feature } from '../engine/features.js'
import type { Obj } from '../http/router.js'

export interface Assignment {
  principal: Obj
  permissions: string[]
  /** Per-assignment error string, as the list API sometimes reports. */
  error?: string
}

export interface PendingAssignment {
  assignment: Assignment
  /** Emulator time at which it becomes listed and effective. */
  visibleAt: number
}

export class WorkspaceState {
  assignments = new Map<string, Assignment>()
  /** PUTs not yet visible (the real service is eventually consistent). */
  pendingAssignments = new Map<string, PendingAssignment>()
  jobs = new Map<string, Obj>()
  runs = new Map<string, Obj>()
  clusters = new Map<string, Obj>()
  warehouses = new Map<string, Obj>()
  instancePools = new Map<string, Obj>()
  pipelines = new Map<string, Obj>()
  apps = new Map<string, Obj>()
  alerts = new Map<string, Obj>()
  dashboards = new Map<string, Obj>()
  /** Lakeview schedules per dashboard id, keyed by schedule_id. */
  dashboardSchedules = new Map<string, Map<string, Obj>>()
  servingEndpoints = new Map<string, Obj>()
  vectorSearchEndpoints = new Map<string, Obj>()
  /**
   * Served like a unified (SPOG) host: a request without `X-Databricks-Workspace-Id: <this id>`
   * gets the login page (HTML, status 200), as the real host does.
   */
  unifiedHost = false
  /**
   * Identity federation on: the account permission-assignment API serves this workspace. Off: its
   * calls answer 400 "… not enabled for identity federation …" (routes/assignments.ts).
   */
  identityFederation = true
  /** Users in this workspace's own directory only (not in the account): SCIM Users lists them too. */
  localUsers = new Map<string, Obj>()
  /** Features this workspace lacks: their APIs answer 404 FEATURE_DISABLED (engine/features.ts). */
  disabledFeatures = new Set<Feature>()
  /** Next run number per job (`number_in_job`). */
  runNumbers = new Map<string, number>()
  /** Active run ids per job id (index kept by the engine). */
  activeRuns = new Map<string, Set<string>>()
  /** Version per timer/transition key; a stale scheduled event sees a newer version and does nothing. */
  timerVersions = new Map<string, number>()
  /** Next id for runs the clock creates. */
  nextRunId = 1n
  /** Next sequence for clusters the clock creates. */
  nextClusterSeq = 1

  constructor(
    readonly workspaceId: string,
    public url: string,
  ) {}
}
