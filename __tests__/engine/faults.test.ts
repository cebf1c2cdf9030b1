import { afterEach, describe, expect, it } from '@jest/globals'
import { api, haltableState, pauseOf, startHarness, type Harness } from './harness.js'

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

describe('failures half-way lose nothing', () => {
  it('a stop failing after K mutations, then restore, gives back everything', async () => {
    h = await startHarness()
    const before = haltableState(h.emu)
    // From the 4th job update and the 3rd assignment delete on, every write of those kinds fails,
    // as if the process had died there.
    h.emu.faults.add({
      method: 'POST',
      path: '/api/2.2/jobs/update',
      status: 400,
      errorCode: 'INVALID_PARAMETER_VALUE',
      after: 3,
    })
    h.emu.faults.add({
      method: 'DELETE',
      path: /permissionassignments\/principals/,
      status: 400,
      errorCode: 'BAD_REQUEST',
      after: 2,
    })
    const stopped = await h.run('stop')
    expect(stopped.exitCode).toBe(1)
    const failed = stopped.items.filter((i) => i.outcome === 'failed')
    expect(failed.map((i) => i.kind).sort()).toEqual(
      expect.arrayContaining(['jobs', 'permission_assignments']),
    )
    // The other kinds went on regardless.
    expect(stopped.items.some((i) => i.kind === 'clusters' && i.outcome === 'changed')).toBe(true)
    h.emu.faults.clear()
    const restored = await h.run('restore')
    expect(restored.counts.failed).toBe(0)
    expect(restored.exitCode).toBe(0)
    expect(haltableState(h.emu)).toEqual(before)
  })

  it('429 storms and 10% 503s lose no item', async () => {
    h = await startHarness()
    // A storm: the first 6 job updates and 6 assignment deletes are throttled (Retry-After 1 s).
    const storm = {
      status: 429,
      errorCode: 'REQUEST_LIMIT_EXCEEDED',
      retryAfterSeconds: 1,
      times: 6,
    }
    h.emu.faults.add({ method: 'POST', path: '/api/2.2/jobs/update', ...storm })
    h.emu.faults.add({ method: 'DELETE', path: /permissionassignments\/principals/, ...storm })
    const before = haltableState(h.emu)
    h.emu.faults.random({ rate: 0.1, kinds: ['503'], seed: 3 })
    const stopped = await h.run('stop')
    expect(stopped.counts.failed).toBe(0)
    expect(stopped.exitCode).toBe(0)
    const statuses = h.emu.requests.map((r) => r.status)
    expect(statuses.filter((s) => s === 429).length).toBe(12)
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThan(0)
    const ws = h.emu.ws()
    expect([...ws.assignments.keys()]).toEqual([h.emu.adminPrincipalId])
    const restored = await h.run('restore')
    expect(restored.counts.failed).toBe(0)
    h.emu.faults.clear()
    expect(haltableState(h.emu)).toEqual(before)
  })
})

describe('changes made by hand during the halt', () => {
  it('reports a deleted job and hand-edited ones, restores the rest, and --force overrides', async () => {
    h = await startHarness()
    const before = haltableState(h.emu)
    const stopped = await h.run('stop')
    const changedJobs = stopped.items.filter((i) => i.kind === 'jobs' && i.outcome === 'changed')
    const scheduled = changedJobs.filter(
      (i) => before.jobs[i.id].schedule && !before.jobs[i.id].continuous,
    )
    // deleted: gone; repaused: paused again by hand with another cron (a conflict, left as
    // edited); unpaused: set back to its pre-halt value by hand (nothing left to do).
    const [deleted, repaused, unpaused] = [changedJobs[0], scheduled[1], scheduled[2]]
    expect(new Set([deleted.id, repaused.id, unpaused.id]).size).toBe(3)
    await api(h.emu, 'POST', '/api/2.2/jobs/delete', { job_id: deleted.id })
    const newSchedule = {
      ...(before.jobs[repaused.id].schedule as object),
      quartz_cron_expression: '0 0 3 * * ?',
      pause_status: 'PAUSED',
    }
    await api(h.emu, 'POST', '/api/2.2/jobs/update', {
      job_id: repaused.id,
      new_settings: { schedule: newSchedule },
    })
    const unpausedSchedule = {
      ...(before.jobs[unpaused.id].schedule as object),
      pause_status: 'UNPAUSED',
    }
    await api(h.emu, 'POST', '/api/2.2/jobs/update', {
      job_id: unpaused.id,
      new_settings: { schedule: unpausedSchedule },
    })

    // A removed user is deleted from the account altogether.
    const leaver = stopped.items.find(
      (i) =>
        i.kind === 'permission_assignments' &&
        i.outcome === 'changed' &&
        h!.emu.account.users.has(i.id),
    )!
    h.emu.account.users.delete(leaver.id)

    const restored = await h.run('restore')
    expect(restored.exitCode).toBe(1)
    expect(restored.items.find((i) => i.id === leaver.id)?.outcome).toBe('gone')
    expect(restored.warnings.join('\n')).toMatch(/left as edited.*--force/)
    expect(restored.warnings.join('\n')).toMatch(/2 item\(s\) were deleted/)
    const outcome = (id: string) =>
      restored.items.find((i) => i.kind === 'jobs' && i.id === id)?.outcome
    expect([outcome(deleted.id), outcome(repaused.id), outcome(unpaused.id)]).toEqual([
      'gone',
      'conflict',
      'unchanged',
    ])
    const ws = h.emu.ws()
    // Left exactly as edited.
    expect(ws.jobs.get(repaused.id)!.settings.schedule).toEqual(newSchedule)
    expect(pauseOf(ws.jobs.get(unpaused.id)!.settings.schedule)).toBe('UNPAUSED')
    // Everything else is back.
    const now = haltableState(h.emu)
    const preHalt = before.jobs[repaused.id].schedule
    for (const id of [deleted.id, repaused.id, unpaused.id]) {
      delete before.jobs[id]
      delete now.jobs[id]
    }
    delete before.assignments[leaver.id]
    expect(now).toEqual(before)

    // The snapshot is closed (conflicts are decisions, not failures); naming it with --force
    // puts the pre-halt schedule back over the hand edit.
    const forced = await h.run('restore', { snapshot: stopped.snapshot!.name, force: true })
    expect(forced.items.find((i) => i.id === repaused.id)?.outcome).toBe('changed')
    expect(h.emu.ws().jobs.get(repaused.id)!.settings.schedule).toEqual(preHalt)
    expect(pauseOf(h.emu.ws().jobs.get(repaused.id)!.settings.schedule)).toBe('UNPAUSED')
  })
})
