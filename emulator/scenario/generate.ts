/** A seeded generator of realistic workspaces: the `small` and `large` presets. */
import type { Obj } from '../http/router.js'
import { Rng } from '../engine/random.js'
import type { ScenarioJson, WorkspaceScenario } from './types.js'
import { generateCompute } from './generate-compute.js'
import { generateJobs } from './generate-jobs.js'

export interface Sizes {
  users: number
  groups: number
  servicePrincipals: number
  jobs: number
  activeRuns: number
  finishedRuns: number
  clusters: number
  warehouses: number
  pools: number
  pipelines: number
  apps: number
  alerts: number
  dashboards: number
  servingEndpoints: number
  vectorSearchEndpoints: number
}

const PRESETS: Record<'small' | 'large', Sizes> = {
  small: {
    users: 12,
    groups: 4,
    servicePrincipals: 4,
    jobs: 30,
    activeRuns: 6,
    finishedRuns: 10,
    clusters: 14,
    warehouses: 4,
    pools: 3,
    pipelines: 4,
    apps: 3,
    alerts: 3,
    dashboards: 2,
    servingEndpoints: 2,
    vectorSearchEndpoints: 2,
  },
  large: {
    users: 1500,
    groups: 200,
    servicePrincipals: 300,
    jobs: 3000,
    activeRuns: 200,
    finishedRuns: 400,
    clusters: 300,
    warehouses: 40,
    pools: 20,
    pipelines: 60,
    apps: 30,
    alerts: 60,
    dashboards: 40,
    servingEndpoints: 20,
    vectorSearchEndpoints: 10,
  },
}

const MAX_SAFE = 9007199254740991n

/**
 * A principal id: 16 digits like real ones, one in ten above 2^53 and odd there, so a double
 * cannot hold it (above 2^53 doubles are 2 apart): JSON.parse would change it.
 */
export function principalId(rng: Rng, i: number): string {
  if (i % 10 === 3)
    return String(MAX_SAFE + 2n + 2n * (BigInt(rng.int(0, 1e9)) * 1000n + BigInt(i)))
  return String(1_000_000_000_000_000 + rng.int(0, 7e8) * 1e6 + i)
}

const FIRST = [
  'ada',
  'grace',
  'alan',
  'edsger',
  'barbara',
  'ken',
  'dennis',
  'linus',
  'margaret',
  'john',
]
const LAST = [
  'lovelace',
  'hopper',
  'turing',
  'dijkstra',
  'liskov',
  'thompson',
  'ritchie',
  'hamilton',
]

function directory(
  rng: Rng,
  size: Sizes,
): Required<Pick<ScenarioJson, 'users' | 'groups' | 'servicePrincipals'>> {
  const users: Obj[] = []
  for (let i = 0; i < size.users; i++) {
    const name = `${rng.pick(FIRST)}.${rng.pick(LAST)}${i}`
    users.push({
      id: principalId(rng, i),
      userName: `${name}@example.com`,
      displayName: name.replace('.', ' '),
      active: rng.chance(0.95),
      emails: [{ value: `${name}@example.com`, primary: true, type: 'work' }],
    })
  }
  const servicePrincipals: Obj[] = []
  for (let i = 0; i < size.servicePrincipals; i++) {
    servicePrincipals.push({
      id: principalId(rng, size.users + i),
      applicationId: rng.uuid(),
      displayName: `sp-${['etl', 'ci', 'ml', 'bi'][i % 4]}-${i}`,
      active: true,
    })
  }
  const groups: Obj[] = []
  for (let i = 0; i < size.groups; i++) {
    const pool = [...users, ...servicePrincipals]
    const members = new Map<string, Obj>()
    for (let k = 0; k < Math.min(pool.length, 3 + rng.int(0, 8)); k++) {
      const m = rng.pick(pool)
      members.set(m.id, { value: m.id, display: m.displayName })
    }
    groups.push({
      id: principalId(rng, size.users + size.servicePrincipals + i),
      displayName: i === 0 ? 'data-eng' : `team-${i}`,
      members: [...members.values()],
    })
  }
  return { users, groups, servicePrincipals }
}

function assignments(
  rng: Rng,
  dir: ReturnType<typeof directory>,
): WorkspaceScenario['assignments'] {
  const out: NonNullable<WorkspaceScenario['assignments']> = []
  const all = [...dir.users, ...dir.groups, ...dir.servicePrincipals]
  for (const p of all) {
    if (rng.chance(0.15)) continue
    out.push({ principalId: p.id, permissions: [rng.chance(0.15) ? 'ADMIN' : 'USER'] })
  }
  return out
}

export function generateScenario(
  preset: 'small' | 'large',
  seed: number,
  workspaces: number,
  now: number,
): ScenarioJson {
  const rng = new Rng(seed)
  const size = PRESETS[preset]
  const dir = directory(rng, size)
  const sps = dir.servicePrincipals
  const spares = sps.length ? [sps[0].id] : []
  const out: ScenarioJson = {
    accountId: rng.uuid(),
    ...dir,
    // A few non-caller account admins: the first service principal acts as CI's identity.
    accountAdmins: spares,
    workspaces: [],
  }
  for (let w = 0; w < Math.max(1, workspaces); w++) {
    const wrng = new Rng(seed * 7919 + w + 1)
    const creators = dir.users.map((u) => u.userName as string)
    const { jobs, runs, jobClusters } = generateJobs(wrng, size, creators, w, now)
    out.workspaces!.push({
      workspaceId: String(1_234_567_890_123_456n + BigInt(w) * 1_111_111n + BigInt(seed)),
      assignments: assignments(wrng, dir),
      jobs,
      runs,
      ...generateCompute(wrng, size, creators, now, jobs, jobClusters),
    })
  }
  return out
}
