import { optionName, type Face } from '../wording.js'
import type { TokenCredential } from '@azure/identity'
import type { Workspace } from '@azure/arm-databricks'
import type { NetworkInterface } from '@azure/arm-network'
import { ArmClient } from '../arm/client.js'
import { armScope, azureCloudOf, checkedArmEndpoint, ARM_ENDPOINTS } from '../arm/cloud.js'
import { explainArmError } from '../arm/errors.js'
import {
  checkedName,
  nameOf,
  nicIdOf,
  parseResourceGroupId,
  parseVnetId,
  parseWorkspaceId,
  type ResourceId,
} from '../arm/resource-id.js'
import { UsageError, errorText } from '../errors.js'
import type { NetworkReport, SubnetReport } from '../report.js'
import { firstFew } from '../util/limit.js'

/**
 * The subnet check: find the workspace's Azure resource, read its VNet-injection parameters, each
 * subnet's prefixes and attached ipConfigurations, and the NICs of the managed resource group, and
 * say per subnet whether anything is still attached. Never throws for Azure trouble: a missing
 * sign-in is `skipped`, an ARM error `failed`, each with a note saying what to do.
 */

/** How the engine reaches Resource Manager. Faces fill it; tests point it at the ARM double. */
export interface ArmAccess {
  credential?: TokenCredential
  /** Endpoint override (DATABRICKS_HALT_ARM_ENDPOINT); default: the workspace's cloud. */
  endpoint?: string
  /** Extra trusted CA (PEM), a test seam. */
  tlsCa?: string
}

export interface NetworkTarget {
  workspaceId: string
  workspaceUrl: string
  /** --azure-workspace-resource-id; else looked up by workspace id / URL. */
  resourceId?: string
  /** Who runs it, for the option a note names (src/wording.ts). */
  face?: Face
}

function noSignIn(face?: Face): string {
  const how = face === 'action' ? 'auth: azure-oidc' : '--auth azure-cli or azure-default'
  return (
    'Subnet check skipped: it reads Azure Resource Manager, which needs an Azure sign-in ' +
    `(${how}).`
  )
}

/** An ARM client for the target, or the reason there is none (a `skipped` report). */
export async function armClientFor(
  access: ArmAccess | undefined,
  workspaceUrl: string,
  face?: Face,
): Promise<ArmClient | NetworkReport> {
  if (!access?.credential) return skipped(noSignIn(face))
  const cloud = azureCloudOf(workspaceUrl)
  if (!cloud && !access.endpoint) {
    return skipped(
      `Subnet check skipped: ${workspaceUrl} is not an Azure Databricks workspace URL, so there is no VNet to read.`,
    )
  }
  const endpoint = access.endpoint ? checkedArmEndpoint(access.endpoint) : ARM_ENDPOINTS[cloud!]
  return ArmClient.create({
    credential: access.credential,
    endpoint,
    scope: armScope(cloud ?? 'public'),
    ...(access.tlsCa ? { tlsCa: access.tlsCa } : {}),
  })
}

export function skipped(note: string): NetworkReport {
  return { status: 'skipped', note, verdict: 'unknown', subnets: [] }
}

function failed(note: string, partial: Partial<NetworkReport> = {}): NetworkReport {
  return { ...partial, status: 'failed', note, verdict: 'unknown', subnets: [] }
}

/** Thrown inside the check with the sentence for the report. */
export class CheckFailure extends Error {}

export async function read<T>(
  arm: ArmClient,
  what: string,
  scope: string,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await call()
  } catch (e) {
    if (e instanceof UsageError) throw new CheckFailure(e.message)
    throw new CheckFailure(explainArmError(e, what, scope, arm.objectId))
  }
}

export async function checkSubnets(arm: ArmClient, target: NetworkTarget): Promise<NetworkReport> {
  let partial: Partial<NetworkReport> = {}
  try {
    const workspace = await findWorkspace(arm, target)
    const mrg = parseResourceGroupId(workspace.managedResourceGroupId ?? '')
    partial = { workspaceResourceId: workspace.id, managedResourceGroupId: mrg.id }
    const params = workspace.parameters
    const vnetText = params?.customVirtualNetworkId?.value
    if (!vnetText) return await unInjected(arm, partial, mrg)
    const vnet = parseVnetId(vnetText)
    partial = { ...partial, vnetInjected: true, vnetId: vnet.id }
    const nics = await read(arm, 'the NICs of the managed resource group', mrg.id, () =>
      arm.listNics(mrg),
    )
    const roles = [
      ['host', params?.customPublicSubnetName?.value],
      ['container', params?.customPrivateSubnetName?.value],
    ] as const
    const subnets: SubnetReport[] = []
    for (const [role, name] of roles) {
      if (!name) throw new CheckFailure(`The workspace names no ${role} subnet in its parameters.`)
      subnets.push(await subnetReport(arm, vnet, role, checkedName(name, 'Subnet name'), nics))
    }
    const empty = subnets.every((s) => s.verdict === 'empty')
    return { ...partial, status: 'checked', verdict: empty ? 'empty' : 'not_empty', subnets }
  } catch (e) {
    if (e instanceof CheckFailure || e instanceof UsageError) return failed(e.message, partial)
    return failed(`Subnet check failed: ${errorText(e)}`, partial)
  }
}

async function unInjected(
  arm: ArmClient,
  partial: Partial<NetworkReport>,
  mrg: ResourceId,
): Promise<NetworkReport> {
  const scope = mrg.id
  const vms = await read(arm, 'the VMs of the managed resource group', scope, () =>
    arm.listVms(mrg),
  )
  const nics = await read(arm, 'the NICs of the managed resource group', scope, () =>
    arm.listNics(mrg),
  )
  const empty = vms.length === 0 && nics.length === 0
  return {
    ...partial,
    status: 'checked',
    vnetInjected: false,
    note:
      'The workspace is not VNet-injected: its compute runs in a VNet Azure Databricks manages, ' +
      'so there are no subnets of yours to change; counted the managed resource group instead.',
    verdict: empty ? 'empty' : 'not_empty',
    subnets: [],
    managed: { vms: vms.length, nics: nics.length },
  }
}

async function subnetReport(
  arm: ArmClient,
  vnet: ResourceId,
  role: 'host' | 'container',
  name: string,
  nics: NetworkInterface[],
): Promise<SubnetReport> {
  const id = `${vnet.id}/subnets/${name}`
  const subnet = await read(arm, `subnet ${name}`, vnet.id, () => arm.getSubnet(vnet, name))
  const prefixes = subnet.addressPrefixes?.length
    ? subnet.addressPrefixes
    : subnet.addressPrefix
      ? [subnet.addressPrefix]
      : []
  const byId = new Map(nics.map((n) => [String(n.id).toLowerCase(), n]))
  const attached = (subnet.ipConfigurations ?? []).map((c) => {
    const nicId = nicIdOf(String(c.id))
    const nic = byId.get(nicId.toLowerCase())
    const config = nic?.ipConfigurations?.find(
      (ip) => String(ip.id).toLowerCase() === String(c.id).toLowerCase(),
    )
    return {
      nic: nameOf(nicId),
      ...(nic?.virtualMachine?.id ? { vm: nameOf(nic.virtualMachine.id) } : {}),
      ...(config?.privateIPAddress ? { privateIp: config.privateIPAddress } : {}),
    }
  })
  return {
    role,
    name,
    id,
    prefixes,
    nics: attached,
    verdict: attached.length === 0 ? 'empty' : 'not_empty',
  }
}

/** The given resource (which must be this workspace) or the one whose id or URL matches. */
async function findWorkspace(arm: ArmClient, target: NetworkTarget): Promise<Workspace> {
  if (target.resourceId) {
    const id = parseWorkspaceId(target.resourceId)
    const workspace = await read(arm, `workspace resource ${id.name}`, id.id, () =>
      arm.getWorkspace(id),
    )
    if (!matches(workspace, target)) {
      throw new CheckFailure(
        `Azure workspace ${id.id} is workspace ${workspace.workspaceId ?? '?'} ` +
          `(${workspace.workspaceUrl ?? '?'}), not ${target.workspaceId}: check ${optionName(target.face, 'azureWorkspaceResourceId')}.`,
      )
    }
    return workspace
  }
  const subscriptions = await read(arm, 'the subscriptions', 'the tenant', () =>
    arm.listSubscriptions(),
  )
  for (const sub of subscriptions) {
    const list = await read(arm, 'the Databricks workspaces', `/subscriptions/${sub}`, () =>
      arm.listWorkspaces(sub),
    )
    const found = list.find((w) => matches(w, target))
    if (found) return found
  }
  throw new CheckFailure(
    `No Microsoft.Databricks/workspaces resource for workspace ${target.workspaceId} in the ` +
      `${subscriptions.length} subscription(s) the identity can read. Give it Reader on the ` +
      `workspace resource, or pass ${optionName(target.face, 'azureWorkspaceResourceId')}.`,
  )
}

function matches(w: Workspace, target: NetworkTarget): boolean {
  if (w.workspaceId && String(w.workspaceId) === target.workspaceId) return true
  const host = new URL(target.workspaceUrl).host.toLowerCase()
  return (
    Boolean(w.workspaceUrl) &&
    String(w.workspaceUrl)
      .toLowerCase()
      .replace(/^https:\/\//, '') === host
  )
}

/** "host-subnet (10.139.0.0/18): nic-1, nic-2" per subnet, for progress and errors. */
export function describeLeft(report: NetworkReport): string {
  if (report.managed)
    return `${report.managed.vms} VMs and ${report.managed.nics} NICs in the managed resource group`
  return report.subnets
    .filter((s) => s.verdict === 'not_empty')
    .map(
      (s) =>
        `${s.name} (${s.prefixes.join(', ')}): ${firstFew(s.nics.map((n) => n.nic)).join(', ')}`,
    )
    .join('; ')
}
