// A Playwright reporter that repeats, at the very end of the run, the failures and the
// errors that belong to no test (a crashed worker, a failed setup), one line each, so
// that a log cut to its last lines still says what went wrong.
export default class ErrorsAtEnd {
  constructor() {
    this.lines = [];
  }

  onError(error) {
    this.lines.push(`error outside any test: ${firstLine(error)}`);
  }

  onTestEnd(test, result) {
    if (result.status === 'failed' || result.status === 'timedOut') {
      this.lines.push(`${result.status}: ${test.titlePath().filter(Boolean).join(' › ')}: ${firstLine(result.error)}`);
    }
  }

  onEnd() {
    if (this.lines.length === 0) return;
    console.log('\nWhat went wrong, again:');
    for (const line of this.lines) console.log(`  ${line}`);
  }
}

function firstLine(error) {
  const text = `${error?.message ?? error?.value ?? error ?? 'unknown'}`;
  return text.replace(/\u001b\[[0-9;]*m/g, '').split('\n').find((l) => l.trim()) ?? text;
}
