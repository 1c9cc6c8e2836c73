/**
 * Developer entry point for the differential shell suite: `npx tsx lib/shell/testing/diffCli.ts [--real] [filter...]`
 * prints, per script and dialect, the real outcome (with --real) or the difference between real and ours.
 */
import { join } from 'node:path';
import { DIFF_DIALECTS, DiffWorkspace, describeDifference, key, loadScripts, runOurs, runReal } from './diffRunner';

const args = process.argv.slice(2);
const realOnly = args.includes('--real');
const filters = args.filter((a) => !a.startsWith('--'));
const scripts = loadScripts(join(import.meta.dirname, '..', '__fixtures__', 'diff')).filter((s) => filters.length === 0 || filters.some((f) => s.id.includes(f)));
const ws = new DiffWorkspace();
let same = 0;
let total = 0;
try {
  for (const s of scripts) {
    for (const d of DIFF_DIALECTS) {
      if (!s.dialects.includes(d)) continue;
      const real = runReal(ws, s, d);
      if (realOnly) {
        console.log(`=== ${key(s, d)} status ${real.status}\n--- stdout\n${real.stdout}--- stderr\n${real.stderr}`);
        continue;
      }
      total++;
      const ours = await runOurs(ws, s, d);
      const diff = describeDifference(real, ours);
      if (diff === null) same++;
      else console.log(`FAIL ${key(s, d)}: ${diff}`);
    }
  }
  if (!realOnly) console.log(`${same}/${total} identical`);
} finally {
  ws.dispose();
}
