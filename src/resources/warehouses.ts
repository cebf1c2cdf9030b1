import {
  listWarehouses,
  startWarehouse,
  stopWarehouse,
  type EndpointInfo,
} from '../databricks/warehouses.js'
import { collect } from '../databricks/pagination.js'
import { hasKeepTag, KEEP_REASON } from './compare.js'
import { computeRules, observeCompute, type ComputeRules, type ComputeState } from './compute.js'
import type { Observed, Resource } from './resource.js'

const RUNNING = new Set(['STARTING', 'RUNNING'])

const rules: ComputeRules = { noun: 'warehouse', running: RUNNING, stoppedState: 'STOPPED' }

function observe(w: EndpointInfo): Observed<ComputeState> {
  return {
    ...observeCompute(rules, w.id, w.name ?? w.id, w.state ?? 'UNKNOWN'),
    ...(hasKeepTag(w.tags?.custom_tags) ? { kept: KEEP_REASON } : {}),
  }
}

/** SQL warehouses: stopped on stop; started again only with --restart-compute. */
export const warehouses: Resource<ComputeState> = {
  kind: 'warehouses',
  // Alerts, dashboard schedules and SQL tasks of jobs wake a warehouse.
  startedBy: ['jobs', 'alerts', 'dashboard_schedules'],
  sweep: true,

  list: async (ctx) => (await collect(listWarehouses(ctx.clients.workspace))).map(observe),
  ...computeRules(rules),

  async halt(ctx, item) {
    await stopWarehouse(ctx.clients.workspace, item.id)
  },

  describe: (state) => state.state,

  async write(ctx, record) {
    await startWarehouse(ctx.clients.workspace, record.id)
  },

  drained: (item) => ['STOPPED', 'DELETED'].includes(item.state.state),
}
