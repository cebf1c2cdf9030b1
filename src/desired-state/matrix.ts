import { basename } from 'node:path'
import { parseDesiredState, type DesiredState } from './schema.js'
import type { Source } from './read.js'

/** One leg of desired-state.yml's apply matrix: the reusable workflow's inputs for one file. */
export interface MatrixEntry {
  file: string
  environment: string
  'workspace-url': string
  'keep-principals': string
  mode: 'stop' | 'restore'
}

/** One changed file, for the summary: what it asks for and what will run. */
export interface Change {
  file: string
  environment: string
  workspaceUrl?: string
  from: DesiredState['state']
  to?: DesiredState['state']
  runs: 'stop' | 'restore' | 'nothing'
}

export interface DesiredStateResult {
  matrix: MatrixEntry[]
  changes: Change[]
  /** Base files that do not pass the schema: their old state is taken as `running`. */
  warnings: string[]
}

/** This one documents the format and is never acted on. */
const EXAMPLE = 'example.yml'

/**
 * Compares the files of `head` with those of `base` (none: every workspace was running, as
 * before a first push). Only files whose text changed are listed, like `git diff`; every head
 * file is checked, so a typo anywhere fails. A state going running → halted is a `stop`,
 * halted → running a `restore`.
 */
export function desiredState(head: Source, base?: Source): DesiredStateResult {
  const warnings: string[] = []
  const changes: Change[] = []
  const names = new Set([...head.files.keys(), ...(base?.files.keys() ?? [])])
  const parsed = new Map<string, DesiredState>()
  for (const [name, text] of head.files) {
    if (name !== EXAMPLE) parsed.set(name, parseDesiredState(head.prefix + name, text))
  }
  for (const name of [...names].sort()) {
    if (name === EXAMPLE) continue
    const text = head.files.get(name)
    const before = base?.files.get(name)
    if (base && text === before) continue
    const file = head.prefix + name
    const environment = basename(name, '.yml')
    const from = before === undefined ? 'running' : oldState(file, before, warnings)
    const now = parsed.get(name)
    if (!now) {
      changes.push({ file, environment, from, runs: 'nothing' })
      continue
    }
    const runs = from === now.state ? 'nothing' : now.state === 'halted' ? 'stop' : 'restore'
    const url = now['workspace-url']
    changes.push({ file, environment, workspaceUrl: url, from, to: now.state, runs })
  }
  const matrix = changes.flatMap((c): MatrixEntry[] =>
    c.runs === 'nothing'
      ? []
      : [
          {
            file: c.file,
            environment: c.environment,
            'workspace-url': c.workspaceUrl!,
            'keep-principals': keepOf(parsed.get(basename(c.file))!),
            mode: c.runs,
          },
        ],
  )
  return { matrix, changes, warnings }
}

function keepOf(state: DesiredState): string {
  const keep = state['keep-principals'] ?? ''
  return Array.isArray(keep) ? keep.join(', ') : keep
}

/** The state a base file asked for; a base file with a typo counts as running, with a warning. */
function oldState(file: string, text: string, warnings: string[]): DesiredState['state'] {
  try {
    return parseDesiredState(file, text).state
  } catch (e) {
    warnings.push(`The base version of ${(e as Error).message} It is taken as running.`)
    return 'running'
  }
}

/** The changes as a Markdown table (the job summary of desired-state.yml). */
export function markdownSummary(changes: Change[]): string {
  const rows = changes.map(
    (c) =>
      `| ${c.file} | ${c.environment} | ${c.workspaceUrl ?? '-'} | ${c.from} → ${c.to ?? 'deleted'} | ${c.runs} |`,
  )
  return [
    '## Desired state',
    '',
    '| File | Environment | Workspace | Change | Will run |',
    '| --- | --- | --- | --- | --- |',
    ...(rows.length > 0 ? rows : ['| (no halt/*.yml changed) | | | | nothing |']),
    '',
  ].join('\n')
}
