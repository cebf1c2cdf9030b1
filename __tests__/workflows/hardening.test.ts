/**
 * Properties of the workflows that keep the approval gate and the credentials where they belong
 * (docs/threat-model.md): no free text in dispatch forms, environments and hosts from the caller's
 * own file, an apply environment no fleet entry can change, one concurrency group per workspace
 * however its URL is written, least-privilege permissions, the plan's snapshot pinned for apply.
 */
import { describe, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parse } from 'yaml'

const root = process.cwd()

interface Step {
  id?: string
  uses?: string
  run?: string
  env?: Record<string, string>
  with?: Record<string, unknown>
}
interface Job {
  uses?: string
  with?: Record<string, unknown>
  steps?: Step[]
  environment?: string
  'runs-on'?: string
  permissions?: Record<string, string> | string
  concurrency?: { group: string }
  outputs?: Record<string, string>
}
interface Workflow {
  on: Record<string, { inputs?: Record<string, { type?: string; options?: string[] }> } | null>
  permissions?: Record<string, string> | string
  jobs: Record<string, Job>
}

const yamlIn = (dir: string) =>
  readdirSync(path.join(root, dir))
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => `${dir}/${f}`)
const files = [...yamlIn('.github/workflows'), ...yamlIn('docs/examples')]
const load = (file: string) =>
  parse(readFileSync(path.join(root, file), 'utf8').replace(/\bon:/, '"on":')) as Workflow
const REUSABLE = ['.github/workflows/databricks-halt.yml', '.github/workflows/fleet.yml']

const isHalt = (uses = '') =>
  uses === './' ||
  /^databricks-halt\/databricks-halt(@|\/\.github\/workflows\/)/.test(uses) ||
  /^\.\/\.github\/workflows\/(databricks-halt|fleet)\.yml$/.test(uses)

/** Inputs that decide where credentials go or which gate and runner apply. */
const SENSITIVE = [
  'environment',
  'plan-environment',
  'runs-on',
  'workspace-url',
  'account-host',
  'azure-authority-host',
  'allowed-hosts',
  'trusted-refs',
  'workspaces',
]

/** Problems: a sensitive value taken from a dispatch input (free or not) instead of the file. */
function sensitiveFromDispatch(wf: Workflow): string[] {
  const dispatch = wf.on.workflow_dispatch?.inputs ?? {}
  const problems: string[] = []
  for (const [jobId, job] of Object.entries(wf.jobs)) {
    const given = [
      ...(isHalt(job.uses) ? Object.entries(job.with ?? {}) : []),
      ...(job.steps ?? [])
        .filter((s) => isHalt(s.uses))
        .flatMap((s) => Object.entries(s.with ?? {})),
      ['environment', job.environment],
      ['runs-on', job['runs-on']],
    ] as Array<[string, unknown]>
    for (const [key, value] of given) {
      if (!SENSITIVE.includes(key) || typeof value !== 'string') continue
      // The one allowed use: a choice input selecting from a literal mapping in this file.
      const mapped = value.replace(/fromJSON\('[^']*'\)\[inputs\.([\w-]+)\]/g, (m, name: string) =>
        dispatch[name]?.type === 'choice' ? '' : m,
      )
      if (/github\.event\.inputs|inputs\./.test(mapped) && Object.keys(dispatch).length > 0)
        problems.push(`${jobId}: ${key} comes from a dispatch input (${value})`)
    }
  }
  return problems
}

describe('dispatch forms and the approval gate', () => {
  test.each(files)('%s: no free-text input in a dispatch form', (file) => {
    const inputs = load(file).on.workflow_dispatch?.inputs ?? {}
    const free = Object.entries(inputs)
      .filter(([, def]) => !['choice', 'boolean', 'number'].includes(def.type ?? 'string'))
      .map(([name, def]) => `${name} (${def.type ?? 'string'})`)
    expect(free).toEqual([])
  })

  test('the reusable workflows have no dispatch form: callers dispatch from their own file', () => {
    for (const file of REUSABLE) expect(Object.keys(load(file).on)).toEqual(['workflow_call'])
  })

  test.each(files)(
    '%s: environments, hosts and runners never come from a dispatch input',
    (file) => {
      expect(sensitiveFromDispatch(load(file))).toEqual([])
    },
  )

  test('the check catches a dispatch form that chooses the environment or the host', () => {
    const wf = load('.github/workflows/halt-dispatch.yml')
    wf.on.workflow_dispatch!.inputs!.target = { type: 'choice', options: ['prod', 'sandbox'] }
    wf.on.workflow_dispatch!.inputs!.url = { type: 'string' }
    wf.jobs.halt.with!.environment = '${{ inputs.target }}'
    wf.jobs.halt.with!['workspace-url'] = '${{ inputs.url }}'
    expect(sensitiveFromDispatch(wf)).toEqual([
      'halt: environment comes from a dispatch input (${{ inputs.target }})',
      'halt: workspace-url comes from a dispatch input (${{ inputs.url }})',
    ])
    // A choice that selects from a mapping written in the file is fine.
    wf.jobs.halt.with!.environment = `\${{ fromJSON('{"weu":"prod-weu"}')[inputs.target] }}`
    delete wf.jobs.halt.with!['workspace-url']
    expect(sensitiveFromDispatch(wf)).toEqual([])
  })

  test('a fleet entry cannot change the environment of any leg', () => {
    const fleet = load('.github/workflows/fleet.yml')
    for (const job of [fleet.jobs.plan, fleet.jobs.apply]) {
      expect(job.environment).not.toMatch(/matrix\./)
      expect(job.environment).toMatch(/inputs\.environment/)
    }
  })
})

/** Runs a workflow step's `run:` script with bash, its env, and a GITHUB_OUTPUT file. */
function runStep(step: Step, env: Record<string, string>) {
  const dir = mkdtempSync(path.join(tmpdir(), 'step-'))
  const output = path.join(dir, 'output')
  const child = spawnSync('bash', ['-e', '-c', step.run!], {
    env: { PATH: process.env.PATH ?? '', GITHUB_OUTPUT: output, ...env },
    encoding: 'utf8',
  })
  let outputs = ''
  try {
    outputs = readFileSync(output, 'utf8')
  } catch {
    // No output written.
  }
  return { status: child.status, stdout: child.stdout, outputs }
}

describe('one concurrency group per workspace', () => {
  const SPELLINGS = [
    'https://adb-1.2.azuredatabricks.net',
    'https://adb-1.2.azuredatabricks.net/',
    'adb-1.2.azuredatabricks.net',
    'HTTPS://ADB-1.2.AzureDatabricks.net:443/?o=1',
  ]

  test('databricks-halt.yml: the apply group is the host the plan job normalised', () => {
    const wf = load('.github/workflows/databricks-halt.yml')
    expect(wf.jobs.apply.concurrency?.group).toBe(
      'databricks-halt-${{ needs.plan.outputs.workspace-host }}',
    )
    expect(wf.jobs.plan.outputs?.['workspace-host']).toBe(
      '${{ steps.host.outputs.workspace-host }}',
    )
    const step = wf.jobs.plan.steps!.find((s) => s.id === 'host')!
    const hosts = SPELLINGS.map((url) => runStep(step, { WORKSPACE_URL: url }).outputs)
    expect(new Set(hosts)).toEqual(new Set(['workspace-host=adb-1.2.azuredatabricks.net\n']))
  })

  test('fleet.yml: the same group per leg; entries with other keys (environment) are refused', () => {
    const wf = load('.github/workflows/fleet.yml')
    expect(wf.jobs.apply.concurrency?.group).toBe('databricks-halt-${{ matrix.host }}')
    const step = wf.jobs.fleet.steps!.find((s) => s.id === 'check')!
    const entries = SPELLINGS.map((url, i) => ({ name: `w${i}`, 'workspace-url': url }))
    const ok = runStep(step, { WORKSPACES: JSON.stringify(entries) })
    expect(ok.status).toBe(0)
    const legs = JSON.parse(ok.outputs.replace(/^workspaces=/, '')) as Array<{ host: string }>
    expect(new Set(legs.map((l) => l.host))).toEqual(new Set(['adb-1.2.azuredatabricks.net']))
    const sneaky = [{ name: 'x', 'workspace-url': SPELLINGS[0], environment: 'sandbox' }]
    const refused = runStep(step, { WORKSPACES: JSON.stringify(sneaky) })
    expect(refused.status).not.toBe(0)
    expect(refused.stdout).toContain('unknown key(s) environment')
  })
})

describe('least privilege', () => {
  test.each(files)(
    '%s: every job has explicit permissions; only id-token is ever write',
    (file) => {
      const wf = load(file)
      const problems: string[] = []
      if (wf.permissions === undefined) {
        for (const [id, job] of Object.entries(wf.jobs))
          if (job.permissions === undefined) problems.push(`${id}: no permissions`)
      }
      const scopes: Array<[string, Job['permissions']]> = [
        ['(top)', wf.permissions],
        ...Object.entries(wf.jobs).map(([id, j]): [string, Job['permissions']] => [
          id,
          j.permissions,
        ]),
      ]
      for (const [id, perms] of scopes) {
        if (typeof perms === 'string') problems.push(`${id}: permissions ${perms}`)
        for (const [scope, level] of Object.entries(perms ?? {})) {
          if (level !== 'write') continue
          const job: Job | undefined = wf.jobs[id]
          const runsHalt =
            job !== undefined &&
            (isHalt(job.uses) || (job.steps ?? []).some((s: Step) => isHalt(s.uses)))
          if (scope !== 'id-token' || !runsHalt) problems.push(`${id}: ${scope}: write`)
        }
      }
      expect(problems).toEqual([])
    },
  )
})

describe('plan-to-apply pin', () => {
  test('the apply job restores exactly the artifact the plan job resolved', () => {
    const wf = load('.github/workflows/databricks-halt.yml')
    expect(wf.jobs.plan.outputs?.['snapshot-artifact-id']).toBe(
      '${{ steps.halt.outputs.snapshot-artifact-id }}',
    )
    const apply = wf.jobs.apply.steps!.find((s) => isHalt(s.uses))!
    expect(apply.with!['restore-from']).toBe(
      "${{ inputs.mode == 'restore' && needs.plan.outputs.snapshot-artifact-id || inputs.restore-from }}",
    )
    // And a restore whose plan pinned nothing stops before the Action runs.
    const guard = wf.jobs.apply.steps!.find((s) =>
      /pinned/.test(String((s as { name?: string }).name)),
    )
    expect((guard as { if?: string }).if).toBe(
      "inputs.mode == 'restore' && needs.plan.outputs.snapshot-artifact-id == ''",
    )
  })
})

describe('identities in the docs and examples', () => {
  test('a scheduled window signs in with its own identity, not the one the approved environment trusts', () => {
    const window = load('.github/workflows/maintenance-window.yml').jobs.window.with!
    const dispatch = load('.github/workflows/halt-dispatch.yml').jobs.halt.with!
    expect(window.environment).not.toBe(dispatch.environment)
    expect(window['azure-client-id']).not.toBe(dispatch['azure-client-id'])
    // Scoped to its workspace: no account-level change (assignments) without a reviewer.
    expect(String(window.resources)).not.toMatch(/permission_assignments/)
  })

  test('setup.md shows how to pin by commit SHA and recommends no reviewer-less environment for the approving identity', () => {
    const setup = readFileSync(path.join(root, 'docs/setup.md'), 'utf8')
    expect(setup).toMatch(/uses: [\w-]+\/[\w-]+(\/\.github\/workflows\/[\w-]+\.yml)?@[0-9a-f]{40}/)
    expect(setup).not.toMatch(/`prod-plan`\s+without reviewers/)
    expect(setup).toMatch(/own identity/i)
  })
})
