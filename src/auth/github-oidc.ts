import * as core from '@actions/core'
import { UsageError, errorText } from '../errors.js'

/**
 * The runner's GitHub OIDC ID token, the credential both federated sign-in paths start from.
 * The runner only offers it to jobs granted `permissions: id-token: write`, and never to
 * pull_request runs from forks: say so instead of the toolkit's bare "env variable" message.
 */

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com'

export function hasIdTokenEnvironment(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.ACTIONS_ID_TOKEN_REQUEST_URL && env.ACTIONS_ID_TOKEN_REQUEST_TOKEN)
}

const MISSING_PERMISSION =
  'The GitHub OIDC token is not available to this job (ACTIONS_ID_TOKEN_REQUEST_URL and ' +
  'ACTIONS_ID_TOKEN_REQUEST_TOKEN are not set). Grant it in the workflow: `permissions: ' +
  '{ id-token: write, contents: read, actions: read }` on the job (and on the caller of a reusable ' +
  'workflow, since permissions can only shrink). Pull requests from forks never get it.'

export async function getGitHubIdToken(audience: string): Promise<string> {
  if (!hasIdTokenEnvironment()) throw new UsageError(MISSING_PERMISSION)
  let token: string
  try {
    token = await core.getIDToken(audience)
  } catch (error) {
    throw new UsageError(
      `Could not get a GitHub OIDC token for audience "${audience}": ${errorText(error)}. ` +
        'Check that the job has `permissions: id-token: write`.',
      { cause: error },
    )
  }
  if (!token)
    throw new UsageError(`GitHub returned an empty OIDC token for audience "${audience}".`)
  // getIDToken masks it already; masking again costs nothing and does not depend on that detail.
  core.setSecret(token)
  return token
}

/** The claims a federated credential or policy is matched against, read without verification. */
export interface IdTokenClaims {
  iss?: string
  sub?: string
  aud?: string | string[]
}

export function claimsOf(jwt: string | undefined): IdTokenClaims {
  try {
    const payload = jwt?.split('.')[1]
    return payload
      ? (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as IdTokenClaims)
      : {}
  } catch {
    return {}
  }
}

/**
 * When to renew a token that expires at `expiresAt`: five minutes early, or halfway through its
 * life for short-lived ones (federated tokens follow the GitHub token's minutes-long lifetime), and
 * never later than 30 s before expiry, which Databricks already rejects. So a long halt never
 * presents a stale token.
 */
export function refreshTime(expiresAt: number, now = Date.now()): number {
  const halfLife = Math.max(0, expiresAt - now) / 2
  return expiresAt - Math.max(30_000, Math.min(5 * 60_000, halfLife))
}
