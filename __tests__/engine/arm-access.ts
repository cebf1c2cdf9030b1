import type { Emulator } from '../../emulator/index.js'
import type { ArmAccess } from '../../src/engine/network.js'
import type { EngineTiming } from '../../src/engine/runtime.js'
import { unsignedJwt } from '../../__fixtures__/http-util.js'

/** An Entra-style access token naming the caller's object id, which the ARM double accepts. */
export const OBJECT_ID = '3b0e2f6c-7d1a-4c55-9e0b-2a6f4d8c1e97'

export function armAccess(emu: Emulator): ArmAccess {
  const token = unsignedJwt({ oid: OBJECT_ID, aud: 'https://management.azure.com' })
  emu.arm!.addToken(token)
  return {
    endpoint: emu.arm!.url,
    tlsCa: emu.arm!.ca,
    credential: {
      getToken: async () => ({
        token,
        expiresOnTimestamp: Date.now() + 3_600_000,
      }),
    },
  }
}

/**
 * The engine waits on the emulator's clock: each pause moves it forward, nothing sleeps. Every
 * harness here starts with the clock stopped (clockSpeed 0), so real time passing between the
 * engine's reads and the test's cannot end a NIC's linger in between. (The stop --wait tests
 * keep it running: the stop's own waits move it.)
 */
export function emulatorTiming(emu: Emulator): EngineTiming {
  return {
    networkPollIntervalMs: 60_000,
    clock: { now: () => emu.clock.now(), sleep: async (ms) => emu.clock.advance(ms) },
  }
}
