import { describe, expect, it } from '@jest/globals'
import { DatabricksClient } from '../../src/databricks/client.js'
import { permissionAssignments as pa } from '../../src/resources/permission-assignments.js'
import { staticTokens } from '../databricks/raw-server.js'
import { useKindApi } from './kind-api.js'

const api = useKindApi()
const LIST = 'GET /api/2.0/accounts/acc-1/workspaces/1/permissionassignments'

/** The kind's context with an account client on the canned API. */
function withAccount() {
  const account = new DatabricksClient({
    host: new URL(api.ctx.clients.workspace.host).origin,
    audience: 'account',
    accountId: 'acc-1',
    tokens: staticTokens(),
    retry: { maxAttempts: 1 },
  })
  return { ...api.ctx, clients: { ...api.ctx.clients, account } }
}

describe('permission assignments: listing edge cases', () => {
  it('refuses, naming the missing option, when there is no account client', async () => {
    await expect(pa.list(api.ctx)).rejects.toThrow(
      new Error('permission_assignments needs the account API (--account-id)'),
    )
    expect(api.requests).toEqual([])
  })

  it('names every permission of an assignment, and every one that cannot be written back', async () => {
    api.routes.set(LIST, {
      permission_assignments: [
        {
          principal: { principal_id: '23', user_name: 'cy@example.com' },
          permissions: ['USER', 'ADMIN'],
        },
        {
          principal: { principal_id: '27', user_name: 'ed@example.com' },
          permissions: ['UNKNOWN', 'OTHER'],
        },
      ],
    })
    const items = await pa.list(withAccount())
    expect(items.map((i) => [i.detail, i.kept])).toEqual([
      ['user ADMIN,USER', undefined],
      ['user OTHER,UNKNOWN', 'not changed: permission OTHER,UNKNOWN cannot be written back'],
    ])
  })

  // The Go SDK's iam.PermissionAssignment has `permissions` with omitempty: the real service may
  // leave the key out for an assignment that lists none (the emulator always sends it).
  it('reads an assignment without a permissions key as one that lists none, and keeps it', async () => {
    api.routes.set(LIST, {
      permission_assignments: [{ principal: { principal_id: '26', user_name: 'di@example.com' } }],
    })
    const [item, ...rest] = await pa.list(withAccount())
    expect(rest).toEqual([])
    expect(item).toEqual({
      id: '26',
      name: 'di@example.com',
      state: { principal: { principal_id: '26', user_name: 'di@example.com' }, permissions: [] },
      active: true,
      detail: 'user (none)',
      kept: 'not changed: it lists no permission, so there would be nothing to write back',
    })
  })
})
