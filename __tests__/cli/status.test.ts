/**
 * `status`: whether a halt is open, which, and what came back or is new since. Through the CLI
 * against the emulator; what "came back" is made by hand over the real API, as a person would.
 */
import { afterEach, describe, expect, test } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import { parseJson } from '../../src/databricks/json.js'
import type { ReportJson } from '../../src/report-json.js'
import { call } from '../emulator/helpers.js'
import { isMutation, snapshotFiles, startWorld, type World } from './run-cli.js'

let world: World | undefined

afterEach(async () => {
  await world?.close()
  world = undefined
})

/** A principal stop removes (not the caller), by id. */
function removablePrincipal(w: World): string {
  const id = [...w.emu.ws().assignments.keys()].find((i) => i !== w.emu.adminPrincipalId)
  if (!id) throw new Error('the scenario assigns nobody but the caller')
  return id
}

async function assignByHand(w: World, principalId: string): Promise<void> {
  const path =
    `/api/2.0/accounts/${w.emu.accountId}/workspaces/${w.emu.workspace.workspaceId}` +
    `/permissionassignments/principals/${principalId}`
  const answer = await call(w.emu.accountUrl, path, {
    token: w.emu.adminToken,
    method: 'PUT',
    body: { permissions: ['USER'] },
  })
  expect(answer.status).toBe(200)
}

async function startWarehouseByHand(w: World, id: string): Promise<void> {
  const answer = await call(w.emu.workspace.url, `/api/2.0/sql/warehouses/${id}/start`, {
    token: w.emu.adminToken,
    method: 'POST',
    body: {},
  })
  expect(answer.status).toBe(200)
}

describe('status', () => {
  test('without an open snapshot it says "not halted", exit 0, and changes nothing', async () => {
    const w = (world = await startWorld())
    const text = await w.cli(['status', '--fail-on-drift'])
    expect(text.code).toBe(0)
    expect(text.stdout).toContain('Not halted: no open snapshot for this workspace.')
    const json = await w.cli(['status', '-o', 'json'])
    expect(json.code).toBe(0)
    const report = parseJson(json.stdout) as ReportJson
    expect(report.mode).toBe('status')
    expect(report.status).toEqual({ halted: false })
    expect(w.emu.requests.filter(isMutation)).toEqual([])
  }, 240_000)

  test('right after a stop: halted by that snapshot, nothing came back, --fail-on-drift passes', async () => {
    const w = (world = await startWorld())
    expect((await w.cli(['stop', '--wait', '5'])).code).toBe(0)
    const [file] = await snapshotFiles(w.dir)
    const before = w.emu.requests.length
    const run = await w.cli(['status', '--fail-on-drift', '--json'])
    expect(run.code).toBe(0)
    const report = parseJson(run.stdout) as ReportJson
    expect(report.status?.halted).toBe(true)
    expect(report.status?.snapshot?.name).toBe(file.split('/').at(-1))
    expect(report.status?.snapshot?.created_by).toBe(report.caller?.user_name)
    expect(report.status?.drift).toBe(0)
    expect(report.items.filter((i) => i.drift)).toEqual([])
    expect(w.emu.requests.slice(before).filter(isMutation)).toEqual([])
    const text = await w.cli(['status'])
    expect(text.stdout).toMatch(/Halted by snapshot \S+, taken .* by /)
    expect(text.stdout).toContain('No drift: the halt holds.')
  }, 240_000)

  test('a warehouse woken and an assignment re-added by hand came back: --fail-on-drift exits 1', async () => {
    const w = (world = await startWorld())
    const principal = removablePrincipal(w)
    const warehouses = [...w.emu.ws().warehouses.keys()]
    expect(warehouses.length).toBeGreaterThan(0)
    expect((await w.cli(['stop', '--wait', '5'])).code).toBe(0)
    expect(w.emu.ws().assignments.has(principal)).toBe(false)
    const snapshot = parseJson(await readFile((await snapshotFiles(w.dir))[0], 'utf8')) as {
      items: { kind: string; id: string }[]
    }
    const halted = warehouses.find((id) =>
      snapshot.items.some((i) => i.kind === 'warehouses' && i.id === id),
    )
    expect(halted).toBeDefined()
    await startWarehouseByHand(w, halted!)
    await assignByHand(w, principal)

    const gate = await w.cli(['status', '--fail-on-drift', '--json'])
    expect(gate.code).toBe(1)
    const report = parseJson(gate.stdout) as ReportJson
    const back = report.items.filter((i) => i.drift === 'came_back').map((i) => [i.kind, i.id])
    expect(back).toEqual(
      expect.arrayContaining([
        ['warehouses', halted],
        ['permission_assignments', principal],
      ]),
    )
    expect(report.status?.kinds?.warehouses?.came_back).toBe(1)
    expect(report.status?.kinds?.permission_assignments?.came_back).toBe(1)
    expect(report.status?.drift).toBe(report.items.filter((i) => i.drift).length)

    // Without --fail-on-drift it reports the same and exits 0; the text names what came back.
    const text = await w.cli(['status'])
    expect(text.code).toBe(0)
    expect(text.stdout).toMatch(/SQL warehouses \(1\)[\s\S]*came back/)
    expect(text.stdout).toContain(halted!)

    // A second stop halts it again, merging into the same halt; then nothing is back.
    expect((await w.cli(['stop', '--wait', '5'])).code).toBe(0)
    expect((await w.cli(['status', '--fail-on-drift'])).code).toBe(0)
  }, 240_000)

  test('an open snapshot not signed with the key is refused (exit 3), as restore refuses it', async () => {
    const w = (world = await startWorld())
    const key = (k: string) => ({ env: { DATABRICKS_HALT_SNAPSHOT_KEY: k } })
    expect((await w.cli(['stop'], key('status-key-0123456789abcdef0123456789ab'))).code).toBe(0)
    const other = key('other-key-0123456789abcdef0123456789abcd')
    const refused = await w.cli(['status'], other)
    const restore = await w.cli(['restore', '--dry-run'], other)
    expect(restore.code).toBe(3)
    expect(refused.code).toBe(3)
    expect(refused.stdout).not.toContain('Halted by snapshot')
    expect(refused.stdout).not.toContain('Not halted')
  }, 240_000)
})
