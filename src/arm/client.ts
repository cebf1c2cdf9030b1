import type { TokenCredential } from '@azure/identity'
import type { Workspace } from '@azure/arm-databricks'
import type { NetworkInterface, Subnet } from '@azure/arm-network'
import type { GenericResourceExpanded } from '@azure/arm-resources'
import type { ResourceId } from './resource-id.js'

/**
 * Azure Resource Manager through the Azure SDK packages made for it (ADR 13). They are loaded on
 * first use only: together they are ~4 MB of bundle that no show, stop or restore needs.
 */
export interface ArmClientOptions {
  credential: TokenCredential
  /** Resource Manager origin, e.g. https://management.azure.com. */
  endpoint: string
  /** `<endpoint>/.default` of the workspace's cloud. */
  scope: string
  /** Extra trusted CA (PEM): a seam for tests against the emulator's ARM double. */
  tlsCa?: string
}

type Sdk = Awaited<ReturnType<typeof loadSdk>>

async function loadSdk() {
  const [databricks, network, resources, subscriptions] = await Promise.all([
    import('@azure/arm-databricks'),
    import('@azure/arm-network'),
    import('@azure/arm-resources'),
    import('@azure/arm-resources-subscriptions'),
  ])
  return { databricks, network, resources, subscriptions }
}

export class ArmClient {
  /** Object id (`oid` claim) of the signed-in identity, once a token was fetched. */
  objectId?: string
  private readonly options: ArmClientOptions

  private constructor(
    private readonly sdk: Sdk,
    options: ArmClientOptions,
  ) {
    const inner = options.credential
    const credential: TokenCredential = {
      getToken: async (scopes, opts) => {
        const token = await inner.getToken(scopes, opts)
        if (token) this.objectId = objectIdOf(token.token) ?? this.objectId
        return token
      },
    }
    this.options = { ...options, credential }
  }

  static async create(options: ArmClientOptions): Promise<ArmClient> {
    return new ArmClient(await loadSdk(), options)
  }

  get endpoint(): string {
    return this.options.endpoint
  }

  private clientOptions() {
    return {
      endpoint: this.options.endpoint,
      credentials: { scopes: [this.options.scope] },
      retryOptions: { maxRetries: 3 },
      ...(this.options.tlsCa ? { tlsOptions: { ca: this.options.tlsCa } } : {}),
    }
  }

  /** Ids of the subscriptions the identity can read. */
  async listSubscriptions(): Promise<string[]> {
    const client = new this.sdk.subscriptions.SubscriptionClient(
      this.options.credential,
      this.clientOptions(),
    )
    const ids: string[] = []
    for await (const s of client.subscriptions.list())
      if (s.subscriptionId) ids.push(s.subscriptionId)
    return ids
  }

  async listWorkspaces(subscriptionId: string): Promise<Workspace[]> {
    const client = this.databricks(subscriptionId)
    const out: Workspace[] = []
    for await (const w of client.workspaces.listBySubscription()) out.push(w)
    return out
  }

  getWorkspace(id: ResourceId): Promise<Workspace> {
    return this.databricks(id.subscriptionId).workspaces.get(id.resourceGroup, id.name)
  }

  getSubnet(vnet: ResourceId, subnetName: string): Promise<Subnet> {
    return this.network(vnet.subscriptionId).subnets.get(vnet.resourceGroup, vnet.name, subnetName)
  }

  async listNics(group: ResourceId): Promise<NetworkInterface[]> {
    const out: NetworkInterface[] = []
    for await (const nic of this.network(group.subscriptionId).networkInterfaces.list(
      group.resourceGroup,
    ))
      out.push(nic)
    return out
  }

  async listVms(group: ResourceId): Promise<GenericResourceExpanded[]> {
    const client = new this.sdk.resources.ResourceManagementClient(
      this.options.credential,
      group.subscriptionId,
      this.clientOptions(),
    )
    const out: GenericResourceExpanded[] = []
    const filter = "resourceType eq 'Microsoft.Compute/virtualMachines'"
    for await (const r of client.resources.listByResourceGroup(group.resourceGroup, { filter }))
      out.push(r)
    return out
  }

  private databricks(subscriptionId: string) {
    return new this.sdk.databricks.AzureDatabricksManagementClient(
      this.options.credential,
      subscriptionId,
      this.clientOptions(),
    )
  }

  private network(subscriptionId: string) {
    return new this.sdk.network.NetworkManagementClient(
      this.options.credential,
      subscriptionId,
      this.clientOptions(),
    )
  }
}

/** The `oid` claim of an Entra access token (read, not verified: it only names who to grant). */
function objectIdOf(jwt: string): string | undefined {
  try {
    const claims = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'))
    const oid = (claims as { oid?: unknown }).oid
    return typeof oid === 'string' && /^[0-9a-fA-F-]{36}$/.test(oid) ? oid : undefined
  } catch {
    return undefined
  }
}
