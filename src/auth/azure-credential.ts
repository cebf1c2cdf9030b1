import type { AccessToken, TokenCredential } from '@azure/identity'
import {
  RefreshingToken,
  type FetchedToken,
  type TokenAudience,
  type TokenProvider,
} from './token-provider.js'
import { UsageError, errorText } from '../errors.js'

/** The Azure Databricks resource (the same app id in every Azure cloud). */
export const AZURE_DATABRICKS_SCOPE = '2ff814a6-3304-4ab8-85cb-cd0e6f879c1d/.default'

/** Databricks rejects tokens that expire within ~30 s; refresh well before that. */
const REFRESH_MARGIN_MS = 60_000

/**
 * An Entra ID token for Azure Databricks. One token serves the workspace and the account host.
 * Cached until close to expiry; concurrent callers share one request (the CLI credential spawns
 * `az`, which takes a second or two).
 */
export class AzureCredentialProvider implements TokenProvider {
  private readonly token: RefreshingToken

  constructor(
    /** Also serves Azure Resource Manager tokens (network checks). */
    readonly azureCredential: TokenCredential,
    readonly description: string,
    private readonly options: { hint?: string; now?: () => number } = {},
  ) {
    this.token = new RefreshingToken(() => this.fetch(), options.now)
  }

  getToken(_audience?: TokenAudience): Promise<string> {
    return this.token.get()
  }

  private async fetch(): Promise<FetchedToken> {
    let token: AccessToken | null
    try {
      token = await this.azureCredential.getToken(AZURE_DATABRICKS_SCOPE)
    } catch (e) {
      const hint = this.options.hint ? ` ${this.options.hint}` : ''
      throw new UsageError(`${this.description}: could not get a token: ${firstLine(e)}${hint}`)
    }
    if (!token) throw new UsageError(`${this.description}: no token returned.`)
    return { token: token.token, refreshAt: token.expiresOnTimestamp - REFRESH_MARGIN_MS }
  }
}

/**
 * @azure/identity is loaded on first use only: it is large (startup time and ~25 MB of memory)
 * and token or profile sign-ins never need it.
 */
function lazyCredential(make: (identity: typeof import('@azure/identity')) => TokenCredential) {
  let credential: Promise<TokenCredential> | undefined
  return {
    async getToken(scopes: string | string[]): Promise<AccessToken | null> {
      credential ??= import('@azure/identity').then(make)
      return (await credential).getToken(scopes)
    },
  }
}

export function azureCliProvider(options: { tenantId?: string } = {}): AzureCredentialProvider {
  const tenant = options.tenantId ? `, tenant ${options.tenantId}` : ''
  return new AzureCredentialProvider(
    lazyCredential((id) => new id.AzureCliCredential({ tenantId: options.tenantId })),
    `azure-cli (az login${tenant})`,
    { hint: 'Sign in with `az login` (add --tenant if needed), or use --auth token.' },
  )
}

export function azureDefaultProvider(): AzureCredentialProvider {
  const credential = lazyCredential((id) => new id.DefaultAzureCredential())
  return new AzureCredentialProvider(credential, 'azure-default', {
    hint: 'Set AZURE_CLIENT_ID/AZURE_TENANT_ID/AZURE_CLIENT_SECRET, sign in with `az login`, or use --auth token.',
  })
}

function firstLine(e: unknown): string {
  return errorText(e).split('\n')[0].trim()
}
