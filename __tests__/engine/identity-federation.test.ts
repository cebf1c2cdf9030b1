import { afterEach, describe, expect, it } from '@jest/globals'
import { SafetyError } from '../../src/errors.js'
import { startHarness, writes, type Harness } from './harness.js'

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

describe('a workspace without identity federation', () => {
  it('stop says so plainly, points to --skip permission_assignments, and changes nothing', async () => {
    h = await startHarness()
    h.emu.ws().identityFederation = false
    h.emu.requests.length = 0
    const error = await h.run('stop').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(SafetyError)
    const message = (error as Error).message
    expect(message).toMatch(/is not enabled for identity federation/)
    expect(message).toMatch(/--skip permission_assignments/)
    expect(message).not.toMatch(/account admin/)
    expect(writes(h.emu)).toBe(0)

    // The hint works as printed: the same stop without the kind halts the rest.
    const stopped = await h.run('stop', { skip: ['permission_assignments'] })
    expect(stopped.counts.failed).toBe(0)
    expect(stopped.counts.changed).toBeGreaterThan(0)
    expect(stopped.items.some((i) => i.kind === 'permission_assignments')).toBe(false)
  })

  it('show reports the assignment kind failed with the same plain message', async () => {
    h = await startHarness()
    h.emu.ws().identityFederation = false
    const shown = await h.run('show')
    const item = shown.items.find((i) => i.kind === 'permission_assignments')
    expect(item?.outcome).toBe('failed')
    expect(item?.error).toMatch(
      /not enabled for identity federation.*--skip permission_assignments/,
    )
  })

  it('workspace-local users the account API cannot see are listed and reported', async () => {
    h = await startHarness()
    h.emu.ws().localUsers.set('555', {
      id: '555',
      userName: 'local.admin@example.com',
      displayName: 'Local Admin',
      active: true,
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    })
    const shown = await h.run('show')
    const warning = shown.warnings.find((w) => /workspace-local/.test(w))
    expect(warning).toMatch(/1 workspace-local user\(s\).*local\.admin@example\.com \(555\)/)
    const stopped = await h.run('stop')
    expect(stopped.warnings.some((w) => w.includes('local.admin@example.com'))).toBe(true)
    // Account users are not reported as local.
    const accountUser = [...h.emu.account.users.values()][0]
    expect(warning).not.toContain(accountUser.userName)
  })
})
