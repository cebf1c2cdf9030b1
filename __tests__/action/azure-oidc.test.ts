import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import {
  captureStdout,
  maskedValues,
  holdStdout,
  type HeldStdout,
} from '../../__fixtures__/capture-stdout.js'
import { DATABRICKS_SCOPE, EntraDouble, githubCredential } from '../../__fixtures__/entra-double.js'
import { GitHubDouble } from '../../__fixtures__/github-double.js'
import { AzureOidcTokenProvider } from '../../src/auth/azure-oidc.js'
import { UsageError } from '../../src/errors.js'

// Real @azure/identity (MSAL) against an https Entra double whose self-signed CA is passed through
// the provider's tlsCa seam; the GitHub double plays the runner's OIDC issuer.
const TENANT = '11111111-2222-3333-4444-555555555555'
const CLIENT = 'aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee'
let gh: GitHubDouble
let entra: EntraDouble
const saved = { ...process.env }

let held: HeldStdout | undefined
beforeAll(async () => {
  held = holdStdout()
  gh = await GitHubDouble.start({ subject: 'repo:acme/platform:environment:prod' })
  entra = await EntraDouble.start({
    credentials: [
      githubCredential(TENANT, CLIENT, 'repo:acme/platform:environment:prod'),
      githubCredential(TENANT, 'other-aud', 'repo:acme/platform:environment:prod', 'api://Custom'),
    ],
  })
})

afterAll(async () => {
  held?.release()
  process.env = saved
  await Promise.all([gh.close(), entra.close()])
})

beforeEach(() => {
  Object.assign(process.env, gh.runnerEnv({ runId: 1 }))
  gh.subject = 'repo:acme/platform:environment:prod'
  entra.expiresInSeconds = 3599
})

const provider = () =>
  new AzureOidcTokenProvider({
    clientId: CLIENT,
    tenantId: TENANT,
    authorityHost: entra.url,
    tlsCa: entra.ca,
  })

describe('azure-oidc sign-in', () => {
  it('trades the GitHub ID token for an Azure Databricks token and masks it', async () => {
    const posts = entra.requests.filter((r) => r.method === 'POST').length
    const { result, out } = await captureStdout(() => provider().getToken())

    expect(result).toBe(entra.issued.at(-1))
    const post = entra.requests.filter((r) => r.method === 'POST').at(-1)!
    expect(entra.requests.filter((r) => r.method === 'POST')).toHaveLength(posts + 1)
    expect(post.form).toMatchObject({
      client_id: CLIENT,
      scope: DATABRICKS_SCOPE,
      grant_type: 'client_credentials',
    })
    expect(gh.issuedIdTokens).toContain(post.form?.client_assertion)
    expect(maskedValues(out)).toContain(result)
  })

  it('serves the cached token until it nears expiry, then fetches a new one with a fresh assertion', async () => {
    const cached = provider()
    const first = await cached.getToken()
    expect(await cached.getToken()).toBe(first)

    entra.expiresInSeconds = 0 // already due for renewal: every call must renew
    const renewing = provider()
    const ids = gh.issuedIdTokens.length
    const a = await renewing.getToken()
    const { result: b, out } = await captureStdout(() => renewing.getToken())
    expect(b).not.toBe(a)
    expect(gh.issuedIdTokens.length).toBeGreaterThan(ids + 1)
    expect(maskedValues(out)).toContain(b)
  })

  it('explains a subject mismatch (AADSTS700213) with the subject the federated credential needs', async () => {
    gh.subject = 'repo:acme/platform:ref:refs/heads/main'
    const error = await provider()
      .getToken()
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UsageError)
    expect((error as Error).message).toMatch(/AADSTS700213/)
    expect((error as Error).message).toContain('subject "repo:acme/platform:ref:refs/heads/main"')
    expect((error as Error).message).toContain('api://AzureADTokenExchange')
  })

  it('explains an audience mismatch (AADSTS700212)', async () => {
    const error = await new AzureOidcTokenProvider({
      clientId: 'other-aud',
      tenantId: TENANT,
      authorityHost: entra.url,
      tlsCa: entra.ca,
    })
      .getToken()
      .catch((e: unknown) => e)
    expect((error as Error).message).toContain(
      'its audience "api://AzureADTokenExchange" (AADSTS700212)',
    )
  })

  it('names an unknown client id instead of a generic failure', async () => {
    const error = await new AzureOidcTokenProvider({
      clientId: 'nope',
      tenantId: TENANT,
      authorityHost: entra.url,
      tlsCa: entra.ca,
    })
      .getToken()
      .catch((e: unknown) => e)
    expect((error as Error).message).toMatch(/AADSTS700016.*azure-client-id/)
  })

  it('says to grant id-token: write when the runner offers no ID token, before calling Entra', async () => {
    delete process.env.ACTIONS_ID_TOKEN_REQUEST_URL
    delete process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN
    const posts = entra.requests.filter((r) => r.method === 'POST').length
    const error = await provider()
      .getToken()
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UsageError)
    expect((error as Error).message).toMatch(/id-token: write/)
    expect(entra.requests.filter((r) => r.method === 'POST')).toHaveLength(posts)
  })
})
