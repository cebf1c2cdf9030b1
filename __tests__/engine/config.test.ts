import { describe, expect, it } from '@jest/globals'
import {
  accountHostFor,
  normalizeWorkspaceUrl,
  resolveAccountHost,
  resolveWorkspaceId,
  workspaceIdFromUrl,
} from '../../src/config.js'
import { UsageError } from '../../src/errors.js'

describe('config', () => {
  it('reads the workspace id from Azure and GCP hosts', () => {
    expect(workspaceIdFromUrl('https://adb-9223372036854775001.7.azuredatabricks.net/')).toBe(
      '9223372036854775001',
    )
    expect(workspaceIdFromUrl('adb-123.4.azuredatabricks.net')).toBe('123')
    expect(workspaceIdFromUrl('adb-9007199254740993.12.databricks.azure.cn')).toBe(
      '9007199254740993',
    )
    expect(workspaceIdFromUrl('http://127.0.0.1:9999')).toBeUndefined()
    expect(workspaceIdFromUrl('https://1234567.8.gcp.databricks.com')).toBe('1234567')
    expect(workspaceIdFromUrl('https://acme.cloud.databricks.com')).toBeUndefined()
  })

  it('derives the account host from the cloud', () => {
    expect(accountHostFor('https://adb-1.2.azuredatabricks.net')).toBe(
      'https://accounts.azuredatabricks.net',
    )
    expect(accountHostFor('https://adb-1.2.databricks.azure.cn')).toBe(
      'https://accounts.databricks.azure.cn',
    )
    expect(accountHostFor('https://acme.cloud.databricks.com')).toBe(
      'https://accounts.cloud.databricks.com',
    )
    expect(accountHostFor('https://1.2.gcp.databricks.com')).toBe(
      'https://accounts.gcp.databricks.com',
    )
    expect(accountHostFor('http://127.0.0.1:9999')).toBeUndefined()
    expect(() => resolveAccountHost('http://127.0.0.1:8080')).toThrow(/--account-host/)
    expect(resolveAccountHost('http://127.0.0.1:8080', 'http://127.0.0.1:9090/')).toBe(
      'http://127.0.0.1:9090',
    )
  })

  it('allows plain http only on loopback', () => {
    expect(normalizeWorkspaceUrl('http://127.0.0.1:4000/')).toBe('http://127.0.0.1:4000')
    expect(normalizeWorkspaceUrl('http://localhost:4000')).toBe('http://localhost:4000')
    expect(() => normalizeWorkspaceUrl('http://adb-1.2.azuredatabricks.net')).toThrow(UsageError)
    expect(() => normalizeWorkspaceUrl('https://user:pw@adb-1.2.azuredatabricks.net')).toThrow(
      /credentials/,
    )
    expect(() => normalizeWorkspaceUrl('ftp://x')).toThrow(UsageError)
  })

  it('takes the workspace id from the URL, the flag or the org-id header, and wants them to agree', () => {
    expect(resolveWorkspaceId({ workspaceUrl: 'http://127.0.0.1:1', orgIdHeader: '42' })).toBe('42')
    expect(
      resolveWorkspaceId({
        workspaceUrl: 'https://adb-42.1.azuredatabricks.net',
        orgIdHeader: '42',
      }),
    ).toBe('42')
    expect(() =>
      resolveWorkspaceId({ workspaceUrl: 'https://adb-42.1.azuredatabricks.net', given: '43' }),
    ).toThrow(/does not match/)
    expect(() => resolveWorkspaceId({ workspaceUrl: 'https://acme.cloud.databricks.com' })).toThrow(
      /--workspace-id/,
    )
  })
})
