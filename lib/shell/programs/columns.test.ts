import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestMachine, runCommand } from '../testing/harness';
import { formatColumns } from './lib/columns';
import { hasTool, runReal } from './testing/real-tools';

describe('ls column layout', () => {
  it('lays out a few names by hand', () => {
    expect(formatColumns(['a', 'b', 'c'], { width: 80, style: 'gnu' })).toEqual(['a  b  c\n']);
    expect(formatColumns(['alpha', 'b'], { width: 6, style: 'gnu' })).toEqual(['alpha\n', 'b\n']);
    expect(formatColumns(['a', 'b', 'c'], { width: 80, style: 'busybox' })).toEqual(['a  b  c\n']);
    // Found by the property below: BusyBox -x keeps four columns for five names in 20 columns.
    expect(formatColumns(['0', '1', '2', '_', 'a0a'], { width: 20, style: 'busybox', across: true })).toEqual(['0    1    2    _\n', 'a0a\n']);
  });

  it('matches GNU ls -C and BusyBox ls -C for random names and widths (property)', { timeout: 180_000 }, async () => {
    if (!hasTool('ls') || !hasTool('busybox')) return;
    const name = fc.stringMatching(/^[a-z0-9_]{1,18}$/);
    const tm = createTestMachine();
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(name, { minLength: 1, maxLength: 30 }), fc.integer({ min: 10, max: 120 }), fc.boolean(), async (names, width, across) => {
        const dir = mkdtempSync(join(tmpdir(), 'layerlab-cols-'));
        try {
          for (const n of names) writeFileSync(join(dir, n), '');
          const flag = across ? '-x' : '-C';
          const gnu = runReal(['ls', flag, '-w', String(width)], { cwd: dir });
          const bb = runReal(['busybox', 'ls', flag, '-w', String(width)], { cwd: dir });
          const d = `/d${run++}`;
          tm.fs.mkdir(d);
          for (const n of names) tm.fs.writeFile(`${d}/${n}`, new Uint8Array());
          expect((await runCommand(tm, ['ls', flag, '-w', String(width)], { cwd: d })).stdout).toBe(gnu.stdout);
          expect((await runCommand(tm, ['ls', flag, '-w', String(width)], { cwd: d, flavor: 'busybox' })).stdout).toBe(bb.stdout);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 60 },
    );
  });
});
