import { cancelRun, listRuns, type Run } from '../databricks/jobs.js'
import { collect } from '../databricks/pagination.js'
import { differingKeys, isObject, keptJobIds } from './compare.js'
import type { Observed, Resource } from './resource.js'

export interface RunState {
  life_cycle_state: string
  job_id?: string
}

const FINISHING = new Set(['TERMINATING', 'TERMINATED', 'SKIPPED', 'INTERNAL_ERROR'])

function observe(run: Run): Observed<RunState> {
  const lifeCycle = run.state?.life_cycle_state ?? run.status?.state ?? 'UNKNOWN'
  return {
    id: run.run_id,
    name: run.run_name ?? `run ${run.run_id}`,
    state: { life_cycle_state: lifeCycle, ...(run.job_id ? { job_id: run.job_id } : {}) },
    active: !FINISHING.has(lifeCycle),
    detail: lifeCycle,
  }
}

/**
 * Active job runs: cancelled as soon as the jobs are paused, so a schedule cannot start a
 * replacement; listed again just before cancelling to catch runs fired since the first listing.
 * Recorded for the report only: restore does not restart runs.
 */
export const jobRuns: Resource<RunState> = {
  kind: 'job_runs',
  // A schedule, trigger or continuous block fires runs: cancel them once those are paused.
  startedBy: ['jobs'],
  sweep: true,
  late: { after: ['jobs'], accept: () => true },

  list: async (ctx) =>
    (await collect(listRuns(ctx.clients.workspace, { active_only: true }))).map(observe),

  refine(items, inventory) {
    const keptJobs = keptJobIds(inventory)
    for (const run of items) {
      if (run.state.job_id && keptJobs.has(run.state.job_id))
        run.kept = `run of kept job ${run.state.job_id}`
    }
  },

  halted: (item) => (item.active ? { ...item.state, life_cycle_state: 'TERMINATED' } : undefined),

  async halt(ctx, item) {
    await cancelRun(ctx.clients.workspace, { run_id: item.id })
  },

  describe: (state) => state.life_cycle_state,

  // Never restarted, but a record is still checked: only the life cycle state may differ.
  checkRecord({ before, after }) {
    if (!isObject(before) || !isObject(after)) return 'before/after: not a run state'
    if (after.life_cycle_state !== 'TERMINATED') return 'life_cycle_state: after must be TERMINATED'
    const other = differingKeys(before, after, ['life_cycle_state'])
    return other.length > 0 ? `${other[0]}: differs between before and after` : undefined
  },

  decideRestore: () => ({
    outcome: 'left_off',
    detail: 'cancelled runs are not restarted; jobs start new runs on their next trigger',
  }),

  async write() {
    // Nothing to write: runs are never restarted.
  },

  drained: () => false,
}
