import { collect } from '../databricks/pagination.js'
import { listAccountScim, listWorkspaceUsers } from '../databricks/scim.js'
import { errorText } from '../errors.js'
import type { Runtime } from './runtime.js'

/**
 * Workspace-local users: in the workspace's own directory but not in the account, so the account
 * permission-assignment API cannot see them and a halt cannot remove their access. They are found
 * by listing the workspace's users and the account's (by id, then by user name) and reported, so
 * the person halting knows who still gets in. Never fatal: a failed check is a warning too.
 */
export async function localUserWarnings(rt: Runtime): Promise<string[]> {
  const account = rt.resCtx.clients.account
  if (!account || !rt.resources.some((r) => r.kind === 'permission_assignments')) return []
  try {
    const attributes = 'id,userName'
    const [local, known] = await Promise.all([
      collect(listWorkspaceUsers(rt.resCtx.clients.workspace, { attributes })),
      collect(listAccountScim(account, 'Users', { attributes })),
    ])
    const ids = new Set(known.map((u) => u.id))
    const names = new Set(known.map((u) => u.userName?.toLowerCase()))
    const outside = local.filter((u) => !ids.has(u.id) && !names.has(u.userName?.toLowerCase()))
    if (outside.length === 0) return []
    const list = outside.map((u) => `${u.userName ?? '?'} (${u.id})`).join(', ')
    const warning =
      `${outside.length} workspace-local user(s) are not in the account, so the account API ` +
      `cannot see or remove their access and the halt leaves them able to sign in: ${list}. ` +
      'Remove them in the workspace admin settings (Identity and access → Users) if they must ' +
      'be locked out.'
    rt.logger.warning(warning, 'Workspace-local users keep their access')
    return [warning]
  } catch (e) {
    const warning = `Could not check for workspace-local users: ${errorText(e)}`
    rt.logger.warning(warning)
    return [warning]
  }
}
