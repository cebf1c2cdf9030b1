import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { captureStdout, maskedValues } from '../../__fixtures__/capture-stdout.js'
import { createTokenProvider, resolveAuthMethod } from '../../src/auth/action-auth.js'
import { UsageError } from '../../src/errors.js'
import { getInputs, type AuthInputs } from '../../src/input-helper.js'

// Inputs arrive as INPUT_<NAME> variables (hyphens kept), as the runner passes them.
const saved = { ...process.env }
function setInputs(inputs: Record<string, string>): void {
  for (const key of Object.keys(process.env)) if (key.startsWith('INPUT_')) delete process.env[key]
  for (const [name, value] of Object.entries(inputs))
    process.env[`INPUT_${name.toUpperCase()}`] = value
}

beforeEach(() => {
  delete process.env.GITHUB_TOKEN
  delete process.env.DATABRICKS_TOKEN
})
afterEach(() => {
  process.env = { ...saved }
})

const WS = 'https://adb-1234567890123456.7.azuredatabricks.net/'

describe('action inputs', () => {
  it('workspace-url falls back to DATABRICKS_HOST, and says so when neither is set', () => {
    setInputs({ mode: 'show' })
    delete process.env.DATABRICKS_HOST
    expect(() => getInputs()).toThrow(/workspace-url \(or set DATABRICKS_HOST/)
    process.env.DATABRICKS_HOST = 'adb-2.2.azuredatabricks.net'
    expect(getInputs().settings.workspaceUrl).toBe('https://adb-2.2.azuredatabricks.net')
    setInputs({ mode: 'show', 'workspace-url': WS })
    expect(getInputs().settings.workspaceUrl).toBe(WS.replace(/\/$/, ''))
  })

  it('applies the defaults itself, since a local run gets none from the runner', () => {
    setInputs({ mode: 'stop', 'workspace-url': WS })
    const { settings, auth, artifacts } = getInputs()
    expect(settings).toMatchObject({
      mode: 'stop',
      workspaceUrl: 'https://adb-1234567890123456.7.azuredatabricks.net',
      keep: [],
      dryRun: false,
      force: false,
      waitMinutes: 0,
    })
    expect(settings.only).toBeUndefined()
    expect(settings.snapshot).toBeUndefined()
    expect(auth.method).toBe('auto')
    expect(artifacts).toMatchObject({ retentionDays: 90, restoreFrom: 'latest' })
  })

  it('reads lists, kinds, booleans, numbers and restore-from', () => {
    setInputs({
      mode: 'restore',
      'workspace-url': WS,
      'keep-principals': 'ops@example.com, data-eng\n 1234567890123456789 \n',
      resources: 'jobs,clusters\nruns, pools, jobs',
      'dry-run': 'True',
      'restart-compute': 'true',
      'wait-minutes': '15',
      'restore-from': '987654321',
      'retention-days': '30',
    })
    const { settings, artifacts } = getInputs()
    expect(settings.keep).toEqual(['ops@example.com', 'data-eng', '1234567890123456789'])
    // The CLI's short names work here too; duplicates collapse.
    expect(settings.only).toEqual(['jobs', 'clusters', 'job_runs', 'instance_pools'])
    expect(settings).toMatchObject({
      dryRun: true,
      restartCompute: true,
      waitMinutes: 15,
      snapshot: '987654321',
    })
    expect(artifacts.retentionDays).toBe(30)
  })

  it.each([
    [{}, /Input required and not supplied: mode/],
    [{ mode: 'halt' }, /input mode/],
    [{ mode: 'stop', 'dry-run': 'maybe' }, /Input dry-run must be true or false, not "maybe"/],
    [{ mode: 'stop', 'wait-minutes': 'ten' }, /Input wait-minutes must be a whole number/],
    [{ mode: 'stop', resources: 'jobs,robots' }, /Input resources: unknown resource kind 'robots'/],
    [
      { mode: 'stop', auth: 'azure-cli' },
      /Input auth must be one of auto, azure-oidc, databricks-oidc, token/,
    ],
    [{ mode: 'stop', 'retention-days': '0' }, /retention-days must be at least 1/],
    [{ mode: 'stop', 'workspace-url': 'http://adb-1.2.azuredatabricks.net' }, /plain http/],
  ])('refuses bad input %o with a message naming it', (inputs, message) => {
    setInputs({ 'workspace-url': WS, ...inputs })
    expect(() => getInputs()).toThrow(UsageError)
    expect(() => getInputs()).toThrow(message)
  })

  it('masks the GitHub token as soon as it is read', async () => {
    setInputs({ mode: 'show', 'workspace-url': WS, 'github-token': 'ghs_supersecretvalue123' })
    const { out } = await captureStdout(async () => getInputs())
    expect(maskedValues(out)).toContain('ghs_supersecretvalue123')
  })
})

describe('auth choice', () => {
  const auth = (extra: Partial<AuthInputs>): AuthInputs => ({ method: 'auto', ...extra })

  it('auto: azure-oidc with an Azure client id, databricks-oidc with a Databricks one, else token', () => {
    expect(resolveAuthMethod(auth({ azureClientId: 'a', databricksClientId: 'd' }))).toBe(
      'azure-oidc',
    )
    expect(resolveAuthMethod(auth({ databricksClientId: 'd' }))).toBe('databricks-oidc')
    expect(resolveAuthMethod(auth({}))).toBe('token')
    expect(resolveAuthMethod(auth({ method: 'token', azureClientId: 'a' }))).toBe('token')
  })

  it('token: needs DATABRICKS_TOKEN, says how to pass it, and masks it', async () => {
    setInputs({ mode: 'show', 'workspace-url': WS })
    const { settings } = getInputs()
    expect(() => createTokenProvider(settings, auth({}))).toThrow(
      /DATABRICKS_TOKEN is not set.*secrets\.DATABRICKS_TOKEN/,
    )
    process.env.DATABRICKS_TOKEN = 'dapi0123456789abcdef'
    const { result, out } = await captureStdout(async () =>
      createTokenProvider(settings, auth({})).getToken('workspace'),
    )
    expect(result).toBe('dapi0123456789abcdef')
    expect(maskedValues(out)).toContain('dapi0123456789abcdef')
  })

  it('azure-oidc and databricks-oidc name the input they miss', () => {
    setInputs({ mode: 'show', 'workspace-url': WS })
    const { settings } = getInputs()
    expect(() =>
      createTokenProvider(settings, auth({ method: 'azure-oidc', azureClientId: 'a' })),
    ).toThrow(/azure-tenant-id/)
    expect(() => createTokenProvider(settings, auth({ method: 'databricks-oidc' }))).toThrow(
      /databricks-client-id/,
    )
  })
})
