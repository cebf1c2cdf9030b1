/** The account directory (SCIM shapes) and who is account admin. */
import type { Obj } from '../http/router.js'

export const SCIM_USER = 'urn:ietf:params:scim:schemas:core:2.0:User'
export const SCIM_GROUP = 'urn:ietf:params:scim:schemas:core:2.0:Group'
export const SCIM_SP = 'urn:ietf:params:scim:schemas:core:2.0:ServicePrincipal'

export type PrincipalKind = 'user' | 'group' | 'service_principal'

export class AccountState {
  users = new Map<string, Obj>()
  groups = new Map<string, Obj>()
  servicePrincipals = new Map<string, Obj>()
  admins = new Set<string>()

  constructor(readonly accountId: string) {}

  kindOf(id: string): PrincipalKind | undefined {
    if (this.users.has(id)) return 'user'
    if (this.groups.has(id)) return 'group'
    if (this.servicePrincipals.has(id)) return 'service_principal'
    return undefined
  }

  principal(id: string): Obj | undefined {
    return this.users.get(id) ?? this.groups.get(id) ?? this.servicePrincipals.get(id)
  }

  /** Groups containing `id`, directly or through nested groups. */
  groupsOf(id: string): Set<string> {
    const found = new Set<string>()
    const queue = [id]
    while (queue.length) {
      const member = queue.pop()!
      for (const [gid, g] of this.groups) {
        if (found.has(gid)) continue
        if ((g.members ?? []).some((m: Obj) => m.value === member)) {
          found.add(gid)
          queue.push(gid)
        }
      }
    }
    return found
  }

  /** Groups that list `id` as a direct member. */
  directGroupsOf(id: string): string[] {
    const out: string[] = []
    for (const [gid, g] of this.groups) {
      if ((g.members ?? []).some((m: Obj) => m.value === id)) out.push(gid)
    }
    return out
  }

  /** The `principal` object of a workspace permission assignment. */
  assignmentPrincipal(id: string): Obj | undefined {
    const user = this.users.get(id)
    if (user) return { principal_id: id, user_name: user.userName, display_name: user.displayName }
    const group = this.groups.get(id)
    if (group) {
      return { principal_id: id, group_name: group.displayName, display_name: group.displayName }
    }
    const sp = this.servicePrincipals.get(id)
    if (sp) {
      return {
        principal_id: id,
        service_principal_name: sp.applicationId,
        display_name: sp.displayName,
      }
    }
    return undefined
  }
}
