import { AzureAuthorityHosts } from '@azure/identity'
import { ARM_ENDPOINTS } from './arm/cloud.js'
import { accountHostFor, ACCOUNT_HOST_VALUES, checkedUrl, isLoopback } from './config.js'
import { SafetyError, UsageError } from './errors.js'
import type { Logger } from './logger.js'
import type { Settings } from './settings.js'

/**
 * Where credentials may go. A PAT, an Entra client assertion (the GitHub ID token) and a
 * Databricks token exchange are only ever sent to Databricks and Microsoft hosts, or to loopback
 * (the emulator). Anything else is refused before any token is requested, unless the user names
 * the host in `--allow-host` / `allowed-hosts`; such a host is then named in the output.
 * See docs/adr/0009-provenance-and-host-allow-list.md.
 */

/** Workspace hosts of every Databricks cloud: AWS, Azure, GCP, AWS GovCloud, Azure Gov, Azure China. */
export const DATABRICKS_WORKSPACE_DOMAINS = [
  'azuredatabricks.net',
  'cloud.databricks.com',
  'gcp.databricks.com',
  'cloud.databricks.us',
  'databricks.azure.us',
  'databricks.azure.cn',
] as const

/** Entra authority hosts of Microsoft's clouds: public, US Government, China (21Vianet). */
export const MICROSOFT_AUTHORITY_HOSTS = [
  AzureAuthorityHosts.AzurePublicCloud,
  AzureAuthorityHosts.AzureGovernment,
  AzureAuthorityHosts.AzureChina,
].map((url) => new URL(url).hostname)

export interface HostsToCheck {
  workspaceUrl: string
  /** Given or derived account host; undefined when the account API is not used. */
  accountHost?: string
  /** Entra authority host (azure-oidc, azure-default); undefined when Entra is not used. */
  authorityHost?: string
  /** Resource Manager endpoint override (DATABRICKS_HALT_ARM_ENDPOINT); an ARM token goes there. */
  armEndpoint?: string
}

/** Resource Manager hosts of Microsoft's clouds: public, US Government, China. */
export const MICROSOFT_ARM_HOSTS = Object.values(ARM_ENDPOINTS).map((url) => new URL(url).hostname)

/** The hosts the user opted in to, lower case, from `host`, `host:port` or a URL. */
export function parseAllowedHosts(entries: string[]): string[] {
  return entries.map((entry) => {
    const text = entry.trim()
    try {
      return new URL(text.includes('://') ? text : `https://${text}`).hostname
    } catch {
      throw new UsageError(
        `Allowed host "${text}" is not a host name (e.g. databricks.corp.example).`,
      )
    }
  })
}

/**
 * Check every host a credential will be sent to. Throws a SafetyError naming the first host that
 * is neither known nor opted in; returns the opted-in hosts in use, for the caller to name.
 */
export function checkHosts(hosts: HostsToCheck, allowed: readonly string[]): string[] {
  const optedIn = new Set<string>()
  const check = (url: URL, known: boolean, what: string, expected: string) => {
    if (known || isLoopback(url)) return
    if (allowed.includes(url.hostname)) {
      optedIn.add(url.hostname)
      return
    }
    throw new SafetyError(
      `Refusing to send credentials to ${what} ${url.host}: it is not ${expected}. If it really is ` +
        `yours (a private DNS name, a proxy), allow it explicitly: --allow-host ${url.hostname} ` +
        `(CLI) or the input allowed-hosts: ${url.hostname} (Action).`,
    )
  }
  const workspace = checkedUrl(hosts.workspaceUrl, 'Workspace URL')
  check(
    workspace,
    onDatabricksDomain(workspace.hostname),
    'workspace',
    `on a Databricks domain (${DATABRICKS_WORKSPACE_DOMAINS.map((d) => `*.${d}`).join(', ')})`,
  )
  if (hosts.accountHost) {
    const account = checkedUrl(hosts.accountHost, 'Account host')
    const expected = accountHostFor(hosts.workspaceUrl)
    // The account host of the workspace's own cloud; a workspace of no known cloud (loopback, an
    // opted-in name) may use any cloud's.
    const known = expected
      ? account.origin === expected
      : ACCOUNT_HOST_VALUES.includes(account.origin)
    check(
      account,
      known && account.protocol === 'https:',
      'account host',
      expected
        ? `${expected}, the account host of the workspace's cloud`
        : 'a Databricks account host',
    )
  }
  if (hosts.authorityHost) {
    const authority = checkedUrl(hosts.authorityHost, 'Authority host')
    check(
      authority,
      MICROSOFT_AUTHORITY_HOSTS.includes(authority.hostname) && authority.protocol === 'https:',
      'Entra authority host',
      `one of Microsoft's (${MICROSOFT_AUTHORITY_HOSTS.join(', ')})`,
    )
  }
  if (hosts.armEndpoint) {
    const arm = checkedUrl(hosts.armEndpoint, 'ARM endpoint')
    check(
      arm,
      MICROSOFT_ARM_HOSTS.includes(arm.hostname) && arm.protocol === 'https:',
      'Resource Manager endpoint',
      `one of Microsoft's (${MICROSOFT_ARM_HOSTS.join(', ')})`,
    )
  }
  return [...optedIn]
}

/** The hosts of a run: the workspace, the account host if given, and Entra's if used. */
export function checkSettingsHosts(
  settings: Pick<Settings, 'workspaceUrl' | 'accountHost' | 'allowHosts'>,
  authorityHost?: string,
  armEndpoint?: string,
): string[] {
  return checkHosts(
    {
      workspaceUrl: settings.workspaceUrl,
      accountHost: settings.accountHost,
      authorityHost,
      armEndpoint,
    },
    parseAllowedHosts(settings.allowHosts),
  )
}

/** A warning naming the opted-in hosts in use, so a reviewer sees where credentials went. */
export function warnOptedIn(logger: Pick<Logger, 'warning'>, hosts: string[]): void {
  if (hosts.length === 0) return
  logger.warning(
    `Sending credentials to ${hosts.join(', ')}: not a Databricks or Microsoft host, allowed ` +
      'only because allowed-hosts (--allow-host) names it.',
    'Host outside Databricks and Microsoft',
  )
}

function onDatabricksDomain(hostname: string): boolean {
  return DATABRICKS_WORKSPACE_DOMAINS.some((domain) => hostname.endsWith(`.${domain}`))
}
