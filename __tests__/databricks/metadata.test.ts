import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { DatabricksClient } from '../../src/databricks/client.js'
import { defaultAccountHost } from '../../src/databricks/clients.js'
import { getHostMetadata, workspaceIdFromUrl } from '../../src/databricks/workspace-metadata.js'
import { type RawServer, startRawServer, staticTokens } from './raw-server.js'

let server: RawServer

beforeAll(async () => {
  // An older host: no well-known document, an HTML 404 page instead.
  server = await startRawServer((_req, res) => {
    res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body>Not Found</body></html>')
  })
})

afterAll(() => server.close())

describe('workspace metadata', () => {
  it('answers undefined when the host does not serve /.well-known/databricks-config', async () => {
    const client = new DatabricksClient({
      host: server.url,
      audience: 'workspace',
      tokens: staticTokens(),
    })
    expect(await getHostMetadata(client)).toBeUndefined()
    expect(server.requests.map((r) => r.path)).toEqual(['/.well-known/databricks-config'])
  })

  it('reads the workspace id from Azure and GCP host names only', () => {
    expect(workspaceIdFromUrl('https://adb-1234567890123456.7.azuredatabricks.net/')).toBe(
      '1234567890123456',
    )
    expect(workspaceIdFromUrl('adb-9007199254740993.12.databricks.azure.cn')).toBe(
      '9007199254740993',
    )
    expect(workspaceIdFromUrl('https://1234567890.3.gcp.databricks.com')).toBe('1234567890')
    expect(workspaceIdFromUrl('https://acme.cloud.databricks.com')).toBeUndefined()
    expect(workspaceIdFromUrl('http://127.0.0.1:9999')).toBeUndefined()
  })

  it('derives the account host from the workspace cloud', () => {
    expect(defaultAccountHost('https://adb-1.2.azuredatabricks.net')).toBe(
      'https://accounts.azuredatabricks.net',
    )
    expect(defaultAccountHost('https://adb-1.2.databricks.azure.cn')).toBe(
      'https://accounts.databricks.azure.cn',
    )
    expect(defaultAccountHost('https://acme.cloud.databricks.com')).toBe(
      'https://accounts.cloud.databricks.com',
    )
    expect(defaultAccountHost('https://1.2.gcp.databricks.com')).toBe(
      'https://accounts.gcp.databricks.com',
    )
    expect(defaultAccountHost('http://127.0.0.1:9999')).toBeUndefined()
  })
})
