import { option } from '../wording.js'
import type { ItemReport } from '../report.js'
import { isFeatureUnavailable } from '../databricks/errors.js'
import { errorText } from '../errors.js'
import type { AssignmentState } from '../resources/permission-assignments.js'
import type { Inventory, Observed, Resource } from '../resources/resource.js'
import { guardCaller, resolveKept } from './keep.js'
import { dropUnkept, keepValues } from './keep-list.js'
import { groupLookup } from './principal-lookup.js'
import { withProgress } from './progress.js'
import type { Runtime } from './runtime.js'

const LIST_ITEM = (resource: Resource) => ({ kind: resource.kind, id: '*', name: '(list)' })

/**
 * List every kind in scope at the same time (they use different rate classes), with a progress
 * line per kind listed. A kind that cannot be listed is reported as failed and left out of the
 * plan: nothing is changed blind. `context` holds earlier listings that `refine` may need (the
 * final sweep re-lists compute only, and runs of kept jobs must stay kept).
 */
export async function listAll(
  rt: Runtime,
  resources: readonly Resource[] = rt.resources,
  context: Inventory = {},
): Promise<{ inventory: Inventory; failures: ItemReport[] }> {
  const inventory: Inventory = {}
  const failures: ItemReport[] = []
  await withProgress(rt.logger, rt.clock, 'List', async (progress) => {
    progress.add('kinds', resources.length)
    await Promise.all(
      resources.map(async (resource) => {
        const started = Date.now()
        try {
          inventory[resource.kind] = await resource.list(rt.resCtx)
          const n = inventory[resource.kind]!.length
          rt.logger.debug(`${resource.kind}: listed ${n} in ${Date.now() - started} ms`)
        } catch (e) {
          const error = errorText(e)
          if (resource.optionalFeature && isFeatureUnavailable(e)) {
            // Not in this workspace: nothing to halt or restore, and not a failure (exit 0).
            rt.logger.info(`${resource.kind}: not available in this workspace (${error})`)
            const detail = `not available in this workspace: ${e.message}`
            failures.push({ ...LIST_ITEM(resource), outcome: 'not_available', detail })
            return
          }
          rt.logger.error(`${resource.kind}: cannot list: ${error}`)
          failures.push({ ...LIST_ITEM(resource), outcome: 'failed', error })
        } finally {
          progress.tick('kinds')
        }
      }),
    )
  })
  for (const resource of resources) {
    const items = inventory[resource.kind]
    if (items) resource.refine?.(items, { ...context, ...inventory })
  }
  return { inventory, failures }
}

/**
 * Mark the caller and the kept principals as kept among the assignments. The keep list is the open
 * snapshot's (`inherited`) plus --keep, minus --unkeep (src/engine/keep-list.ts). With `guard`
 * (stop), the caller must be directly assigned with ADMIN, or a SafetyError is thrown before any
 * change. Returns the keep list in force, which a stop records in its snapshot.
 */
export async function markKeptPrincipals(
  rt: Runtime,
  inventory: Inventory,
  guard: boolean,
  inherited: readonly string[] = [],
): Promise<{ warnings: string[]; keep: string[] }> {
  const assignments = inventory.permission_assignments as Observed<AssignmentState>[] | undefined
  const values = keepValues({ given: rt.settings.keep, inherited: [...inherited] })
  const keep = dropUnkept(values, rt.settings.unkeep, assignments, rt.settings.face)
  const carried = inherited.filter((v) => keep.includes(v.trim()))
  if (carried.length > 0) {
    rt.logger.info(
      `Keeping ${carried.join(', ')} from the open snapshot's keep list (drop one with ` +
        `${option(rt.settings.face, 'unkeep', 'NAME')}).`,
    )
  }
  if (!assignments) return { warnings: [], keep }
  const lookup = groupLookup(rt)
  const { kept, warnings } = await resolveKept(
    keep,
    assignments,
    lookup,
    inherited,
    rt.settings.face,
  )
  const mine = guard
    ? guardCaller(rt.caller, assignments, rt.workspaceId)
    : findCaller(rt, assignments)
  for (const a of assignments) {
    if (a === mine) a.kept = 'the caller (never removed)'
    else if (kept.has(a.id)) a.kept = kept.get(a.id)
  }
  for (const w of warnings)
    rt.logger.warning(w, 'Kept principal reaches the workspace through a group')
  return { warnings, keep }
}

function findCaller(rt: Runtime, assignments: Observed<AssignmentState>[]) {
  try {
    return guardCaller(rt.caller, assignments, rt.workspaceId)
  } catch {
    return undefined
  }
}
