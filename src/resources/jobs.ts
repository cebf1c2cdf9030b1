import type { DatabricksClient } from '../databricks/client.js'
import { getJob, listJobs, updateJob, type Job, type JobSettings } from '../databricks/jobs.js'
import { collect } from '../databricks/pagination.js'
import {
  checkPausedOnly,
  clone,
  deepEqual,
  hasKeepTag,
  isObject,
  KEEP_REASON,
  pauseOf,
  withPauseStatus,
} from './compare.js'
import type { Observed, Recorded, Resource } from './resource.js'

/** The top-level settings blocks that start a job by themselves. */
const JOB_BLOCKS = ['schedule', 'trigger', 'continuous', 'triggers'] as const
export type JobBlock = (typeof JOB_BLOCKS)[number]
/** Whole blocks, exactly as the API returned them (only pause_status is ever changed). */
export type JobState = Partial<Record<JobBlock, unknown>>

type Block = Record<string, unknown>

function isUnpaused(name: JobBlock, block: unknown): boolean {
  if (block === undefined || block === null) return false
  if (name === 'triggers') return Array.isArray(block) && block.some((t) => pauseOf(t) !== 'PAUSED')
  return pauseOf(block) !== 'PAUSED'
}

/** The block resent whole with only pause_status set (a trigger keeps its file_arrival…). */
function paused(name: JobBlock, block: unknown): unknown {
  if (name === 'triggers')
    return (block as Block[]).map((t) => ({ ...clone(t), pause_status: 'PAUSED' }))
  return { ...clone(block as Block), pause_status: 'PAUSED' }
}

/** An omitted pause_status means UNPAUSED: compare blocks with it spelled out. */
function normalized(name: JobBlock, block: unknown): unknown {
  return name === 'triggers' && Array.isArray(block)
    ? block.map((t) => withPauseStatus(t))
    : withPauseStatus(block)
}

const sameBlock = (name: JobBlock, a: unknown, b: unknown): boolean =>
  deepEqual(normalized(name, a), normalized(name, b))

function blocksOf(settings: JobSettings | undefined): JobState {
  const state: JobState = {}
  for (const name of JOB_BLOCKS)
    if (settings?.[name] !== undefined) state[name] = clone(settings[name])
  return state
}

function describe(state: JobState): string {
  const parts = JOB_BLOCKS.filter((b) => state[b] !== undefined).map((b) =>
    b === 'triggers'
      ? `triggers[${(Array.isArray(state[b]) ? state[b] : []).map(pauseOf).join(',')}]`
      : `${b} ${pauseOf(state[b])}`,
  )
  return parts.join(', ') || 'no schedule or trigger'
}

/** One job as listed: its blocks, whether any starts it, and the keep tag. */
export function observe(job: Job): Observed<JobState> {
  const state = blocksOf(job.settings)
  return {
    id: job.job_id,
    name: job.settings?.name ?? `job ${job.job_id}`,
    state,
    active: JOB_BLOCKS.some((b) => isUnpaused(b, state[b])),
    detail: describe(state),
    ...(hasKeepTag(job.settings?.tags) ? { kept: KEEP_REASON } : {}),
  }
}

/**
 * Jobs: every unpaused schedule, trigger, continuous block and triggers[] array is paused by
 * resending the block whole with pause_status PAUSED (jobs/update replaces top-level blocks whole,
 * so a partial block would lose the cron or the file-arrival config). Each block is recorded,
 * merged and judged on its own.
 */
export const jobs: Resource<JobState> = {
  kind: 'jobs',
  startedBy: [],

  list: async (ctx) => (await collect(listJobs(ctx.clients.workspace))).map(observe),

  halted(item) {
    const after: JobState = {}
    for (const name of JOB_BLOCKS) {
      if (isUnpaused(name, item.state[name])) after[name] = paused(name, item.state[name])
    }
    return Object.keys(after).length > 0 ? after : undefined
  },

  recordedBefore(state, after) {
    const before: JobState = {}
    for (const name of JOB_BLOCKS) if (after[name] !== undefined) before[name] = state[name]
    return before
  },

  checkRecord: (record) => checkJobRecord(record),

  stillHalted(record, current) {
    if (!current) return undefined
    const names = JOB_BLOCKS.filter(
      (b) => b in record.after && sameBlock(b, current.state[b], record.after[b]),
    )
    if (names.length === 0) return undefined
    return { ...record, before: pick(record.before, names), after: pick(record.after, names) }
  },

  async halt(ctx, item, after) {
    await updateBlocks(ctx.clients.workspace, item.id, after)
  },

  describe,

  merge(earlier, later) {
    const e = earlier as { before: JobState; after: JobState }
    const l = later as { before: JobState; after: JobState }
    return { before: { ...l.before, ...e.before }, after: { ...e.after, ...l.after } }
  },

  decideRestore(record, current, options) {
    if (!current) return { outcome: 'gone', detail: 'job no longer exists' }
    const write: JobState = {}
    const conflicts: string[] = []
    const already: string[] = []
    for (const name of JOB_BLOCKS) {
      if (!(name in record.before)) continue
      const now = current.state[name]
      if (sameBlock(name, now, record.before[name])) already.push(name)
      else if (options.force || sameBlock(name, now, record.after[name]))
        write[name] = record.before[name]
      else conflicts.push(name)
    }
    const restored = Object.keys(write)
    const parts = [
      restored.length ? `${describe(write)} restored` : '',
      conflicts.length
        ? `${conflicts.join(', ')} changed during the halt (now ${describe(pick(current.state, conflicts))}); left as edited`
        : '',
      already.length && !restored.length && !conflicts.length
        ? `already ${describe(pick(current.state, already))}`
        : '',
    ].filter(Boolean)
    const outcome = conflicts.length ? 'conflict' : restored.length ? 'changed' : 'unchanged'
    return {
      outcome,
      detail: parts.join('; '),
      ...(restored.length ? { write } : {}),
    }
  },

  async write(ctx, record, value) {
    await updateBlocks(ctx.clients.workspace, record.id, value)
  },

  matches(current, expected) {
    if (!current) return false
    return JOB_BLOCKS.every((b) => !(b in expected) || sameBlock(b, current.state[b], expected[b]))
  },
}

/**
 * jobs/update with whole blocks. A `triggers` array has no key field, and the reference only says
 * that arrays "are merged" by `task_key` / `job_cluster_key`: a service that appends keyless
 * entries would leave every trigger twice, the unpaused originals included. So a `triggers` write
 * is re-read: if the array is not exactly what was sent, it is removed (`fields_to_remove`) and
 * sent again, then checked once more; still wrong is a failure naming what is left.
 */
async function updateBlocks(ws: DatabricksClient, jobId: string, value: JobState): Promise<void> {
  await updateJob(ws, { job_id: jobId, new_settings: value as JobSettings })
  if (value.triggers === undefined) return
  if (sameBlock('triggers', await readTriggers(ws, jobId), value.triggers)) return
  await updateJob(ws, { job_id: jobId, fields_to_remove: ['triggers'] })
  await updateJob(ws, { job_id: jobId, new_settings: { triggers: value.triggers } as JobSettings })
  const now = await readTriggers(ws, jobId)
  if (sameBlock('triggers', now, value.triggers)) return
  throw new Error(
    `triggers of job ${jobId} are not as sent after jobs/update: ${describe({ triggers: now })} ` +
      `(sent ${describe({ triggers: value.triggers })}); check the job's triggers by hand`,
  )
}

async function readTriggers(ws: DatabricksClient, jobId: string): Promise<unknown> {
  return (await getJob(ws, { job_id: jobId })).settings?.triggers
}

function pick(state: JobState, names: readonly string[]): JobState {
  return Object.fromEntries(names.map((n) => [n, state[n as JobBlock]])) as JobState
}

/**
 * A job record: the same blocks in before and after, each one only paused (triggers[] element by
 * element), so a restore can only unpause what the stop paused, never change a cron or a trigger.
 */
export function checkJobRecord(record: Recorded<unknown>): string | undefined {
  const { before, after } = record
  if (!isObject(before) || !isObject(after)) return 'before/after: not job settings blocks'
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])]
  for (const name of names) {
    if (!(JOB_BLOCKS as readonly string[]).includes(name))
      return `${name}: not a block a halt pauses (${JOB_BLOCKS.join(', ')})`
    if (!(name in before) || !(name in after))
      return `${name}: recorded in only one of before and after`
    const problem =
      name === 'triggers'
        ? checkTriggers(before[name], after[name])
        : checkPausedOnly(before[name], after[name], `${name}.`)
    if (problem) return problem
  }
  return names.length === 0 ? 'no block recorded' : undefined
}

function checkTriggers(before: unknown, after: unknown): string | undefined {
  if (!Array.isArray(before) || !Array.isArray(after) || before.length !== after.length)
    return 'triggers: before and after must be arrays of the same length'
  for (let i = 0; i < before.length; i++) {
    const b: unknown = before[i]
    const a: unknown = after[i]
    if (!isObject(b) || !isObject(a)) return `triggers[${i}]: not an object`
    const { pause_status: _b, ...restB } = b
    const { pause_status: _a, ...restA } = a
    if (!deepEqual(restB, restA)) return `triggers[${i}]: differs in more than pause_status`
    if (pauseOf(a) !== 'PAUSED') return `triggers[${i}].pause_status: after must be PAUSED`
  }
  return before.some((t) => pauseOf(t) !== 'PAUSED') ? undefined : 'triggers: none was unpaused'
}
