/** `npm run emulator` (emulator/main.ts) prints what a person needs and serves a workspace. */
import { afterAll, describe, expect, it } from '@jest/globals'
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { call } from './helpers.js'
import { ROOT } from '../cli/run-cli.js'

const children: ChildProcess[] = []
const dir = mkdtempSync(join(tmpdir(), 'emu-main-'))
afterAll(() => {
  for (const c of children) c.kill('SIGTERM')
  rmSync(dir, { recursive: true, force: true })
})

async function startMain(
  env: Record<string, string>,
  args: string[] = [],
): Promise<Record<string, string>> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/main.ts', ...args], {
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
    exportLine: field(/^ {2}(export .*)$/m),
  }
}

function runMain(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'emulator/main.ts', ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: dir },
    encoding: 'utf8',
    timeout: 60_000,
  })
}

function listenOn(port: number): Promise<Server | undefined> {
  const server = createServer()
  return new Promise((resolve) => {
    server.once('error', () => resolve(undefined))
    server.listen(port, '127.0.0.1', () => resolve(server))
  })
}

/** A port P with P and P + 1 both free (the system's pick, checked). */
async function freePortPair(): Promise<number> {
  for (;;) {
    const first = (await listenOn(0))!
    const port = (first.address() as { port: number }).port
    const second = await listenOn(port + 1)
    await new Promise((r) => first.close(r))
    if (second) {
      await new Promise((r) => second.close(r))
      return port
    }
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

  it('prints an export line that points the CLI at workspace 0 as printed', async () => {
    const info = await startMain({})
    expect(info.exportLine).toMatch(
      /^export DATABRICKS_HOST=\S+ DATABRICKS_TOKEN=\S+ DATABRICKS_ACCOUNT_ID=\S+ DATABRICKS_HALT_ACCOUNT_HOST=\S+$/,
    )
    const jobs = await call(info.workspaceUrl, '/api/2.2/jobs/list', { token: info.token })
    // The line exactly as printed, then the CLI with nothing but what it exported.
    const cli = `${process.execPath} --import tsx src/cli.ts show -o json`
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
      (resolve) => {
        const child = spawn('bash', ['-c', `${info.exportLine}\nexec ${cli}`], {
          cwd: ROOT,
          env: { PATH: process.env.PATH ?? '', HOME: dir },
        })
        children.push(child)
        let stdout = ''
        let stderr = ''
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
        child.on('close', (code) => resolve({ code, stdout, stderr }))
      },
    )
    expect(result.stderr).not.toMatch(/error|warning/i)
    expect(result.code).toBe(0)
    expect(result.stdout).toContain(info.workspaceId)
    expect(result.stdout).toContain(JSON.stringify(jobs.json.jobs[0].settings.name))
    // The account API was read (assignments), through the exported account host and id.
    expect(result.stdout).toMatch(/permission_assignments/)
  })

  it('--port fixes the ports: the account API on N, workspace 0 on N + 1', async () => {
    const port = await freePortPair()
    const info = await startMain({}, ['--port', String(port)])
    expect(info.accountUrl).toBe(`http://127.0.0.1:${port}`)
    expect(info.workspaceUrl).toBe(`http://127.0.0.1:${port + 1}`)
    const me = await call(info.workspaceUrl, '/api/2.0/preview/scim/v2/Me', { token: info.token })
    expect(me.status).toBe(200)
  })

  it('--host listens on another loopback address', async () => {
    const info = await startMain({}, ['--host', 'localhost'])
    expect(info.workspaceUrl).toMatch(/^http:\/\/localhost:\d+$/)
    const me = await call(info.workspaceUrl, '/api/2.0/preview/scim/v2/Me', { token: info.token })
    expect(me.status).toBe(200)
  })

  it('a port in use: one line naming it, exit 2', async () => {
    const port = await freePortPair()
    const busy = (await listenOn(port + 1))!
    const result = runMain(['--port', String(port)])
    await new Promise((r) => busy.close(r))
    expect(result.stderr).toBe(
      `Port ${port + 1} on 127.0.0.1 is in use (the emulator needs ports ${port} to ${port + 1}): ` +
        'choose another --port, or leave it out for free ports.\n',
    )
    expect(result.status).toBe(2)
  })

  it('--help prints the options; a bad flag gets one line and exit 2', () => {
    const help = runMain(['--help'])
    expect(help.status).toBe(0)
    expect(help.stdout).toMatch(/^npm run emulator -- \[options\]/)
    for (const flag of ['--port N', '--host HOST', '--scenario', '--seed', '--workspaces']) {
      expect(help.stdout).toContain(flag)
    }
    const cases: [string[], string][] = [
      [['--prot', '1'], "Unknown option '--prot'. Did you mean --port?"],
      [['--port', 'abc'], "--port: 'abc' is not a whole number from 0 to 65534."],
      [['--host', '10.0.0.1'], "--host: '10.0.0.1' is not a loopback address"],
      [
        ['--scenario', 'huge'],
        "--scenario: 'huge' is neither small, large, empty nor a scenario file.",
      ],
      [['--rate-limits', 'none'], "--rate-limits: 'none' is not a mode: use default or off."],
      [['--workspaces', '0'], "--workspaces: '0' is not a whole number from 1 to 100."],
    ]
    for (const [args, message] of cases) {
      const result = runMain(args)
      expect(`${args.join(' ')} → ${result.stderr}`).toContain(`${args.join(' ')} → ${message}`)
      expect(result.stderr.trim().split('\n')).toHaveLength(1)
      expect(result.stdout).toBe('')
      expect(result.status).toBe(2)
    }
  })
})
