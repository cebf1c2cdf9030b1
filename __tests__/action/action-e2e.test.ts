import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { quietStartTime, startEmulator, type Emulator } from '../../emulator/index.js'
import { readFileSync } from 'node:fs'
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { configuration, differences } from '../../scripts/workspace-state.js'
import { actionBundle, BUNDLE_TIMEOUT_MS, sourceHash } from '../../__fixtures__/action-bundle.js'
import { runStep, type StepResult } from '../../__fixtures__/action-runner.js'
import { leaks } from '../../__fixtures__/capture-stdout.js'
import { MaskWatch } from '../../__fixtures__/mask-watch.js'
import {
  ARM_SCOPE,
  DATABRICKS_SCOPE,
  EntraDouble,
  githubCredential,
} from '../../__fixtures__/entra-double.js'
import { GITHUB_ISSUER, GitHubDouble } from '../../__fixtures__/github-double.js'
import { call } from '../emulator/helpers.js'
import { parseJson } from '../../src/databricks/json.js'
import { ReportJsonSchema } from '../../src/report-json.js'

/**
 * The action, bundled by ncc from the current src/ (not the committed dist/), run as the runner runs it, against loopback doubles of GitHub
 * (OIDC issuer, results service, blob store, REST API), an https Entra ID, and the Databricks
 * emulator, which accepts only the tokens the sign-in path produced (never its admin token).
 */

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47'
const CLIENT = '0b6c2d2e-1a8b-4c2e-9a57-3f4f2f7b9d10'
const SUBJECT = 'repo:acme/platform:environment:prod'
let gh: GitHubDouble
let entra: EntraDouble
let emu: Emulator
let nextRun = 5000
/** Whom the Entra token signs in as in the emulator (the admin unless a test says otherwise). */
let signInAs: string | undefined
/** Each credential sent to Databricks or Entra must have been masked first (mask-watch.ts). */
const masks = new MaskWatch()

beforeAll(async () => {
  await actionBundle()
}, BUNDLE_TIMEOUT_MS)

beforeAll(async () => {
  gh = await GitHubDouble.start({ subject: SUBJECT })
  entra = await EntraDouble.start({
    credentials: [githubCredential(TENANT, CLIENT, SUBJECT)],
    // Entra's token is what the workspace must accept: register exactly that one, for the admin.
    scopes: [DATABRICKS_SCOPE, ARM_SCOPE],
    // Each token is good where its scope says: the workspace, or the ARM double (when started).
    onIssue: (token, scope) => {
      if (scope === ARM_SCOPE) emu.arm?.addToken(token)
      else emu.addToken(token, signInAs ?? emu.adminPrincipalId)
    },
  })
  entra.observers.add(masks.entra)
})

afterAll(async () => {
  await Promise.all([gh?.close(), entra?.close()])
})

beforeEach(async () => {
  gh.subject = SUBJECT
  gh.fail = {}
  // Each test gets a fresh workspace (same seed, same id) and so a fresh repository of artifacts:
  // an open snapshot left by an earlier test would otherwise be this test's open snapshot.
  gh.artifacts.length = 0
  signInAs = undefined
  emu = await startEmulator({
    scenario: 'small',
    seed: 7,
    startTime: quietStartTime(),
    rateLimits: 'off',
    propagationDelayMs: 0,
    transitionMs: 50,
  })
  emu.onRequest(masks.databricks)
})

afterEach(async () => {
  await emu.close()
})

/** One workflow run: a run id and the runtime token its job gets (shared by its steps). */
function newRun(options: { idToken?: boolean } = {}) {
  const runId = nextRun++
  const env = {
    ...gh.runnerEnv({ runId, idToken: options.idToken }),
    NODE_EXTRA_CA_CERTS: entra.caFile,
  }
  return {
    runId: String(runId),
    step: (inputs: Record<string, string>) =>
      runStep({ ...azureInputs(), ...inputs }, env, { onStart: masks.start }),
  }
}

function azureInputs(): Record<string, string> {
  return {
    'workspace-url': emu.workspace.url,
    'account-id': emu.accountId,
    'account-host': emu.accountUrl,
    'azure-client-id': CLIENT,
    'azure-tenant-id': TENANT,
    'azure-authority-host': entra.url,
    'github-token': gh.githubToken,
    'retention-days': '5',
  }
}

const mutations = () => emu.requests.filter((r) => r.method !== 'GET' && !/\/oidc\//.test(r.path))

/** Every secret that exists in the test: none may show outside its own ::add-mask:: line. */
function expectNoLeaks(step: StepResult): void {
  // Masked before first sent, checked as each request arrived: not only absent afterwards.
  expect(masks.checked).toBeGreaterThan(0)
  expect(masks.violations).toEqual([])
  const secrets = [...gh.secrets, ...entra.issued, emu.adminToken]
  expect(leaks(step.stdout, secrets)).toEqual([])
  expect(leaks(step.stderr, secrets)).toEqual([])
  expect(leaks(step.summary, secrets)).toEqual([])
  expect(leaks(JSON.stringify(step.outputs), secrets)).toEqual([])
}

function expectOk(step: StepResult): void {
  if (step.code !== 0)
    throw new Error(`step failed (${step.code}):\n${step.errors.join('\n')}\n${step.stderr}`)
}

describe('the action, end to end', () => {
  it('runs a bundle built from the current src/, not the committed dist/', async () => {
    const bundle = resolve('node_modules/.cache/databricks-halt', `action-${sourceHash()}`)
    expect(await actionBundle()).toBe(join(bundle, 'index.js'))
  })

  it('azure-oidc: stop then restore in one run; outputs, summary, annotations, no token in the log', async () => {
    const before = configuration(emu.ws())
    const run = newRun()

    const stop = await run.step({ mode: 'stop', 'keep-principals': '' })
    expectOk(stop)
    const ws = emu.workspace.workspaceId
    expect(stop.outputs['snapshot-artifact-name']).toBe(
      `databricks-halt-snapshot-ws${ws}-run${run.runId}-attempt1`,
    )
    expect(stop.outputs['snapshot-run-id']).toBe(run.runId)
    expect(Number(stop.outputs.changed)).toBeGreaterThan(0)
    expect(stop.outputs.failed).toBe('0')
    expect(stop.outputs.report).toMatch(/databricks-halt-stop-.*\.json$/)
    expect(gh.artifacts.map((a) => String(a.id))).toContain(stop.outputs['snapshot-artifact-id'])
    // The artifact's own page, as GitHub links an uploaded artifact.
    const artifactUrl = `https://github.com/${gh.owner}/${gh.repo}/actions/runs/${run.runId}/artifacts/${stop.outputs['snapshot-artifact-id']}`
    expect(stop.outputs['snapshot-artifact-url']).toBe(artifactUrl)
    expect(stop.summary).toContain(`<a href="${artifactUrl}">`)
    // The report file is the CLI's JSON report (one serialiser), plus the artifact link.
    const report = ReportJsonSchema.parse(parseJson(readFileSync(stop.outputs.report, 'utf8')))
    expect(report.snapshot_artifact?.url).toBe(artifactUrl)
    expect(report.counts.changed).toBe(Number(stop.outputs.changed))
    expect(stop.summary).toContain('<h2>databricks-halt stop: done</h2>')
    expect(stop.summary).toContain(emu.workspace.url)
    expect(stop.summary).toContain(stop.outputs['snapshot-artifact-name'])
    expect(stop.summary).toMatch(/<td>jobs<\/td><td>\d+<\/td>/)
    expect([...emu.ws().assignments.keys()]).toEqual([emu.adminPrincipalId])
    // Before → after, as counted in the workspace: every assignment but the caller's went.
    const assigned = before['permission assignments'].length
    expect(stop.summary).toContain('<th>Active before → after</th>')
    expect(stop.summary).toMatch(
      new RegExp(`<td>permission_assignments</td><td>${assigned}</td><td>${assigned} → 1</td>`),
    )
    // Only the Entra token reached Databricks: every request ran as the admin it was registered for.
    expect(
      emu.requests.every((r) => r.principalId === emu.adminPrincipalId || /\/oidc\//.test(r.path)),
    ).toBe(true)
    expectNoLeaks(stop)

    const restore = await run.step({ mode: 'restore' })
    expectOk(restore)
    expect(restore.outputs['snapshot-artifact-id']).toBe(stop.outputs['snapshot-artifact-id'])
    expect(restore.outputs.conflicts).toBe('0')
    expect(restore.summary).toContain('<h2>databricks-halt restore: done</h2>')
    expect(restore.summary).toMatch(
      new RegExp(`<td>permission_assignments</td><td>${assigned - 1}</td><td>1 → ${assigned}</td>`),
    )
    expect(differences(before, configuration(emu.ws()))).toEqual([])
    expect(gh.artifactsOfRun(Number(run.runId)).map((a) => a.name)).toContain(
      `databricks-halt-restored-ws${ws}-artifact${stop.outputs['snapshot-artifact-id']}`,
    )
    expectNoLeaks(restore)
  })

  it('restores in a later run (another runtime token) the newest snapshot, found through the REST API', async () => {
    const before = configuration(emu.ws())
    const stop = await newRun().step({ mode: 'stop' })
    expectOk(stop)

    const later = newRun()
    const restore = await later.step({ mode: 'restore' })
    expectOk(restore)
    expect(restore.outputs['snapshot-run-id']).toBe(stop.outputs['snapshot-run-id'])
    // The restored snapshot's artifact, in the stop's run.
    expect(restore.outputs['snapshot-artifact-url']).toBe(stop.outputs['snapshot-artifact-url'])
    expect(restore.outputs['snapshot-artifact-url']).toContain(
      `/actions/runs/${stop.outputs['snapshot-run-id']}/artifacts/${stop.outputs['snapshot-artifact-id']}`,
    )
    expect(
      gh.requests.some((r) =>
        r.path.endsWith(`/actions/artifacts/${stop.outputs['snapshot-artifact-id']}/zip`),
      ),
    ).toBe(true)
    expect(differences(before, configuration(emu.ws()))).toEqual([])
    expectNoLeaks(restore)
  })

  it('stop twice across runs merges with the un-restored snapshot; restore gives back the first state', async () => {
    const before = configuration(emu.ws())
    expectOk(await newRun().step({ mode: 'stop' }))
    const second = await newRun().step({ mode: 'stop' })
    expectOk(second)
    expect(second.outputs.changed).toBe('0')
    expect(second.stdout).toMatch(
      /already halted by databricks-halt-snapshot-ws\d+-run\d+-attempt1; this stop merges with it/,
    )

    const restore = await newRun().step({ mode: 'restore' })
    expectOk(restore)
    expect(restore.outputs['snapshot-artifact-id']).toBe(second.outputs['snapshot-artifact-id'])
    expect(differences(before, configuration(emu.ws()))).toEqual([])

    // Both snapshots are settled: the next stop starts afresh instead of merging a stale record.
    const third = await newRun().step({ mode: 'stop' })
    expectOk(third)
    expect(third.stdout).not.toMatch(/merges with it/)
  })

  it('restores the snapshot of a named run id', async () => {
    const before = configuration(emu.ws())
    const stop = await newRun().step({ mode: 'stop' })
    expectOk(stop)
    const restore = await newRun().step({
      mode: 'restore',
      'restore-from': stop.outputs['snapshot-run-id'],
    })
    expectOk(restore)
    expect(restore.outputs['snapshot-artifact-id']).toBe(stop.outputs['snapshot-artifact-id'])
    expect(differences(before, configuration(emu.ws()))).toEqual([])
  })

  it('plan-to-apply pin: the apply job restores the snapshot the plan job resolved, not a newer one', async () => {
    const first = await newRun().step({ mode: 'stop' })
    expectOk(first)
    // The reusable workflow's plan job: a dry run whose output names the snapshot it resolved.
    const run = newRun()
    const plan = await run.step({ mode: 'restore', 'dry-run': 'true' })
    expectOk(plan)
    expect(plan.outputs['snapshot-artifact-id']).toBe(first.outputs['snapshot-artifact-id'])
    // Between approval and apply a newer snapshot appears (here a second, genuine stop).
    const newer = await newRun().step({ mode: 'stop' })
    expectOk(newer)
    const latest = await newRun().step({ mode: 'restore', 'dry-run': 'true' })
    expect(latest.outputs['snapshot-artifact-id']).toBe(newer.outputs['snapshot-artifact-id'])
    // The apply job gets the plan's id (databricks-halt.yml passes it as restore-from).
    const apply = await run.step({
      mode: 'restore',
      'restore-from': plan.outputs['snapshot-artifact-id'],
    })
    expectOk(apply)
    expect(apply.outputs['snapshot-artifact-id']).toBe(first.outputs['snapshot-artifact-id'])
    expect(apply.stdout).toContain(`Restoring from ${first.outputs['snapshot-artifact-name']}`)
    // Leave nothing open for the next test: the newer snapshot is still un-restored.
    expectOk(await newRun().step({ mode: 'restore' }))
  })

  it('fails with what to fix when the job lacks id-token: write, touching nothing', async () => {
    const entraCalls = entra.requests.length
    const step = await newRun({ idToken: false }).step({ mode: 'stop' })
    expect(step.code).toBe(2)
    expect(step.errors.join('\n')).toMatch(/id-token: write/)
    expect(emu.requests).toEqual([])
    expect(entra.requests).toHaveLength(entraCalls)
  })

  it('fails with the subject the federated credential needs when Entra rejects the assertion', async () => {
    gh.subject = 'repo:acme/platform:ref:refs/heads/feature'
    const step = await newRun().step({ mode: 'stop' })
    expect(step.code).toBe(2)
    const error = step.errors.join('\n')
    expect(error).toContain('AADSTS700213')
    expect(error).toContain('subject "repo:acme/platform:ref:refs/heads/feature"')
    expect(emu.requests).toEqual([])
    expectNoLeaks(step)
  })

  it('changes nothing when the snapshot upload fails', async () => {
    const before = configuration(emu.ws())
    gh.fail.createArtifact = true
    const run = newRun()
    const step = await run.step({ mode: 'stop' })
    expect(step.code).toBe(1) // the run could not finish; nothing was changed (README: exit codes)
    expect(step.errors.join('\n')).toMatch(/Could not save the snapshot.*Nothing was changed/s)
    expect(mutations()).toEqual([])
    expect(differences(before, configuration(emu.ws()))).toEqual([])
    expect(gh.artifactsOfRun(Number(run.runId))).toEqual([])
  })

  it('refuses with exit code 3 when the identity is not a direct workspace admin, touching nothing', async () => {
    const [userId] = [...emu.ws().assignments].find(
      ([, a]) => a.permissions.includes('USER') && !a.permissions.includes('ADMIN'),
    )!
    signInAs = userId
    emu.account.admins.add(userId) // account admin, but only a USER of the workspace
    const run = newRun()
    const step = await run.step({ mode: 'stop' })
    expect(step.code).toBe(3)
    expect(step.errors.join('\n')).toMatch(/Admin|ADMIN/)
    expect(mutations()).toEqual([])
    expect(gh.artifactsOfRun(Number(run.runId))).toEqual([])
  })

  it('databricks-oidc: exchanges the GitHub token at both endpoints and stops and restores', async () => {
    const sp = [...emu.account.servicePrincipals.values()][0]
    emu.configure({
      federationPolicies: [
        {
          clientId: String(sp.applicationId),
          issuer: GITHUB_ISSUER,
          audiences: [emu.accountId],
          subject: SUBJECT,
        },
      ],
    })
    const principal = emu.account.assignmentPrincipal(String(sp.id))!
    emu.ws().assignments.set(String(sp.id), { principal, permissions: ['ADMIN'] })
    const before = configuration(emu.ws())
    const run = newRun()
    const inputs = { 'azure-client-id': '', 'databricks-client-id': String(sp.applicationId) }

    const stop = await run.step({ ...inputs, mode: 'stop' })
    expectOk(stop)
    expectNoLeaks(stop)
    expect(emu.requests.some((r) => r.path === '/oidc/v1/token')).toBe(true)
    expect(emu.requests.some((r) => r.path === `/oidc/accounts/${emu.accountId}/v1/token`)).toBe(
      true,
    )
    expect([...emu.ws().assignments.keys()]).toEqual([String(sp.id)])
    expectOk(await run.step({ ...inputs, mode: 'restore' }))
    expect(differences(before, configuration(emu.ws()))).toEqual([])
  })

  it('runs outside GitHub with INPUT_* variables and DATABRICKS_TOKEN (show)', async () => {
    const step = await runStep(
      {
        mode: 'show',
        'workspace-url': emu.workspace.url,
        'account-id': emu.accountId,
        'account-host': emu.accountUrl,
        'fail-if-active': 'true',
      },
      { DATABRICKS_TOKEN: emu.adminToken },
      { onStart: masks.start },
    )
    expect(step.code).toBe(1) // the seeded workspace is busy: the gate fails
    expect(Number(step.outputs.active)).toBeGreaterThan(0)
    // Masked before its first use: checked as each request carrying it arrived.
    expect(masks.checked).toBeGreaterThan(0)
    expect(masks.violations).toEqual([])
    expect(leaks(step.stdout, [emu.adminToken])).toEqual([])
    expect(mutations()).toEqual([])
  })
})

describe('the action with snapshot-key', () => {
  const KEY_A = 'action-key-A-0123456789abcdef0123456789'
  const KEY_B = 'action-key-B-0123456789abcdef0123456789'
  const noKeyLeaks = (step: StepResult) => {
    for (const text of [step.stdout, step.stderr, step.summary, JSON.stringify(step.outputs)])
      expect(leaks(text, [KEY_A, KEY_B])).toEqual([])
  }

  it('refuses a snapshot signed with another key (exit 3, nothing changed); rotated keys restore it; keys are masked', async () => {
    const before = configuration(emu.ws())
    // Any job with another key (or none) can upload a snapshot artifact: here one signed with B.
    const planted = await newRun().step({ mode: 'stop', 'snapshot-key': KEY_B })
    expectOk(planted)
    expect(planted.summary).not.toContain('Snapshots are not authenticated')
    const changes = mutations().length
    const refused = await newRun().step({ mode: 'restore', 'snapshot-key': KEY_A })
    expect(refused.code).toBe(3)
    expect(refused.errors.join('\n')).toContain(
      `Snapshot ${planted.outputs['snapshot-artifact-name']} is not authenticated (signed with another key`,
    )
    expect(mutations()).toHaveLength(changes)
    const restore = await newRun().step({ mode: 'restore', 'snapshot-key': `${KEY_A}\n${KEY_B}` })
    expectOk(restore)
    expect(differences(before, configuration(emu.ws()))).toEqual([])
    for (const step of [planted, refused, restore]) noKeyLeaks(step)
  })

  it('without a key the job summary warns; an unsigned open snapshot blocks a keyed stop until ignore-open-snapshot names it', async () => {
    const unkeyed = await newRun().step({ mode: 'stop' })
    expectOk(unkeyed)
    expect(unkeyed.summary).toContain('Snapshots are not authenticated')
    const name = unkeyed.outputs['snapshot-artifact-name']
    const changes = mutations().length
    const refused = await newRun().step({ mode: 'stop', 'snapshot-key': KEY_A })
    expect(refused.code).toBe(3)
    const printed = /run the stop again with this option: ignore-open-snapshot: (\S+)$/m.exec(
      refused.errors.join('\n'),
    )
    expect(printed?.[1]).toBe(name)
    expect(mutations()).toHaveLength(changes)
    // The way out, exactly as printed.
    const fresh = await newRun().step({
      mode: 'stop',
      'snapshot-key': KEY_A,
      'ignore-open-snapshot': printed![1],
    })
    expectOk(fresh)
    expect(fresh.stdout).toContain(`Ignoring the newest snapshot ${name} as asked`)
    noKeyLeaks(fresh)
  })
})

describe('saved plans: the plan job uploads the plan, the apply job applies exactly that artifact', () => {
  it('plan → drift → apply by plan-artifact-id: planned changes made, the new item halted and named as not in the approved plan', async () => {
    const run = newRun()
    const plan = await run.step({ mode: 'stop', 'dry-run': 'true' })
    expectOk(plan)
    expect(mutations()).toEqual([])
    const planId = plan.outputs['plan-artifact-id']
    expect(planId).toMatch(/^\d+$/)
    // A dry run's `changed` is what it would change: the plan's items, not 0.
    const planned = ReportJsonSchema.parse(parseJson(readFileSync(plan.outputs.report, 'utf8')))
    expect(planned.counts.planned).toBeGreaterThan(0)
    expect(plan.outputs.changed).toBe(String(planned.counts.planned))
    expect(plan.outputs.changed).toBe(String(planned.plan_out?.items))
    expect(planned.census?.jobs?.before).toBeGreaterThan(planned.census?.jobs?.after ?? 0)
    expect(gh.artifacts.find((a) => String(a.id) === planId)?.name).toBe(
      `databricks-halt-plan-ws${emu.workspace.workspaceId}-run${run.runId}-attempt1`,
    )
    expect(plan.summary).toContain('Saved plan:')
    // Drift after the plan: a cluster started by hand.
    const idle = [...emu.ws().clusters.values()].find(
      (c) =>
        ['UI', 'API'].includes(c.cluster_source) &&
        c.state === 'TERMINATED' &&
        c.custom_tags?.['databricks-halt'] !== 'keep',
    )!
    await call(emu.workspace.url, '/api/2.1/clusters/start', {
      token: emu.adminToken,
      method: 'POST',
      body: { cluster_id: idle.cluster_id },
    })
    emu.clock.advance(5_000)
    const byHand = mutations().length

    const refused = await run.step({ mode: 'stop', plan: planId, 'on-drift': 'fail' })
    expect(refused.code).toBe(2)
    expect(refused.errors.join('\n')).toContain('not in the approved plan')
    expect(mutations()).toHaveLength(byHand)

    const apply = await run.step({ mode: 'stop', plan: planId })
    expectOk(apply)
    expect(apply.summary).toContain('not in the approved plan')
    expect(emu.ws().clusters.get(idle.cluster_id)!.state).toMatch(/TERMINAT/)
    expectNoLeaks(apply)
  })

  it('refuses as plan an artifact that is not a plan of this run, changing nothing', async () => {
    const run = newRun()
    const stop = await run.step({ mode: 'stop', resources: 'jobs' })
    expectOk(stop)
    const changes = mutations().length
    const refused = await run.step({ mode: 'restore', plan: stop.outputs['snapshot-artifact-id'] })
    expect(refused.code).toBe(2)
    expect(refused.errors.join('\n')).toMatch(/is not a databricks-halt plan of this workflow run/)
    expect(mutations()).toHaveLength(changes)
  })
})

describe('the action, mode: status', () => {
  it('not halted, then halted; a warehouse woken by hand fails the step with fail-on-drift and is named', async () => {
    const run = newRun()
    const idle = await run.step({ mode: 'status', 'fail-on-drift': 'true' })
    expectOk(idle)
    expect(idle.outputs.halted).toBe('false')
    expect(idle.summary).toContain('Not halted')

    // A warehouse that runs now: the stop stops it and records it.
    const [id, warehouse] = [...emu.ws().warehouses.entries()].find(
      ([, w]) => w.state === 'RUNNING',
    )!
    expectOk(await run.step({ mode: 'stop', 'keep-principals': '', 'wait-minutes': '5' }))
    const held = await run.step({ mode: 'status', 'fail-on-drift': 'true' })
    expectOk(held)
    expect(held.outputs).toMatchObject({ halted: 'true', drift: '0' })

    const woken = await call(emu.workspace.url, `/api/2.0/sql/warehouses/${id}/start`, {
      token: emu.adminToken,
      method: 'POST',
      body: {},
    })
    expect(woken.status).toBe(200)
    const before = mutations().length
    const drift = await run.step({ mode: 'status', 'fail-on-drift': 'true' })
    expect(drift.code).toBe(1)
    expect(drift.outputs).toMatchObject({ halted: 'true', drift: '1' })
    expect(drift.summary).toContain(`came back: warehouses ${String(warehouse.name)} (${id})`)
    expect(drift.errors.join('\n')).toContain('came back or are new since the halt')
    expect(mutations().length).toBe(before)
    expectNoLeaks(drift)
  }, 240_000)
})

describe('mode: network, end to end (ARM double over https)', () => {
  /** This test's workspace with the ARM double; the runner trusts Entra's and ARM's CAs. */
  async function armRun() {
    await emu.close()
    emu = await startEmulator({
      scenario: 'small',
      seed: 7,
      startTime: quietStartTime(),
      rateLimits: 'off',
      propagationDelayMs: 0,
      transitionMs: 50,
      arm: { nicLingerMs: 60_000 },
    })
    emu.onRequest(masks.databricks)
    const cas = join(await mkdtemp(join(tmpdir(), 'action-cas-')), 'cas.pem')
    await writeFile(cas, `${await readFile(entra.caFile, 'utf8')}\n${emu.arm!.ca}`)
    const runId = nextRun++
    const env = {
      ...gh.runnerEnv({ runId }),
      NODE_EXTRA_CA_CERTS: cas,
      DATABRICKS_HALT_ARM_ENDPOINT: emu.arm!.url,
    }
    return (inputs: Record<string, string>) =>
      runStep({ ...azureInputs(), ...inputs }, env, { onStart: masks.start })
  }

  const reportOf = async (step: StepResult) => {
    const report = ReportJsonSchema.parse(parseJson(await readFile(step.outputs.report, 'utf8')))
    return { ...report, network: report.network! }
  }

  it('not empty while compute runs (exit 1), empty after the halt (exit 0), then verify-ranges passes after a change', async () => {
    const step = await armRun()

    const busy = await step({ mode: 'network' })
    expect(busy.code).toBe(1)
    expect(busy.summary).toContain('Network: subnets not empty')
    expect(busy.summary).toContain('public-subnet')
    expect(busy.errors.join('\n')).toContain('Network: subnets not empty')
    const busyReport = await reportOf(busy)
    expect(busyReport.network.verdict).toBe('not_empty')
    const attached = busyReport.network.subnets.flatMap((s) => s.nics).length
    expect(attached).toBe(emu.arm!.nics().length)

    // The scenario keeps a cluster on purpose (its tag); this halt is of everything.
    for (const c of emu.ws().clusters.values()) delete c.custom_tags?.['databricks-halt']
    expectOk(await step({ mode: 'stop', 'keep-principals': '', 'wait-minutes': '5' }))
    emu.clock.advance(61_000) // the NICs' linger ends on the emulator's clock
    const idle = await step({ mode: 'network' })
    expectOk(idle)
    expect(idle.summary).toContain('Network: subnets empty')
    expect((await reportOf(idle)).network.verdict).toBe('empty')

    emu.arm!.setSubnetPrefixes('host', ['10.200.0.0/18'])
    emu.arm!.setSubnetPrefixes('container', ['10.200.64.0/18'])
    const probe = await step({ mode: 'network', 'verify-ranges': 'true' })
    expectOk(probe)
    const result = (await reportOf(probe)).network.probe!
    expect(result).toMatchObject({ result: 'pass', deleted: true })
    expect(result.ips.every((i) => i.in_range && i.ip.startsWith('10.200.'))).toBe(true)
    expect(probe.summary).toContain('PASS')
    expect(probe.summary).toContain('10.200.0.0/18')
    expect(
      [...emu.ws().clusters.values()].some((c) => c.custom_tags?.['databricks-halt'] === 'probe'),
    ).toBe(false)
    expectNoLeaks(probe)
  }, 240_000)
})
