// Jest reporter that ends every run with the plain line CI reads: 'N passed, N failed'.
// Suites that crash before running a test count as failed, so a broken import cannot pass silently.
export default class CountReporter {
  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites
    process.stdout.write(`\n${results.numPassedTests} passed, ${failed} failed\n`)
  }
}
