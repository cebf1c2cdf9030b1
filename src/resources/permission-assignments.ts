import {
  isNotFederated,
  isPrincipalGone,
  notFederatedError,
  deletePermissionAssignment,
  listPermissionAssignments,
  updatePermissionAssignment,
  type PermissionAssignment,
} from '../databricks/permission-assignments.js'
import { clone, deepEqual, isObject } from './compare.js'
import { getAccountScim, type AccountScimKind } from '../databricks/scim.js'
import type { DatabricksClient } from '../databricks/client.js'
import { ItemGone, type Clients, type Observed, type Recorded, type Resource } from './resource.js'

export interface Principal {
  principal_id: string
  display_name?: string
  user_name?: string
  group_name?: string
  service_principal_name?: string
}

/** An assignment as recorded; null = not assigned (the value stop sets). */
export type AssignmentState = { principal: Principal; permissions: string[] } | null

const WRITABLE = new Set(['USER', 'ADMIN'])

/** The permissions a PUT can write (UNKNOWN is listed by the service but cannot be sent). */
const writable = (permissions: readonly string[]): string[] =>
  permissions.filter((p) => WRITABLE.has(p))

function account(clients: Clients) {
  if (!clients.account)
    throw new Error('permission_assignments needs the account API (--account-id)')
  return clients.account
}

function principalName(p: Principal): string {
  return p.user_name ?? p.group_name ?? p.display_name ?? p.service_principal_name ?? p.principal_id
}

function principalKind(p: Principal): string {
  if (p.group_name !== undefined) return 'group'
  if (p.service_principal_name !== undefined) return 'service principal'
  return 'user'
}

function observe(a: PermissionAssignment): Observed<AssignmentState> {
  const permissions = [...(a.permissions ?? [])].sort()
  const principal = clone(a.principal) as Principal
  const unwritable = permissions.filter((p) => !WRITABLE.has(p))
  return {
    id: principal.principal_id,
    name: principalName(principal),
    state: { principal, permissions },
    active: true,
    detail: `${principalKind(principal)} ${permissions.join(',') || '(none)'}`,
    // The service flags some assignments with an error, and UNKNOWN cannot be written back: we
    // could remove them but never restore them, so they are left alone and reported.
    ...(a.error
      ? { kept: `not changed: the service reports an error on it (${a.error})` }
      : unwritable.length > 0 && !permissions.some((p) => WRITABLE.has(p))
        ? { kept: `not changed: permission ${unwritable.join(',')} cannot be written back` }
        : {}),
  }
}

/** Account-level workspace permission assignments: removed on stop (except kept), PUT back. */
export const permissionAssignments: Resource<AssignmentState> = {
  kind: 'permission_assignments',
  startedBy: [],
  access: true,

  async list(ctx) {
    try {
      const assignments = await listPermissionAssignments(account(ctx.clients), ctx.workspaceId)
      return assignments.map(observe)
    } catch (e) {
      if (isNotFederated(e)) throw notFederatedError(ctx.workspaceId, e)
      throw e
    }
  },

  halted: (item) => (item.state === null ? undefined : null),

  // Only what a PUT can write back is recorded (UNKNOWN is listed but cannot be sent).
  recordedBefore: (state) =>
    state === null ? null : { ...state, permissions: writable(state.permissions) },

  checkRecord: (record) => checkAssignmentRecord(record),

  async halt(ctx, item) {
    await deletePermissionAssignment(account(ctx.clients), ctx.workspaceId, item.id)
  },

  describe: (state) =>
    state === null ? 'not assigned' : `assigned ${state.permissions.join(',')}`,

  decideRestore(record, current, options) {
    const before = record.before
    if (before === null) return { outcome: 'unchanged', detail: 'nothing recorded' }
    const now = current?.state ?? null
    const target = { ...before, permissions: writable(before.permissions) }
    if (now !== null && deepEqual(writable(now.permissions), target.permissions)) {
      return { outcome: 'unchanged', detail: `already ${before.permissions.join(',')}` }
    }
    if (now !== null && !options.force) {
      // Re-assigned by hand with other permissions during the halt: someone decided; leave it.
      return {
        outcome: 'conflict',
        detail: `assigned ${now.permissions.join(',')} during the halt (was ${before.permissions.join(',')}); left as is`,
      }
    }
    return {
      outcome: 'changed',
      detail: `${now === null ? 'not assigned' : now.permissions.join(',')} → ${target.permissions.join(',')}`,
      write: target,
    }
  },

  async write(ctx, record, value) {
    if (value === null) return
    const permissions = writable(value.permissions) as Array<'USER' | 'ADMIN'>
    // Never give access back to someone the account has deactivated since (a 404 = deleted).
    await requireActive(account(ctx.clients), value.principal)
    await updatePermissionAssignment(account(ctx.clients), ctx.workspaceId, record.id, permissions)
  },

  // "Principal not found in account." names no id, but a PUT has one principal: the target.
  targetMissing: (e, id) => isPrincipalGone(e, id),

  matches(current, expected) {
    if (expected === null) return current === undefined
    return (
      current?.state != null &&
      deepEqual(writable(current.state.permissions), writable(expected.permissions))
    )
  },
}

/**
 * A stop removes an assignment: the record is of the principal it names, `after` is "not
 * assigned", and `before` holds only permissions a PUT can give (USER, ADMIN).
 */
export function checkAssignmentRecord(record: Recorded<unknown>): string | undefined {
  const before = record.before
  if (record.after !== null) return 'after: must be null (not assigned)'
  if (!isObject(before) || !isObject(before.principal)) return 'before.principal: missing'
  if (String(before.principal.principal_id) !== record.id)
    return `before.principal.principal_id: ${String(before.principal.principal_id)} is not the record id`
  const permissions = before.permissions
  if (!Array.isArray(permissions) || permissions.length === 0)
    return 'before.permissions: must list USER or ADMIN'
  const other = permissions.filter((p) => typeof p !== 'string' || !WRITABLE.has(p))
  if (other.length > 0) return `before.permissions: ${other.join(',')} is not USER or ADMIN`
  return undefined
}

function scimKindOf(p: Principal): AccountScimKind {
  if (p.group_name !== undefined) return 'Groups'
  if (p.service_principal_name !== undefined) return 'ServicePrincipals'
  return 'Users'
}

/** Throws ItemGone for a deactivated user or service principal; a deleted one answers 404. */
async function requireActive(account: DatabricksClient, principal: Principal): Promise<void> {
  const kind = scimKindOf(principal)
  if (kind === 'Groups') return
  const found = (await getAccountScim(account, kind, principal.principal_id)) as {
    active?: boolean
  }
  if (found.active === false)
    throw new ItemGone(`${principalName(principal)} is deactivated in the account; not re-assigned`)
}
