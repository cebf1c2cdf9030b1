import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { cliTokenProvider } from '../../src/auth/cli-auth.js'
import { tokenFromEnv } from '../../src/auth/static-token.js'
import { UsageError } from '../../src/errors.js'

let dir: string
let cfg: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-auth-'))
  cfg = join(dir, 'databrickscfg')
  await writeFile(cfg, '[dev]\ntoken = dapi-from-profile\n[az]\nauth_type = azure-cli\n')
})
afterAll(() => rm(dir, { recursive: true, force: true }))

describe('cliTokenProvider', () => {
  test('token reads DATABRICKS_TOKEN and never shows it in its description', async () => {
    const provider = await cliTokenProvider('token', { DATABRICKS_TOKEN: ' dapi-secret-1 \n' })
    expect(await provider.getToken('workspace')).toBe('dapi-secret-1')
    expect(provider.description).toBe('token (DATABRICKS_TOKEN)')
  })

  test('token without DATABRICKS_TOKEN is a usage error that names the fix', async () => {
    const error = await cliTokenProvider('token', {}).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UsageError)
    expect((error as Error).message).toMatch(/DATABRICKS_TOKEN is not set/)
    expect(() => tokenFromEnv({ DATABRICKS_TOKEN: '   ' })).toThrow(UsageError)
  })

  test('profile:NAME reads that profile', async () => {
    const provider = await cliTokenProvider('profile:dev', { DATABRICKS_CONFIG_FILE: cfg })
    expect(await provider.getToken('account')).toBe('dapi-from-profile')
  })

  test('auto prefers DATABRICKS_TOKEN over a configured profile', async () => {
    const env = { DATABRICKS_TOKEN: 'dapi-env', DATABRICKS_CONFIG_PROFILE: 'dev' }
    const provider = await cliTokenProvider('auto', { ...env, DATABRICKS_CONFIG_FILE: cfg })
    expect(await provider.getToken('workspace')).toBe('dapi-env')
  })

  test('auto uses DATABRICKS_CONFIG_PROFILE when there is no token', async () => {
    const env = { DATABRICKS_CONFIG_PROFILE: 'dev', DATABRICKS_CONFIG_FILE: cfg }
    expect(await (await cliTokenProvider('auto', env)).getToken('workspace')).toBe(
      'dapi-from-profile',
    )
    const az = await cliTokenProvider('auto', { ...env, DATABRICKS_CONFIG_PROFILE: 'az' })
    expect(az.description).toMatch(/^azure-cli/)
  })

  test('auto falls back to azure-default; explicit Azure methods are honoured', async () => {
    expect((await cliTokenProvider('auto', {})).description).toBe('azure-default')
    expect((await cliTokenProvider('azure-default', {})).description).toBe('azure-default')
    expect((await cliTokenProvider('azure-cli', {})).description).toMatch(/^azure-cli/)
  })

  test('the Action-only methods are refused by the CLI', async () => {
    await expect(cliTokenProvider('azure-oidc', {})).rejects.toThrow(/for the GitHub Action/)
  })
})
