import { afterEach, describe, expect, test } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import { configuration, runningCompute, sorted } from '../../scripts/workspace-state.js'
import { isMutation, snapshotFiles, startWorld, type World } from './run-cli.js'

let world: World | undefined

afterEach(async () => {
  await world?.close()
  world = undefined
})

const mutations = (w: World) => w.emu.requests.filter(isMutation).length

describe('a stop that dies half-way is fully restorable', () => {
  test.each([1, 12])(
    'stop killed after %i mutating requests, then restore --restart-compute',
    async (k) => {
      const w = (world = await startWorld())
      const before = sorted(configuration(w.emu.ws()))
      const computeBefore = sorted(runningCompute(w.emu.ws()))

      const stop = await w.cli(['stop'], { killWhen: () => mutations(w) >= k })
      expect(stop.signal).toBe('SIGKILL')
      // The snapshot was on disk before the first change, and covers the whole plan.
      const [file] = await snapshotFiles(w.dir)
      expect(file).toBeDefined()
      expect(await readFile(file, 'utf8')).toContain('"checksum"')
      expect(sorted(configuration(w.emu.ws()))).not.toEqual(before)

      const restore = await w.cli(['restore', '--restart-compute'])
      expect(restore.stderr).not.toMatch(/error:/)
      expect(restore.code).toBe(0)
      expect(sorted(configuration(w.emu.ws()))).toEqual(before)
      w.emu.clock.advance(10_000) // let restarted compute finish starting
      expect(sorted(runningCompute(w.emu.ws()))).toEqual(computeBefore)
    },
  )

  test('a path that fails during stop: exit 1, failures reported, restore gives all back', async () => {
    const w = (world = await startWorld())
    const before = sorted(configuration(w.emu.ws()))
    w.emu.faults.add({ method: 'POST', path: '/api/2.2/jobs/update', status: 500, after: 3 })
    w.emu.faults.add({ method: 'POST', path: '/api/2.1/jobs/update', status: 500, after: 3 })
    const stop = await w.cli(['stop'])
    expect(stop.code).toBe(1)
    expect(stop.stdout).toMatch(/failed/)
    w.emu.faults.clear()

    const restore = await w.cli(['restore'])
    expect(restore.code).toBe(0)
    expect(sorted(configuration(w.emu.ws()))).toEqual(before)
  })
})
