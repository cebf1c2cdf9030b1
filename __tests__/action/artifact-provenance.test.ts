import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { holdStdout, type HeldStdout } from '../../__fixtures__/capture-stdout.js'
import { GitHubDouble, type WorkflowRunMeta } from '../../__fixtures__/github-double.js'
import { MemoryLogger } from '../../__fixtures__/memory-logger.js'
import { SafetyError } from '../../src/errors.js'
import type {
  ArtifactSnapshotStore as Store,
  ArtifactStoreOptions,
} from '../../src/snapshot/artifact-store.js'

// Provenance: an artifact named like a snapshot or marker counts only if GitHub's REST API says its
// workflow run is this repository's databricks-halt workflow on the default branch (or a trusted
// ref) and not a pull request. The double answers GET /actions/runs/{id} as GitHub does.
let gh: GitHubDouble
let ArtifactSnapshotStore: typeof Store
const saved = { ...process.env }

let held: HeldStdout | undefined
beforeAll(async () => {
  held = holdStdout()
  gh = await GitHubDouble.start()
  delete process.env.GITHUB_SERVER_URL
  process.env.GITHUB_API_URL = `${gh.url}/api`
  process.env.GITHUB_WORKSPACE = mkdtempSync(join(tmpdir(), 'ws-'))
  ;({ ArtifactSnapshotStore } = await import('../../src/snapshot/artifact-store.js'))
})

afterAll(async () => {
  held?.release()
  process.env = saved
  await gh.close()
})

function storeInRun(
  runId: number,
  options: Partial<ArtifactStoreOptions> = {},
): { store: Store; logger: MemoryLogger } {
  process.env.ACTIONS_RUNTIME_TOKEN = gh.runtimeToken(runId)
  process.env.ACTIONS_RESULTS_URL = `${gh.url}/`
  const logger = new MemoryLogger()
  const store = new ArtifactSnapshotStore({
    logger,
    retentionDays: 7,
    githubToken: gh.githubToken,
    repository: `${gh.owner}/${gh.repo}`,
    runId: String(runId),
    runAttempt: '1',
    tempDir: mkdtempSync(join(tmpdir(), 'store-')),
    workflowRef: `${gh.owner}/${gh.repo}/.github/workflows/halt.yml@refs/heads/main`,
    ...options,
  })
  return { store, logger }
}

let nextRun = 7000
let minute = 0
/** A genuine stop (default run metadata), then a newer snapshot planted by a run described by `meta`. */
async function genuineThenPlanted(ws: string, meta: Partial<WorkflowRunMeta>) {
  const at = () => `2026-11-27T10:${String(minute++ % 60).padStart(2, '0')}:00.000Z`
  const genuineRun = nextRun++
  const genuine = await storeInRun(genuineRun).store.save({
    workspaceId: ws,
    createdAt: at(),
    content: `{"genuine": true}\n`,
  })
  const plantRun = nextRun++
  gh.setRun(plantRun, meta)
  const planted = await storeInRun(plantRun).store.save({
    workspaceId: ws,
    createdAt: at(),
    content: `{"planted": true}\n`,
  })
  return { genuine, planted, plantRun }
}

const warnings = (logger: MemoryLogger) =>
  logger.lines.filter((l) => l.startsWith('warning')).join('\n')

describe('artifact provenance', () => {
  it.each<[string, Partial<WorkflowRunMeta>, RegExp]>([
    ['a fork', { headRepository: 'mallory/platform' }, /is from mallory\/platform.*fork/],
    [
      'another branch',
      { head_branch: 'attacker', referenced_workflows: [] },
      /ran on attacker, not the default branch main/,
    ],
    ['a pull_request run', { event: 'pull_request' }, /triggered by pull_request/],
    [
      'a pull_request_target run',
      { event: 'pull_request_target' },
      /triggered by pull_request_target/,
    ],
    [
      'another workflow of the default branch',
      { path: '.github/workflows/ci.yml', referenced_workflows: [] },
      /ran \.github\/workflows\/ci\.yml, not databricks-halt's workflow/,
    ],
  ])(
    'skips a newer snapshot from %s with a warning, and refuses it when named',
    async (_what, meta, reason) => {
      const ws = String(100 + nextRun)
      const { genuine, planted, plantRun } = await genuineThenPlanted(ws, meta)
      const { store, logger } = storeInRun(nextRun++)

      const listed = await store.list(ws)
      expect(listed.map((e) => e.ref)).toEqual([genuine.ref])
      expect(warnings(logger)).toContain(planted.name)
      expect(warnings(logger)).toMatch(reason)
      expect(await store.read(listed[0])).toBe(`{"genuine": true}\n`)

      for (const named of [planted.name, planted.ref, String(plantRun)]) {
        const fresh = storeInRun(nextRun++).store
        await expect(fresh.resolve(named)).rejects.toThrow(SafetyError)
        await expect(fresh.resolve(named)).rejects.toThrow(reason)
      }
    },
  )

  it('trusts a ref listed in trusted-refs, and only that one', async () => {
    const ws = String(100 + nextRun)
    const { planted } = await genuineThenPlanted(ws, { head_branch: 'release' })
    const trusting = storeInRun(nextRun++, { trustedRefs: ['refs/heads/release'] }).store
    expect((await trusting.list(ws))[0].ref).toBe(planted.ref)
    const other = storeInRun(nextRun++, { trustedRefs: ['refs/heads/hotfix'] }).store
    expect((await other.list(ws))[0].ref).not.toBe(planted.ref)
  })

  it('trusts a run of another caller workflow that used the reusable workflow, and this run its own file', async () => {
    const ws = String(100 + nextRun)
    // A scheduled window's own file that calls databricks-halt.yml: trusted by the reference.
    const { planted: scheduled } = await genuineThenPlanted(ws, {
      event: 'schedule',
      path: '.github/workflows/maintenance-window.yml',
    })
    expect((await storeInRun(nextRun++).store.list(ws))[0].ref).toBe(scheduled.ref)
    // A workflow that runs the Action directly: trusted when it is this run's own workflow file.
    const { planted: direct } = await genuineThenPlanted(ws, {
      path: '.github/workflows/direct.yml',
      referenced_workflows: [],
    })
    const own = `${gh.owner}/${gh.repo}/.github/workflows/direct.yml@refs/heads/main`
    expect((await storeInRun(nextRun++, { workflowRef: own }).store.list(ws))[0].ref).toBe(
      direct.ref,
    )
    expect((await storeInRun(nextRun++).store.list(ws))[0].ref).not.toBe(direct.ref)
  })

  it('ignores a restored marker planted by a fork, so the genuine snapshot stays open', async () => {
    const ws = String(100 + nextRun)
    const genuine = await storeInRun(nextRun++).store.save({
      workspaceId: ws,
      createdAt: '2026-11-27T11:00:00.000Z',
      content: '{}\n',
    })
    const forkRun = nextRun++
    gh.setRun(forkRun, { headRepository: 'mallory/platform', event: 'pull_request' })
    await storeInRun(forkRun).store.markRestored(genuine, {
      workspaceId: ws,
      checksum: 'sha256:forged',
      text: '{"forged": true}\n',
    })
    const { store, logger } = storeInRun(nextRun++)
    expect(await store.markers(ws)).toEqual([])
    expect((await store.list(ws)).map((e) => [e.ref, e.restored])).toEqual([[genuine.ref, false]])
    expect(warnings(logger)).toMatch(/databricks-halt-restored-ws\d+-artifact\d+/)
  })

  it('says "no branch" for a run without a head branch, and refuses it', async () => {
    const ws = String(100 + nextRun)
    const { genuine } = await genuineThenPlanted(ws, { head_branch: null })
    const { store, logger } = storeInRun(nextRun++)
    expect((await store.list(ws)).map((e) => e.ref)).toEqual([genuine.ref])
    expect(warnings(logger)).toMatch(
      /ran on no branch, not the default branch main or a ref in trusted-refs/,
    )
  })

  it('compares repository names without case, and trusts tags and refs given with spaces', async () => {
    const ws = String(100 + nextRun)
    // GitHub keeps the case an owner chose; GITHUB_REPOSITORY may spell it otherwise.
    const upper = `${gh.owner.toUpperCase()}/${gh.repo[0].toUpperCase()}${gh.repo.slice(1)}`
    const { planted } = await genuineThenPlanted(ws, { headRepository: upper })
    expect((await storeInRun(nextRun++).store.list(ws))[0].ref).toBe(planted.ref)
    const { planted: tagged } = await genuineThenPlanted(ws, { head_branch: 'v1.2' })
    const trusting = storeInRun(nextRun++, { trustedRefs: [' refs/tags/v1.2 '] }).store
    expect((await trusting.list(ws))[0].ref).toBe(tagged.ref)
    expect((await storeInRun(nextRun++).store.list(ws))[0].ref).not.toBe(tagged.ref)
  })

  it('trusts a run that called fleet.yml, and names the expected workflows when it refuses one', async () => {
    const ws = String(100 + nextRun)
    const fleet = `${gh.owner}/${gh.repo}/.github/workflows/fleet.yml@refs/heads/main`
    const { planted } = await genuineThenPlanted(ws, {
      path: '.github/workflows/nightly.yml',
      referenced_workflows: [fleet],
    })
    expect((await storeInRun(nextRun++).store.list(ws))[0].ref).toBe(planted.ref)
    // A workflow of the same file name in another repository is not this project's workflow.
    const { planted: foreign } = await genuineThenPlanted(ws, {
      path: '.github/workflows/nightly.yml',
      referenced_workflows: ['mallory/tools/.github/workflows/halt.yml@refs/heads/main'],
    })
    const { store, logger } = storeInRun(nextRun++)
    expect((await store.list(ws))[0].ref).not.toBe(foreign.ref)
    expect(warnings(logger)).toContain(
      `ran .github/workflows/nightly.yml, not databricks-halt's workflow ` +
        `(${gh.owner}/${gh.repo}/.github/workflows/halt.yml, databricks-halt.yml, fleet.yml)`,
    )
  })

  it('asks GitHub about each run and the default branch once per store', async () => {
    const ws = String(100 + nextRun)
    const { plantRun } = await genuineThenPlanted(ws, { head_branch: 'attacker' })
    const { store } = storeInRun(nextRun++)
    const from = gh.requests.length
    await store.list(ws)
    await store.list(ws)
    const asked = gh.requests.slice(from).map((r) => r.path)
    expect(asked.filter((p) => p.endsWith(`/actions/runs/${plantRun}`))).toHaveLength(1)
    expect(asked.filter((p) => p === `/api/repos/${gh.owner}/${gh.repo}`)).toHaveLength(1)
  })

  it('distrusts a run GitHub cannot describe, or whose head repository is gone', async () => {
    const ws = String(100 + nextRun)
    const { genuine, plantRun } = await genuineThenPlanted(ws, {})
    gh.fail.runs = [plantRun]
    try {
      const { store, logger } = storeInRun(nextRun++)
      expect((await store.list(ws)).map((e) => e.ref)).toEqual([genuine.ref])
      expect(warnings(logger)).toContain(
        `its workflow run ${plantRun} cannot be read (Server Error)`,
      )
    } finally {
      gh.fail.runs = []
    }
    const second = await genuineThenPlanted(ws, { headRepository: null })
    const orphan = second.plantRun
    const { store, logger } = storeInRun(nextRun++)
    expect((await store.list(ws))[0].ref).toBe(second.genuine.ref)
    expect(warnings(logger)).toContain(
      `run ${orphan} is from (unknown), not ${gh.owner}/${gh.repo} (a fork)`,
    )
  })
})
