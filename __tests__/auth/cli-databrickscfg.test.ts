import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { profileTokenProvider, readProfile } from '../../src/auth/databrickscfg.js'
import { UsageError } from '../../src/errors.js'

let dir: string
let cfg: string

const CONFIG = `
; a comment
[__settings__]
default_profile = dev

[DEFAULT]
host = https://adb-1.1.azuredatabricks.net
token = dapi-default-0000

[dev]
host  = https://adb-2.2.azuredatabricks.net
token = dapi-dev-1111==

[prod.eu]
host            = https://adb-3.3.azuredatabricks.net
account_id      = 00000000-1111-2222-3333-444444444444
azure_tenant_id = 11111111-2222-3333-4444-555555555555
auth_type       = azure-cli

[m2m]
host = https://adb-4.4.azuredatabricks.net
auth_type = oauth-m2m
client_id = abc

[empty]
host = https://adb-5.5.azuredatabricks.net
`

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dbcfg-'))
  cfg = join(dir, 'databrickscfg')
  await writeFile(cfg, CONFIG)
})
afterAll(() => rm(dir, { recursive: true, force: true }))

const env = () => ({ DATABRICKS_CONFIG_FILE: cfg })

describe('~/.databrickscfg profiles', () => {
  test('the named profile wins; its token keeps trailing = signs', async () => {
    const profile = await readProfile('dev', env())
    expect(profile).toMatchObject({ name: 'dev', host: 'https://adb-2.2.azuredatabricks.net' })
    const provider = profileTokenProvider(profile)
    expect(await provider.getToken('workspace')).toBe('dapi-dev-1111==')
    expect(provider.description).not.toContain('dapi')
  })

  test('without a name: DATABRICKS_CONFIG_PROFILE, then [__settings__] default_profile', async () => {
    expect((await readProfile(undefined, env())).name).toBe('dev')
    const fromEnv = await readProfile(undefined, { ...env(), DATABRICKS_CONFIG_PROFILE: 'DEFAULT' })
    expect(fromEnv.token).toBe('dapi-default-0000')
  })

  test('falls back to [DEFAULT] without default_profile', async () => {
    const other = join(dir, 'plain')
    await writeFile(other, '[DEFAULT]\ntoken = dapi-plain-2222\n')
    const profile = await readProfile(undefined, { DATABRICKS_CONFIG_FILE: other })
    expect(profile.name).toBe('DEFAULT')
    expect(await profileTokenProvider(profile).getToken('account')).toBe('dapi-plain-2222')
  })

  test('reads ~/.databrickscfg from HOME when no file is named', async () => {
    await writeFile(join(dir, '.databrickscfg'), '[home]\ntoken = dapi-home-3333\n')
    const profile = await readProfile('home', { HOME: dir })
    expect(profile.token).toBe('dapi-home-3333')
  })

  test('a dotted profile with auth_type azure-cli uses the Azure CLI with its tenant', async () => {
    const profile = await readProfile('prod.eu', env())
    expect(profile.accountId).toBe('00000000-1111-2222-3333-444444444444')
    const provider = profileTokenProvider(profile)
    expect(provider.description).toBe(
      'azure-cli (az login, tenant 11111111-2222-3333-4444-555555555555)',
    )
  })

  test('an unknown profile names the ones that exist', async () => {
    const error = await readProfile('nope', env()).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UsageError)
    expect((error as Error).message).toMatch(/Profile 'nope' is not in .*databrickscfg/)
    const listed = /Profiles there: (.*)\.$/.exec((error as Error).message)?.[1].split(', ')
    expect(listed?.sort()).toEqual(['DEFAULT', 'dev', 'empty', 'm2m', 'prod.eu'])
  })

  test('unsupported auth types and profiles without credentials are usage errors', async () => {
    for (const name of ['m2m', 'empty']) {
      const profile = await readProfile(name, env())
      expect(() => profileTokenProvider(profile)).toThrow(UsageError)
    }
    expect(() => profileTokenProvider({ name: 'x', path: cfg, authType: 'oauth-m2m' })).toThrow(
      /auth_type 'oauth-m2m' is not supported/,
    )
  })

  test('a missing file says how to fix it', async () => {
    const error = await readProfile('dev', { DATABRICKS_CONFIG_FILE: join(dir, 'missing') }).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(UsageError)
    expect((error as Error).message).toMatch(/does not exist.*--auth token/)
  })
})
