/**
 * Differential tests of full outputs (long listings, stat formats, tar listings): the same tree with the same
 * owners (root) and the same timestamps is laid out for real and in the simulation, and both run as root.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestMachine, runCommand } from '../testing/harness';
import { layoutReal, layoutSim, SAMPLE_TREE, stampReal, type FixtureEntry } from './testing/file-fixtures';
import { hasTool, runReal } from './testing/real-tools';

/** A recent instant (within six months of any day this suite runs near 2026-11) and an old file. */
const STAMP = Date.UTC(2026, 10, 1, 9, 30, 15);
const TREE: readonly FixtureEntry[] = [...SAMPLE_TREE, { path: 'old', type: 'file', content: 'old\n', mtimeMs: Date.UTC(2024, 0, 2, 3, 4) }, { path: 'sub/exec.sh', type: 'file', content: '#!/bin/sh\n', mode: 0o750 }];

async function both(argv: string[], busybox = false): Promise<{ got: string; want: string; gotErr: string; wantErr: string }> {
  const real = layoutReal(TREE);
  try {
    stampReal(real.dir, TREE, STAMP);
    const want = runReal(busybox ? ['busybox', ...argv] : argv, { cwd: real.dir });
    const tm = createTestMachine({ now: STAMP });
    layoutSim(tm.fs, '/w', TREE, undefined, STAMP);
    const got = await runCommand(tm, argv, { cwd: '/w', user: 'root', ...(busybox ? { flavor: 'busybox' as const } : {}) });
    return { got: got.stdout, want: want.stdout, gotErr: got.stderr, wantErr: want.stderr };
  } finally {
    real.cleanup();
  }
}

const GNU_CASES: string[][] = [
  ['ls', '-l'],
  ['ls', '-lA'],
  ['ls', '-lh'],
  ['ls', '-ln'],
  ['ls', '-lR', 'sub'],
  ['ls', '-ls'],
  ['ls', '-lS'],
  ['ls', '-lt'],
  ['ls', '-ltr'],
  ['ls', '-lF'],
  ['ls', '-g', 'sub'],
  ['ls', '-o', 'sub'],
  ['ls', '-ld', 'sub', 'link', 'old'],
  ['ls', '-l', '--full-time', 'a.txt'],
  ['ls', '-s'],
  ['ls', '-sh'],
  ['stat', '-c', '%n %s %b %a %A %U %G %u %g %F %y %Y %h', 'a.txt', 'sub', 'link', 'old', 'big'],
  ['stat', '-L', '-c', '%n %F %s', 'link'],
  ['du', '-sh', '.'],
  ['du', '-ah', 'sub'],
  ['du', '-sc', 'sub', 'big'],
  ['find', '.', '-newer', 'old', '-type', 'f', '-name', '*.txt'],
  ['find', '.', '-mtime', '+30', '-type', 'f'],
  ['find', 'sub', '-printf', '%p %s %m %y %d\\n'],
  ['tree', '-a'],
  ['ls', '--color=always'],
  ['ls', '-l', '--color=always'],
  ['ls', '-C', '-w', '60', '--color=always'],
  ['ls', '-F', '--color=always', 'sub'],
];

const BUSYBOX_CASES: string[][] = [['ls', '--color=always'], ['ls', '-l', '--color=always'], ['ls', '-l'], ['ls', '-lA'], ['ls', '-lh'], ['ls', '-ln'], ['ls', '-lR', 'sub'], ['ls', '-ls'], ['ls', '-lt'], ['ls', '-ld', 'sub', 'link', 'old'], ['stat', '-c', '%n %s %b %a %A %U %G %u %g %F %y %Y %h', 'a.txt', 'sub', 'link', 'old'], ['du', '-ah', 'sub'], ['du', '-sc', 'sub', 'big']];

const sorted = (argv: string[], s: string) => (argv[0] === 'du' || argv[0] === 'find' ? s.split('\n').sort().join('\n') : s);

describe('GNU outputs', () => {
  for (const argv of GNU_CASES) {
    it(argv.join(' '), async () => {
      if (!hasTool(argv[0]!)) return;
      const r = await both(argv);
      expect(sorted(argv, r.got)).toBe(sorted(argv, r.want));
      expect(r.gotErr).toBe(r.wantErr);
    });
  }
});

describe('BusyBox outputs', () => {
  for (const argv of BUSYBOX_CASES) {
    it(`busybox ${argv.join(' ')}`, async () => {
      if (!hasTool('busybox')) return;
      const r = await both(argv, true);
      expect(sorted(argv, r.got)).toBe(sorted(argv, r.want));
    });
  }
});

describe('stat default layout', () => {
  // Inode, device, access and change times differ between the real disk and the simulation; the rest must not.
  const keep = (out: string) =>
    out
      .split('\n')
      .filter((l) => /^ {2}(File|Size)|^Access: \(|^Modify/.test(l))
      .join('\n');
  for (const busybox of [false, true]) {
    it(`${busybox ? 'busybox ' : ''}stat a.txt sub link /dev/null`, async () => {
      if (!hasTool(busybox ? 'busybox' : 'stat')) return;
      const r = await both(['stat', 'a.txt', 'sub', 'link', 'big'], busybox);
      expect(keep(r.got)).toBe(keep(r.want));
    });
  }
});

describe('tar listings', () => {
  it('GNU tar -tv of our archive equals GNU tar -tv of its own archive of the same tree', async () => {
    if (!hasTool('tar')) return;
    const real = layoutReal(TREE);
    try {
      stampReal(real.dir, TREE, STAMP);
      const own = spawnSync('tar', ['cf', '-', '--sort=name', 'sub', 'a.txt', 'link', 'old'], { cwd: real.dir });
      const realList = spawnSync('tar', ['tvf', '-'], { input: own.stdout, encoding: 'utf8' }).stdout;
      const tm = createTestMachine({ now: STAMP });
      layoutSim(tm.fs, '/w', TREE, undefined, STAMP);
      const ours = await runCommand(tm, ['tar', 'cf', '-', 'sub', 'a.txt', 'link', 'old'], { cwd: '/w', user: 'root' });
      const theirListOfOurs = spawnSync('tar', ['tvf', '-'], { input: ours.stdoutBytes, encoding: 'utf8' }).stdout;
      expect(theirListOfOurs).toBe(realList);
      tm.fs.writeFile('/w/real.tar', new Uint8Array(own.stdout));
      expect((await runCommand(tm, ['tar', 'tvf', 'real.tar'], { cwd: '/w', user: 'root' })).stdout).toBe(realList);
      void readFileSync;
      void join;
    } finally {
      real.cleanup();
    }
  });
});
