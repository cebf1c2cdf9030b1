import { describe, expect, it } from '@jest/globals'
import {
  checkComputeRecord,
  computeRules,
  decideComputeRestore,
  haltedCompute,
  observeCompute,
  type ComputeRules,
  type ComputeState,
} from '../../src/resources/compute.js'
import type { Observed, Recorded, RestoreOptions } from '../../src/resources/resource.js'

/** Rules as a compute kind states them; `restartable` as pipelines have it, in some tests. */
const rules: ComputeRules = {
  noun: 'engine',
  running: new Set(['UP', 'WARMING']),
  stoppedState: 'DOWN',
}
const onlyFlagged: ComputeRules = { ...rules, restartable: (before) => before.continuous === true }

const record = (before: ComputeState, after: ComputeState = { ...before, state: 'DOWN' }) => ({
  id: 'e1',
  name: 'e1',
  before,
  after,
})
const item = (state: string, extra: Partial<ComputeState> = {}): Observed<ComputeState> => ({
  id: 'e1',
  name: 'e1',
  state: { state, ...extra },
  active: false,
  detail: state,
})
const options = (o: Partial<RestoreOptions> = {}): RestoreOptions => ({
  force: false,
  restartCompute: true,
  ...o,
})

describe('checkComputeRecord: a compute record may only say "was running, stop stopped it"', () => {
  const check = (before: unknown, after: unknown, wasRunning?: (s: string) => boolean) =>
    checkComputeRecord(rules, { id: 'e1', name: 'e1', before, after }, wasRunning)

  it('accepts a running state stopped, with any other field unchanged', () => {
    expect(check({ state: 'UP' }, { state: 'DOWN' })).toBeUndefined()
    expect(check({ state: 'WARMING', continuous: true }, { state: 'DOWN', continuous: true })).toBe(
      undefined,
    )
  })

  it('refuses a value that is not an object, before or after', () => {
    expect(check(null, { state: 'DOWN' })).toBe('before/after: not a compute state')
    expect(check({ state: 'UP' }, 'DOWN')).toBe('before/after: not a compute state')
    expect(check([], [])).toBe('before/after: not a compute state')
  })

  it('refuses a before that was not running, by the rules or by the kind’s own test', () => {
    expect(check({ state: 'DOWN' }, { state: 'DOWN' })).toBe(
      'state: before is DOWN, not a running state',
    )
    expect(check({}, { state: 'DOWN' })).toBe('state: before is undefined, not a running state')
    expect(check({ state: 7 }, { state: 'DOWN' }, () => true)).toBe(
      'state: before is 7, not a running state',
    )
    expect(check({ state: 'ODD' }, { state: 'DOWN' }, (s) => s === 'ODD')).toBeUndefined()
    expect(check({ state: 'UP' }, { state: 'DOWN' }, (s) => s === 'ODD')).toBe(
      'state: before is UP, not a running state',
    )
  })

  it('refuses an after other than the stopped state, and any other field changed', () => {
    expect(check({ state: 'UP' }, { state: 'UP' })).toBe('state: after must be DOWN')
    expect(check({ state: 'UP' }, {})).toBe('state: after must be DOWN')
    expect(check({ state: 'UP', continuous: true }, { state: 'DOWN' })).toBe(
      'continuous: differs between before and after',
    )
    expect(check({ state: 'UP', b: 1, a: 1 }, { state: 'DOWN', b: 2, a: 2 })).toBe(
      'a: differs between before and after',
    )
  })
})

describe('haltedCompute and observeCompute', () => {
  it('stops a running item, keeping its other fields; nothing to do for a stopped one', () => {
    expect(haltedCompute(rules, item('UP', { continuous: true }))).toStrictEqual({
      state: 'DOWN',
      continuous: true,
    })
    expect(haltedCompute(rules, item('WARMING'))).toStrictEqual({ state: 'DOWN' })
    expect(haltedCompute(rules, item('DOWN'))).toBeUndefined()
    expect(haltedCompute(rules, item('ERROR'))).toBeUndefined()
  })

  it('lists an item as active exactly in a running state', () => {
    expect(observeCompute(rules, 'i', 'n', 'UP')).toStrictEqual({
      id: 'i',
      name: 'n',
      state: { state: 'UP' },
      active: true,
      detail: 'UP',
    })
    expect(observeCompute(rules, 'i', 'n', 'DOWN')).toStrictEqual({
      id: 'i',
      name: 'n',
      state: { state: 'DOWN' },
      active: false,
      detail: 'DOWN',
    })
  })
})

describe('decideComputeRestore: started again only on request, only from the stopped state', () => {
  const decide = (
    before: ComputeState,
    now: string | undefined,
    o: Partial<RestoreOptions> = {},
    r: ComputeRules = rules,
  ) =>
    decideComputeRestore(r, record(before), now === undefined ? undefined : item(now), options(o))

  it('reports an item that is gone', () => {
    expect(decide({ state: 'UP' }, undefined)).toEqual({
      outcome: 'gone',
      detail: 'engine no longer exists',
    })
  })

  it('never starts what was not running, nor what the kind will not restart', () => {
    expect(decide({ state: 'DOWN' }, 'DOWN')).toEqual({
      outcome: 'unchanged',
      detail: 'was DOWN; not started',
    })
    expect(decide({ state: 'UP' }, 'DOWN', {}, onlyFlagged)).toEqual({
      outcome: 'unchanged',
      detail: 'was UP; not started',
    })
    expect(decide({ state: 'UP', continuous: false }, 'DOWN', {}, onlyFlagged)).toEqual({
      outcome: 'unchanged',
      detail: 'was UP; not started',
    })
    expect(decide({ state: 'UP', continuous: true }, 'DOWN', {}, onlyFlagged)).toEqual({
      outcome: 'changed',
      detail: 'DOWN → starting',
      write: { state: 'UP', continuous: true },
    })
  })

  it('leaves alone what runs already', () => {
    expect(decide({ state: 'UP' }, 'WARMING')).toEqual({
      outcome: 'unchanged',
      detail: 'already WARMING',
    })
  })

  it('without the flag, says which option starts it, as the CLI or the Action names it', () => {
    expect(decide({ state: 'WARMING' }, 'DOWN', { restartCompute: false })).toEqual({
      outcome: 'left_off',
      detail: 'left DOWN (was WARMING); --restart-compute starts it',
    })
    expect(decide({ state: 'UP' }, 'DOWN', { restartCompute: false, face: 'action' })).toEqual({
      outcome: 'left_off',
      detail: 'left DOWN (was UP); restart-compute: true starts it',
    })
  })

  it('does not start what is still on its way down, and says to run restore again', () => {
    expect(decide({ state: 'UP' }, 'STOPPING')).toEqual({
      outcome: 'left_off',
      detail: 'still STOPPING; not started (run restore --restart-compute again later)',
    })
    expect(decide({ state: 'UP' }, 'STOPPING', { face: 'action' })).toEqual({
      outcome: 'left_off',
      detail:
        'still STOPPING; not started (run mode: restore with restart-compute: true again later)',
    })
  })

  it('starts exactly what the stop found running', () => {
    expect(decide({ state: 'WARMING' }, 'DOWN')).toEqual({
      outcome: 'changed',
      detail: 'DOWN → starting',
      write: { state: 'WARMING' },
    })
  })
})

describe('computeRules: the three pure parts a compute kind takes as they are', () => {
  const rec: Recorded<ComputeState> = record({ state: 'UP' })

  it('halts, checks and decides by the rules given', () => {
    const kind = computeRules(rules)
    expect(kind.halted(item('UP'))).toStrictEqual({ state: 'DOWN' })
    expect(kind.halted(item('DOWN'))).toBeUndefined()
    expect(kind.checkRecord!(rec)).toBeUndefined()
    expect(kind.checkRecord!({ ...rec, after: { state: 'UP' } })).toBe('state: after must be DOWN')
    expect(kind.decideRestore(rec, item('DOWN'), options())).toEqual({
      outcome: 'changed',
      detail: 'DOWN → starting',
      write: { state: 'UP' },
    })
  })
})
