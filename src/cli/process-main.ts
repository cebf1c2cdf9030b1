// The CLI process: loaded by src/cli.ts once the Node version is known to be good.
import { main } from './main.js'

// Ctrl-C mid-stop is safe (the snapshot was saved before the first change); say how to undo.
process.once('SIGINT', () => {
  process.stderr.write(
    '\ninterrupted. A stop saves its snapshot before its first change: ' +
      '`databricks-halt restore` puts back whatever it had changed.\n',
  )
  process.exit(130)
})

// No prompts, no stdin: the CLI must run unattended (cron, CI, a runbook script).
main(process.argv.slice(2), {
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`error: ${String(error)}\n`)
    process.exitCode = 1
  },
)
