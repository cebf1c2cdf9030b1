import { command, newPlan, option, optionName } from '../wording.js'
import { readFile, rename, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { UsageError, errorText } from '../errors.js'
import type { ItemReport } from '../report.js'
import { decodePlan, encodePlan } from '../plan/codec.js'
import { PLAN_SCHEMA_VERSION, type PlanContent, type SavedPlan } from '../plan/schema.js'
import type { Settings } from '../settings.js'
import type { SigningKeys } from '../snapshot/signing.js'
import type { Runtime } from './runtime.js'

/**
 * Saved plans (`--plan-out` / `--plan`, docs/adr/0011-restore-follow-ups.md): what the approver
 * approved is what runs. A plan is read and checked before setup, so its options (kinds, keep
 * list, restore flags, snapshot) replace the run's, and refused before any change.
 */
export interface LoadedPlan {
  plan: SavedPlan
  /** Where it was read from, for messages. */
  source: string
}

/** A plan dated this far in the future of the workspace's clock is refused (clock skew margin). */
const FUTURE_MARGIN_MS = 5 * 60_000

export const NOT_IN_PLAN = 'not in the approved plan'

export async function loadPlan(path: string, keys?: SigningKeys): Promise<LoadedPlan> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (e) {
    throw new UsageError(`Cannot read the plan ${path}: ${errorText(e)}. Nothing was changed.`)
  }
  return { plan: decodePlan(text, path, keys), source: path }
}

/** The run's settings as the plan fixes them; a plan of the other mode is refused. */
export function settingsFromPlan(settings: Settings, { plan, source }: LoadedPlan): Settings {
  if (plan.mode !== settings.mode) {
    throw new UsageError(
      `Plan ${source} is a ${plan.mode} plan, not a ${settings.mode} plan: run ` +
        `${settings.face === 'action' ? command('action', plan.mode, option('action', 'plan', source)) : `\`databricks-halt ${plan.mode} --plan ${source}\``}. Nothing was changed.`,
    )
  }
  return {
    ...settings,
    only: plan.options.kinds,
    skip: [],
    keep: plan.options.keep,
    unkeep: [],
    force: plan.options.force,
    restartCompute: plan.options.restart_compute,
    ...(plan.snapshot ? { snapshot: plan.snapshot.name } : {}),
  }
}

/** Refuse a plan of another workspace, or one older than --plan-max-age on the workspace's clock. */
export function checkPlanTarget(rt: Runtime, { plan, source }: LoadedPlan): void {
  if (plan.workspace_id !== rt.workspaceId) {
    throw new UsageError(
      `Plan ${source} is for workspace ${plan.workspace_id}, not ${rt.workspaceId}. Nothing was ` +
        `changed; ${newPlan(rt.settings.face)}, of this workspace.`,
    )
  }
  const age = rt.workspaceNow() - Date.parse(plan.created_at)
  const maxMs = rt.settings.planMaxAgeHours * 3_600_000
  if (age > maxMs || age < -FUTURE_MARGIN_MS) {
    const hours = (age / 3_600_000).toFixed(1)
    throw new UsageError(
      `Plan ${source} was made at ${plan.created_at}, ${hours} h ago by the workspace's clock; ` +
        `${optionName(rt.settings.face, 'planMaxAgeHours')} is ${rt.settings.planMaxAgeHours} h. ` +
        `The workspace may have changed since: ${newPlan(rt.settings.face)} and have it ` +
        'approved. Nothing was changed.',
    )
  }
}

/** Write the plan of a dry run; the path is printed and goes in the report. */
export async function writePlan(
  rt: Runtime,
  path: string,
  items: readonly ItemReport[],
  snapshot?: PlanContent['snapshot'],
): Promise<{ path: string; items: number; checksum: string }> {
  const content: PlanContent = {
    schema_version: PLAN_SCHEMA_VERSION,
    tool: 'databricks-halt',
    type: 'plan',
    tool_version: rt.version,
    mode: rt.settings.mode === 'restore' ? 'restore' : 'stop',
    workspace_id: rt.workspaceId,
    workspace_url: rt.workspaceUrl,
    created_at: new Date(rt.workspaceNow()).toISOString(),
    created_by: rt.caller.userName,
    options: {
      kinds: rt.resources.map((r) => r.kind),
      keep: rt.settings.keep,
      force: rt.settings.force,
      restart_compute: rt.settings.restartCompute,
    },
    ...(snapshot ? { snapshot } : {}),
    items: items
      .filter((i) => i.outcome === 'planned')
      .map((i) => ({ kind: i.kind, id: i.id, name: i.name, detail: i.detail })),
  }
  const text = encodePlan(content, rt.keys)
  // Temp file and rename: an interrupted write never leaves half a plan to be approved.
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`)
  try {
    await writeFile(tmp, text, { encoding: 'utf8', mode: 0o600 })
    await rename(tmp, path)
  } catch (e) {
    throw new UsageError(`Cannot write the plan to ${path}: ${errorText(e)}.`)
  }
  // The plan's own checksum (the last key); a restore plan's snapshot has a checksum too.
  const { checksum } = JSON.parse(text) as SavedPlan
  rt.logger.info(
    `Plan saved: ${path} (${content.items.length} changes${rt.keys ? ', signed' : ''})`,
  )
  return { path, items: content.items.length, checksum }
}

const keyOf = (i: { kind: string; id: string }) => `${i.kind}\u0000${i.id}`

/**
 * stop --plan: changes the plan did not cover (drift since it was made). --on-drift fail refuses
 * them before any change; include (the default: halting more is the safe direction) goes on.
 */
export function refuseDrift(
  rt: Runtime,
  loaded: LoadedPlan,
  changes: readonly { kind: string; id: string; name: string }[],
): void {
  if (rt.settings.onDrift !== 'fail') return
  const approved = new Set(loaded.plan.items.map(keyOf))
  const extra = changes.filter((c) => !approved.has(keyOf(c)))
  if (extra.length === 0) return
  const names = extra.slice(0, 10).map((c) => `${c.kind} ${c.name} (${c.id})`)
  throw new UsageError(
    `${extra.length} item(s) are active now but ${NOT_IN_PLAN} ${loaded.source} ` +
      `(${option(rt.settings.face, 'onDrift', 'fail')}): ${names.join(', ')}` +
      `${extra.length > 10 ? ', …' : ''}. Nothing was changed; ${newPlan(rt.settings.face)}, ` +
      `or use ${option(rt.settings.face, 'onDrift', 'include')}.`,
  )
}

/** Mark what a stop --plan changed beyond the plan, and say so once in the warnings. */
export function markUnplanned(
  rt: Runtime,
  loaded: LoadedPlan,
  items: ItemReport[],
  warnings: string[],
): ItemReport[] {
  const approved = new Set(loaded.plan.items.map(keyOf))
  const acted = (i: ItemReport) => i.outcome === 'changed' || i.outcome === 'failed'
  const marked = items.map((i) =>
    acted(i) && !approved.has(keyOf(i))
      ? { ...i, unplanned: true, detail: [i.detail, NOT_IN_PLAN].filter(Boolean).join(' · ') }
      : i,
  )
  const extra = marked.filter((i) => i.unplanned)
  if (extra.length > 0) {
    const names = extra.slice(0, 10).map((i) => `${i.kind} ${i.name}`)
    const message =
      `${extra.length} item(s) ${NOT_IN_PLAN} were active and halted too ` +
      `(${option(rt.settings.face, 'onDrift', 'include')}): ` +
      `${names.join(', ')}${extra.length > 10 ? ', …' : ''}.`
    rt.logger.warning(message, 'Not in the approved plan')
    warnings.push(message)
  }
  return marked
}

/** The report's note of the plan a run applied. */
export function appliedPlan({ plan, source }: LoadedPlan, items: readonly ItemReport[]) {
  return {
    path: source,
    createdAt: plan.created_at,
    createdBy: plan.created_by,
    items: plan.items.length,
    unplanned: items.filter((i) => i.unplanned).length,
  }
}
