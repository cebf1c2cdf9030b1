import { afterEach, describe, expect, test } from '@jest/globals'
import { readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { configuration, differences } from '../../scripts/workspace-state.js'
import { isMutation, snapshotFiles, startWorld, type World } from './run-cli.js'

const KEY = 'cli-key-0123456789abcdef0123456789abcdef'
const OTHER = 'cli-other-0123456789abcdef0123456789abcd'

let world: World | undefined
afterEach(async () => {
  await world?.close()
  world = undefined
})

const mutations = (w: World) => w.emu.requests.filter(isMutation).length

describe('the CLI and snapshot authentication', () => {
  test('DATABRICKS_HALT_SNAPSHOT_KEY signs; another key is refused with exit 3; the key never shows', async () => {
    const w = (world = await startWorld())
    const before = configuration(w.emu.ws())
    const env = { env: { DATABRICKS_HALT_SNAPSHOT_KEY: KEY } }
    const stop = await w.cli(['stop'], env)
    expect(stop.code).toBe(0)
    expect(stop.stdout).not.toContain('Snapshots are not authenticated')
    const [file] = await snapshotFiles(w.dir)
    expect(await readFile(file, 'utf8')).toMatch(/"signature": "hmac-sha256:[0-9a-f]{64}"/)

    const changes = mutations(w)
    const wrong = await w.cli(['restore'], { env: { DATABRICKS_HALT_SNAPSHOT_KEY: OTHER } })
    expect(wrong.code).toBe(3)
    expect(wrong.stderr).toMatch(
      /Snapshot \S+-snapshot\.json is not authenticated \(signed with another key/,
    )
    expect(mutations(w)).toBe(changes)

    const restore = await w.cli(['restore'], env)
    expect(restore.code).toBe(0)
    expect(differences(before, configuration(w.emu.ws()))).toEqual([])
    for (const r of [stop, wrong, restore]) {
      expect(r.stdout + r.stderr).not.toContain(KEY)
      expect(r.stdout + r.stderr).not.toContain(OTHER)
    }
  })

  test('without a key the output warns; a junk newest snapshot blocks stop until --ignore-open-snapshot, as printed', async () => {
    const w = (world = await startWorld())
    const first = await w.cli(['stop'])
    expect(first.code).toBe(0)
    expect(first.stdout).toContain('Snapshots are not authenticated')
    expect((await w.cli(['restore'])).code).toBe(0)
    const [file] = await snapshotFiles(w.dir)
    await writeFile(join(dirname(file), 'zz-junk-snapshot.json'), '{}')

    const changes = mutations(w)
    const refused = await w.cli(['stop'])
    expect(refused.code).toBe(2)
    const hint = /run the stop again with this option: (--ignore-open-snapshot \S+)$/m.exec(
      refused.stderr,
    )
    expect(hint?.[1]).toBe('--ignore-open-snapshot zz-junk-snapshot.json')
    expect(mutations(w)).toBe(changes)

    const fresh = await w.cli(['stop', ...hint![1].split(' ')])
    expect(fresh.code).toBe(0)
    expect(fresh.stderr).toContain('Ignoring the newest snapshot zz-junk-snapshot.json as asked')
    expect(mutations(w)).toBeGreaterThan(changes)
  })
})
