#!/usr/bin/env node
import { main } from './cli/main.js'

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
