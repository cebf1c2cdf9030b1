import { afterEach, describe, expect, test } from '@jest/globals'
import { startWorld, type World } from './run-cli.js'

let world: World | undefined
afterEach(async () => {
  await world?.close()
  world = undefined
})

describe('progress on stderr, and --quiet', () => {
  test('stop and restore print each phase with N/total on stderr; stdout stays the report', async () => {
    world = await startWorld()
    const stop = await world.cli(['stop'])
    expect(stop.code).toBe(0)
    for (const phase of ['List', 'Halt', 'Final sweep'])
      expect(stop.stderr).toContain(`== ${phase}`)
    expect(stop.stderr).toMatch(/^List: (\d+)\/\1, done \(kinds/m)
    expect(stop.stderr).toMatch(/^Halt: (\d+)\/\1, done \(.*permission_assignments \d+\/\d+/m)
    expect(stop.stdout).not.toMatch(/^Halt: /m)
    const restore = await world.cli(['restore'])
    expect(restore.code).toBe(0)
    expect(restore.stderr).toMatch(/^Restore: (\d+)\/\1, done/m)
    expect(restore.stderr).toMatch(/^Verify: (\d+)\/\1, done/m)
  }, 60_000)

  test('--quiet prints the summary only: nothing on stderr, no item tables', async () => {
    world = await startWorld()
    const loud = await world.cli(['stop', '--dry-run'])
    expect(loud.stdout).toMatch(/^Permission assignments \(\d+\)/m)
    const stop = await world.cli(['stop', '--quiet'])
    expect(stop.code).toBe(0)
    expect(stop.stderr).toBe('')
    expect(stop.stdout).toMatch(/^databricks-halt stop · workspace/)
    expect(stop.stdout).toMatch(/Active before → after/)
    expect(stop.stdout).toMatch(/^Snapshot: /m)
    expect(stop.stdout).not.toMatch(/^Permission assignments \(\d+\)/m)
    expect(stop.stdout).not.toMatch(/ID\s+NAME\s+STATE/)
    // The stop really happened: only the caller keeps access.
    expect([...world.emu.ws().assignments.keys()]).toEqual([world.emu.adminPrincipalId])
    // Errors are never silenced.
    const bad = await world.cli(['restore', '--quiet', '--snapshot=/nonexistent/x-snapshot.json'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/^error: /m)
  }, 60_000)
})
