import type { ItemReport } from '../report.js'
import type { AssignmentState } from '../resources/permission-assignments.js'
import type { Inventory, Observed, Resource } from '../resources/resource.js'
import {
  getAccountScim,
  listAccountScim,
  scimString,
  type ComplexValue,
} from '../databricks/scim.js'
import { guardCaller, resolveKept, type GroupLookup } from './keep.js'
import { errorText } from './limit.js'
import type { Runtime } from './runtime.js'
import type { DatabricksClient } from '../databricks/client.js'

/**
 * List every kind in scope at the same time (they use different rate classes). A kind that cannot
 * be listed is reported as failed and left out of the plan: nothing is changed blind.
 */
export async function listAll(
  rt: Runtime,
  resources: readonly Resource[] = rt.resources,
): Promise<{ inventory: Inventory; failures: ItemReport[] }> {
  const inventory: Inventory = {}
  const failures: ItemReport[] = []
  await Promise.all(
    resources.map(async (resource) => {
      const started = Date.now()
      try {
        inventory[resource.kind] = await resource.list(rt.resCtx)
        const n = inventory[resource.kind]!.length
        rt.logger.debug(`${resource.kind}: listed ${n} in ${Date.now() - started} ms`)
      } catch (e) {
        const error = errorText(e)
        rt.logger.error(`${resource.kind}: cannot list: ${error}`)
        failures.push({ kind: resource.kind, id: '*', name: '(list)', outcome: 'failed', error })
      }
    }),
  )
  for (const resource of resources) {
    const items = inventory[resource.kind]
    if (items) resource.refine?.(items, inventory)
  }
  return { inventory, failures }
}

/**
 * Mark the caller and the --keep principals as kept among the assignments. With `guard` (stop),
 * the caller must be directly assigned with ADMIN, or a SafetyError is thrown before any change.
 */
export async function markKeptPrincipals(
  rt: Runtime,
  inventory: Inventory,
  guard: boolean,
): Promise<string[]> {
  const assignments = inventory.permission_assignments as Observed<AssignmentState>[] | undefined
  if (!assignments) return []
  const { kept, warnings } = await resolveKept(rt.settings.keep, assignments, groupLookup(rt))
  const mine = guard
    ? guardCaller(rt.caller, assignments, rt.workspaceId)
    : findCaller(rt, assignments)
  for (const a of assignments) {
    if (a === mine) a.kept = 'the caller (never removed)'
    else if (kept.has(a.id)) a.kept = kept.get(a.id)
  }
  for (const w of warnings)
    rt.logger.warning(w, 'Kept principal reaches the workspace through a group')
  return warnings
}

function findCaller(rt: Runtime, assignments: Observed<AssignmentState>[]) {
  try {
    return guardCaller(rt.caller, assignments, rt.workspaceId)
  } catch {
    return undefined
  }
}

type FoundPrincipal = {
  id: string
  userName?: string
  applicationId?: string
  displayName?: string
  groups?: ComplexValue[]
}

/** Look a principal up in the account directory, for the "only through a group" warning. */
function groupLookup(rt: Runtime): GroupLookup {
  return async (value, assignedGroupIds) => {
    const account = rt.clients.account
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
