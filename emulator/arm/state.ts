/**
 * The Azure side of each emulated workspace: its Microsoft.Databricks/workspaces resource, the
 * VNet it is injected into (a host and a container subnet) and the VMs and NICs of its managed
 * resource group. VMs and NICs are not stored by hand: they follow the emulator's compute (two
 * NICs per node, one per subnet) and linger a configurable time after the node goes, as Azure
 * Databricks' do (up to ~15 minutes after compute stops).
 */
import type { EmulatorCore } from '../core.js'
import type { Obj } from '../http/router.js'
import type { WorkspaceState } from '../state/workspace.js'

export type SubnetRole = 'host' | 'container'
/** The scopes a role assignment can be missing on (each gives 403 AuthorizationFailed). */
export type ArmScope = 'workspace' | 'vnet' | 'managed-resource-group'

export interface ArmOptions {
  /** false: a workspace without VNet injection (its VMs sit in a managed VNet). Default true. */
  vnetInjection?: boolean
  hostPrefixes?: string[]
  containerPrefixes?: string[]
  /** Emulator-clock ms a node's NICs stay after the node is gone. Default 15 min. */
  nicLingerMs?: number
}

export interface ArmNic {
  name: string
  subnet: SubnetRole
  ip: string
}

interface ArmNode {
  key: string
  vm: string
  /** The VM's tags: a cluster's default and custom tags, as Databricks tags its resources. */
  tags: Record<string, string>
  nics: ArmNic[]
  /** Emulator time the node went (its NICs linger from then); undefined while it runs. */
  goneAt?: number
}

export const SUBSCRIPTION_ID = '00000000-0000-4000-8000-00000000a2a1'
export const TENANT_ID = '00000000-0000-4000-8000-0000000e7a17'
const LOCATION = 'westeurope'

/** One workspace's Azure resources. */
export class ArmWorkspace {
  readonly name: string
  readonly resourceGroup = 'rg-databricks'
  readonly networkResourceGroup = 'rg-network'
  readonly managedResourceGroup: string
  readonly vnetName: string
  readonly subnetNames: Record<SubnetRole, string> = {
    host: 'public-subnet',
    container: 'private-subnet',
  }
  prefixes: Record<SubnetRole, string[]>
  /**
   * Where new NICs take their addresses when not from the subnet's own prefixes: plays compute
   * that still lands in the old ranges after a change (the probe's fail case). Default: none.
   */
  allocation: Partial<Record<SubnetRole, string[]>> = {}
  readonly injected: boolean
  nodes: ArmNode[] = []

  constructor(
    readonly ws: WorkspaceState,
    index: number,
    options: ArmOptions,
  ) {
    this.name = `ws-${index}`
    this.managedResourceGroup = `databricks-rg-${this.name}`
    this.injected = options.vnetInjection ?? true
    this.vnetName = this.injected ? `vnet-${this.name}` : 'workers-vnet'
    const second = 139 + index
    this.prefixes = {
      host: options.hostPrefixes ?? [`10.${second}.0.0/18`],
      container: options.containerPrefixes ?? [`10.${second}.64.0/18`],
    }
  }

  get id(): string {
    return `${rg(this.resourceGroup)}/providers/Microsoft.Databricks/workspaces/${this.name}`
  }

  get mrgId(): string {
    return rg(this.managedResourceGroup)
  }

  get vnetId(): string {
    const group = this.injected ? this.networkResourceGroup : this.managedResourceGroup
    return `${rg(group)}/providers/Microsoft.Network/virtualNetworks/${this.vnetName}`
  }

  subnetId(role: SubnetRole): string {
    return `${this.vnetId}/subnets/${this.subnetNames[role]}`
  }

  vmId(vm: string): string {
    return `${this.mrgId}/providers/Microsoft.Compute/virtualMachines/${vm}`
  }

  nicId(nic: string): string {
    return `${this.mrgId}/providers/Microsoft.Network/networkInterfaces/${nic}`
  }

  /** The workspace resource as `GET …/Microsoft.Databricks/workspaces/{name}` answers. */
  resource(): Obj {
    const str = (value: string) => ({ type: 'String', value })
    const parameters: Obj = { enableNoPublicIp: { type: 'Bool', value: true } }
    if (this.injected) {
      parameters.customVirtualNetworkId = str(this.vnetId)
      parameters.customPublicSubnetName = str(this.subnetNames.host)
      parameters.customPrivateSubnetName = str(this.subnetNames.container)
    }
    const host = new URL(this.ws.url).host
    return {
      id: this.id,
      name: this.name,
      type: 'Microsoft.Databricks/workspaces',
      location: LOCATION,
      sku: { name: 'premium' },
      properties: {
        managedResourceGroupId: this.mrgId,
        parameters,
        provisioningState: 'Succeeded',
        workspaceId: this.ws.workspaceId,
        // Real ARM gives the host without a scheme (adb-<id>.<n>.azuredatabricks.net).
        workspaceUrl: host,
      },
    }
  }

  subnet(role: SubnetRole): Obj {
    const prefixes = this.prefixes[role]
    const id = this.subnetId(role)
    const ipConfigurations = this.nics()
      .filter(({ nic }) => nic.subnet === role)
      .map(({ nic }) => ({ id: `${this.nicId(nic.name)}/ipConfigurations/ipconfig1` }))
    return {
      id,
      name: this.subnetNames[role],
      type: 'Microsoft.Network/virtualNetworks/subnets',
      etag: `W/"${prefixes.join(',')}"`,
      properties: {
        provisioningState: 'Succeeded',
        // ARM answers addressPrefix for one prefix and addressPrefixes for several.
        ...(prefixes.length === 1 ? { addressPrefix: prefixes[0] } : { addressPrefixes: prefixes }),
        ...(ipConfigurations.length ? { ipConfigurations } : {}),
        delegations: this.injected
          ? [
              {
                name: `databricks-del-${role}`,
                id: `${id}/delegations/databricks-del-${role}`,
                properties: { serviceName: 'Microsoft.Databricks/workspaces' },
              },
            ]
          : [],
      },
    }
  }

  vnet(): Obj {
    return {
      id: this.vnetId,
      name: this.vnetName,
      type: 'Microsoft.Network/virtualNetworks',
      location: LOCATION,
      properties: {
        provisioningState: 'Succeeded',
        addressSpace: { addressPrefixes: [...this.prefixes.host, ...this.prefixes.container] },
        subnets: (['host', 'container'] as const).map((r) => this.subnet(r)),
      },
    }
  }

  nics(): { node: ArmNode; nic: ArmNic }[] {
    return this.nodes.flatMap((node) => node.nics.map((nic) => ({ node, nic })))
  }

  nicResource(node: ArmNode, nic: ArmNic): Obj {
    const id = this.nicId(nic.name)
    return {
      id,
      name: nic.name,
      type: 'Microsoft.Network/networkInterfaces',
      location: LOCATION,
      properties: {
        provisioningState: 'Succeeded',
        ipConfigurations: [
          {
            id: `${id}/ipConfigurations/ipconfig1`,
            name: 'ipconfig1',
            properties: {
              privateIPAddress: nic.ip,
              privateIPAllocationMethod: 'Dynamic',
              privateIPAddressVersion: 'IPv4',
              primary: true,
              subnet: { id: this.subnetId(nic.subnet) },
            },
          },
        ],
        primary: nic.subnet === 'container',
        // A NIC left behind by a deleted VM no longer names it.
        ...(node.goneAt === undefined ? { virtualMachine: { id: this.vmId(node.vm) } } : {}),
      },
    }
  }

  vms(): Obj[] {
    return this.nodes
      .filter((n) => n.goneAt === undefined)
      .map((n) => ({
        id: this.vmId(n.vm),
        name: n.vm,
        type: 'Microsoft.Compute/virtualMachines',
        location: LOCATION,
        tags: { ...n.tags },
      }))
  }
}

export function rg(name: string): string {
  return `/subscriptions/${SUBSCRIPTION_ID}/resourceGroups/${name}`
}

/**
 * Every node the workspace's compute has now, by a stable key, with its VM's tags. A cluster's
 * VMs carry its default_tags and custom_tags ("Databricks will tag all cluster resources ... with
 * these tags in addition to default_tags": custom_tags in sdk-go service/compute/model.go).
 */
function liveNodes(ws: WorkspaceState): Map<string, Record<string, string>> {
  const keys = new Map<string, Record<string, string>>()
  const add = (prefix: string, count: number, tags: Record<string, string> = {}) => {
    for (let i = 0; i < count; i++) keys.set(`${prefix}/${i}`, { Vendor: 'Databricks', ...tags })
  }
  for (const c of ws.clusters.values()) {
    if (!['PENDING', 'RUNNING', 'RESIZING', 'RESTARTING', 'TERMINATING'].includes(c.state)) continue
    // A pool cluster's nodes are pool instances in use: counted here, while the cluster runs
    // (the pools' used_count is not kept in step with clusters in the emulator).
    const workers = c.num_workers ?? c.autoscale?.min_workers ?? 0
    add(`cluster/${c.cluster_id}`, 1 + workers, { ...c.default_tags, ...c.custom_tags })
  }
  for (const p of ws.instancePools.values()) {
    const s = p.stats ?? {}
    add(`pool/${p.instance_pool_id}`, (s.idle_count ?? 0) + (s.pending_idle_count ?? 0))
  }
  for (const w of ws.warehouses.values()) {
    // Serverless warehouses run in Databricks' own network, not in the workspace's subnets.
    if (w.enable_serverless_compute) continue
    if (!['STARTING', 'RUNNING', 'STOPPING'].includes(w.state)) continue
    // One driver and one worker per warehouse cluster: enough to show up in the subnets.
    add(`warehouse/${w.id}`, 2 * Math.max(1, w.num_clusters ?? 1))
  }
  return keys
}

/** The ARM view of every workspace, kept in step with the compute. */
export class ArmState {
  readonly workspaces: ArmWorkspace[]
  nicLingerMs: number
  denied = new Set<ArmScope>()
  /** Bearer tokens ARM accepts (the emulator admin token and any added). */
  readonly tokens = new Set<string>()
  /** Object id of the caller of the request being answered. */
  caller = ''
  private vmSeq = 0

  constructor(
    private readonly core: EmulatorCore,
    options: ArmOptions,
  ) {
    this.nicLingerMs = options.nicLingerMs ?? 15 * 60_000
    this.workspaces = core.workspaces.map((ws, i) => new ArmWorkspace(ws, i, options))
  }

  /** Bring VMs and NICs in line with the compute at emulator time `at`. */
  reconcile(at: number): void {
    for (const w of this.workspaces) {
      const live = liveNodes(w.ws)
      for (const node of w.nodes) {
        if (node.goneAt === undefined && !live.has(node.key)) node.goneAt = at
        else if (node.goneAt === undefined) live.delete(node.key)
      }
      w.nodes = w.nodes.filter((n) => n.goneAt === undefined || at < n.goneAt + this.nicLingerMs)
      for (const [key, tags] of live) w.nodes.push(this.newNode(w, key, tags))
    }
  }

  private newNode(w: ArmWorkspace, key: string, tags: Record<string, string>): ArmNode {
    const vm = `${(++this.vmSeq).toString(16).padStart(8, '0')}a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6`
    const nics = (['host', 'container'] as const).map((subnet) => ({
      name: `${vm}-${subnet === 'host' ? 'publicNic' : 'privateNic'}`,
      subnet,
      ip: freeIp(w, subnet),
    }))
    return { key, vm, tags, nics }
  }

  byWorkspaceIndex(i: number): ArmWorkspace {
    const w = this.workspaces[i]
    if (!w) throw new Error(`No workspace ${i}`)
    return w
  }

  /** Tick the clock (which reconciles) and make sure the present is reconciled too. */
  current(): void {
    this.core.clock.tick()
    this.reconcile(this.core.now())
  }
}

/** The lowest free address of the subnet's first prefix (Azure reserves the first four). */
function freeIp(w: ArmWorkspace, subnet: SubnetRole): string {
  const [base, bits] = (w.allocation[subnet] ?? w.prefixes[subnet])[0].split('/')
  const start = toInt(base)
  const size = 2 ** (32 - Number(bits))
  const used = new Set(
    w
      .nics()
      .filter(({ nic }) => nic.subnet === subnet)
      .map(({ nic }) => toInt(nic.ip)),
  )
  for (let n = 4; n < size - 1; n++) if (!used.has(start + n)) return fromInt(start + n)
  throw new Error(`Subnet ${w.subnetNames[subnet]} is full`)
}

function toInt(ip: string): number {
  return ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0)
}

function fromInt(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.')
}
