/**
 * Developer entry point for the differential shell suite:
 *   npx tsx lib/shell/testing/diffCli.ts [--real] [--verbose] [filter...]
 * prints the real outcome of each matching script and dialect (--real), or the difference between real and ours
 * (--verbose: with both outcomes in full).
 */
import { join } from 'node:path';
import { DIFF_DIALECTS, DiffWorkspace, loadScripts, runDialect, runRealAll, type Outcome } from './diffRunner';

const args = process.argv.slice(2);
const realOnly = args.includes('--real');
const verbose = args.includes('--verbose');
const filters = args.filter((a) => !a.startsWith('--'));
const scripts = loadScripts(join(import.meta.dirname, '..', '__fixtures__', 'diff')).filter((s) => filters.length === 0 || filters.some((f) => s.id.includes(f)));
const show = (label: string, o: Outcome) => `--- ${label} status ${o.status}\n--- stdout\n${o.stdout}--- stderr\n${o.stderr}`;

const ws = new DiffWorkspace();
try {
  let same = 0;
  let total = 0;
  for (const d of DIFF_DIALECTS) {
    const real = await runRealAll(ws, scripts, d, realOnly ? 1 : 2);
    if (realOnly) {
      for (const [k, [o]] of real) console.log(`=== ${k}\n${show('real', o!)}`);
      continue;
    }
    const report = await runDialect(ws, scripts, d, {}, real);
    for (const r of report.results) {
      total++;
      if (r.identical) same++;
      else console.log(`FAIL ${r.key}: ${r.difference}${verbose ? `\n${show('real', r.real)}${show('ours', r.ours)}` : ''}`);
    }
  }
  if (!realOnly) console.log(`${same}/${total} identical`);
} finally {
  ws.dispose();
}
