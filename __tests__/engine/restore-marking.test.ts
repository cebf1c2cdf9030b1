import { afterEach, describe, expect, it } from '@jest/globals'
import { readFile, writeFile } from 'node:fs/promises'
import { UsageError } from '../../src/errors.js'
import { call } from '../emulator/helpers.js'
import { haltableState, startHarness, writes, type Harness } from './harness.js'

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

/** Assign a principal by hand, on the account API, as an admin would during the halt. */
async function assign(h: Harness, principalId: string, permissions: string[]): Promise<void> {
  const { emu } = h
  const path =
    `/api/2.0/accounts/${emu.accountId}/workspaces/${emu.workspace.workspaceId}` +
    `/permissionassignments/principals/${principalId}`
  const answer = await call(emu.accountUrl, path, {
    token: emu.adminToken,
    method: 'PUT',
    body: { permissions },
  })
  expect(answer.status).toBe(200)
}

describe('restore and the snapshot it closes', () => {
  it('leaves a principal re-assigned by hand with other permissions as it is (conflict)', async () => {
    h = await startHarness()
    const before = haltableState(h.emu)
    const [id, permissions] = Object.entries(before.assignments).find(
      ([i, p]) => i !== h!.emu.adminPrincipalId && p.length === 1,
    )!
    const other = permissions[0] === 'ADMIN' ? 'USER' : 'ADMIN'
    await h.run('stop')
    expect(h.emu.ws().assignments.has(id)).toBe(false)
    await assign(h, id, [other])
    const restored = await h.run('restore')
    const item = restored.items.find((i) => i.kind === 'permission_assignments' && i.id === id)!
    expect(item.outcome).toBe('conflict')
    expect(item.detail).toBe(
      `assigned ${other} during the halt (was ${permissions[0]}); left as is`,
    )
    expect([...h.emu.ws().assignments.get(id)!.permissions]).toEqual([other])
    // Everything else is back.
    expect(haltableState(h.emu)).toEqual({
      ...before,
      assignments: { ...before.assignments, [id]: [other] },
    })
    // --force puts the recorded permissions back.
    const forced = await h.run('restore', { force: true, snapshot: restored.snapshot!.ref })
    expect(forced.items.find((i) => i.id === id && i.kind === 'permission_assignments')).toEqual(
      expect.objectContaining({ outcome: 'changed', detail: `${other} → ${permissions[0]}` }),
    )
    expect(haltableState(h.emu)).toEqual(before)
  })

  it('does not mark the snapshot restored when an item fails, and a second restore retries it', async () => {
    h = await startHarness()
    const before = haltableState(h.emu)
    const stopped = await h.run('stop')
    h.emu.faults.add({
      method: 'POST',
      path: '/api/2.2/jobs/update',
      status: 400,
      errorCode: 'INVALID_PARAMETER_VALUE',
      times: 1,
    })
    const first = await h.run('restore')
    expect(first.counts.failed).toBe(1)
    expect(first.snapshot).toEqual(expect.objectContaining({ restored: false }))
    const entries = await h.store.list(h.emu.workspace.workspaceId)
    expect(entries.map((e) => [e.name, e.restored])).toEqual([[stopped.snapshot!.name, false]])
    expect(h.logger.lines.join('\n')).toContain(
      `${stopped.snapshot!.name} is not marked restored (some items failed or were not selected); run restore again to retry them.`,
    )
    // The plain restore picks the same snapshot again and finishes the job.
    const second = await h.run('restore')
    expect(second.snapshot?.name).toBe(stopped.snapshot!.name)
    expect(second.counts.failed).toBe(0)
    expect(second.snapshot?.restored).toBe(true)
    expect(haltableState(h.emu)).toEqual(before)
  })

  // Without a key the store's own "restored" closes a snapshot; with one, only a signed marker does.
  it.each([
    ['without a key', undefined],
    ['with a key', 'k'.repeat(32)],
  ])(
    'never picks a restored snapshot again (%s): a plain restore refuses, a stop starts afresh',
    async (_label, keys) => {
      h = await startHarness()
      const stopped = await h.run('stop', {}, { keys })
      const restored = await h.run('restore', {}, { keys })
      expect(restored.snapshot).toEqual(expect.objectContaining({ restored: true }))
      const writesBefore = writes(h.emu)
      await expect(h.run('restore', {}, { keys })).rejects.toThrow(UsageError)
      await expect(h.run('restore', {}, { keys })).rejects.toThrow(
        `No un-restored snapshot of workspace ${h.emu.workspace.workspaceId}`,
      )
      expect(writes(h.emu)).toBe(writesBefore)
      const again = await h.run('stop', {}, { keys })
      expect(again.warnings.join('\n')).not.toContain('already halted')
      const snapshot = JSON.parse(await readFile(again.snapshot!.ref, 'utf8')) as {
        merged_from: string[]
      }
      expect(snapshot.merged_from).toEqual([])
      expect(again.snapshot!.name).not.toBe(stopped.snapshot!.name)
    },
  )

  it('without a key, a marker of databricks-halt before 0.2 (beside the file) also closes a snapshot', async () => {
    h = await startHarness()
    const stopped = await h.run('stop')
    await writeFile(`${stopped.snapshot!.ref}.restored`, '')
    const writesBefore = writes(h.emu)
    await expect(h.run('restore')).rejects.toThrow(
      `No un-restored snapshot of workspace ${h.emu.workspace.workspaceId}`,
    )
    expect(writes(h.emu)).toBe(writesBefore)
  })
})
