import { afterEach, describe, expect, it } from '@jest/globals'
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { SafetyError, UsageError } from '../../src/errors.js'
import type { SnapshotStore } from '../../src/snapshot/store.js'
import { haltableState, startHarness, writes, type Harness } from './harness.js'

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

describe('refusals before any change', () => {
  it('refuses a snapshot of another workspace (exit 3) and changes nothing', async () => {
    h = await startHarness({ workspaces: 2 })
    const stopped = await h.run('stop', {}, { workspace: 0 })
    expect(stopped.exitCode).toBe(0)
    const other = h.emu.workspaces[1].workspaceId
    const before = haltableState(h.emu)
    const beforeOther = JSON.stringify([...h.emu.ws(1).assignments.keys()])
    const writesBefore = writes(h.emu)
    // By name…
    await expect(
      h.run('restore', { snapshot: stopped.snapshot!.ref }, { workspace: 1 }),
    ).rejects.toThrow(SafetyError)
    // …and planted among the other workspace's own snapshots.
    await mkdir(join(h.store.root, other), { recursive: true })
    await copyFile(
      stopped.snapshot!.ref,
      join(h.store.root, other, basename(stopped.snapshot!.ref)),
    )
    await expect(h.run('restore', {}, { workspace: 1 })).rejects.toThrow(/belongs to workspace/)
    await expect(h.run('stop', {}, { workspace: 1 })).rejects.toThrow(SafetyError)
    expect(writes(h.emu)).toBe(writesBefore)
    expect(haltableState(h.emu)).toEqual(before)
    expect(JSON.stringify([...h.emu.ws(1).assignments.keys()])).toBe(beforeOther)
  })

  it('refuses a snapshot edited by one digit (exit 2) and changes nothing', async () => {
    h = await startHarness()
    const stopped = await h.run('stop')
    const text = await readFile(stopped.snapshot!.ref, 'utf8')
    const edited = text.replace(
      /"principal_id": (\d+)(\d)/,
      (_m, a: string, d: string) => `"principal_id": ${a}${(Number(d) + 1) % 10}`,
    )
    expect(edited).not.toBe(text)
    await writeFile(stopped.snapshot!.ref, edited)
    const halted = haltableState(h.emu)
    const writesBefore = writes(h.emu)
    const refusal = h.run('restore')
    await expect(refusal).rejects.toThrow(UsageError)
    await expect(h.run('restore')).rejects.toThrow(/corrupt/)
    await writeFile(stopped.snapshot!.ref, text.slice(0, 200))
    await expect(h.run('restore')).rejects.toThrow(/not valid JSON/)
    expect(writes(h.emu)).toBe(writesBefore)
    expect(haltableState(h.emu)).toEqual(halted)
  })

  it('refuses an unknown kept principal before any change', async () => {
    h = await startHarness()
    const before = haltableState(h.emu)
    await expect(h.run('stop', { keep: ['nobody@nowhere.example'] })).rejects.toThrow(
      /nobody@nowhere\.example/,
    )
    await expect(h.run('stop', { keep: ['nobody@nowhere.example'] })).rejects.toThrow(UsageError)
    expect(writes(h.emu)).toBe(0)
    expect(await h.store.list(h.emu.workspace.workspaceId)).toEqual([])
    expect(haltableState(h.emu)).toEqual(before)
  })

  it('refuses when the assignments cannot be listed (caller not account admin) and changes nothing', async () => {
    h = await startHarness()
    h.emu.account.admins.delete(h.emu.adminPrincipalId)
    const before = haltableState(h.emu)
    await expect(h.run('stop')).rejects.toThrow(SafetyError)
    await expect(h.run('stop')).rejects.toThrow(/cannot be protected from lock-out.*account admin/)
    expect(writes(h.emu)).toBe(0)
    expect(await h.store.list(h.emu.workspace.workspaceId)).toEqual([])
    expect(haltableState(h.emu)).toEqual(before)
    // Leaving access alone on purpose is allowed, and then jobs are paused.
    const skipped = await h.run('stop', { skip: ['permission_assignments'] })
    expect(skipped.exitCode).toBe(0)
    expect(writes(h.emu)).toBeGreaterThan(0)
  })

  it('refuses when the caller is not directly assigned with ADMIN (exit 3)', async () => {
    h = await startHarness()
    const me = h.emu.ws().assignments.get(h.emu.adminPrincipalId)!
    me.permissions = ['USER']
    const before = haltableState(h.emu)
    await expect(h.run('stop')).rejects.toThrow(SafetyError)
    await expect(h.run('stop')).rejects.toThrow(/without ADMIN.*Assign/)
    expect(writes(h.emu)).toBe(0)
    expect(haltableState(h.emu)).toEqual(before)
  })

  it('keeps principals named by user name, group name, SP application id and id; never the caller', async () => {
    h = await startHarness()
    const ws = h.emu.ws()
    const all = [...ws.assignments.values()].map((a) => a.principal)
    const user = all.find((p) => p.user_name && p.principal_id !== h!.emu.adminPrincipalId)!
    const group = all.find((p) => p.group_name)!
    const sp = all.find((p) => p.service_principal_name)!
    const byId = all.find(
      (p) => p.user_name && p !== user && p.principal_id !== h!.emu.adminPrincipalId,
    )!
    const keep = [
      user.user_name.toUpperCase(),
      group.group_name,
      sp.service_principal_name,
      String(byId.principal_id),
    ]
    const report = await h.run('stop', { keep })
    expect(report.exitCode).toBe(0)
    const left = [...h.emu.ws().assignments.keys()].sort()
    expect(left).toEqual(
      [
        h.emu.adminPrincipalId,
        user.principal_id,
        group.principal_id,
        sp.principal_id,
        byId.principal_id,
      ]
        .map(String)
        .sort(),
    )
    const kept = report.items.filter(
      (i) => i.kind === 'permission_assignments' && i.outcome === 'kept',
    )
    expect(kept).toHaveLength(5)
  })
})

describe('secrets', () => {
  it('never writes the token to a log line or a snapshot', async () => {
    h = await startHarness()
    h.emu.faults.add({
      method: 'POST',
      path: '/api/2.2/jobs/update',
      status: 400,
      errorCode: 'INVALID_PARAMETER_VALUE',
      times: 2,
    })
    const stopped = await h.run('stop')
    expect(stopped.counts.failed).toBe(2) // errors were logged too
    await h.run('restore')
    const snapshot = await readFile(stopped.snapshot!.ref, 'utf8')
    const token = h.emu.adminToken
    expect(token.length).toBeGreaterThan(8)
    expect(h.logger.lines.some((l) => l.startsWith('error:'))).toBe(true)
    expect(h.logger.lines.filter((l) => l.includes(token))).toEqual([])
    expect(snapshot.includes(token)).toBe(false)
    expect(JSON.stringify(stopped).includes(token)).toBe(false)
  })
})

describe('kept principals reaching the workspace through a group', () => {
  it('are warned about, and the stop goes on', async () => {
    h = await startHarness()
    const ws = h.emu.ws()
    const assignedGroups = [...ws.assignments.keys()].filter((id) => h!.emu.account.groups.has(id))
    const member = [...h.emu.account.users.values()].find(
      (u) =>
        !ws.assignments.has(u.id) &&
        assignedGroups.some((g) => h!.emu.account.directGroupsOf(u.id).includes(g)),
    )
    expect(member).toBeDefined()
    const report = await h.run('stop', { keep: [member!.userName] })
    expect(report.exitCode).toBe(0)
    expect(report.warnings.join('\n')).toMatch(
      new RegExp(`${member!.userName} .*only through group`),
    )
    expect(
      h.logger.lines.some((l) => l.startsWith('warning:') && l.includes(member!.userName)),
    ).toBe(true)
  })
})

describe('the snapshot comes first', () => {
  it('changes nothing when the snapshot cannot be saved', async () => {
    h = await startHarness()
    const before = haltableState(h.emu)
    // The disk is full: the directory store's save fails, everything else works.
    const full: SnapshotStore = {
      description: 'a full disk',
      list: (ws) => h!.store.list(ws),
      resolve: (name) => h!.store.resolve(name),
      read: (entry) => h!.store.read(entry),
      markRestored: (entry, marker) => h!.store.markRestored(entry, marker),
      markers: (ws) => h!.store.markers(ws),
      save: async () => {
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' })
      },
    }
    await expect(h.run('stop', {}, { store: full })).rejects.toThrow(
      /Could not save the snapshot to a full disk: ENOSPC.*Nothing was changed/,
    )
    expect(writes(h.emu)).toBe(0)
    expect(haltableState(h.emu)).toEqual(before)
  })

  it('refuses to stop again over an open snapshot it cannot read', async () => {
    h = await startHarness()
    const first = await h.run('stop')
    await writeFile(first.snapshot!.ref, '{"truncated":')
    const writesBefore = writes(h.emu)
    await expect(h.run('stop')).rejects.toThrow(/newest snapshot .* not restored/)
    expect(writes(h.emu)).toBe(writesBefore)
  })
})
