/**
 * A halt keeps what it kept: a second stop and `show` inherit the open snapshot's keep list, and
 * dropping a kept principal takes --unkeep. Through the CLI against the emulator.
 */
import { afterEach, describe, expect, test } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import { parseJson } from '../../src/databricks/json.js'
import type { ReportJson } from '../../src/report-json.js'
import { isMutation, snapshotFiles, startWorld, type World } from './run-cli.js'

let world: World | undefined

afterEach(async () => {
  await world?.close()
  world = undefined
})

/** A group assigned to the workspace, by name (not the caller). */
function assignedGroup(w: World): { id: string; name: string } {
  for (const id of w.emu.ws().assignments.keys()) {
    const group = w.emu.account.groups.get(id)
    if (group) return { id, name: String(group.displayName) }
  }
  throw new Error('the scenario assigns no group')
}

async function newestSnapshot(w: World): Promise<{ kept_principals: string[] }> {
  const files = (await snapshotFiles(w.dir)).sort()
  return parseJson(await readFile(files.at(-1)!, 'utf8')) as { kept_principals: string[] }
}

describe('keep-list continuity', () => {
  test('a second stop keeps the group the first kept; show and its gate use that keep list', async () => {
    const w = (world = await startWorld())
    const group = assignedGroup(w)
    const first = await w.cli(['stop', '--keep', group.name])
    expect(first.code).toBe(0)
    expect(w.emu.ws().assignments.has(group.id)).toBe(true)

    const second = await w.cli(['stop', '--json'])
    expect(second.code).toBe(0)
    expect(second.stderr).toContain(`Keeping ${group.name} from the open snapshot's keep list`)
    expect(w.emu.ws().assignments.has(group.id)).toBe(true)
    expect((await newestSnapshot(w)).kept_principals).toEqual([group.name])
    const report = parseJson(second.stdout) as ReportJson
    const kept = report.items.find((i) => i.id === group.id)
    expect(kept?.outcome).toBe('kept')
    expect(kept?.detail).toContain('kept by the open snapshot')

    // The runbook's gate passes without repeating --keep.
    const gate = await w.cli(['show', '--active', '--fail-if-active'])
    expect(gate.stdout).not.toContain('Permission assignments')
    expect(gate.stdout).not.toMatch(/\bactive\b/)
    expect(gate.code).toBe(0)
  }, 240_000)

  test('--unkeep drops an inherited principal: the next stop removes it and records the shorter list', async () => {
    const w = (world = await startWorld())
    const group = assignedGroup(w)
    expect((await w.cli(['stop', '--keep', group.name])).code).toBe(0)

    const gate = await w.cli(['show', '--fail-if-active', '--unkeep', group.name])
    expect(gate.code).toBe(1)

    const dropped = await w.cli(['stop', '--unkeep', group.name])
    expect(dropped.code).toBe(0)
    expect(w.emu.ws().assignments.has(group.id)).toBe(false)
    expect((await newestSnapshot(w)).kept_principals).toEqual([])
    // The merged snapshot still gives the group back.
    expect((await w.cli(['restore'])).code).toBe(0)
    expect(w.emu.ws().assignments.has(group.id)).toBe(true)
  }, 240_000)

  test('an --unkeep that is not in the keep list is exit 2 and changes nothing', async () => {
    const w = (world = await startWorld())
    const group = assignedGroup(w)
    expect((await w.cli(['stop', '--keep', group.name])).code).toBe(0)
    const first = w.emu.requests.length
    const typo = await w.cli(['stop', '--unkeep', `${group.name}-typo`])
    expect(typo.code).toBe(2)
    expect(typo.stderr).toContain(`--unkeep "${group.name}-typo" is not in the keep list`)
    expect(w.emu.requests.slice(first).filter(isMutation)).toEqual([])
    expect(await snapshotFiles(w.dir)).toHaveLength(1)
  }, 240_000)
})
