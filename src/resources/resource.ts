import type { Face } from '../wording.js'
import type { Logger } from '../logger.js'
import type { ItemOutcome } from '../report.js'
import type { ResourceKind, Settings } from '../settings.js'
import type { DatabricksClient } from '../databricks/client.js'

/**
 * The one interface every resource kind implements (docs/adr/0005-resource-interface.md). The
 * engine owns ordering, snapshots, merging, reporting and concurrency; a kind only knows how to read
 * its objects, what "halted" means for one, and how to write one value back.
 */

/** The clients a kind may use: the workspace host, and the account host when it is in scope. */
export interface Clients {
  workspace: DatabricksClient
  account?: DatabricksClient
}

export interface ResourceContext {
  clients: Clients
  settings: Settings
  logger: Logger
  workspaceId: string
}

/** One object as listed now. `state` is the part halt changes and restore compares (JSON only). */
export interface Observed<S> {
  id: string
  name: string
  state: S
  /** Running / unpaused / assigned: what `show --active` lists. */
  active: boolean
  /** Short human description of the state, e.g. "schedule UNPAUSED" or "RUNNING". */
  detail: string
  /** Why this item is left alone (e.g. the `databricks-halt: keep` tag). */
  kept?: string
  /** Stopped through something else (a SQL warehouse's cluster with its warehouse): not halted. */
  handledBy?: string
  /** The whole REST object when a write needs more than `state` (etags, required fields). */
  raw?: unknown
}

/** A recorded change: `before` = pre-halt value, `after` = what the stop set. */
export interface Recorded<S> {
  id: string
  name: string
  before: S
  after: S
}

export interface RestoreOptions {
  force: boolean
  restartCompute: boolean
  /** Who runs it, for the options a detail names (src/wording.ts). */
  face?: Face
}

/**
 * What restore does with one recorded item. `write` is the value to put back (absent: nothing to
 * write), and what verify then waits to see (kinds with `matches`). A conflict may still write the
 * blocks of the item that are as the stop left them (jobs judge each top-level block on its own).
 */
export interface RestoreDecision<S> {
  outcome: Extract<ItemOutcome, 'changed' | 'unchanged' | 'left_off' | 'conflict' | 'gone'>
  detail: string
  write?: S
}

export interface Resource<S = unknown> {
  readonly kind: ResourceKind
  /**
   * Stop order by dependency (docs/adr/0012-order-by-dependency.md): the kinds whose items can
   * start this kind's items again (a schedule, a trigger, a run). This kind's items are halted as
   * soon as every one of those kinds in scope is done; kinds with none start at once. Kinds that
   * do not wait for each other run side by side (different rate classes).
   */
  readonly startedBy: readonly ResourceKind[]
  /** The starters of one item, when a kind's items differ (owned clusters wait for their runs). */
  startedByOf?(item: Observed<S>): readonly ResourceKind[]
  /**
   * Access removal: runs alongside everything else in its own rate class and holds nothing back;
   * when it ends, the final sweep re-lists the `sweep` kinds.
   */
  readonly access?: boolean
  /**
   * Compute a still-assigned user can start during a stop: listed again once access removal has
   * ended, and whatever is running then is recorded and halted too (the final sweep).
   */
  readonly sweep?: boolean
  /**
   * A feature the workspace may lack (apps, serving, vector search, alerts v2, Lakeview): a list
   * answered FEATURE_DISABLED or 404 ENDPOINT_NOT_FOUND makes the kind "not available", not failed.
   */
  readonly optionalFeature?: boolean
  /** Listed and warned about, never changed (no stop API). */
  readonly reportOnly?: boolean
  /**
   * Items that appear after the listing and that restore leaves alone anyway (runs a schedule
   * fired before its pause, the JOB cluster of such a run): the kind is listed again once the
   * `after` kinds are done, and the new items `accept` takes are halted too, unrecorded.
   */
  readonly late?: { after: readonly ResourceKind[]; accept(item: Observed<S>): boolean }

  list(ctx: ResourceContext): Promise<Observed<S>[]>
  /** The value a stop sets, or undefined when there is nothing to do (already halted). */
  halted(item: Observed<S>): S | undefined
  /** The part of the current state to record as the pre-halt value (default: all of it). */
  recordedBefore?(state: S, after: S): S
  halt(ctx: ResourceContext, item: Observed<S>, after: S): Promise<void>
  /**
   * Decide, from the record and the item as listed now (undefined = not listed any more), what
   * restore does. Pure, so a dry run shows exactly what a restore would do.
   */
  decideRestore(
    record: Recorded<S>,
    current: Observed<S> | undefined,
    options: RestoreOptions,
  ): RestoreDecision<S>
  /**
   * Restore: the records whose target is there but must not be written to now (a principal
   * deactivated in the account since the stop), each with why; they are reported `gone`. Read
   * once for the whole kind before anything is decided, so a dry run shows them too.
   */
  goneNow?(ctx: ResourceContext, records: readonly Recorded<S>[]): Promise<Map<string, string>>
  /** Write a value decided by decideRestore. */
  write(
    ctx: ResourceContext,
    record: Recorded<S>,
    value: S,
    current: Observed<S> | undefined,
  ): Promise<void>
  /**
   * Whether `current` shows `expected`. Kinds that have it get their restore writes checked by
   * re-reading until it holds (eventually consistent APIs).
   */
  matches?(current: Observed<S> | undefined, expected: S): boolean
  /**
   * Whether a failed write says its own target is gone (default: a not-found answer naming the
   * id, `isTargetMissing`). A kind whose API names the target another way says so here.
   */
  targetMissing?(error: unknown, id: string): boolean
  /** stop --wait: whether the item has fully stopped (no compute left behind). */
  drained?(item: Observed<S>): boolean
  /**
   * Whether a record is a change this kind's stop could have made; undefined if so, else why not,
   * naming the field. Pure. Restore refuses the whole snapshot (and stop will not merge with it)
   * when any record fails, so a snapshot never gives back more than a stop took away. A kind
   * without it never records anything restore could apply.
   */
  checkRecord?(record: Recorded<S>): string | undefined
  /**
   * Stop twice: the part of an earlier record whose item is still as that stop left it, or
   * undefined when nothing is. Default: the whole record if `matches(current, after)` (without
   * `matches`: if the item is listed and has nothing left to halt). Jobs keep block by block.
   */
  stillHalted?(record: Recorded<S>, current: Observed<S> | undefined): Recorded<S> | undefined
  /** Describe a recorded value for reports (e.g. "schedule UNPAUSED"). */
  describe(state: S): string
  /**
   * Stop twice: combine an earlier record with this stop's, earliest pre-halt value winning.
   * Default: the earlier `before`, the later `after`. Kinds with independent blocks merge per block.
   */
  merge?(
    earlier: { before: unknown; after: unknown },
    later: { before: unknown; after: unknown },
  ): {
    before: unknown
    after: unknown
  }
  /** Adjust items using other kinds' listings (runs of kept jobs are kept). */
  refine?(items: Observed<S>[], inventory: Inventory): void
}

export type Inventory = Partial<Record<ResourceKind, Observed<unknown>[]>>

export const KEEP_TAG = 'databricks-halt'
export const KEEP_VALUE = 'keep'
