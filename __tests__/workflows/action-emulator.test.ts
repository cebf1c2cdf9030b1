/**
 * The "Start the emulator" step of action-emulator.yml, run as the runner runs it, against the
 * real `npm run emulator`: it must read a workspace URL, account host, account id and token that
 * actually work, and mask the token before printing the emulator's output.
 */
import { afterAll, describe, expect, test } from '@jest/globals'
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parse } from 'yaml'

const root = process.cwd()
const workflow = parse(
  readFileSync(path.join(root, '.github/workflows/action-emulator.yml'), 'utf8'),
) as {
  jobs: {
    emulator: {
      steps: { id?: string; run?: string; uses?: string; with?: Record<string, string> }[]
    }
  }
}
const steps = workflow.jobs.emulator.steps
const script = steps.find((s) => s.id === 'emulator')!.run!

let group: number | undefined
afterAll(() => {
  // The step leaves the emulator running in the background, as on a runner: end its process group.
  if (group) process.kill(-group, 'SIGTERM')
})

describe('action-emulator.yml', () => {
  test('every Action step signs in with a token and targets the emulator the first step started', () => {
    const actionSteps = steps.filter((s) => s.uses === './')
    expect(actionSteps.map((s) => s.with!.mode)).toEqual(['show', 'stop', 'show', 'restore'])
    for (const step of actionSteps) {
      expect(step.with!.auth).toBe('token')
      expect(step.with!['workspace-url']).toBe('${{ steps.emulator.outputs.workspace-url }}')
      expect(step.with!['account-host']).toBe('${{ steps.emulator.outputs.account-host }}')
      expect(step.with!['account-id']).toBe('${{ steps.emulator.outputs.account-id }}')
    }
  })

  test('the start step reads working URLs, account id and token from `npm run emulator`', async () => {
    const temp = mkdtempSync(path.join(tmpdir(), 'halt-emulator-step-'))
    const output = path.join(temp, 'output')
    const env = path.join(temp, 'env')
    writeFileSync(output, '')
    writeFileSync(env, '')
    const child = spawn('bash', ['-e', '-c', script], {
      cwd: root,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, RUNNER_TEMP: temp, GITHUB_OUTPUT: output, GITHUB_ENV: env },
    })
    group = child.pid
    let stdout = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stdout += d.toString()))
    const status = await new Promise<number | null>((resolve) => child.on('exit', resolve))
    expect({ status, stdout }).toEqual({ status: 0, stdout: expect.any(String) })

    const outputs = Object.fromEntries(
      readFileSync(output, 'utf8')
        .trim()
        .split('\n')
        .map((l) => l.split(/=(.*)/s).slice(0, 2)),
    )
    const token = readFileSync(env, 'utf8').match(/^DATABRICKS_TOKEN=(.+)$/m)?.[1]
    expect(token).toBeDefined()
    expect(outputs['workspace-url']).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    // The mask comes before the first line that shows the token.
    expect(stdout.indexOf(`::add-mask::${token}`)).toBeGreaterThanOrEqual(0)
    expect(stdout.indexOf(`::add-mask::${token}`)).toBeLessThan(stdout.indexOf(`admin token:`))

    const me = await fetch(`${outputs['workspace-url']}/api/2.0/preview/scim/v2/Me`, {
      headers: { authorization: `Bearer ${token}` },
    })
    expect(me.status).toBe(200)
    const assignments = await fetch(
      `${outputs['account-host']}/api/2.0/accounts/${outputs['account-id']}/workspaces/${
        me.headers.get('x-databricks-org-id') ?? ''
      }/permissionassignments`,
      { headers: { authorization: `Bearer ${token}` } },
    )
    expect(assignments.status).toBe(200)
  })
})
