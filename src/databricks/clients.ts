import type { TokenProvider } from '../auth/token-provider.js'
import type { Logger } from '../logger.js'
import { DatabricksClient } from './client.js'
import type { ClassStats } from './concurrency-helper.js'
import type { RateClass } from './rate-class.js'
import type { RetryOptions } from './retry-helper.js'

export interface CreateClientsOptions {
  workspaceUrl: string
  /** Account host; default from the workspace URL's cloud (see defaultAccountHost). */
  accountHost?: string
  accountId?: string
  tokens: TokenProvider
  maxConcurrency?: number
  logger?: Logger
  timeoutMs?: number
  retry?: RetryOptions
}

export interface Clients {
  workspace: DatabricksClient
  /** Absent when no account host is known (then account kinds cannot run). */
  account?: DatabricksClient
  /** Per-class stats of both hosts, for the benchmark. */
  stats(): {
    workspace: Partial<Record<RateClass, ClassStats>>
    account: Partial<Record<RateClass, ClassStats>>
  }
}

/** The workspace and account clients the engine uses. Each host has its own per-class limiters. */
export function createClients(options: CreateClientsOptions): Clients {
  const common = {
    tokens: options.tokens,
    maxConcurrency: options.maxConcurrency,
    logger: options.logger,
    timeoutMs: options.timeoutMs,
    retry: options.retry,
  }
  const workspace = new DatabricksClient({
    ...common,
    host: options.workspaceUrl,
    audience: 'workspace',
  })
  const accountHost = options.accountHost ?? defaultAccountHost(options.workspaceUrl)
  const account = accountHost
    ? new DatabricksClient({
        ...common,
        host: accountHost,
        audience: 'account',
        accountId: options.accountId,
      })
    : undefined
  return {
    workspace,
    account,
    stats: () => ({ workspace: workspace.stats(), account: account?.stats() ?? {} }),
  }
}

const ACCOUNT_HOSTS: Array<[RegExp, string]> = [
  [/\.azuredatabricks\.net$/, 'https://accounts.azuredatabricks.net'],
  [/\.databricks\.azure\.cn$/, 'https://accounts.databricks.azure.cn'],
  [/\.databricks\.azure\.us$/, 'https://accounts.databricks.azure.us'],
  [/\.gcp\.databricks\.com$/, 'https://accounts.gcp.databricks.com'],
  [/\.cloud\.databricks\.us$/, 'https://accounts.cloud.databricks.us'],
  [/\.cloud\.databricks\.com$/, 'https://accounts.cloud.databricks.com'],
]

/** The account host of the workspace's cloud, or undefined (e.g. a loopback emulator). */
export function defaultAccountHost(workspaceUrl: string): string | undefined {
  let host: string
  try {
    host = new URL(workspaceUrl.includes('://') ? workspaceUrl : `https://${workspaceUrl}`).hostname
  } catch {
    return undefined
  }
  return ACCOUNT_HOSTS.find(([pattern]) => pattern.test(host))?.[1]
}
