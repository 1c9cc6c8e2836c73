import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { createTestMachine, runCommand } from '../testing/harness';
import { diffLikeGnu, diffSequences } from './lib/lcs';
import { hasTool, runReal } from './testing/real-tools';

const tm = createTestMachine();
const enc = (s: string) => new TextEncoder().encode(s);
const FILES: Record<string, string> = {
  x: 'a\nb\nc\nd\ne\nf\ng\nh\n',
  y: 'a\nB\nc\nd\ne\nf\ng\nh\ni\n',
  n1: 'a',
  n2: 'b',
  long1: Array.from({ length: 30 }, (_, i) => `line ${i}`).join('\n') + '\n',
  long2: Array.from({ length: 30 }, (_, i) => (i === 3 ? 'changed' : i === 20 ? 'other' : `line ${i}`)).filter((_, i) => i !== 10).join('\n') + '\n',
};
tm.fs.mkdir('/tmp/d', 0o777);
for (const [n, c] of Object.entries(FILES)) tm.fs.writeFile(`/tmp/d/${n}`, enc(c));
const run = (argv: string[], flavor?: 'busybox') => runCommand(tm, argv, { cwd: '/tmp/d', ...(flavor ? { flavor } : {}) });

describe('diff', () => {
  it('normal format and exit status', async () => {
    expect(await run(['diff', 'x', 'y'])).toMatchObject({ status: 1, stdout: '2c2\n< b\n---\n> B\n8a9\n> i\n' });
    expect(await run(['diff', 'x', 'x'])).toMatchObject({ status: 0, stdout: '' });
    expect((await run(['diff', 'n1', 'n2'])).stdout).toBe('1c1\n< a\n\\ No newline at end of file\n---\n> b\n\\ No newline at end of file\n');
  });
  it('unified format with timestamps; BusyBox is always unified', async () => {
    const r = await run(['diff', '-u', 'x', 'y']);
    expect(r.stdout).toBe('--- x\t2026-11-23 10:00:00.000000000 +0000\n+++ y\t2026-11-23 10:00:00.000000000 +0000\n@@ -1,8 +1,9 @@\n a\n-b\n+B\n c\n d\n e\n f\n g\n h\n+i\n');
    expect((await run(['diff', 'x', 'y'], 'busybox')).stdout.split('\n').slice(0, 3)).toEqual(['--- x', '+++ y', '@@ -1,8 +1,9 @@']);
  });
  it('-q, -s, -i, -w', async () => {
    expect((await run(['diff', '-q', 'x', 'y'])).stdout).toBe('Files x and y differ\n');
    expect((await run(['diff', '-s', 'x', 'x'])).stdout).toBe('Files x and x are identical\n');
    tm.fs.writeFile('/tmp/d/X', enc(FILES.x!.toUpperCase()));
    expect((await run(['diff', '-i', 'x', 'X'])).status).toBe(0);
    tm.fs.writeFile('/tmp/d/sp', enc(FILES.x!.replace('a', ' a  ')));
    expect((await run(['diff', '-w', 'x', 'sp'])).status).toBe(0);
  });
  it('directories: -r, Only in', async () => {
    for (const p of ['/tmp/r1', '/tmp/r1/s', '/tmp/r2', '/tmp/r2/s']) tm.fs.mkdir(p, 0o777);
    tm.fs.writeFile('/tmp/r1/s/f', enc('1\n'));
    tm.fs.writeFile('/tmp/r2/s/f', enc('2\n'));
    tm.fs.writeFile('/tmp/r1/only', enc(''));
    const r = await runCommand(tm, ['diff', '-r', 'r1', 'r2'], { cwd: '/tmp' });
    expect(r).toMatchObject({ status: 1, stdout: 'Only in r1: only\ndiff -r r1/s/f r2/s/f\n1c1\n< 1\n---\n> 2\n' });
    expect((await runCommand(tm, ['diff', 'r1', 'r2'], { cwd: '/tmp' })).stdout).toBe('Only in r1: only\nCommon subdirectories: r1/s and r2/s\n');
  });
  it('errors: status 2', async () => {
    expect(await run(['diff', 'x', 'nope'])).toMatchObject({ status: 2, stderr: 'diff: nope: No such file or directory\n' });
  });
  it('GNU-style edit scripts turn a into b too (property)', () => {
    const seq = fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 25 });
    fc.assert(
      fc.property(seq, seq, (a, b) => {
        const out: string[] = [];
        let i = 0;
        for (const h of diffLikeGnu(a, b)) {
          out.push(...a.slice(i, h.aStart), ...b.slice(h.bStart, h.bEnd));
          i = h.aEnd;
        }
        out.push(...a.slice(i));
        expect(out).toEqual(b);
      }),
    );
  });
  it('edit scripts turn a into b (property)', () => {
    const seq = fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 25 });
    fc.assert(
      fc.property(seq, seq, (a, b) => {
        const out: string[] = [];
        let i = 0;
        for (const h of diffSequences(a, b)) {
          out.push(...a.slice(i, h.aStart), ...b.slice(h.bStart, h.bEnd));
          i = h.aEnd;
        }
        out.push(...a.slice(i));
        expect(out).toEqual(b);
      }),
    );
  });
});

describe('diff differential', () => {
  it('chooses the same changes as GNU diff on random files (property)', async () => {
    if (!hasTool('diff')) return;
    // Few distinct lines make many equally short edit scripts: only GNU's own choice rules pick the same one.
    const lines = fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { maxLength: 14 });
    await fc.assert(
      fc.asyncProperty(lines, lines, fc.boolean(), async (x, y, unified) => {
        const d = mkdtempSync(join(tmpdir(), 'layerlab-diffp-'));
        const tx = x.map((l) => `${l}\n`).join('');
        const ty = y.map((l) => `${l}\n`).join('');
        try {
          writeFileSync(join(d, 'x'), tx);
          writeFileSync(join(d, 'y'), ty);
          const want = runReal(['diff', ...(unified ? ['-u'] : []), 'x', 'y'], { cwd: d });
          tm.fs.writeFile('/tmp/d/px', enc(tx));
          tm.fs.writeFile('/tmp/d/py', enc(ty));
          const got = await run(['diff', ...(unified ? ['-u'] : []), 'px', 'py']);
          // Unified headers carry each side's mtime, which differ between the real and simulated files.
          const body = (out: string) => (unified ? out.split('\n').slice(2).join('\n') : out);
          expect(body(got.stdout)).toBe(body(want.stdout));
        } finally {
          rmSync(d, { recursive: true, force: true });
        }
      }),
      { numRuns: 200 },
    );
  });

  const dir = mkdtempSync(join(tmpdir(), 'layerlab-diff-'));
  mkdirSync(dir, { recursive: true });
  for (const [n, c] of Object.entries(FILES)) writeFileSync(join(dir, n), c);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  for (const args of [['x', 'y'], ['long1', 'long2'], ['n1', 'n2'], ['-q', 'x', 'y'], ['y', 'x'], ['-i', 'x', 'y']]) {
    it(`diff ${args.join(' ')}`, async () => {
      if (!hasTool('diff')) return;
      const want = runReal(['diff', ...args], { cwd: dir });
      const got = await run(['diff', ...args]);
      expect(got.status).toBe(want.status);
      expect(got.stdout).toBe(want.stdout);
    });
  }
  for (const args of [['-u', 'long1', 'long2'], ['-U', '1', 'long1', 'long2'], ['-U', '0', 'x', 'y'], ['-u', 'n1', 'n2'], ['-u', 'y', 'x']]) {
    it(`unified hunks match GNU (headers aside): diff ${args.join(' ')}`, async () => {
      if (!hasTool('diff')) return;
      const want = runReal(['diff', ...args], { cwd: dir });
      const got = await run(['diff', ...args]);
      expect(got.stdout.split('\n').slice(2)).toEqual(want.stdout.split('\n').slice(2));
    });
  }
});
