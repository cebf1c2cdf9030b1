import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startEmulator } from '../../emulator/index.js'
import { DatabricksClient } from '../../src/databricks/client.js'
import { getJob } from '../../src/databricks/jobs.js'
import { type RawServer, startRawServer, staticTokens } from './raw-server.js'
import { clientsFor } from './emulator-clients.js'

describe('concurrency ceiling (server-side in-flight counter)', () => {
  let server: RawServer
  beforeAll(async () => {
    // Answers after a short hold so that unbounded fan-out would pile up in flight.
    server = await startRawServer((_req, res) => {
      setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'), 15)
    })
  })
  afterAll(() => server.close())

  const clientWithCeiling = (maxConcurrency: number) =>
    new DatabricksClient({
      host: server.url,
      audience: 'workspace',
      tokens: staticTokens(),
      maxConcurrency,
    })

  it('never has more than the ceiling of one class in flight, and uses it', async () => {
    const client = clientWithCeiling(6)
    server.maxInFlight = 0
    await Promise.all(
      Array.from({ length: 120 }, (_, i) =>
        client.get(`/one/${i}`, undefined, { rateClass: 'jobs_write' }),
      ),
    )
    expect(server.maxInFlight).toBe(6)
    expect(client.stats().jobs_write).toMatchObject({ requests: 120, peakInFlight: 6, inFlight: 0 })
  })

  it('bounds each class separately', async () => {
    const client = clientWithCeiling(4)
    server.maxInFlight = 0
    const calls = Array.from({ length: 80 }, (_, i) =>
      client.get(`/two/${i}`, undefined, { rateClass: i % 2 ? 'clusters' : 'runs' }),
    )
    await Promise.all(calls)
    expect(server.maxInFlight).toBeLessThanOrEqual(8)
    expect(server.maxInFlight).toBeGreaterThan(4)
  })
})

describe('adapting to a token bucket (emulator rate limits)', () => {
  let emu: Awaited<ReturnType<typeof startEmulator>>
  beforeAll(async () => {
    emu = await startEmulator({
      scenario: 'small',
      seed: 3,
      rateLimits: { jobs_read: { perSecond: 40, burst: 40 } },
    })
  })
  afterAll(() => emu.close())

  it('gets every answer with a handful of 429s instead of a storm each second', async () => {
    const clients = clientsFor(emu, { maxConcurrency: 16 })
    const id = [...emu.ws().jobs.keys()][0]
    const since = emu.requests.length
    const jobs = await Promise.all(
      Array.from({ length: 120 }, () => getJob(clients.workspace, { job_id: id })),
    )
    expect(jobs.every((j) => j.job_id === id)).toBe(true)
    const log = emu.requests.slice(since).filter((r) => r.path === '/api/2.2/jobs/get')
    expect(log.filter((r) => r.status === 200)).toHaveLength(120)
    // The first burst past the bucket costs at most one ceiling of 429s; after that the learnt
    // pace keeps under the refill rate. Retrying alone would meet ~16 more every second.
    const throttled = log.filter((r) => r.status === 429).length
    expect(throttled).toBeGreaterThan(0)
    expect(throttled).toBeLessThanOrEqual(20)
    const stats = clients.workspace.stats().jobs_read!
    expect(stats.throttled).toBe(throttled)
    expect(stats.ratePerSecond).not.toBeNull()
    expect(stats.peakInFlight).toBeLessThanOrEqual(16)
  })
})
