import type { DatabricksClient } from '../databricks/client.js'
import {
  getAccountScim,
  listAccountScim,
  scimString,
  type ComplexValue,
} from '../databricks/scim.js'
import type { GroupLookup } from './keep.js'
import type { Runtime } from './runtime.js'

type FoundPrincipal = {
  id: string
  userName?: string
  applicationId?: string
  displayName?: string
  groups?: ComplexValue[]
}

/** Look a principal up in the account directory, for the "only through a group" warning. */
export function groupLookup(rt: Runtime): GroupLookup {
  return async (value, assignedGroupIds) => {
    const account = rt.resCtx.clients.account
    if (!account) return undefined
    const found = await findPrincipal(account, value)
    if (!found) return undefined
    const name = found.userName ?? found.displayName ?? found.applicationId ?? found.id
    if (found.groups) {
      return { name, groupIds: found.groups.map((g) => g.value).filter((v): v is string => !!v) }
    }
    // Listings may omit `groups`: ask the assigned groups (few) for their members instead.
    const groupIds: string[] = []
    for (const gid of assignedGroupIds) {
      try {
        const group = await getAccountScim(account, 'Groups', gid)
        if ((group.members ?? []).some((m) => m.value === found.id)) groupIds.push(gid)
      } catch {
        // A group we cannot read cannot be shown to contain it.
      }
    }
    return { name, groupIds }
  }
}

async function findPrincipal(
  account: DatabricksClient,
  value: string,
): Promise<FoundPrincipal | undefined> {
  const q = scimString(value)
  const queries: Array<() => Promise<FoundPrincipal | undefined>> = [
    () => first(listAccountScim(account, 'Users', { filter: `userName eq ${q}` })),
    () => first(listAccountScim(account, 'ServicePrincipals', { filter: `applicationId eq ${q}` })),
    () => first(listAccountScim(account, 'Users', { filter: `displayName eq ${q}` })),
    () => first(listAccountScim(account, 'ServicePrincipals', { filter: `displayName eq ${q}` })),
  ]
  if (/^\d+$/.test(value)) {
    queries.push(
      () => getAccountScim(account, 'Users', value),
      () => getAccountScim(account, 'ServicePrincipals', value),
    )
  }
  for (const query of queries) {
    try {
      const found = await query()
      if (found) return found
    } catch {
      // Not found, or not allowed to look: try the next way of finding it.
    }
  }
  return undefined
}

async function first<T>(items: AsyncGenerator<T>): Promise<T | undefined> {
  for await (const item of items) return item
  return undefined
}
