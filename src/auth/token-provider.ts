import type { TokenCredential } from '@azure/identity'

/**
 * Where bearer tokens come from. The client asks per API surface because some sign-in paths
 * (Databricks OIDC federation) mint different tokens for the account and the workspace host.
 * Implementations cache and refresh (with RefreshingToken); every token they return has already
 * been passed to core.setSecret (Action) or is never printed (CLI).
 */
export type TokenAudience = 'workspace' | 'account'

export interface TokenProvider {
  /** Short description for logs, e.g. "azure-oidc (client 1234…)". Never contains a secret. */
  readonly description: string
  getToken(audience: TokenAudience): Promise<string>
  /**
   * The Azure credential behind an Azure sign-in (azure-oidc, azure-cli, azure-default), for
   * tokens of other scopes (Azure Resource Manager). Absent for Databricks-only sign-ins.
   */
  readonly azureCredential?: TokenCredential
}

/** A fetched token and when (epoch ms) to fetch the next one instead of serving it. */
export interface FetchedToken {
  token: string
  refreshAt: number
}

/**
 * One token, cached until its refresh time. Concurrent callers share one fetch (a sign-in may
 * spawn `az` or call an identity provider); a failed fetch is not cached.
 */
export class RefreshingToken {
  private cached?: FetchedToken
  private pending?: Promise<string>

  constructor(
    private readonly fetch: () => Promise<FetchedToken>,
    private readonly now: () => number = Date.now,
  ) {}

  get(): Promise<string> {
    if (this.cached && this.now() < this.cached.refreshAt) return Promise.resolve(this.cached.token)
    this.pending ??= this.fetch()
      .then((fetched) => {
        this.cached = fetched
        return fetched.token
      })
      .finally(() => (this.pending = undefined))
    return this.pending
  }
}
