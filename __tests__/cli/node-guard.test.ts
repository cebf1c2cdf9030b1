import { beforeAll, describe, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { actionBundle, BUNDLE_TIMEOUT_MS, cliBundle } from '../../__fixtures__/action-bundle.js'
import { nodeTooOld } from '../../src/node-guard.js'
import { ROOT } from './run-cli.js'

const MESSAGE = 'databricks-halt needs Node.js 24 or later (found v20.1.0).\n'
// Preloaded after tsx (tsx reads the version to choose its own loader): from here on the process
// looks like Node 20.1.0 to every module, as an old Node would.
const FAKE_NODE_20 = `data:text/javascript,Object.defineProperty(process.versions,'node',{value:'20.1.0'})`

function runOnFakeNode20(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', '--import', FAKE_NODE_20, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: '/nonexistent' },
    encoding: 'utf8',
    timeout: 30_000,
  })
}

describe('the Node version guard', () => {
  test('names the version it found, and passes 24 and later', () => {
    expect(nodeTooOld('20.20.2')).toBe(
      'databricks-halt needs Node.js 24 or later (found v20.20.2).',
    )
    expect(nodeTooOld('v18.0.0')).toBe('databricks-halt needs Node.js 24 or later (found v18.0.0).')
    expect(nodeTooOld('23.11.1')).toMatch(/found v23\.11\.1/)
    expect(nodeTooOld('24.0.0')).toBeUndefined()
    expect(nodeTooOld('25.2.1')).toBeUndefined()
    expect(nodeTooOld('not a version')).toMatch(/needs Node\.js 24/)
  })

  test.each([
    ['the CLI', ['src/cli.ts', 'show', '--workspace-url', 'https://127.0.0.1:9']],
    ['the Action', ['src/index.ts']],
    ['the demo script', ['--import', './scripts/node-guard.ts', 'scripts/demo.ts']],
    ['the emulator script', ['--import', './scripts/node-guard.ts', 'emulator/main.ts']],
  ])('%s exits 2 with one line before loading anything else', (_, args) => {
    const result = runOnFakeNode20(args)
    expect(result.stderr).toBe(MESSAGE)
    expect(result.stdout).toBe('')
    expect(result.status).toBe(2)
  })

  test('the npm scripts preload the guard', async () => {
    const { scripts } = (await import('../../package.json', { with: { type: 'json' } })).default
    for (const name of ['demo', 'emulator', 'bench', 'cli'] as const) {
      expect(`${name}: ${scripts[name]}`).toMatch(/tsx --import \.\/scripts\/node-guard\.ts /)
    }
  })

  // Fresh bundles of the current sources (dist/ may be stale), built as `npm run build` does.
  const bundles: Record<string, string> = {}
  beforeAll(async () => {
    bundles.cli = await cliBundle()
    bundles.action = await actionBundle()
  }, BUNDLE_TIMEOUT_MS)

  test.each([
    ['the CLI bundle', 'cli'],
    ['the Action bundle', 'action'],
  ])('%s checks before it loads its chunks', (_, kind) => {
    const file = bundles[kind]
    const result = spawnSync(process.execPath, ['--import', FAKE_NODE_20, file, '--version'], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '' },
    })
    expect(result.stderr).toBe(MESSAGE)
    expect(result.status).toBe(2)
  })

  // A real old Node, when the machine has one (the system node beside npm's Node 24 package).
  const oldNode = ['/usr/bin/node', '/usr/local/bin/node'].find((path) => {
    const v = existsSync(path) ? spawnSync(path, ['--version'], { encoding: 'utf8' }).stdout : ''
    return /^v(\d+)\./.test(v) && Number(/^v(\d+)\./.exec(v)![1]) < 24
  })
  ;(oldNode ? test : test.skip)('a real old Node gets the message', () => {
    const result = spawnSync(oldNode!, [bundles.cli, 'show'], { encoding: 'utf8' })
    expect(result.stderr).toMatch(/^databricks-halt needs Node\.js 24 or later \(found v\d+\./)
    expect(result.status).toBe(2)
  })
})
