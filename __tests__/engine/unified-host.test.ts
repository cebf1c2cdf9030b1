import { afterEach, describe, expect, it } from '@jest/globals'
import { normalizeWorkspaceUrl, workspaceIdFromUrl, workspaceRouting } from '../../src/config.js'
import { call } from '../emulator/helpers.js'
import { startHarness, type Harness } from './harness.js'

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

describe('unified (SPOG) hosts: ?o= / ?w= become X-Databricks-Workspace-Id', () => {
  it('reads the workspace from the query as the SDKs do, and keeps it through normalisation', () => {
    const spog = 'https://spog.cloud.databricks.com'
    expect(normalizeWorkspaceUrl(`${spog}/?o=1234567890123456#job/1`)).toBe(
      `${spog}?o=1234567890123456`,
    )
    expect(normalizeWorkspaceUrl(`${spog}?workspace_id=42&a=acc`)).toBe(`${spog}?o=42`)
    // ?w= takes any identifier and wins; ?o= must be numeric.
    expect(workspaceRouting(`${spog}?o=1&w=ws-abc`)).toEqual({ host: spog, workspaceId: 'ws-abc' })
    expect(workspaceRouting(`${spog}?o=abc`)).toEqual({ host: spog })
    expect(normalizeWorkspaceUrl('https://adb-1.2.azuredatabricks.net/?foo=1')).toBe(
      'https://adb-1.2.azuredatabricks.net',
    )
    expect(workspaceIdFromUrl(`${spog}?o=77`)).toBe('77')
    expect(workspaceIdFromUrl(`${spog}?w=ws-abc`)).toBeUndefined()
  })

  it('the emulator host answers its login page without the header; with ?o= every call is routed', async () => {
    h = await startHarness()
    const ws = h.emu.ws()
    ws.unifiedHost = true
    const page = await call(h.emu.workspace.url, '/api/2.0/preview/scim/v2/Me', {
      token: h.emu.adminToken,
    })
    expect(page.text).toMatch(/<title>Databricks - Sign In<\/title>/)

    // Without the workspace in the URL the tool cannot even sign in, and says so.
    await expect(h.run('show')).rejects.toThrow(/Cannot sign in|not JSON/)

    const url = `${h.emu.workspace.url}/?o=${h.emu.workspace.workspaceId}`
    h.emu.requests.length = 0
    const shown = await h.run('show', { workspaceUrl: url })
    expect(shown.counts.failed).toBe(0)
    expect(shown.workspaceId).toBe(h.emu.workspace.workspaceId)
    const workspaceCalls = h.emu.requests.filter((r) => r.target !== 'account')
    expect(workspaceCalls.length).toBeGreaterThan(5)
    // Every workspace call reached the API (a login page would have been logged as status 200
    // with no principal).
    expect(workspaceCalls.every((r) => r.principalId !== undefined || r.status >= 400)).toBe(true)

    const stopped = await h.run('stop', {
      workspaceUrl: `${h.emu.workspace.url}?w=${ws.workspaceId}`,
    })
    expect(stopped.counts.failed).toBe(0)
    expect(stopped.counts.changed).toBeGreaterThan(0)
  })
})
