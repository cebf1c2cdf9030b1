import { describe, expect, it } from '@jest/globals'
import {
  checkPausedOnly,
  clone,
  decideWholeRestore,
  deepEqual,
  differingKeys,
  hasKeepTag,
  isObject,
  keptJobIds,
  matchesWhole,
  pauseOf,
  withPauseStatus,
  type WholeValue,
} from '../../src/resources/compare.js'
import type { Inventory, Observed, RestoreOptions } from '../../src/resources/resource.js'

describe('deepEqual: what restore calls "the same"', () => {
  it('is equal for equal JSON whatever the key order, and for an absent key and undefined', () => {
    expect(deepEqual({ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 })).toBe(true)
    expect(deepEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true)
    expect(deepEqual(null, null)).toBe(true)
    expect(deepEqual([], [])).toBe(true)
  })

  it('tells apart every kind of difference', () => {
    expect(deepEqual({ a: 1 }, { a: 2 })).toBe(false)
    expect(deepEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false)
    expect(deepEqual({ a: 1, b: 2 }, { a: 1 })).toBe(false)
    expect(deepEqual([1, 2], [2, 1])).toBe(false)
    expect(deepEqual([1, 2], [1, 2, 3])).toBe(false)
    expect(deepEqual([1, 2, 3], [1, 2])).toBe(false)
    expect(deepEqual({ 0: 'a' }, ['a'])).toBe(false)
    expect(deepEqual(['a'], { 0: 'a' })).toBe(false)
    expect(deepEqual(null, {})).toBe(false)
    expect(deepEqual({}, null)).toBe(false)
    expect(deepEqual('1', 1)).toBe(false)
    expect(deepEqual('a', 'b')).toBe(false)
    expect(deepEqual({ a: { b: [1] } }, { a: { b: [2] } })).toBe(false)
    // An object against a primitive, either way round; an array with a trailing undefined (JSON
    // writes it as null) against one without.
    expect(deepEqual({}, 1)).toBe(false)
    expect(deepEqual(1, {})).toBe(false)
    expect(deepEqual([1, undefined], [1])).toBe(false)
  })
})

describe('small helpers', () => {
  it('isObject is a plain object only', () => {
    expect(isObject({})).toBe(true)
    expect([null, [], 'x', 1, undefined].map(isObject)).toEqual([false, false, false, false, false])
  })

  it('differingKeys lists, sorted, the keys whose values differ, less the ignored', () => {
    expect(differingKeys({ b: 1, a: 1, c: 1, d: 1 }, { a: 2, b: 2, c: 1 })).toEqual(['a', 'b', 'd'])
    expect(differingKeys({ a: 1, p: 1 }, { a: 2, p: 2 }, ['p'])).toEqual(['a'])
    expect(differingKeys({}, {})).toEqual([])
  })

  it('pauseOf reads an omitted pause status as UNPAUSED', () => {
    expect(pauseOf({ pause_status: 'PAUSED' })).toBe('PAUSED')
    expect(pauseOf({})).toBe('UNPAUSED')
    expect(pauseOf(null)).toBe('UNPAUSED')
    expect(pauseOf(undefined)).toBe('UNPAUSED')
  })

  it('withPauseStatus spells the status out and leaves no block alone', () => {
    expect(withPauseStatus({ cron: 'x' })).toEqual({ cron: 'x', pause_status: 'UNPAUSED' })
    expect(withPauseStatus({ pause_status: 'PAUSED' })).toEqual({ pause_status: 'PAUSED' })
    expect(withPauseStatus(undefined)).toBeUndefined()
    expect(withPauseStatus(null)).toBeNull()
  })

  it('clone is a deep copy that shares nothing', () => {
    const value = { a: [{ b: 1 }] }
    const copy = clone(value)
    expect(copy).toEqual(value)
    copy.a[0]!.b = 2
    expect(value.a[0]!.b).toBe(1)
    expect(clone(undefined)).toBeUndefined()
  })

  it('hasKeepTag reads a tag map and a key/value list, in any case, and nothing else', () => {
    expect(hasKeepTag({ 'databricks-halt': 'KEEP' })).toBe(true)
    expect(hasKeepTag(undefined, [{ key: 'databricks-halt', value: 'Keep' }])).toBe(true)
    expect(hasKeepTag({ 'databricks-halt': 'no' })).toBe(false)
    expect(hasKeepTag({ 'databricks-halt': true })).toBe(false)
    expect(hasKeepTag({ other: 'keep' })).toBe(false)
    expect(hasKeepTag([{ key: 'other', value: 'keep' }])).toBe(false)
    expect(hasKeepTag([{ key: 'databricks-halt', value: 'no' }])).toBe(false)
    expect(hasKeepTag([null, 'keep'])).toBe(false)
    // One keep tag among others is enough.
    expect(
      hasKeepTag([
        { key: 'team', value: 'data' },
        { key: 'databricks-halt', value: 'keep' },
      ]),
    ).toBe(true)
    expect(hasKeepTag('databricks-halt', null, undefined)).toBe(false)
    expect(hasKeepTag()).toBe(false)
  })

  it('keptJobIds is the ids of the kept jobs only', () => {
    const job = (id: string, kept?: string) => ({
      id,
      name: id,
      active: true,
      detail: '',
      state: {},
      kept,
    })
    const inventory = {
      jobs: [job('1'), job('2', 'tagged'), job('3', 'tagged')],
    } as unknown as Inventory
    expect([...keptJobIds(inventory)]).toEqual(['2', '3'])
    expect(keptJobIds({} as Inventory).size).toBe(0)
  })
})

describe('checkPausedOnly: a record a stop only paused', () => {
  it('accepts before and after that differ only in a pause to PAUSED', () => {
    expect(checkPausedOnly({ cron: 'x' }, { cron: 'x', pause_status: 'PAUSED' })).toBeUndefined()
    expect(
      checkPausedOnly(
        { cron: 'x', pause_status: 'UNPAUSED' },
        { cron: 'x', pause_status: 'PAUSED' },
      ),
    ).toBeUndefined()
  })

  it('names the first field a forged record changes besides the pause', () => {
    expect(checkPausedOnly({ cron: 'x' }, { cron: 'y', pause_status: 'PAUSED' }, 'schedule.')).toBe(
      'schedule.cron: differs between before and after (a halt changes only pause_status)',
    )
    expect(checkPausedOnly({ a: 1, b: 1 }, { a: 2, b: 2, pause_status: 'PAUSED' })).toBe(
      'a: differs between before and after (a halt changes only pause_status)',
    )
  })

  it('refuses an after that is not paused, a before already paused, and non-objects', () => {
    expect(checkPausedOnly({}, { pause_status: 'UNPAUSED' }, 'trigger.')).toBe(
      'trigger.pause_status: after must be PAUSED',
    )
    expect(checkPausedOnly({}, {})).toBe('pause_status: after must be PAUSED')
    expect(checkPausedOnly({ pause_status: 'PAUSED' }, { pause_status: 'PAUSED' }, 's.')).toBe(
      's.pause_status: before was already PAUSED',
    )
    expect(checkPausedOnly(null, {}, 'schedule')).toBe('schedule: not an object')
    expect(checkPausedOnly({}, [])).toBe('before/after: not an object')
  })
})

describe('decideWholeRestore: a value put back whole', () => {
  const value: WholeValue<string> = {
    noun: 'the widget',
    edited: 'edited',
    same: (a, b) => a === b,
    show: (s) => `<${s}>`,
  }
  const record = { id: '1', name: 'w', before: 'RUNNING', after: 'STOPPED' }
  const now = (state: string): Observed<string> => ({
    id: '1',
    name: 'w',
    active: true,
    detail: '',
    state,
  })
  const opts = (force = false) => ({ force }) as RestoreOptions

  it('puts back what the stop left, and leaves what is already back', () => {
    expect(decideWholeRestore(value, record, now('STOPPED'), opts())).toEqual({
      outcome: 'changed',
      detail: '<STOPPED> → <RUNNING>',
      write: 'RUNNING',
    })
    expect(decideWholeRestore(value, record, now('RUNNING'), opts())).toEqual({
      outcome: 'unchanged',
      detail: 'already <RUNNING>',
    })
    expect(decideWholeRestore(value, record, undefined, opts())).toEqual({
      outcome: 'gone',
      detail: 'the widget no longer exists',
    })
  })

  it('leaves a hand edit as edited, shown its own way, unless forced', () => {
    expect(decideWholeRestore(value, record, now('PAUSED'), opts())).toEqual({
      outcome: 'conflict',
      detail: 'edited during the halt (now <PAUSED>); left as edited',
    })
    const own = { ...value, showNow: (s: string) => `now:${s}` }
    expect(decideWholeRestore(own, record, now('PAUSED'), opts())).toMatchObject({
      detail: 'edited during the halt (now now:PAUSED); left as edited',
    })
    expect(decideWholeRestore(value, record, now('PAUSED'), opts(true))).toEqual({
      outcome: 'changed',
      detail: '<PAUSED> → <RUNNING>',
      write: 'RUNNING',
    })
  })

  it('verifies the value written, and nothing for an item gone', () => {
    const matches = matchesWhole(value)
    expect(matches(now('RUNNING'), 'RUNNING')).toBe(true)
    expect(matches(now('STOPPED'), 'RUNNING')).toBe(false)
    expect(matches(undefined, 'RUNNING')).toBe(false)
  })
})
