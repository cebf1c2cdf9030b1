import { optionName, skipKind } from '../wording.js'
import { SafetyError } from '../errors.js'
import type { ItemReport, Report } from '../report.js'
import type { Inventory } from '../resources/resource.js'
import type { SnapshotItem } from '../snapshot/schema.js'
import { stopCensus } from './census.js'
import { listAll, markKeptPrincipals } from './inventory.js'
import { localUserWarnings } from './local-users.js'
import { mergeRecords, stillHalted } from './merge.js'
import { openSnapshot } from './open-snapshot.js'
import { planStop, type PlanEntry } from './plan.js'
import { withProgress } from './progress.js'
import { finishReport, reportHeader } from './report-builder.js'
import type { Runtime } from './runtime.js'
import { saveSnapshot, toRecord } from './save-snapshot.js'
import { haltAndSweep, sweep, type Recording, type SweepResult } from './sweep.js'
import { waitForDrain } from './wait.js'
import { logNetwork, waitForEmptySubnets } from './network-mode.js'
import {
  appliedPlan,
  markUnplanned,
  refuseDrift,
  writePlan,
  type LoadedPlan,
} from './saved-plan.js'

/**
 * stop: list → plan → snapshot (saved and read back) → apply by dependency, access removal beside
 * it → compute sweep → final sweep → report. Every refusal happens before the snapshot is saved,
 * and nothing is changed unless the save succeeded; a sweep records what it finds before halting
 * it, the same way.
 */
export async function stop(given: Runtime, startedAt: string, saved?: LoadedPlan): Promise<Report> {
  const { inventory, failures } = await given.logger.group('List', () => listAll(given))
  const guard = given.resources.some((r) => r.kind === 'permission_assignments')
  if (guard) refuseBlindAssignments(given, inventory, failures)
  const prior = await openSnapshot(given)
  const inherited = prior?.snapshot.kept_principals ?? []
  const { warnings, keep } = await markKeptPrincipals(given, inventory, guard, inherited)
  // From here on the keep list in force (the open halt's plus --keep) is what gets recorded.
  const rt: Runtime = { ...given, settings: { ...given.settings, keep } }
  const plan = planStop(rt.resources, inventory)
  if (saved)
    refuseDrift(
      rt,
      saved,
      plan.filter((e) => e.change).map((e) => e.report),
    )
  warnings.push(...reportOnlyWarnings(rt, plan))
  warnings.push(...(await localUserWarnings(rt)))
  if (prior) warnings.push(mergeNotice(rt, prior.entry.name, prior.snapshot.items.length))
  const byKind = new Map(rt.resources.map((r) => [r.kind, r]))
  const carried = stillHalted(prior?.snapshot.items ?? [], inventory, byKind)
  warnings.push(...carried.dropped.map((item) => droppedNotice(rt, item)))
  const now = new Date().toISOString()
  const records = mergeRecords(
    carried.kept,
    plan.filter((e) => e.change).map((e) => toRecord(e, now)),
    new Map(rt.resources.map((r) => [r.kind, r])),
  )
  const base = { ...reportHeader(rt, 'stop', startedAt), warnings }
  const unchanged = plan.filter((e) => !e.change).map((e) => e.report)
  if (rt.settings.dryRun) {
    const planned = plan.filter((e) => e.change).map((e) => e.report)
    const planOut = rt.settings.planOut
      ? await writePlan(rt, rt.settings.planOut, planned)
      : undefined
    const items = [...failures, ...planned, ...unchanged]
    const census = stopCensus(inventory, items)
    return finishReport({ ...base, items, census, ...(planOut ? { planOut } : {}) })
  }
  const mergedFrom = prior ? [prior.entry.name] : []
  const first = await saveSnapshot(rt, records, mergedFrom, now)
  rt.logger.info(`Snapshot saved: ${first.ref} (${records.length} items)`)
  const halted = await rt.logger.group('Halt', () =>
    withProgress(rt.logger, rt.clock, 'Halt', (progress) =>
      haltAndSweep(rt, plan, inventory, progress, { entry: first, records, mergedFrom }),
    ),
  )
  // What the sweeps halt is listed after the plan's items (an item a sweep found running again
  // shows as already halted by the plan first, then changed).
  const items: ItemReport[] = [...failures, ...halted.applied, ...unchanged]
  let snapshot = first
  const took = (swept: SweepResult): Recording => {
    items.push(...swept.items)
    warnings.push(...swept.warnings)
    snapshot = swept.recording.entry
    return swept.recording
  }
  if (rt.resources.some((r) => r.access)) {
    // Access removal has ended: what a still-assigned user started meanwhile.
    const latest = halted.swept ? took(halted.swept) : { entry: first, records, mergedFrom }
    took(await rt.logger.group('Final sweep', () => sweep(rt, inventory, latest, 'Final sweep')))
  }
  const timeoutMs = rt.settings.waitMinutes * 60_000
  const waitStart = rt.timing.clock.now()
  if (timeoutMs > 0) {
    await rt.logger.group('Wait', () => waitForDrain(rt, items, inventory, timeoutMs))
  }
  const reported = saved ? markUnplanned(rt, saved, items, warnings) : items
  const report = finishReport({
    ...base,
    snapshot,
    items: reported,
    census: stopCensus(inventory, items),
    ...(saved ? { plan: appliedPlan(saved, reported) } : {}),
  })
  if (!rt.settings.checkSubnets) return report
  return withSubnets(rt, report, timeoutMs - (rt.timing.clock.now() - waitStart))
}

/** --check-subnets: wait for empty subnets within what is left of --wait; not empty → exit 1. */
async function withSubnets(rt: Runtime, report: Report, leftMs: number): Promise<Report> {
  const network = await rt.logger.group('Subnets', () =>
    waitForEmptySubnets(rt, Math.max(0, leftMs)),
  )
  report.warnings.push(...logNetwork(rt, network))
  const notEmpty = network.status === 'checked' && network.verdict === 'not_empty'
  return { ...report, network, exitCode: notEmpty ? 1 : report.exitCode }
}

/**
 * Without the assignment list the lockout guard cannot see the caller, and a stop that pauses jobs
 * but leaves everyone's access in place is not the halt that was asked for: refuse before any change.
 */
function refuseBlindAssignments(rt: Runtime, inventory: Inventory, failures: ItemReport[]): void {
  if (inventory.permission_assignments) return
  const cause = failures.find((f) => f.kind === 'permission_assignments')?.error ?? 'unknown error'
  // Not identity-federated: the cause already says so plainly, with the way out.
  if (cause.includes('not enabled for identity federation')) {
    throw new SafetyError(`${cause} Nothing was changed.`)
  }
  throw new SafetyError(
    `Cannot list the permission assignments of workspace ${rt.workspaceId} (${cause}), so the ` +
      'caller cannot be protected from lock-out. The signed-in principal must be a Databricks ' +
      `account admin (and ${optionName(rt.settings.face, 'accountId')} must name its account). ` +
      `To halt without touching access, ${skipKind(rt.settings.face, 'permission_assignments')}. ` +
      'Nothing was changed.',
  )
}

function droppedNotice(rt: Runtime, item: SnapshotItem): string {
  const message =
    `${item.kind} ${item.name} (${item.id}) is no longer as the earlier stop left it (changed by ` +
    'hand or deleted during the halt): that part of its earlier record is left out, so a restore ' +
    'will not undo the change.'
  rt.logger.warning(message, 'Record left out')
  return message
}

function mergeNotice(rt: Runtime, name: string, recorded: number): string {
  const message =
    `The workspace is already halted by ${name}; this stop merges with it ` +
    `(earliest pre-halt values win, ${recorded} recorded items kept).`
  rt.logger.info(message)
  return message
}

function reportOnlyWarnings(rt: Runtime, plan: readonly PlanEntry[]): string[] {
  const active = plan.filter((e) => e.report.outcome === 'report_only')
  return active.map((e) => {
    const message = `${e.resource.kind} ${e.item.name} is running and cannot be stopped through the API (${e.item.detail}).`
    rt.logger.warning(message, 'Cannot be stopped')
    return message
  })
}
