import { execFile } from 'node:child_process'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { UsageError } from '../errors.js'

/**
 * Where the `*.yml` files of a desired-state directory come from: the working tree, or a commit
 * (read with git, so a workflow compares the pushed commit with the one before it).
 */
export interface Source {
  /** File name (`prod.yml`) → its text. */
  files: Map<string, string>
  /** What the files are named by in the matrix and errors: `halt/` in a git repository's root. */
  prefix: string
}

const run = promisify(execFile)
/** What GitHub sends as `before` for a push that created the branch: compare with nothing. */
const NO_COMMIT = /^0{40}$/

async function git(dir: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run('git', ['-C', dir, ...args], { maxBuffer: 64 * 1024 * 1024 })
    return stdout
  } catch (e) {
    const stderr = (e as { stderr?: string }).stderr?.trim().split('\n')[0]
    throw new UsageError(`git ${args[0]} in ${dir} failed: ${stderr || String(e)}`)
  }
}

/** The files' names as the repository knows them (`halt/`), or the directory as given. */
export async function prefixOf(dir: string): Promise<string> {
  try {
    const { stdout } = await run('git', ['-C', dir, 'rev-parse', '--show-prefix'])
    return stdout.trim()
  } catch {
    return dir.endsWith('/') ? dir : `${dir}/`
  }
}

/** Is `rev` a commit of the repository holding `dir`? */
async function isCommit(dir: string, rev: string): Promise<boolean> {
  try {
    await run('git', ['-C', dir, 'cat-file', '-e', `${rev}^{commit}`])
    return true
  } catch {
    return false
  }
}

const isStateFile = (name: string) => name.endsWith('.yml') && !name.includes('/')

/** The files at a commit; undefined when `rev` is the all-zero id or not a commit here. */
export async function readAtCommit(dir: string, rev: string): Promise<Source | undefined> {
  if (NO_COMMIT.test(rev) || !(await isCommit(dir, rev))) return undefined
  const prefix = await prefixOf(dir)
  const names = (await git(dir, ['ls-tree', '--name-only', rev, '--', '.']))
    .split('\n')
    .filter(isStateFile)
  const files = new Map<string, string>()
  for (const name of names) files.set(name, await git(dir, ['show', `${rev}:./${name}`]))
  return { files, prefix }
}

/** The files in the working tree. */
export async function readWorkingTree(dir: string): Promise<Source> {
  let names: string[]
  try {
    names = (await readdir(dir)).filter(isStateFile)
  } catch (e) {
    throw new UsageError(`Cannot read the desired-state directory ${dir}: ${(e as Error).message}`)
  }
  const files = new Map<string, string>()
  for (const name of names.sort()) files.set(name, await readFile(join(dir, name), 'utf8'))
  return { files, prefix: await prefixOf(dir) }
}

/** Exists so the head commit must be one: a typo'd --head is an error, not "no files". */
export async function readHead(dir: string, rev: string | undefined): Promise<Source> {
  if (rev === undefined) return readWorkingTree(dir)
  const source = await readAtCommit(dir, rev)
  if (!source) throw new UsageError(`--head ${rev} is not a commit of the repository at ${dir}.`)
  return source
}
