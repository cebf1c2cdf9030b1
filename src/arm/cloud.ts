import { UsageError } from '../errors.js'

/**
 * Which Azure cloud a workspace runs in, and its Resource Manager endpoint and token scope. The
 * SDK's own cloud setting picks the endpoint but always asks for the public cloud's scope, so
 * both are set here, together.
 */
export type AzureCloud = 'public' | 'us-gov' | 'china'

export const ARM_ENDPOINTS: Record<AzureCloud, string> = {
  public: 'https://management.azure.com',
  'us-gov': 'https://management.usgovcloudapi.net',
  china: 'https://management.chinacloudapi.cn',
}

const WORKSPACE_HOSTS: ReadonlyArray<[RegExp, AzureCloud]> = [
  [/\.azuredatabricks\.net$/i, 'public'],
  [/\.databricks\.azure\.us$/i, 'us-gov'],
  [/\.databricks\.azure\.cn$/i, 'china'],
]

/** The cloud of an Azure Databricks workspace URL; undefined for AWS, GCP or anything else. */
export function azureCloudOf(workspaceUrl: string): AzureCloud | undefined {
  const host = new URL(workspaceUrl).hostname
  return WORKSPACE_HOSTS.find(([pattern]) => pattern.test(host))?.[1]
}

/** The management scope tokens are asked for: `<endpoint>/.default` of the cloud. */
export function armScope(cloud: AzureCloud): string {
  return `${ARM_ENDPOINTS[cloud]}/.default`
}

/** An endpoint override (tests, a private ARM): https only, since a bearer token goes there. */
export function checkedArmEndpoint(text: string): string {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new UsageError(`ARM endpoint "${text}" is not a URL (e.g. https://management.azure.com).`)
  }
  if (url.protocol !== 'https:' || url.username || url.password) {
    throw new UsageError(`ARM endpoint ${url.origin} must be an https:// URL without credentials.`)
  }
  return url.origin
}
