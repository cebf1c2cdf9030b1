import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { groupLookup } from '../../src/engine/principal-lookup.js'
import type { Runtime } from '../../src/engine/runtime.js'
import { startScimDirectory, type ScimDirectory } from './scim-directory.js'

/**
 * Finding a kept principal that is not assigned directly, in a canned account directory: by
 * user name, application id, display name (users, then service principals), or by SCIM id when
 * the value is a number, and the groups it belongs to (from its own `groups`, or by asking each
 * assigned group when a listing omits them).
 */
let dir: ScimDirectory
let lookup: ReturnType<typeof groupLookup>
const ASSIGNED = ['g1', 'g2', 'g3', 'g4']

beforeAll(async () => {
  dir = await startScimDirectory()
  dir.users.push(
    // First in every unfiltered listing: whatever finds it was not asked the right question.
    { id: '100', userName: 'decoy@example.com', displayName: 'Decoy' },
    {
      id: '101',
      userName: 'ada@example.com',
      displayName: 'Ada Lovelace',
      groups: [{ value: 'g1' }, { display: 'a group without a value' }, { value: 'g2' }],
    },
    { id: '102', userName: 'bob@example.com', displayName: 'Bob' },
  )
  dir.servicePrincipals.push(
    { id: '200', applicationId: 'app-decoy', displayName: 'Decoy SP' },
    { id: '201', applicationId: 'app-1', displayName: 'Deploy bot', groups: [{ value: 'g3' }] },
    { id: '202', applicationId: 'app-2', groups: [] },
    { id: '203' },
    { id: '204', applicationId: 'app-4', displayName: 'Nightly', groups: [] },
  )
  dir.groups.push(
    { id: 'g1', members: [{ value: '999' }, { value: '102' }] },
    { id: 'g2', members: [{ value: '999' }] },
    { id: 'g3' },
    { id: 'g4', members: [{ value: '102' }] },
  )
  // A group that cannot be read cannot be shown to contain anybody.
  dir.fail.set('Groups/g4', 500)
  lookup = groupLookup({ resCtx: { clients: { account: dir.account } } } as unknown as Runtime)
})
afterAll(async () => {
  await dir.close()
})
beforeEach(() => {
  dir.requests.length = 0
})

const asked = () =>
  dir.requests.map((r) => (r.query.filter ? `${r.what}?${r.query.filter}` : r.what))
const FILTERS = (v: string) => [
  `Users?userName eq "${v}"`,
  `ServicePrincipals?applicationId eq "${v}"`,
  `Users?displayName eq "${v}"`,
  `ServicePrincipals?displayName eq "${v}"`,
]

describe('groupLookup', () => {
  it('a user by user name, with the groups it lists (entries without a value left out)', async () => {
    expect(await lookup('ada@example.com', ASSIGNED)).toEqual({
      name: 'ada@example.com',
      groupIds: ['g1', 'g2'],
    })
    expect(asked()).toEqual(FILTERS('ada@example.com').slice(0, 1))
  })

  it('a service principal by application id, named by its display name', async () => {
    expect(await lookup('app-1', ASSIGNED)).toEqual({ name: 'Deploy bot', groupIds: ['g3'] })
    expect(asked()).toEqual(FILTERS('app-1').slice(0, 2))
  })

  it('a service principal without a display name is named by its application id', async () => {
    expect(await lookup('app-2', ASSIGNED)).toEqual({ name: 'app-2', groupIds: [] })
    expect(asked()).toEqual(FILTERS('app-2').slice(0, 2))
  })

  it('a user by display name, without groups in the listing: asks the assigned groups', async () => {
    expect(await lookup('Bob', ASSIGNED)).toEqual({ name: 'bob@example.com', groupIds: ['g1'] })
    expect(asked()).toEqual([
      ...FILTERS('Bob').slice(0, 3),
      'Groups/g1',
      'Groups/g2',
      'Groups/g3',
      'Groups/g4',
    ])
  })

  it('a service principal by display name; an empty groups list is an answer', async () => {
    expect(await lookup('Nightly', ASSIGNED)).toEqual({ name: 'Nightly', groupIds: [] })
    expect(asked()).toEqual(FILTERS('Nightly'))
  })

  it('a number is also tried as a user id, then as a service principal id', async () => {
    expect(await lookup('101', [])).toEqual({ name: 'ada@example.com', groupIds: ['g1', 'g2'] })
    expect(asked()).toEqual([...FILTERS('101'), 'Users/101'])
    dir.requests.length = 0
    // Nothing but an id: named by it.
    expect(await lookup('203', ['g2'])).toEqual({ name: '203', groupIds: [] })
    expect(asked()).toEqual([...FILTERS('203'), 'Users/203', 'ServicePrincipals/203', 'Groups/g2'])
  })

  it('nobody: undefined, after the four searches (no id lookups unless the value is all digits)', async () => {
    for (const value of ['ops42', '42ops', 'nobody']) {
      dir.requests.length = 0
      expect(await lookup(value, ASSIGNED)).toBeUndefined()
      expect(asked()).toEqual(FILTERS(value))
    }
    dir.requests.length = 0
    expect(await lookup('4242', ASSIGNED)).toBeUndefined()
    expect(asked()).toEqual([...FILTERS('4242'), 'Users/4242', 'ServicePrincipals/4242'])
  })

  it('a search the directory refuses is skipped: the next one may find it', async () => {
    dir.fail.set('Users?userName eq "app-1"', 403)
    try {
      expect(await lookup('app-1', ASSIGNED)).toEqual({ name: 'Deploy bot', groupIds: ['g3'] })
      expect(asked()).toEqual(FILTERS('app-1').slice(0, 2))
    } finally {
      dir.fail.delete('Users?userName eq "app-1"')
    }
  })

  it('without the account API: nobody can be looked up', async () => {
    const noAccount = groupLookup({ resCtx: { clients: {} } } as unknown as Runtime)
    expect(await noAccount('ada@example.com', ASSIGNED)).toBeUndefined()
    expect(asked()).toEqual([])
  })
})
