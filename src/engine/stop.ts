import { SafetyError, errorText } from '../errors.js'
import type { ItemReport, Report } from '../report.js'
import type { Inventory } from '../resources/resource.js'
import { encodeSnapshot } from '../snapshot/codec.js'
import {
  SNAPSHOT_SCHEMA_VERSION,
  type SnapshotContent,
  type SnapshotItem,
} from '../snapshot/schema.js'
import type { SnapshotEntry } from '../snapshot/store.js'
import { applyStop } from './apply.js'
import { stopCensus } from './census.js'
import { listAll, markKeptPrincipals } from './inventory.js'
import { mergeRecords } from './merge.js'
import { openSnapshot } from './open-snapshot.js'
import { planStop, type PlanEntry } from './plan.js'
import { finishReport, reportHeader } from './report-builder.js'
import type { Runtime } from './runtime.js'
import { waitForDrain } from './wait.js'
import { logNetwork, waitForEmptySubnets } from './network-mode.js'

/**
 * stop: list → plan → snapshot (saved and read back) → apply → report. Every refusal happens
 * before the snapshot is saved, and nothing is changed unless the save succeeded.
 */
export async function stop(rt: Runtime, startedAt: string): Promise<Report> {
  const { inventory, failures } = await rt.logger.group('List', () => listAll(rt))
  const guard = rt.resources.some((r) => r.kind === 'permission_assignments')
  if (guard) refuseBlindAssignments(rt, inventory, failures)
  const warnings = await markKeptPrincipals(rt, inventory, guard)
  const plan = planStop(rt.resources, inventory)
  warnings.push(...reportOnlyWarnings(rt, plan))
  const prior = await openSnapshot(rt)
  if (prior) warnings.push(mergeNotice(rt, prior.entry.name, prior.snapshot.items.length))
  const now = new Date().toISOString()
  const records = mergeRecords(
    prior?.snapshot.items ?? [],
    plan.filter((e) => e.change).map((e) => toRecord(e, now)),
    new Map(rt.resources.map((r) => [r.kind, r])),
  )
  const base = { ...reportHeader(rt, 'stop', startedAt), warnings }
  const unchanged = plan.filter((e) => !e.change).map((e) => e.report)
  if (rt.settings.dryRun) {
    const planned = plan.filter((e) => e.change).map((e) => e.report)
    return finishReport({ ...base, items: [...failures, ...planned, ...unchanged] })
  }
  const snapshot = await saveSnapshot(rt, records, prior?.entry, now)
  rt.logger.info(`Snapshot saved: ${snapshot.ref} (${records.length} items)`)
  const applied = await rt.logger.group('Halt', () => applyStop(rt, plan, inventory))
  const items: ItemReport[] = [...failures, ...applied, ...unchanged]
  const timeoutMs = rt.settings.waitMinutes * 60_000
  const waitStart = rt.timing.clock.now()
  if (timeoutMs > 0) {
    await rt.logger.group('Wait', () => waitForDrain(rt, items, inventory, timeoutMs))
  }
  const report = finishReport({ ...base, snapshot, items, census: stopCensus(inventory, items) })
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
  throw new SafetyError(
    `Cannot list the permission assignments of workspace ${rt.workspaceId} (${cause}), so the ` +
      'caller cannot be protected from lock-out. The signed-in principal must be a Databricks ' +
      'account admin (and --account-id / account-id must name its account). To halt without ' +
      'touching access, leave out permission_assignments (--skip permission_assignments, or the ' +
      'resources input). Nothing was changed.',
  )
}

function mergeNotice(rt: Runtime, name: string, recorded: number): string {
  const message =
    `The workspace is already halted by ${name}; this stop merges with it ` +
    `(earliest pre-halt values win, ${recorded} recorded items kept).`
  rt.logger.info(message)
  return message
}

function toRecord(entry: PlanEntry, now: string): SnapshotItem {
  return {
    kind: entry.resource.kind,
    id: entry.item.id,
    name: entry.item.name,
    before: entry.change!.before,
    after: entry.change!.after,
    recorded_at: now,
  }
}

async function saveSnapshot(
  rt: Runtime,
  items: SnapshotItem[],
  prior: SnapshotEntry | undefined,
  createdAt: string,
): Promise<SnapshotEntry> {
  const content: SnapshotContent = {
    schema_version: SNAPSHOT_SCHEMA_VERSION,
    tool: 'databricks-halt',
    tool_version: rt.version,
    workspace_id: rt.workspaceId,
    workspace_url: rt.workspaceUrl,
    ...(rt.accountId ? { account_id: rt.accountId } : {}),
    created_at: createdAt,
    caller: {
      id: rt.caller.id,
      user_name: rt.caller.userName,
      ...(rt.caller.displayName ? { display_name: rt.caller.displayName } : {}),
    },
    kept_principals: [...rt.settings.keep],
    merged_from: prior ? [prior.name] : [],
    items,
  }
  try {
    return await rt.store.save({
      workspaceId: rt.workspaceId,
      createdAt,
      content: encodeSnapshot(content),
    })
  } catch (e) {
    throw new Error(
      `Could not save the snapshot to ${rt.store.description}: ${errorText(e)}. Nothing was changed.`,
      { cause: e },
    )
  }
}

function reportOnlyWarnings(rt: Runtime, plan: readonly PlanEntry[]): string[] {
  const active = plan.filter((e) => e.report.outcome === 'report_only')
  return active.map((e) => {
    const message = `${e.resource.kind} ${e.item.name} is running and cannot be stopped through the API (${e.item.detail}).`
    rt.logger.warning(message, 'Cannot be stopped')
    return message
  })
}
