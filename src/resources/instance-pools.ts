import {
  editInstancePool,
  listInstancePools,
  type EditInstancePool,
  type InstancePoolAndStats,
} from '../databricks/instance-pools.js'
import { collect } from '../databricks/pagination.js'
import {
  clone,
  decideWholeRestore,
  deepEqual,
  differingKeys,
  isObject,
  hasKeepTag,
  KEEP_REASON,
  matchesWhole,
  type WholeValue,
} from './compare.js'
import type { Observed, Recorded, Resource } from './resource.js'

/**
 * Fields instance-pools/edit accepts (databricks-sdk-go `compute.EditInstancePool`). All are
 * resent as read: an omitted one may revert to its default.
 */
const EDITABLE = [
  'instance_pool_name',
  'node_type_id',
  'min_idle_instances',
  'max_capacity',
  'idle_instance_autotermination_minutes',
  'custom_tags',
  'remote_disk_throughput',
  'total_initial_remote_disk_size',
] as const

export type PoolState = Partial<Record<(typeof EDITABLE)[number], unknown>>

interface PoolExtra {
  idle: number
}

function editable(pool: InstancePoolAndStats): PoolState {
  const state: PoolState = {}
  for (const field of EDITABLE) if (pool[field] !== undefined) state[field] = clone(pool[field])
  return state
}

const num = (v: unknown): number => (typeof v === 'number' ? v : 0)

/** Minimum and autotermination both 0: idle instances go at once, returned ones too. */
const drainSet = (s: PoolState): boolean =>
  num(s.min_idle_instances) === 0 && s.idle_instance_autotermination_minutes === 0

/**
 * Active: it keeps instances warm (a minimum), holds idle ones, or has used or pending ones while
 * its autotermination is not 0: those come back as idle when their clusters terminate and then
 * stay for the autotermination time (often 60 minutes), VMs and NICs in the subnet. With minimum
 * and autotermination 0 (drained), used instances go as soon as their clusters stop: the clusters
 * are what is active then (a kept cluster may hold them for the whole halt).
 */
function observe(pool: InstancePoolAndStats): Observed<PoolState> & { raw: PoolExtra } {
  const state = editable(pool)
  const idle = num(pool.stats?.idle_count) + num(pool.stats?.pending_idle_count)
  const used = num(pool.stats?.used_count) + num(pool.stats?.pending_used_count)
  return {
    id: pool.instance_pool_id,
    name: pool.instance_pool_name ?? pool.instance_pool_id,
    state,
    active: num(state.min_idle_instances) > 0 || idle > 0 || (used > 0 && !drainSet(state)),
    detail: `min_idle ${num(state.min_idle_instances)}, idle ${idle}, used ${used}, autoterm ${num(state.idle_instance_autotermination_minutes)} min`,
    raw: { idle },
    ...(hasKeepTag(pool.custom_tags) ? { kept: KEEP_REASON } : {}),
  }
}

const describe = (state: PoolState): string =>
  `min_idle ${num(state.min_idle_instances)}, autoterm ${num(state.idle_instance_autotermination_minutes)} min`

const whole: WholeValue<PoolState> = {
  noun: 'pool',
  edited: 'edited',
  same: deepEqual,
  show: describe,
}

/**
 * Instance pools: idle instances keep NICs in the subnet, so the halt sets min_idle_instances 0
 * and idle_instance_autotermination_minutes 0 (drop idle instances at once, including those the
 * pool's clusters return as they stop), resending every other editable field unchanged; restore
 * puts both back. `--wait` waits until no idle (or pending idle) instance is left. The whole editable config is one block:
 * any other edit during the halt is a conflict.
 */
export const instancePools: Resource<PoolState> = {
  kind: 'instance_pools',
  startedBy: [],

  list: async (ctx) =>
    (await collect(listInstancePools(ctx.clients.workspace)))
      .filter((pool) => pool.state !== 'DELETED')
      .map(observe),

  /**
   * Minimum 0 and autotermination 0, before the clusters stop (stage 1), so the instances they
   * return are released at once. Nothing to write when both are 0 already (still active only
   * while its clusters run: they drain it as they stop).
   */
  halted(item) {
    if (!item.active) return undefined
    if (drainSet(item.state)) return undefined
    return { ...clone(item.state), min_idle_instances: 0, idle_instance_autotermination_minutes: 0 }
  },

  async halt(ctx, item, after) {
    await edit(ctx.clients.workspace, item.id, after)
  },

  checkRecord: (record) => checkPoolRecord(record),

  describe,

  decideRestore(record, current, options) {
    const decision = decideWholeRestore(whole, record, current, options)
    return decision.write && current
      ? { ...decision, write: drainFieldsOf(record.before, current.state) }
      : decision
  },

  async write(ctx, record, value) {
    await edit(ctx.clients.workspace, record.id, value)
  },

  matches: matchesWhole(whole),
  drained: (item) => (item.raw as PoolExtra | undefined)?.idle === 0,
}

/**
 * What restore writes: the pool as it is now with the two fields the stop set put back. The
 * checked record differs from the stop's value in those fields only, so an unforced restore
 * writes exactly the pre-halt pool; a forced one over a hand edit (or over a forged record)
 * never writes anything else the stop did not take away.
 */
function drainFieldsOf(before: PoolState, now: PoolState): PoolState {
  const out: Record<string, unknown> = clone(now)
  for (const field of ['min_idle_instances', 'idle_instance_autotermination_minutes'] as const) {
    if (before[field] === undefined) delete out[field]
    else out[field] = before[field]
  }
  return out as PoolState
}

function edit(workspace: Parameters<typeof editInstancePool>[0], id: string, state: PoolState) {
  // The halt's zeros are in `state` explicitly (an omitted field means "unset" to this API); a
  // field the pool never had stays omitted on restore, as it was.
  return editInstancePool(workspace, { ...clone(state), instance_pool_id: id } as EditInstancePool)
}

/** The fields a halt sets on a pool (to 0); every other field is resent unchanged. */
const IDLE_FIELDS = ['min_idle_instances', 'idle_instance_autotermination_minutes'] as const

/**
 * A pool record: before and after differ only in the idle fields, which the halt set to 0, so a
 * restore can never change a pool's name, node type, capacity or tags.
 */
export function checkPoolRecord(record: Recorded<unknown>): string | undefined {
  const { before, after } = record
  if (!isObject(before) || !isObject(after)) return 'before/after: not pool settings'
  const other = differingKeys(before, after, IDLE_FIELDS)
  if (other.length > 0)
    return `${other[0]}: differs between before and after (a halt changes only ${IDLE_FIELDS.join(' and ')})`
  for (const field of IDLE_FIELDS) {
    if (after[field] !== undefined && after[field] !== 0) return `after.${field}: must be 0`
    const was = before[field]
    if (was !== undefined && !(typeof was === 'number' && Number.isInteger(was) && was >= 0))
      return `before.${field}: not a count`
  }
  return undefined
}
