import { describe, expect, it } from '@jest/globals'
import { UsageError } from '../../src/errors.js'
import { dropUnkept, keepValues } from '../../src/engine/keep-list.js'
import type { AssignmentState, Principal } from '../../src/resources/permission-assignments.js'
import type { Observed } from '../../src/resources/resource.js'

function assignment(principal: Principal | null): Observed<AssignmentState> {
  return {
    id: principal?.principal_id ?? '0',
    name: principal?.display_name ?? '',
    state: principal ? { principal, permissions: ['USER'] } : null,
    active: true,
    detail: '',
  }
}

const assignments = [
  assignment(null),
  assignment({ principal_id: '10', user_name: 'alice@example.com', display_name: 'Team' }),
  assignment({ principal_id: '20', group_name: 'ops-group', display_name: 'Team' }),
  assignment({ principal_id: '30', user_name: 'bob@example.com', display_name: 'Bob' }),
]

describe('keepValues', () => {
  it('joins inherited and given values, trimmed, first seen first, case-insensitively once', () => {
    expect(keepValues({ inherited: ['a', 'ops '], given: [' Ops', 'b', 'A '] })).toEqual([
      'a',
      'ops',
      'b',
    ])
    expect(keepValues({ inherited: [], given: [] })).toEqual([])
  })

  it('compares lower-cased (ß and SS differ)', () => {
    expect(keepValues({ inherited: ['straße'], given: ['STRASSE'] })).toEqual(['straße', 'STRASSE'])
  })
})

describe('dropUnkept', () => {
  it('keeps the list as it is without --unkeep', () => {
    expect(dropUnkept(['a', 'b'], [], undefined)).toEqual(['a', 'b'])
    expect(dropUnkept(['a', 'b'], [], assignments)).toEqual(['a', 'b'])
  })

  it('drops a value by its name, trimmed and in any case', () => {
    expect(dropUnkept(['ops', 'Bob'], [' OPS '], undefined)).toEqual(['Bob'])
    expect(dropUnkept(['ops', 'bob@example.com'], ['OPS'], assignments)).toEqual([
      'bob@example.com',
    ])
  })

  it('drops a value that resolves only to the unkept principal', () => {
    expect(dropUnkept(['alice@example.com', 'Bob', 'Team'], ['10'], assignments)).toEqual([
      'Bob',
      'Team',
    ])
  })

  it('refuses an --unkeep that drops nothing, listing the keep list', () => {
    const run = () => dropUnkept(['ghost', 'alice@example.com'], ['typo', 'Nobody'], assignments)
    expect(run).toThrow(UsageError)
    expect(run).toThrow(
      '--unkeep "typo", "Nobody" is not in the keep list (ghost, alice@example.com). Check the ' +
        'spelling; nothing was changed.',
    )
  })

  it('refuses an --unkeep of one of several principals a value names', () => {
    expect(() => dropUnkept(['Team'], ['10'], assignments)).toThrow(
      '--unkeep "10" is not in the keep list (Team). Check the spelling; nothing was changed.',
    )
  })

  it('refuses an --unkeep against an empty keep list (Action)', () => {
    expect(() => dropUnkept([], ['ops'], undefined, 'action')).toThrow(
      'unkeep-principals "ops" is not in the keep list (empty). Check the spelling; nothing was ' +
        'changed.',
    )
  })
})
