import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals'
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  AZURE_DATABRICKS_SCOPE,
  AzureCredentialProvider,
  azureCliProvider,
} from '../../src/auth/azure-credential.js'
import { UsageError } from '../../src/errors.js'

/**
 * A stand-in `az` on PATH: the real AzureCliCredential spawns it exactly as it would spawn the
 * Azure CLI, so the provider is tested through @azure/identity without a network. It logs its
 * arguments and answers from files the test writes.
 */
const FAKE_AZ = `#!/bin/sh
echo "$@" >> "$FAKE_AZ_DIR/calls.log"
if [ -f "$FAKE_AZ_DIR/fail" ]; then cat "$FAKE_AZ_DIR/fail" >&2; exit 1; fi
cat "$FAKE_AZ_DIR/response.json"
`

let dir: string
const savedPath = process.env.PATH
const savedDir = process.env.FAKE_AZ_DIR

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fake-az-'))
  await writeFile(join(dir, 'az'), FAKE_AZ)
  await chmod(join(dir, 'az'), 0o755)
  process.env.PATH = `${dir}:${savedPath}`
  process.env.FAKE_AZ_DIR = dir
})

afterAll(async () => {
  process.env.PATH = savedPath
  if (savedDir === undefined) delete process.env.FAKE_AZ_DIR
  else process.env.FAKE_AZ_DIR = savedDir
  await rm(dir, { recursive: true, force: true })
})

beforeEach(async () => {
  await rm(join(dir, 'calls.log'), { force: true })
  await rm(join(dir, 'fail'), { force: true })
})

async function respond(token: string, expiresInSeconds: number): Promise<void> {
  const expiresOn = Math.floor(Date.now() / 1000) + expiresInSeconds
  const body = { accessToken: token, expires_on: expiresOn, tokenType: 'Bearer' }
  await writeFile(join(dir, 'response.json'), JSON.stringify(body))
}

async function calls(): Promise<string[]> {
  const log = await readFile(join(dir, 'calls.log'), 'utf8').catch(() => '')
  return log.split('\n').filter(Boolean)
}

describe('azure-cli provider', () => {
  test('asks az for the Azure Databricks resource once and caches the token', async () => {
    await respond('entra-token-1', 3600)
    const provider = azureCliProvider()
    expect(await provider.getToken('workspace')).toBe('entra-token-1')
    expect(await provider.getToken('account')).toBe('entra-token-1')
    const log = await calls()
    expect(log).toHaveLength(1)
    expect(log[0]).toContain('account get-access-token --output json')
    expect(log[0]).toContain('--resource 2ff814a6-3304-4ab8-85cb-cd0e6f879c1d')
  })

  test('concurrent first calls share one az run', async () => {
    await respond('entra-token-2', 3600)
    const provider = azureCliProvider()
    const tokens = await Promise.all([1, 2, 3].map(() => provider.getToken('workspace')))
    expect(tokens).toEqual(['entra-token-2', 'entra-token-2', 'entra-token-2'])
    expect(await calls()).toHaveLength(1)
  })

  test('refreshes a token that is about to expire', async () => {
    await respond('short-lived', 30)
    const provider = azureCliProvider({ tenantId: '11111111-2222-3333-4444-555555555555' })
    expect(await provider.getToken('workspace')).toBe('short-lived')
    await respond('fresh', 3600)
    expect(await provider.getToken('workspace')).toBe('fresh')
    const log = await calls()
    expect(log).toHaveLength(2)
    expect(log[0]).toContain('--tenant 11111111-2222-3333-4444-555555555555')
  })

  test('a signed-out az is a usage error that says to run az login', async () => {
    await writeFile(join(dir, 'fail'), "ERROR: Please run 'az login' to setup account.\n")
    const error = await azureCliProvider()
      .getToken('workspace')
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UsageError)
    expect((error as Error).message).toMatch(/azure-cli.*az login/)
  })
})

describe('AzureCredentialProvider', () => {
  test('asks any TokenCredential for the Databricks scope', async () => {
    const scopes: string[] = []
    let now = 1_000_000
    const provider = new AzureCredentialProvider(
      {
        async getToken(scope) {
          scopes.push(String(scope))
          return { token: `t${scopes.length}`, expiresOnTimestamp: now + 120_000 }
        },
      },
      'test',
      { now: () => now },
    )
    expect(await provider.getToken('workspace')).toBe('t1')
    now += 30_000
    expect(await provider.getToken('workspace')).toBe('t1')
    now += 60_000 // within the refresh margin
    expect(await provider.getToken('workspace')).toBe('t2')
    expect(scopes).toEqual([AZURE_DATABRICKS_SCOPE, AZURE_DATABRICKS_SCOPE])
  })
})
