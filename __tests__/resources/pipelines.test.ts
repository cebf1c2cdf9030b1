import { describe, expect, it } from '@jest/globals'
import type { ComputeState } from '../../src/resources/compute.js'
import { pipelines } from '../../src/resources/pipelines.js'
import type { Observed, RestoreOptions } from '../../src/resources/resource.js'
import { useKindApi } from './kind-api.js'

const api = useKindApi()

const RUNNING = ['DEPLOYING', 'STARTING', 'RUNNING', 'RESETTING', 'RECOVERING']
const item = (state: string, continuous?: boolean): Observed<ComputeState> => ({
  id: 'p1',
  name: 'p1',
  state: { state, ...(continuous === undefined ? {} : { continuous }) },
  active: RUNNING.includes(state),
  detail: state,
})
const options = (o: Partial<RestoreOptions> = {}): RestoreOptions => ({
  force: false,
  restartCompute: true,
  ...o,
})

describe('pipelines: listing', () => {
  it('reads whether a running pipeline is continuous, and asks nothing of the others', async () => {
    api.routes.set('GET /api/2.0/pipelines', {
      statuses: [
        { pipeline_id: 'p-cont', name: 'stream', state: 'RUNNING' },
        { pipeline_id: 'p-trig', name: 'batch', state: 'STARTING' },
        { pipeline_id: 'p-nospec', state: 'RECOVERING' },
        { pipeline_id: 'p-idle', name: 'idle', state: 'IDLE' },
        { pipeline_id: 'p-bare' },
      ],
    })
    api.routes.set('GET /api/2.0/pipelines/p-cont', { spec: { continuous: true } })
    api.routes.set('GET /api/2.0/pipelines/p-trig', { spec: { continuous: false } })
    api.routes.set('GET /api/2.0/pipelines/p-nospec', {})
    expect(await pipelines.list(api.ctx)).toStrictEqual([
      {
        id: 'p-cont',
        name: 'stream',
        state: { state: 'RUNNING', continuous: true },
        active: true,
        detail: 'RUNNING (continuous)',
      },
      {
        id: 'p-trig',
        name: 'batch',
        state: { state: 'STARTING', continuous: false },
        active: true,
        detail: 'STARTING',
      },
      {
        id: 'p-nospec',
        name: 'p-nospec',
        state: { state: 'RECOVERING', continuous: false },
        active: true,
        detail: 'RECOVERING',
      },
      { id: 'p-idle', name: 'idle', state: { state: 'IDLE' }, active: false, detail: 'IDLE' },
      {
        id: 'p-bare',
        name: 'p-bare',
        state: { state: 'UNKNOWN' },
        active: false,
        detail: 'UNKNOWN',
      },
    ])
    expect(api.requests.map((r) => r.path).sort()).toEqual([
      '/api/2.0/pipelines',
      '/api/2.0/pipelines/p-cont',
      '/api/2.0/pipelines/p-nospec',
      '/api/2.0/pipelines/p-trig',
    ])
  })
})

describe('pipelines: stop', () => {
  it('stops a pipeline in any running state; drained once neither running nor stopping', () => {
    for (const state of RUNNING) {
      expect(pipelines.halted(item(state, true))).toStrictEqual({ state: 'IDLE', continuous: true })
      expect(pipelines.drained!(item(state))).toBe(false)
    }
    expect(pipelines.halted(item('IDLE'))).toBeUndefined()
    expect(pipelines.halted(item('STOPPING'))).toBeUndefined()
    expect(pipelines.drained!(item('STOPPING'))).toBe(false)
    expect(pipelines.drained!(item('IDLE'))).toBe(true)
    expect(pipelines.drained!(item('FAILED'))).toBe(true)
    expect([pipelines.kind, pipelines.startedBy, pipelines.sweep]).toEqual([
      'pipelines',
      ['jobs'],
      true,
    ])
    expect(pipelines.describe({ state: 'RUNNING', continuous: true })).toBe('RUNNING (continuous)')
    expect(pipelines.describe({ state: 'IDLE', continuous: false })).toBe('IDLE')
    expect(pipelines.describe({ state: 'IDLE' })).toBe('IDLE')
  })

  it('stops through …/stop and starts a continuous one with an update, no full refresh', async () => {
    api.routes.set('POST /api/2.0/pipelines/p1/stop', {})
    api.routes.set('POST /api/2.0/pipelines/p1/updates', { update_id: 'u1' })
    await pipelines.halt(api.ctx, item('RUNNING'), { state: 'IDLE' })
    const rec = { id: 'p1', name: 'p1', before: { state: 'RUNNING' }, after: { state: 'IDLE' } }
    await pipelines.write(api.ctx, rec, rec.before, undefined)
    expect(api.writes().map((r) => [r.path, r.body])).toEqual([
      ['/api/2.0/pipelines/p1/stop', {}],
      ['/api/2.0/pipelines/p1/updates', { full_refresh: false }],
    ])
  })
})

describe('pipelines: restore', () => {
  const rec = (before: ComputeState) => ({
    id: 'p1',
    name: 'p1',
    before,
    after: { ...before, state: 'IDLE' },
  })

  it('starts only a continuous pipeline that was running, and only from IDLE', () => {
    expect(
      pipelines.decideRestore(rec({ state: 'RUNNING', continuous: true }), item('IDLE'), options()),
    ).toEqual({
      outcome: 'changed',
      detail: 'IDLE → starting',
      write: { state: 'RUNNING', continuous: true },
    })
    for (const before of [{ state: 'RUNNING', continuous: false }, { state: 'STARTING' }])
      expect(pipelines.decideRestore(rec(before), item('IDLE'), options())).toEqual({
        outcome: 'unchanged',
        detail: `was ${before.state}; not started`,
      })
    expect(
      pipelines.decideRestore(
        rec({ state: 'DEPLOYING', continuous: true }),
        item('FAILED'),
        options(),
      ),
    ).toEqual({
      outcome: 'left_off',
      detail: 'still FAILED; not started (run restore --restart-compute again later)',
    })
    expect(
      pipelines.decideRestore(rec({ state: 'RUNNING', continuous: true }), undefined, options()),
    ).toEqual({
      outcome: 'gone',
      detail: 'pipeline no longer exists',
    })
  })

  it('checks a record: a running state stopped to IDLE, continuous unchanged', () => {
    const check = (before: unknown, after: unknown) =>
      pipelines.checkRecord!({ id: 'p1', name: 'p1', before, after } as never)
    expect(
      check({ state: 'RESETTING', continuous: true }, { state: 'IDLE', continuous: true }),
    ).toBeUndefined()
    expect(check({ state: 'RUNNING' }, { state: 'STOPPED' })).toBe('state: after must be IDLE')
    expect(check({ state: 'IDLE' }, { state: 'IDLE' })).toBe(
      'state: before is IDLE, not a running state',
    )
  })
})
