import { afterEach, describe, expect, it } from '@jest/globals'
import { readFile, writeFile } from 'node:fs/promises'
import { parseJson } from '../../src/databricks/json.js'
import { SafetyError } from '../../src/errors.js'
import { encodeSnapshot } from '../../src/snapshot/codec.js'
import type { Snapshot, SnapshotContent } from '../../src/snapshot/schema.js'
import { SigningKeys } from '../../src/snapshot/signing.js'
import type { Report } from '../../src/report.js'
import { startHarness, writes, type Harness } from './harness.js'

/**
 * Principals and the account's `active` flag (docs/adr/0016-principals-inactive-before-the-halt.md):
 * restore gives back what stop took away, also to a principal that was already deactivated then,
 * and never to one deactivated during the halt.
 */

const DENIED = { status: 403, errorCode: 'PERMISSION_DENIED', message: 'denied' }
const KEY = 'key-P-0123456789abcdef0123456789abcdef'

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

type Item = Snapshot['items'][number]
type Before = { principal_active?: unknown; permissions: string[] } & Record<string, unknown>

async function readSnapshot(path: string): Promise<Snapshot> {
  return parseJson(await readFile(path, 'utf8')) as Snapshot
}

/** Edit a snapshot and write it back with a recomputed checksum (and signature, given a key). */
async function rewrite(path: string, edit: (s: SnapshotContent) => void, key?: string) {
  const { checksum: _c, signature: _s, ...content } = await readSnapshot(path)
  edit(content)
  await writeFile(path, encodeSnapshot(content, SigningKeys.parse(key, 'test')))
}

const record = (s: { items: Item[] }, id: string) =>
  s.items.find((i) => i.kind === 'permission_assignments' && i.id === id)!
const beforeOf = (i: Item) => i.before as Before
const outcomeOf = (report: Report, id: string) => {
  const item = report.items.find((i) => i.kind === 'permission_assignments' && i.id === id)
  return [item?.outcome, item?.detail]
}

/** Account SCIM requests (any verb) since request number `from` of the emulator's log. */
function scimCalls(harness: Harness, from: number) {
  return harness.emu.requests
    .slice(from)
    .filter((r) => r.target === 'account' && r.path.includes('/scim/v2/'))
}

const listsOf = (calls: ReturnType<typeof scimCalls>) =>
  calls.map((r) => [r.method, r.path.split('/').pop(), r.query.filter ?? null])
const TWO_LISTS = [
  ['GET', 'Users', 'active eq false'],
  ['GET', 'ServicePrincipals', null],
]

/** Two directly assigned users other than the caller: `dormant` is deactivated before the stop. */
async function halted(keys?: string) {
  h = await startHarness()
  const ws = h.emu.ws()
  const users = [...ws.assignments.keys()].filter(
    (id) => id !== h!.emu.adminPrincipalId && h!.emu.account.users.get(id)?.active !== false,
  )
  const [dormant, leaver] = users
  h.emu.account.users.get(dormant)!.active = false
  const mark = h.emu.requests.length
  const stopped = await h.run('stop', {}, { keys })
  // Lists, never one GET per principal (the large preset has 1,673 of them).
  const lists = listsOf(scimCalls(h, mark))
  expect(lists).toEqual(expect.arrayContaining(TWO_LISTS))
  expect(lists.every(([, last]) => ['Users', 'ServicePrincipals'].includes(String(last)))).toBe(
    true,
  )
  expect(lists.length).toBeLessThanOrEqual(3)
  expect(stopped.exitCode).toBe(0)
  expect(ws.assignments.has(dormant)).toBe(false)
  return { ws, dormant, leaver, path: stopped.snapshot!.ref }
}

describe('principals deactivated before or during the halt', () => {
  it('records who was active at stop; gives back the dormant, not the one deactivated since', async () => {
    const { ws, dormant, leaver, path } = await halted()
    const snapshot = await readSnapshot(path)
    expect(beforeOf(record(snapshot, dormant)).principal_active).toBe(false)
    expect(beforeOf(record(snapshot, leaver)).principal_active).toBe(true)
    const leaverPermissions = beforeOf(record(snapshot, leaver)).permissions
    h!.emu.account.users.get(leaver)!.active = false

    const mark = h!.emu.requests.length
    const plan = await h!.run('restore', { dryRun: true })
    expect(outcomeOf(plan, leaver)).toEqual([
      'gone',
      expect.stringMatching(/was deactivated in the account since the stop; not re-assigned/),
    ])
    expect(outcomeOf(plan, dormant)).toEqual([
      'planned',
      expect.stringMatching(/^not assigned → (USER|ADMIN) \(deactivated before the halt\)$/),
    ])
    expect(plan.exitCode).toBe(1)
    // Two lists (deactivated users; service principals), not one GET per principal.
    expect(listsOf(scimCalls(h!, mark))).toEqual(TWO_LISTS)

    const mark2 = h!.emu.requests.length
    const restored = await h!.run('restore')
    expect(restored.exitCode).toBe(1)
    expect(outcomeOf(restored, leaver)[0]).toBe('gone')
    expect(outcomeOf(restored, dormant)[0]).toBe('changed')
    expect(ws.assignments.has(leaver)).toBe(false)
    expect(ws.assignments.get(dormant)?.permissions).toEqual(
      beforeOf(record(snapshot, dormant)).permissions,
    )
    expect(leaverPermissions.length).toBeGreaterThan(0)
    expect(listsOf(scimCalls(h!, mark2))).toEqual(TWO_LISTS)
  })

  it('restores everything (exit 0) when the only inactive principals were inactive at stop', async () => {
    const { ws, dormant } = await halted()
    const restored = await h!.run('restore')
    expect(restored.exitCode).toBe(0)
    expect(outcomeOf(restored, dormant)[0]).toBe('changed')
    expect(ws.assignments.has(dormant)).toBe(true)
  })

  it('an older snapshot without the flag keeps the old rule: inactive now is gone', async () => {
    const { ws, dormant, leaver, path } = await halted()
    await rewrite(path, (s) => {
      for (const i of s.items)
        if (i.kind === 'permission_assignments') delete beforeOf(i).principal_active
    })
    h!.emu.account.users.get(leaver)!.active = false
    const restored = await h!.run('restore')
    expect(restored.exitCode).toBe(1)
    const unknown = /does not say whether it was before the stop; not re-assigned/
    expect(outcomeOf(restored, dormant)).toEqual(['gone', expect.stringMatching(unknown)])
    expect(outcomeOf(restored, leaver)).toEqual(['gone', expect.stringMatching(unknown)])
    expect(ws.assignments.has(dormant)).toBe(false)
    expect(ws.assignments.has(leaver)).toBe(false)
  })

  it('with a key, a forged "was inactive" flag is refused (exit 3, nothing written)', async () => {
    const { ws, leaver, path } = await halted(KEY)
    h!.emu.account.users.get(leaver)!.active = false
    // The forger flips the flag and recomputes the public checksum but cannot sign.
    await rewrite(path, (s) => {
      beforeOf(record(s, leaver)).principal_active = false
    })
    const writesBefore = writes(h!.emu)
    await expect(h!.run('restore', {}, { keys: KEY })).rejects.toThrow(SafetyError)
    expect(writes(h!.emu)).toBe(writesBefore)
    expect(ws.assignments.has(leaver)).toBe(false)
  })

  it('refuses a malformed flag or one on a group (exit 2, nothing written)', async () => {
    const { ws, leaver, path } = await halted()
    const group = (await readSnapshot(path)).items.find(
      (i) =>
        i.kind === 'permission_assignments' &&
        (i.before as { principal: { group_name?: string } }).principal.group_name !== undefined,
    )!
    await rewrite(path, (s) => {
      beforeOf(record(s, leaver)).principal_active = 'no'
      beforeOf(record(s, group.id)).principal_active = false
    })
    const writesBefore = writes(h!.emu)
    const refusal = h!.run('restore')
    await expect(refusal).rejects.toThrow(
      `permission_assignments ${leaver} (${record(await readSnapshot(path), leaver).name}): ` +
        'before.principal_active: must be true or false',
    )
    await expect(refusal).rejects.toThrow('before.principal_active: a group has no active flag')
    expect(writes(h!.emu)).toBe(writesBefore)
    expect(ws.assignments.has(leaver)).toBe(false)
  })

  it('a stop that cannot read who is inactive records no flag, warns, and halts anyway', async () => {
    h = await startHarness()
    const ws = h.emu.ws()
    const [dormant] = [...ws.assignments.keys()].filter(
      (id) => id !== h!.emu.adminPrincipalId && h!.emu.account.users.get(id)?.active !== false,
    )
    h.emu.account.users.get(dormant)!.active = false
    h.emu.faults.add({ path: /\/scim\/v2\/ServicePrincipals$/, ...DENIED })
    const stopped = await h.run('stop')
    expect(stopped.exitCode).toBe(0)
    expect(h.logger.lines.some((l) => l.includes("Cannot list the account's deactivated"))).toBe(
      true,
    )
    const snapshot = await readSnapshot(stopped.snapshot!.ref)
    const assignments = snapshot.items.filter((i) => i.kind === 'permission_assignments')
    expect(assignments.length).toBeGreaterThan(1)
    expect(assignments.every((i) => !('principal_active' in beforeOf(i)))).toBe(true)
    h.emu.faults.clear()
    // Not known: the old rule, so the dormant principal is not given access back.
    const restored = await h.run('restore')
    expect(outcomeOf(restored, dormant)[0]).toBe('gone')
    expect(ws.assignments.has(dormant)).toBe(false)
  })

  it('a restore that cannot read who is inactive writes no assignment (failed, exit 1)', async () => {
    const { ws, dormant, path } = await halted()
    const recorded = (await readSnapshot(path)).items.filter(
      (i) => i.kind === 'permission_assignments',
    )
    h!.emu.faults.add({ path: /\/scim\/v2\/ServicePrincipals$/, ...DENIED })
    const restored = await h!.run('restore')
    expect(restored.exitCode).toBe(1)
    const failed = restored.items.filter((i) => i.kind === 'permission_assignments')
    expect(failed.map((i) => i.outcome)).toEqual(recorded.map(() => 'failed'))
    expect(failed[0].error).toMatch(/^cannot tell what is gone: /)
    const puts = h!.emu.requests.filter((r) => r.method === 'PUT' && r.target === 'account')
    expect(puts).toEqual([])
    expect(ws.assignments.has(dormant)).toBe(false)
    // The snapshot stays open: a plain restore retries once the directory can be read.
    h!.emu.faults.clear()
    const again = await h!.run('restore')
    expect(again.exitCode).toBe(0)
    expect(ws.assignments.has(dormant)).toBe(true)
  })
})
