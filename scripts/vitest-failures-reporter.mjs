// A Vitest reporter that writes every failed test, with its assertion diff, to the file named by
// LAYERLAB_FAILURES (test-all.mjs prints it just above the summary). The JSON reporter keeps only the stack, and
// CI keeps only the tail of the log, so without this a failure seen once on the CI machine cannot be diagnosed.
import { writeFileSync } from 'node:fs';
import path from 'node:path';

const strip = (text) => String(text ?? '').replace(/\x1b\[[0-9;]*m/g, ''); // eslint-disable-line no-control-regex

export default class FailuresReporter {
  failures = [];

  onTestCaseResult(testCase) {
    const result = testCase.result();
    if (result.state !== 'failed') return;
    const file = path.relative(process.cwd(), testCase.module.moduleId);
    const errors = (result.errors ?? []).map((e) => [strip(e.message), strip(e.diff)].filter(Boolean).join('\n'));
    this.failures.push({ name: `${file} > ${testCase.fullName}`, errors });
  }

  onTestRunEnd(testModules, unhandledErrors) {
    for (const m of testModules) {
      const errors = m.errors?.() ?? [];
      if (errors.length) this.failures.push({ name: path.relative(process.cwd(), m.moduleId), errors: errors.map((e) => strip(e.message)) });
    }
    for (const e of unhandledErrors) this.failures.push({ name: 'unhandled error', errors: [strip(e.message)] });
    const out = process.env.LAYERLAB_FAILURES;
    if (out) writeFileSync(out, JSON.stringify(this.failures, null, 1));
  }
}
