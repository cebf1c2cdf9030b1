import type { CallOptions, DatabricksClient } from './client.js'

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
 * SDKs do: older hosts do not serve it. At most one quick retry (10 s in all).
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
