/**
 * A halt does not stop an account admin: a kept admin (not the caller) can re-assign people to the
 * workspace while it is halted. `status` must show it, and the drift guard's second `stop` must
 * take it back, keeping the admin. Through the CLI against the emulator; the admin acts over the
 * real account API with its own token.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { parseJson } from '../../src/databricks/json.js'
import type { ReportJson as Report } from '../../src/report-json.js'
import { call } from '../emulator/helpers.js'
import { startWorld, type World } from './run-cli.js'

let w: World
beforeAll(async () => {
  w = await startWorld()
})
afterAll(() => w.close())

/** A PUT of a workspace assignment by `principalId` acting with its own token. */
async function assignAs(actor: string, principalId: string): Promise<void> {
  const path =
    `/api/2.0/accounts/${w.emu.accountId}/workspaces/${w.emu.workspace.workspaceId}` +
    `/permissionassignments/principals/${principalId}`
  const answer = await call(w.emu.accountUrl, path, {
    token: w.emu.tokenFor(actor),
    method: 'PUT',
    body: { permissions: ['USER'] },
  })
  expect(answer.status).toBe(200)
}

describe('a kept account admin re-assigning people during a halt', () => {
  test('status shows what came back and what is new; a second stop removes both, keeping the admin', async () => {
    const caller = w.emu.adminPrincipalId
    const admin = [...w.emu.account.admins].find((id) => id !== caller)!
    expect(admin).toBeDefined()
    const assigned = [...w.emu.ws().assignments.keys()]
    const removed = assigned.find((id) => id !== caller && id !== admin)!
    const stranger = [...w.emu.account.users.keys()].find((id) => !assigned.includes(id))!
    expect(removed).toBeDefined()
    expect(stranger).toBeDefined()
    if (!assigned.includes(admin)) await assignAs(caller, admin)

    expect((await w.cli(['stop', '--keep', admin])).code).toBe(0)
    expect([...w.emu.ws().assignments.keys()].sort()).toEqual([caller, admin].sort())

    await assignAs(admin, removed)
    await assignAs(admin, stranger)

    const status = await w.cli(['status', '--fail-on-drift', '-o', 'json'])
    expect(status.code).toBe(1)
    const report = parseJson(status.stdout) as Report
    const drift = report.items
      .filter((i) => i.kind === 'permission_assignments' && i.drift)
      .map((i) => [i.id, i.drift])
    expect(drift.sort()).toEqual(
      [
        [removed, 'came_back'],
        [stranger, 'new'],
      ].sort(),
    )

    // The drift guard's answer: stop again, merging into the same halt with its keep list.
    expect((await w.cli(['stop'])).code).toBe(0)
    expect([...w.emu.ws().assignments.keys()].sort()).toEqual([caller, admin].sort())
    expect((await w.cli(['status', '--fail-on-drift'])).code).toBe(0)
  }, 240_000)
})
