import { afterAll, beforeAll, beforeEach } from '@jest/globals'
import { DatabricksClient } from '../../src/databricks/client.js'
import type { ResourceContext } from '../../src/resources/resource.js'
import type { Settings } from '../../src/settings.js'
import { MemoryLogger } from '../../__fixtures__/memory-logger.js'
import { startRawServer, staticTokens, type RawServer } from '../databricks/raw-server.js'

/**
 * A canned workspace API for the unit tests of one resource kind's `list`, `halt` and `write`:
 * each `METHOD /path` answers the JSON set in `routes` (anything else: 404), and every request is
 * kept, so a test asserts exactly what a kind read and sent. Fast, and with listings shaped
 * exactly as a test needs (fields missing, unknown states), which the emulator would fill in.
 */
export interface KindApi {
  routes: Map<string, unknown>
  /** Every request so far: method, path, query (decoded) and JSON body (undefined if none). */
  requests: Array<{ method: string; path: string; query: Record<string, string>; body: unknown }>
  /** The requests that change something (not GET). */
  writes(): KindApi['requests']
  ctx: ResourceContext
  close(): Promise<void>
}

export async function startKindApi(): Promise<KindApi> {
  const routes = new Map<string, unknown>()
  const requests: KindApi['requests'] = []
  const server: RawServer = await startRawServer((req, res, body) => {
    const url = new URL(req.url ?? '/', 'http://x')
    const method = req.method ?? 'GET'
    requests.push({
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: body ? (JSON.parse(body) as unknown) : undefined,
    })
    const key = `${method} ${url.pathname}`
    const found = routes.has(key)
    res.writeHead(found ? 200 : 404, { 'content-type': 'application/json' })
    res.end(
      JSON.stringify(
        found ? routes.get(key) : { error_code: 'RESOURCE_DOES_NOT_EXIST', message: `no ${key}` },
      ),
    )
  })
  const workspace = new DatabricksClient({
    host: server.url,
    audience: 'workspace',
    tokens: staticTokens(),
    retry: { maxAttempts: 1 },
  })
  return {
    routes,
    requests,
    writes: () => requests.filter((r) => r.method !== 'GET'),
    ctx: {
      clients: { workspace },
      settings: { maxConcurrency: 2 } as Settings,
      logger: new MemoryLogger(),
      workspaceId: '1',
    },
    close: () => server.close(),
  }
}

/** One canned API for a test file: started before its tests, emptied before each, closed after. */
export function useKindApi(): KindApi {
  const api = {} as KindApi
  beforeAll(async () => {
    Object.assign(api, await startKindApi())
  })
  afterAll(() => api.close())
  beforeEach(() => {
    api.routes.clear()
    api.requests.length = 0
  })
  return api
}
