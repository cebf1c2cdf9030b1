import * as core from '@actions/core'
import {
  FAILING_OUTCOMES,
  type ItemOutcome,
  type ItemReport,
  type NetworkReport,
  type Report,
} from '../report.js'
import { NETWORK_HEADERS, networkHeadline, networkRows, probeLines } from '../network-table.js'
import type { ResourceKind } from '../settings.js'
import type { SnapshotLink } from './snapshot-link.js'

/**
 * The job summary: what happened to the workspace at a glance, then per kind, then the items that
 * need a person. core.summary does not escape HTML, and names come from the workspace, so every
 * value goes through `esc`. Long lists fold into <details> to keep the page (max 1 MiB) readable.
 */

type Row = Parameters<typeof core.summary.addTable>[0][number]

const COLUMNS: [ItemOutcome, string][] = [
  ['active', 'Active'],
  ['inactive', 'Inactive'],
  ['planned', 'Would change'],
  ['changed', 'Changed'],
  ['already_halted', 'Already halted'],
  ['unchanged', 'Unchanged'],
  ['left_off', 'Left off'],
  ['kept', 'Kept'],
  ['report_only', 'Cannot stop'],
  ['not_available', 'Not available'],
  ['conflict', 'Conflicts'],
  ['gone', 'Gone'],
  ['not_converged', 'Not converged'],
  ['failed', 'Failed'],
]
const INLINE_LIMIT = 15
const ALL_ITEMS_LIMIT = 3000

function esc(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\|/g, '&#124;')
}

export async function writeSummary(report: Report, snapshot?: SnapshotLink): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return // a local run has no summary file
  const s = core.summary
  s.addHeading(
    `databricks-halt ${report.mode}${report.dryRun ? ' (dry run)' : ''}: ${result(report)}`,
    2,
  )
  s.addTable(overview(report, snapshot))
  if (report.mode !== 'network') {
    s.addHeading('By resource kind', 3)
    s.addTable(byKind(report))
  }
  if (report.network) addNetwork(report.network)
  addStatus(report)
  addKept(report)
  addAttention(report)
  addPlan(report)
  if (report.mode === 'stop' && snapshot && !report.dryRun) {
    s.addRaw(
      '<p>To undo: run with <code>mode: restore</code> (it finds the newest un-restored snapshot), or ' +
        `<code>restore-from: ${esc(snapshot.runId ?? snapshot.ref)}</code> for this one. The artifact ` +
        'expires with its retention: download it from the run page for a longer halt.</p>',
      true,
    )
  }
  if (report.counts.left_off > 0) {
    s.addRaw(
      `<p>${report.counts.left_off} compute items were running before the halt and are left off by design; ` +
        'restore with <code>restart-compute: true</code> to start exactly those again.</p>',
      true,
    )
  }
  if (report.warnings.length > 0) list('Warnings', report.warnings.map(esc))
  if (report.items.length > 0) {
    // The runner drops a summary over 1 MiB: list a bounded number, the report output has all.
    const shown = report.items.slice(0, ALL_ITEMS_LIMIT)
    const more = report.items.length - shown.length
    const note = more > 0 ? `\n\n${more} more in the JSON report (the \`report\` output).` : ''
    s.addDetails(`All ${report.items.length} items`, `\n\n${itemTable(shown)}${note}\n\n`)
  }
  await s.write()
}

/** status: the open halt and, by name, what came back or is new since. */
function addStatus(report: Report): void {
  const st = report.status
  if (report.mode !== 'status' || !st) return
  if (!st.halted || !st.snapshot) {
    core.summary.addRaw('<p>Not halted: no open snapshot for this workspace.</p>', true)
    return
  }
  const s = st.snapshot
  core.summary.addRaw(
    `<p>Halted by snapshot ${esc(s.name)}, taken ${esc(s.created_at)} by ${esc(s.created_by)}; ` +
      `kept principals: ${esc(s.kept_principals.join(', ') || 'none')}.</p>`,
    true,
  )
  const drift = report.items.filter((i) => i.drift)
  if (drift.length === 0) return
  list(
    'Came back or new since the halt',
    drift.map(
      (i) =>
        `${i.drift === 'came_back' ? 'came back' : 'new'}: ${esc(i.kind)} ${esc(i.name)} (${esc(i.id)})`,
    ),
  )
}

function result(report: Report): string {
  if (report.mode === 'status') {
    if (!report.status?.halted) return 'not halted'
    const drift = report.status.drift ?? 0
    return drift > 0 ? `halted, ${drift} came back or new` : 'halted, nothing came back'
  }
  if (report.mode === 'network' && report.network) return networkResult(report.network)
  if (report.exitCode === 0) return report.mode === 'show' ? 'listed' : 'done'
  if (report.mode === 'show' && report.counts.active > 0)
    return `${report.counts.active} still active`
  return 'needs attention'
}

function networkResult(network: NetworkReport): string {
  if (network.probe) return `probe ${network.probe.result}`
  return network.status === 'checked'
    ? `subnets ${network.verdict.replace('_', ' ')}`
    : network.status
}

function overview(report: Report, snapshot?: SnapshotLink): Row[] {
  const rows: [string, string][] = [
    ['Workspace', `${esc(report.workspaceUrl)} (id ${esc(report.workspaceId)})`],
    ['Mode', `${report.mode}${report.dryRun ? ' (dry run: nothing changed)' : ''}`],
    ['Result', `${result(report)} (exit code ${report.exitCode})`],
  ]
  if (report.caller) rows.push(['Signed in as', esc(report.caller.userName)])
  if (snapshot) {
    const name = snapshot.runUrl
      ? `<a href="${esc(snapshot.runUrl)}">${esc(snapshot.name)}</a>`
      : esc(snapshot.name)
    const ref = snapshot.url
      ? `<a href="${esc(snapshot.url)}">${esc(snapshot.ref)}</a>`
      : esc(snapshot.ref)
    const run = snapshot.runId ? `, run ${esc(snapshot.runId)}` : ''
    rows.push([
      report.mode === 'restore' ? 'Restored snapshot' : 'Snapshot',
      `${name} (artifact ${ref}${run})`,
    ])
  }
  rows.push(['Time', `${esc(report.startedAt)} → ${esc(report.finishedAt)}`])
  return rows.map(([k, v]) => [{ data: k, header: true }, v])
}

function byKind(report: Report): Row[] {
  const { items, census } = report
  const kinds = [...new Set(items.map((i) => i.kind))]
  const used = COLUMNS.filter(([outcome]) => items.some((i) => i.outcome === outcome))
  const header: Row = [
    { data: 'Kind', header: true },
    { data: 'Items', header: true },
    ...(census ? [{ data: censusTitle(report), header: true }] : []),
    ...used.map(([, t]) => ({ data: t, header: true })),
  ]
  const rows = kinds.map((kind: ResourceKind): Row => {
    const mine = items.filter((i) => i.kind === kind)
    const count = census?.[kind]
    return [
      kind,
      String(mine.length),
      ...(census ? [count ? `${count.before} → ${count.after}` : '–'] : []),
      ...used.map(([o]) => String(mine.filter((i) => i.outcome === o).length)),
    ]
  })
  return rows.length > 0 ? [header, ...rows] : [[{ data: 'Nothing in scope', header: true }]]
}

function censusTitle(report: Report): string {
  return report.dryRun ? 'Active now → after the run' : 'Active before → after'
}

/** The "Network" section: the verdict, the subnet table, the probe. */
function addNetwork(network: NetworkReport): void {
  core.summary.addHeading('Network', 3)
  core.summary.addRaw(`<p>${esc(networkHeadline(network))}</p>`, true)
  const rows = networkRows(network)
  if (rows.length > 0) {
    const header = NETWORK_HEADERS.map((h) => `| ${h} `).join('') + '|'
    const body = rows.map((r) => `| ${r.map(esc).join(' | ')} |`)
    core.summary.addRaw(
      `\n\n${[header, NETWORK_HEADERS.map(() => '| --- ').join('') + '|', ...body].join('\n')}\n\n`,
    )
  }
  const probe = probeLines(network)
  if (probe.length > 0) core.summary.addRaw(`<pre>${esc(probe.join('\n'))}</pre>`, true)
}

function addKept(report: Report): void {
  const kept = report.items.filter(
    (i) => i.kind === 'permission_assignments' && i.outcome === 'kept',
  )
  if (kept.length > 0)
    list(
      'Kept principals',
      kept.map((i) => `${esc(i.name)} (${esc(i.id)})${i.detail ? `: ${esc(i.detail)}` : ''}`),
    )
}

function addAttention(report: Report): void {
  // Report-only kinds (cannot be stopped) are in the warnings list already.
  const items = report.items.filter((i) => FAILING_OUTCOMES.has(i.outcome))
  if (items.length === 0) return
  const title =
    report.mode === 'restore' ? 'Did not converge or needs attention' : 'Needs attention'
  core.summary.addHeading(title, 3)
  const table = itemTable(items)
  if (items.length > INLINE_LIMIT)
    core.summary.addDetails(`${items.length} items`, `\n\n${table}\n\n`)
  else core.summary.addRaw(`\n\n${table}\n\n`)
}

function list(title: string, lines: string[]): void {
  core.summary.addHeading(title, 3)
  if (lines.length > INLINE_LIMIT)
    core.summary.addDetails(
      `${lines.length} entries`,
      `<ul>${lines.map((l) => `<li>${l}</li>`).join('')}</ul>`,
    )
  else core.summary.addList(lines)
}

/** A markdown table: compact for hundreds of rows, and readable in the raw summary file too. */
function itemTable(items: ItemReport[]): string {
  const rows = items.map(
    (i) =>
      `| ${i.kind} | ${esc(i.name)} | ${esc(i.id)} | ${i.outcome} | ${esc([i.detail, i.error].filter(Boolean).join('; '))} |`,
  )
  return [
    '| Kind | Name | Id | Outcome | Detail |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n')
}

/** The saved plan a dry run wrote, or the one a run applied and what it did beyond it. */
function addPlan(report: Report): void {
  if (report.planOut) {
    core.summary.addRaw(
      `<p>Saved plan: ${report.planOut.items} changes (<code>${esc(report.planOut.checksum)}</code>). ` +
        'The apply job applies exactly this plan (input <code>plan</code>).</p>',
      true,
    )
  }
  if (report.plan) {
    const { createdAt, createdBy, unplanned } = report.plan
    const extra =
      unplanned > 0
        ? `; <strong>${unplanned} item(s) not in the approved plan</strong> were halted too`
        : ''
    core.summary.addRaw(
      `<p>Applied the saved plan made ${esc(createdAt)} by ${esc(createdBy)}${extra}.</p>`,
      true,
    )
  }
}
