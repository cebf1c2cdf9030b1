import { optionName, option, type Face } from '../wording.js'
import { SafetyError, UsageError } from '../errors.js'
import type { Observed } from '../resources/resource.js'
import type { AssignmentState, Principal } from '../resources/permission-assignments.js'

export interface Caller {
  id: string
  userName: string
  displayName?: string
}

/** Whether a --keep value names this principal: id, user name, group name, SP app id, display name. */
export function principalMatches(principal: Principal, value: string): boolean {
  const v = value.trim()
  const lower = v.toLowerCase()
  return (
    principal.principal_id === v ||
    principal.user_name?.toLowerCase() === lower ||
    principal.service_principal_name?.toLowerCase() === lower ||
    principal.group_name === v ||
    principal.display_name === v
  )
}

/**
 * The caller's own assignment, matched by id and also by user name / SP application id (the
 * workspace SCIM id and the account principal id need not be equal). The caller must be assigned
 * directly with ADMIN: access through a group would vanish when the group's assignment is removed,
 * half-way through the stop, and locking ourselves out is exactly what must never happen.
 */
export function guardCaller(
  caller: Caller,
  assignments: readonly Observed<AssignmentState>[],
  workspaceId: string,
): Observed<AssignmentState> {
  const mine = assignments.find((a) => {
    const p = a.state?.principal
    if (!p) return false
    const name = caller.userName.toLowerCase()
    return (
      p.principal_id === caller.id ||
      p.user_name?.toLowerCase() === name ||
      p.service_principal_name?.toLowerCase() === name
    )
  })
  const fix =
    `Assign ${caller.userName} directly to workspace ${workspaceId} with ADMIN (account console → ` +
    'Workspaces → Permissions → Add, or PUT /api/2.0/accounts/<account-id>/workspaces/' +
    `${workspaceId}/permissionassignments/principals/<principal-id> {"permissions":["ADMIN"]}) ` +
    'and run stop again. Nothing was changed.'
  if (!mine) {
    throw new SafetyError(
      `The caller ${caller.userName} is not directly assigned to workspace ${workspaceId}: its ` +
        'access comes through a group (or account admin rights) that stop would remove, locking ' +
        `it out half-way. ${fix}`,
    )
  }
  if (!mine.state?.permissions.includes('ADMIN')) {
    throw new SafetyError(
      `The caller ${caller.userName} is assigned to workspace ${workspaceId} without ADMIN ` +
        `(${mine.state?.permissions.join(', ') || 'no permissions'}); it could not pause other ` +
        `users' jobs or stop their compute. ${fix}`,
    )
  }
  return mine
}

export interface KeepResolution {
  /** principal ids to keep (direct assignments), with the reason. */
  kept: Map<string, string>
  warnings: string[]
}

/** Group membership of a principal not directly assigned, looked up in the account directory. */
export type GroupLookup = (
  value: string,
  assignedGroupIds: readonly string[],
) => Promise<{ name: string; groupIds: string[] } | undefined>

/**
 * Resolve --keep values to assignments. A value matching no direct assignment is looked up in the
 * account: a principal that reaches the workspace only through an assigned group is warned about
 * (removing the group removes it too); one that is nowhere is a usage error before any change,
 * because a typo here would silently remove the very principal the user meant to keep.
 */
export async function resolveKept(
  values: readonly string[],
  assignments: readonly Observed<AssignmentState>[],
  lookupGroups: GroupLookup,
  inherited: readonly string[] = [],
  face?: Face,
): Promise<KeepResolution> {
  const kept = new Map<string, string>()
  const warnings: string[] = []
  const unknown: string[] = []
  const assignedGroups = assignments.filter((a) => a.state?.principal.group_name !== undefined)
  for (const value of values) {
    const hits = assignments.filter((a) => a.state && principalMatches(a.state.principal, value))
    const why = inherited.includes(value)
      ? `${value}, kept by the open snapshot`
      : option(face, 'keep', value)
    for (const hit of hits) kept.set(hit.id, `kept principal (${why})`)
    if (hits.length > 0) continue
    const found = await lookupGroups(
      value,
      assignedGroups.map((g) => g.id),
    )
    const viaGroups = found ? assignedGroups.filter((g) => found.groupIds.includes(g.id)) : []
    if (!found || viaGroups.length === 0) {
      // Inherited from the open snapshot: it matched when that stop ran. Gone since is no typo.
      if (inherited.includes(value)) {
        warnings.push(
          `Kept principal "${value}" (from the open snapshot's keep list) is no longer assigned ` +
            'to the workspace; nothing to keep.',
        )
      } else unknown.push(value)
      continue
    }
    const groups = viaGroups.map((g) => g.name).join(', ')
    warnings.push(
      `Kept principal ${found.name} is not assigned to the workspace directly; it reaches it only ` +
        `through group(s) ${groups}, whose assignment stop removes. Keep the group too, or assign ` +
        `${found.name} directly, if it must keep access.`,
    )
  }
  if (unknown.length > 0) {
    throw new UsageError(
      `${optionName(face, 'keep')} ${unknown.map((u) => `"${u}"`).join(', ')} matches no principal assigned to this ` +
        'workspace (by id, user name, group name, service principal application id or display ' +
        'name). Check the spelling; nothing was changed.',
    )
  }
  return { kept, warnings }
}
