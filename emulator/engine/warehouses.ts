/** SQL warehouse lifecycle: asynchronous, idempotent start and stop. */
import type { EmulatorCore } from '../core.js'
import type { Obj } from '../http/router.js'
import type { WorkspaceState } from '../state/workspace.js'
import { invalidState } from '../http/errors.js'
import { transition } from './timers.js'

export function stopWarehouse(core: EmulatorCore, ws: WorkspaceState, wh: Obj): void {
  if (wh.state === 'STOPPED' || wh.state === 'STOPPING') return
  wh.state = 'STOPPING'
  transition(core, ws, `warehouse:${wh.id}`, () => {
    wh.state = 'STOPPED'
    wh.num_clusters = 0
    wh.num_active_sessions = 0
  })
}

export function startWarehouse(core: EmulatorCore, ws: WorkspaceState, wh: Obj): void {
  if (wh.state === 'RUNNING' || wh.state === 'STARTING') return
  // Strict reading of an unconfirmed behaviour: a start while stopping is rejected.
  if (wh.state === 'STOPPING') throw invalidState(`Warehouse ${wh.id} is stopping; retry later.`)
  if (wh.state === 'DELETED' || wh.state === 'DELETING') {
    throw invalidState(`Warehouse ${wh.id} is deleted.`)
  }
  wh.state = 'STARTING'
  transition(core, ws, `warehouse:${wh.id}`, () => {
    wh.state = 'RUNNING'
    wh.num_clusters = Math.max(1, wh.min_num_clusters ?? 1)
  })
}

/** What a firing alert or dashboard schedule does to its warehouse: wake it. */
export function wakeWarehouse(
  core: EmulatorCore,
  ws: WorkspaceState,
  id: string | undefined,
): void {
  const wh = id ? ws.warehouses.get(id) : undefined
  if (wh && wh.state === 'STOPPED') startWarehouse(core, ws, wh)
}
