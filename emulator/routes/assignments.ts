/** Account API: workspace permission assignments (eventually consistent PUTs) and workspaces. */
import type { Ctx, Obj, Router } from '../http/router.js'
import { ApiError, invalidParam, notFound } from '../http/errors.js'
import type { WorkspaceState } from '../state/workspace.js'

/**
 * The account permission-assignment API serves only identity-federated workspaces. The exact
 * answer for one that is not is unconfirmed: the emulator sends 400 with a message that says so.
 */
function workspace(ctx: Ctx): WorkspaceState {
  const ws = ctx.core.workspaceById(ctx.params.workspaceId)
  if (!ws) throw notFound(`Workspace ${ctx.params.workspaceId} does not exist.`)
  if (!ws.identityFederation) {
    throw new ApiError(
      400,
      'INVALID_PARAMETER_VALUE',
      `Workspace ${ws.workspaceId} is not enabled for identity federation: permission assignment APIs are not available for this workspace.`,
    )
  }
  return ws
}

function list(ctx: Ctx): Obj {
  const ws = workspace(ctx)
  return { permission_assignments: [...ws.assignments.values()] }
}

/** Upsert; only USER/ADMIN count (ADMIN wins) and an empty list removes access. */
function put(ctx: Ctx): Obj {
  const ws = workspace(ctx)
  const { core } = ctx
  const id = ctx.params.principalId
  if (!/^\d+$/.test(id)) throw invalidParam(`Invalid principal id: ${id}`)
  const principal = core.account.assignmentPrincipal(id)
  if (!principal) throw notFound('Principal not found in account.')
  const raw = ctx.body.permissions
  if (raw !== undefined && !Array.isArray(raw)) throw invalidParam('permissions must be a list')
  const given = (raw ?? []) as unknown[]
  const permissions = given.includes('ADMIN') ? ['ADMIN'] : given.includes('USER') ? ['USER'] : []
  const assignment = { principal, permissions }
  if (!permissions.length) {
    ws.pendingAssignments.delete(id)
    ws.assignments.delete(id)
    return assignment
  }
  const visibleAt = core.now() + core.propagationDelayMs
  ws.pendingAssignments.set(id, { assignment, visibleAt })
  core.clock.at(visibleAt, () => {
    const pending = ws.pendingAssignments.get(id)
    if (pending?.assignment !== assignment) return
    ws.pendingAssignments.delete(id)
    ws.assignments.set(id, assignment)
  })
  return assignment
}

function remove(ctx: Ctx): Obj {
  const ws = workspace(ctx)
  const id = ctx.params.principalId
  const known = ws.assignments.has(id) || ws.pendingAssignments.has(id)
  if (!known) {
    throw new ApiError(
      404,
      'RESOURCE_DOES_NOT_EXIST',
      `Principal ${id} not in workspace ${ws.workspaceId}`,
    )
  }
  ws.assignments.delete(id)
  ws.pendingAssignments.delete(id)
  return {}
}

function levels(ctx: Ctx): Obj {
  workspace(ctx)
  return {
    permissions: [
      { permission_level: 'USER', description: 'Can access the workspace.' },
      {
        permission_level: 'ADMIN',
        description: 'Can access the workspace and has workspace admin privileges.',
      },
    ],
  }
}

function workspaces(ctx: Ctx): unknown {
  return ctx.core.workspaces.map((ws, i) => ({
    workspace_id: ws.workspaceId,
    workspace_name: `emulated-${i}`,
    deployment_name: `adb-${ws.workspaceId}`,
    workspace_status: 'RUNNING',
    account_id: ctx.core.account.accountId,
  }))
}

export function assignmentRoutes(r: Router): void {
  for (const base of ['/api/2.0/accounts/:accountId', '/api/2.0/preview/accounts/:accountId']) {
    const prefix = `${base}/workspaces/:workspaceId/permissionassignments`
    r.add('GET', prefix, 'account_read', 'account-admin', list)
    r.add('GET', `${prefix}/permissions`, 'account_read', 'account-admin', levels)
    r.add('PUT', `${prefix}/principals/:principalId`, 'account_write', 'account-admin', put)
    r.add('DELETE', `${prefix}/principals/:principalId`, 'account_write', 'account-admin', remove)
  }
  r.add(
    'GET',
    '/api/2.0/accounts/:accountId/workspaces',
    'account_read',
    'account-admin',
    workspaces,
  )
}
