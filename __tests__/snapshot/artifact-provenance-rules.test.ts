import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import * as github from '@actions/github'
import { createServer, type Server } from 'node:http'
import { close, listen, sendJson } from '../../__fixtures__/http-util.js'
import { RunProvenance, type ProvenanceOptions } from '../../src/snapshot/artifact-provenance.js'

// Each rule of RunProvenance against a loopback server that answers GitHub's two REST calls
// (GET a workflow run, GET the repository) with exactly the run a test describes, through the real
// Octokit client. The round trips with artifacts are in __tests__/action/artifact-provenance.test.ts.

const OWNER = 'acme'
const REPO = 'platform'
/** A trusted run: this repository's halt.yml on main, calling databricks-halt.yml. */
const base = {
  event: 'workflow_dispatch',
  head_branch: 'main' as string | null,
  path: '.github/workflows/halt.yml',
  head_repository: { full_name: 'acme/platform' } as { full_name?: string } | null,
  repository: { full_name: 'acme/platform' } as { full_name?: string } | null | undefined,
  referenced_workflows: [
    { path: 'acme/platform/.github/workflows/databricks-halt.yml@refs/heads/main' },
  ] as Array<{ path: string }> | null | undefined,
}
type Run = typeof base

const runs = new Map<number, Partial<Run>>()
const asked: string[] = []
let server: Server
let url = ''

beforeAll(async () => {
  server = createServer((req, res) => {
    // GitHub's paths ignore the case of owner and repository.
    const path = new URL(req.url ?? '/', 'http://x').pathname.toLowerCase()
    asked.push(path)
    if (path === `/repos/${OWNER}/${REPO}`) return sendJson(res, 200, { default_branch: 'main' })
    const id = Number(/^\/repos\/acme\/platform\/actions\/runs\/(\d+)$/.exec(path)?.[1])
    const run = runs.get(id)
    if (!run) return sendJson(res, 500, { message: 'Server Error' })
    const body: Record<string, unknown> = { id, ...base, ...run }
    for (const k of Object.keys(body)) if (body[k] === undefined) delete body[k]
    sendJson(res, 200, body)
  })
  url = `http://127.0.0.1:${await listen(server)}`
})
afterAll(() => close(server))

let nextRun = 1
/** The verdict on one run described by `run`, from a new RunProvenance. */
async function verdict(
  run: Partial<Run>,
  options: Partial<ProvenanceOptions> = {},
): Promise<{ id: number; reason: string | undefined }> {
  const id = nextRun++
  runs.set(id, run)
  const provenance = new RunProvenance({
    octokit: github.getOctokit('t', { baseUrl: url }),
    owner: OWNER,
    repo: REPO,
    workflowRef: 'acme/platform/.github/workflows/halt.yml@refs/heads/main',
    ...options,
  })
  return { id, reason: await provenance.untrustedReason(String(id)) }
}

describe('run provenance rules', () => {
  it('trusts a run of this repository on the default branch that ran the halt', async () => {
    expect((await verdict({})).reason).toBeUndefined()
    // GitHub keeps the owner's case; names compare without it.
    expect(
      (
        await verdict({
          head_repository: { full_name: 'ACME/Platform' },
          repository: { full_name: 'Acme/PLATFORM' },
        })
      ).reason,
    ).toBeUndefined()
    expect((await verdict({}, { owner: OWNER.toUpperCase() })).reason).toBeUndefined()
    // A run without a repository field is judged by its head repository.
    expect((await verdict({ repository: undefined })).reason).toBeUndefined()
  })

  it('refuses a fork, a run of another repository, and a run whose head repository is gone', async () => {
    let v = await verdict({ head_repository: { full_name: 'mallory/platform' } })
    expect(v.reason).toBe(`run ${v.id} is from mallory/platform, not acme/platform (a fork)`)
    v = await verdict({ repository: { full_name: 'mallory/platform' } })
    expect(v.reason).toBe(`run ${v.id} is from acme/platform, not acme/platform (a fork)`)
    v = await verdict({ head_repository: null })
    expect(v.reason).toBe(`run ${v.id} is from (unknown), not acme/platform (a fork)`)
    v = await verdict({ head_repository: {} })
    expect(v.reason).toBe(`run ${v.id} is from (unknown), not acme/platform (a fork)`)
  })

  it('refuses every pull request event, and only those', async () => {
    for (const event of ['pull_request', 'pull_request_target', 'pull_request_review']) {
      const v = await verdict({ event })
      expect(v.reason).toBe(`run ${v.id} was triggered by ${event}`)
    }
    for (const event of ['push', 'schedule', 'workflow_call'])
      expect((await verdict({ event })).reason).toBeUndefined()
  })

  it('refuses another branch or none, unless trusted-refs names it', async () => {
    let v = await verdict({ head_branch: 'attacker' })
    expect(v.reason).toBe(
      `run ${v.id} ran on attacker, not the default branch main or a ref in trusted-refs`,
    )
    v = await verdict({ head_branch: null })
    expect(v.reason).toBe(
      `run ${v.id} ran on no branch, not the default branch main or a ref in trusted-refs`,
    )
    v = await verdict({ head_branch: '' })
    expect(v.reason).toBe(
      `run ${v.id} ran on no branch, not the default branch main or a ref in trusted-refs`,
    )
    const trustedRefs = ['refs/heads/release', ' refs/tags/v1.2 ', 'hotfix', 'team/refs/heads/x']
    for (const head_branch of ['release', 'v1.2', 'hotfix', 'team/refs/heads/x', 'main'])
      expect((await verdict({ head_branch }, { trustedRefs })).reason).toBeUndefined()
    for (const head_branch of ['refs/heads/release', 'team/x', 'x', 'heads/release']) {
      v = await verdict({ head_branch }, { trustedRefs })
      expect(v.reason).toBe(
        `run ${v.id} ran on ${head_branch}, not the default branch main or a ref in trusted-refs`,
      )
    }
  })

  it("trusts this run's own workflow file or a run that called one of the project's workflows", async () => {
    const none = { referenced_workflows: [] }
    // This run's own file, in any case, at any ref.
    expect((await verdict({ ...none, path: '.github/workflows/Halt.yml' })).reason).toBeUndefined()
    expect(
      (
        await verdict(
          { ...none, path: '.github/workflows/direct.yml@refs/heads/main' },
          { workflowRef: 'ACME/platform/.github/workflows/DIRECT.yml@refs/tags/v9' },
        )
      ).reason,
    ).toBeUndefined()
    // The project's reusable workflows, called at any ref or run as the file itself.
    for (const path of [
      'other/tools/.github/workflows/fleet.yml@refs/heads/v2',
      'acme/platform/.github/workflows/DATABRICKS-HALT.yml@main',
    ]) {
      expect(
        (await verdict({ path: '.github/workflows/nightly.yml', referenced_workflows: [{ path }] }))
          .reason,
      ).toBeUndefined()
    }
    expect(
      (await verdict({ path: '.github/workflows/fleet.yml', referenced_workflows: null })).reason,
    ).toBeUndefined()
    expect(
      (await verdict({ path: '.github/workflows/fleet.yml', referenced_workflows: undefined }))
        .reason,
    ).toBeUndefined()
  })

  it('refuses another workflow and names the ones it expected', async () => {
    const foreign = {
      path: '.github/workflows/ci.yml@refs/heads/main',
      referenced_workflows: [{ path: 'mallory/tools/.github/workflows/halt.yml@refs/heads/main' }],
    }
    let v = await verdict(foreign)
    expect(v.reason).toBe(
      `run ${v.id} ran .github/workflows/ci.yml, not databricks-halt's workflow ` +
        '(acme/platform/.github/workflows/halt.yml, databricks-halt.yml, fleet.yml)',
    )
    v = await verdict(foreign, { workflowRef: undefined })
    expect(v.reason).toBe(
      `run ${v.id} ran .github/workflows/ci.yml, not databricks-halt's workflow ` +
        '(databricks-halt.yml, fleet.yml)',
    )
    // Every path counts, not only the first or the last.
    v = await verdict({
      path: '.github/workflows/ci.yml',
      referenced_workflows: [
        { path: 'acme/platform/.github/workflows/lint.yml@main' },
        { path: 'acme/platform/.github/workflows/fleet.yml@main' },
        { path: 'acme/platform/.github/workflows/test.yml@main' },
      ],
    })
    expect(v.reason).toBeUndefined()
    // A file whose name only ends like the project's workflow is not it.
    v = await verdict({
      path: '.github/workflows/my-databricks-halt.yml',
      referenced_workflows: [{ path: 'acme/platform/.github/workflows/xfleet.yml@main' }],
    })
    expect(v.reason).toBe(
      `run ${v.id} ran .github/workflows/my-databricks-halt.yml, not databricks-halt's workflow ` +
        '(acme/platform/.github/workflows/halt.yml, databricks-halt.yml, fleet.yml)',
    )
  })

  it('distrusts a run it cannot read, and asks about each run and the default branch once', async () => {
    const provenance = new RunProvenance({
      octokit: github.getOctokit('t', { baseUrl: url }),
      owner: OWNER,
      repo: REPO,
    })
    const id = nextRun++
    expect(await provenance.untrustedReason(String(id))).toBe(
      `its workflow run ${id} cannot be read (Server Error)`,
    )
    const a = nextRun++
    const b = nextRun++
    runs.set(a, { path: '.github/workflows/fleet.yml' })
    runs.set(b, { head_branch: 'x' })
    const from = asked.length
    expect(await provenance.untrustedReason(String(a))).toBeUndefined()
    expect(await provenance.untrustedReason(String(b))).toMatch(/ran on x/)
    expect(await provenance.untrustedReason(String(a))).toBeUndefined()
    expect(asked.slice(from).sort()).toEqual(
      [
        `/repos/acme/platform`,
        `/repos/acme/platform/actions/runs/${a}`,
        `/repos/acme/platform/actions/runs/${b}`,
      ].sort(),
    )
  })
})
