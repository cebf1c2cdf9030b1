import { describe, expect, it } from '@jest/globals'
import type { ComputeState } from '../../src/resources/compute.js'
import type { Observed, RestoreOptions } from '../../src/resources/resource.js'
import { warehouses } from '../../src/resources/warehouses.js'
import { useKindApi } from './kind-api.js'

const api = useKindApi()

const item = (state: string): Observed<ComputeState> => ({
  id: 'w1',
  name: 'w1',
  state: { state },
  active: false,
  detail: state,
})
const options = (o: Partial<RestoreOptions> = {}): RestoreOptions => ({
  force: false,
  restartCompute: true,
  ...o,
})
const rec = (state: string) => ({
  id: 'w1',
  name: 'w1',
  before: { state },
  after: { state: 'STOPPED' },
})

describe('warehouses', () => {
  it('lists each warehouse: running when starting or running, kept by its custom tag', async () => {
    api.routes.set('GET /api/2.0/sql/warehouses', {
      warehouses: [
        { id: 'w1', name: 'bi', state: 'RUNNING' },
        { id: 'w2', state: 'STARTING', tags: {} },
        {
          id: 'w3',
          name: 'etl',
          state: 'STOPPED',
          tags: { custom_tags: [{ key: 'x', value: 'keep' }] },
        },
        {
          id: 'w4',
          name: 'kept',
          state: 'RUNNING',
          tags: { custom_tags: [{ key: 'databricks-halt', value: 'Keep' }] },
        },
        { id: 'w5' },
      ],
    })
    expect(await warehouses.list(api.ctx)).toStrictEqual([
      { id: 'w1', name: 'bi', state: { state: 'RUNNING' }, active: true, detail: 'RUNNING' },
      { id: 'w2', name: 'w2', state: { state: 'STARTING' }, active: true, detail: 'STARTING' },
      { id: 'w3', name: 'etl', state: { state: 'STOPPED' }, active: false, detail: 'STOPPED' },
      {
        id: 'w4',
        name: 'kept',
        state: { state: 'RUNNING' },
        active: true,
        detail: 'RUNNING',
        kept: 'tagged databricks-halt: keep',
      },
      { id: 'w5', name: 'w5', state: { state: 'UNKNOWN' }, active: false, detail: 'UNKNOWN' },
    ])
  })

  it('stops what runs after jobs, alerts and dashboard schedules; drained when stopped or deleted', () => {
    expect(warehouses.halted(item('RUNNING'))).toStrictEqual({ state: 'STOPPED' })
    expect(warehouses.halted(item('STARTING'))).toStrictEqual({ state: 'STOPPED' })
    expect(warehouses.halted(item('STOPPING'))).toBeUndefined()
    expect([warehouses.kind, warehouses.startedBy, warehouses.sweep]).toEqual([
      'warehouses',
      ['jobs', 'alerts', 'dashboard_schedules'],
      true,
    ])
    expect(warehouses.describe({ state: 'STARTING' })).toBe('STARTING')
    expect(
      ['STOPPED', 'DELETED', 'STOPPING', 'RUNNING'].map((s) => warehouses.drained!(item(s))),
    ).toEqual([true, true, false, false])
  })

  it('stops and starts through the warehouse’s own endpoints', async () => {
    api.routes.set('POST /api/2.0/sql/warehouses/w1/stop', {})
    api.routes.set('POST /api/2.0/sql/warehouses/w1/start', {})
    await warehouses.halt(api.ctx, item('RUNNING'), { state: 'STOPPED' })
    await warehouses.write(api.ctx, rec('RUNNING'), { state: 'RUNNING' }, undefined)
    expect(api.writes().map((r) => [r.path, r.body])).toEqual([
      ['/api/2.0/sql/warehouses/w1/stop', {}],
      ['/api/2.0/sql/warehouses/w1/start', {}],
    ])
  })

  it('starts again, with the flag and from STOPPED, a warehouse that was starting or running', () => {
    for (const state of ['RUNNING', 'STARTING'])
      expect(warehouses.decideRestore(rec(state), item('STOPPED'), options())).toEqual({
        outcome: 'changed',
        detail: 'STOPPED → starting',
        write: { state },
      })
    expect(warehouses.decideRestore(rec('RUNNING'), undefined, options())).toEqual({
      outcome: 'gone',
      detail: 'warehouse no longer exists',
    })
    expect(warehouses.decideRestore(rec('RUNNING'), item('STOPPING'), options())).toEqual({
      outcome: 'left_off',
      detail: 'still STOPPING; not started (run restore --restart-compute again later)',
    })
    expect(warehouses.checkRecord!(rec('STARTING'))).toBeUndefined()
    expect(warehouses.checkRecord!({ ...rec('RUNNING'), after: { state: 'TERMINATED' } })).toBe(
      'state: after must be STOPPED',
    )
  })
})
