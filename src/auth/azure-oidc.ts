import * as core from '@actions/core'
import { ClientAssertionCredential, type AccessToken, type TokenCredential } from '@azure/identity'
import { UsageError, errorText } from '../errors.js'
import {
  claimsOf,
  getGitHubIdToken,
  GITHUB_ISSUER,
  hasIdTokenEnvironment,
  refreshTime,
} from './github-oidc.js'
import { AZURE_DATABRICKS_SCOPE } from './azure-credential.js'
import { RefreshingToken, type FetchedToken, type TokenProvider } from './token-provider.js'

/**
 * GitHub OIDC → Entra ID → Azure Databricks. The runner's ID token is the client assertion of the
 * Entra app's federated credential; the Entra token it buys serves the workspace and the account
 * API alike. Tokens are refreshed well before expiry so a long halt never presents a stale one
 * (Databricks rejects tokens that expire within ~30 s).
 */

export const AZURE_ASSERTION_AUDIENCE = 'api://AzureADTokenExchange'
export const PUBLIC_AUTHORITY = 'https://login.microsoftonline.com'

export interface AzureOidcOptions {
  clientId: string
  tenantId: string
  authorityHost?: string
  /** Extra trusted CA (PEM). A seam for tests against a loopback Entra; not an input. */
  tlsCa?: string
}

export class AzureOidcTokenProvider implements TokenProvider {
  readonly description: string
  private readonly credential: ClientAssertionCredential
  private readonly token = new RefreshingToken(() => this.refresh())
  private lastAssertion?: string

  constructor(private readonly options: AzureOidcOptions) {
    const authorityHost = (options.authorityHost || PUBLIC_AUTHORITY).replace(/\/+$/, '')
    this.description = `azure-oidc (client ${options.clientId}, tenant ${options.tenantId})`
    this.credential = new ClientAssertionCredential(
      options.tenantId,
      options.clientId,
      () => this.assertion(),
      {
        authorityHost,
        // Instance discovery only knows Microsoft's clouds; a sovereign or private host must skip it.
        disableInstanceDiscovery: authorityHost !== PUBLIC_AUTHORITY,
        ...(options.tlsCa ? { tlsOptions: { ca: options.tlsCa } } : {}),
      },
    )
  }

  /** The same federated credential for Azure Resource Manager; its tokens are masked too. */
  readonly azureCredential: TokenCredential = {
    getToken: async (scopes, options) => {
      const token = await this.credential.getToken(scopes, options)
      if (token) core.setSecret(token.token)
      return token
    },
  }

  /** One token for both audiences (the Azure Databricks resource covers the account API too). */
  getToken(): Promise<string> {
    return this.token.get()
  }

  private async refresh(): Promise<FetchedToken> {
    // Checked here too: identity wraps errors from the assertion callback into generic ones.
    if (!hasIdTokenEnvironment()) await getGitHubIdToken(AZURE_ASSERTION_AUDIENCE)
    let token: AccessToken
    try {
      token = await this.credential.getToken(AZURE_DATABRICKS_SCOPE)
    } catch (error) {
      throw this.explain(error)
    }
    core.setSecret(token.token)
    return { token: token.token, refreshAt: refreshTime(token.expiresOnTimestamp) }
  }

  /** Called by MSAL for every new token: GitHub ID tokens live minutes, so fetch a fresh one. */
  private async assertion(): Promise<string> {
    this.lastAssertion = await getGitHubIdToken(AZURE_ASSERTION_AUDIENCE)
    return this.lastAssertion
  }

  /** Turn Entra's codes into what to change in the federated credential or the workflow. */
  private explain(error: unknown): Error {
    if (error instanceof UsageError) return error
    const message = errorText(error)
    const { sub, aud, iss } = claimsOf(this.lastAssertion)
    const app = `Entra app ${this.options.clientId} (tenant ${this.options.tenantId})`
    const expected =
      `Add a federated credential to ${app} with issuer ${GITHUB_ISSUER}, ` +
      `subject "${sub ?? 'repo:ORG/REPO:environment:NAME'}" and audience ${AZURE_ASSERTION_AUDIENCE}.`
    const code = /AADSTS(\d+)/.exec(message)?.[1]
    const reasons: Record<string, string> = {
      '700213': `Entra rejected the GitHub token: no federated credential matches its subject "${sub}" (AADSTS700213). The subject must match exactly (environment, branch or pull_request). ${expected}`,
      '700212': `Entra rejected the GitHub token: no federated credential matches its audience "${String(aud)}" (AADSTS700212). ${expected}`,
      '700211': `Entra rejected the GitHub token: no federated credential matches its issuer "${iss}" (AADSTS700211). ${expected}`,
      '700016': `Entra does not know client id ${this.options.clientId} in tenant ${this.options.tenantId} (AADSTS700016): check azure-client-id and azure-tenant-id.`,
      '90002': `Entra does not know tenant ${this.options.tenantId} (AADSTS90002): check azure-tenant-id.`,
    }
    if (code && reasons[code]) return new UsageError(reasons[code])
    if (/endpoints_resolution_error/.test(message)) {
      return new UsageError(
        `Could not reach Entra ID at ${this.options.authorityHost || PUBLIC_AUTHORITY} for tenant ` +
          `${this.options.tenantId} (endpoints_resolution_error: wrong azure-authority-host or ` +
          `azure-tenant-id, an untrusted certificate, or no network). ${message}`,
      )
    }
    return new Error(`Signing in to Entra ID as ${app} failed: ${message}`)
  }
}
