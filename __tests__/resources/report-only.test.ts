import { describe, expect, it } from '@jest/globals'
import { servingEndpoints, vectorSearchEndpoints } from '../../src/resources/report-only.js'
import type { Observed, Recorded } from '../../src/resources/resource.js'
import { useKindApi } from './kind-api.js'

const api = useKindApi()

const item = (state: string): Observed<{ state: string }> => ({
  id: 'e1',
  name: 'e1',
  state: { state },
  active: true,
  detail: state,
})
const rec: Recorded<{ state: string }> = {
  id: 'e1',
  name: 'e1',
  before: { state: 'READY' },
  after: { state: 'READY' },
}

describe('report-only kinds: listed and warned about, never changed', () => {
  it('serving endpoints: ready ones are active; each says why it is not stopped', async () => {
    api.routes.set('GET /api/2.0/serving-endpoints', {
      endpoints: [
        { name: 'chat', id: 'se-1', state: { ready: 'READY' } },
        { name: 'embed', state: { ready: 'NOT_READY' } },
        { name: 'odd', state: {} },
        { name: 'bare' },
      ],
    })
    const row = (id: string, name: string, state: string, active: boolean) => ({
      id,
      name,
      state: { state },
      active,
      detail: `${state}; no stop API (serverless, scales per its own config)`,
    })
    expect(await servingEndpoints.list(api.ctx)).toStrictEqual([
      row('se-1', 'chat', 'READY', true),
      row('embed', 'embed', 'NOT_READY', false),
      row('odd', 'odd', 'UNKNOWN', false),
      row('bare', 'bare', 'UNKNOWN', false),
    ])
  })

  it('vector search endpoints: active unless offline or deleted', async () => {
    api.routes.set('GET /api/2.0/vector-search/endpoints', {
      endpoints: [
        { name: 'vs', id: 'vs-1', endpoint_status: { state: 'ONLINE' } },
        { name: 'off', endpoint_status: { state: 'OFFLINE' } },
        { name: 'del', endpoint_status: { state: 'DELETED' } },
        { name: 'new', endpoint_status: {} },
        { name: 'bare' },
      ],
    })
    const row = (id: string, name: string, state: string, active: boolean) => ({
      id,
      name,
      state: { state },
      active,
      detail: `${state}; no stop API (deleting would destroy its indexes)`,
    })
    expect(await vectorSearchEndpoints.list(api.ctx)).toStrictEqual([
      row('vs-1', 'vs', 'ONLINE', true),
      row('off', 'off', 'OFFLINE', false),
      row('del', 'del', 'DELETED', false),
      row('new', 'new', 'UNKNOWN', true),
      row('bare', 'bare', 'UNKNOWN', true),
    ])
  })

  it('have nothing to halt, refuse a halt, and restore nothing', async () => {
    for (const [kind, name] of [
      [servingEndpoints, 'serving_endpoints'],
      [vectorSearchEndpoints, 'vector_search_endpoints'],
    ] as const) {
      expect([kind.kind, kind.startedBy, kind.reportOnly, kind.optionalFeature]).toEqual([
        name,
        [],
        true,
        true,
      ])
      expect(kind.halted(item('READY'))).toBeUndefined()
      await expect(kind.halt(api.ctx, item('READY'), { state: 'READY' })).rejects.toThrow(
        new Error(`${name} cannot be stopped through the API`),
      )
      expect(kind.describe({ state: 'ONLINE' })).toBe('ONLINE')
      expect(kind.decideRestore(rec, item('READY'), { force: true, restartCompute: true })).toEqual(
        { outcome: 'unchanged', detail: 'never changed' },
      )
      await kind.write(api.ctx, rec, rec.before, undefined)
    }
    expect(api.requests).toEqual([])
  })
})
