import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  quietStartTime,
  startEmulator,
  type Emulator,
  type EmulatorOptions,
} from '../../emulator/index.js'
import { MemoryLogger } from '../../__fixtures__/memory-logger.js'
import { call } from '../emulator/helpers.js'
import type { TokenProvider } from '../../src/auth/token-provider.js'
import { run } from '../../src/engine.js'
import type { EngineTiming } from '../../src/engine/runtime.js'
import type { ArmAccess } from '../../src/engine/network.js'
import type { Report } from '../../src/report.js'
import { SettingsSchema, type Settings } from '../../src/settings.js'
import { DirectoryStore } from '../../src/snapshot/directory-store.js'
import { SigningKeys } from '../../src/snapshot/signing.js'
import type { SnapshotStore } from '../../src/snapshot/store.js'

export interface RunAs {
  token?: string
  /** Index of the emulator workspace to act on (default 0). */
  workspace?: number
  timing?: EngineTiming
  /** Another SnapshotStore (e.g. one whose disk is full). */
  store?: SnapshotStore
  /** Azure Resource Manager access (the emulator's ARM double). */
  arm?: ArmAccess
  /** DATABRICKS_HALT_SNAPSHOT_KEY, as the CLI would parse it. */
  keys?: string
}

export interface Harness {
  emu: Emulator
  dir: string
  store: DirectoryStore
  logger: MemoryLogger
  /** Run the engine as the CLI would, against the emulator. */
  run(mode: Settings['mode'], extra?: Partial<Settings>, as?: RunAs): Promise<Report>
  close(): Promise<void>
}

/** Fast emulator defaults: no rate limits, short transitions and propagation. */
export async function startHarness(options: EmulatorOptions = {}): Promise<Harness> {
  const emu = await startEmulator({
    scenario: 'small',
    seed: 7,
    startTime: quietStartTime(),
    rateLimits: 'off',
    propagationDelayMs: 0,
    transitionMs: 50,
    ...options,
  })
  const dir = await mkdtemp(join(tmpdir(), 'halt-engine-'))
  const store = new DirectoryStore(join(dir, 'snapshots'))
  const logger = new MemoryLogger(() => emu.clock.now())
  return {
    emu,
    dir,
    store,
    logger,
    async run(mode, extra = {}, as = {}) {
      const token = as.token ?? emu.adminToken
      const tokens: TokenProvider = { description: 'test token', getToken: async () => token }
      const settings = SettingsSchema.parse({
        mode,
        workspaceUrl: emu.workspaces[as.workspace ?? 0].url,
        accountHost: emu.accountUrl,
        accountId: emu.accountId,
        maxConcurrency: 8,
        ...extra,
      })
      return run({
        settings,
        tokens,
        store: as.store ?? store,
        snapshotKeys: SigningKeys.parse(as.keys, 'test keys'),
        logger,
        version: '0.0.0-test',
        timing: { verifyTimeoutMs: 5_000, pollIntervalMs: 20, ...as.timing },
        // Progress lines and ETAs run on the emulator's clock, as the rest of the test does.
        clock: emu.clock,
        ...(as.arm ? { arm: as.arm } : {}),
      })
    },
    async close() {
      await emu.close()
      await rm(dir, { recursive: true, force: true })
    },
  }
}

/** Everything stop changes and restore must give back, in a comparable form. */
export function haltableState(emu: Emulator) {
  const ws = emu.ws()
  // Copies, not the emulator's live objects: a snapshot taken before a stop must not follow it.
  const pick = (o: Record<string, unknown>, keys: string[]) =>
    structuredClone(
      Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]])),
    )
  return {
    assignments: Object.fromEntries(
      [...ws.assignments].map(([id, a]) => [id, [...a.permissions].sort()]),
    ),
    jobs: Object.fromEntries(
      [...ws.jobs].map(([id, j]) => [
        id,
        pick(j.settings ?? {}, ['schedule', 'trigger', 'continuous', 'triggers']),
      ]),
    ),
    pools: Object.fromEntries(
      [...ws.instancePools].map(([id, p]) => [
        id,
        pick(p, [
          'instance_pool_name',
          'node_type_id',
          'min_idle_instances',
          'max_capacity',
          'idle_instance_autotermination_minutes',
          'custom_tags',
        ]),
      ]),
    ),
    alerts: Object.fromEntries([...ws.alerts].map(([id, a]) => [id, structuredClone(a.schedule)])),
    dashboardSchedules: Object.fromEntries(
      [...ws.dashboardSchedules].flatMap(([d, m]) =>
        [...m].map(([s, v]) => [
          `${d}/${s}`,
          structuredClone({ cron: v.cron_schedule, pause: v.pause_status }),
        ]),
      ),
    ),
  }
}

/** A job block's or schedule's pause status; omitted means UNPAUSED. */
export const pauseOf = (b: unknown): string =>
  (b as { pause_status?: string } | undefined)?.pause_status ?? 'UNPAUSED'

/** Requests that change something (anything but GET), for "nothing was changed" assertions. */
export function writes(emu: Emulator): number {
  return emu.requests.filter((r) => r.method !== 'GET').length
}

/**
 * Call the emulator's REST API as a person would during the halt (hand edits). Lossless JSON:
 * id strings such as job_id go out as exact numbers.
 */
export async function api(
  emu: Emulator,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const answer = await call(emu.workspace.url, path, { token: emu.adminToken, method, body })
  if (answer.status >= 400) throw new Error(`${method} ${path}: ${answer.status} ${answer.text}`)
  return answer.json
}
