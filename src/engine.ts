import type { Report } from './report.js'
import { restore } from './engine/restore.js'
import { setup, type EngineContext } from './engine/runtime.js'
import { show } from './engine/show.js'
import { stop } from './engine/stop.js'
import { network } from './engine/network-mode.js'

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
  switch (rt.settings.mode) {
    case 'show':
      return show(rt, startedAt)
    case 'stop':
      return stop(rt, startedAt)
    case 'restore':
      return restore(rt, startedAt)
    case 'network':
      return network(rt, startedAt)
  }
}
