import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startEmulator, type Emulator } from '../../emulator/index.js'
import { call } from './helpers.js'

const FILE_ARRIVAL = {
  url: 'abfss://landing@acct.dfs.core.windows.net/in/',
  min_time_between_triggers_seconds: 60,
}
const SCHEDULE = {
  quartz_cron_expression: '0 0 * * * ?',
  timezone_id: 'UTC',
  pause_status: 'UNPAUSED',
}
const scenario = {
  workspaces: [
    {
      jobs: [
        {
          job_id: '9007199254740993',
          settings: {
            name: 'etl',
            schedule: SCHEDULE,
            trigger: { pause_status: 'UNPAUSED', file_arrival: FILE_ARRIVAL },
            tags: { team: 'etl' },
            tasks: [
              { task_key: 'a', notebook_task: { notebook_path: '/a' } },
              { task_key: 'b', notebook_task: { notebook_path: '/b' } },
            ],
          },
        },
      ],
    },
  ],
}
const JOB = '9007199254740993'

let emu: Emulator
beforeAll(async () => {
  emu = await startEmulator({ scenario, clockSpeed: 0, rateLimits: 'off' })
})
afterAll(() => emu.close())

const update = (body: object, v = '2.2') =>
  call(emu.workspace.url, `/api/${v}/jobs/update`, {
    token: emu.adminToken,
    body: { job_id: JOB, ...body },
  })
const settings = async () =>
  (await call(emu.workspace.url, `/api/2.2/jobs/get?job_id=${JOB}`, { token: emu.adminToken })).json
    .settings

describe('jobs/update semantics', () => {
  it('replaces a top-level block whole and leaves the others; works on 2.1 and 2.2', async () => {
    expect(
      (await update({ new_settings: { schedule: { ...SCHEDULE, pause_status: 'PAUSED' } } }, '2.1'))
        .status,
    ).toBe(200)
    const s = await settings()
    expect(s.schedule).toEqual({ ...SCHEDULE, pause_status: 'PAUSED' })
    expect(s.trigger.file_arrival).toEqual(FILE_ARRIVAL)
    expect((await update({ new_settings: { tags: { x: '1' } } })).status).toBe(200)
    expect((await settings()).tags).toEqual({ x: '1' })
  })

  it('rejects a schedule without its cron expression or time zone', async () => {
    for (const schedule of [
      { pause_status: 'PAUSED' },
      { quartz_cron_expression: '0 0 * * * ?', pause_status: 'PAUSED' },
    ]) {
      const res = await update({ new_settings: { schedule } })
      expect(res.status).toBe(400)
      expect(res.json.error_code).toBe('INVALID_PARAMETER_VALUE')
    }
    expect((await settings()).schedule.quartz_cron_expression).toBe('0 0 * * * ?')
    expect(
      (
        await update({
          new_settings: { schedule: { ...SCHEDULE, quartz_cron_expression: 'nonsense' } },
        })
      ).status,
    ).toBe(400)
    expect(
      (await update({ new_settings: { schedule: { ...SCHEDULE, pause_status: 'STOPPED' } } }))
        .status,
    ).toBe(400)
  })

  it("default 'reject' mode: a trigger without its kind block is refused, as the real API does, and nothing changes", async () => {
    const res = await update({ new_settings: { trigger: { pause_status: 'PAUSED' } } })
    expect(res.status).toBe(400)
    expect(res.json).toMatchObject({
      error_code: 'INVALID_PARAMETER_VALUE',
      message: expect.stringContaining('Missing trigger configuration'),
    })
    expect((await settings()).trigger.file_arrival).toEqual(FILE_ARRIVAL)
  })

  it("'drop' mode (a switch): a trigger sent without file_arrival silently loses it", async () => {
    emu.configure({ jobsUpdatePartialTrigger: 'drop' })
    const res = await update({ new_settings: { trigger: { pause_status: 'PAUSED' } } })
    emu.configure({ jobsUpdatePartialTrigger: 'reject' })
    expect(res.status).toBe(200)
    expect(res.json).toEqual({})
    expect((await settings()).trigger).toEqual({ pause_status: 'PAUSED' })
    // Give the trigger its config back: a bare stored trigger would fail every later update.
    await update({
      new_settings: { trigger: { pause_status: 'PAUSED', file_arrival: FILE_ARRIVAL } },
    })
  })

  it('tasks merge by task_key; fields_to_remove drops fields and tasks', async () => {
    await update({
      new_settings: {
        tasks: [
          { task_key: 'b', notebook_task: { notebook_path: '/b2' } },
          { task_key: 'c', notebook_task: { notebook_path: '/c' } },
        ],
      },
    })
    let s = await settings()
    expect(s.tasks.map((t: { task_key: string }) => t.task_key)).toEqual(['a', 'b', 'c'])
    expect(s.tasks[1].notebook_task.notebook_path).toBe('/b2')
    await update({ fields_to_remove: ['trigger', 'tasks/a'] })
    s = await settings()
    expect(s.trigger).toBeUndefined()
    expect(s.tasks.map((t: { task_key: string }) => t.task_key)).toEqual(['b', 'c'])
  })

  it('job_clusters merge by job_cluster_key; fields_to_remove drops one by key', async () => {
    const cluster = (key: string, workers: number) => ({
      job_cluster_key: key,
      new_cluster: { num_workers: workers },
    })
    await update({ new_settings: { job_clusters: [cluster('x', 1), cluster('y', 1)] } })
    await update({ new_settings: { job_clusters: [cluster('y', 4)] } })
    expect((await settings()).job_clusters).toEqual([cluster('x', 1), cluster('y', 4)])
    await update({ fields_to_remove: ['job_clusters/x'] })
    expect((await settings()).job_clusters).toEqual([cluster('y', 4)])
  })

  it("keyless arrays (triggers): appended by default (strict reading), replaced with 'replace'", async () => {
    const t = (unit: string, pause = 'UNPAUSED') => ({
      pause_status: pause,
      periodic: { interval: 1, unit },
    })
    // A multi-trigger job cannot also have a schedule or a single trigger.
    await update({
      fields_to_remove: ['schedule', 'trigger'],
      new_settings: { triggers: [t('DAYS')] },
    })
    await update({ new_settings: { triggers: [t('DAYS', 'PAUSED')] } })
    expect((await settings()).triggers).toEqual([t('DAYS'), t('DAYS', 'PAUSED')])
    emu.configure({ jobsUpdateKeylessArrays: 'replace' })
    await update({ new_settings: { triggers: [t('HOURS', 'PAUSED')] } })
    emu.configure({ jobsUpdateKeylessArrays: 'append' })
    expect((await settings()).triggers).toEqual([t('HOURS', 'PAUSED')])
    await update({ fields_to_remove: ['triggers'], new_settings: { schedule: SCHEDULE } })
  })

  it('schedule and continuous together are rejected; reset replaces everything', async () => {
    expect(
      (await update({ new_settings: { continuous: { pause_status: 'PAUSED' } } })).status,
    ).toBe(400)
    const reset = await call(emu.workspace.url, '/api/2.2/jobs/reset', {
      token: emu.adminToken,
      body: { job_id: JOB, new_settings: { name: 'only' } },
    })
    expect(reset.status).toBe(200)
    expect(await settings()).toEqual({ name: 'only' })
  })

  it('update of a missing job: 400 "Job … does not exist."', async () => {
    const res = await call(emu.workspace.url, '/api/2.2/jobs/update', {
      token: emu.adminToken,
      body: { job_id: '77', new_settings: {} },
    })
    expect(res.status).toBe(400)
    expect(res.json.message).toBe('Job 77 does not exist.')
  })
})

describe('jobs/get array paging', () => {
  it('2.2 pages tasks in hundreds; 2.1 returns them whole', async () => {
    const tasks = Array.from({ length: 230 }, (_, i) => ({
      task_key: `t${i}`,
      notebook_task: { notebook_path: `/n${i}` },
    }))
    const created = await call(emu.workspace.url, '/api/2.2/jobs/create', {
      token: emu.adminToken,
      body: { name: 'wide', tasks },
    })
    const id = created.json.job_id
    const whole = await call(emu.workspace.url, `/api/2.1/jobs/get?job_id=${id}`, {
      token: emu.adminToken,
    })
    expect(whole.json.settings.tasks).toHaveLength(230)
    expect(whole.json.next_page_token).toBeUndefined()
    const keys: string[] = []
    let token: string | undefined
    let pages = 0
    do {
      const q = token ? `&page_token=${token}` : ''
      const page = await call(emu.workspace.url, `/api/2.2/jobs/get?job_id=${id}${q}`, {
        token: emu.adminToken,
      })
      expect(page.json.settings.tasks.length).toBeLessThanOrEqual(100)
      keys.push(...page.json.settings.tasks.map((t: { task_key: string }) => t.task_key))
      token = page.json.next_page_token
      pages++
    } while (token)
    expect(pages).toBe(3)
    expect(keys).toEqual(tasks.map((t) => t.task_key))
  })
})
