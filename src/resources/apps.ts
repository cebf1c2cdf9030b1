import { listApps, startApp, stopApp, type App } from '../databricks/apps.js'
import { decideComputeRestore, type ComputeRules, type ComputeState } from './compute.js'
import type { Observed, Resource } from './resource.js'

const RUNNING = new Set(['STARTING', 'ACTIVE', 'UPDATING'])

const rules: ComputeRules = {
  noun: 'app',
  stoppedState: 'STOPPED',
  wasRunning: (before) => RUNNING.has(before.state),
  isRunning: (state) => RUNNING.has(state),
}

function observe(app: App): Observed<ComputeState> {
  const state = app.compute_status?.state ?? 'UNKNOWN'
  return {
    id: app.name,
    name: app.name,
    state: { state },
    active: RUNNING.has(state),
    detail: state,
  }
}

/** Databricks Apps: compute stopped on stop; started again only with --restart-compute. */
export const apps: Resource<ComputeState> = {
  kind: 'apps',
  stage: 1,

  async list(ctx) {
    const out: Observed<ComputeState>[] = []
    for await (const app of listApps(ctx.clients.workspace)) out.push(observe(app))
    return out
  },

  halted: (item) => (RUNNING.has(item.state.state) ? { state: 'STOPPED' } : undefined),

  async halt(ctx, item) {
    await stopApp(ctx.clients.workspace, item.id)
  },

  describe: (state) => state.state,
  decideRestore: (record, current, options) =>
    decideComputeRestore(rules, record, current, options),

  async write(ctx, record) {
    await startApp(ctx.clients.workspace, record.id)
  },

  drained: (item) => ['STOPPED', 'ERROR'].includes(item.state.state),
}
