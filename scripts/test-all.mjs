#!/usr/bin/env node
// Every test, in order: type-check (both tsconfigs), Vitest (unit, property and differential suites), the Next
// build, then the Playwright e2e tests against that build. Each step runs even when an earlier one failed (except
// e2e, which needs the build), so one run shows everything that is wrong. Ends with the line `N passed, N failed`:
// test counts summed over Vitest and Playwright (read from their JSON reporters), plus one failure for each step
// that failed without reporting tests (a type error, a broken build, a runner that crashed).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const REPORT_DIR = path.resolve('test-results');
const VITEST_JSON = path.join(REPORT_DIR, 'vitest.json');
const VITEST_FAILURES = path.join(REPORT_DIR, 'vitest-failures.json');
const E2E_JSON = path.join(REPORT_DIR, 'e2e.json');

mkdirSync(REPORT_DIR, { recursive: true });
rmSync(VITEST_JSON, { force: true });
rmSync(VITEST_FAILURES, { force: true });
rmSync(E2E_JSON, { force: true });

/** @type {{ name: string, ok: boolean, seconds: number, passed?: number, failed?: number, skipped?: number, note?: string }[]} */
const results = [];
/** @type {string[]} */
const failures = [];

function banner(text) {
  const line = '─'.repeat(Math.max(8, 72 - text.length - 4));
  console.log(`\n── ${text} ${line}`);
}

/** A tool installed in node_modules/.bin (run directly: faster than npx, and without npm's config warnings). */
function bin(name) {
  return path.join('node_modules', '.bin', name);
}

function run(name, cmd, args, env = {}) {
  banner(name);
  console.log(`$ ${[cmd, ...args].join(' ')}`);
  const started = performance.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = (performance.now() - started) / 1000;
  if (r.error) console.error(`test-all: could not start ${cmd}: ${r.error.message}`);
  return { status: r.error ? 1 : (r.status ?? 1), seconds };
}

/** Which test files failed (a file that fails to load reports no tests, so it is named here). */
function failedFiles(report) {
  const files = (report.testResults ?? []).filter((r) => r.status === 'failed').map((r) => path.relative(process.cwd(), r.name));
  return files.length ? `failed: ${files.join(', ')}` : undefined;
}

/**
 * Each failed test with the first lines of its message and diff (from scripts/vitest-failures-reporter.mjs),
 * printed just above the summary: CI keeps only the tail of the log, and a failure seen once on the CI machine
 * (an oracle that behaves differently there, say) must be diagnosable from that tail alone.
 */
function failureDetails(list) {
  const lines = [];
  for (const f of list ?? []) {
    lines.push(f.name);
    for (const e of f.errors.slice(0, 2)) lines.push(firstLines(e, 30).replace(/^/gm, '    '));
  }
  return lines;
}

function firstLines(text, n) {
  const all = String(text).split('\n');
  return all.slice(0, n).join('\n') + (all.length > n ? `\n… (${all.length - n} more lines)` : '');
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

// 1. Type-check the web app and tests (tsconfig.json) and lib/ without the DOM (tsconfig.lib.json).
for (const project of ['tsconfig.json', 'tsconfig.lib.json']) {
  const { status, seconds } = run(`typecheck (${project})`, bin('tsc'), ['--noEmit', '-p', project]);
  results.push({ name: `typecheck ${project}`, ok: status === 0, seconds });
}

// 2. Vitest: every *.test.ts suite.
{
  const { status, seconds } = run('unit, property and differential tests (vitest)', bin('vitest'), [
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${VITEST_JSON}`,
    '--reporter=./scripts/vitest-failures-reporter.mjs',
  ], { LAYERLAB_FAILURES: VITEST_FAILURES });
  const report = readJson(VITEST_JSON);
  if (report) {
    const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    results.push({
      name: 'vitest',
      ok: status === 0,
      seconds,
      passed: report.numPassedTests ?? 0,
      failed: report.numFailedTests ?? 0,
      skipped,
      note: failedFiles(report),
    });
    failures.push(...failureDetails(readJson(VITEST_FAILURES)));
  } else {
    results.push({ name: 'vitest', ok: false, seconds, note: 'no JSON report' });
  }
}

// 3. The static export.
const build = run('build (next build)', bin('next'), ['build']);
results.push({ name: 'next build', ok: build.status === 0, seconds: build.seconds });

// 4. Playwright e2e in Debian's Chromium against out/.
if (build.status === 0) {
  const { status, seconds } = run('e2e (playwright, chromium)', 'node', ['scripts/e2e.mjs', '--no-build'], { E2E_JSON });
  const report = readJson(E2E_JSON);
  if (report?.stats) {
    const s = report.stats;
    results.push({
      name: 'playwright',
      ok: status === 0,
      seconds,
      passed: (s.expected ?? 0) + (s.flaky ?? 0),
      failed: s.unexpected ?? 0,
      skipped: s.skipped ?? 0,
      note: s.flaky ? `${s.flaky} flaky` : undefined,
    });
  } else {
    results.push({ name: 'playwright', ok: false, seconds, note: 'no JSON report' });
  }
} else {
  results.push({ name: 'playwright', ok: false, seconds: 0, note: 'not run: the build failed' });
}

// What failed, then the summary.
if (failures.length) {
  banner('failures');
  for (const line of failures) console.log(line);
}
banner('summary');
let passed = 0;
let failed = 0;
for (const r of results) {
  const counted = r.passed !== undefined;
  if (counted) {
    passed += r.passed;
    failed += r.failed;
    // A runner that failed with every test passing (a suite that did not load, say) still counts once.
    if (!r.ok && r.failed === 0) failed += 1;
  } else if (!r.ok) {
    failed += 1;
  }
  const counts = counted ? `${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped` : '';
  const extra = [counts, r.note].filter(Boolean).join('; ');
  console.log(`  ${r.ok ? 'ok  ' : 'FAIL'}  ${r.name.padEnd(28)} ${`${r.seconds.toFixed(1)}s`.padStart(7)}  ${extra}`);
}
const allOk = results.every((r) => r.ok);
console.log(allOk ? '\nall steps passed' : '\nsome steps failed');
console.log(`${passed} passed, ${failed} failed`);
process.exit(allOk ? 0 : 1);
