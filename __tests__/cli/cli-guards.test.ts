import { afterEach, describe, expect, test } from '@jest/globals'
import { readFile, writeFile } from 'node:fs/promises'
import { parseJson } from '../../src/databricks/json.js'
import type { ReportJson } from '../../src/report-json.js'
import { configuration, sorted } from '../../scripts/workspace-state.js'
import {
  isMutation,
  runCli,
  snapshotFiles,
  startWorld,
  type CliResult,
  type World,
} from './run-cli.js'

let world: World | undefined

afterEach(async () => {
  await world?.close()
  world = undefined
})

async function start(options = {}): Promise<World> {
  world = await startWorld(options)
  return world
}

function mutationsSince(w: World, first: number) {
  return w.emu.requests.slice(first).filter(isMutation)
}

/** Every line the CLI printed and every snapshot it wrote must be free of the token. */
async function expectNoToken(w: World, results: CliResult[]): Promise<void> {
  const token = w.emu.adminToken
  for (const r of results) {
    expect(r.stdout).not.toContain(token)
    expect(r.stderr).not.toContain(token)
  }
  for (const file of await snapshotFiles(w.dir)) {
    expect(await readFile(file, 'utf8')).not.toContain(token)
  }
}

describe('refusals change nothing', () => {
  test('an unknown flag is exit 2 before any request', async () => {
    const w = await start()
    const r = await w.cli(['stop', '--bogus'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/Unknown option '--bogus'/)
    expect(w.emu.requests).toHaveLength(0)
  })

  test('--help prints the usage and contacts nothing', async () => {
    const w = await start()
    const r = await w.cli(['stop', '--help'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^Usage:/m)
    expect(r.stdout).toContain('--snapshot-dir')
    expect(w.emu.requests).toHaveLength(0)
  })

  test('a missing token is exit 2 with the fix', async () => {
    const w = await start()
    const r = await w.cli(['show'], { env: { DATABRICKS_TOKEN: '' } })
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/DATABRICKS_TOKEN is not set/)
  })

  test('an unknown kept principal is exit 2 before any change, and no snapshot', async () => {
    const w = await start()
    const before = sorted(configuration(w.emu.ws()))
    const r = await w.cli(['stop', '--keep', 'nobody@example.com'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('nobody@example.com')
    expect(mutationsSince(w, 0)).toEqual([])
    expect(sorted(configuration(w.emu.ws()))).toEqual(before)
    expect(await snapshotFiles(w.dir)).toEqual([])
  })

  test('a snapshot edited by one digit, or truncated, is exit 2 and restores nothing', async () => {
    const w = await start()
    expect((await w.cli(['stop'])).code).toBe(0)
    const [file] = await snapshotFiles(w.dir)
    const original = await readFile(file, 'utf8')
    const halted = sorted(configuration(w.emu.ws()))

    // Change the last digit of the first principal id in the items: a one-digit edit.
    const edited = original.replace(/("id": "\d*)(\d)"/, (_, head: string, d: string) => {
      return `${head}${(Number(d) + 1) % 10}"`
    })
    expect(edited).not.toEqual(original)
    for (const bad of [edited, original.slice(0, original.length / 2)]) {
      await writeFile(file, bad)
      const first = w.emu.requests.length
      const r = await w.cli(['restore'])
      expect(r.code).toBe(2)
      expect(r.stderr).toMatch(/corrupt|checksum|truncated|not valid/i)
      expect(mutationsSince(w, first)).toEqual([])
      expect(sorted(configuration(w.emu.ws()))).toEqual(halted)
    }
  })

  test('a snapshot of another workspace is exit 3 and changes nothing there', async () => {
    const w = await start({ workspaces: 2 })
    const stop = await w.cli(['stop', '--json'])
    expect(stop.code).toBe(0)
    const snapshot = (parseJson(stop.stdout) as ReportJson).snapshot!.ref
    const other = w.emu.workspaces[1]
    const before = sorted(configuration(w.emu.ws(1)))
    const first = w.emu.requests.length
    const r = await runCli(
      [
        'restore',
        `--snapshot=${snapshot}`,
        `--workspace-url=${other.url}`,
        `--account-host=${w.emu.accountUrl}`,
        `--account-id=${w.emu.accountId}`,
        `--snapshot-dir=${w.dir}`,
      ],
      w.env,
    )
    expect(r.code).toBe(3)
    expect(r.stderr).toContain(w.emu.workspace.workspaceId)
    expect(mutationsSince(w, first)).toEqual([])
    expect(sorted(configuration(w.emu.ws(1)))).toEqual(before)
    await expectNoToken(w, [stop, r])
  })
})

describe('stop, show and restore through the CLI', () => {
  test('show --fail-if-active gates; stop twice is 0; restore gives everything back', async () => {
    const w = await start()
    const before = sorted(configuration(w.emu.ws()))
    const results: CliResult[] = []
    const cli = async (args: string[]) => {
      const r = await w.cli(args)
      results.push(r)
      return r
    }
    expect((await cli(['show', '--active', '--fail-if-active'])).code).toBe(1)
    const stop = await cli(['stop'])
    expect(stop.code).toBe(0)
    expect(stop.stdout).toMatch(/^Snapshot: .*snapshot.*\.json$/m)
    const halted = sorted(configuration(w.emu.ws()))
    expect(halted).not.toEqual(before)

    const again = await cli(['stop'])
    expect(again.code).toBe(0)
    expect(sorted(configuration(w.emu.ws()))).toEqual(halted)
    const gate = await cli(['show', '--active', '--fail-if-active', '--wait=0'])
    expect(gate.code).toBe(0)

    const restore = await cli(['restore'])
    expect(restore.code).toBe(0)
    expect(sorted(configuration(w.emu.ws()))).toEqual(before)
    await expectNoToken(w, results)
  })

  test('--dry-run writes nothing and changes nothing', async () => {
    const w = await start()
    const stop = await w.cli(['stop', '--dry-run'])
    expect(stop.code).toBe(0)
    expect(stop.stdout).toMatch(/dry run/)
    expect(stop.stdout).toMatch(/planned/)
    expect(mutationsSince(w, 0)).toEqual([])
    expect(await snapshotFiles(w.dir)).toEqual([])

    expect((await w.cli(['stop'])).code).toBe(0)
    const halted = sorted(configuration(w.emu.ws()))
    const first = w.emu.requests.length
    const restore = await w.cli(['restore', '--dry-run'])
    expect(restore.code).toBe(0)
    expect(mutationsSince(w, first)).toEqual([])
    expect(sorted(configuration(w.emu.ws()))).toEqual(halted)
    // Still un-restored: a real restore afterwards finds it.
    expect((await w.cli(['restore'])).code).toBe(0)
  })

  test('--json is the Report with ids above 2^53 exact', async () => {
    const w = await start()
    const r = await w.cli(['show', '--json'])
    expect(r.code).toBe(0)
    const report = parseJson(r.stdout) as ReportJson
    expect(report.mode).toBe('show')
    expect(report.workspace_id).toBe(w.emu.workspace.workspaceId)
    // Ids a double cannot hold (the caller's 2^62 can).
    const big = [...w.emu.ws().assignments.keys()].filter((id) => BigInt(Number(id)) !== BigInt(id))
    expect(big.length).toBeGreaterThan(0)
    const ids = new Set(
      report.items.filter((i) => i.kind === 'permission_assignments').map((i) => i.id),
    )
    for (const id of big) {
      expect(ids.has(id)).toBe(true)
      expect(r.stdout).toContain(id)
    }
    await expectNoToken(w, [r])
  })

  test('every command accepts every global option', async () => {
    const w = await start()
    const stop = await w.cli(['stop', '--json'])
    const snapshot = (parseJson(stop.stdout) as ReportJson).snapshot!.ref
    const first = w.emu.requests.length
    const all = [
      `--snapshot=${snapshot}`,
      '--workspace-id',
      w.emu.workspace.workspaceId,
      '--keep=admin@example.com',
      '--only=jobs,clusters',
      '--skip=apps',
      '--dry-run',
      '--force',
      '--wait=0',
      '--restart-compute',
      '--active',
      '--fail-if-active',
      '--json',
      '--max-concurrency=4',
    ]
    for (const mode of ['show', 'stop', 'restore']) {
      const r = await w.cli([mode, ...all])
      expect(r.code).toBe(0)
      expect((parseJson(r.stdout) as ReportJson).mode).toBe(mode)
    }
    expect(mutationsSince(w, first)).toEqual([])
  })
})
