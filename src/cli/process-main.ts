// The CLI process: loaded by src/cli.ts once the Node version is known to be good.
import { createInterface } from 'node:readline/promises'
import { main } from './main.js'

// Ctrl-C mid-stop is safe (the snapshot was saved before the first change); say how to undo.
process.once('SIGINT', () => {
  process.stderr.write(
    '\ninterrupted. A stop saves its snapshot before its first change: ' +
      '`databricks-halt restore` puts back whatever it had changed.\n',
  )
  process.exit(130)
})

// A prompt only on a terminal (stop/restore confirmation, skipped by --yes); without one (cron,
// CI, a runbook script) stdin is never read.
main(process.argv.slice(2), {
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  interactive: Boolean(process.stdin.isTTY && process.stderr.isTTY),
  ask: async (question) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr })
    try {
      return await rl.question(question)
    } finally {
      rl.close()
    }
  },
}).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`error: ${String(error)}\n`)
    process.exitCode = 1
  },
)
