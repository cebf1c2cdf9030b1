/**
 * The planning step of desired-state.yml, run as the runner runs it (bash, git, jq) on a scratch
 * repository: which halt/<environment>.yml changes become stop or restore, and which are refused.
 */
import { describe, expect, test } from '@jest/globals'
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parse } from 'yaml'

const workflow = parse(
  readFileSync(path.join(process.cwd(), '.github/workflows/desired-state.yml'), 'utf8'),
) as { jobs: Record<string, { steps: { id?: string; run?: string }[] }> }
const script = workflow.jobs.changes.steps.find((s) => s.id === 'plan')!.run!

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
      PATH: process.env.PATH,
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
    stdout: run.stdout,
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
    expect(bad.stdout).toContain("::error file=halt/prod.yml::state must be 'halted' or 'running'")
    const noUrl = commit({ 'halt/prod.yml': 'state: halted\n' })
    const missing = plan(dir, first, noUrl)
    expect(missing.status).not.toBe(0)
    expect(missing.stdout).toContain('workspace-url is missing')
  })
})
