import type { ItemOutcome, ItemReport, Report } from '../report.js'
import { RESOURCE_KINDS, type ResourceKind } from '../settings.js'
import { renderTable } from './table.js'
import { NETWORK_HEADERS, networkHeadline, networkRows, probeLines } from '../network-table.js'

const TITLES: Record<ResourceKind, string> = {
  permission_assignments: 'Permission assignments',
  jobs: 'Jobs',
  job_runs: 'Active job runs',
  pipelines: 'Pipelines',
  clusters: 'Clusters',
  warehouses: 'SQL warehouses',
  instance_pools: 'Instance pools',
  apps: 'Apps',
  alerts: 'SQL alerts',
  dashboard_schedules: 'Dashboard schedules',
  serving_endpoints: 'Serving endpoints',
  vector_search_endpoints: 'Vector search endpoints',
}

const NOTES: Partial<Record<ResourceKind, string>> = {
  serving_endpoints: ' · cannot be stopped through the API',
  vector_search_endpoints: ' · cannot be stopped through the API',
}

/** After stop/restore these rows only repeat the summary's counts; a large workspace has thousands. */
const QUIET_AFTER_CHANGE: ReadonlySet<ItemOutcome> = new Set([
  'already_halted',
  'unchanged',
  'inactive',
])

/** `quiet` (--quiet): the summary only, without the per-kind item tables. */
export function renderReport(
  report: Report,
  options: { active?: boolean; quiet?: boolean } = {},
): string {
  if (report.mode === 'status') return statusText(report, options)
  const tables = options.quiet ? [] : kindTables(report)
  const sections = [header(report), ...tables]
  if (report.mode !== 'network') sections.push(summary(report))
  if (report.census) sections.push(census(report.census, report.dryRun))
  if (report.network) sections.push(network(report.network))
  if (options.active && !options.quiet && report.mode === 'show' && tables.length === 0) {
    sections.splice(1, 0, 'Nothing is active beyond the kept set.')
  }
  if (report.snapshot) sections.push(`Snapshot: ${report.snapshot.ref}`)
  if (report.planOut) {
    sections.push(
      `Plan saved: ${report.planOut.path} (${report.planOut.items} changes). After approval, ` +
        `apply exactly this plan: databricks-halt ${report.mode} --plan ${report.planOut.path}`,
    )
  }
  if (report.plan) {
    const { path, createdAt, createdBy, unplanned } = report.plan
    const extra = unplanned > 0 ? `; ${unplanned} item(s) not in the approved plan` : ''
    sections.push(`Applied plan ${path} (made ${createdAt} by ${createdBy})${extra}.`)
  }
  if (report.warnings.length > 0) {
    sections.push(['Warnings:', ...cappedWarnings(report.warnings)].join('\n'))
  }
  return `${sections.join('\n\n')}\n`
}

/** status: the halt, then what came back or is new (the drift), one table per kind. */
function statusText(report: Report, options: { quiet?: boolean }): string {
  const st = report.status
  const sections = [header(report)]
  if (!st?.halted || !st.snapshot) {
    sections.push('Not halted: no open snapshot for this workspace.')
  } else {
    const s = st.snapshot
    const kept = s.kept_principals.length > 0 ? s.kept_principals.join(', ') : 'none'
    sections.push(
      `Halted by snapshot ${s.name}, taken ${s.created_at} by ${s.created_by} (${s.items} items); ` +
        `kept principals: ${kept}.`,
    )
    if (!options.quiet) sections.push(...driftTables(report.items))
    const kinds = Object.entries(st.kinds ?? {}).map(
      ([kind, c]) => `${TITLES[kind as ResourceKind]}: ${c.came_back} came back, ${c.new} new`,
    )
    sections.push(
      st.drift
        ? `Drift: ${st.drift} item(s) active again. ${kinds.join('; ')}.`
        : 'No drift: the halt holds.',
    )
  }
  const failed = report.items.filter((i) => i.outcome === 'failed')
  if (failed.length > 0) sections.push(`Could not list: ${failed.map((f) => f.kind).join(', ')}.`)
  if (report.warnings.length > 0) {
    sections.push(['Warnings:', ...cappedWarnings(report.warnings)].join('\n'))
  }
  return `${sections.join('\n\n')}\n`
}

function driftTables(items: ItemReport[]): string[] {
  return RESOURCE_KINDS.flatMap((kind) => {
    const rows = items.filter((i) => i.kind === kind && i.drift)
    if (rows.length === 0) return []
    const body = rows.map((i) => [
      i.id,
      i.name,
      i.drift === 'came_back' ? 'came back' : 'new',
      i.detail ?? '',
    ])
    return [
      `${TITLES[kind]} (${rows.length})\n${renderTable(['ID', 'NAME', 'DRIFT', 'DETAIL'], body)}`,
    ]
  })
}

function header(report: Report): string {
  const what = report.dryRun ? `${report.mode} (dry run: nothing changed)` : report.mode
  const caller = report.caller ? ` · caller ${report.caller.userName} (id ${report.caller.id})` : ''
  return `databricks-halt ${what} · workspace ${report.workspaceId} (${report.workspaceUrl})${caller}`
}

function kindTables(report: Report): string[] {
  const visible = report.items.filter(
    (item) => report.mode === 'show' || !QUIET_AFTER_CHANGE.has(item.outcome),
  )
  return RESOURCE_KINDS.flatMap((kind) => {
    const items = visible.filter((item) => item.kind === kind)
    if (items.length === 0) return []
    const title = `${TITLES[kind]} (${items.length})${NOTES[kind] ?? ''}`
    return [`${title}\n${renderTable(HEADERS, items.map(row))}`]
  })
}

const HEADERS = ['ID', 'NAME', 'STATE', 'DETAIL']

function row(item: ItemReport): string[] {
  const detail = [item.detail, item.error ? `error: ${item.error}` : undefined]
  return [item.id, item.name, outcomeText(item.outcome), detail.filter(Boolean).join(' · ')]
}

function outcomeText(outcome: ItemOutcome): string {
  return outcome.replace(/_/g, ' ')
}

function census(counts: NonNullable<Report['census']>, dryRun: boolean): string {
  const rows = RESOURCE_KINDS.flatMap((kind) => {
    const c = counts[kind]
    return c ? [[TITLES[kind], `${c.before} → ${c.after}`]] : []
  })
  const title = dryRun ? 'Active now → after the run (dry run)' : 'Active before → after'
  return `${title}:\n${renderTable(['KIND', 'ACTIVE'], rows)}`
}

function network(n: NonNullable<Report['network']>): string {
  const rows = networkRows(n)
  const table = rows.length ? [renderTable(NETWORK_HEADERS, rows)] : []
  return [networkHeadline(n), ...table, ...probeLines(n)].join('\n')
}

function summary(report: Report): string {
  const counts = Object.entries(report.counts)
    .filter(([, n]) => n > 0)
    .map(([outcome, n]) => `${n} ${outcomeText(outcome as ItemOutcome)}`)
  const seconds = (Date.parse(report.finishedAt) - Date.parse(report.startedAt)) / 1000
  const took = Number.isFinite(seconds) ? ` in ${seconds.toFixed(1)} s` : ''
  return `Summary: ${counts.join(', ') || 'nothing found'}${took}.`
}

/** Shown warnings; the rest are one "and N more" line (all of them are in `--output json`). */
export const WARNING_LIMIT = 10

export function cappedWarnings(warnings: string[]): string[] {
  const shown = warnings.slice(0, WARNING_LIMIT).map((w) => `  - ${w}`)
  const rest = warnings.length - WARNING_LIMIT
  return rest > 0 ? [...shown, `  … and ${rest} more (all of them: --output json)`] : shown
}
