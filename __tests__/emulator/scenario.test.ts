import { afterAll, describe, expect, it } from '@jest/globals'
import { parseJson } from '../../src/databricks/json.js'
import {
  generateScenario,
  startEmulator,
  type Emulator,
  type ScenarioJson,
} from '../../emulator/index.js'
import { call } from './helpers.js'

const started: Emulator[] = []
const start = async (...args: Parameters<typeof startEmulator>) => {
  const emu = await startEmulator(...args)
  started.push(emu)
  return emu
}
afterAll(() => Promise.all(started.map((e) => e.close())))

/** An id a double cannot hold exactly (the caller's 2^62 can, so it would prove nothing). */
const inexact = (id: string): boolean => BigInt(Number(id)) !== BigInt(id)
const pause = (b?: { pause_status?: string }) => (b ? (b.pause_status ?? 'UNPAUSED') : '-')

describe('scenarios', () => {
  it('small: every pause-state combination, keep tags, ids above 2^53, states and sources', async () => {
    const emu = await start({ clockSpeed: 0 })
    const ws = emu.ws()
    const combos = new Set(
      [...ws.jobs.values()].map((j) => {
        const s = j.settings
        const kind = s.trigger ? Object.keys(s.trigger).find((k) => k !== 'pause_status') : '-'
        return `${pause(s.schedule)}|${pause(s.trigger)}:${kind}|${pause(s.continuous)}|${s.triggers ? 'multi' : '-'}`
      }),
    )
    for (const c of [
      '-|-:-|-|-',
      'UNPAUSED|-:-|-|-',
      'PAUSED|-:-|-|-',
      '-|UNPAUSED:file_arrival|-|-',
      '-|PAUSED:file_arrival|-|-',
      '-|UNPAUSED:periodic|-|-',
      '-|PAUSED:periodic|-|-',
      '-|UNPAUSED:table_update|-|-',
      '-|-:-|UNPAUSED|-',
      '-|-:-|PAUSED|-',
      'UNPAUSED|PAUSED:file_arrival|-|-',
      'PAUSED|UNPAUSED:periodic|-|-',
      '-|-:-|-|multi',
    ]) {
      expect(combos).toContain(c)
    }
    expect([...ws.jobs.values()].some((j) => j.settings.tags?.['databricks-halt'] === 'keep')).toBe(
      true,
    )
    expect(
      [...ws.clusters.values()].some((c) => c.custom_tags?.['databricks-halt'] === 'keep'),
    ).toBe(true)
    expect([...ws.jobs.keys()].some(inexact)).toBe(true)
    expect([...ws.runs.keys()].some(inexact)).toBe(true)
    expect([...emu.account.users.keys()].some(inexact)).toBe(true)
    const states = new Set([...ws.clusters.values()].map((c) => c.state))
    const sources = new Set([...ws.clusters.values()].map((c) => c.cluster_source))
    for (const s of ['RUNNING', 'TERMINATED', 'PENDING', 'TERMINATING', 'ERROR'])
      expect(states).toContain(s)
    for (const s of ['UI', 'API', 'JOB', 'PIPELINE']) expect(sources).toContain(s)
    expect(
      [...ws.runs.values()].some((r) =>
        ['RUNNING', 'PENDING', 'QUEUED'].includes(r.state.life_cycle_state),
      ),
    ).toBe(true)
    expect([...ws.runs.values()].some((r) => r.state.life_cycle_state === 'TERMINATED')).toBe(true)
    expect([...ws.assignments.values()].some((a) => a.permissions.includes('ADMIN'))).toBe(true)
    expect([...ws.assignments.values()].some((a) => a.permissions.includes('USER'))).toBe(true)
    expect(
      new Set(
        [...ws.assignments.values()].map((a) =>
          Object.keys(a.principal).find((k) => k.endsWith('_name')),
        ),
      ),
    ).toEqual(new Set(['user_name', 'group_name', 'service_principal_name']))
    for (const m of [
      ws.warehouses,
      ws.instancePools,
      ws.pipelines,
      ws.apps,
      ws.alerts,
      ws.dashboards,
      ws.servingEndpoints,
      ws.vectorSearchEndpoints,
    ]) {
      expect(m.size).toBeGreaterThan(0)
    }
    expect(ws.assignments.get(emu.adminPrincipalId)!.permissions).toEqual(['ADMIN'])
    expect(emu.account.admins.has(emu.adminPrincipalId)).toBe(true)
  })

  it('the generator is deterministic for a seed and differs across seeds', () => {
    const a = generateScenario('small', 5, 1, 0)
    expect(generateScenario('small', 5, 1, 0)).toEqual(a)
    expect(generateScenario('small', 6, 1, 0)).not.toEqual(a)
  })

  it('large: the documented sizes', () => {
    const s = generateScenario('large', 1, 1, Date.now())
    const w = s.workspaces![0]
    expect(s.users!.length + s.groups!.length + s.servicePrincipals!.length).toBe(2000)
    expect(w.jobs).toHaveLength(3000)
    expect(
      w.runs!.filter((r) => r.state.life_cycle_state !== 'TERMINATED').length,
    ).toBeGreaterThanOrEqual(200)
    expect(w.clusters!.filter((c) => !c.cluster_name.includes('-run-'))).toHaveLength(300)
    expect(w.warehouses).toHaveLength(40)
  })

  it('several workspaces, each on its own port with its own id; the admin is ADMIN in each', async () => {
    const emu = await start({ workspaces: 2, clockSpeed: 0, scenario: 'empty' })
    expect(emu.workspaces).toHaveLength(2)
    expect(new Set(emu.workspaces.map((w) => w.url)).size).toBe(2)
    for (const [i, w] of emu.workspaces.entries()) {
      const me = await call(w.url, '/api/2.0/preview/scim/v2/Me', { token: emu.adminToken })
      expect(me.headers.get('x-databricks-org-id')).toBe(w.workspaceId)
      expect(emu.ws(i).assignments.get(emu.adminPrincipalId)!.permissions).toEqual(['ADMIN'])
    }
  })

  it('a hand-written JSON scenario loads with exact ids', async () => {
    const text = `{"users":[{"id":9007199254740993,"userName":"a@x.com","displayName":"A"}],
      "workspaces":[{"workspaceId":"7777777777777777","assignments":[{"principalId":"9007199254740993","permissions":["USER"]}],
      "jobs":[{"job_id":9007199254740995,"settings":{"name":"j"}}]}]}`
    const emu = await start({ scenario: parseJson(text) as ScenarioJson, clockSpeed: 0 })
    expect(emu.workspace.workspaceId).toBe('7777777777777777')
    expect(emu.ws().jobs.has('9007199254740995')).toBe(true)
    expect(emu.ws().assignments.get('9007199254740993')!.principal.user_name).toBe('a@x.com')
  })
})

describe('assignment oddities from a hand-written scenario', () => {
  it('UNKNOWN permissions and per-assignment errors are listed as given; UNKNOWN grants no access', async () => {
    const emu = await start({
      clockSpeed: 0,
      scenario: {
        users: [{ id: '5', userName: 'odd@x.com', displayName: 'Odd' }],
        workspaces: [
          {
            assignments: [
              {
                principalId: '5',
                permissions: ['UNKNOWN'],
                error: 'Principal is being provisioned',
              },
            ],
          },
        ],
      },
    })
    const res = await call(
      emu.accountUrl,
      `/api/2.0/accounts/${emu.accountId}/workspaces/${emu.workspace.workspaceId}/permissionassignments`,
      { token: emu.adminToken },
    )
    const odd = res.json.permission_assignments.find(
      (a: { principal: { principal_id: string } }) => a.principal.principal_id === '5',
    )
    expect(odd).toMatchObject({ permissions: ['UNKNOWN'], error: 'Principal is being provisioned' })
    expect(
      (await call(emu.workspace.url, '/api/2.0/preview/scim/v2/Me', { token: emu.tokenFor('5') }))
        .status,
    ).toBe(403)
  })
})
