import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { quietStartTime, startEmulator, type Emulator } from '../../emulator/index.js'
import { main } from '../../src/cli/main.js'
import { isMutation } from './run-cli.js'

let emu: Emulator
let dir: string

beforeAll(async () => {
  emu = await startEmulator({
    scenario: 'small',
    seed: 7,
    startTime: quietStartTime(),
    transitionMs: 100,
    propagationDelayMs: 200,
  })
  dir = await mkdtemp(join(tmpdir(), 'cli-confirm-'))
})

afterAll(async () => {
  await emu.close()
  await rm(dir, { recursive: true, force: true })
})

/** The CLI face in-process, with a terminal whose person answers `answer`. */
async function cli(
  argv: string[],
  options: { interactive: boolean; answer?: string; env?: object },
) {
  const out = { stdout: '', stderr: '', questions: [] as string[] }
  const code = await main(
    [
      `--account-host=${emu.accountUrl}`,
      `--account-id=${emu.accountId}`,
      `--snapshot-dir=${dir}`,
      '--auth=token',
      ...argv,
    ],
    {
      env: { DATABRICKS_TOKEN: emu.adminToken, HOME: dir, ...options.env },
      stdout: (t) => (out.stdout += t),
      stderr: (t) => (out.stderr += t),
      interactive: options.interactive,
      ask: async (question) => {
        out.questions.push(question)
        return options.answer ?? ''
      },
    },
  )
  return { code, ...out }
}

const mutations = () => emu.requests.filter(isMutation).length

describe('stop and restore ask on a terminal', () => {
  test('shows target with its source, workspace, caller and plan; "no" changes nothing', async () => {
    const before = mutations()
    const r = await cli(['stop'], {
      interactive: true,
      answer: 'n',
      env: { DATABRICKS_HOST: emu.workspace.url },
    })
    expect(r.questions).toEqual(['stop now? [y/N] '])
    expect(r.stderr).toContain(`About to stop workspace ${emu.workspace.workspaceId}`)
    expect(r.stderr).toContain(`URL:    ${emu.workspace.url} (from DATABRICKS_HOST)`)
    expect(r.stderr).toMatch(/caller: \S+ \(id \d+\)/)
    expect(r.stderr).toMatch(/plan: {3}\d+ planned/)
    expect(r.stderr).toContain('Not confirmed: nothing was changed.')
    expect(r.code).toBe(2)
    expect(mutations()).toBe(before)
  })

  test('no question for --yes, a dry run, show, or without a terminal', async () => {
    const url = `--workspace-url=${emu.workspace.url}`
    for (const argv of [['stop', '--dry-run'], ['show']]) {
      const r = await cli([url, ...argv], { interactive: true, answer: 'n' })
      expect(r.questions).toEqual([])
      expect(r.code).toBe(0)
    }
    const before = mutations()
    const unattended = await cli([url, 'stop'], { interactive: false, answer: 'n' })
    expect(unattended.questions).toEqual([])
    expect(unattended.code).toBe(0)
    expect(mutations()).toBeGreaterThan(before)

    const yes = await cli([url, 'restore', '--yes'], { interactive: true, answer: 'n' })
    expect(yes.questions).toEqual([])
    expect(yes.code).toBe(0)
  })

  test('"y" goes ahead, with the URL source named as the flag', async () => {
    const url = `--workspace-url=${emu.workspace.url}`
    await cli([url, 'stop', '--yes'], { interactive: false })
    const r = await cli([url, 'restore'], { interactive: true, answer: 'y' })
    expect(r.stderr).toContain(`(from --workspace-url)`)
    expect(r.stderr).toMatch(/About to restore workspace/)
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^databricks-halt restore ·/)
  })
})
