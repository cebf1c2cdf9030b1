import type { TokenProvider } from '../auth/token-provider.js'
import { accountHostFor } from '../config.js'
import type { Logger } from '../logger.js'
import { DatabricksClient } from './client.js'
import type { RetryOptions } from './retry-helper.js'
import type { Clock } from '../util/clock.js'

export interface CreateClientsOptions {
  workspaceUrl: string
  /** A unified host's workspace (`?o=` of the URL): sent as X-Databricks-Workspace-Id. */
  routeWorkspaceId?: string
  /** Account host; default from the workspace URL's cloud (see accountHostFor in src/config.ts). */
  accountHost?: string
  accountId?: string
  tokens: TokenProvider
  maxConcurrency?: number
  /** Per-request timeout in ms (default 60 s; 20 s until a host has answered once). */
  timeoutMs?: number
  logger?: Logger
  retry?: RetryOptions
  /** Pauses, retry waits and budgets run on it (tests pass a manual one). Default: the system's. */
  clock?: Clock
  /** A workspace client already in use (its limiters keep what they learned); else a new one. */
  workspace?: DatabricksClient
}

export interface Clients {
  workspace: DatabricksClient
  /** Absent when no account host is known (then account kinds cannot run). */
  account?: DatabricksClient
}

/** The workspace and account clients the engine uses. Each host has its own per-class limiters. */
export function createClients(options: CreateClientsOptions): Clients {
  const workspace = options.workspace ?? createWorkspaceClient(options)
  const accountHost = options.accountHost ?? accountHostFor(options.workspaceUrl)
  const account = accountHost
    ? new DatabricksClient({
        ...common(options),
        host: accountHost,
        audience: 'account',
        accountId: options.accountId,
      })
    : undefined
  return { workspace, account }
}

/** The workspace client alone: enough to learn who the caller is and which account this is. */
export function createWorkspaceClient(options: CreateClientsOptions): DatabricksClient {
  return new DatabricksClient({
    ...common(options),
    host: options.workspaceUrl,
    audience: 'workspace',
    ...(options.routeWorkspaceId
      ? { headers: { 'X-Databricks-Workspace-Id': options.routeWorkspaceId } }
      : {}),
  })
}

function common(options: CreateClientsOptions) {
  return {
    tokens: options.tokens,
    maxConcurrency: options.maxConcurrency,
    timeoutMs: options.timeoutMs,
    logger: options.logger,
    retry: options.retry,
    clock: options.clock,
  }
}
