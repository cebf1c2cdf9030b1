import { afterEach, describe, expect, it } from '@jest/globals'
import { readFile, readdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { parseJson } from '../../src/databricks/json.js'
import { SafetyError, UsageError } from '../../src/errors.js'
import { encodeMarker, encodeSnapshot } from '../../src/snapshot/codec.js'
import type { Snapshot, SnapshotContent } from '../../src/snapshot/schema.js'
import { SigningKeys, UNAUTHENTICATED_WARNING } from '../../src/snapshot/signing.js'
import { api, haltableState, startHarness, writes, type Harness } from './harness.js'

const KEY_A = 'key-A-0123456789abcdef0123456789abcdef'
const KEY_B = 'key-B-0123456789abcdef0123456789abcdef'

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

async function readSnapshot(path: string): Promise<Snapshot> {
  return parseJson(await readFile(path, 'utf8')) as Snapshot
}

/** What an attacker with write access can do: edit, recompute the (public) checksum, re-sign. */
async function forge(path: string, edit: (s: SnapshotContent) => void, key?: string) {
  const { checksum: _c, signature: _s, ...content } = await readSnapshot(path)
  edit(content)
  await writeFile(path, encodeSnapshot(content, SigningKeys.parse(key, 'forger')))
}

describe('with DATABRICKS_HALT_SNAPSHOT_KEY', () => {
  it('signs snapshots and markers, restores with the key, and warns only without one', async () => {
    h = await startHarness()
    const before = haltableState(h.emu)
    const stopped = await h.run('stop', {}, { keys: KEY_A })
    expect(stopped.warnings).not.toContain(UNAUTHENTICATED_WARNING)
    expect((await readSnapshot(stopped.snapshot!.ref)).signature).toMatch(/^hmac-sha256:/)
    const restored = await h.run('restore', {}, { keys: KEY_A })
    expect(restored.exitCode).toBe(0)
    expect(haltableState(h.emu)).toEqual(before)
    const dir = dirname(stopped.snapshot!.ref)
    const markers = (await readdir(dir)).filter((n) => n.startsWith('restored-'))
    expect(markers).toHaveLength(1)
    expect(await readFile(join(dir, markers[0]), 'utf8')).toMatch(/"signature": "hmac-sha256:/)
    // Without a key the run says so, in the report (CLI output, job summary) and the log.
    const again = await h.run('stop')
    expect(again.warnings[0]).toBe(UNAUTHENTICATED_WARNING)
    expect(h.logger.lines.some((l) => l.includes('Snapshots are not authenticated'))).toBe(true)
  })

  it('refuses a forged snapshot (checksum recomputed): exit 3, nothing written', async () => {
    h = await startHarness()
    const stopped = await h.run('stop', {}, { keys: KEY_A })
    const ws = h.emu.ws()
    const outsider = [...h.emu.account.users.keys()].find((id) => !ws.assignments.has(id))!
    await forge(stopped.snapshot!.ref, (s) => {
      s.items.push({
        kind: 'permission_assignments',
        id: outsider,
        name: 'mallory',
        before: { principal: { principal_id: outsider }, permissions: ['ADMIN'] },
        after: null,
        recorded_at: s.created_at,
      })
    })
    const state = haltableState(h.emu)
    const writesBefore = writes(h.emu)
    const refusal = h.run('restore', {}, { keys: KEY_A })
    await expect(refusal).rejects.toThrow(SafetyError)
    await expect(refusal).rejects.toThrow(
      `Snapshot ${stopped.snapshot!.name} is not authenticated (unsigned): refusing it. Nothing was changed.`,
    )
    expect(writes(h.emu)).toBe(writesBefore)
    expect(haltableState(h.emu)).toEqual(state)
    expect(ws.assignments.has(outsider)).toBe(false)
  })

  it('refuses a snapshot signed with another key; a rotated key list accepts it', async () => {
    h = await startHarness()
    const before = haltableState(h.emu)
    const stopped = await h.run('stop', {}, { keys: KEY_A })
    const writesBefore = writes(h.emu)
    await expect(h.run('restore', {}, { keys: KEY_B })).rejects.toThrow(
      `Snapshot ${stopped.snapshot!.name} is not authenticated (signed with another key, or edited after signing)`,
    )
    expect(writes(h.emu)).toBe(writesBefore)
    // Rotation: the new key first (it signs), the old one after (it still verifies).
    const restored = await h.run('restore', {}, { keys: `${KEY_B}\n${KEY_A}` })
    expect(restored.exitCode).toBe(0)
    expect(haltableState(h.emu)).toEqual(before)
    // The marker is signed with the new key: a run with only the new key sees it closed.
    const fresh = await h.run('stop', { dryRun: true }, { keys: KEY_B })
    expect(fresh.warnings.join('\n')).not.toMatch(/already halted/)
  })

  it('stop refuses to merge with an unsigned open snapshot, naming the way out', async () => {
    h = await startHarness()
    const first = await h.run('stop') // before the key was set up
    const writesBefore = writes(h.emu)
    const refusal = h.run('stop', {}, { keys: KEY_A })
    await expect(refusal).rejects.toThrow(SafetyError)
    await expect(refusal).rejects.toThrow(
      new RegExp(
        `Snapshot ${first.snapshot!.name} is not authenticated \\(unsigned\\).*` +
          `run the stop again with this option: --ignore-open-snapshot ${first.snapshot!.name}$`,
      ),
    )
    expect(writes(h.emu)).toBe(writesBefore)
  })

  it('ignores a forged marker: the genuine snapshot stays open and is merged and restored', async () => {
    h = await startHarness()
    const before = haltableState(h.emu)
    const stopped = await h.run('stop', {}, { keys: KEY_A })
    const snapshot = await readSnapshot(stopped.snapshot!.ref)
    const hex = snapshot.checksum.slice('sha256:'.length)
    const forged = `restored-${hex}.json`
    // Names the right checksum, but unsigned (or signed with a key the attacker made up).
    const markerKeys = SigningKeys.parse(KEY_B, 'forger')
    await writeFile(
      join(dirname(stopped.snapshot!.ref), forged),
      encodeMarker(snapshot, stopped.snapshot!.name, snapshot.created_at, markerKeys),
    )
    const second = await h.run('stop', {}, { keys: KEY_A })
    expect(second.warnings.join('\n')).toMatch(/already halted by .*merges/)
    expect(h.logger.lines.join('\n')).toMatch(
      new RegExp(`Ignoring marker ${forged}: Marker ${forged} is not authenticated`),
    )
    const restored = await h.run('restore', {}, { keys: KEY_A })
    expect(restored.exitCode).toBe(0)
    expect(haltableState(h.emu)).toEqual(before)
  })
})

describe('junk in the snapshot directory', () => {
  it('a junk newest snapshot makes stop refuse by name; --ignore-open-snapshot NAME gets past it', async () => {
    h = await startHarness()
    const first = await h.run('stop')
    await h.run('restore')
    const junk = join(dirname(first.snapshot!.ref), 'zz-junk-snapshot.json')
    await writeFile(junk, '{}')
    const writesBefore = writes(h.emu)
    const refusal = h.run('stop')
    await expect(refusal).rejects.toThrow(UsageError)
    await expect(refusal).rejects.toThrow(
      /Snapshot zz-junk-snapshot\.json does not match the snapshot schema.*--ignore-open-snapshot zz-junk-snapshot\.json/,
    )
    expect(writes(h.emu)).toBe(writesBefore)
    // The way out names only that snapshot: another name still gets the refusal.
    await expect(h.run('stop', { ignoreOpenSnapshot: 'other-snapshot.json' })).rejects.toThrow(
      /--ignore-open-snapshot zz-junk-snapshot\.json/,
    )
    expect(writes(h.emu)).toBe(writesBefore)
    const stopped = await h.run('stop', { ignoreOpenSnapshot: 'zz-junk-snapshot.json' })
    expect(stopped.exitCode).toBe(0)
    expect(stopped.counts.changed).toBeGreaterThan(0)
    // Its snapshot is newer than the junk, so the next stop merges with it as usual.
    const again = await h.run('stop')
    expect(again.warnings.join('\n')).toMatch(
      new RegExp(`already halted by ${stopped.snapshot!.name}`),
    )
  })

  it('refuses --ignore-open-snapshot for an intact open snapshot (it would drop the way back)', async () => {
    h = await startHarness()
    const first = await h.run('stop')
    const writesBefore = writes(h.emu)
    await expect(h.run('stop', { ignoreOpenSnapshot: first.snapshot!.name })).rejects.toThrow(
      /not an unreadable or untrusted open snapshot/,
    )
    expect(writes(h.emu)).toBe(writesBefore)
  })

  it('restoring a copy of the snapshot closes the one in the snapshot directory', async () => {
    h = await startHarness()
    const first = await h.run('stop')
    const copy = join(h.dir, 'copy-of-snapshot.json')
    await writeFile(copy, await readFile(first.snapshot!.ref, 'utf8'))
    expect((await h.run('restore', { snapshot: copy })).exitCode).toBe(0)
    const [entry] = await h.store.list(h.emu.workspace.workspaceId)
    expect([entry.ref, entry.restored]).toEqual([first.snapshot!.ref, true])
    const fresh = await h.run('stop')
    expect(fresh.warnings.join('\n')).not.toMatch(/already halted/)
  })
})

describe('restore never gives more than stop took away', () => {
  type Item = SnapshotContent['items'][number]
  type Obj = Record<string, unknown>
  /** One forgery per kind, each breaking exactly what that kind's check guards; `field` is named. */
  const FORGERIES: Record<string, { field: string; forge: (i: Item, outsider: string) => void }> = {
    permission_assignments: {
      field: 'before.principal.principal_id',
      forge: (i, outsider) => {
        i.id = outsider // ADMIN for someone who never had access, under a real principal's record
        ;(i.before as { permissions: string[] }).permissions = ['ADMIN']
      },
    },
    jobs: {
      field: 'quartz_cron_expression',
      forge: (i) => {
        const block = Object.values(i.before as Obj).find((b) => !Array.isArray(b)) as Obj
        block.quartz_cron_expression = '* * * * * ?'
      },
    },
    instance_pools: {
      field: 'custom_tags',
      forge: (i) => {
        Object.assign(i.before as Obj, { custom_tags: { owner: 'mallory' }, max_capacity: 999 })
      },
    },
    clusters: { field: 'state', forge: (i) => ((i.before as Obj).state = 'TERMINATED') },
    warehouses: { field: 'state', forge: (i) => ((i.after as Obj).state = 'RUNNING') },
    alerts: {
      field: 'schedule.timezone_id',
      forge: (i) => (((i.before as Obj).schedule as Obj).timezone_id = 'Pacific/Nauru'),
    },
    dashboard_schedules: {
      field: 'dashboard_id/schedule_id',
      forge: (i) => {
        ;(i.before as Obj).schedule_id = 'another'
        ;(i.after as Obj).schedule_id = 'another'
      },
    },
  }

  it('refuses a forged record of each kind before any write (exit 2), naming record and field', async () => {
    h = await startHarness()
    const stopped = await h.run('stop')
    const genuine = await readSnapshot(stopped.snapshot!.ref)
    const ws = h.emu.ws()
    const outsider = [...h.emu.account.users.keys()].find(
      (id) => !genuine.items.some((i) => i.id === id) && !ws.assignments.has(id),
    )!
    const state = haltableState(h.emu)
    const writesBefore = writes(h.emu)
    for (const [kind, { field, forge }] of Object.entries(FORGERIES)) {
      const { checksum: _c, signature: _s, ...content } = structuredClone(genuine)
      const target = content.items.find((i) => i.kind === kind)
      expect([kind, target !== undefined]).toEqual([kind, true])
      forge(target!, outsider)
      const path = join(h.dir, `forged-${kind}-snapshot.json`)
      await writeFile(path, encodeSnapshot(content))
      const refusal = h.run('restore', { snapshot: path })
      await expect(refusal).rejects.toThrow(UsageError)
      await expect(refusal).rejects.toThrow(
        new RegExp(
          `Snapshot forged-${kind}-snapshot\\.json has 1 record\\(s\\) that are not a change a stop makes: ` +
            `${kind} ${target!.id} \\(.*\\): [^;]*${field.replace(/[/.]/g, '\\$&')}.*Refusing the whole snapshot; nothing was changed`,
        ),
      )
    }
    expect(writes(h.emu)).toBe(writesBefore)
    expect(haltableState(h.emu)).toEqual(state)
    expect(ws.assignments.has(outsider)).toBe(false)
  })

  it('stop will not merge with a snapshot holding a forged record', async () => {
    h = await startHarness()
    const stopped = await h.run('stop')
    const path = stopped.snapshot!.ref
    const { checksum: _c, signature: _s, ...content } = await readSnapshot(path)
    FORGERIES.instance_pools.forge(
      content.items.find((i) => i.kind === 'instance_pools')!,
      '',
    )
    await writeFile(path, encodeSnapshot(content))
    const writesBefore = writes(h.emu)
    await expect(h.run('stop')).rejects.toThrow(
      new RegExp(
        `not a change a stop makes: instance_pools .*custom_tags.*--ignore-open-snapshot ${stopped.snapshot!.name}`,
      ),
    )
    expect(writes(h.emu)).toBe(writesBefore)
  })
})

describe('stop twice leaves out records changed by hand since', () => {
  it('a schedule re-paused by hand with another cron is not merged, so restore leaves it as edited', async () => {
    h = await startHarness()
    const before = haltableState(h.emu)
    const stopped = await h.run('stop')
    const job = stopped.items.find(
      (i) =>
        i.kind === 'jobs' &&
        i.outcome === 'changed' &&
        before.jobs[i.id].schedule &&
        !before.jobs[i.id].trigger &&
        !before.jobs[i.id].continuous,
    )!
    const edited = {
      ...(before.jobs[job.id].schedule as object),
      quartz_cron_expression: '0 0 3 * * ?',
      pause_status: 'PAUSED',
    }
    await api(h.emu, 'POST', '/api/2.2/jobs/update', {
      job_id: job.id,
      new_settings: { schedule: edited },
    })
    const second = await h.run('stop')
    expect(second.warnings).toContain(
      `jobs ${job.name} (${job.id}) is no longer as the earlier stop left it (changed by hand or ` +
        'deleted during the halt): that part of its earlier record is left out, so a restore ' +
        'will not undo the change.',
    )
    const merged = await readSnapshot(second.snapshot!.ref)
    expect(merged.items.some((i) => i.kind === 'jobs' && i.id === job.id)).toBe(false)
    const restored = await h.run('restore')
    expect(restored.items.some((i) => i.kind === 'jobs' && i.id === job.id)).toBe(false)
    expect(h.emu.ws().jobs.get(job.id)!.settings.schedule).toEqual(edited)
  })
})

describe('what a restore gives back to people', () => {
  it('lists ADMIN re-grants on their own line (plan and run); a deactivated principal is gone, not re-assigned', async () => {
    h = await startHarness()
    const ws = h.emu.ws()
    const users = [...ws.assignments.keys()].filter(
      (id) => id !== h!.emu.adminPrincipalId && h!.emu.account.users.has(id),
    )
    const [admin, leaver] = users
    ws.assignments.get(admin)!.permissions = ['ADMIN']
    const adminName = String(h.emu.account.users.get(admin)!.userName)
    expect((await h.run('stop')).exitCode).toBe(0)
    h.emu.account.users.get(leaver)!.active = false

    const plan = await h.run('restore', { dryRun: true })
    const planned = plan.warnings.find((w) => w.startsWith('Workspace ADMIN would be given back'))
    expect(planned).toContain(`${adminName} (${admin})`)
    const restored = await h.run('restore')
    const given = restored.warnings.find((w) => w.startsWith('Workspace ADMIN given back to'))
    expect(given).toContain(`${adminName} (${admin})`)
    // Only ADMIN re-grants are on that line.
    const userOnly = restored.items.filter(
      (i) =>
        i.kind === 'permission_assignments' &&
        ws.assignments.get(i.id)?.permissions.join() === 'USER',
    )
    expect(userOnly.length).toBeGreaterThan(0)
    for (const u of userOnly) expect(given).not.toContain(`(${u.id})`)
    expect(ws.assignments.get(admin)?.permissions).toEqual(['ADMIN'])
    const gone = restored.items.find((i) => i.id === leaver)
    expect([gone?.outcome, gone?.detail]).toEqual([
      'gone',
      expect.stringMatching(/deactivated in the account since the stop; not re-assigned/),
    ])
    expect(ws.assignments.has(leaver)).toBe(false)
  })
})
