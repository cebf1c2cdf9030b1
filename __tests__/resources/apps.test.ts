import { describe, expect, it } from '@jest/globals'
import { apps } from '../../src/resources/apps.js'
import type { ComputeState } from '../../src/resources/compute.js'
import type { Observed, RestoreOptions } from '../../src/resources/resource.js'
import { useKindApi } from './kind-api.js'

const api = useKindApi()

const item = (state: string): Observed<ComputeState> => ({
  id: 'sales-app',
  name: 'sales-app',
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
  id: 'sales-app',
  name: 'sales-app',
  before: { state },
  after: { state: 'STOPPED' },
})

describe('apps', () => {
  it('lists each app by name, running while starting, active or updating', async () => {
    api.routes.set('GET /api/2.0/apps', {
      apps: [
        { name: 'a', compute_status: { state: 'ACTIVE' } },
        { name: 'b', compute_status: { state: 'STARTING' } },
        { name: 'c', compute_status: { state: 'UPDATING' } },
        { name: 'd', compute_status: { state: 'STOPPED' } },
        { name: 'e', compute_status: {} },
        { name: 'f' },
      ],
    })
    const row = (name: string, state: string, active: boolean) => ({
      id: name,
      name,
      state: { state },
      active,
      detail: state,
    })
    expect(await apps.list(api.ctx)).toStrictEqual([
      row('a', 'ACTIVE', true),
      row('b', 'STARTING', true),
      row('c', 'UPDATING', true),
      row('d', 'STOPPED', false),
      row('e', 'UNKNOWN', false),
      row('f', 'UNKNOWN', false),
    ])
  })

  it('stops what runs; an optional feature started by nothing; drained when stopped or failed', () => {
    for (const state of ['ACTIVE', 'STARTING', 'UPDATING'])
      expect(apps.halted(item(state))).toStrictEqual({ state: 'STOPPED' })
    expect(apps.halted(item('STOPPING'))).toBeUndefined()
    expect([apps.kind, apps.startedBy, apps.sweep, apps.optionalFeature]).toEqual([
      'apps',
      [],
      true,
      true,
    ])
    expect(apps.describe({ state: 'UPDATING' })).toBe('UPDATING')
    expect(['STOPPED', 'ERROR', 'STOPPING', 'ACTIVE'].map((s) => apps.drained!(item(s)))).toEqual([
      true,
      true,
      false,
      false,
    ])
  })

  it('stops and starts through the app’s own endpoints', async () => {
    api.routes.set('POST /api/2.0/apps/sales-app/stop', { name: 'sales-app' })
    api.routes.set('POST /api/2.0/apps/sales-app/start', { name: 'sales-app' })
    await apps.halt(api.ctx, item('ACTIVE'), { state: 'STOPPED' })
    await apps.write(api.ctx, rec('ACTIVE'), { state: 'ACTIVE' }, undefined)
    expect(api.writes().map((r) => [r.path, r.body])).toEqual([
      ['/api/2.0/apps/sales-app/stop', {}],
      ['/api/2.0/apps/sales-app/start', {}],
    ])
  })

  it('starts again, with the flag and from STOPPED, an app that was running', () => {
    expect(apps.decideRestore(rec('UPDATING'), item('STOPPED'), options())).toEqual({
      outcome: 'changed',
      detail: 'STOPPED → starting',
      write: { state: 'UPDATING' },
    })
    expect(apps.decideRestore(rec('ACTIVE'), undefined, options())).toEqual({
      outcome: 'gone',
      detail: 'app no longer exists',
    })
    expect(apps.decideRestore(rec('ACTIVE'), item('ERROR'), options())).toEqual({
      outcome: 'left_off',
      detail: 'still ERROR; not started (run restore --restart-compute again later)',
    })
    expect(apps.checkRecord!(rec('STARTING'))).toBeUndefined()
    expect(apps.checkRecord!({ ...rec('ACTIVE'), after: { state: 'TERMINATED' } })).toBe(
      'state: after must be STOPPED',
    )
  })
})
