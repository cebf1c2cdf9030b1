import * as core from '@actions/core'
import { resolveAccountHost } from '../config.js'
import { UsageError } from '../errors.js'
import type { Settings } from '../settings.js'
import type { AuthInputs } from '../input-helper.js'
import { AzureOidcTokenProvider } from './azure-oidc.js'
import { DatabricksOidcTokenProvider } from './databricks-oidc.js'
import { tokenFromEnv } from './static-token.js'
import type { TokenProvider } from './token-provider.js'

/**
 * How the Action signs in, from the `auth` input: `auto` prefers the federated paths (no stored
 * secret) and falls back to DATABRICKS_TOKEN only when no client id is configured.
 */

export type ResolvedAuth = 'azure-oidc' | 'databricks-oidc' | 'token'

export function resolveAuthMethod(auth: AuthInputs): ResolvedAuth {
  if (auth.method !== 'auto') return auth.method
  if (auth.azureClientId) return 'azure-oidc'
  if (auth.databricksClientId) return 'databricks-oidc'
  return 'token'
}

export interface AuthSeams {
  /** Extra CA for a loopback Entra in tests. */
  tlsCa?: string
}

export function createTokenProvider(
  settings: Settings,
  auth: AuthInputs,
  seams: AuthSeams = {},
): TokenProvider {
  switch (resolveAuthMethod(auth)) {
    case 'azure-oidc':
      return new AzureOidcTokenProvider({
        clientId: need(auth.azureClientId, 'azure-client-id', 'azure-oidc'),
        tenantId: need(auth.azureTenantId, 'azure-tenant-id', 'azure-oidc'),
        authorityHost: auth.azureAuthorityHost,
        tlsCa: seams.tlsCa,
      })
    case 'databricks-oidc':
      return new DatabricksOidcTokenProvider({
        clientId: need(auth.databricksClientId, 'databricks-client-id', 'databricks-oidc'),
        workspaceUrl: settings.workspaceUrl,
        accountId: settings.accountId,
        accountHost: settings.accountId
          ? resolveAccountHost(settings.workspaceUrl, settings.accountHost)
          : undefined,
        audience: auth.oidcAudience,
      })
    case 'token':
      return maskedEnvToken()
  }
}

/**
 * Sign in before anything else, so a missing permission or a rejected federated credential fails
 * the step with its own explanation rather than as the first failed API call.
 */
export async function signIn(settings: Settings, tokens: TokenProvider): Promise<void> {
  await tokens.getToken('workspace')
  if (settings.accountId) await tokens.getToken('account')
}

function maskedEnvToken(): TokenProvider {
  if (!process.env.DATABRICKS_TOKEN?.trim()) {
    throw new UsageError(
      'auth is token but DATABRICKS_TOKEN is not set: pass it to the step (`env: DATABRICKS_TOKEN: ' +
        '${{ secrets.DATABRICKS_TOKEN }}`), or sign in without a stored secret by setting ' +
        'azure-client-id (azure-oidc) or databricks-client-id (databricks-oidc).',
    )
  }
  core.setSecret(process.env.DATABRICKS_TOKEN.trim())
  return tokenFromEnv(process.env)
}

function need(value: string | undefined, input: string, method: string): string {
  if (!value) throw new UsageError(`auth ${method} needs the ${input} input.`)
  return value
}
