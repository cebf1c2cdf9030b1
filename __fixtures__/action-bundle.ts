import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'

/**
 * The Action bundle the e2e tests run: built by ncc from the current src/ (never the committed
 * dist/, which may be stale after a src/ change). A build takes tens of seconds, so it is kept in
 * node_modules/.cache under a hash of everything that goes into it (src/, package.json, the lockfile,
 * tsconfig.json): any change gives a new hash and a new build, no change reuses the last one. Test
 * files running at the same time share one build (a lock directory; the others wait for it).
 */

/** Long enough for one ncc build on a busy machine; give it to the beforeAll that first calls actionBundle(). */
export const BUNDLE_TIMEOUT_MS = 10 * 60_000

const ROOT = resolve('.')
const INPUTS = ['package.json', 'package-lock.json', 'tsconfig.json']

let pending: Promise<string> | undefined

/** The path of a fresh bundle's index.js, built once per source state. */
export function actionBundle(): Promise<string> {
  pending ??= ensureBundle()
  return pending
}

/** A hash of every file the bundle is built from. */
export function sourceHash(): string {
  const hash = createHash('sha256')
  for (const file of [...listFiles('src'), ...INPUTS]) {
    hash.update(`${file}\0`)
    hash.update(readFileSync(join(ROOT, file)))
    hash.update('\0')
  }
  return hash.digest('hex').slice(0, 20)
}

function listFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name)) : [join(dir, e.name)]))
}

async function ensureBundle(): Promise<string> {
  const cache = join(ROOT, 'node_modules', '.cache', 'databricks-halt')
  const out = join(cache, `action-${sourceHash()}`)
  const index = join(out, 'index.js')
  mkdirSync(cache, { recursive: true })
  for (;;) {
    if (existsSync(index)) return index
    if (takeLock(`${out}.lock`)) break
    await new Promise((done) => setTimeout(done, 500))
  }
  try {
    if (existsSync(index)) return index
    const partial = `${out}.partial-${process.pid}`
    rmSync(partial, { recursive: true, force: true })
    await build(partial)
    renameSync(partial, out)
    return index
  } finally {
    rmSync(`${out}.lock`, { recursive: true, force: true })
  }
}

/** mkdir is atomic: whoever creates the lock builds. A lock left by a killed run expires. */
function takeLock(lock: string): boolean {
  try {
    mkdirSync(lock)
    return true
  } catch {
    try {
      if (Date.now() - statSync(lock).mtimeMs > BUNDLE_TIMEOUT_MS) rmSync(lock, { recursive: true })
    } catch {
      // The holder finished and removed it meanwhile.
    }
    return false
  }
}

async function build(dir: string): Promise<void> {
  const ncc = join(ROOT, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js')
  try {
    // The same build as `npm run build` makes of the Action (without the licence file).
    await promisify(execFile)(process.execPath, [ncc, 'build', 'src/index.ts', '-o', dir, '-q'], {
      cwd: ROOT,
      maxBuffer: 64 * 1024 * 1024,
    })
  } catch (e) {
    const { stdout = '', stderr = '' } = e as { stdout?: string; stderr?: string }
    throw new Error(`ncc could not build src/index.ts:\n${stdout}${stderr}`, { cause: e })
  }
}
