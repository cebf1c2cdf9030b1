import {
  listWarehouses,
  startWarehouse,
  stopWarehouse,
  type EndpointInfo,
} from '../databricks/warehouses.js'
import { collect } from '../databricks/pagination.js'
import { hasKeepTag, KEEP_REASON } from './compare.js'
import {
  decideComputeRestore,
  haltedCompute,
  type ComputeRules,
  type ComputeState,
} from './compute.js'
import type { Observed, Resource } from './resource.js'

const RUNNING = new Set(['STARTING', 'RUNNING'])

const rules: ComputeRules = { noun: 'warehouse', running: RUNNING, stoppedState: 'STOPPED' }

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

  list: async (ctx) => (await collect(listWarehouses(ctx.clients.workspace))).map(observe),
  halted: (item) => haltedCompute(rules, item),

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
