import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { DatabricksClient } from '../../src/databricks/client.js'
import { getHostMetadata } from '../../src/databricks/workspace-metadata.js'
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
})
