import { optionName } from '../wording.js'
import type { ItemReport, Report } from '../report.js'
import { errorText } from '../errors.js'
import { listAll, markKeptPrincipals } from './inventory.js'
import { localUserWarnings } from './local-users.js'
import { openSnapshot } from './open-snapshot.js'
import { finishReport, reportHeader } from './report-builder.js'
import type { Runtime } from './runtime.js'

/**
 * show: what is there and what is active. With --active only what a stop would still have to halt
 * (active and not kept; report-only kinds that run are listed too, as they cannot be stopped); with
 * --fail-if-active the exit code is 1 when anything haltable is active (the runbook's gate).
 */
export async function show(rt: Runtime, startedAt: string): Promise<Report> {
  const { inventory, failures } = await rt.logger.group('List', () => listAll(rt))
  const { inherited, notes } = await openKeepList(rt)
  const { warnings } = await markKeptPrincipals(rt, inventory, false, inherited)
  warnings.unshift(...notes)
  warnings.push(...(await localUserWarnings(rt)))
  const items: ItemReport[] = [...failures]
  for (const resource of rt.resources) {
    for (const item of inventory[resource.kind] ?? []) {
      const base = { kind: resource.kind, id: item.id, name: item.name, detail: item.detail }
      if (resource.reportOnly)
        items.push({ ...base, outcome: item.active ? 'report_only' : 'inactive' })
      else if (item.kept)
        items.push({ ...base, outcome: 'kept', detail: `${item.detail}; ${item.kept}` })
      else items.push({ ...base, outcome: item.active ? 'active' : 'inactive' })
    }
  }
  const shown = rt.settings.active
    ? items.filter((i) => ['active', 'report_only', 'failed'].includes(i.outcome))
    : items
  const report = finishReport({
    ...reportHeader(rt, 'show', startedAt),
    items: shown,
    warnings,
  })
  // show only fails as a gate (or when it could not list): active items are not failures otherwise,
  // nor is a kind the workspace does not have (not_available).
  const gate = rt.settings.failIfActive && report.counts.active > 0
  const listFailed = failures.some((f) => f.outcome === 'failed')
  return { ...report, exitCode: gate || listFailed ? 1 : 0 }
}

/**
 * While a halt is open, show judges "active" against that halt's keep list, so the runbook's gate
 * (`show --fail-if-active`) passes without repeating --keep. An unreadable snapshot does not stop
 * show (it changes nothing); it is warned about, and only --keep counts then.
 */
async function openKeepList(rt: Runtime): Promise<{ inherited: string[]; notes: string[] }> {
  try {
    const open = await openSnapshot(rt)
    return { inherited: open?.snapshot.kept_principals ?? [], notes: [] }
  } catch (e) {
    const note =
      `The open snapshot cannot be read (${errorText(e)}); only ` +
      `${optionName(rt.settings.face, 'keep')} counts as kept.`
    rt.logger.warning(note)
    return { inherited: [], notes: [note] }
  }
}
