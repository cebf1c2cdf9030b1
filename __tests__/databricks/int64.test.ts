import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startEmulator, type ScenarioJson } from '../../emulator/index.js'
import { cancelRun, getJob, listJobs, listRuns, updateJob } from '../../src/databricks/jobs.js'
import { collect } from '../../src/databricks/pagination.js'
import {
  deletePermissionAssignment,
  listPermissionAssignments,
  updatePermissionAssignment,
} from '../../src/databricks/permission-assignments.js'
import { clientsFor } from './emulator-clients.js'

/**
 * Ids one apart above 2^53: JSON.parse maps both to the same double, so any rounding would make
 * the client act on the neighbour. Both neighbours exist, and only the addressed one may change.
 */
const JOB_A = '9007199254740993'
const JOB_B = '9007199254740992'
const USER_A = '9007199254740995'
const USER_B = '9007199254740996'
const RUN_A = '9007199254741001'
const RUN_B = '9007199254741000'
const WORKSPACE = '9007199254740999'

const schedule = {
  quartz_cron_expression: '0 0 * * * ?',
  timezone_id: 'UTC',
  pause_status: 'UNPAUSED',
}
const scenario: ScenarioJson = {
  users: [
    { id: USER_A, userName: 'a@example.com', displayName: 'A' },
    { id: USER_B, userName: 'b@example.com', displayName: 'B' },
  ],
  workspaces: [
    {
      workspaceId: WORKSPACE,
      assignments: [
        { principalId: USER_A, permissions: ['USER'] },
        { principalId: USER_B, permissions: ['USER'] },
      ],
      jobs: [
        { job_id: JOB_A, settings: { name: 'a', schedule } },
        { job_id: JOB_B, settings: { name: 'b', schedule } },
      ],
      runs: [
        { run_id: RUN_A, job_id: JOB_A, state: { life_cycle_state: 'RUNNING' }, start_time: 1 },
        { run_id: RUN_B, job_id: JOB_B, state: { life_cycle_state: 'RUNNING' }, start_time: 1 },
      ],
    },
  ],
}

let emu: Awaited<ReturnType<typeof startEmulator>>
let clients: ReturnType<typeof clientsFor>

beforeAll(async () => {
  // A still clock: the runs started at epoch 1 would otherwise end 3 real seconds in.
  emu = await startEmulator({ scenario, rateLimits: 'off', propagationDelayMs: 0, clockSpeed: 0 })
  clients = clientsFor(emu)
})

afterAll(() => emu.close())

describe('int64 ids above 2^53 stay exact', () => {
  it('lists jobs, runs, assignments and the workspace id exactly', async () => {
    expect(emu.workspace.workspaceId).toBe(WORKSPACE)
    const jobs = await collect(listJobs(clients.workspace))
    expect(jobs.map((j) => j.job_id).sort()).toEqual([JOB_B, JOB_A])
    const runs = await collect(listRuns(clients.workspace, { active_only: true }))
    expect(runs.map((r) => r.run_id).sort()).toEqual([RUN_B, RUN_A])
    expect(runs.find((r) => r.run_id === RUN_A)?.job_id).toBe(JOB_A)
    const assignments = await listPermissionAssignments(clients.account, WORKSPACE)
    expect(assignments.map((a) => a.principal.principal_id)).toEqual(
      expect.arrayContaining([USER_A, USER_B]),
    )
  })

  it('updates exactly the addressed job', async () => {
    await updateJob(clients.workspace, {
      job_id: JOB_A,
      new_settings: { schedule: { ...schedule, pause_status: 'PAUSED' } },
    })
    expect(emu.ws().jobs.get(JOB_A)!.settings.schedule.pause_status).toBe('PAUSED')
    expect(emu.ws().jobs.get(JOB_B)!.settings.schedule.pause_status).toBe('UNPAUSED')
    expect(
      (await getJob(clients.workspace, { job_id: JOB_A })).settings?.schedule?.pause_status,
    ).toBe('PAUSED')
  })

  it('cancels exactly the addressed run', async () => {
    await cancelRun(clients.workspace, { run_id: RUN_A })
    const states = (id: string) => emu.ws().runs.get(id)!.state.life_cycle_state
    expect(['TERMINATING', 'TERMINATED']).toContain(states(RUN_A))
    expect(states(RUN_B)).toBe('RUNNING')
  })

  it('removes and restores exactly the addressed principal', async () => {
    expect(await deletePermissionAssignment(clients.account, WORKSPACE, USER_A)).toBe('deleted')
    expect(emu.ws().assignments.has(USER_A)).toBe(false)
    expect(emu.ws().assignments.has(USER_B)).toBe(true)
    await updatePermissionAssignment(clients.account, WORKSPACE, USER_A, ['ADMIN'])
    const listed = await listPermissionAssignments(clients.account, WORKSPACE)
    expect(listed.find((a) => a.principal.principal_id === USER_A)?.permissions).toEqual(['ADMIN'])
    expect(listed.find((a) => a.principal.principal_id === USER_B)?.permissions).toEqual(['USER'])
  })
})
