import type { Report } from './report.js'
import { restore } from './engine/restore.js'
import { setup, type EngineContext } from './engine/runtime.js'
import { show } from './engine/show.js'
import { stop } from './engine/stop.js'
import { network } from './engine/network-mode.js'
import { UNAUTHENTICATED_WARNING } from './snapshot/signing.js'

export type { EngineContext }

/**
 * The one entry both faces call. Throws UsageError (exit 2) or SafetyError (exit 3) before any
 * change; anything that happens after the first change is reported per item, never thrown, except
 * a snapshot that cannot be saved (then nothing was changed either).
 */
export async function run(ctx: EngineContext): Promise<Report> {
  const startedAt = new Date().toISOString()
  const rt = await setup(ctx)
  ctx.logger.info(
    `${ctx.settings.mode}${ctx.settings.dryRun ? ' (dry run)' : ''}: workspace ${rt.workspaceId} ` +
      `as ${rt.caller.userName}, snapshots in ${ctx.store.description}`,
  )
  if (rt.settings.mode === 'show') return show(rt, startedAt)
  if (rt.settings.mode === 'network') return network(rt, startedAt)
  // Said before the work and again in the report (CLI output, job summary), so it is seen.
  if (!rt.keys) ctx.logger.warning(UNAUTHENTICATED_WARNING, 'Snapshots not authenticated')
  const report =
    rt.settings.mode === 'stop' ? await stop(rt, startedAt) : await restore(rt, startedAt)
  if (!rt.keys) report.warnings.unshift(UNAUTHENTICATED_WARNING)
  return report
}
