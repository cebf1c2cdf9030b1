import { readFileSync } from 'node:fs'
import type { ObservedRequest } from '../emulator/index.js'

/**
 * Checks that the Action masks each secret before it first sends it: as a request reaches a
 * double (the Databricks emulator, the Entra double), every credential in it must already have its
 * `::add-mask::` line in the running step's stdout (a file, see action-runner.ts). Absence from
 * the log afterwards is not enough: a secret printed before it was masked shows in clear.
 */
export class MaskWatch {
  private stdoutFile: string | undefined
  /** Credentials seen in requests during the current step. */
  checked = 0
  violations: string[] = []

  /** Pass as runStep's onStart: starts watching a new step. */
  readonly start = (stdoutFile: string): void => {
    this.stdoutFile = stdoutFile
    this.checked = 0
    this.violations = []
  }

  /** A request to the Databricks emulator: its bearer token, or the OIDC exchange's assertion. */
  readonly databricks = (request: ObservedRequest): void => {
    const bearer = /^Bearer (.+)$/i.exec(request.authorization ?? '')?.[1]
    if (bearer) this.check(bearer, `${request.method} ${request.path}`)
    if (request.path.includes('/oidc/') && request.body) {
      const subject = new URLSearchParams(request.body).get('subject_token')
      if (subject) this.check(subject, `${request.method} ${request.path} subject_token`)
    }
  }

  /** A token request to the Entra double: the GitHub OIDC token it carries as an assertion. */
  readonly entra = (form: Record<string, string>): void => {
    if (form.client_assertion) this.check(form.client_assertion, 'Entra token client_assertion')
  }

  private check(secret: string, where: string): void {
    if (!this.stdoutFile) return
    this.checked++
    const printed = readFileSync(this.stdoutFile, 'utf8')
    if (!printed.split('\n').includes(`::add-mask::${secret}`))
      this.violations.push(`${where}: sent before ::add-mask::`)
  }
}
