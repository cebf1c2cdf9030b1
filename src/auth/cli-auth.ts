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
  const profile = profileFor(auth, env)
  if (profile !== undefined) return profileProvider(profile, env)
  switch (auth) {
    case 'token':
      return tokenFromEnv(env)
    case 'azure-cli':
      return azureCliProvider({ tenantId: env.ARM_TENANT_ID || env.AZURE_TENANT_ID || undefined })
    case 'azure-default':
      return azureDefaultProvider()
    case 'auto':
      return env.DATABRICKS_TOKEN?.trim() ? tokenFromEnv(env) : azureDefaultProvider()
    default:
      throw new UsageError(
        `--auth ${auth} is for the GitHub Action; the CLI supports token, azure-cli, azure-default and profile:NAME.`,
      )
  }
}

/**
 * The ~/.databrickscfg profile this sign-in reads ('' = the file's default choice), or undefined
 * when it reads none. Its host is also the CLI's default workspace URL.
 */
export function profileFor(auth: string, env: NodeJS.ProcessEnv): string | undefined {
  if (auth.startsWith('profile:')) return auth.slice('profile:'.length)
  if (auth === 'auto' && !env.DATABRICKS_TOKEN?.trim())
    return env.DATABRICKS_CONFIG_PROFILE || undefined
  return undefined
}
