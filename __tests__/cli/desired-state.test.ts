/**
 * `databricks-halt desired-state`, run as a child process on scratch directories and git
 * repositories: the matrix for a good file set, and for each kind of typo a clear error naming
 * the file, the line and the field, exit 2, and no matrix.
 */
import { describe, expect, test } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { runCli } from './run-cli.js'

const URL_1 = 'https://adb-1111111111111111.1.azuredatabricks.net'
const URL_2 = 'https://adb-2222222222222222.2.azuredatabricks.net'

/** A directory `halt/` in a fresh git repository; `commit` writes files and commits them. */
function repo() {
  const root = mkdtempSync(path.join(tmpdir(), 'desired-cli-'))
  const dir = path.join(root, 'halt')
  mkdirSync(dir)
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim()
  git('init', '-q', '-b', 'main')
  git('config', 'user.email', 'test@example.com')
  git('config', 'user.name', 'test')
  const write = (files: Record<string, string>) => {
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text)
  }
  const commit = (files: Record<string, string>) => {
    write(files)
    git('add', '-A')
    git('commit', '-q', '--allow-empty', '-m', 'change')
    return git('rev-parse', 'HEAD')
  }
  return { root, dir, write, commit }
}

const file = (state: string, url = URL_1, extra = '') =>
  `state: ${state}\nworkspace-url: ${url}\nkeep-principals: ops, admins\n${extra}`

describe('databricks-halt desired-state', () => {
  test('a good file set: the changed states become the matrix, JSON on stdout', async () => {
    const { dir, root, commit } = repo()
    const base = commit({
      'prod.yml': file('running'),
      'dev.yml': file('halted', URL_2),
      'test.yml': file('running'),
    })
    commit({
      'prod.yml': file('halted'),
      'dev.yml': `state: running\nworkspace-url: ${URL_2}\nkeep-principals: [a, b]\nreason: ''\n`,
      'test.yml': file('running', URL_1, 'reason: tidy\n'),
      'example.yml': file('halted'),
    })
    const summary = path.join(root, 'summary.md')
    const result = await runCli(['desired-state', dir, '--base', base, '--summary', summary])
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual([
      {
        file: 'halt/dev.yml',
        environment: 'dev',
        'workspace-url': URL_2,
        'keep-principals': 'a, b',
        mode: 'restore',
      },
      {
        file: 'halt/prod.yml',
        environment: 'prod',
        'workspace-url': URL_1,
        'keep-principals': 'ops, admins',
        mode: 'stop',
      },
    ])
    // One line, so a workflow can write `matrix=<stdout>` to $GITHUB_OUTPUT.
    expect(result.stdout.trim().split('\n')).toHaveLength(1)
    const table = readFileSync(summary, 'utf8')
    expect(table).toContain(`| halt/test.yml | test | ${URL_1} | running → running | nothing |`)
    expect(table).toContain(`| halt/dev.yml | dev | ${URL_2} | halted → running | restore |`)
    expect(table).not.toContain('example')
    expect(result.stderr).toContain('halt/prod.yml: running → halted: stop')
  })

  test('without --base every workspace counts as running before (a first push); --head reads a commit', async () => {
    const { dir, commit, write } = repo()
    const head = commit({ 'prod.yml': file('halted'), 'dev.yml': file('running', URL_2) })
    write({ 'prod.yml': file('running') }) // the working tree differs from --head
    const fromCommit = await runCli(['desired-state', dir, '--head', head])
    expect(JSON.parse(fromCommit.stdout)).toEqual([expect.objectContaining({ mode: 'stop' })])
    const zeros = await runCli(['desired-state', dir, '--base', '0'.repeat(40)])
    expect(zeros.code).toBe(0)
    expect(JSON.parse(zeros.stdout)).toEqual([])
  })

  test.each([
    [
      'an unknown key (a typo of a known one)',
      file('halted', URL_1, 'keep-principal: ops\n'),
      "halt/prod.yml line 4: unknown key 'keep-principal'. Did you mean 'keep-principals'?",
    ],
    [
      'a wrong type',
      `state: halted\nworkspace-url: ${URL_1}\nkeep-principals: 42\n`,
      'halt/prod.yml line 3: keep-principals must be a string (comma-separated) or a list of strings, not number 42.',
    ],
    [
      'a missing workspace-url',
      'state: halted\nkeep-principals: ops\n',
      'halt/prod.yml: workspace-url is missing, e.g. workspace-url: https://',
    ],
    [
      'a state other than halted or running',
      file('stopped'),
      "halt/prod.yml line 1: state must be 'halted' or 'running', not 'stopped'.",
    ],
    [
      'text that is not YAML',
      'state: halted\n\tworkspace-url: x\n',
      'halt/prod.yml line 2: not valid YAML',
    ],
    ['a list instead of keys', '- state: halted\n', 'halt/prod.yml: must be a mapping of keys'],
  ])('%s: exit 2, the file, line and field named, no matrix', async (_, text, message) => {
    const { dir, commit } = repo()
    commit({ 'dev.yml': file('running', URL_2), 'prod.yml': text })
    const result = await runCli(['desired-state', dir], { GITHUB_ACTIONS: 'true' })
    expect(result.code).toBe(2)
    expect(result.stdout).toBe('')
    expect(result.stderr).toContain(`error: ${message}`)
    // On a runner, also an annotation on the file (and line, when known).
    expect(result.stderr).toMatch(/^::error file=halt\/prod\.yml(,line=\d+)?::/m)
  })

  test('a typo in the base version only warns: it counts as running', async () => {
    const { dir, commit } = repo()
    const base = commit({ 'prod.yml': file('halted', URL_1, 'colour: red\n') })
    commit({ 'prod.yml': file('halted') })
    const result = await runCli(['desired-state', dir, '--base', base])
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual([expect.objectContaining({ mode: 'stop' })])
    expect(result.stderr).toContain(
      "warning: The base version of halt/prod.yml line 4: unknown key 'colour'.",
    )
  })

  test('help, a mistyped command, a missing directory', async () => {
    const help = await runCli(['help', 'desired-state'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('databricks-halt desired-state [DIR] [--base REV]')
    expect(help.stdout).toContain('--summary FILE')
    expect(help.stdout).not.toContain('--workspace-url')
    const typo = await runCli(['desired-stat'])
    expect(typo.code).toBe(2)
    expect(typo.stderr).toContain('Did you mean desired-state?')
    const missing = await runCli(['desired-state', '/nonexistent/halt'])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('Cannot read the desired-state directory /nonexistent/halt')
  })
})
