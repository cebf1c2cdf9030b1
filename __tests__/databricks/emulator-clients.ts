import { createClients, type Clients } from '../../src/databricks/clients.js'
import type { RetryOptions } from '../../src/databricks/retry-helper.js'
import type { Clock } from '../../src/util/clock.js'
import { staticTokens } from './raw-server.js'

interface EmulatorLike {
  accountUrl: string
  accountId: string
  adminToken: string
  workspace: { url: string }
}

/** Workspace and account clients for an emulator, signed in as its admin caller. */
export function clientsFor(
  emu: EmulatorLike,
  options: { maxConcurrency?: number; retry?: RetryOptions; token?: string; clock?: Clock } = {},
): Required<Clients> {
  const clients = createClients({
    workspaceUrl: emu.workspace.url,
    accountHost: emu.accountUrl,
    accountId: emu.accountId,
    tokens: staticTokens(options.token ?? emu.adminToken),
    maxConcurrency: options.maxConcurrency,
    retry: options.retry,
    clock: options.clock,
  })
  return clients as Required<Clients>
}
