/**
 * Where bearer tokens come from. The client asks per API surface because some sign-in paths
 * (Databricks OIDC federation) mint different tokens for the account and the workspace host.
 * Implementations cache and refresh; every token they return has already been passed to
 * core.setSecret (Action) or is never printed (CLI).
 */
export type TokenAudience = 'workspace' | 'account'

export interface TokenProvider {
  /** Short description for logs, e.g. "azure-oidc (client 1234…)". Never contains a secret. */
  readonly description: string
  getToken(audience: TokenAudience): Promise<string>
}
