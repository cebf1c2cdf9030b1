import type { TokenProvider } from './token-provider.js'
import type { Settings } from '../settings.js'
import { tokenFromEnv } from './static-token.js'
import { profileProvider } from './databrickscfg.js'
import { azureCliProvider, azureDefaultProvider } from './azure-credential.js'
import { UsageError } from '../errors.js'

/**
 * The CLI's sign-in. `auto`: DATABRICKS_TOKEN if set, else the profile named in
 * DATABRICKS_CONFIG_PROFILE, else azure-default (environment, managed identity, az login).
 */
export async function cliTokenProvider(
  auth: Settings['auth'],
  env: NodeJS.ProcessEnv,
): Promise<TokenProvider> {
  if (auth.startsWith('profile:')) return profileProvider(auth.slice('profile:'.length), env)
  switch (auth) {
    case 'token':
      return tokenFromEnv(env)
    case 'azure-cli':
      return azureCliProvider({ tenantId: env.ARM_TENANT_ID || env.AZURE_TENANT_ID || undefined })
    case 'azure-default':
      return azureDefaultProvider()
    case 'auto':
      return autoProvider(env)
    default:
      throw new UsageError(
        `--auth ${auth} is for the GitHub Action; the CLI supports token, azure-cli, azure-default and profile:NAME.`,
      )
  }
}

async function autoProvider(env: NodeJS.ProcessEnv): Promise<TokenProvider> {
  if (env.DATABRICKS_TOKEN?.trim()) return tokenFromEnv(env)
  if (env.DATABRICKS_CONFIG_PROFILE) return profileProvider(env.DATABRICKS_CONFIG_PROFILE, env)
  return azureDefaultProvider()
}
