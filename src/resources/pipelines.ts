import {
  getPipeline,
  listPipelines,
  startUpdate,
  stopPipeline,
  type PipelineStateInfo,
} from '../databricks/pipelines.js'
import { collect } from '../databricks/pagination.js'
import { mapLimit } from '../util/limit.js'
import { computeRules, observeCompute, type ComputeRules, type ComputeState } from './compute.js'
import type { Observed, Resource, ResourceContext } from './resource.js'

const RUNNING = new Set(['DEPLOYING', 'STARTING', 'RUNNING', 'RESETTING', 'RECOVERING'])

/**
 * Only continuous pipelines are started again: triggered ones are started by their (restored)
 * jobs or schedules, and starting one by hand would run an update nobody asked for.
 */
const rules: ComputeRules = {
  noun: 'pipeline',
  running: RUNNING,
  stoppedState: 'IDLE',
  restartable: (before) => before.continuous === true,
}

function observe(p: PipelineStateInfo): Observed<ComputeState> {
  return observeCompute(rules, p.pipeline_id, p.name ?? p.pipeline_id, p.state ?? 'UNKNOWN')
}

/** `continuous` is only in the pipeline's spec: read it for the running ones (few), not all. */
async function withContinuous(ctx: ResourceContext, item: Observed<ComputeState>): Promise<void> {
  if (!item.active) return
  const details = await getPipeline(ctx.clients.workspace, item.id)
  item.state.continuous = details.spec?.continuous === true
  if (item.state.continuous) item.detail = `${item.detail} (continuous)`
}

/** Lakeflow declarative pipelines: stopped on stop; continuous ones restarted on --restart-compute. */
export const pipelines: Resource<ComputeState> = {
  kind: 'pipelines',
  // Triggered pipelines are scheduled through jobs (pipeline tasks).
  startedBy: ['jobs'],
  sweep: true,

  async list(ctx) {
    const out = (await collect(listPipelines(ctx.clients.workspace))).map(observe)
    await mapLimit(out, ctx.settings.maxConcurrency, (item) => withContinuous(ctx, item))
    return out
  },

  ...computeRules(rules),

  async halt(ctx, item) {
    await stopPipeline(ctx.clients.workspace, item.id)
  },

  describe: (state) => `${state.state}${state.continuous ? ' (continuous)' : ''}`,

  async write(ctx, record) {
    await startUpdate(ctx.clients.workspace, record.id, { full_refresh: false })
  },

  drained: (item) => !RUNNING.has(item.state.state) && item.state.state !== 'STOPPING',
}
