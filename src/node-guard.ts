/**
 * The first thing every entry point runs. It imports nothing and uses nothing newer than Node 12,
 * so on an old Node it can still say what is wrong instead of failing somewhere deep (on Node 20
 * the CLI used to end with "MALFORMED_RESPONSE: The response body is not JSON"). Entry points
 * check, then load the real code with a dynamic import: static imports are linked and evaluated
 * before any statement of the importing module runs, so a check beside them would come too late.
 */
export const MIN_NODE_MAJOR = 24

/** The message for a Node too old to run databricks-halt; undefined when `version` is fine. */
export function nodeTooOld(version: string): string | undefined {
  const major = Number(/^v?(\d+)\./.exec(version)?.[1])
  if (major >= MIN_NODE_MAJOR) return undefined
  const found = version.startsWith('v') ? version : `v${version}`
  return `databricks-halt needs Node.js ${MIN_NODE_MAJOR} or later (found ${found}).`
}

/** Exit 2 (bad usage or environment, as the CLI's exit codes say) at once on an old Node. */
export function exitIfNodeTooOld(): void {
  const message = nodeTooOld(process.versions.node)
  if (message === undefined) return
  process.stderr.write(`${message}\n`)
  process.exit(2)
}
