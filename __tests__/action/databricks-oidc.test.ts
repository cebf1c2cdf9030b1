import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { startEmulator, type Emulator } from '../../emulator/index.js'
import {
  captureStdout,
  maskedValues,
  holdStdout,
  type HeldStdout,
} from '../../__fixtures__/capture-stdout.js'
import { GITHUB_ISSUER, GitHubDouble } from '../../__fixtures__/github-double.js'
import { jwtClaims } from '../../__fixtures__/http-util.js'
import { DatabricksOidcTokenProvider } from '../../src/auth/databricks-oidc.js'
import { refreshTime } from '../../src/auth/github-oidc.js'
import { UsageError } from '../../src/errors.js'

// The GitHub double issues the ID token; the Databricks emulator's token endpoints match it against
// a service-principal federation policy, as Databricks does.
const SUBJECT = 'repo:acme/platform:environment:prod'
let gh: GitHubDouble
let emu: Emulator
let clientId: string
const saved = { ...process.env }

let held: HeldStdout | undefined
beforeAll(async () => {
  held = holdStdout()
  gh = await GitHubDouble.start({ subject: SUBJECT })
  emu = await startEmulator({ scenario: 'small' })
  clientId = String([...emu.account.servicePrincipals.values()][0].applicationId)
  emu.configure({
    federationPolicies: [
      { clientId, issuer: GITHUB_ISSUER, audiences: [emu.accountId], subject: SUBJECT },
    ],
  })
})

afterAll(async () => {
  held?.release()
  process.env = saved
  await Promise.all([gh.close(), emu.close()])
})

beforeEach(() => {
  Object.assign(process.env, gh.runnerEnv({ runId: 1 }))
  gh.subject = SUBJECT
})

const provider = (
  overrides: Partial<ConstructorParameters<typeof DatabricksOidcTokenProvider>[0]> = {},
) =>
  new DatabricksOidcTokenProvider({
    clientId,
    workspaceUrl: emu.workspace.url,
    accountHost: emu.accountUrl,
    accountId: emu.accountId,
    ...overrides,
  })

async function me(url: string, token: string): Promise<number> {
  return (
    await fetch(`${url}/api/2.0/preview/scim/v2/Me`, {
      headers: { authorization: `Bearer ${token}` },
    })
  ).status
}

describe('databricks-oidc sign-in', () => {
  it('exchanges the GitHub token (audience = account id) at the workspace and the account endpoints', async () => {
    const tokens = provider()
    const { result: workspace, out } = await captureStdout(() => tokens.getToken('workspace'))
    const account = await tokens.getToken('account')

    expect(jwtClaims(gh.issuedIdTokens.at(-1)!).aud).toBe(emu.accountId)
    expect(workspace).not.toBe(account)
    expect(await me(emu.workspace.url, workspace!)).toBe(200)
    expect(maskedValues(out)).toContain(workspace)
    const exchanges = () =>
      emu.requests.filter((r) => /oidc\/(accounts\/[^/]+\/)?v1\/token/.test(r.path)).length
    const exchanged = exchanges()
    expect(exchanged).toBeGreaterThanOrEqual(2)
    // Cached: asking again costs no exchange.
    expect(await tokens.getToken('workspace')).toBe(workspace)
    expect(exchanges()).toBe(exchanged)
  })

  it('explains a subject that no federation policy accepts', async () => {
    gh.subject = 'repo:acme/platform:pull_request'
    const error = await provider()
      .getToken('workspace')
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UsageError)
    expect((error as Error).message).toContain('subject "repo:acme/platform:pull_request"')
    expect((error as Error).message).toContain(`federation policy of service principal ${clientId}`)
  })

  it('uses oidc-audience when given, and says which audience was presented when the policy rejects it', async () => {
    const error = await provider({ audience: 'https://github.com/acme' })
      .getToken('workspace')
      .catch((e: unknown) => e)
    expect(jwtClaims(gh.issuedIdTokens.at(-1)!).aud).toBe('https://github.com/acme')
    expect((error as Error).message).toContain('audiences including "https://github.com/acme"')
  })

  it('needs an audience: account-id or oidc-audience', () => {
    expect(() => provider({ accountId: undefined, audience: undefined })).toThrow(
      /account-id.*oidc-audience/,
    )
  })

  it('says to grant id-token: write when the runner offers no ID token', async () => {
    delete process.env.ACTIONS_ID_TOKEN_REQUEST_URL
    await expect(provider().getToken('workspace')).rejects.toThrow(/id-token: write/)
  })
})

describe('token refresh time', () => {
  const now = 1_000_000_000
  it('renews an hour-long token five minutes early, a five-minute one halfway, never inside 30 s', () => {
    expect(refreshTime(now + 3600_000, now)).toBe(now + 3300_000)
    expect(refreshTime(now + 300_000, now)).toBe(now + 150_000)
    expect(refreshTime(now + 40_000, now)).toBe(now + 10_000)
    expect(refreshTime(now, now)).toBe(now - 30_000)
  })
})
