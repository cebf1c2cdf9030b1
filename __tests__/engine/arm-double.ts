import type { Server } from 'node:https'
import { EmulatorCore } from '../../emulator/core.js'
import { startArmServer } from '../../emulator/arm/server.js'
import {
  ArmState,
  SUBSCRIPTION_ID,
  type ArmOptions,
  type ArmWorkspace,
  type SubnetRole,
} from '../../emulator/arm/state.js'
import { WorkspaceState } from '../../emulator/state/workspace.js'
import { unsignedJwt } from '../../__fixtures__/http-util.js'
import type { ArmAccess } from '../../src/engine/network.js'
import { OBJECT_ID } from './arm-access.js'

/**
 * The emulator's ARM double on its own, without the Databricks side: workspaces whose Azure
 * resources a test sets by hand (VMs, NICs, a workspace resource of an unusual shape), for quick
 * in-process tests of the subnet check. Nothing follows compute here: the nodes are what the test
 * puts in `nodes`, and no clock moves them.
 */
export interface ArmDouble {
  state: ArmState
  core: EmulatorCore
  /** Workspace i's Azure side. */
  ws(i?: number): ArmWorkspace
  /** Access as a signed-in identity (OBJECT_ID); `scopes` records each token request's scopes. */
  access: ArmAccess
  scopes: string[][]
  /** Back to the start: no nodes, no faults or denied roles, no overridden answers. */
  reset(): void
  close(): Promise<void>
}

/** The ids and URLs the double's workspaces get (workspace i: id WORKSPACE_ID + i). */
export const WORKSPACE_ID = 1234567890123456
export function workspaceUrl(i = 0): string {
  return `https://adb-${WORKSPACE_ID + i}.${i + 7}.azuredatabricks.net`
}

export async function startArmDouble(
  options: ArmOptions & {
    workspaces?: number
    /**
     * The Databricks side of a running emulator (emu.ws()): its compute's VMs and NICs appear
     * and go as the double's own do. Without it the nodes are only what the test sets.
     */
    follow?: WorkspaceState
  } = {},
): Promise<ArmDouble> {
  const core = new EmulatorCore({ clockSpeed: 0, startTime: 0 })
  if (options.follow) core.workspaces.push(options.follow)
  else
    for (let i = 0; i < (options.workspaces ?? 1); i++)
      core.workspaces.push(new WorkspaceState(String(WORKSPACE_ID + i), workspaceUrl(i)))
  const state = new ArmState(core, options)
  // The nodes are the test's: no reconcile with (absent) compute on each request.
  if (!options.follow) state.current = () => undefined
  const token = unsignedJwt({ oid: OBJECT_ID, aud: 'https://management.azure.com' })
  state.tokens.add(token)
  const { server, url, ca } = await startArmServer(core, state)
  const scopes: string[][] = []
  const prefixes = state.workspaces.map((w) => structuredClone(w.prefixes))
  return {
    state,
    core,
    ws: (i = 0) => state.byWorkspaceIndex(i),
    access: {
      endpoint: url,
      tlsCa: ca,
      credential: {
        getToken: async (s) => {
          scopes.push(typeof s === 'string' ? [s] : [...s])
          return { token, expiresOnTimestamp: Date.now() + 3_600_000 }
        },
      },
    },
    scopes,
    reset: () => {
      for (const [i, w] of state.workspaces.entries()) {
        w.nodes = []
        w.prefixes = structuredClone(prefixes[i])
        w.allocation = {}
        for (const method of ['resource', 'subnet', 'nicResource', 'vms'] as const)
          delete (w as Partial<Record<typeof method, unknown>>)[method]
      }
      state.denied.clear()
      core.faults.clear()
      core.requests.length = 0
      scopes.length = 0
    },
    close: () => closeServer(server),
  }
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })
}

/**
 * A node of workspace `w`: a VM named `vm` with one NIC per given subnet (IPs as given). `gone`:
 * its VM is deleted and its NICs linger (they no longer name the VM).
 */
export function addNode(
  w: ArmWorkspace,
  vm: string,
  ips: Partial<Record<SubnetRole, string>>,
  extra: { gone?: boolean; tags?: Record<string, string> } = {},
): void {
  w.nodes.push({
    key: vm,
    vm,
    tags: extra.tags ?? {},
    nics: (Object.entries(ips) as [SubnetRole, string][]).map(([subnet, ip]) => ({
      name: `${vm}-${subnet === 'host' ? 'publicNic' : 'privateNic'}`,
      subnet,
      ip,
    })),
    ...(extra.gone ? { goneAt: 0 } : {}),
  })
}

export const SUBSCRIPTION = `/subscriptions/${SUBSCRIPTION_ID}`
