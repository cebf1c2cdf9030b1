import { appendFile } from 'node:fs/promises'
import { desiredState, markdownSummary } from '../desired-state/matrix.js'
import { readAtCommit, readHead } from '../desired-state/read.js'
import { DesiredStateError } from '../desired-state/schema.js'
import type { Logger } from '../logger.js'
import type { CliCommand } from './args.js'
import type { CliIo } from './main.js'

type DesiredStateCommand = Extract<CliCommand, { kind: 'desired-state' }>

/**
 * `databricks-halt desired-state`: the matrix as one JSON line on stdout (for `$GITHUB_OUTPUT`),
 * the changes on stderr and, with --summary, as Markdown. Reads files only, never a workspace.
 */
export async function runDesiredState(
  command: DesiredStateCommand,
  io: CliIo,
  logger: Logger,
): Promise<number> {
  const head = await readHead(command.dir, command.head)
  const base =
    command.base === undefined ? undefined : await readAtCommit(command.dir, command.base)
  if (command.base !== undefined && base === undefined && !/^0+$/.test(command.base)) {
    logger.warning(
      `--base ${command.base} is not a commit here: every file is compared with nothing ` +
        '(as on the first push), so every halted workspace is stopped.',
    )
  }
  const result = desiredState(head, base)
  for (const warning of result.warnings) logger.warning(warning)
  for (const c of result.changes) {
    logger.info(`${c.file}: ${c.from} → ${c.to ?? 'deleted'}: ${c.runs}`)
  }
  if (result.changes.length === 0) logger.info('No desired-state file changed: nothing to run.')
  if (command.summary) await appendFile(command.summary, markdownSummary(result.changes))
  io.stdout(`${JSON.stringify(result.matrix)}\n`)
  return 0
}

/**
 * On a GitHub runner, an invalid file is also an error annotation on its line (the runner reads
 * workflow commands from stderr too), so the pull request shows it beside the typo.
 */
export function annotate(e: unknown, io: CliIo): void {
  if (io.env.GITHUB_ACTIONS !== 'true' || !(e instanceof DesiredStateError)) return
  const property = (v: string) =>
    v
      .replace(/%/g, '%25')
      .replace(/[\r\n]/g, ' ')
      .replace(/,/g, '%2C')
      .replace(/:/g, '%3A')
  const data = e.detail.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
  const where = `file=${property(e.file)}${e.line ? `,line=${e.line}` : ''}`
  io.stderr(`::error ${where}::${data}\n`)
}
