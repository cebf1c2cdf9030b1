import { describe, expect, it } from '@jest/globals'
import { jobRuns, type RunState } from '../../src/resources/job-runs.js'
import type { Inventory, Observed } from '../../src/resources/resource.js'
import { useKindApi } from './kind-api.js'

const api = useKindApi()

const item = (life_cycle_state: string, active = true, job_id?: string): Observed<RunState> => ({
  id: '5',
  name: 'run 5',
  state: { life_cycle_state, ...(job_id ? { job_id } : {}) },
  active,
  detail: life_cycle_state,
})

describe('job runs: listing', () => {
  it('lists the active runs only, with their life cycle state and job', async () => {
    api.routes.set('GET /api/2.2/jobs/runs/list', {
      runs: [
        { run_id: 1, job_id: 7, run_name: 'nightly', state: { life_cycle_state: 'RUNNING' } },
        { run_id: 2, state: { life_cycle_state: 'PENDING' }, status: { state: 'QUEUED' } },
        { run_id: 3, status: { state: 'BLOCKED' } },
        { run_id: 4, state: {} },
        { run_id: 5, state: { life_cycle_state: 'TERMINATING' } },
        { run_id: 6, state: { life_cycle_state: 'TERMINATED' } },
        { run_id: 7, state: { life_cycle_state: 'SKIPPED' } },
        { run_id: 8, state: { life_cycle_state: 'INTERNAL_ERROR' } },
      ],
      has_more: false,
    })
    const items = await jobRuns.list(api.ctx)
    expect(items).toStrictEqual([
      {
        id: '1',
        name: 'nightly',
        state: { life_cycle_state: 'RUNNING', job_id: '7' },
        active: true,
        detail: 'RUNNING',
      },
      ...(
        [
          ['2', 'PENDING', true],
          ['3', 'BLOCKED', true],
          ['4', 'UNKNOWN', true],
          ['5', 'TERMINATING', false],
          ['6', 'TERMINATED', false],
          ['7', 'SKIPPED', false],
          ['8', 'INTERNAL_ERROR', false],
        ] as const
      ).map(([id, state, active]) => ({
        id,
        name: `run ${id}`,
        state: { life_cycle_state: state },
        active,
        detail: state,
      })),
    ])
    expect(api.requests.map((r) => [r.path, r.query])).toEqual([
      ['/api/2.2/jobs/runs/list', { active_only: 'true', limit: '25' }],
    ])
  })

  it('keeps the runs of kept jobs', () => {
    const runs = [item('RUNNING', true, '7'), item('RUNNING', true, '8'), item('RUNNING')]
    const job = (id: string, kept?: string) => ({
      id,
      name: id,
      state: {},
      active: true,
      detail: '',
      ...(kept ? { kept } : {}),
    })
    const inventory: Inventory = { jobs: [job('7', 'tagged'), job('8')] }
    jobRuns.refine!(runs, inventory)
    expect(runs.map((r) => r.kept)).toEqual(['run of kept job 7', undefined, undefined])
  })
})

describe('job runs: stop and restore', () => {
  it('cancels what is active, after the jobs, listed again late', () => {
    expect(jobRuns.halted(item('RUNNING', true, '7'))).toStrictEqual({
      life_cycle_state: 'TERMINATED',
      job_id: '7',
    })
    expect(jobRuns.halted(item('TERMINATING', false))).toBeUndefined()
    expect([jobRuns.kind, jobRuns.startedBy, jobRuns.sweep, jobRuns.late?.after]).toEqual([
      'job_runs',
      ['jobs'],
      true,
      ['jobs'],
    ])
    expect(jobRuns.late!.accept(item('RUNNING'))).toBe(true)
    expect(jobRuns.describe({ life_cycle_state: 'QUEUED' })).toBe('QUEUED')
    expect(jobRuns.drained!(item('TERMINATED', false))).toBe(false)
  })

  it('cancels through runs/cancel; a restore writes nothing', async () => {
    api.routes.set('POST /api/2.2/jobs/runs/cancel', {})
    await jobRuns.halt(api.ctx, item('RUNNING'), { life_cycle_state: 'TERMINATED' })
    const rec = {
      id: '5',
      name: 'run 5',
      before: { life_cycle_state: 'RUNNING' },
      after: { life_cycle_state: 'TERMINATED' },
    }
    await jobRuns.write(api.ctx, rec, rec.before, undefined)
    expect(api.writes().map((r) => [r.path, r.body])).toEqual([
      ['/api/2.2/jobs/runs/cancel', { run_id: 5 }],
    ])
    expect(jobRuns.decideRestore(rec, undefined, { force: true, restartCompute: true })).toEqual({
      outcome: 'left_off',
      detail: 'cancelled runs are not restarted; jobs start new runs on their next trigger',
    })
  })

  it('checks a record: only the life cycle state changed, to TERMINATED', () => {
    const check = (before: unknown, after: unknown) =>
      jobRuns.checkRecord!({ id: '5', name: 'r', before, after } as never)
    expect(
      check(
        { life_cycle_state: 'RUNNING', job_id: '7' },
        { life_cycle_state: 'TERMINATED', job_id: '7' },
      ),
    ).toBeUndefined()
    expect(check(null, { life_cycle_state: 'TERMINATED' })).toBe('before/after: not a run state')
    expect(check({ life_cycle_state: 'RUNNING' }, [])).toBe('before/after: not a run state')
    expect(check({ life_cycle_state: 'RUNNING' }, { life_cycle_state: 'RUNNING' })).toBe(
      'life_cycle_state: after must be TERMINATED',
    )
    expect(
      check({ life_cycle_state: 'RUNNING', job_id: '7' }, { life_cycle_state: 'TERMINATED' }),
    ).toBe('job_id: differs between before and after')
  })
})
