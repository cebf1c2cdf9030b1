import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { TokenProvider } from '../../src/auth/token-provider.js'

/** A tiny loopback server for shapes the emulator does not serve (exotic error bodies). */
export interface RawServer {
  url: string
  requests: Array<{ method: string; path: string; authorization?: string; body: string }>
  maxInFlight: number
  close(): Promise<void>
}

export type RawHandler = (req: IncomingMessage, res: ServerResponse, body: string) => void

export async function startRawServer(handler: RawHandler): Promise<RawServer> {
  const state = { inFlight: 0 }
  const server: RawServer = { url: '', requests: [], maxInFlight: 0, close: async () => {} }
  const http = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      server.requests.push({
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        authorization: req.headers.authorization,
        body,
      })
      state.inFlight++
      server.maxInFlight = Math.max(server.maxInFlight, state.inFlight)
      res.on('close', () => state.inFlight--)
      handler(req, res, body)
    })
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  server.url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`
  server.close = () =>
    new Promise<void>((resolve) => {
      http.closeAllConnections()
      http.close(() => resolve())
    })
  return server
}

export function staticTokens(token = 'test-token'): TokenProvider & { calls: number } {
  const provider = {
    description: 'static test token',
    calls: 0,
    async getToken() {
      provider.calls++
      return token
    },
  }
  return provider
}
