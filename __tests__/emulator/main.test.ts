/** `npm run emulator` (emulator/main.ts) prints what a person needs and serves a workspace. */
import { afterAll, describe, expect, it } from '@jest/globals'
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { call } from './helpers.js'

const children: ChildProcess[] = []
const dir = mkdtempSync(join(tmpdir(), 'emu-main-'))
afterAll(() => {
  for (const c of children) c.kill('SIGTERM')
  rmSync(dir, { recursive: true, force: true })
})

async function startMain(env: Record<string, string>): Promise<Record<string, string>> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/main.ts'], {
    env: { PATH: process.env.PATH ?? '', HOME: dir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  let out = ''
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString()
      if (out.includes('admin token:')) resolve()
    })
    child.on('exit', (code) => reject(new Error(`emulator exited ${code}: ${out}`)))
  })
  await new Promise((r) => setImmediate(r))
  const field = (re: RegExp) => re.exec(out)?.[1] ?? ''
  return {
    accountUrl: field(/account URL:\s+(\S+)/),
    accountId: field(/account id (\S+)\)/),
    workspaceUrl: field(/workspace 0:\s+(\S+)/),
    workspaceId: field(/workspace id (\d+)\)/),
    token: field(/admin token:\s+(\S+)/),
  }
}

describe('npm run emulator', () => {
  it('prints URLs and the admin token of a seeded workspace you can call', async () => {
    const info = await startMain({})
    const me = await call(info.workspaceUrl, '/api/2.0/preview/scim/v2/Me', { token: info.token })
    expect(me.status).toBe(200)
    expect(me.headers.get('x-databricks-org-id')).toBe(info.workspaceId)
    const jobs = await call(info.workspaceUrl, '/api/2.2/jobs/list', { token: info.token })
    expect(jobs.json.jobs.length).toBeGreaterThan(0)
    const path = `/api/2.0/accounts/${info.accountId}/workspaces/${info.workspaceId}/permissionassignments`
    expect((await call(info.accountUrl, path, { token: info.token })).status).toBe(200)
  })

  it('loads a hand-written scenario file', async () => {
    const file = join(dir, 'scenario.json')
    writeFileSync(
      file,
      '{"workspaces":[{"workspaceId":"5555","jobs":[{"job_id":9007199254740993,"settings":{"name":"only"}}]}]}',
    )
    const info = await startMain({ EMULATOR_SCENARIO: file })
    expect(info.workspaceId).toBe('5555')
    const jobs = await call(info.workspaceUrl, '/api/2.2/jobs/list', { token: info.token })
    expect(jobs.text).toContain('"job_id":9007199254740993')
  })
})
