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
import { buildBundle, ENTRIES } from '../scripts/build.js'

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
const INPUTS = [
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'scripts/build.ts',
  'scripts/bundled-packages.ts',
]

const pending: Partial<Record<keyof typeof ENTRIES, Promise<string>>> = {}

/** The path of a fresh Action bundle's index.js, built once per source state. */
export function actionBundle(): Promise<string> {
  return bundle('action')
}

/** The same for the CLI bundle (dist/cli/ in a release); its directory holds its licences. */
export function cliBundle(): Promise<string> {
  return bundle('cli')
}

function bundle(kind: keyof typeof ENTRIES): Promise<string> {
  pending[kind] ??= ensureBundle(kind)
  return pending[kind]
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

async function ensureBundle(kind: keyof typeof ENTRIES): Promise<string> {
  const cache = join(ROOT, 'node_modules', '.cache', 'databricks-halt')
  const out = join(cache, `${kind}-${sourceHash()}`)
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
    await buildBundle(ENTRIES[kind], partial)
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
