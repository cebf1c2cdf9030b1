import type { ResourceKind } from './settings.js'
import type { SnapshotEntry } from './snapshot/store.js'

/**
 * What a show / stop / restore did, item by item. The CLI prints it as tables or JSON; the Action
 * turns it into outputs, annotations and the job summary. Engine-owned; faces only read it.
 */
export type ItemOutcome =
  | 'active' // show: still running / unpaused / assigned beyond the kept set
  | 'inactive' // show (and stop, for report-only kinds): nothing to halt
  | 'planned' // dry run: would change
  | 'changed' // stop or restore changed it
  | 'already_halted' // stop: nothing to do
  | 'kept' // left alone on purpose (kept principal, caller, `databricks-halt: keep` tag)
  | 'unchanged' // stop: halted through something else; restore: already as before / not selected
  | 'left_off' // restore: compute left off by design (no --restart-compute)
  | 'conflict' // restore: changed by hand during the halt; left alone
  | 'gone' // restore: the item no longer exists
  | 'report_only' // cannot be stopped through the API (serving, vector search)
  | 'not_available' // the workspace lacks the kind's feature (FEATURE_DISABLED): nothing to halt
  | 'failed'
  | 'not_converged' // restore: not visible by the verify deadline; stop --wait: still running

/** Every outcome, in the order reports list them. */
export const ITEM_OUTCOMES = [
  'active',
  'inactive',
  'planned',
  'changed',
  'already_halted',
  'kept',
  'unchanged',
  'left_off',
  'conflict',
  'gone',
  'report_only',
  'not_available',
  'failed',
  'not_converged',
] as const satisfies readonly ItemOutcome[]

/** Outcomes that need a person: they make a run end with exit code 1. */
export const FAILING_OUTCOMES: ReadonlySet<ItemOutcome> = new Set([
  'failed',
  'conflict',
  'gone',
  'not_converged',
])

export interface ItemReport {
  kind: ResourceKind
  id: string
  name: string
  outcome: ItemOutcome
  /**
   * planned / changed (and failed writes): the state as found and the state set, in the kind's own
   * shape (stop: pre-halt value → halted value; restore: halted value → value put back).
   */
  before?: unknown
  after?: unknown
  /** Short state description, e.g. "schedule UNPAUSED → PAUSED" or "RUNNING". */
  detail?: string
  error?: string
  /** stop --plan: changed although the approved plan did not list it (--on-drift include). */
  unplanned?: boolean
  /** status: active again although the open snapshot halted it, or active and new since the halt. */
  drift?: 'came_back' | 'new'
}

/** status: whether a halt is open, which, and how much of it no longer holds. */
export interface StatusReport {
  halted: boolean
  /** The open snapshot (absent when not halted). */
  snapshot?: {
    name: string
    created_at: string
    created_by: string
    kept_principals: string[]
    /** Items the halt recorded. */
    items: number
  }
  /** Active items beyond the kept set: came back plus new. */
  drift?: number
  /** Per kind, only kinds with drift. */
  kinds?: Partial<Record<ResourceKind, { came_back: number; new: number }>>
}

/**
 * Active items per kind before and after a stop or restore (not for show). "After" counts what the
 * run changed, so asynchronous stops (a cluster still terminating) count as off; a dry run counts
 * what it would change.
 */
export type Census = Partial<Record<ResourceKind, { before: number; after: number }>>

/** One subnet of a VNet-injected workspace: its prefixes and the NICs still attached to it. */
export interface SubnetReport {
  /** host (customPublicSubnetName) or container (customPrivateSubnetName). */
  role: 'host' | 'container'
  name: string
  id: string
  prefixes: string[]
  nics: { nic: string; vm?: string; privateIp?: string }[]
  verdict: 'empty' | 'not_empty'
}

/** `network --verify-ranges`: where a fresh probe cluster's NICs landed. */
export interface ProbeReport {
  result: 'pass' | 'fail'
  clusterId?: string
  clusterName: string
  /** Each of the probe's NICs: its private IP, the subnet it names, and whether the IP lies in it. */
  ips: { nic: string; ip: string; subnet: string; inRange: boolean }[]
  /** The prefixes of the workspace's subnets when the probe ran. */
  prefixes: string[]
  /** The probe cluster was permanently deleted at the end (false: the note says what is left). */
  deleted: boolean
  /** Probe clusters of earlier, interrupted runs that this run deleted. */
  leftoversRemoved: string[]
  note?: string
}

/**
 * The Azure side (network mode, stop --check-subnets): read through Azure Resource Manager.
 * `skipped` = no Azure sign-in or not an Azure workspace; `failed` = ARM could not be read.
 */
export interface NetworkReport {
  status: 'checked' | 'skipped' | 'failed'
  note?: string
  verdict: 'empty' | 'not_empty' | 'unknown'
  workspaceResourceId?: string
  vnetInjected?: boolean
  vnetId?: string
  managedResourceGroupId?: string
  subnets: SubnetReport[]
  /** Without VNet injection: the managed resource group's VMs and NICs. */
  managed?: { vms: number; nics: number }
  probe?: ProbeReport
}

export interface Report {
  mode: 'show' | 'stop' | 'restore' | 'network' | 'status'
  dryRun: boolean
  workspaceId: string
  workspaceUrl: string
  accountId?: string
  caller?: { id: string; userName: string; displayName?: string }
  startedAt: string
  finishedAt: string
  snapshot?: SnapshotEntry
  /** --dry-run --plan-out: the plan written. */
  planOut?: { path: string; items: number; checksum: string }
  /** --plan: the saved plan this run applied. */
  plan?: { path: string; createdAt: string; createdBy: string; items: number; unplanned: number }
  /** status: the halt's state (see StatusReport). */
  status?: StatusReport
  items: ItemReport[]
  /** Human-readable warnings (also emitted while running). */
  warnings: string[]
  counts: Record<ItemOutcome, number>
  census?: Census
  /** network mode and stop --check-subnets: the subnets through Azure Resource Manager. */
  network?: NetworkReport
  /** 0 done, 1 some items failed / conflicted / did not converge, (2 usage and 3 safety are thrown). */
  exitCode: 0 | 1
}
