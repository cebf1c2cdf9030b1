/** Versioned timers: re-planning or a newer transition makes older scheduled events no-ops. */
import type { EmulatorCore } from '../core.js'
import type { WorkspaceState } from '../state/workspace.js'

export function bump(ws: WorkspaceState, key: string): number {
  const v = (ws.timerVersions.get(key) ?? 0) + 1
  ws.timerVersions.set(key, v)
  return v
}

/** Run `apply` after `delayMs` of emulator time unless another transition of `key` comes first. */
export function transition(
  core: EmulatorCore,
  ws: WorkspaceState,
  key: string,
  apply: (at: number) => void,
  delayMs = core.transitionMs,
): void {
  const v = bump(ws, key)
  core.clock.after(delayMs, (at) => {
    if (ws.timerVersions.get(key) === v) apply(at)
  })
}

/**
 * Fire `fire` at each time `nextAfter` yields, until `key` is re-armed. Fires missed during a big
 * clock jump collapse into one (the real scheduler does not catch up either).
 */
export function arm(
  core: EmulatorCore,
  ws: WorkspaceState,
  key: string,
  version: number,
  nextAfter: (t: number) => number | undefined,
  fire: (at: number) => void,
  from = core.now(),
): void {
  const next = nextAfter(from)
  if (next === undefined) return
  core.clock.at(next, (at) => {
    if (ws.timerVersions.get(key) !== version) return
    fire(at)
    arm(core, ws, key, version, nextAfter, fire, Math.max(at, core.clock.wallNow()))
  })
}
