import { afterEach, describe, expect, it } from '@jest/globals'
import type { ScenarioJson } from '../../emulator/index.js'
import { api, startHarness, type Harness } from '../engine/harness.js'

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

const BIG_JOB = '9007199254740993001' // above 2^53
const fileArrival = {
  pause_status: 'UNPAUSED',
  file_arrival: {
    url: 'abfss://landing@acct.dfs.core.windows.net/in/',
    min_time_between_triggers_seconds: 60,
  },
}
const schedule = {
  quartz_cron_expression: '0 0 5 * * ?',
  timezone_id: 'Europe/Amsterdam',
  pause_status: 'UNPAUSED',
}

function scenario(): ScenarioJson {
  const job = (id: string, settings: Record<string, unknown>) => ({
    job_id: id,
    creator_user_name: 'ada@example.com',
    created_time: 1_700_000_000_000,
    settings: {
      name: `job-${id}`,
      max_concurrent_runs: 1,
      tasks: [{ task_key: 't', notebook_task: { notebook_path: '/x' } }],
      ...settings,
    },
  })
  return {
    workspaces: [
      {
        jobs: [
          job(BIG_JOB, { schedule, trigger: fileArrival }),
          job('2', {
            trigger: { table_update: { table_names: ['main.s.t'], condition: 'ANY_UPDATED' } },
          }),
          job('3', {
            trigger: { periodic: { interval: 4, unit: 'HOURS' }, pause_status: 'UNPAUSED' },
          }),
          job('4', { continuous: { pause_status: 'UNPAUSED', task_retry_mode: 'ON_FAILURE' } }),
          job('5', {
            triggers: [
              { pause_status: 'UNPAUSED', periodic: { interval: 1, unit: 'DAYS' } },
              { pause_status: 'PAUSED', file_arrival: { url: 's3://b/in/' } },
            ],
          }),
          job('6', { schedule: { ...schedule, pause_status: 'PAUSED' } }),
          job('7', { schedule, tags: { 'databricks-halt': 'keep' } }),
        ],
      },
    ],
  }
}

const settingsOf = (id: string) => h!.emu.ws().jobs.get(id)!.settings

describe('jobs', () => {
  it('pauses every block by resending it whole, and restores each exactly', async () => {
    // 'reject': the emulator refuses a trigger sent without its config block, so a partial block fails loudly.
    h = await startHarness({ scenario: scenario(), jobsUpdatePartialTrigger: 'reject' })
    const before = structuredClone([...h.emu.ws().jobs].map(([id, j]) => [id, j.settings]))
    const stopped = await h.run('stop', { only: ['jobs'] })
    expect(stopped.counts.failed).toBe(0)
    const outcome = (id: string) => stopped.items.find((i) => i.id === id)?.outcome
    expect([BIG_JOB, '2', '3', '4', '5', '6', '7'].map(outcome)).toEqual([
      'changed',
      'changed',
      'changed',
      'changed',
      'changed',
      'already_halted',
      'kept',
    ])
    expect(settingsOf(BIG_JOB).schedule).toEqual({ ...schedule, pause_status: 'PAUSED' })
    expect(settingsOf(BIG_JOB).trigger).toEqual({ ...fileArrival, pause_status: 'PAUSED' })
    expect(settingsOf('2').trigger.table_update).toEqual({
      table_names: ['main.s.t'],
      condition: 'ANY_UPDATED',
    })
    expect(settingsOf('3').trigger).toEqual({
      periodic: { interval: 4, unit: 'HOURS' },
      pause_status: 'PAUSED',
    })
    expect(settingsOf('4').continuous).toEqual({
      pause_status: 'PAUSED',
      task_retry_mode: 'ON_FAILURE',
    })
    expect(settingsOf('5').triggers.map((t: { pause_status: string }) => t.pause_status)).toEqual([
      'PAUSED',
      'PAUSED',
    ])
    expect(settingsOf('5').triggers[1].file_arrival).toEqual({ url: 's3://b/in/' })
    expect(settingsOf('7').schedule.pause_status).toBe('UNPAUSED')
    expect(settingsOf(BIG_JOB).tasks).toHaveLength(1)

    const restored = await h.run('restore', { only: ['jobs'] })
    expect(restored.exitCode).toBe(0)
    expect([...h.emu.ws().jobs].map(([id, j]) => [id, j.settings])).toEqual(before)
  })

  it('judges each block on its own: a hand-edited schedule is left, the trigger beside it restored', async () => {
    h = await startHarness({ scenario: scenario() })
    await h.run('stop', { only: ['jobs'] })
    const edited = { ...schedule, quartz_cron_expression: '0 30 6 * * ?', pause_status: 'PAUSED' }
    await api(h.emu, 'POST', '/api/2.2/jobs/update', {
      job_id: BIG_JOB,
      new_settings: { schedule: edited },
    })
    const restored = await h.run('restore', { only: ['jobs'] })
    expect(restored.exitCode).toBe(1)
    const item = restored.items.find((i) => i.id === BIG_JOB)!
    expect(item.outcome).toBe('conflict')
    expect(item.detail).toMatch(/trigger UNPAUSED restored; schedule changed during the halt/)
    expect(settingsOf(BIG_JOB).schedule).toEqual(edited)
    expect(settingsOf(BIG_JOB).trigger).toEqual(fileArrival)
  })

  it('stop twice merges per block: the earliest pre-halt value of each block wins', async () => {
    h = await startHarness({ scenario: scenario() })
    await h.run('stop', { only: ['jobs'] })
    // During the halt someone unpauses job 6's schedule (paused before the halt) and job 3's trigger.
    await api(h.emu, 'POST', '/api/2.2/jobs/update', { job_id: '6', new_settings: { schedule } })
    await api(h.emu, 'POST', '/api/2.2/jobs/update', {
      job_id: '3',
      new_settings: {
        trigger: { periodic: { interval: 4, unit: 'HOURS' }, pause_status: 'UNPAUSED' },
      },
    })
    const second = await h.run('stop', { only: ['jobs'] })
    expect(
      second.items
        .filter((i) => i.outcome === 'changed')
        .map((i) => i.id)
        .sort(),
    ).toEqual(['3', '6'])
    expect(settingsOf('6').schedule.pause_status).toBe('PAUSED')
    await h.run('restore', { only: ['jobs'] })
    expect(settingsOf('3').trigger.pause_status).toBe('UNPAUSED') // first stop's record
    expect(settingsOf(BIG_JOB).schedule.pause_status).toBe('UNPAUSED') // carried over untouched
    // Job 6 was only recorded by the second stop: its latest pre-halt value (unpaused by hand) wins.
    expect(settingsOf('6').schedule.pause_status).toBe('UNPAUSED')
  })

  it.each(['append', 'replace'] as const)(
    'multi-trigger job (%s keyless arrays): re-read after the update, no trigger duplicated or left unpaused',
    async (mode) => {
      h = await startHarness({ scenario: scenario(), jobsUpdateKeylessArrays: mode })
      const before = structuredClone(settingsOf('5').triggers)
      h.emu.requests.length = 0
      const stopped = await h.run('stop', { only: ['jobs'] })
      expect(stopped.items.find((i) => i.id === '5')?.outcome).toBe('changed')
      const paused = before.map((t: object) => ({ ...t, pause_status: 'PAUSED' }))
      expect(settingsOf('5').triggers).toEqual(paused)
      // 'replace': one update and one check; 'append' duplicated the array, so it was removed and
      // sent again (two more updates) and checked once more.
      const updates = h.emu.requests.filter(
        (r) => r.path === '/api/2.2/jobs/update' && r.status === 200,
      ).length
      const jobUpdates = mode === 'append' ? 3 : 1
      expect(updates).toBe(jobUpdates + 4) // + the four single-block jobs
      await h.run('restore', { only: ['jobs'] })
      expect(settingsOf('5').triggers).toEqual(before)
    },
  )

  it('a triggers array still wrong after the repair fails the item, naming what is left', async () => {
    h = await startHarness({ scenario: scenario(), jobsUpdateKeylessArrays: 'append' })
    // The repair calls are answered 200 without effect: the array stays duplicated, unpaused
    // originals included.
    h.emu.faults.add({
      method: 'POST',
      path: '/api/2.2/jobs/update',
      match: { job_id: '5' },
      after: 1,
      status: 200,
    })
    const stopped = await h.run('stop', { only: ['jobs'] })
    const item = stopped.items.find((i) => i.id === '5')!
    expect(item.outcome).toBe('failed')
    expect(item.error).toMatch(/triggers of job 5 are not as sent.*UNPAUSED/)
    expect(stopped.exitCode).toBe(1)
  })
})
