import { describe, expect, it } from '@jest/globals'
import type {
  Continuous,
  CronSchedule,
  PauseStatus,
  TriggerSettings,
} from '../../src/databricks/jobs.js'
import { checkJobRecord, jobs, observe, type JobState } from '../../src/resources/jobs.js'
import type { Observed, Recorded, RestoreOptions } from '../../src/resources/resource.js'

/**
 * The pure parts of the jobs kind, in-process and fast: what a stop pauses, what restore decides
 * block by block, what verify accepts, how two stops merge and what a record may hold. The
 * engine-level behaviour against the emulator is in jobs.test.ts.
 */

const cron = { quartz_cron_expression: '0 0 5 * * ?', timezone_id: 'Europe/Amsterdam' }
/** Each block, with the given pause_status or none (an omitted one means UNPAUSED). */
const pausing = (pause?: PauseStatus) => (pause ? { pause_status: pause } : {})
const schedule = (pause?: PauseStatus): CronSchedule => ({ ...cron, ...pausing(pause) })
const fileArrival = {
  file_arrival: { url: 's3://landing/in/', min_time_between_triggers_seconds: 60 },
}
const trigger = (pause?: PauseStatus): TriggerSettings => ({ ...fileArrival, ...pausing(pause) })
const continuous = (pause?: PauseStatus): Continuous => ({
  task_retry_mode: 'ON_FAILURE',
  ...pausing(pause),
})
const periodic = (pause?: PauseStatus): TriggerSettings => ({
  periodic: { interval: 1, unit: 'DAYS' },
  ...pausing(pause),
})
const table = (pause?: PauseStatus): TriggerSettings => ({
  table_update: { table_names: ['main.s.t'] },
  ...pausing(pause),
})

const item = (state: JobState): Observed<JobState> => ({
  id: '9007199254740993001',
  name: 'etl',
  state,
  active: true,
  detail: '',
})
const record = (before: JobState, after: JobState): Recorded<JobState> => ({
  id: '9007199254740993001',
  name: 'etl',
  before,
  after,
})
const options = (force = false): RestoreOptions => ({ force, restartCompute: false })
const rec = (before: unknown, after: unknown): Recorded<unknown> => ({
  id: '1',
  name: 'x',
  before,
  after,
})

describe('jobs: the kind', () => {
  it('is the jobs kind, started by nothing else', () => {
    expect(jobs.kind).toBe('jobs')
    expect(jobs.startedBy).toEqual([])
  })
})

describe('jobs: what a listing shows', () => {
  it('copies the four blocks, names the job, and is active when any block is unpaused', () => {
    const job = {
      job_id: '42',
      settings: {
        name: 'nightly',
        schedule: schedule('PAUSED'),
        trigger: trigger('UNPAUSED'),
        tags: { team: 'etl' },
        max_concurrent_runs: 1,
      },
    }
    const seen = observe(job)
    expect(seen).toStrictEqual({
      id: '42',
      name: 'nightly',
      state: { schedule: schedule('PAUSED'), trigger: trigger('UNPAUSED') },
      active: true,
      detail: 'schedule PAUSED, trigger UNPAUSED',
    })
    // A copy: a later change to the listing does not reach the state recorded from it.
    job.settings.schedule.pause_status = 'UNPAUSED'
    expect(seen.state.schedule).toEqual(schedule('PAUSED'))
  })

  it('names a job without settings by its id, with nothing to halt', () => {
    expect(observe({ job_id: '7' })).toStrictEqual({
      id: '7',
      name: 'job 7',
      state: {},
      active: false,
      detail: 'no schedule or trigger',
    })
    expect(observe({ job_id: '8', settings: { name: 'n', schedule: schedule('PAUSED') } })).toEqual(
      {
        id: '8',
        name: 'n',
        state: { schedule: schedule('PAUSED') },
        active: false,
        detail: 'schedule PAUSED',
      },
    )
  })

  it('an omitted pause_status is unpaused; a keep tag marks the job kept', () => {
    expect(
      observe({
        job_id: '5',
        settings: {
          name: 'multi',
          triggers: [periodic('PAUSED'), table()],
          tags: { 'databricks-halt': 'Keep' },
        },
      }),
    ).toStrictEqual({
      id: '5',
      name: 'multi',
      state: { triggers: [periodic('PAUSED'), table()] },
      active: true,
      detail: 'triggers[PAUSED,UNPAUSED]',
      kept: 'tagged databricks-halt: keep',
    })
    expect(observe({ job_id: '6', settings: { continuous: continuous() } }).active).toBe(true)
  })
})

describe('jobs: describe', () => {
  it('lists the blocks in order, each with its pause status', () => {
    expect(
      jobs.describe({
        triggers: [periodic('PAUSED'), table()],
        continuous: continuous('PAUSED'),
        trigger: trigger('PAUSED'),
        schedule: schedule(),
      }),
    ).toBe('schedule UNPAUSED, trigger PAUSED, continuous PAUSED, triggers[PAUSED,UNPAUSED]')
  })

  it('says when there is nothing, and shows a triggers value that is not an array as empty', () => {
    expect(jobs.describe({})).toBe('no schedule or trigger')
    expect(jobs.describe({ schedule: undefined })).toBe('no schedule or trigger')
    expect(jobs.describe({ triggers: {} })).toBe('triggers[]')
    expect(jobs.describe({ triggers: [] })).toBe('triggers[]')
  })
})

describe('jobs: what a stop sets', () => {
  it('pauses each unpaused block whole, config kept, and leaves paused blocks out', () => {
    const state = {
      schedule: schedule('UNPAUSED'),
      trigger: trigger(),
      continuous: continuous('PAUSED'),
    }
    expect(jobs.halted(item(state))).toStrictEqual({
      schedule: schedule('PAUSED'),
      trigger: trigger('PAUSED'),
    })
    // The listing's blocks are not changed.
    expect(state.trigger).toEqual(trigger())
    expect(jobs.halted(item({ continuous: continuous() }))).toStrictEqual({
      continuous: continuous('PAUSED'),
    })
  })

  it('pauses every element of a triggers array when any is unpaused', () => {
    expect(jobs.halted(item({ triggers: [periodic('PAUSED'), table()] }))).toStrictEqual({
      triggers: [periodic('PAUSED'), table('PAUSED')],
    })
    expect(jobs.halted(item({ triggers: [table('UNPAUSED')] }))).toStrictEqual({
      triggers: [table('PAUSED')],
    })
  })

  it('has nothing to do when every block is paused, absent, null or not an array of triggers', () => {
    expect(jobs.halted(item({}))).toBeUndefined()
    expect(
      jobs.halted(item({ schedule: schedule('PAUSED'), triggers: [periodic('PAUSED')] })),
    ).toBeUndefined()
    expect(jobs.halted(item({ schedule: null, trigger: null, triggers: null }))).toBeUndefined()
    expect(jobs.halted(item({ triggers: { pause_status: 'UNPAUSED' } }))).toBeUndefined()
    expect(jobs.halted(item({ triggers: [] }))).toBeUndefined()
    expect(jobs.halted(item({ schedule: null, trigger: trigger() }))).toStrictEqual({
      trigger: trigger('PAUSED'),
    })
  })

  it('records the pre-halt value of the paused blocks only', () => {
    expect(
      jobs.recordedBefore!(
        { schedule: schedule(), trigger: trigger('UNPAUSED'), continuous: continuous('PAUSED') },
        { schedule: schedule('PAUSED'), trigger: trigger('PAUSED') },
      ),
    ).toStrictEqual({ schedule: schedule(), trigger: trigger('UNPAUSED') })
    expect(jobs.recordedBefore!({ schedule: schedule() }, {})).toStrictEqual({})
  })
})

describe('jobs: stop twice', () => {
  const earlier = record(
    { schedule: schedule('UNPAUSED'), trigger: trigger('UNPAUSED') },
    { schedule: schedule('PAUSED'), trigger: trigger('PAUSED') },
  )

  it('keeps the blocks still as the earlier stop left them', () => {
    const still = jobs.stillHalted!
    expect(still(earlier, undefined)).toBeUndefined()
    expect(
      still(earlier, item({ schedule: schedule('PAUSED'), trigger: trigger('PAUSED') })),
    ).toEqual(earlier)
    // The trigger was unpaused by hand during the halt: only the schedule is still halted.
    expect(
      still(earlier, item({ schedule: schedule('PAUSED'), trigger: trigger('UNPAUSED') })),
    ).toStrictEqual({
      id: earlier.id,
      name: 'etl',
      before: { schedule: schedule('UNPAUSED') },
      after: { schedule: schedule('PAUSED') },
    })
    expect(still(earlier, item({ schedule: schedule(), trigger: trigger() }))).toBeUndefined()
    expect(still(earlier, item({}))).toBeUndefined()
    // A block the earlier stop did not pause is no part of what it keeps.
    expect(
      still(
        record({ schedule: schedule() }, { schedule: schedule('PAUSED') }),
        item({ schedule: schedule('PAUSED'), continuous: continuous('PAUSED') }),
      ),
    ).toStrictEqual({
      id: earlier.id,
      name: 'etl',
      before: { schedule: schedule() },
      after: { schedule: schedule('PAUSED') },
    })
  })

  it('merges per block: the earlier before wins, the later after wins, new blocks are added', () => {
    const tBefore = { ...trigger('UNPAUSED'), note: 'earliest' }
    expect(
      jobs.merge!(
        { before: { schedule: schedule(), trigger: tBefore }, after: { schedule: 1, trigger: 2 } },
        {
          before: { trigger: trigger('PAUSED'), continuous: continuous() },
          after: { trigger: 3, continuous: 4 },
        },
      ),
    ).toStrictEqual({
      before: { schedule: schedule(), trigger: tBefore, continuous: continuous() },
      after: { schedule: 1, trigger: 3, continuous: 4 },
    })
  })
})

describe('jobs: what restore decides', () => {
  const before = { schedule: schedule('UNPAUSED'), trigger: trigger() }
  const after = { schedule: schedule('PAUSED'), trigger: trigger('PAUSED') }
  const edited = { ...cron, quartz_cron_expression: '0 30 6 * * ?', pause_status: 'PAUSED' }
  const otherTrigger = { file_arrival: { url: 's3://elsewhere/' }, pause_status: 'PAUSED' }
  const decide = (now: JobState | undefined, force = false, r = record(before, after)) =>
    jobs.decideRestore(r, now === undefined ? undefined : item(now), options(force))

  it('a job that is gone', () => {
    expect(decide(undefined)).toEqual({ outcome: 'gone', detail: 'job no longer exists' })
  })

  it('unpauses every block still as the stop left it', () => {
    expect(decide(after)).toStrictEqual({
      outcome: 'changed',
      detail: 'schedule UNPAUSED, trigger UNPAUSED restored',
      write: before,
    })
  })

  it('writes only the blocks not already as before, and does not say already then', () => {
    expect(decide({ schedule: schedule(), trigger: trigger('PAUSED') })).toStrictEqual({
      outcome: 'changed',
      detail: 'trigger UNPAUSED restored',
      write: { trigger: trigger() },
    })
  })

  it('calls a job already as before unchanged, an omitted pause_status being UNPAUSED', () => {
    expect(decide({ schedule: schedule(), trigger: trigger('UNPAUSED') })).toStrictEqual({
      outcome: 'unchanged',
      detail: 'already schedule UNPAUSED, trigger UNPAUSED',
    })
    const triggers = record(
      { triggers: [periodic('UNPAUSED'), table('PAUSED')] },
      {
        triggers: [periodic('PAUSED'), table('PAUSED')],
      },
    )
    expect(decide({ triggers: [periodic(), table('PAUSED')] }, false, triggers)).toStrictEqual({
      outcome: 'unchanged',
      detail: 'already triggers[UNPAUSED,PAUSED]',
    })
    expect(
      decide({ triggers: [periodic('PAUSED'), table('PAUSED')] }, false, triggers),
    ).toStrictEqual({
      outcome: 'changed',
      detail: 'triggers[UNPAUSED,PAUSED] restored',
      write: { triggers: [periodic('UNPAUSED'), table('PAUSED')] },
    })
  })

  it('leaves a block edited by hand during the halt, restoring the block beside it', () => {
    expect(decide({ schedule: edited, trigger: trigger('PAUSED') })).toStrictEqual({
      outcome: 'conflict',
      detail:
        'trigger UNPAUSED restored; schedule changed during the halt (now schedule PAUSED); left as edited',
      write: { trigger: trigger() },
    })
    expect(decide({ schedule: edited, trigger: otherTrigger })).toStrictEqual({
      outcome: 'conflict',
      detail:
        'schedule, trigger changed during the halt (now schedule PAUSED, trigger PAUSED); left as edited',
    })
    // One block already back, the other edited: the conflict alone is told.
    expect(decide({ schedule: schedule(), trigger: otherTrigger })).toStrictEqual({
      outcome: 'conflict',
      detail: 'trigger changed during the halt (now trigger PAUSED); left as edited',
    })
  })

  it('force writes an edited block back too', () => {
    expect(decide({ schedule: edited, trigger: otherTrigger }, true)).toStrictEqual({
      outcome: 'changed',
      detail: 'schedule UNPAUSED, trigger UNPAUSED restored',
      write: before,
    })
    expect(decide({ schedule: schedule(), trigger: otherTrigger }, true)).toStrictEqual({
      outcome: 'changed',
      detail: 'trigger UNPAUSED restored',
      write: { trigger: trigger() },
    })
  })

  it('a recorded block removed by hand is a conflict, triggers included', () => {
    expect(decide({ trigger: trigger('PAUSED') })).toStrictEqual({
      outcome: 'conflict',
      detail:
        'trigger UNPAUSED restored; schedule changed during the halt (now no schedule or trigger); left as edited',
      write: { trigger: trigger() },
    })
    const triggers = record({ triggers: [periodic()] }, { triggers: [periodic('PAUSED')] })
    expect(decide({}, false, triggers)).toStrictEqual({
      outcome: 'conflict',
      detail: 'triggers changed during the halt (now no schedule or trigger); left as edited',
    })
  })

  it('looks only at the recorded blocks', () => {
    const onlySchedule = record({ schedule: schedule() }, { schedule: schedule('PAUSED') })
    expect(
      decide({ schedule: schedule('PAUSED'), continuous: continuous() }, false, onlySchedule),
    ).toStrictEqual({
      outcome: 'changed',
      detail: 'schedule UNPAUSED restored',
      write: { schedule: schedule() },
    })
    expect(decide({ schedule: schedule() }, false, record({}, {}))).toStrictEqual({
      outcome: 'unchanged',
      detail: '',
    })
  })
})

describe('jobs: verify after a write', () => {
  const matches = jobs.matches!

  it('holds when every written block is there, an omitted pause_status being UNPAUSED', () => {
    const now = item({ schedule: schedule('UNPAUSED'), trigger: trigger() })
    expect(matches(now, { schedule: schedule() })).toBe(true)
    expect(matches(now, { trigger: trigger('UNPAUSED') })).toBe(true)
    expect(matches(now, { schedule: schedule(), trigger: trigger() })).toBe(true)
    expect(matches(item({ triggers: [periodic()] }), { triggers: [periodic('UNPAUSED')] })).toBe(
      true,
    )
  })

  it('fails on a gone job or any written block that differs', () => {
    const now = item({ schedule: schedule('PAUSED'), trigger: trigger() })
    expect(matches(undefined, { schedule: schedule() })).toBe(false)
    expect(matches(now, { schedule: schedule() })).toBe(false)
    expect(matches(now, { schedule: schedule(), trigger: trigger() })).toBe(false)
    expect(matches(now, { continuous: continuous() })).toBe(false)
  })
})

describe('jobs: what a record must hold', () => {
  it('accepts blocks only paused, triggers element by element', () => {
    expect(
      checkJobRecord(
        rec(
          { schedule: schedule('UNPAUSED'), trigger: trigger(), continuous: continuous() },
          {
            schedule: schedule('PAUSED'),
            trigger: trigger('PAUSED'),
            continuous: continuous('PAUSED'),
          },
        ),
      ),
    ).toBeUndefined()
    expect(
      checkJobRecord(
        rec(
          { triggers: [periodic('PAUSED'), table()] },
          { triggers: [periodic('PAUSED'), table('PAUSED')] },
        ),
      ),
    ).toBeUndefined()
    expect(
      checkJobRecord(rec({ triggers: [table('UNPAUSED')] }, { triggers: [table('PAUSED')] })),
    ).toBeUndefined()
    expect(
      jobs.checkRecord!(record({ schedule: schedule() }, { schedule: schedule('PAUSED') })),
    ).toBe(undefined)
  })

  it('refuses what is not two objects of blocks, or holds no block', () => {
    const notBlocks = 'before/after: not job settings blocks'
    expect(checkJobRecord(rec(null, { schedule: schedule('PAUSED') }))).toBe(notBlocks)
    expect(checkJobRecord(rec({ schedule: schedule() }, null))).toBe(notBlocks)
    expect(checkJobRecord(rec([], []))).toBe(notBlocks)
    expect(checkJobRecord(rec({}, {}))).toBe('no block recorded')
    expect(jobs.checkRecord!(record({}, {}))).toBe('no block recorded')
  })

  it('refuses a block a halt does not pause, or one on one side only', () => {
    expect(checkJobRecord(rec({ tags: {} }, { tags: {} }))).toBe(
      'tags: not a block a halt pauses (schedule, trigger, continuous, triggers)',
    )
    expect(checkJobRecord(rec({ schedule: schedule() }, {}))).toBe(
      'schedule: recorded in only one of before and after',
    )
    expect(checkJobRecord(rec({}, { trigger: trigger('PAUSED') }))).toBe(
      'trigger: recorded in only one of before and after',
    )
  })

  it('names the field of a block changed in more than its pause status, after the good blocks', () => {
    expect(
      checkJobRecord(
        rec(
          { schedule: schedule(), trigger: trigger() },
          { schedule: schedule('PAUSED'), trigger: { ...trigger('PAUSED'), file_arrival: {} } },
        ),
      ),
    ).toBe(
      'trigger.file_arrival: differs between before and after (a halt changes only pause_status)',
    )
    expect(
      checkJobRecord(
        rec(
          { schedule: schedule(), continuous: continuous() },
          {
            schedule: schedule('PAUSED'),
            continuous: continuous('UNPAUSED'),
          },
        ),
      ),
    ).toBe('continuous.pause_status: after must be PAUSED')
  })

  it('refuses triggers that are not two arrays of one length', () => {
    const shape = 'triggers: before and after must be arrays of the same length'
    const bad: [unknown, unknown][] = [
      [{}, {}],
      [[], { length: 0 }],
      [{ length: 0 }, []],
      [[table(), periodic()], [table('PAUSED')]],
      [[table()], [table('PAUSED'), periodic('PAUSED')]],
    ]
    for (const [b, a] of bad)
      expect(checkJobRecord(rec({ triggers: b }, { triggers: a }))).toBe(shape)
  })

  it('refuses a trigger element that is not an object, changed, or not paused after', () => {
    expect(
      checkJobRecord(rec({ triggers: [table(), null] }, { triggers: [table('PAUSED'), {}] })),
    ).toBe('triggers[1]: not an object')
    expect(checkJobRecord(rec({ triggers: [{}] }, { triggers: [null] }))).toBe(
      'triggers[0]: not an object',
    )
    expect(checkJobRecord(rec({ triggers: [null] }, { triggers: [{}] }))).toBe(
      'triggers[0]: not an object',
    )
    expect(
      checkJobRecord(
        rec(
          { triggers: [table(), periodic()] },
          {
            triggers: [
              table('PAUSED'),
              { periodic: { interval: 2, unit: 'DAYS' }, pause_status: 'PAUSED' },
            ],
          },
        ),
      ),
    ).toBe('triggers[1]: differs in more than pause_status')
    expect(
      checkJobRecord(
        rec({ triggers: [table(), periodic()] }, { triggers: [table('PAUSED'), periodic()] }),
      ),
    ).toBe('triggers[1].pause_status: after must be PAUSED')
    expect(
      checkJobRecord(rec({ triggers: [table('PAUSED')] }, { triggers: [table('PAUSED')] })),
    ).toBe('triggers: none was unpaused')
  })
})
