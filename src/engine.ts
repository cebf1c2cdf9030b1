import type { Report } from './report.js'
import { restore } from './engine/restore.js'
import { setup, type EngineContext } from './engine/runtime.js'
import { show } from './engine/show.js'
import { status } from './engine/status.js'
import { stop } from './engine/stop.js'
import { network } from './engine/network-mode.js'
import { unauthenticatedWarning } from './snapshot/signing.js'
import { checkPlanTarget, loadPlan, settingsFromPlan } from './engine/saved-plan.js'
import { UsageError } from './errors.js'
import type { Settings } from './settings.js'

export type { EngineContext }

/**
 * The one entry both faces call. Throws UsageError (exit 2) or SafetyError (exit 3) before any
 * change; anything that happens after the first change is reported per item, never thrown, except
 * a snapshot that cannot be saved (then nothing was changed either).
 */
export async function run(ctx: EngineContext): Promise<Report> {
  const startedAt = new Date().toISOString()
  const saved = ctx.settings.plan ? await loadPlan(ctx.settings.plan, ctx.snapshotKeys) : undefined
  const settings = saved ? settingsFromPlan(checkPlanFlags(ctx.settings), saved) : ctx.settings
  if (!saved) checkPlanFlags(settings)
  const rt = await setup({ ...ctx, settings })
  if (saved) checkPlanTarget(rt, saved)
  ctx.logger.info(
    `${ctx.settings.mode}${ctx.settings.dryRun ? ' (dry run)' : ''}: workspace ${rt.workspaceId} ` +
      `as ${rt.caller.userName}, snapshots in ${ctx.store.description}`,
  )
  if (rt.settings.mode === 'show') return show(rt, startedAt)
  if (rt.settings.mode === 'network') return network(rt, startedAt)
  if (rt.settings.mode === 'status') return status(rt, startedAt)
  // Said before the work and again in the report (CLI output, job summary), so it is seen.
  const unauthenticated = unauthenticatedWarning(rt.settings.face)
  if (!rt.keys) ctx.logger.warning(unauthenticated, 'No snapshot key')
  const report =
    rt.settings.mode === 'stop'
      ? await stop(rt, startedAt, saved)
      : await restore(rt, startedAt, saved)
  if (!rt.keys) report.warnings.unshift(unauthenticated)
  return report
}

/** --plan-out and --plan only make sense for stop and restore, and not together. */
function checkPlanFlags(settings: Settings): Settings {
  const { mode, plan, planOut, dryRun } = settings
  if ((plan || planOut) && (mode === 'show' || mode === 'status')) {
    throw new UsageError(`--plan and --plan-out are for stop and restore, not ${mode}.`)
  }
  if (planOut && !dryRun) {
    throw new UsageError(
      `--plan-out writes the plan of a dry run: add --dry-run (${mode} --dry-run --plan-out FILE).`,
    )
  }
  if (plan && planOut)
    throw new UsageError('Use --plan-out to make a plan, or --plan to apply one, not both.')
  return settings
}
