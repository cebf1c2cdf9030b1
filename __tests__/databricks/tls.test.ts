import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import { generate } from 'selfsigned'
import { DatabricksClient } from '../../src/databricks/client.js'
import { DatabricksError } from '../../src/databricks/errors.js'
import { staticTokens } from './raw-server.js'

/** An https server on loopback whose certificate nobody trusts. */
let server: Server
let connections = 0
let url = ''

beforeAll(async () => {
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], { keySize: 2048 })
  server = createServer({ key: pems.private, cert: pems.cert }, (_req, res) => res.end('{}'))
  server.on('connection', () => connections++)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  url = `https://localhost:${(server.address() as AddressInfo).port}`
})

afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    }),
)

describe('untrusted certificate', () => {
  it('fails at once without retrying and without sending the token anywhere', async () => {
    const client = new DatabricksClient({
      host: url,
      audience: 'workspace',
      tokens: staticTokens('secret-xyz'),
    })
    const error = await client.get('/api/2.2/jobs/list').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DatabricksError)
    const e = error as DatabricksError
    expect([e.status, e.error_code, e.attempts]).toEqual([0, 'CONNECTION_FAILED', 1])
    expect(e.message).not.toContain('secret-xyz')
    expect(connections).toBe(1)
  })
})
