import * as core from '@actions/core'
import { parseRetryAfter } from '../databricks/errors.js'
import { UsageError, errorText } from '../errors.js'
import { claimsOf, getGitHubIdToken, GITHUB_ISSUER, refreshTime } from './github-oidc.js'
import {
  RefreshingToken,
  type FetchedToken,
  type TokenAudience,
  type TokenProvider,
} from './token-provider.js'

/**
 * GitHub OIDC → Databricks OAuth token federation (RFC 8693 token exchange), which works on every
 * cloud and needs no Entra app. The account API and the workspace API are different token issuers,
 * so each audience gets its own exchange and its own cached token.
 */

const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange'
const JWT_TYPE = 'urn:ietf:params:oauth:token-type:jwt'
const ATTEMPTS = 3

export interface DatabricksOidcOptions {
  /** Application id of the service principal whose federation policy trusts this repository. */
  clientId: string
  workspaceUrl: string
  accountHost?: string
  accountId?: string
  /** Audience of the GitHub ID token; Databricks recommends (and defaults policies to) the account id. */
  audience?: string
}

export class DatabricksOidcTokenProvider implements TokenProvider {
  readonly description: string
  private readonly audience: string
  private readonly tokens: Record<TokenAudience, RefreshingToken> = {
    workspace: new RefreshingToken(() => this.exchange('workspace')),
    account: new RefreshingToken(() => this.exchange('account')),
  }

  constructor(private readonly options: DatabricksOidcOptions) {
    const audience = options.audience || options.accountId
    if (!audience) {
      throw new UsageError(
        'databricks-oidc needs the audience of the GitHub token: set account-id (the default ' +
          'audience of a federation policy) or oidc-audience.',
      )
    }
    this.audience = audience
    this.description = `databricks-oidc (service principal ${options.clientId})`
  }

  getToken(audience: TokenAudience): Promise<string> {
    return this.tokens[audience].get()
  }

  private endpoint(audience: TokenAudience): string {
    if (audience === 'workspace')
      return `${this.options.workspaceUrl.replace(/\/+$/, '')}/oidc/v1/token`
    const { accountHost, accountId } = this.options
    if (!accountHost || !accountId) {
      throw new UsageError(
        'databricks-oidc needs account-id (and account-host off the public clouds) for the account API.',
      )
    }
    return `${accountHost.replace(/\/+$/, '')}/oidc/accounts/${accountId}/v1/token`
  }

  private async exchange(audience: TokenAudience): Promise<FetchedToken> {
    const endpoint = this.endpoint(audience)
    const subjectToken = await getGitHubIdToken(this.audience)
    const body = new URLSearchParams({
      grant_type: TOKEN_EXCHANGE,
      subject_token: subjectToken,
      subject_token_type: JWT_TYPE,
      scope: 'all-apis',
      client_id: this.options.clientId,
    })
    const response = await post(endpoint, body)
    const text = await response.text()
    if (!response.ok) throw this.explain(endpoint, response.status, text, subjectToken)
    const reply = JSON.parse(text) as { access_token?: string; expires_in?: number }
    if (!reply.access_token)
      throw new Error(`The token exchange at ${endpoint} returned no access_token.`)
    core.setSecret(reply.access_token)
    const expiresAt = Date.now() + (reply.expires_in ?? 3600) * 1000
    return { token: reply.access_token, refreshAt: refreshTime(expiresAt) }
  }

  private explain(endpoint: string, status: number, text: string, subjectToken: string): Error {
    let detail = text.slice(0, 500)
    try {
      const parsed = JSON.parse(text) as Record<string, string>
      detail = [parsed.error ?? parsed.error_code, parsed.error_description ?? parsed.message]
        .filter(Boolean)
        .join(': ')
    } catch {
      // Not JSON: keep the text.
    }
    const { sub, aud } = claimsOf(subjectToken)
    if (status === 400 || status === 401 || status === 403) {
      return new UsageError(
        `Databricks refused to exchange the GitHub token at ${endpoint} (${status} ${detail}). ` +
          `Check the federation policy of service principal ${this.options.clientId}: issuer ` +
          `${GITHUB_ISSUER}, audiences including "${String(aud)}" (set oidc-audience if the policy uses ` +
          `another) and subject "${sub}" exactly; and that databricks-client-id is the ` +
          "service principal's application id.",
      )
    }
    return new Error(`The token exchange at ${endpoint} failed: ${status} ${detail}`)
  }
}

/** A few retries on throttling and gateway errors, honouring Retry-After; no retry on refusals. */
async function post(endpoint: string, body: URLSearchParams): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    let response: Response | undefined
    try {
      response = await fetch(endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body,
        signal: AbortSignal.timeout(30_000),
      })
    } catch (error) {
      if (attempt >= ATTEMPTS)
        throw new Error(`Could not reach ${endpoint}: ${errorText(error)}`, { cause: error })
    }
    if (response && (![429, 502, 503, 504].includes(response.status) || attempt >= ATTEMPTS))
      return response
    const retryAfterMs = parseRetryAfter(response?.headers.get('retry-after') ?? null)
    await new Promise((resolve) =>
      setTimeout(resolve, retryAfterMs ? Math.min(retryAfterMs, 30_000) : 500 * 2 ** attempt),
    )
  }
}
