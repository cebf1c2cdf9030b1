import { command, option } from '../wording.js'
import { differingKeys, isObject } from './compare.js'
import type { Observed, Recorded, Resource, RestoreDecision, RestoreOptions } from './resource.js'

/** The recorded state of something that runs: clusters, warehouses, pipelines, apps. */
export interface ComputeState {
  state: string
  /** Pipelines: whether it runs continuously (only those are started again). */
  continuous?: boolean
}

export interface ComputeRules {
  /** What to call it in messages, e.g. "cluster". */
  noun: string
  /** The states that count as running: a recorded one means "was running" to restore. */
  running: ReadonlySet<string>
  /** The state a stop leads to, and the only one restore may start from (TERMINATED, STOPPED). */
  stoppedState: string
  /** Whether an item that was running may be started again at all (default: yes). */
  restartable?(before: ComputeState): boolean
}

/**
 * checkRecord for compute: `before` was running (`wasRunning`, default: one of the running states),
 * `after` is the stopped state, and nothing else differs. A restore only ever starts it again.
 */
export function checkComputeRecord(
  rules: ComputeRules,
  record: Recorded<unknown>,
  wasRunning: (state: string) => boolean = (s) => rules.running.has(s),
): string | undefined {
  const { before, after } = record
  if (!isObject(before) || !isObject(after)) return 'before/after: not a compute state'
  if (typeof before.state !== 'string' || !wasRunning(before.state))
    return `state: before is ${String(before.state)}, not a running state`
  if (after.state !== rules.stoppedState) return `state: after must be ${rules.stoppedState}`
  const other = differingKeys(before, after, ['state'])
  return other.length > 0 ? `${other[0]}: differs between before and after` : undefined
}

/** The value a stop sets: the stopped state when the item is running, else nothing to do. */
export function haltedCompute<S extends ComputeState>(
  rules: ComputeRules,
  item: Observed<S>,
): S | undefined {
  return rules.running.has(item.state.state)
    ? { ...item.state, state: rules.stoppedState }
    : undefined
}

/**
 * Compute is never started again unless asked (--restart-compute), as the original tool did:
 * starting costs money and NICs, and the person restoring may want to check the network first.
 * With the flag, exactly what stop found running is started, if it is still stopped.
 */
export function decideComputeRestore(
  rules: ComputeRules,
  record: Recorded<ComputeState>,
  current: Observed<ComputeState> | undefined,
  options: RestoreOptions,
): RestoreDecision<ComputeState> {
  if (!current) return { outcome: 'gone', detail: `${rules.noun} no longer exists` }
  const now = current.state.state
  const before = record.before
  if (!rules.running.has(before.state) || rules.restartable?.(before) === false) {
    return { outcome: 'unchanged', detail: `was ${before.state}; not started` }
  }
  if (rules.running.has(now)) return { outcome: 'unchanged', detail: `already ${now}` }
  if (!options.restartCompute) {
    return {
      outcome: 'left_off',
      detail: `left ${now} (was ${before.state}); ${option(options.face, 'restartCompute')} starts it`,
    }
  }
  if (now !== rules.stoppedState) {
    return {
      outcome: 'left_off',
      detail: `still ${now}; not started (run ${command(options.face, 'restore', option(options.face, 'restartCompute'))} again later)`,
    }
  }
  return { outcome: 'changed', detail: `${now} → starting`, write: before }
}

/** A compute item as listed: active while in one of the running states. */
export function observeCompute(
  rules: ComputeRules,
  id: string,
  name: string,
  state: string,
): Observed<ComputeState> {
  return { id, name, state: { state }, active: rules.running.has(state), detail: state }
}

/** What every compute kind does the same way: stop what runs, restart only on request. */
export function computeRules(
  rules: ComputeRules,
): Pick<Resource<ComputeState>, 'halted' | 'decideRestore' | 'checkRecord'> {
  return {
    halted: (item) => haltedCompute(rules, item),
    checkRecord: (record) => checkComputeRecord(rules, record),
    decideRestore: (record, current, options) =>
      decideComputeRestore(rules, record, current, options),
  }
}
