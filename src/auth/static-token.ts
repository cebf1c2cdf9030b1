import type { TokenAudience, TokenProvider } from './token-provider.js'
import { UsageError } from '../errors.js'

/** A token that does not change: a PAT, or a Databricks/Entra token minted elsewhere. One token
 *  serves both the workspace and the account host (true for PATs of account admins and Entra). */
export class StaticTokenProvider implements TokenProvider {
  constructor(
    private readonly token: string,
    readonly description: string,
  ) {
    if (token.trim() === '') throw new UsageError(`${description}: the token is empty.`)
  }

  async getToken(_audience?: TokenAudience): Promise<string> {
    return this.token.trim()
  }
}

/** `--auth token`: the token comes from the environment only, never from a flag (shell history). */
export function tokenFromEnv(env: NodeJS.ProcessEnv): StaticTokenProvider {
  const token = env.DATABRICKS_TOKEN
  if (!token || token.trim() === '') {
    throw new UsageError(
      'DATABRICKS_TOKEN is not set. Export a personal access token in DATABRICKS_TOKEN, or choose ' +
        'another method with --auth azure-cli | azure-default | profile:NAME.',
    )
  }
  return new StaticTokenProvider(token, 'token (DATABRICKS_TOKEN)')
}
