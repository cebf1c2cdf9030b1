import * as core from '@actions/core'
import { CoreLogger } from './action/core-logger.js'
import { failureMessage, publish } from './action/publish-helper.js'
import { createStore } from './action/store-helper.js'
import { createTokenProvider, resolveAuthMethod, signIn } from './auth/action-auth.js'
import { exitCodeForError } from './cli/exit-codes.js'
import { VERSION } from './cli/version.js'
import { run as runEngine } from './engine.js'
import { errorText } from './errors.js'
import { checkSettingsHosts, warnOptedIn } from './host-policy.js'
import { getInputs } from './input-helper.js'
import { planOutPath, resolvePlanInput, uploadPlan } from './action/plan-artifact.js'

/** The Action: inputs → sign-in → engine → outputs, annotations and job summary. */
export async function run(): Promise<void> {
  const logger = new CoreLogger()
  try {
    const { settings, auth, artifacts, snapshotKeys } = getInputs()
    // Before any token or ID token is requested: credentials go only to known or opted-in hosts.
    const authority = resolveAuthMethod(auth) === 'azure-oidc' ? auth.azureAuthorityHost : undefined
    const armEndpoint = process.env.DATABRICKS_HALT_ARM_ENDPOINT?.trim() || undefined
    warnOptedIn(logger, checkSettingsHosts(settings, authority, armEndpoint))
    const tokens = createTokenProvider(settings, auth)
    // Sign in first: a missing permission or a rejected credential fails here, with its own message.
    await logger.group(`Sign in: ${tokens.description}`, () => signIn(settings, tokens))
    const store = createStore(settings, artifacts, logger)
    const plan = await resolvePlanInput(settings.plan)
    const planOut = await planOutPath(settings)
    const report = await runEngine({
      settings: { ...settings, plan, planOut },
      tokens,
      store: store.store,
      snapshotKeys,
      logger,
      version: VERSION,
      ...(armEndpoint ? { arm: { endpoint: armEndpoint } } : {}),
    })
    core.setOutput(
      'plan-artifact-id',
      (await uploadPlan(report, artifacts.retentionDays, logger)) ?? '',
    )
    await publish(report, store, logger)
    if (report.exitCode !== 0) core.setFailed(failureMessage(report))
  } catch (error) {
    logger.flush() // a run that stopped half-way still says how many annotations it held back
    fail(error)
  }
}

/** setFailed, keeping the CLI's exit codes: 2 bad input, 3 refused by a safety guard, else 1. */
function fail(error: unknown): void {
  core.setFailed(errorText(error))
  process.exitCode = exitCodeForError(error)
}
