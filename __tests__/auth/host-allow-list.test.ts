import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { GitHubDouble } from '../../__fixtures__/github-double.js'
import { TrapServer } from '../../__fixtures__/trap-server.js'
import { SafetyError } from '../../src/errors.js'
import { checkHosts, parseAllowedHosts } from '../../src/host-policy.js'
import { ROOT, runCli } from '../cli/run-cli.js'

const AZURE = 'https://adb-1234567890123456.7.azuredatabricks.net'

describe('host allow-list (pure)', () => {
  const refused = (hosts: Parameters<typeof checkHosts>[0], allowed: string[] = []) => {
    try {
      checkHosts(hosts, allowed)
    } catch (e) {
      expect(e).toBeInstanceOf(SafetyError)
      return (e as Error).message
    }
    return undefined
  }

  it.each([
    AZURE,
    'https://dbc-a1b2c3d4-e5f6.cloud.databricks.com',
    'https://1234567890123456.7.gcp.databricks.com',
    'https://dbc-1.cloud.databricks.us',
    'https://adb-1.2.databricks.azure.us',
    'https://adb-1.2.databricks.azure.cn',
    'http://127.0.0.1:8080',
    'http://localhost:8080',
    'http://[::1]:8080',
  ])('accepts the workspace %s without opt-in', (url) => {
    expect(checkHosts({ workspaceUrl: url }, [])).toEqual([])
  })

  it.each([
    'https://evil.example.com',
    'https://azuredatabricks.net.evil.example',
    'https://evilazuredatabricks.net',
    'https://adb-1.7.azuredatabricks.net.', // a trailing dot is another name to the resolver
    'https://localhost.',
    'https://localhost.evil.example',
    'https://0.0.0.0:8443',
  ])('refuses the workspace %s, naming it and the opt-in', (url) => {
    const host = new URL(url).hostname
    expect(refused({ workspaceUrl: url })).toContain(`--allow-host ${host}`)
  })

  it('takes the account host only from the table of the workspace cloud, and Microsoft authorities only', () => {
    expect(
      checkHosts(
        {
          workspaceUrl: AZURE,
          accountHost: 'https://accounts.azuredatabricks.net',
          authorityHost: 'https://login.microsoftonline.us',
        },
        [],
      ),
    ).toEqual([])
    expect(
      refused({ workspaceUrl: AZURE, accountHost: 'https://accounts.cloud.databricks.com' }),
    ).toMatch(/account host accounts\.cloud\.databricks\.com.*accounts\.azuredatabricks\.net/)
    expect(refused({ workspaceUrl: AZURE, accountHost: 'https://accounts.evil.example' })).toMatch(
      /account host accounts\.evil\.example/,
    )
    for (const ok of ['https://login.microsoftonline.com', 'https://login.chinacloudapi.cn'])
      expect(checkHosts({ workspaceUrl: AZURE, authorityHost: ok }, [])).toEqual([])
    expect(
      refused({
        workspaceUrl: AZURE,
        authorityHost: 'https://login.microsoftonline.com.evil.example',
      }),
    ).toMatch(/Entra authority host login\.microsoftonline\.com\.evil\.example/)
  })

  it('takes a Resource Manager endpoint override only on Microsoft ARM hosts or loopback', () => {
    for (const ok of [
      'https://management.azure.com',
      'https://management.usgovcloudapi.net',
      'https://management.chinacloudapi.cn',
      'https://127.0.0.1:8443',
    ])
      expect(checkHosts({ workspaceUrl: AZURE, armEndpoint: ok }, [])).toEqual([])
    expect(
      refused({ workspaceUrl: AZURE, armEndpoint: 'https://management.azure.com.evil.example' }),
    ).toMatch(/Resource Manager endpoint management\.azure\.com\.evil\.example.*--allow-host/)
    expect(
      checkHosts({ workspaceUrl: AZURE, armEndpoint: 'https://arm.corp.example' }, [
        'arm.corp.example',
      ]),
    ).toEqual(['arm.corp.example'])
  })

  it('lets an opted-in host through and returns it so the faces can name it', () => {
    const allowed = parseAllowedHosts([
      'https://Databricks.Corp.Example/',
      'login.corp.example:443',
    ])
    expect(allowed).toEqual(['databricks.corp.example', 'login.corp.example'])
    expect(
      checkHosts(
        {
          workspaceUrl: 'https://databricks.corp.example',
          accountHost: 'https://accounts.azuredatabricks.net',
          authorityHost: 'https://login.corp.example',
        },
        allowed,
      ),
    ).toEqual(['databricks.corp.example', 'login.corp.example'])
    // Opting in one host does not open another.
    expect(
      refused({ workspaceUrl: 'https://other.corp.example' }, ['databricks.corp.example']),
    ).toMatch(/other\.corp\.example/)
  })
})

// A trap server stands in for an attacker's host. It is reachable (the opt-in cases prove the
// credentials would arrive), so "received nothing" means the allow-list stopped them.
let trap: TrapServer
let gh: GitHubDouble
beforeAll(async () => {
  trap = await TrapServer.start()
  gh = await GitHubDouble.start()
})
afterAll(async () => {
  await Promise.all([trap.close(), gh.close()])
})

const PAT = 'dapi-trap-0123456789abcdef'

describe('CLI: no token leaves for a host that is not allowed', () => {
  it('refuses a workspace URL outside Databricks before signing in (exit 3), sending nothing', async () => {
    const before = trap.requests.length
    const result = await runCli(['show', '--workspace-url', trap.url, '--skip', 'permissions'], {
      DATABRICKS_TOKEN: PAT,
      NODE_EXTRA_CA_CERTS: trap.caFile,
    })
    expect(result.code).toBe(3)
    expect(result.stderr).toContain(`--allow-host ${trap.host}`)
    expect(trap.requests.slice(before)).toEqual([])
    expect(result.stderr + result.stdout).not.toContain(PAT)
  })

  it('refuses a DATABRICKS_HALT_ARM_ENDPOINT outside Microsoft before signing in (exit 3)', async () => {
    const before = trap.requests.length
    const result = await runCli(['network', '--workspace-url', AZURE], {
      DATABRICKS_TOKEN: PAT,
      DATABRICKS_HALT_ARM_ENDPOINT: trap.url,
      NODE_EXTRA_CA_CERTS: trap.caFile,
    })
    expect(result.code).toBe(3)
    expect(result.stderr).toContain(`Resource Manager endpoint ${trap.host}`)
    expect(trap.requests.slice(before)).toEqual([])
  })

  it('with --allow-host the same host gets the PAT, and the output names it', async () => {
    const before = trap.requests.length
    const result = await runCli(
      ['show', '--workspace-url', trap.url, '--skip', 'permissions', '--allow-host', trap.host],
      { DATABRICKS_TOKEN: PAT, NODE_EXTRA_CA_CERTS: trap.caFile },
    )
    expect(trap.requests.slice(before).map((r) => r.authorization)).toContain(`Bearer ${PAT}`)
    expect(result.stderr).toMatch(new RegExp(`Sending credentials to ${trap.host}`))
  })
})

/** The Action (src/index.ts through tsx) as the runner starts it, with the GitHub double's env. */
async function runAction(inputs: Record<string, string>, extraEnv: Record<string, string> = {}) {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: '/nonexistent',
    NODE_EXTRA_CA_CERTS: trap.caFile,
    ...gh.runnerEnv({ runId: 9001 }),
    ...extraEnv,
  }
  for (const [k, v] of Object.entries(inputs)) env[`INPUT_${k.toUpperCase()}`] = v
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stdout += d.toString()))
  const code = await new Promise<number | null>((done) => child.on('close', done))
  return { code, stdout }
}

describe('Action: no token, ID token or client assertion leaves for a host that is not allowed', () => {
  it('databricks-oidc: refuses the workspace host before any ID token is requested', async () => {
    const [requests, idTokens] = [trap.requests.length, gh.issuedIdTokens.length]
    const { code, stdout } = await runAction({
      mode: 'show',
      'workspace-url': trap.url,
      'databricks-client-id': 'sp-app-id',
      'account-id': '11111111-2222-3333-4444-555555555555',
    })
    expect(code).toBe(3)
    expect(stdout).toContain(`allowed-hosts: ${trap.host}`)
    expect(trap.requests.slice(requests)).toEqual([])
    expect(gh.issuedIdTokens.slice(idTokens)).toEqual([])
  })

  it('azure-oidc: refuses an authority host that is not Microsoft', async () => {
    const [requests, idTokens] = [trap.requests.length, gh.issuedIdTokens.length]
    const { code, stdout } = await runAction({
      mode: 'show',
      'workspace-url': AZURE,
      'azure-client-id': 'client',
      'azure-tenant-id': 'tenant',
      'azure-authority-host': trap.url,
    })
    expect(code).toBe(3)
    expect(stdout).toMatch(/Entra authority host 0\.0\.0\.0/)
    expect(trap.requests.slice(requests)).toEqual([])
    expect(gh.issuedIdTokens.slice(idTokens)).toEqual([])
  })

  it('with allowed-hosts the host gets the GitHub ID token in the exchange, named in a warning', async () => {
    const before = trap.requests.length
    const { stdout } = await runAction({
      mode: 'show',
      'workspace-url': trap.url,
      'databricks-client-id': 'sp-app-id',
      'oidc-audience': 'databricks',
      'allowed-hosts': trap.host,
    })
    const exchange = trap.requests.slice(before).find((r) => r.path === '/oidc/v1/token')
    expect(new URLSearchParams(exchange?.body).get('subject_token')).toBe(gh.issuedIdTokens.at(-1))
    expect(stdout).toMatch(new RegExp(`::warning[^:]*::Sending credentials to ${trap.host}`))
  })
})
