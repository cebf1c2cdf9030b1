/**
 * The CLI installs without a clone: `npm pack`, then `npm install -g <tarball>` offline into a
 * temporary prefix, then the installed `databricks-halt` against the emulator. The tarball is packed
 * from a fresh bundle of the current sources (never the committed dist/cli/, which may be stale),
 * with the repository's own package.json and README.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { execFile, spawn } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { BUNDLE_TIMEOUT_MS, cliBundle } from '../../__fixtures__/action-bundle.js'
import { quietStartTime, startEmulator, type Emulator } from '../../emulator/index.js'
import pkg from '../../package.json' with { type: 'json' }
import { ROOT } from '../cli/run-cli.js'

const run = promisify(execFile)
const work = mkdtempSync(join(tmpdir(), 'npm-install-'))
const prefix = join(work, 'prefix')
const bin = join(prefix, 'bin', 'databricks-halt')
/** Node 24 (jest's own) first on PATH: the bin's `#!/usr/bin/env node` and npm run on it. */
const PATH = [dirname(process.execPath), process.env.PATH ?? ''].join(delimiter)
/**
 * npm with an empty cache and a registry that refuses every connection: an install that needed
 * anything from a registry fails.
 */
const NPM_ENV = {
  PATH,
  HOME: work,
  npm_config_cache: join(work, 'npm-cache'),
  npm_config_registry: 'http://127.0.0.1:9/',
  npm_config_update_notifier: 'false',
}

interface PackResult {
  filename: string
  files: { path: string }[]
}

async function npm(args: string[], cwd: string): Promise<string> {
  const { stdout } = await run('npm', args, { cwd, env: NPM_ENV, maxBuffer: 16 * 1024 * 1024 })
  return stdout
}

async function pack(cwd: string, dryRun: boolean): Promise<PackResult> {
  const args = ['pack', '--json', ...(dryRun ? ['--dry-run'] : ['--pack-destination', work])]
  return (JSON.parse(await npm(args, cwd)) as PackResult[])[0]
}

/** What the package ships: the manifest, the README, and the CLI bundle with its licences. */
function allowed(path: string): boolean {
  return ['package.json', 'README.md', 'LICENSE'].includes(path) || path.startsWith('dist/cli/')
}

let installed: PackResult
let bundleFiles: string[]
beforeAll(async () => {
  const bundle = dirname(await cliBundle())
  bundleFiles = readdirSync(bundle).sort()
  const stage = join(work, 'stage')
  for (const file of ['package.json', 'README.md']) cpSync(join(ROOT, file), join(stage, file))
  cpSync(bundle, join(stage, 'dist', 'cli'), { recursive: true })
  installed = await pack(stage, false)
  await npm(
    ['install', '-g', join(work, installed.filename), '--prefix', prefix, '--offline'],
    work,
  )
}, BUNDLE_TIMEOUT_MS)

afterAll(() => rmSync(work, { recursive: true, force: true }))

function installedCli(args: string[], env: Record<string, string> = {}) {
  const child = spawn(bin, args, { cwd: work, env: { PATH, HOME: work, ...env } })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

describe('npm pack and npm install -g', () => {
  test('the tarball holds the CLI bundle, its licences, the manifest and README: nothing else', () => {
    const paths = installed.files.map((f) => f.path).sort()
    expect(paths.filter((p) => !allowed(p))).toEqual([])
    expect(paths).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        ...bundleFiles.map((f) => `dist/cli/${f}`),
      ]),
    )
    expect(paths).toContain('dist/cli/licenses.txt')
  })

  test("the repository's files list ships nothing beyond that (no sources, tests, .env)", async () => {
    const paths = (await pack(ROOT, true)).files.map((f) => f.path)
    expect(paths.filter((p) => !allowed(p))).toEqual([])
    expect(paths).toContain('dist/cli/index.js')
  })

  test('what ncc bundles is a devDependency: the install needs no registry', () => {
    const bundled = readFileSync(
      join(prefix, 'lib', 'node_modules', pkg.name, 'dist', 'cli', 'bundled-packages.txt'),
      'utf8',
    )
      .trim()
      .split('\n')
    const runtime = Object.keys(
      (pkg as { dependencies?: Record<string, string> }).dependencies ?? {},
    )
    expect(runtime.filter((name) => bundled.includes(name))).toEqual([])
    expect(bundled).toEqual(expect.arrayContaining(['zod', '@azure/identity']))
    expect(existsSync(join(prefix, 'lib', 'node_modules', pkg.name, 'node_modules'))).toBe(false)
    expect((pkg as { private?: boolean }).private).toBeUndefined()
  })

  test('the installed databricks-halt prints its version', async () => {
    const result = await installedCli(['--version'])
    expect(result).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' })
  })

  describe('against the emulator', () => {
    let emu: Emulator
    beforeAll(async () => {
      emu = await startEmulator({ scenario: 'small', seed: 7, startTime: quietStartTime() })
    })
    afterAll(() => emu.close())

    test('the installed databricks-halt show lists the workspace', async () => {
      const result = await installedCli(
        [
          'show',
          `--workspace-url=${emu.workspace.url}`,
          `--account-host=${emu.accountUrl}`,
          `--account-id=${emu.accountId}`,
          '-o',
          'json',
        ],
        { DATABRICKS_TOKEN: emu.adminToken },
      )
      expect(result.stderr).not.toMatch(/error/i)
      expect(result.code).toBe(0)
      const report = JSON.parse(result.stdout) as Record<string, unknown>
      const jobs = emu.ws().jobs
      expect(jobs.size).toBeGreaterThan(0)
      expect(JSON.stringify(report)).toContain(emu.workspace.workspaceId)
      const job = [...jobs.values()][0] as { settings: { name: string } }
      expect(result.stdout).toContain(JSON.stringify(job.settings.name))
    })
  })
})
