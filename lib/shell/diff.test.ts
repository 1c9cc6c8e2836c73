/**
 * Differential suite: every script in __fixtures__/diff runs through real bash (host dialect) and real
 * `busybox sh` (ash dialect) and through our shell; stdout, stderr and exit status must be identical.
 * The pass rate per dialect must stay at 95% or more, and every difference we accept is listed below with its reason.
 * A dialect is skipped, with the reason printed, when its oracle binary is missing (CI installs them).
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import {
  DIFF_DIALECTS,
  DiffWorkspace,
  formatReport,
  loadScripts,
  oracleInfo,
  oracleNondeterminism,
  runDialect,
  runRealAll,
  shellRegistered,
  type DiffDialect,
  type DialectReport,
  type Outcome,
} from './testing/diffRunner';

/** `'category/name.sh:dialect'` → why our shell differs there. A listed script that starts passing fails the suite. */
const KNOWN_DIFFERENCES: Readonly<Record<string, string>> = {};

const MIN_SCRIPTS = 170;
const MIN_RATE = 0.95;
/** A few seconds of CPU in all, but the oracles are ~1500 child processes: allow for a machine busy with other suites. */
const SUITE_TIMEOUT_MS = 300_000;

const scripts = loadScripts(join(import.meta.dirname, '__fixtures__', 'diff'));
const oracles = DIFF_DIALECTS.map(oracleInfo);
let ws: DiffWorkspace;
const reports: DialectReport[] = [];
/** Every script twice through each real shell, in child processes started as the suite begins (they use the other
 *  cores while our shell runs in this process); the comparison and the determinism check share them. */
const real = new Map<DiffDialect, Promise<Map<string, Outcome[]>>>();

beforeAll(() => {
  ws = new DiffWorkspace();
  for (const o of oracles) {
    if (o.missing) continue;
    const p = runRealAll(ws, scripts, o.dialect, 2);
    p.catch(() => {}); // reported by the tests that await it
    real.set(o.dialect, p);
  }
});
afterAll(() => {
  ws.dispose();
  if (reports.length) console.log(formatReport(reports, KNOWN_DIFFERENCES, oracles.filter((o) => !o.missing).map((o) => o.version)));
});

describe('differential shell suite', () => {
  it(`has at least ${MIN_SCRIPTS} scripts and only valid known-difference keys`, () => {
    expect(scripts.length).toBeGreaterThanOrEqual(MIN_SCRIPTS);
    const keys = new Set(scripts.flatMap((s) => s.dialects.map((d) => `${s.id}:${d}`)));
    expect(Object.keys(KNOWN_DIFFERENCES).filter((k) => !keys.has(k))).toEqual([]);
  });

  for (const oracle of oracles) {
    const { dialect } = oracle;
    describe(dialect, () => {
      const realOutcomes = () => real.get(dialect)!;

      it.skipIf(oracle.missing !== null)(`our ${dialect} matches real ${dialect} (>= ${MIN_RATE * 100}%, every difference listed)`, async () => {
        if (!shellRegistered(dialect)) {
          throw new Error(`shell not registered: lib/shell/programs/registry-shells.ts has no '${dialect === 'bash' ? 'bash' : 'sh'}' program yet`);
        }
        const report = await runDialect(ws, scripts, dialect, KNOWN_DIFFERENCES, realOutcomes());
        reports.push(report);
        const summary = formatReport([report], KNOWN_DIFFERENCES, [oracle.version]);
        expect(report.rate, summary).toBeGreaterThanOrEqual(MIN_RATE);
        expect(report.unexpected.map((r) => `${r.key}: ${r.difference}`), summary).toEqual([]);
        expect(report.fixedKnown, summary).toEqual([]);
      }, SUITE_TIMEOUT_MS);

      it.skipIf(oracle.missing !== null)(`real ${dialect} is deterministic on every script (run twice)`, async () => {
        expect(oracleNondeterminism(await realOutcomes())).toEqual([]);
      }, SUITE_TIMEOUT_MS);
    });
  }

  for (const o of oracles) if (o.missing) console.warn(`differential shell suite: skipping ${o.dialect}: ${o.missing}`);
});
