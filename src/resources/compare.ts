import {
  KEEP_TAG,
  KEEP_VALUE,
  type Inventory,
  type Observed,
  type Recorded,
  type RestoreDecision,
  type RestoreOptions,
} from './resource.js'

/** Structural equality of JSON values; key order does not matter, array order does. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a)) {
    const other = b as unknown[]
    return a.length === other.length && a.every((v, i) => deepEqual(v, other[i]))
  }
  const ra = a as Record<string, unknown>
  const rb = b as Record<string, unknown>
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)])
  // An absent key and an undefined value are the same thing once written as JSON.
  for (const key of keys) if (!deepEqual(ra[key], rb[key])) return false
  return true
}

/** A plain JSON object (not null, not an array): what a recorded value must be to be read. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Top-level keys whose values differ between two objects (absent = undefined). */
export function differingKeys(
  a: Record<string, unknown>,
  b: Record<string, unknown>,
  ignore: readonly string[] = [],
): string[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()
  return keys.filter((k) => !ignore.includes(k) && !deepEqual(a[k], b[k]))
}

/**
 * checkRecord for a value a stop only paused: before and after are objects equal but for
 * pause_status, after is PAUSED and before was not. `path` prefixes the field names.
 */
export function checkPausedOnly(before: unknown, after: unknown, path = ''): string | undefined {
  if (!isObject(before) || !isObject(after)) return `${path || 'before/after'}: not an object`
  const other = differingKeys(before, after, ['pause_status'])
  if (other.length > 0)
    return `${path}${other[0]}: differs between before and after (a halt changes only pause_status)`
  if (pauseOf(after) !== 'PAUSED') return `${path}pause_status: after must be PAUSED`
  if (pauseOf(before) === 'PAUSED') return `${path}pause_status: before was already PAUSED`
  return undefined
}

/** A schedule's or trigger's pause status: an omitted one means UNPAUSED. */
export function pauseOf(block: unknown): string {
  return String(
    (block as { pause_status?: unknown } | null | undefined)?.pause_status ?? 'UNPAUSED',
  )
}

/** The block with its pause_status spelled out, so an omitted one compares equal to UNPAUSED. */
export function withPauseStatus<T>(block: T): T {
  if (block === undefined || block === null) return block
  return { ...(block as object), pause_status: pauseOf(block) } as T
}

/** A JSON-safe deep copy (snapshots must not share objects with live listings). */
export function clone<T>(value: T): T {
  return value === undefined ? value : structuredClone(value)
}

/**
 * Whether tags carry `databricks-halt: keep`. Tags come as a map (jobs, clusters, pools) or as
 * `[{key, value}]` (warehouses' `tags.custom_tags`).
 */
export function hasKeepTag(...tagSets: unknown[]): boolean {
  return tagSets.some((tags) => {
    if (Array.isArray(tags)) {
      return tags.some(
        (t) =>
          typeof t === 'object' &&
          t !== null &&
          (t as { key?: unknown }).key === KEEP_TAG &&
          String((t as { value?: unknown }).value).toLowerCase() === KEEP_VALUE,
      )
    }
    if (tags && typeof tags === 'object') {
      const value = (tags as Record<string, unknown>)[KEEP_TAG]
      return typeof value === 'string' && value.toLowerCase() === KEEP_VALUE
    }
    return false
  })
}

export const KEEP_REASON = `tagged ${KEEP_TAG}: ${KEEP_VALUE}`

/** Ids of the jobs left alone: their runs and clusters are left alone too. */
export function keptJobIds(inventory: Inventory): Set<string> {
  return new Set((inventory.jobs ?? []).filter((j) => j.kept).map((j) => j.id))
}

/** How a kind whose recorded value goes back whole compares and shows it. */
export interface WholeValue<S> {
  /** What the item is, for "… no longer exists". */
  noun: string
  /** How a hand edit is told, for "… during the halt": e.g. "edited". */
  edited: string
  same(a: S, b: S): boolean
  show(state: S): string
  /** How the current value is shown in a conflict (default: show). */
  showNow?(state: S): string
}

/**
 * Restore of one recorded value put back whole: as the stop left it → the pre-halt value back;
 * already as before → nothing; edited by hand during the halt → conflict, left as edited.
 */
export function decideWholeRestore<S>(
  value: WholeValue<S>,
  record: Recorded<S>,
  current: Observed<S> | undefined,
  options: RestoreOptions,
): RestoreDecision<S> {
  if (!current) return { outcome: 'gone', detail: `${value.noun} no longer exists` }
  if (value.same(current.state, record.before)) {
    return { outcome: 'unchanged', detail: `already ${value.show(record.before)}` }
  }
  if (!options.force && !value.same(current.state, record.after)) {
    const now = (value.showNow ?? value.show)(current.state)
    return {
      outcome: 'conflict',
      detail: `${value.edited} during the halt (now ${now}); left as edited`,
    }
  }
  const detail = `${value.show(current.state)} → ${value.show(record.before)}`
  return { outcome: 'changed', detail, write: record.before }
}

/** Whether the item as listed now shows the value written (restore's verify). */
export function matchesWhole<S>(value: WholeValue<S>) {
  return (current: Observed<S> | undefined, expected: S): boolean =>
    current !== undefined && value.same(current.state, expected)
}
