// Jest reporter that ends every run with the plain line CI reads: 'N passed, N failed'.
// Suites that crash before running a test count as failed, so a broken import cannot pass silently.
// The line is written as the process exits, so it comes after Jest's own summary (which goes to
// stderr) even when both streams land in one log.
export default class CountReporter {
  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites
    const line = `\n${results.numPassedTests} passed, ${failed} failed\n`
    process.once('exit', () => process.stdout.write(line))
  }
}
