/**
 * The planning step of desired-state.yml, run as the runner runs it (bash, git) on a scratch
 * repository, with `databricks-halt` on PATH as the step before installs it (here: this
 * checkout's sources): which halt/<environment>.yml changes become stop or restore, and which
 * are refused. The files are read by `databricks-halt desired-state`, never by shell text tools.
 */
import { describe, expect, test } from '@jest/globals'
import { execFileSync, spawnSync } from 'node:child_process'
import { chmodSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { parse } from 'yaml'

const root = process.cwd()
interface Step {
  id?: string
  name?: string
  uses?: string
  run?: string
  with?: Record<string, unknown>
}
const workflow = parse(
  readFileSync(path.join(root, '.github/workflows/desired-state.yml'), 'utf8'),
) as { jobs: Record<string, { steps: Step[] }> }
const steps = workflow.jobs.changes.steps
const script = steps.find((s) => s.id === 'plan')!.run!

/** `databricks-halt` as the install step provides it, but run from this checkout's sources. */
const bin = mkdtempSync(path.join(tmpdir(), 'halt-bin-'))
const loader = pathToFileURL(path.join(root, 'node_modules/tsx/dist/loader.mjs')).href
writeFileSync(
  path.join(bin, 'databricks-halt'),
  `#!/bin/sh\nexec "${process.execPath}" --import "${loader}" "${path.join(root, 'src/cli.ts')}" "$@"\n`,
)
chmodSync(path.join(bin, 'databricks-halt'), 0o755)

function repo() {
  const dir = mkdtempSync(path.join(tmpdir(), 'halt-desired-'))
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim()
  git('init', '-q', '-b', 'main')
  git('config', 'user.email', 'test@example.com')
  git('config', 'user.name', 'test')
  mkdirSync(path.join(dir, 'halt'))
  const commit = (files: Record<string, string>) => {
    for (const [name, content] of Object.entries(files))
      writeFileSync(path.join(dir, name), content)
    git('add', '-A')
    git('commit', '-q', '--allow-empty', '-m', 'change')
    return git('rev-parse', 'HEAD')
  }
  return { dir, commit }
}

const state = (s: string, url = 'https://adb-1234567890123456.7.azuredatabricks.net') =>
  `# desired state\nstate: ${s} # comment\nworkspace-url: '${url}'\nkeep-principals: ops, admins\n`

function plan(dir: string, base: string, head: string, event = 'push') {
  const output = path.join(dir, '..', `${path.basename(dir)}.out`)
  const summary = path.join(dir, '..', `${path.basename(dir)}.md`)
  writeFileSync(output, '')
  writeFileSync(summary, '')
  const run = spawnSync('bash', ['-e', '-c', script], {
    cwd: dir,
    encoding: 'utf8',
    env: {
      PATH: `${bin}:${process.env.PATH}`,
      GITHUB_ACTIONS: 'true',
      BASE: base,
      HEAD: head,
      EVENT: event,
      GITHUB_OUTPUT: output,
      GITHUB_STEP_SUMMARY: summary,
    },
  })
  const line = readFileSync(output, 'utf8').match(/^matrix=(.*)$/m)
  return {
    status: run.status,
    // The runner reads workflow commands (::error) from both streams.
    stdout: run.stdout + run.stderr,
    matrix: line ? (JSON.parse(line[1]) as Record<string, string>[]) : undefined,
    summary: readFileSync(summary, 'utf8'),
  }
}

describe('desired-state.yml planning step', () => {
  test('running → halted stops, halted → running restores, the example is ignored', () => {
    const { dir, commit } = repo()
    const first = commit({
      'halt/prod.yml': state('running'),
      'halt/dev.yml': state('halted', 'https://adb-2.2.azuredatabricks.net'),
    })
    const second = commit({
      'halt/prod.yml': state('halted'),
      'halt/dev.yml': state('running', 'https://adb-2.2.azuredatabricks.net'),
      'halt/example.yml': state('halted'),
    })
    const result = plan(dir, first, second)
    expect(result.status).toBe(0)
    expect(result.matrix).toEqual([
      {
        file: 'halt/dev.yml',
        environment: 'dev',
        'workspace-url': 'https://adb-2.2.azuredatabricks.net',
        'keep-principals': 'ops, admins',
        mode: 'restore',
      },
      {
        file: 'halt/prod.yml',
        environment: 'prod',
        'workspace-url': 'https://adb-1234567890123456.7.azuredatabricks.net',
        'keep-principals': 'ops, admins',
        mode: 'stop',
      },
    ])
    expect(result.summary).toContain('| halt/prod.yml | prod |')
    expect(result.summary).toContain('running → halted | stop |')
  })

  test('an edit that keeps the state runs nothing; a pull request only summarises', () => {
    const { dir, commit } = repo()
    const first = commit({ 'halt/prod.yml': state('running') })
    const second = commit({ 'halt/prod.yml': state('running') + 'reason: tidy\n' })
    expect(plan(dir, first, second).matrix).toEqual([])
    const third = commit({ 'halt/prod.yml': state('halted') })
    const pr = plan(dir, second, third, 'pull_request')
    expect(pr.matrix).toHaveLength(1)
    expect(pr.summary).toContain('Merging runs the changes above')
  })

  test('a first push (no previous commit) compares with nothing', () => {
    const { dir, commit } = repo()
    const head = commit({ 'halt/prod.yml': state('halted') })
    const result = plan(dir, '0000000000000000000000000000000000000000', head)
    expect(result.matrix?.map((m) => m.mode)).toEqual(['stop'])
  })

  test('a state other than halted or running, or no workspace-url, fails the check', () => {
    const { dir, commit } = repo()
    const first = commit({ 'halt/prod.yml': state('running') })
    const typo = commit({ 'halt/prod.yml': state('halt') })
    const bad = plan(dir, first, typo)
    expect(bad.status).not.toBe(0)
    expect(bad.matrix).toBeUndefined()
    expect(bad.stdout).toContain(
      "::error file=halt/prod.yml,line=2::state must be 'halted' or 'running', not 'halt'. Did you mean 'halted'?",
    )
    const noUrl = commit({ 'halt/prod.yml': 'state: halted\n' })
    const missing = plan(dir, first, noUrl)
    expect(missing.status).not.toBe(0)
    expect(missing.stdout).toContain('::error file=halt/prod.yml::workspace-url is missing')
  })

  test('a YAML list, quotes and comments are read as YAML; a mistyped key fails the check', () => {
    const { dir, commit } = repo()
    const first = commit({ 'halt/prod.yml': state('running') })
    const list = commit({
      'halt/prod.yml':
        'state: "halted"\nworkspace-url: >-\n  https://adb-1.1.azuredatabricks.net\n' +
        'keep-principals:\n  - ops # on call\n  - admins\n',
    })
    expect(plan(dir, first, list).matrix).toEqual([
      {
        file: 'halt/prod.yml',
        environment: 'prod',
        'workspace-url': 'https://adb-1.1.azuredatabricks.net',
        'keep-principals': 'ops, admins',
        mode: 'stop',
      },
    ])
    const typo = commit({ 'halt/prod.yml': state('halted') + 'keep-principal: ops\n' })
    const bad = plan(dir, list, typo)
    expect(bad.status).not.toBe(0)
    expect(bad.stdout).toContain(
      "::error file=halt/prod.yml,line=5::unknown key 'keep-principal'. Did you mean 'keep-principals'?",
    )
  })

  test('the step runs the released tool, installed first; no step reads YAML with shell tools', () => {
    const install = steps.findIndex(
      (s) => /databricks-halt/.test(s.run ?? '') && /npm install/.test(s.run ?? ''),
    )
    const node = steps.findIndex((s) => s.uses?.startsWith('actions/setup-node'))
    const planStep = steps.findIndex((s) => s.id === 'plan')
    expect(node).toBeGreaterThanOrEqual(0)
    expect(install).toBeGreaterThan(node)
    expect(planStep).toBeGreaterThan(install)
    expect(steps[node].with!['node-version']).toBe(24)
    expect(script).toMatch(/databricks-halt desired-state halt --base "\$BASE" --head "\$HEAD"/)
    for (const step of steps) expect(step.run ?? '').not.toMatch(/\b(sed|awk|grep|yq|cut)\b/)
  })
})
