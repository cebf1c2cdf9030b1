import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fakeAz, runCli, startWorld, type CliResult, type World } from './run-cli.js'

/**
 * Each sign-in method of the CLI, end to end: a child process signs in and lists the emulated
 * workspace. The Azure CLI is a stand-in `az` on PATH that hands out the emulator's admin token.
 */
let w: World
let cfg: string
let path: string

beforeAll(async () => {
  w = await startWorld()
  cfg = join(w.dir, 'databrickscfg')
  await writeFile(
    cfg,
    `[__settings__]\ndefault_profile = emu\n\n[emu]\ntoken = ${w.emu.adminToken}\n\n` +
      '[az]\nauth_type = azure-cli\nazure_tenant_id = 11111111-2222-3333-4444-555555555555\n',
  )
  path = await fakeAz(w.dir, w.emu.adminToken)
})
afterAll(() => w.close())

/** The world's options say --auth=token; a later --auth wins, as with any repeated flag. */
async function show(auth: string | undefined, env: Record<string, string>): Promise<CliResult> {
  const args = ['show', '--json', ...(auth ? [`--auth=${auth}`] : [])]
  const r = await w.cli(args, { env: { DATABRICKS_TOKEN: '', ...env } })
  expect(r.stdout).not.toContain(w.emu.adminToken)
  expect(r.stderr).not.toContain(w.emu.adminToken)
  return r
}

describe('CLI sign-in methods against the emulator', () => {
  test('profile:NAME from DATABRICKS_CONFIG_FILE', async () => {
    const r = await show('profile:emu', { DATABRICKS_CONFIG_FILE: cfg })
    expect(r.code).toBe(0)
  })

  test('auto picks the profile named in DATABRICKS_CONFIG_PROFILE', async () => {
    const r = await show('auto', { DATABRICKS_CONFIG_FILE: cfg, DATABRICKS_CONFIG_PROFILE: 'emu' })
    expect(r.code).toBe(0)
  })

  test('azure-cli, and a profile with auth_type azure-cli, use az', async () => {
    expect((await show('azure-cli', { PATH: path })).code).toBe(0)
    const r = await show('profile:az', { PATH: path, DATABRICKS_CONFIG_FILE: cfg })
    expect(r.code).toBe(0)
  })

  test('an unknown profile is exit 2 and names the profiles there', async () => {
    const r = await show('profile:nope', { DATABRICKS_CONFIG_FILE: cfg })
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/Profile 'nope' is not in/)
    expect(JSON.parse(r.stdout)).toMatchObject({ exit_code: 2, error: { name: 'UsageError' } })
  })

  test('without --workspace-url: the profile host names the workspace, DATABRICKS_HOST wins over it', async () => {
    const hosted = join(w.dir, 'hosted.cfg')
    const token = w.emu.adminToken
    await writeFile(
      hosted,
      `[emu]\nhost = ${w.emu.workspace.url}\ntoken = ${token}\n\n` +
        `[closed]\nhost = http://127.0.0.1:9\ntoken = ${token}\n`,
    )
    const rest = w.options.filter((o) => !/^--(workspace-url|auth)=/.test(o))
    const env = { ...w.env, DATABRICKS_TOKEN: '', DATABRICKS_CONFIG_FILE: hosted }

    const fromProfile = await runCli(['show', '--json', ...rest, '--auth=profile:emu'], env)
    expect(fromProfile.code).toBe(0)
    expect(JSON.parse(fromProfile.stdout).workspace_url).toBe(w.emu.workspace.url)

    // The profile's host is a closed port: only DATABRICKS_HOST can make this run succeed.
    const fromEnv = await runCli(['show', '--json', ...rest, '--auth=profile:closed'], {
      ...env,
      DATABRICKS_HOST: w.emu.workspace.url,
    })
    expect(fromEnv.code).toBe(0)
    expect(JSON.parse(fromEnv.stdout).workspace_url).toBe(w.emu.workspace.url)

    // A token sign-in reads no profile: with no URL anywhere it is exit 2, naming the ways to give one.
    const none = await runCli(['show', ...rest, '--auth=token'], w.env)
    expect(none.code).toBe(2)
    expect(none.stderr).toMatch(/Missing --workspace-url.*DATABRICKS_HOST.*profile/s)
  })

  test('-p NAME and the [DEFAULT] profile give host and sign-in, as in the Databricks CLI', async () => {
    const file = join(w.dir, 'default.cfg')
    const token = w.emu.adminToken
    await writeFile(
      file,
      `[DEFAULT]\nhost = ${w.emu.workspace.url}\ntoken = ${token}\n\n` +
        `[rejected]\nhost = ${w.emu.workspace.url}\ntoken = dapi-rejected-0000000000\n`,
    )
    const rest = w.options.filter((o) => !/^--(workspace-url|auth)=/.test(o))
    const env = { ...w.env, DATABRICKS_TOKEN: '', DATABRICKS_CONFIG_FILE: file }

    const fallback = await runCli(['show', '-o', 'json', ...rest], env)
    expect(fallback.stderr).not.toMatch(/error/)
    expect(fallback.code).toBe(0)
    expect(fallback.stdout).toContain(w.emu.workspace.url)

    // -p rejected signs in with the other profile's token, which the workspace refuses.
    const rejected = await runCli(['show', '-p', 'rejected', ...rest], env)
    expect(rejected.code).toBe(2)
    expect(rejected.stderr).toMatch(/401/)
  })

  test('a token the workspace rejects is exit 2, before any change', async () => {
    const first = w.emu.requests.length
    const r = await w.cli(['stop'], { env: { DATABRICKS_TOKEN: 'dapi-not-a-real-token-0000' } })
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/401/)
    expect(r.stderr).not.toContain('dapi-not-a-real-token-0000')
    expect(w.emu.requests.slice(first).every((e) => e.method === 'GET')).toBe(true)
  })
})
