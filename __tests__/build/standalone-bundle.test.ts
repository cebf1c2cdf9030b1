/**
 * The Action bundle runs where it is used: from a checkout of this repository with no node_modules
 * (a runner never installs the Action's packages). Tests that run it inside the repository would
 * not notice an import of a package that only node_modules provides, so this runs a copy of a fresh
 * bundle from a directory of its own.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { actionBundle, BUNDLE_TIMEOUT_MS } from '../../__fixtures__/action-bundle.js'
import { NCC_EXTERNALS } from '../../scripts/build.js'

const work = mkdtempSync(join(tmpdir(), 'standalone-action-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

beforeAll(async () => {
  cpSync(dirname(await actionBundle()), join(work, 'dist'), { recursive: true })
}, BUNDLE_TIMEOUT_MS)

describe('the Action bundle outside the repository', () => {
  test('starts and fails on its missing input, not on a missing package', () => {
    const result = spawnSync(process.execPath, [join(work, 'dist', 'index.js')], {
      cwd: work,
      env: { PATH: process.env.PATH ?? '', RUNNER_TEMP: work },
      encoding: 'utf8',
      timeout: 60_000,
    })
    expect(result.stderr).not.toMatch(/ERR_MODULE_NOT_FOUND|Cannot find/)
    expect(result.stdout).toMatch(/^::error::Input required and not supplied: mode/m)
    expect(result.status).toBe(2) // bad input, as the README's exit-code table says
  })

  test('no file of it loads a left-out package by name', () => {
    const dir = join(work, 'dist')
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.js'))) {
      const code = readFileSync(join(dir, file), 'utf8')
      for (const name of NCC_EXTERNALS) {
        expect(`${file}: ${code.includes(`from "${name}"`)}`).toBe(`${file}: false`)
      }
    }
  })
})
