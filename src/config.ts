import { UsageError } from './errors.js'

/**
 * Where to talk to: the workspace URL checked, its workspace id and the account host derived from
 * it. Pure functions: the faces call them while building Settings, the engine calls them again
 * so a Settings object made elsewhere gets the same checks.
 */

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1'])

/** Loopback by address or the name `localhost` exactly (`localhost.` or `localhost.x` are not). */
export function isLoopback(url: URL): boolean {
  return LOOPBACK.has(url.hostname) || /^127\.\d+\.\d+\.\d+$/.test(url.hostname)
}

/**
 * Parse a workspace or account URL. Plain http is accepted only on loopback (the emulator): a
 * bearer token must never cross a network in clear text.
 */
export function checkedUrl(text: string, what: string): URL {
  let url: URL
  try {
    url = new URL(text.includes('://') ? text : `https://${text}`)
  } catch {
    throw new UsageError(
      `${what} "${text}" is not a URL (expected e.g. https://adb-123.4.azuredatabricks.net).`,
    )
  }
  if (url.protocol === 'http:' && !isLoopback(url)) {
    throw new UsageError(
      `${what} ${url.origin} uses plain http; use https (http is only allowed on loopback).`,
    )
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UsageError(`${what} ${text} must be an https:// URL.`)
  }
  if (url.username || url.password) {
    throw new UsageError(`${what} must not contain credentials.`)
  }
  return url
}

/**
 * The origin without path or trailing slash, as the client wants it, plus the workspace a unified
 * (SPOG) host needs: a URL pasted from the UI carries it as `?o=<id>` (or `?w=`, `?workspace_id=`),
 * kept as `?o=<id>` / `?w=<id>` so every face hands the engine the same routing.
 */
export function normalizeWorkspaceUrl(text: string): string {
  const url = checkedUrl(text, 'Workspace URL')
  const routed = routedWorkspaceId(url)
  if (!routed) return url.origin
  return `${url.origin}?${routed.key}=${encodeURIComponent(routed.id)}`
}

/**
 * The workspace id in a unified-host URL's query, as databricks-sdk-go reads it
 * (`config/config.go` workspaceIdFromQuery): `w` as given (any identifier format), else `o` or
 * `workspace_id` when numeric. The SDKs then send it as `X-Databricks-Workspace-Id` on every
 * workspace call; without it such a host answers with its login page.
 */
function routedWorkspaceId(url: URL): { key: 'w' | 'o'; id: string } | undefined {
  const w = url.searchParams.get('w')
  if (w) return { key: 'w', id: w }
  for (const key of ['o', 'workspace_id']) {
    const v = url.searchParams.get(key)
    if (v && /^\d+$/.test(v)) return { key: 'o', id: v }
  }
  return undefined
}

/** The host part of a workspace URL, and the workspace id a unified host routes by (if any). */
export function workspaceRouting(text: string): { host: string; workspaceId?: string } {
  const url = checkedUrl(text, 'Workspace URL')
  const routed = routedWorkspaceId(url)
  return { host: url.origin, ...(routed ? { workspaceId: routed.id } : {}) }
}

/**
 * Azure `adb-<id>.<n>.azuredatabricks.net` and GCP `<id>.<n>.gcp.databricks.com` carry the id; a
 * unified-host URL carries it as `?o=<id>` (a numeric `?w=` too).
 */
export function workspaceIdFromUrl(text: string): string | undefined {
  const url = checkedUrl(text, 'Workspace URL')
  const host = url.hostname
  const azure = /^adb-(\d+)\./.exec(host)
  if (azure) return azure[1]
  const gcp = /^(\d+)\.\d+\.gcp\.databricks\.com$/.exec(host)
  if (gcp) return gcp[1]
  const routed = routedWorkspaceId(url)?.id
  return routed && /^\d+$/.test(routed) ? routed : undefined
}

const ACCOUNT_HOSTS: ReadonlyArray<[RegExp, string]> = [
  [/\.azuredatabricks\.net$/, 'https://accounts.azuredatabricks.net'],
  [/\.databricks\.azure\.cn$/, 'https://accounts.databricks.azure.cn'],
  [/\.databricks\.azure\.us$/, 'https://accounts.databricks.azure.us'],
  [/\.gcp\.databricks\.com$/, 'https://accounts.gcp.databricks.com'],
  [/\.cloud\.databricks\.us$/, 'https://accounts.cloud.databricks.us'],
  [/\.cloud\.databricks\.com$/, 'https://accounts.cloud.databricks.com'],
]

/** Every cloud's account console host. */
export const ACCOUNT_HOST_VALUES: readonly string[] = ACCOUNT_HOSTS.map(([, host]) => host)

/** The account console host for the cloud the workspace runs in, or undefined if unknown. */
export function accountHostFor(workspaceUrl: string): string | undefined {
  const host = checkedUrl(workspaceUrl, 'Workspace URL').hostname
  return ACCOUNT_HOSTS.find(([pattern]) => pattern.test(host))?.[1]
}

/** The given account host, else the one for the workspace's cloud; an error says what to pass. */
export function resolveAccountHost(workspaceUrl: string, given?: string): string {
  if (given) return checkedUrl(given, 'Account host').origin
  const derived = accountHostFor(workspaceUrl)
  if (!derived) {
    throw new UsageError(
      `Cannot tell the account host from ${workspaceUrl}; pass --account-host ` +
        '(e.g. https://accounts.azuredatabricks.net).',
    )
  }
  return derived
}

/**
 * The workspace id: from settings, the URL, or the `x-databricks-org-id` header the workspace
 * answers with. When more than one source gives one, they must agree: acting on the assignments of
 * another workspace would lock its users out.
 */
export function resolveWorkspaceId(sources: {
  given?: string
  workspaceUrl: string
  orgIdHeader?: string
}): string {
  const fromUrl = workspaceIdFromUrl(sources.workspaceUrl)
  const header = sources.orgIdHeader?.trim() || undefined
  const known = [
    ['--workspace-id', sources.given],
    ['the workspace URL', fromUrl],
    ['the x-databricks-org-id header', header],
  ].filter((s): s is [string, string] => s[1] !== undefined)
  if (known.length === 0) {
    throw new UsageError(
      `Cannot tell the workspace id of ${sources.workspaceUrl}; pass --workspace-id.`,
    )
  }
  const [firstSource, id] = known[0]
  if (!/^\d+$/.test(id))
    throw new UsageError(`Workspace id "${id}" from ${firstSource} is not a number.`)
  const other = known.find(([, v]) => v !== id)
  if (other) {
    throw new UsageError(
      `Workspace id ${id} from ${firstSource} does not match ${other[1]} from ${other[0]}; ` +
        'check --workspace-url and --workspace-id.',
    )
  }
  return id
}
