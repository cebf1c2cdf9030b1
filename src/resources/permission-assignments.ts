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
import { listInactiveAccountPrincipals } from '../databricks/scim.js'
import { errorText } from '../errors.js'
import type { Clients, Observed, Recorded, Resource, ResourceContext } from './resource.js'

export interface Principal {
  principal_id: string
  display_name?: string
  user_name?: string
  group_name?: string
  service_principal_name?: string
}

/**
 * An assignment as recorded; null = not assigned (the value stop sets). `principal_active` is
 * whether the user or service principal was active in the account when it was listed (absent:
 * a group, or not known, e.g. a snapshot from before it was recorded): restore re-assigns a
 * principal that is inactive now only if it was already inactive at stop
 * (docs/adr/0016-principals-inactive-before-the-halt.md).
 */
export type AssignmentState = {
  principal: Principal
  permissions: string[]
  principal_active?: boolean
} | null

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

function observe(
  a: PermissionAssignment,
  inactive: ReadonlySet<string> | undefined,
): Observed<AssignmentState> {
  const permissions = [...(a.permissions ?? [])].sort()
  const principal = clone(a.principal) as Principal
  const unwritable = permissions.filter((p) => !WRITABLE.has(p))
  const known = inactive !== undefined && principalKind(principal) !== 'group'
  const principalActive = known ? !inactive.has(principal.principal_id) : undefined
  return {
    id: principal.principal_id,
    name: principalName(principal),
    state: {
      principal,
      permissions,
      ...(principalActive === undefined ? {} : { principal_active: principalActive }),
    },
    active: true,
    detail:
      `${principalKind(principal)} ${permissions.join(',') || '(none)'}` +
      (principalActive === false ? ' (deactivated in the account)' : ''),
    // The service flags some assignments with an error, and a PUT can only write USER and ADMIN
    // (not UNKNOWN, not an empty list): we could remove them but never restore them, so they are
    // left alone and reported. Removing one would also record a `before` that checkRecord refuses,
    // and restore would then refuse the whole snapshot.
    ...(a.error
      ? { kept: `not changed: the service reports an error on it (${a.error})` }
      : !permissions.some((p) => WRITABLE.has(p))
        ? { kept: `not changed: ${unwritableReason(unwritable)}` }
        : {}),
  }
}

function unwritableReason(unwritable: readonly string[]): string {
  return unwritable.length > 0
    ? `permission ${unwritable.join(',')} cannot be written back`
    : 'it lists no permission, so there would be nothing to write back'
}

/** Account-level workspace permission assignments: removed on stop (except kept), PUT back. */
export const permissionAssignments: Resource<AssignmentState> = {
  kind: 'permission_assignments',
  startedBy: [],
  access: true,

  async list(ctx) {
    try {
      const [assignments, inactive] = await Promise.all([
        listPermissionAssignments(account(ctx.clients), ctx.workspaceId),
        inactivePrincipals(ctx),
      ])
      return assignments.map((a) => observe(a, inactive))
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

  // One filtered account list per principal type, so the dry run shows them too.
  async goneNow(ctx, records) {
    const inactive = await listInactiveAccountPrincipals(account(ctx.clients))
    const gone = new Map<string, string>()
    for (const record of records) {
      const reason = deactivatedSince(record, inactive)
      if (reason) gone.set(record.id, reason)
    }
    return gone
  },

  async halt(ctx, item) {
    await deletePermissionAssignment(account(ctx.clients), ctx.workspaceId, item.id)
  },

  describe: (state) =>
    state === null ? 'not assigned' : `assigned ${state.permissions.join(',')}`,

  decideRestore(record, current, options) {
    const before = record.before
    if (before === null) return { outcome: 'unchanged', detail: 'nothing recorded' }
    const now = current?.state ?? null
    const target = { principal: before.principal, permissions: writable(before.permissions) }
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
    // Said out loud: the plan's reviewer sees that an inactive principal gets its assignment back.
    const dormant = before.principal_active === false ? ' (deactivated before the halt)' : ''
    return {
      outcome: 'changed',
      detail: `${now === null ? 'not assigned' : now.permissions.join(',')} → ${target.permissions.join(',')}${dormant}`,
      write: target,
    }
  },

  async write(ctx, record, value) {
    if (value === null) return
    const permissions = writable(value.permissions) as Array<'USER' | 'ADMIN'>
    // Deactivated principals were sorted out by goneNow; a deleted one fails here (targetMissing).
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
  const extra = Object.keys(before).filter((k) => !BEFORE_FIELDS.has(k))
  if (extra.length > 0) return `before.${extra[0]}: not a field a stop records`
  return checkPrincipalActive(before)
}

const BEFORE_FIELDS = new Set(['principal', 'permissions', 'principal_active'])

/** `principal_active` is a boolean, and only on users and service principals (groups have none). */
function checkPrincipalActive(before: Record<string, unknown>): string | undefined {
  if (!('principal_active' in before)) return undefined
  const flag = before.principal_active
  if (typeof flag !== 'boolean') return 'before.principal_active: must be true or false'
  if (principalKind(before.principal as Principal) === 'group')
    return 'before.principal_active: a group has no active flag'
  return undefined
}

/**
 * The account's deactivated users and service principals, for a stop to record; undefined (not
 * known: restore then treats them as it did before it was recorded) with a warning if unreadable.
 */
async function inactivePrincipals(ctx: ResourceContext): Promise<Set<string> | undefined> {
  // Only a stop records it; restore asks once in goneNow, and its verify re-lists for free.
  if (ctx.settings.mode !== 'stop') return undefined
  try {
    return await listInactiveAccountPrincipals(account(ctx.clients))
  } catch (e) {
    ctx.logger.warning(
      `Cannot list the account's deactivated principals (${errorText(e)}); a restore will not ` +
        're-assign principals that are inactive then, even those already inactive now.',
    )
    return undefined
  }
}

/**
 * Why a recorded principal is not to be re-assigned, or undefined. Inactive now is `gone` unless
 * the record says it was already inactive at stop: then the stop took its assignment away and
 * restore gives exactly that back. A record without the flag (older snapshot) keeps the old rule.
 */
function deactivatedSince(
  record: Recorded<AssignmentState>,
  inactive: ReadonlySet<string>,
): string | undefined {
  const before = record.before
  if (before === null || principalKind(before.principal) === 'group') return undefined
  if (!inactive.has(record.id) || before.principal_active === false) return undefined
  return before.principal_active === true
    ? `${principalName(before.principal)} was deactivated in the account since the stop; not re-assigned`
    : `${principalName(before.principal)} is deactivated in the account and the snapshot does not ` +
        'say whether it was before the stop; not re-assigned'
}
