import {
  listWarehouses,
  startWarehouse,
  stopWarehouse,
  type EndpointInfo,
} from '../databricks/warehouses.js'
import { hasKeepTag, KEEP_REASON } from './compare.js'
import { decideComputeRestore, type ComputeRules, type ComputeState } from './compute.js'
import type { Observed, Resource } from './resource.js'

const RUNNING = new Set(['STARTING', 'RUNNING'])

const rules: ComputeRules = {
  noun: 'warehouse',
  stoppedState: 'STOPPED',
  wasRunning: (before) => RUNNING.has(before.state),
  isRunning: (state) => RUNNING.has(state),
}

function observe(w: EndpointInfo): Observed<ComputeState> {
  const state = w.state ?? 'UNKNOWN'
  return {
    id: w.id,
    name: w.name ?? w.id,
    state: { state },
    active: RUNNING.has(state),
    detail: state,
    ...(hasKeepTag(w.tags?.custom_tags) ? { kept: KEEP_REASON } : {}),
  }
}

/** SQL warehouses: stopped on stop; started again only with --restart-compute. */
export const warehouses: Resource<ComputeState> = {
  kind: 'warehouses',
  stage: 2,

  async list(ctx) {
    const out: Observed<ComputeState>[] = []
    for await (const w of listWarehouses(ctx.clients.workspace)) out.push(observe(w))
    return out
  },

  halted: (item) => (RUNNING.has(item.state.state) ? { state: 'STOPPED' } : undefined),

  async halt(ctx, item) {
    await stopWarehouse(ctx.clients.workspace, item.id)
  },

  describe: (state) => state.state,
  decideRestore: (record, current, options) =>
    decideComputeRestore(rules, record, current, options),

  async write(ctx, record) {
    await startWarehouse(ctx.clients.workspace, record.id)
  },

  drained: (item) => ['STOPPED', 'DELETED'].includes(item.state.state),
}
