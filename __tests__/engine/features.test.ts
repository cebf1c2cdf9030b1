import { afterEach, describe, expect, it } from '@jest/globals'
import { FEATURES } from '../../emulator/engine/features.js'
import { call } from '../emulator/helpers.js'
import { startHarness, type Harness } from './harness.js'

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

const KINDS = [
  'apps',
  'serving_endpoints',
  'vector_search_endpoints',
  'alerts',
  'dashboard_schedules',
] as const

describe('a kind whose feature the workspace lacks is "not available", not a failure', () => {
  it('every optional feature switched off: show and stop exit 0 with one note per kind', async () => {
    h = await startHarness()
    for (const f of FEATURES) h.emu.ws().disabledFeatures.add(f)
    const shown = await h.run('show')
    expect(shown.exitCode).toBe(0)
    const notes = shown.items.filter((i) => i.outcome === 'not_available')
    expect(notes.map((i) => i.kind).sort()).toEqual([...KINDS].sort())
    expect(notes.find((i) => i.kind === 'serving_endpoints')?.detail).toMatch(
      /Model serving is not enabled/,
    )
    const stopped = await h.run('stop')
    expect(stopped.counts.failed).toBe(0)
    expect(stopped.exitCode).toBe(0)
    expect(stopped.counts.not_available).toBe(KINDS.length)
    // The kinds that exist were halted as usual.
    expect(stopped.items.some((i) => i.kind === 'jobs' && i.outcome === 'changed')).toBe(true)
  })

  it('the emulator answers 404 FEATURE_DISABLED, or 404 ENDPOINT_NOT_FOUND for alerts v2', async () => {
    h = await startHarness()
    h.emu.ws().disabledFeatures.add('serving')
    h.emu.ws().disabledFeatures.add('alerts_v2')
    const token = h.emu.adminToken
    const serving = await call(h.emu.workspace.url, '/api/2.0/serving-endpoints', { token })
    expect([serving.status, (serving.json as { error_code: string }).error_code]).toEqual([
      404,
      'FEATURE_DISABLED',
    ])
    const alerts = await call(h.emu.workspace.url, '/api/2.0/alerts', { token })
    expect([alerts.status, (alerts.json as { error_code: string }).error_code]).toEqual([
      404,
      'ENDPOINT_NOT_FOUND',
    ])
    const apps = await call(h.emu.workspace.url, '/api/2.0/apps', { token })
    expect(apps.status).toBe(200)
  })

  it('PERMISSION_DENIED on a list stays a failure (exit 1)', async () => {
    h = await startHarness()
    h.emu.faults.add({ method: 'GET', path: '/api/2.0/apps', status: 403 })
    const shown = await h.run('show')
    expect(shown.items.find((i) => i.kind === 'apps')?.outcome).toBe('failed')
    expect(shown.exitCode).toBe(1)
  })

  it('FEATURE_DISABLED at another status still counts; a kind that is not optional fails', async () => {
    h = await startHarness()
    h.emu.faults.add({
      method: 'GET',
      path: '/api/2.0/apps',
      status: 400,
      errorCode: 'FEATURE_DISABLED',
    })
    h.emu.faults.add({
      method: 'GET',
      path: '/api/2.0/instance-pools/list',
      status: 404,
      errorCode: 'FEATURE_DISABLED',
    })
    const shown = await h.run('show')
    expect(shown.items.find((i) => i.kind === 'apps')?.outcome).toBe('not_available')
    expect(shown.items.find((i) => i.kind === 'instance_pools')?.outcome).toBe('failed')
    expect(shown.exitCode).toBe(1)
  })
})
