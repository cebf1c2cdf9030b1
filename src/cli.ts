#!/usr/bin/env -S node --max-semi-space-size=2
// The small young generation is deliberate: a stop on a large workspace makes thousands of short
// requests whose garbage otherwise lets the heap balloon to several times the live set (measured by
// `npm run bench`: peak RSS 258 MB with V8's default, 171 MB with this, at the same speed).
import { main } from './cli/main.js'

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
