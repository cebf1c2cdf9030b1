import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { ServerResponse } from 'node:http'
import { startEmulator } from '../../emulator/index.js'
import { ManualClock, waitFor } from '../../__fixtures__/manual-clock.js'
import { DatabricksClient } from '../../src/databricks/client.js'
import { ClassLimiter, type ClassStats } from '../../src/databricks/concurrency-helper.js'
import { getJob } from '../../src/databricks/jobs.js'
import { type RawServer, startRawServer, staticTokens } from './raw-server.js'
import { clientsFor } from './emulator-clients.js'

const inFlight = (stats: Partial<Record<string, ClassStats>>): number =>
  Object.values(stats).reduce((n, s) => n + (s?.inFlight ?? 0), 0)

describe('concurrency ceiling (server-side in-flight counter)', () => {
  let server: RawServer
  const held: ServerResponse[] = []
  beforeAll(async () => {
    // Holds every answer until the test lets it go, so unbounded fan-out would pile up in flight.
    server = await startRawServer((_req, res) => void held.push(res))
  })
  afterAll(() => server.close())

  const clientWithCeiling = (maxConcurrency: number) =>
    new DatabricksClient({
      host: server.url,
      audience: 'workspace',
      tokens: staticTokens(),
      maxConcurrency,
    })

  /**
   * Answer in rounds: once every request the client has in flight has reached the server (a
   * condition, not a time), answer them all. Returns what `calls` resolve to.
   */
  async function answerInRounds<T>(client: DatabricksClient, calls: Promise<T>[]): Promise<T[]> {
    let done = false
    const all = Promise.all(calls).finally(() => (done = true))
    while (!done) {
      await waitFor(() => done || (held.length > 0 && held.length === inFlight(client.stats())))
      for (const res of held.splice(0))
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}')
    }
    return all
  }

  it('never has more than the ceiling of one class in flight, and uses it', async () => {
    const client = clientWithCeiling(6)
    server.maxInFlight = 0
    await answerInRounds(
      client,
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
    await answerInRounds(client, calls)
    // Both classes fill their own ceiling of 4 at once.
    expect(server.maxInFlight).toBe(8)
    expect(client.stats().clusters).toMatchObject({ requests: 40, peakInFlight: 4 })
    expect(client.stats().runs).toMatchObject({ requests: 40, peakInFlight: 4 })
  })
})

describe('the per-class pause after a throttle (on a manual clock)', () => {
  /** After a throttle with `retryAfterMs`, how long (clock ms) until the class starts the next request. */
  async function startsAfter(retryAfterMs: number | undefined): Promise<number> {
    const clock = new ManualClock()
    const limiter = new ClassLimiter({ ceiling: 4, clock })
    const start = clock.now()
    ;(await limiter.acquire()).release('throttled', retryAfterMs)
    let startedAt: number | undefined
    void limiter.acquire().then(() => (startedAt = clock.now()))
    while (startedAt === undefined) await clock.advance(100)
    return startedAt - start
  }

  it('holds the class for a Retry-After longer than the default pause', async () => {
    expect(await startsAfter(5_000)).toBe(5_000)
    expect(await startsAfter(2_500)).toBe(2_500)
  })

  it('holds it for the default second when the throttle came without Retry-After', async () => {
    expect(await startsAfter(undefined)).toBe(1_000)
  })
})

describe('adapting to a token bucket (emulator rate limits, on a manual clock)', () => {
  const clock = new ManualClock()
  let emu: Awaited<ReturnType<typeof startEmulator>>
  beforeAll(async () => {
    emu = await startEmulator({
      scenario: 'small',
      seed: 3,
      rateLimits: { jobs_read: { perSecond: 40, burst: 40 } },
      // The buckets refill on the client's clock: only advance() adds tokens, never the machine.
      rateLimitNow: () => clock.now(),
    })
  })
  afterAll(() => emu.close())

  it('gets every answer with a handful of 429s instead of a storm each second', async () => {
    const clients = clientsFor(emu, { maxConcurrency: 16, clock })
    const id = [...emu.ws().jobs.keys()][0]
    const since = emu.requests.length
    let done = false
    const all = Promise.all(
      Array.from({ length: 120 }, () => getJob(clients.workspace, { job_id: id })),
    ).finally(() => (done = true))
    // Time moves only while nothing is in flight: to the next pause, pace or retry that is due.
    while (!done) {
      await waitFor(() => done || (inFlight(clients.workspace.stats()) === 0 && clock.pending > 0))
      if (!done) await clock.advance(clock.nextDue! - clock.now())
    }
    const jobs = await all
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
