import { command, newPlan, option, optionName } from '../wording.js'
import { UsageError, errorText } from '../errors.js'
import { targetMissing } from './apply.js'
import type { ItemReport, Report } from '../report.js'
import type { Inventory, Observed, Resource, RestoreDecision } from '../resources/resource.js'
import { loadSnapshot } from '../snapshot/codec.js'
import type { Snapshot, SnapshotItem } from '../snapshot/schema.js'
import type { SnapshotEntry } from '../snapshot/store.js'
import { restoreCensus } from './census.js'
import { listAll } from './inventory.js'
import { mapLimit, tally } from '../util/limit.js'
import { markRestored, openSnapshot } from './open-snapshot.js'
import { inDependencyOrder } from './order.js'
import { withProgress, type Progress } from './progress.js'
import { finishReport, reportHeader } from './report-builder.js'
import type { Runtime } from './runtime.js'
import { verifyRestore, type Expectation } from './verify.js'
import { refuseForgedRecords } from './record-checks.js'
import { restoreWarnings } from './restore-warnings.js'
import { appliedPlan, writePlan, type LoadedPlan } from './saved-plan.js'

/**
 * restore: load and check the snapshot (schema, checksum, workspace) before anything else, then
 * per item compare what is there now with what the stop set: as left → put the pre-halt value
 * back; changed by hand → conflict, left as edited (unless --force); gone → reported. Then verify
 * by re-reading, and mark the snapshot restored when nothing is left to retry.
 */
export async function restore(rt: Runtime, startedAt: string, saved?: LoadedPlan): Promise<Report> {
  const { entry, snapshot } = saved ? await plannedSnapshot(rt, saved) : await pickSnapshot(rt)
  // Whichever way it was picked (open, named, follow-up, planned): refused whole before any write
  // if a record gives back more than a stop takes away (ADR 0008).
  refuseForgedRecords(snapshot, entry.name)
  rt.logger.info(
    `Restoring from ${entry.name} (taken ${snapshot.created_at}, ${snapshot.items.length} items)`,
  )
  const inScope = new Set(rt.resources.map((r) => r.kind))
  const kinds = rt.resources.filter((r) => snapshot.items.some((i) => i.kind === r.kind))
  const { inventory, failures } = await rt.logger.group('List', () => listAll(rt, kinds))
  // A kind with recorded items that is not available now cannot be put back: that is a failure.
  const items: ItemReport[] = failures.map((f) =>
    f.outcome === 'not_available' ? { ...f, outcome: 'failed', error: f.detail } : f,
  )
  const expectations: Expectation[] = []
  // The stop's order, kind by kind: access and schedules come back before the compute they start.
  const restored = await rt.logger.group('Restore', () =>
    withProgress(rt.logger, rt.clock, 'Restore', (progress) =>
      inDependencyOrder(
        kinds.map((resource) => ({
          kind: resource.kind,
          after: resource.startedBy,
          run: () =>
            restoreKind(rt, resource, snapshot.items, inventory, { expectations, progress }),
        })),
      ),
    ),
  )
  items.push(...restored.flat())
  const outOfScope = snapshot.items.filter((i) => !inScope.has(i.kind))
  for (const i of outOfScope) {
    items.push({
      kind: i.kind,
      id: i.id,
      name: i.name,
      outcome: 'unchanged',
      detail: 'kind not selected; still halted',
    })
  }
  if (!rt.settings.dryRun && expectations.length > 0) {
    await rt.logger.group('Verify', () => verifyRestore(rt, expectations))
  }
  const complete = outOfScope.length === 0 && !items.some((i) => i.outcome === 'failed')
  if (!rt.settings.dryRun) await finish(rt, entry, snapshot, complete)
  const planOut =
    rt.settings.dryRun && rt.settings.planOut
      ? await writePlan(rt, rt.settings.planOut, items, {
          name: entry.name,
          checksum: snapshot.checksum,
        })
      : undefined
  return finishReport({
    ...reportHeader(rt, 'restore', startedAt),
    snapshot: { ...entry, restored: entry.restored || (complete && !rt.settings.dryRun) },
    items,
    warnings: [...adminRegrants(rt, snapshot, items), ...restoreWarnings(rt, entry, items)],
    census: restoreCensus(inventory, items),
    ...(planOut ? { planOut } : {}),
    ...(saved ? { plan: appliedPlan(saved, items) } : {}),
  })
}

async function pickSnapshot(rt: Runtime): Promise<{ entry: SnapshotEntry; snapshot: Snapshot }> {
  if (rt.settings.snapshot) {
    const entry = await rt.store.resolve(rt.settings.snapshot)
    const snapshot = await loadSnapshot(rt.store, entry, rt.workspaceId, rt.keys)
    return { entry, snapshot }
  }
  const open = await openSnapshot(rt)
  if (open) return open
  const [newest] = await rt.store.list(rt.workspaceId)
  // A follow-up of the last restore (docs/adr/0011-restore-follow-ups.md): its hints, `--force`
  // and `--restart-compute`, act on the newest snapshot although that one is marked restored.
  if (newest && (rt.settings.force || rt.settings.restartCompute)) {
    rt.logger.info(
      `No open halt: applying ${followUpFlags(rt)} to the last snapshot, ${newest.name} ` +
        '(already restored; only what is not back yet changes).',
    )
    return {
      entry: newest,
      snapshot: await loadSnapshot(rt.store, newest, rt.workspaceId, rt.keys),
    }
  }
  const face = rt.settings.face
  const last = newest
    ? ` The last snapshot, ${newest.name}, is already restored: ` +
      `${command(face, 'restore', option(face, 'force'))} or ` +
      `${command(face, 'restore', option(face, 'restartCompute'))} apply follow-ups to it.`
    : ''
  const other =
    face === 'action'
      ? `Name another one with ${optionName(face, 'snapshot')}.`
      : 'Name another one with --snapshot, or check --snapshot-dir.'
  throw new UsageError(
    `No un-restored snapshot of workspace ${rt.workspaceId} in ${rt.store.description}.${last} ` +
      other,
  )
}

/**
 * restore --plan: exactly the snapshot the plan was made from, even if a newer one exists; one
 * that is gone or no longer the same (checksum) is refused before any change.
 */
async function plannedSnapshot(
  rt: Runtime,
  { plan, source }: LoadedPlan,
): Promise<{ entry: SnapshotEntry; snapshot: Snapshot }> {
  const wanted = plan.snapshot
  if (!wanted) throw new UsageError(`Plan ${source} names no snapshot. Nothing was changed.`)
  let entry: SnapshotEntry
  try {
    entry = await rt.store.resolve(wanted.name)
  } catch (e) {
    throw new UsageError(
      `The snapshot plan ${source} restores, ${wanted.name}, is gone from ` +
        `${rt.store.description} (${errorText(e)}). Nothing was changed.`,
    )
  }
  const snapshot = await loadSnapshot(rt.store, entry, rt.workspaceId, rt.keys)
  if (snapshot.checksum !== wanted.checksum) {
    throw new UsageError(
      `The snapshot plan ${source} restores, ${wanted.name}, has changed since the plan was made ` +
        `(checksum ${snapshot.checksum}, planned ${wanted.checksum}). Nothing was changed; ` +
        `${newPlan(rt.settings.face)}.`,
    )
  }
  return { entry, snapshot }
}

function followUpFlags(rt: Runtime): string {
  const flags = [
    rt.settings.force ? option(rt.settings.face, 'force') : '',
    rt.settings.restartCompute ? option(rt.settings.face, 'restartCompute') : '',
  ]
  return flags.filter(Boolean).join(rt.settings.face === 'action' ? ', ' : ' ')
}

async function restoreKind(
  rt: Runtime,
  resource: Resource,
  records: readonly SnapshotItem[],
  inventory: Inventory,
  { expectations, progress }: { expectations: Expectation[]; progress: Progress },
): Promise<ItemReport[]> {
  const mine = records.filter((r) => r.kind === resource.kind)
  const listed = inventory[resource.kind]
  if (!listed) return [] // listing failed: already reported once for the kind
  const current = new Map(listed.map((i) => [i.id, i]))
  if (mine.length > 0) rt.logger.info(`${resource.kind}: restoring ${mine.length}`)
  const gone = await goneNow(rt, resource, mine)
  if (Array.isArray(gone)) return gone
  progress.add(resource.kind, mine.length)
  progress.start(resource.kind)
  const reports = await mapLimit(mine, rt.settings.maxConcurrency, async (record) => {
    try {
      const now = current.get(record.id)
      return await restoreOne(rt, resource, record, now, expectations, gone.get(record.id))
    } finally {
      progress.tick(resource.kind)
    }
  })
  if (mine.length > 0) rt.logger.info(`${resource.kind}: ${tally(reports, (r) => r.outcome)}`)
  return reports
}

/**
 * What the kind says is gone now (deactivated principals), read once per kind; if it cannot be
 * read, every record of the kind fails: without it a deactivated principal could get access back.
 */
async function goneNow(
  rt: Runtime,
  resource: Resource,
  mine: readonly SnapshotItem[],
): Promise<Map<string, string> | ItemReport[]> {
  if (mine.length === 0 || !resource.goneNow) return new Map()
  try {
    return await resource.goneNow(rt.resCtx, mine)
  } catch (e) {
    const error = `cannot tell what is gone: ${errorText(e)}`
    rt.logger.error(`${resource.kind}: ${error}`)
    return mine.map((r) => ({ kind: r.kind, id: r.id, name: r.name, outcome: 'failed', error }))
  }
}

async function restoreOne(
  rt: Runtime,
  resource: Resource,
  record: SnapshotItem,
  now: Observed<unknown> | undefined,
  expectations: Expectation[],
  goneReason: string | undefined,
): Promise<ItemReport> {
  const { force, restartCompute, face } = rt.settings
  const options = { force, restartCompute, ...(face ? { face } : {}) }
  const base = { kind: resource.kind, id: record.id, name: record.name }
  let decision: RestoreDecision<unknown>
  try {
    decision = resource.decideRestore(record, now, options)
  } catch (e) {
    // A record whose shape this kind cannot read: report it, touch nothing.
    return { ...base, outcome: 'failed', error: `unreadable record: ${errorText(e)}` }
  }
  if (decision.write === undefined)
    return { ...base, outcome: decision.outcome, detail: decision.detail }
  if (goneReason !== undefined) return { ...base, outcome: 'gone', detail: goneReason }
  const change = { before: now?.state ?? null, after: decision.write }
  if (rt.settings.dryRun) return { ...base, outcome: 'planned', ...change, detail: decision.detail }
  return write(rt, resource, record, decision, now, expectations)
}

async function write(
  rt: Runtime,
  resource: Resource,
  record: SnapshotItem,
  decision: RestoreDecision<unknown>,
  current: Observed<unknown> | undefined,
  expectations: Expectation[],
): Promise<ItemReport> {
  const base = { kind: resource.kind, id: record.id, name: record.name }
  // As found (null: not listed, e.g. a removed assignment) → the value put back.
  const change = { before: current?.state ?? null, after: decision.write }
  try {
    await resource.write(rt.resCtx, record, decision.write, current)
  } catch (e) {
    const error = errorText(e)
    // Deleted between the listing and the write (a job, or a principal removed from the account).
    if (targetMissing(resource, e, record.id))
      return { ...base, outcome: 'gone', detail: `no longer exists (${error})` }
    rt.logger.error(`${resource.kind} ${record.name} (${record.id}): ${error}`)
    return { ...base, outcome: 'failed', ...change, detail: decision.detail, error }
  }
  const report: ItemReport = {
    ...base,
    outcome: decision.outcome,
    ...change,
    detail: decision.detail,
  }
  if (resource.matches) {
    expectations.push({ resource, id: record.id, expected: decision.write, report })
  }
  return report
}

async function finish(
  rt: Runtime,
  entry: SnapshotEntry,
  snapshot: Snapshot,
  complete: boolean,
): Promise<void> {
  if (!complete) {
    rt.logger.warning(
      `${entry.name} is not marked restored (some items failed or were not selected); run restore again to retry them.`,
    )
    return
  }
  await markRestored(rt, entry, snapshot)
  // Snapshots this one was merged from are covered by it: a later stop must not merge with them.
  if (snapshot.merged_from.length === 0) return
  const older = await rt.store.list(rt.workspaceId)
  for (const old of older) {
    if (old.restored || !snapshot.merged_from.includes(old.name)) continue
    try {
      await markRestored(rt, old, await loadSnapshot(rt.store, old, rt.workspaceId, rt.keys))
    } catch (e) {
      rt.logger.warning(`${old.name} (merged into ${entry.name}) was not marked: ${errorText(e)}`)
    }
  }
}

/**
 * Workspace ADMIN given back (or, in a dry run, to be given back), on a line of its own in the
 * plan and the summary: the most powerful thing a restore does should never hide in a table.
 */
function adminRegrants(rt: Runtime, snapshot: Snapshot, items: readonly ItemReport[]): string[] {
  const given = new Set(
    items
      .filter((i) => i.kind === 'permission_assignments')
      .filter((i) => i.outcome === 'changed' || i.outcome === 'planned')
      .map((i) => i.id),
  )
  const admins = snapshot.items.filter(
    (r) =>
      r.kind === 'permission_assignments' &&
      given.has(r.id) &&
      (
        (r.before as { permissions?: unknown } | null)?.permissions as unknown[] | undefined
      )?.includes('ADMIN'),
  )
  if (admins.length === 0) return []
  const names = admins.map((r) => `${r.name} (${r.id})`).join(', ')
  const line = rt.settings.dryRun
    ? `Workspace ADMIN would be given back to ${admins.length} principal(s): ${names}.`
    : `Workspace ADMIN given back to ${admins.length} principal(s): ${names}.`
  rt.logger.info(line)
  return [line]
}
