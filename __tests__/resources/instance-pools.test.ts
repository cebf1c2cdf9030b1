import { describe, expect, it } from '@jest/globals'
import {
  checkPoolRecord,
  instancePools as pools,
  type PoolState,
} from '../../src/resources/instance-pools.js'
import type { Observed, RestoreOptions } from '../../src/resources/resource.js'
import { useKindApi } from './kind-api.js'

const api = useKindApi()

const LIST = 'GET /api/2.0/instance-pools/list'
/** A pool as the API lists it. */
const pool = (
  id: string,
  settings: Record<string, unknown>,
  stats?: Record<string, number>,
  extra: Record<string, unknown> = {},
) => ({
  instance_pool_id: id,
  state: 'ACTIVE',
  ...settings,
  ...(stats ? { stats } : {}),
  ...extra,
})
const listed = async (...list: Record<string, unknown>[]) => {
  api.routes.set(LIST, { instance_pools: list })
  return pools.list(api.ctx)
}
/** Whether a pool with these settings and stats is active. */
const activeOf = async (settings: Record<string, unknown>, stats: Record<string, number>) =>
  (await listed(pool('p', settings, stats)))[0].active

const item = (state: PoolState, active = true, idle = 0): Observed<PoolState> => ({
  id: 'p1',
  name: 'p1',
  state,
  active,
  detail: '',
  raw: { idle },
})
const options = (o: Partial<RestoreOptions> = {}): RestoreOptions => ({
  force: false,
  restartCompute: false,
  ...o,
})

describe('instance pools: listing', () => {
  it('records exactly the editable fields the pool has, and counts its instances', async () => {
    const items = await listed(
      pool(
        'p1',
        {
          instance_pool_name: 'etl',
          node_type_id: 'Standard_DS3_v2',
          min_idle_instances: 2,
          max_capacity: 50,
          idle_instance_autotermination_minutes: 30,
          custom_tags: { team: 'etl' },
          remote_disk_throughput: 250,
          total_initial_remote_disk_size: 500,
        },
        { idle_count: 2, pending_idle_count: 1, used_count: 4, pending_used_count: 3 },
        { default_tags: { Vendor: 'Databricks' }, preloaded_spark_versions: ['15.4'] },
      ),
      pool('p2', {}),
      pool('p3', { min_idle_instances: 1, custom_tags: { 'databricks-halt': 'keep' } }),
      pool('gone', { min_idle_instances: 3 }, undefined, { state: 'DELETED' }),
    )
    expect(items).toStrictEqual([
      {
        id: 'p1',
        name: 'etl',
        state: {
          instance_pool_name: 'etl',
          node_type_id: 'Standard_DS3_v2',
          min_idle_instances: 2,
          max_capacity: 50,
          idle_instance_autotermination_minutes: 30,
          custom_tags: { team: 'etl' },
          remote_disk_throughput: 250,
          total_initial_remote_disk_size: 500,
        },
        active: true,
        detail: 'min_idle 2, idle 3, used 7, autoterm 30 min',
        raw: { idle: 3 },
      },
      {
        id: 'p2',
        name: 'p2',
        state: {},
        active: false,
        detail: 'min_idle 0, idle 0, used 0, autoterm 0 min',
        raw: { idle: 0 },
      },
      {
        id: 'p3',
        name: 'p3',
        state: { min_idle_instances: 1, custom_tags: { 'databricks-halt': 'keep' } },
        active: true,
        detail: 'min_idle 1, idle 0, used 0, autoterm 0 min',
        raw: { idle: 0 },
        kept: 'tagged databricks-halt: keep',
      },
    ])
  })

  it('is active while it keeps a minimum, holds idle instances, or will get used ones back', async () => {
    const keeps = { min_idle_instances: 0, idle_instance_autotermination_minutes: 30 }
    const drains = { min_idle_instances: 0, idle_instance_autotermination_minutes: 0 }
    expect(await activeOf({ ...keeps, min_idle_instances: 1 }, {})).toBe(true)
    expect(await activeOf(keeps, { idle_count: 1 })).toBe(true)
    expect(await activeOf(drains, { pending_idle_count: 1 })).toBe(true)
    expect(await activeOf(keeps, { used_count: 2 })).toBe(true)
    expect(await activeOf(keeps, { pending_used_count: 1 })).toBe(true)
    expect(await activeOf({ min_idle_instances: 0 }, { used_count: 2 })).toBe(true)
    expect(await activeOf(drains, { used_count: 2 })).toBe(false)
    expect(await activeOf(keeps, {})).toBe(false)
    // A count that is not a number counts as 0 (what the detail shows too).
    expect(await activeOf({ min_idle_instances: '3' }, { used_count: 0 })).toBe(false)
  })

  it('is drained once no idle instance is left', () => {
    expect(pools.drained!(item({}, true, 0))).toBe(true)
    expect(pools.drained!(item({}, true, 2))).toBe(false)
    expect(pools.drained!({ ...item({}), raw: undefined })).toBe(false)
  })
})

describe('instance pools: stop', () => {
  const running = {
    instance_pool_name: 'etl',
    node_type_id: 'n',
    min_idle_instances: 2,
    idle_instance_autotermination_minutes: 30,
    custom_tags: { team: 'etl' },
  }

  it('sets minimum and autotermination 0, resending every other field', () => {
    expect(pools.halted(item(running))).toStrictEqual({
      ...running,
      min_idle_instances: 0,
      idle_instance_autotermination_minutes: 0,
    })
    // Either field alone still set: the other is zeroed too.
    expect(
      pools.halted(item({ min_idle_instances: 2, idle_instance_autotermination_minutes: 0 })),
    ).toStrictEqual({ min_idle_instances: 0, idle_instance_autotermination_minutes: 0 })
    expect(
      pools.halted(item({ min_idle_instances: 0, idle_instance_autotermination_minutes: 5 })),
    ).toStrictEqual({ min_idle_instances: 0, idle_instance_autotermination_minutes: 0 })
    // Active only through its used instances, autotermination omitted: set explicitly.
    expect(pools.halted(item({ min_idle_instances: 0 }))).toStrictEqual({
      min_idle_instances: 0,
      idle_instance_autotermination_minutes: 0,
    })
  })

  it('has nothing to do for a pool already draining, or not active', () => {
    const drains = { min_idle_instances: 0, idle_instance_autotermination_minutes: 0 }
    expect(pools.halted(item(drains, true, 3))).toBeUndefined()
    expect(pools.halted(item({ idle_instance_autotermination_minutes: 0 }, true, 3))).toBe(
      undefined,
    )
    expect(pools.halted(item(running, false))).toBeUndefined()
  })

  it('is a kind of its own, started by nothing', () => {
    expect([pools.kind, pools.startedBy]).toEqual(['instance_pools', []])
    expect(
      pools.describe({ min_idle_instances: 4, idle_instance_autotermination_minutes: 10 }),
    ).toBe('min_idle 4, autoterm 10 min')
    expect(pools.describe({})).toBe('min_idle 0, autoterm 0 min')
  })

  it('writes through instance-pools/edit: the value and the pool id', async () => {
    api.routes.set('POST /api/2.0/instance-pools/edit', {})
    const after = { ...running, min_idle_instances: 0, idle_instance_autotermination_minutes: 0 }
    await pools.halt(api.ctx, item(running), after)
    await pools.write(api.ctx, { id: 'p2', name: 'p2', before: running, after }, running, undefined)
    expect(api.writes().map((r) => [r.path, r.body])).toEqual([
      ['/api/2.0/instance-pools/edit', { ...after, instance_pool_id: 'p1' }],
      ['/api/2.0/instance-pools/edit', { ...running, instance_pool_id: 'p2' }],
    ])
  })
})

describe('instance pools: what restore decides', () => {
  const before = {
    instance_pool_name: 'etl',
    max_capacity: 50,
    min_idle_instances: 2,
    idle_instance_autotermination_minutes: 30,
  }
  const after = { ...before, min_idle_instances: 0, idle_instance_autotermination_minutes: 0 }
  const rec = (b: PoolState = before, a: PoolState = after) => ({
    id: 'p1',
    name: 'etl',
    before: b,
    after: a,
  })

  it('puts the pre-halt pool back when it is as the stop left it', () => {
    expect(pools.decideRestore(rec(), item(after), options())).toStrictEqual({
      outcome: 'changed',
      detail: 'min_idle 0, autoterm 0 min → min_idle 2, autoterm 30 min',
      write: before,
    })
  })

  it('leaves a field the pool never had omitted', () => {
    const { idle_instance_autotermination_minutes: _, ...noAutoterm } = before
    expect(pools.decideRestore(rec(noAutoterm), item(after), options())).toStrictEqual({
      outcome: 'changed',
      detail: 'min_idle 0, autoterm 0 min → min_idle 2, autoterm 0 min',
      write: noAutoterm,
    })
  })

  it('calls a hand edit a conflict, and forced, writes back only the two fields', () => {
    const edited = { ...after, max_capacity: 80 }
    expect(pools.decideRestore(rec(), item(edited), options())).toStrictEqual({
      outcome: 'conflict',
      detail: 'edited during the halt (now min_idle 0, autoterm 0 min); left as edited',
    })
    expect(pools.decideRestore(rec(), item(edited), options({ force: true }))).toStrictEqual({
      outcome: 'changed',
      detail: 'min_idle 0, autoterm 0 min → min_idle 2, autoterm 30 min',
      write: { ...before, max_capacity: 80 },
    })
  })

  it('writes nothing for a pool already as before, or gone', () => {
    expect(pools.decideRestore(rec(), item(before), options())).toStrictEqual({
      outcome: 'unchanged',
      detail: 'already min_idle 2, autoterm 30 min',
    })
    expect(pools.decideRestore(rec(), undefined, options())).toStrictEqual({
      outcome: 'gone',
      detail: 'pool no longer exists',
    })
  })

  it('verifies a write by the whole pool', () => {
    expect(pools.matches!(item(before), before)).toBe(true)
    expect(pools.matches!(item({ ...before, max_capacity: 1 }), before)).toBe(false)
    expect(pools.matches!(undefined, before)).toBe(false)
  })
})

describe('instance pools: what a record may hold', () => {
  const base = { instance_pool_name: 'etl', max_capacity: 50 }
  const check = (before: unknown, after: unknown) =>
    pools.checkRecord!({ id: 'p1', name: 'etl', before, after } as never)

  it('accepts the idle fields zeroed, with counts before, each field set or omitted', () => {
    const zero = { ...base, min_idle_instances: 0, idle_instance_autotermination_minutes: 0 }
    expect(
      check({ ...base, min_idle_instances: 2, idle_instance_autotermination_minutes: 0 }, zero),
    ).toBeUndefined()
    expect(check({ ...base, idle_instance_autotermination_minutes: 60 }, zero)).toBeUndefined()
    expect(check(base, { ...base, min_idle_instances: 0 })).toBeUndefined()
    expect(checkPoolRecord({ id: 'p1', name: 'etl', before: base, after: base })).toBeUndefined()
  })

  it('refuses anything but objects', () => {
    expect(check(null, base)).toBe('before/after: not pool settings')
    expect(check(base, null)).toBe('before/after: not pool settings')
    expect(check([], [])).toBe('before/after: not pool settings')
  })

  it('refuses any other field changed', () => {
    expect(check({ ...base, max_capacity: 100 }, base)).toBe(
      'max_capacity: differs between before and after (a halt changes only min_idle_instances and idle_instance_autotermination_minutes)',
    )
  })

  it('refuses an after that is not 0, and a before that is not a count', () => {
    expect(check(base, { ...base, min_idle_instances: 1 })).toBe(
      'after.min_idle_instances: must be 0',
    )
    expect(check(base, { ...base, idle_instance_autotermination_minutes: '0' })).toBe(
      'after.idle_instance_autotermination_minutes: must be 0',
    )
    for (const bad of [-1, 1.5, '2', null])
      expect(check({ ...base, min_idle_instances: bad }, base)).toBe(
        'before.min_idle_instances: not a count',
      )
    expect(check({ ...base, idle_instance_autotermination_minutes: -5 }, base)).toBe(
      'before.idle_instance_autotermination_minutes: not a count',
    )
  })
})
