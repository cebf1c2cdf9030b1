import type { CallOptions, DatabricksClient } from './client.js'
import { DatabricksError, isTargetMissing } from './errors.js'

/** Account API: workspace permission assignments (account admin only). */

export type WorkspacePermission = 'USER' | 'ADMIN' | 'UNKNOWN'

export interface PrincipalOutput {
  /** int64, as a decimal string. */
  principal_id: string
  display_name?: string
  user_name?: string
  group_name?: string
  /** The service principal's application id. */
  service_principal_name?: string
}

export interface PermissionAssignment {
  principal: PrincipalOutput
  permissions?: WorkspacePermission[]
  /** Per-assignment error reported by the service; such entries cannot be written back. */
  error?: string
}

export interface PermissionAssignments {
  permission_assignments?: PermissionAssignment[]
}

function prefix(account: DatabricksClient, workspaceId: string): string {
  return `${account.accountPath()}/workspaces/${encodeURIComponent(workspaceId)}/permissionassignments`
}

/**
 * The account answered that it cannot manage this workspace's assignments because the workspace
 * is not identity-federated (a workspace that still uses workspace-local users and groups).
 */
export function isNotFederated(e: unknown): e is DatabricksError {
  return (
    e instanceof DatabricksError &&
    e.status >= 400 &&
    e.status < 500 &&
    e.status !== 401 &&
    e.status !== 403 &&
    (e.error_code === 'FEATURE_DISABLED' ||
      /identity federation|identity-federat|permission assignment apis? (is|are) not available/i.test(
        e.message,
      ))
  )
}

/** The plain-words error for a workspace without identity federation, with the way out. */
export function notFederatedError(workspaceId: string, e: DatabricksError): Error {
  return new Error(
    `Workspace ${workspaceId} is not enabled for identity federation, so the account API cannot ` +
      `list or change its permission assignments (${e.describe()}). Either enable identity ` +
      'federation for it (account console → Workspaces → the workspace → Permissions), or halt ' +
      'without touching access: add --skip permission_assignments (Action: a resources input ' +
      'without permission_assignments).',
  )
}

/** GET …/permissionassignments (unpaged). */
export async function listPermissionAssignments(
  account: DatabricksClient,
  workspaceId: string,
  options?: CallOptions,
): Promise<PermissionAssignment[]> {
  const body = await account.get<PermissionAssignments>(prefix(account, workspaceId), undefined, {
    rateClass: 'account_read',
    ...options,
  })
  return body.permission_assignments ?? []
}

/**
 * PUT …/principals/{principal_id}: idempotent upsert. Only USER/ADMIN count; an empty list
 * removes access, so callers must never send one by accident. The service is eventually
 * consistent: a PUT right after a DELETE can answer "not in workspace" for a while, which is
 * retried within the call's budget rather than failed.
 */
export async function updatePermissionAssignment(
  account: DatabricksClient,
  workspaceId: string,
  principalId: string,
  permissions: Array<'USER' | 'ADMIN'>,
  options?: CallOptions,
): Promise<PermissionAssignment> {
  if (permissions.length === 0) throw new Error('Refusing to PUT an empty permissions list')
  return account.put<PermissionAssignment>(
    `${prefix(account, workspaceId)}/principals/${encodeURIComponent(principalId)}`,
    { permissions },
    {
      rateClass: 'account_write',
      ...options,
      retry: { retryIf: notYetInWorkspace, ...options?.retry },
    },
  )
}

const notYetInWorkspace = (e: DatabricksError): boolean =>
  e.status < 500 && /not in workspace/i.test(e.message)

const NOT_ASSIGNED =
  /not in workspace|not found in (the )?account|no permission assignment|not assigned/i

/**
 * DELETE …/principals/{principal_id}. 'absent' when the principal has no assignment: either it
 * was never there or this call's own earlier attempt removed it before its answer was lost.
 */
export async function deletePermissionAssignment(
  account: DatabricksClient,
  workspaceId: string,
  principalId: string,
  options?: CallOptions,
): Promise<'deleted' | 'absent'> {
  try {
    await account.delete(
      `${prefix(account, workspaceId)}/principals/${encodeURIComponent(principalId)}`,
      undefined,
      { rateClass: 'account_write', ...options },
    )
    return 'deleted'
  } catch (e) {
    if (isNotAssigned(e, principalId)) return 'absent'
    throw e
  }
}

/**
 * The principal is not assigned: a not-found naming it, or one of the texts the service uses for
 * it. A 404 about anything else (the workspace, the account) is a failed DELETE (ADR 0010).
 */
function isNotAssigned(e: unknown, principalId: string): boolean {
  if (isTargetMissing(e, principalId)) return true
  return (
    e instanceof DatabricksError &&
    e.status >= 400 &&
    e.status < 500 &&
    e.status !== 403 &&
    NOT_ASSIGNED.test(e.message)
  )
}

/** A PUT or DELETE of one principal answered that this principal is gone from the account. */
export function isPrincipalGone(e: unknown, principalId: string): boolean {
  if (isTargetMissing(e, principalId)) return true
  return (
    e instanceof DatabricksError &&
    e.status >= 400 &&
    e.status < 500 &&
    /not found in (the )?account/i.test(e.message)
  )
}
