/**
 * The README's first command, `npm ci`, runs on whatever Node runs npm on the machine (not the
 * Node 24 the project pins): it must not flood the screen with engine warnings of packages that
 * only ever run on the pinned Node. Run with the very npm and Node that run this test's npm
 * (npm_execpath, npm_node_execpath), as a dry run of the lockfile in a copy of the project files.
 */
import { describe, expect, test } from '@jest/globals'
import { execFile } from 'node:child_process'
import { copyFileSync, existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { ROOT } from '../cli/run-cli.js'

const run = promisify(execFile)

describe('quiet set-up', () => {
  test('npm ci prints no warnings (no EBADENGINE flood), whichever Node runs npm', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quiet-setup-'))
    for (const file of ['package.json', 'package-lock.json', '.npmrc'])
      if (existsSync(join(ROOT, file))) copyFileSync(join(ROOT, file), join(dir, file))
    const npm = process.env.npm_execpath
    const node = process.env.npm_node_execpath ?? process.execPath
    const argv = npm ? [node, npm] : ['npm']
    const { stdout, stderr } = await run(
      argv[0],
      [...argv.slice(1), 'ci', '--dry-run', '--no-audit', '--no-fund'],
      { cwd: dir, env: { ...process.env, npm_config_update_notifier: 'false' } },
    )
    const output = `${stdout}\n${stderr}`
    expect(output).toMatch(/added \d+ packages/)
    expect(output).not.toMatch(/EBADENGINE|npm warn/)
  }, 60_000)
})
