import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { MemoryLogger } from '../../__fixtures__/memory-logger.js'
import { localUserWarnings } from '../../src/engine/local-users.js'
import type { Runtime } from '../../src/engine/runtime.js'
import type { Resource } from '../../src/resources/resource.js'
import type { ResourceKind } from '../../src/settings.js'
import { startScimDirectory, type ScimDirectory } from './scim-directory.js'

/** Workspace-local users (in the workspace's directory, not the account's), in a canned directory. */
class TitledLogger extends MemoryLogger {
  readonly titles: Array<string | undefined> = []
  override warning(message: string, title?: string): void {
    super.warning(message)
    this.titles.push(title)
  }
}

let dir: ScimDirectory
beforeEach(async () => {
  dir = await startScimDirectory()
})
afterEach(async () => {
  await dir.close()
})

function runtime(kinds: ResourceKind[], account = true) {
  const logger = new TitledLogger()
  const rt = {
    logger,
    resources: kinds.map((kind) => ({ kind }) as Resource),
    resCtx: {
      clients: { workspace: dir.workspace, ...(account ? { account: dir.account } : {}) },
    },
  } as unknown as Runtime
  return { rt, logger }
}
const asked = () =>
  dir.requests.map((r) => `${r.what} ${JSON.stringify(r.query)}`).sort((a, b) => a.localeCompare(b))
const BOTH = ['Users {"attributes":"id,userName"}', 'workspace {"attributes":"id,userName"}']
const warning = (list: string, n: number) =>
  `${n} workspace-local user(s) are not in the account, so the account API cannot see or ` +
  `remove their access and the halt leaves them able to sign in: ${list}. Remove them in the ` +
  'workspace admin settings (Identity and access → Users) if they must be locked out.'

describe('localUserWarnings', () => {
  it('names the users the account does not know, by id or user name (any case)', async () => {
    dir.users.push(
      { id: '1', userName: 'Ada@Example.com' },
      { id: '2', userName: 'bob@example.com' },
      { id: '3' },
    )
    dir.workspaceUsers.push(
      { id: '1', userName: 'ada@example.com' },
      // The same user under another id (workspace and account ids need not agree).
      { id: '50', userName: 'BOB@example.com' },
      // Renamed in the workspace: still the account's user 2.
      { id: '2', userName: 'robert@example.com' },
      { id: '60', userName: 'local@example.com' },
      { id: '62', userName: 'Other@Example.com' },
    )
    const { rt, logger } = runtime(['permission_assignments', 'jobs'])
    const text = warning('local@example.com (60), Other@Example.com (62)', 2)
    expect(await localUserWarnings(rt)).toEqual([text])
    expect(logger.lines).toEqual([`warning: ${text}`])
    expect(logger.titles).toEqual(['Workspace-local users keep their access'])
    expect(asked()).toEqual(BOTH)
  })

  it('a local user without a user name is named "?"', async () => {
    dir.users.push({ id: '1', userName: 'ada@example.com' })
    dir.workspaceUsers.push({ id: '70' }, { id: '1', userName: 'ada@example.com' })
    const { rt } = runtime(['permission_assignments'])
    expect(await localUserWarnings(rt)).toEqual([warning('? (70)', 1)])
  })

  it('nothing to say when every workspace user is in the account', async () => {
    dir.users.push(
      { id: '1', userName: 'ada@example.com' },
      { id: '2', userName: 'bob@example.com' },
    )
    dir.workspaceUsers.push({ id: '9', userName: 'Ada@example.com' }, { id: '2' })
    const { rt, logger } = runtime(['permission_assignments'])
    expect(await localUserWarnings(rt)).toEqual([])
    expect(logger.lines).toEqual([])
    expect(asked()).toEqual(BOTH)
  })

  it('not checked without the account API or without permission_assignments in scope', async () => {
    dir.workspaceUsers.push({ id: '60', userName: 'local@example.com' })
    for (const [kinds, account] of [
      [['permission_assignments', 'jobs'], false],
      [['jobs', 'clusters'], true],
      [[], true],
    ] as const) {
      const { rt, logger } = runtime([...kinds], account)
      expect(await localUserWarnings(rt)).toEqual([])
      expect(logger.lines).toEqual([])
    }
    expect(asked()).toEqual([])
  })

  it('a check that fails is a warning, never fatal', async () => {
    dir.fail.set('workspace', 500)
    dir.workspaceUsers.push({ id: '60', userName: 'local@example.com' })
    const { rt, logger } = runtime(['permission_assignments'])
    const text =
      'Could not check for workspace-local users: 500 INTERNAL_ERROR: failing workspace ' +
      '(GET /api/2.0/preview/scim/v2/Users)'
    expect(await localUserWarnings(rt)).toEqual([text])
    expect(logger.lines).toEqual([`warning: ${text}`])
    expect(logger.titles).toEqual([undefined])
  })
})
