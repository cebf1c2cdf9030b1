/**
 * Through the CLI: a principal already deactivated before the halt gets its assignment back; one
 * deactivated during the halt is `gone` in the dry run and the real run (exit 1 per the README's
 * table). docs/adr/0016-principals-inactive-before-the-halt.md.
 */
import { afterEach, describe, expect, test } from '@jest/globals'
import type { ReportJson as Report } from '../../src/report-json.js'
import { startWorld, type World } from './run-cli.js'

let world: World | undefined

afterEach(async () => {
  await world?.close()
  world = undefined
})

const outcome = (report: Report, id: string) =>
  report.items.find((i) => i.kind === 'permission_assignments' && i.id === id)?.outcome

describe('principals deactivated before or during the halt (CLI)', () => {
  test('the dormant one comes back, the one deactivated since is gone', async () => {
    const w = (world = await startWorld())
    const ws = w.emu.ws()
    const [dormant, leaver] = [...ws.assignments.keys()].filter(
      (id) => id !== w.emu.adminPrincipalId && w.emu.account.users.get(id)?.active !== false,
    )
    const permissions = [...ws.assignments.get(dormant)!.permissions]
    w.emu.account.users.get(dormant)!.active = false
    expect((await w.cli(['stop'])).code).toBe(0)
    w.emu.account.users.get(leaver)!.active = false

    const dry = await w.cli(['restore', '--dry-run', '--json'])
    expect(dry.code).toBe(1)
    const plan = JSON.parse(dry.stdout) as Report
    expect([outcome(plan, dormant), outcome(plan, leaver)]).toEqual(['planned', 'gone'])

    const real = await w.cli(['restore', '--json'])
    expect(real.code).toBe(1)
    const report = JSON.parse(real.stdout) as Report
    expect([outcome(report, dormant), outcome(report, leaver)]).toEqual(['changed', 'gone'])
    expect(ws.assignments.get(dormant)?.permissions).toEqual(permissions)
    expect(ws.assignments.has(leaver)).toBe(false)
  }, 120_000)
})
