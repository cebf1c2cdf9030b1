import { listApps, startApp, stopApp, type App } from '../databricks/apps.js'
import { collect } from '../databricks/pagination.js'
import { computeRules, observeCompute, type ComputeRules, type ComputeState } from './compute.js'
import type { Observed, Resource } from './resource.js'

const RUNNING = new Set(['STARTING', 'ACTIVE', 'UPDATING'])

const rules: ComputeRules = { noun: 'app', running: RUNNING, stoppedState: 'STOPPED' }

function observe(app: App): Observed<ComputeState> {
  return observeCompute(rules, app.name, app.name, app.compute_status?.state ?? 'UNKNOWN')
}

/** Databricks Apps: compute stopped on stop; started again only with --restart-compute. */
export const apps: Resource<ComputeState> = {
  kind: 'apps',
  optionalFeature: true,
  startedBy: [],
  sweep: true,

  list: async (ctx) => (await collect(listApps(ctx.clients.workspace))).map(observe),
  ...computeRules(rules),

  async halt(ctx, item) {
    await stopApp(ctx.clients.workspace, item.id)
  },

  describe: (state) => state.state,

  async write(ctx, record) {
    await startApp(ctx.clients.workspace, record.id)
  },

  drained: (item) => ['STOPPED', 'ERROR'].includes(item.state.state),
}
