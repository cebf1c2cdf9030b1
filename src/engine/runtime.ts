import { optionName, skipKind, type Face } from '../wording.js'
import type { TokenProvider } from '../auth/token-provider.js'
import {
  normalizeWorkspaceUrl,
  resolveAccountHost,
  resolveWorkspaceId,
  workspaceRouting,
} from '../config.js'
import { checkSettingsHosts } from '../host-policy.js'
import type { DatabricksClient } from '../databricks/client.js'
import {
  createClients,
  createWorkspaceClient,
  type CreateClientsOptions,
} from '../databricks/clients.js'
import { isPermissionDenied, isUnauthenticated } from '../databricks/errors.js'
import { getMe } from '../databricks/scim.js'
import { getHostMetadata } from '../databricks/workspace-metadata.js'
import { UsageError, errorText } from '../errors.js'
import type { Logger } from '../logger.js'
import { RESOURCES } from '../resources/registry.js'
import type { Resource, ResourceContext } from '../resources/resource.js'
import { RESOURCE_KINDS, SettingsSchema, type ResourceKind, type Settings } from '../settings.js'
import type { SigningKeys } from '../snapshot/signing.js'
import type { SnapshotStore } from '../snapshot/store.js'
import type { Caller } from './keep.js'
import type { ArmAccess } from './network.js'
import type { Clock } from './progress.js'
import { systemClock } from '../util/clock.js'

/** Timings the engine polls with; tests shorten them, production keeps the defaults. */
export interface EngineTiming {
  /** restore: how long verify re-reads before reporting not_converged. Default 10 min. */
  verifyTimeoutMs?: number
  /** Pause between re-reads (verify, --wait). Default 5 s. */
  pollIntervalMs?: number
  /** Pause between subnet checks (stop --check-subnets). Default 30 s. */
  networkPollIntervalMs?: number
  /** Time for the waits (stop --wait, verify, the subnet wait); tests pass one they move. Default: real. */
  clock?: EngineClock
}

export interface EngineClock {
  now(): number
  sleep(ms: number): Promise<void>
}

export interface Runtime {
  settings: Settings
  logger: Logger
  store: SnapshotStore
  /** Keys that sign and verify snapshots and markers; undefined = unauthenticated (warned). */
  keys?: SigningKeys
  version: string
  resCtx: ResourceContext
  workspaceUrl: string
  workspaceId: string
  accountId?: string
  caller: Caller
  /** Kinds in scope (--only / --skip), in registry order. */
  resources: Resource[]
  timing: Required<EngineTiming>
  /** Azure Resource Manager access (network checks); credential from the Azure sign-in. */
  arm: ArmAccess
  /** Progress lines and ETAs are timed by this clock. */
  clock: Clock
  /**
   * The workspace's own time (its \`Date\` header at sign-in, then the local clock's pace): saved
   * plans are dated and aged by it, so a runner with a skewed clock cannot stretch a plan's life.
   */
  workspaceNow(): number
}

/** What a face hands the engine: settings, sign-in, where snapshots live, how to talk. */
export interface EngineContext {
  settings: Settings
  tokens: TokenProvider
  store: SnapshotStore
  /** DATABRICKS_HALT_SNAPSHOT_KEY / snapshot-key, parsed (SigningKeys.parse). Never logged. */
  snapshotKeys?: SigningKeys
  logger: Logger
  version: string
  /** Polling intervals and deadlines; defaults suit a real workspace. */
  timing?: EngineTiming
  /** ARM endpoint override and test seams; the credential defaults to tokens.azureCredential. */
  arm?: ArmAccess
  /** Times progress lines and ETAs; default the system clock (tests pass the emulator's). */
  clock?: Clock
}

const REAL_CLOCK: EngineClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
}

function kindsInScope(settings: Settings): ResourceKind[] {
  const only = settings.only && settings.only.length > 0 ? settings.only : RESOURCE_KINDS
  const kinds = RESOURCE_KINDS.filter((k) => only.includes(k) && !settings.skip.includes(k))
  if (kinds.length === 0) {
    const what = settings.face === 'action' ? 'The resources input leaves' : '--only/--skip leave'
    throw new UsageError(`${what} no resource kind to act on.`)
  }
  return kinds
}

function checkedSettings(settings: Settings): Settings {
  const parsed = SettingsSchema.safeParse(settings)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new UsageError(`Invalid setting ${issue.path.join('.')}: ${issue.message}`)
  }
  return parsed.data
}

/**
 * Everything a mode needs before it may change anything: checked settings, clients, who the
 * caller is, and which workspace this really is (URL, --workspace-id and the server's own
 * x-databricks-org-id must agree).
 */
export async function setup(input: EngineContext): Promise<Runtime> {
  const settings = checkedSettings(input.settings)
  const workspaceUrl = normalizeWorkspaceUrl(settings.workspaceUrl)
  const kinds = kindsInScope(settings)
  const needsAccount = kinds.includes('permission_assignments') && settings.mode !== 'network'
  const accountHost = needsAccount
    ? resolveAccountHost(workspaceUrl, settings.accountHost)
    : settings.accountHost
  // Again here, so a Settings made by any face gets it before the first request carries a token.
  checkSettingsHosts({ ...settings, workspaceUrl, accountHost })
  // The account client waits until the account id is known; the workspace client tells us it.
  const workspace = createWorkspaceClient(clientOptions(input, settings, workspaceUrl))
  const me = await whoAmI(workspace, workspaceUrl, settings.face)
  let accountId = settings.accountId
  let metadataId: string | undefined
  if (!accountId || !me.orgId) {
    const metadata = await getHostMetadata(workspace)
    accountId ??= metadata?.account_id
    metadataId = metadata?.workspace_id
  }
  const clients = createClients({
    ...clientOptions(input, settings, workspaceUrl),
    accountHost,
    accountId,
    workspace,
  })
  if (needsAccount && !accountId) {
    throw new UsageError(
      'The account id is needed to change permission assignments: pass ' +
        `${optionName(settings.face, 'accountId')} (account console → top right), or ` +
        `${skipKind(settings.face, 'permission_assignments')}.`,
    )
  }
  const workspaceId = resolveWorkspaceId({
    given: settings.workspaceId,
    workspaceUrl,
    orgIdHeader: me.orgId ?? metadataId,
  })
  const resources = RESOURCES.filter((r) => kinds.includes(r.kind))
  const resCtx: ResourceContext = { clients, settings, logger: input.logger, workspaceId }
  return {
    settings,
    logger: input.logger,
    store: input.store,
    ...(input.snapshotKeys ? { keys: input.snapshotKeys } : {}),
    version: input.version,
    resCtx,
    workspaceUrl,
    workspaceId,
    accountId,
    caller: me.caller,
    workspaceNow: () => Date.now() + me.clockOffsetMs,
    resources,
    timing: {
      verifyTimeoutMs: input.timing?.verifyTimeoutMs ?? 600_000,
      pollIntervalMs: input.timing?.pollIntervalMs ?? 5_000,
      networkPollIntervalMs: input.timing?.networkPollIntervalMs ?? 30_000,
      clock: input.timing?.clock ?? REAL_CLOCK,
    },
    arm: { ...input.arm, credential: input.arm?.credential ?? input.tokens.azureCredential },
    clock: input.clock ?? systemClock,
  }
}

function clientOptions(
  input: EngineContext,
  settings: Settings,
  workspaceUrl: string,
): CreateClientsOptions {
  const routing = workspaceRouting(workspaceUrl)
  return {
    workspaceUrl: routing.host,
    ...(routing.workspaceId ? { routeWorkspaceId: routing.workspaceId } : {}),
    tokens: input.tokens,
    maxConcurrency: settings.maxConcurrency,
    timeoutMs:
      settings.requestTimeoutSeconds === undefined
        ? undefined
        : settings.requestTimeoutSeconds * 1000,
    logger: input.logger,
  }
}

async function whoAmI(
  workspace: DatabricksClient,
  workspaceUrl: string,
  face: Face | undefined,
): Promise<{ caller: Caller; orgId?: string; clockOffsetMs: number }> {
  try {
    const me = await getMe(workspace)
    const caller: Caller = {
      id: String(me.user.id),
      userName: me.user.userName ?? String(me.user.id),
      ...(me.user.displayName ? { displayName: me.user.displayName } : {}),
    }
    const clockOffsetMs = me.serverTime === undefined ? 0 : me.serverTime - Date.now()
    return { caller, ...(me.orgId ? { orgId: me.orgId } : {}), clockOffsetMs }
  } catch (e) {
    if (isUnauthenticated(e) || isPermissionDenied(e)) {
      throw new UsageError(
        `Cannot sign in to ${workspaceUrl} (${errorText(e)}). Check the credentials (${optionName(face, 'auth')}) and ` +
          'that the caller has access to this workspace. Nothing was changed.',
      )
    }
    throw e
  }
}
