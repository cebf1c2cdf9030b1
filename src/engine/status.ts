import type { ItemReport, Report, StatusReport } from '../report.js'
import type { ResourceKind } from '../settings.js'
import type { Snapshot } from '../snapshot/schema.js'
import { listAll, markKeptPrincipals } from './inventory.js'
import { openSnapshot } from './open-snapshot.js'
import { finishReport, reportHeader } from './report-builder.js'
import type { Runtime } from './runtime.js'

/**
 * status: is the workspace halted, by which snapshot, and what of the halt no longer holds. An
 * active item the open snapshot recorded "came back" (someone woke it); an active item it did not
 * record is "new" since the halt. Both are drift; `--fail-on-drift` makes either exit 1.
 *
 * The open snapshot is found, and trusted, exactly as stop and restore find it: an unsigned or
 * forged one is refused (openSnapshot throws), never reported on. Kept principals are the open
 * snapshot's keep list plus --keep, as for show and a second stop.
 */
export async function status(rt: Runtime, startedAt: string): Promise<Report> {
  const open = await openSnapshot(rt)
  const header = reportHeader(rt, 'status', startedAt)
  if (!open) {
    const report = finishReport({ ...header, items: [], warnings: [], status: { halted: false } })
    return { ...report, exitCode: 0 }
  }
  const { inventory, failures } = await rt.logger.group('List', () => listAll(rt))
  const { warnings } = await markKeptPrincipals(rt, inventory, false, open.snapshot.kept_principals)
  const recorded = new Set(open.snapshot.items.map((i) => `${i.kind}\u0000${i.id}`))
  const items: ItemReport[] = [...failures]
  for (const resource of rt.resources) {
    // Report-only kinds cannot be halted, so they are neither recorded nor drift.
    if (resource.reportOnly) continue
    for (const item of inventory[resource.kind] ?? []) {
      if (!item.active || item.kept) continue
      const cameBack = recorded.has(`${resource.kind}\u0000${item.id}`)
      items.push({
        kind: resource.kind,
        id: item.id,
        name: item.name,
        detail: item.detail,
        outcome: 'active',
        drift: cameBack ? 'came_back' : 'new',
      })
    }
  }
  const report = finishReport({
    ...header,
    items,
    warnings,
    status: statusOf(open.entry.name, open.snapshot, items),
  })
  const drift = items.some((i) => i.drift !== undefined)
  const listFailed = failures.some((f) => f.outcome === 'failed')
  return { ...report, exitCode: (rt.settings.failOnDrift && drift) || listFailed ? 1 : 0 }
}

function statusOf(name: string, snapshot: Snapshot, items: ItemReport[]): StatusReport {
  const kinds: StatusReport['kinds'] = {}
  for (const item of items) {
    if (!item.drift) continue
    const counts = (kinds[item.kind as ResourceKind] ??= { came_back: 0, new: 0 })
    counts[item.drift]++
  }
  return {
    halted: true,
    snapshot: {
      name,
      created_at: snapshot.created_at,
      created_by: snapshot.caller.user_name,
      kept_principals: snapshot.kept_principals,
      items: snapshot.items.length,
    },
    drift: items.filter((i) => i.drift).length,
    kinds,
  }
}
