import type { CallOptions, DatabricksClient } from './client.js'
import { getMe } from './scim.js'

/** Where a workspace's id and account come from when the URL does not say. */

export interface HostMetadata {
  oidc_endpoint?: string
  account_id?: string
  workspace_id?: string
  cloud?: string
  host_type?: string
  token_federation_default_oidc_audiences?: string[]
}

/**
 * GET /.well-known/databricks-config (newer hosts only). Any failure answers undefined, as the
 * SDKs do: older hosts do not serve it. Not retried beyond one quick attempt.
 */
export async function getHostMetadata(
  workspace: DatabricksClient,
  options?: CallOptions,
): Promise<HostMetadata | undefined> {
  try {
    const body = await workspace.get<HostMetadata>('/.well-known/databricks-config', undefined, {
      rateClass: 'other',
      timeoutMs: 10_000,
      retry: { maxAttempts: 2, budgetMs: 10_000 },
      ...options,
    })
    // workspace_id is an int64 key: parseJson already reads it as a decimal string.
    return body && typeof body === 'object' ? body : undefined
  } catch {
    return undefined
  }
}

/** The workspace id from the `x-databricks-org-id` header of SCIM Me (cheap, always served). */
export async function getOrgId(
  workspace: DatabricksClient,
  options?: CallOptions,
): Promise<string | undefined> {
  return (await getMe(workspace, options)).orgId
}
