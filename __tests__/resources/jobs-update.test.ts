import { afterEach, describe, expect, it } from '@jest/globals'
import {
  quietStartTime,
  startEmulator,
  type Emulator,
  type EmulatorOptions,
  type ScenarioJson,
} from '../../emulator/index.js'
import { DatabricksClient } from '../../src/databricks/client.js'
import { parseJson } from '../../src/databricks/json.js'
import { jobs, type JobState } from '../../src/resources/jobs.js'
import type { ResourceContext } from '../../src/resources/resource.js'

/**
 * The jobs kind's own API calls (list, halt, write, the re-read of a triggers array), against the
 * emulator without the engine: each request the kind sends is checked, in order.
 */

let emu: Emulator | undefined
afterEach(async () => {
  await emu?.close()
  emu = undefined
})

const schedule = {
  quartz_cron_expression: '0 0 5 * * ?',
  timezone_id: 'Europe/Amsterdam',
  pause_status: 'UNPAUSED',
}
const triggers = [
  { pause_status: 'UNPAUSED', periodic: { interval: 1, unit: 'DAYS' } },
  { pause_status: 'PAUSED', file_arrival: { url: 's3://b/in/' } },
]
const pausedTriggers = triggers.map((t) => ({ ...t, pause_status: 'PAUSED' }))
const tasks = [{ task_key: 't', notebook_task: { notebook_path: '/x' } }]

const scenario = (): ScenarioJson => ({
  workspaces: [
    {
      jobs: [
        { job_id: '1', settings: { name: 'nightly', schedule, tasks } },
        { job_id: '2', settings: { name: 'multi', triggers, tasks } },
        { job_id: '3', settings: { name: 'manual', tasks } },
      ],
    },
  ],
})

interface Sent {
  method: string
  path: string
  body?: unknown
}

async function start(options: EmulatorOptions = {}) {
  emu = await startEmulator({
    scenario: scenario(),
    seed: 7,
    startTime: quietStartTime(),
    rateLimits: 'off',
    propagationDelayMs: 0,
    ...options,
  })
  const e = emu
  const workspace = new DatabricksClient({
    host: e.workspace.url,
    audience: 'workspace',
    tokens: { description: 'test token', getToken: async () => e.adminToken },
    retry: { maxAttempts: 1 },
  })
  const sent: Sent[] = []
  e.onRequest((r) => {
    if (r.path.startsWith('/api/2.2/jobs/'))
      sent.push({ method: r.method, path: r.path, ...(r.body ? { body: parseJson(r.body) } : {}) })
  })
  const ctx = { clients: { workspace } } as unknown as ResourceContext
  const settings = (id: string) => e.ws().jobs.get(id)!.settings
  return { e, ctx, sent, settings }
}

const update = (body: unknown): Sent => ({ method: 'POST', path: '/api/2.2/jobs/update', body })
const get: Sent = { method: 'GET', path: '/api/2.2/jobs/get' }
const item = (id: string, state: JobState) => ({ id, name: id, state, active: true, detail: '' })

describe('jobs: the API calls of a halt and a restore', () => {
  it('lists every job with its blocks', async () => {
    const { ctx } = await start()
    expect(await jobs.list(ctx)).toEqual([
      {
        id: '1',
        name: 'nightly',
        state: { schedule },
        active: true,
        detail: 'schedule UNPAUSED',
      },
      {
        id: '2',
        name: 'multi',
        state: { triggers },
        active: true,
        detail: 'triggers[UNPAUSED,PAUSED]',
      },
      { id: '3', name: 'manual', state: {}, active: false, detail: 'no schedule or trigger' },
    ])
  })

  it('a schedule is sent whole in one update, with no read-back', async () => {
    const { ctx, sent, settings } = await start()
    const paused = { schedule: { ...schedule, pause_status: 'PAUSED' } }
    await jobs.halt(ctx, item('1', { schedule }), paused)
    expect(sent).toEqual([update({ job_id: '1', new_settings: paused })])
    expect(settings('1')).toEqual({ name: 'nightly', schedule: paused.schedule, tasks })
    sent.length = 0
    await jobs.write(
      ctx,
      { id: '1', name: 'nightly', before: { schedule }, after: paused },
      { schedule },
      undefined,
    )
    expect(sent).toEqual([update({ job_id: '1', new_settings: { schedule } })])
    expect(settings('1').schedule).toEqual(schedule)
  })

  it('a triggers array is read back once when the service replaced it', async () => {
    const { ctx, sent, settings } = await start({ jobsUpdateKeylessArrays: 'replace' })
    await jobs.halt(ctx, item('2', { triggers }), { triggers: pausedTriggers })
    expect(sent).toEqual([update({ job_id: '2', new_settings: { triggers: pausedTriggers } }), get])
    expect(settings('2').triggers).toEqual(pausedTriggers)
  })

  it('a triggers array the service appended to is removed and sent again, then checked', async () => {
    const { ctx, sent, settings } = await start({ jobsUpdateKeylessArrays: 'append' })
    await jobs.halt(ctx, item('2', { triggers }), { triggers: pausedTriggers })
    expect(sent).toEqual([
      update({ job_id: '2', new_settings: { triggers: pausedTriggers } }),
      get,
      update({ job_id: '2', fields_to_remove: ['triggers'] }),
      update({ job_id: '2', new_settings: { triggers: pausedTriggers } }),
      get,
    ])
    expect(settings('2')).toEqual({ name: 'multi', triggers: pausedTriggers, tasks })
  })

  it('an omitted pause_status read back counts as UNPAUSED, first read and after the repair', async () => {
    // A service that leaves the default out of what it returns.
    const omitUnpaused = (e: Emulator) =>
      e.onRequest((r) => {
        if (r.path !== '/api/2.2/jobs/get') return
        for (const t of e.ws().jobs.get('2')!.settings.triggers ?? [])
          if (t.pause_status === 'UNPAUSED') delete t.pause_status
      })
    const replace = await start({ jobsUpdateKeylessArrays: 'replace' })
    omitUnpaused(replace.e)
    const r = { id: '2', name: 'multi', before: { triggers }, after: { triggers: pausedTriggers } }
    replace.e.ws().jobs.get('2')!.settings.triggers = structuredClone(pausedTriggers)
    await jobs.write(replace.ctx, r, { triggers }, undefined)
    expect(replace.sent).toEqual([update({ job_id: '2', new_settings: { triggers } }), get])
    await emu!.close()

    const append = await start({ jobsUpdateKeylessArrays: 'append' })
    omitUnpaused(append.e)
    append.e.ws().jobs.get('2')!.settings.triggers = structuredClone(pausedTriggers)
    await jobs.write(append.ctx, r, { triggers }, undefined)
    expect(append.sent).toHaveLength(5)
    expect(append.settings('2').triggers).toEqual([
      { periodic: { interval: 1, unit: 'DAYS' } },
      triggers[1],
    ])
  })

  it('a triggers array still wrong after the repair is an error naming what is left', async () => {
    const { e, ctx, sent } = await start({ jobsUpdateKeylessArrays: 'append' })
    // The repair calls are answered 200 without effect: the array stays doubled.
    e.faults.add({
      method: 'POST',
      path: '/api/2.2/jobs/update',
      match: { job_id: '2' },
      after: 1,
      status: 200,
    })
    await expect(
      jobs.halt(ctx, item('2', { triggers }), { triggers: pausedTriggers }),
    ).rejects.toThrow(
      'triggers of job 2 are not as sent after jobs/update: triggers[UNPAUSED,PAUSED,PAUSED,PAUSED] ' +
        "(sent triggers[PAUSED,PAUSED]); check the job's triggers by hand",
    )
    expect(sent).toHaveLength(5)
  })

  it('a job read back without settings has no triggers: not as sent', async () => {
    const { e, ctx } = await start({ jobsUpdateKeylessArrays: 'replace' })
    e.onRequest((r) => {
      if (r.path === '/api/2.2/jobs/get') delete e.ws().jobs.get('2')!.settings
    })
    await expect(
      jobs.halt(ctx, item('2', { triggers }), { triggers: pausedTriggers }),
    ).rejects.toThrow(
      'triggers of job 2 are not as sent after jobs/update: no schedule or trigger ' +
        "(sent triggers[PAUSED,PAUSED]); check the job's triggers by hand",
    )
  })
})
