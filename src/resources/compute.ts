import type { Observed, Recorded, RestoreDecision, RestoreOptions } from './resource.js'

/** The recorded state of something that runs: clusters, warehouses, pipelines, apps. */
export interface ComputeState {
  state: string
  /** Pipelines: whether it runs continuously (only those are started again). */
  continuous?: boolean
}

export interface ComputeRules {
  /** What to call it in messages, e.g. "cluster". */
  noun: string
  /** The state restore may start from (TERMINATED, STOPPED). */
  stoppedState: string
  /** Whether a recorded pre-halt value means "was running, start it again on --restart-compute". */
  wasRunning(before: ComputeState): boolean
  isRunning(state: string): boolean
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
  if (!rules.wasRunning(record.before)) {
    return { outcome: 'unchanged', detail: `was ${record.before.state}; not started` }
  }
  if (rules.isRunning(now)) return { outcome: 'unchanged', detail: `already ${now}` }
  if (!options.restartCompute) {
    return {
      outcome: 'left_off',
      detail: `left ${now} (was ${record.before.state}); --restart-compute starts it`,
    }
  }
  if (now !== rules.stoppedState) {
    return { outcome: 'left_off', detail: `still ${now}; not started (run restore again later)` }
  }
  return { outcome: 'changed', detail: `${now} → starting`, write: record.before }
}
