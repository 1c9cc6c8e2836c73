/**
 * Differential tests for the file programs' messages and exit statuses: each case runs in a fresh copy of the
 * same small tree, once with the real GNU tool (or BusyBox applet) and once in the simulation.
 * Only stable outputs are compared (no owners, times or inode numbers).
 */
import { chmodSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createTestMachine, runCommand } from '../testing/harness';
import { layoutReal, layoutSim, SAMPLE_TREE } from './testing/file-fixtures';
import { hasTool, runReal } from './testing/real-tools';

const CASES: string[][] = [
  ['ls', 'nope'],
  ['ls', '-d', 'nope', 'sub'],
  ['ls', '-1', 'sub', 'a.txt'],
  ['ls', '-R', 'sub'],
  ['cat', 'nope'],
  ['cat', 'sub'],
  ['cat', '-n', 'a.txt', 'sub/inner.txt'],
  ['rm', 'nope'],
  ['rm', 'sub'],
  ['rm', '-d', 'sub'],
  ['rm', '-r', '.'],
  ['rm'],
  ['rmdir', 'nope'],
  ['rmdir', 'sub'],
  ['rmdir', 'a.txt'],
  ['mkdir', 'sub'],
  ['mkdir', 'x/y'],
  ['mkdir', '-p', 'a.txt/x'],
  ['mkdir'],
  ['cp', 'nope', 'x'],
  ['cp', 'sub', 'x'],
  ['cp', 'a.txt', 'a.txt'],
  ['cp', 'a.txt', 'nodir/'],
  ['cp', '-r', 'sub', 'sub/deeper'],
  ['cp', 'a.txt'],
  ['cp', 'a.txt', 'big', 'nodir'],
  ['cp', 'a.txt', 'big', 'file_1'],
  ['mv', 'nope', 'x'],
  ['mv', 'sub', 'sub/deeper'],
  ['mv', 'a.txt'],
  ['mv', 'a.txt', 'big', 'nodir'],
  ['ln', 'a.txt', 'link'],
  ['ln', '-s', 'a.txt', 'link'],
  ['ln', 'nope', 'x'],
  ['ln', 'sub', 'x'],
  ['touch', 'nodir/x'],
  ['touch', '-d', 'garbage', 'a.txt'],
  ['chmod', '644', 'nope'],
  ['chmod', 'x+y', 'a.txt'],
  ['chmod', '644'],
  ['chmod'],
  ['chown', 'nouser', 'a.txt'],
  ['chown', ':nogr', 'a.txt'],
  ['chgrp', 'nogr', 'a.txt'],
  ['chown', 'root'],
  ['stat', 'nope'],
  ['stat', '-c', '%n %s %F %a', 'a.txt', 'sub', 'link'],
  ['du', 'nope'],
  ['du', '-s', 'sub'],
  ['du', '-a', 'sub'],
  ['realpath', 'nope/x'],
  ['realpath', '-e', 'nope'],
  ['readlink', 'a.txt'],
  ['readlink', 'link'],
  ['readlink', '-f', 'nope/x'],
  ['basename'],
  ['basename', 'a', 'b', 'c'],
  ['dirname'],
  ['truncate', '-s', 'x', 'a.txt'],
  ['truncate', 'a.txt'],
  ['md5sum', 'nope'],
  ['md5sum', 'sub'],
  ['md5sum', 'a.txt', 'sub/inner.txt'],
  ['sha256sum', 'a.txt'],
  ['base64', 'nope'],
  ['base64', 'a.txt'],
  ['cmp', 'a.txt', 'big'],
  ['cmp', 'a.txt', 'nope'],
  ['diff', 'a.txt', 'nope'],
  ['diff', 'a.txt', 'sub/inner.txt'],
  ['find', 'nope'],
  ['find', '.', '-bogus'],
  ['find', '.', '-type', 'q'],
  ['find', '.', '-name'],
  ['find', 'sub', '-type', 'f'],
  ['tar', 'tf', 'nope.tar'],
  ['tar'],
  ['tar', 'cf', 'e.tar'],
  ['tar', 'tf', 'a.txt'],
  ['gzip', 'nope'],
  ['gunzip', 'a.txt'],
  ['gzip', '-d', 'nope.gz'],
  ['install', 'nope', 'x'],
  ['install', 'a.txt'],
  ['dd', 'if=nope'],
  ['dd', 'bs=x'],
  ['mktemp', 'foo'],
  ['which', 'nope-such-command'],
  ['ls', '-y'],
  ['cp', '--bogus'],
  ['rm', '--recursiv', 'nope'],
  ['mkdir', '-m'],
];

const BUSYBOX_CASES: string[][] = CASES.filter((c) => !['install', 'which', 'tar'].includes(c[0]!) && !(c[0] === 'stat' && c[1] === '-c'));

/** Programs whose output follows readdir order. */
const UNORDERED = new Set(['du', 'find']);

async function compare(argv: string[], busybox: boolean): Promise<void> {
  const real = layoutReal(SAMPLE_TREE);
  try {
    const want = runReal(busybox ? ['busybox', ...argv] : argv, { cwd: real.dir });
    const tm = createTestMachine();
    layoutSim(tm.fs, '/home/learner/w', SAMPLE_TREE, { uid: 1000, gid: 1000 });
    const got = await runCommand(tm, argv, { cwd: '/home/learner/w', ...(busybox ? { flavor: 'busybox' as const } : {}) });
    // The real tools run as root in a temp dir; only paths under it could differ, and none of these cases print them.
    // Our BusyBox claims the version of the images it stands for; real directory order is arbitrary (ours sorted).
    const banner = (s: string) => s.replace(/^BusyBox v[^\n]*multi-call binary\.$/m, 'BusyBox');
    const order = (s: string) => (UNORDERED.has(argv[0]!) ? s.split('\n').sort().join('\n') : s);
    expect({ stdout: order(got.stdout), stderr: banner(got.stderr), status: got.status }).toEqual({ stdout: order(want.stdout), stderr: banner(want.stderr), status: want.status });
  } finally {
    real.cleanup();
  }
}

/** Commands compared by the tree they leave behind (as `find . -printf '%p %y %m\n'`, sorted) and their output. */
const STATE_CASES: string[][] = [
  ['cp', '-r', 'sub/', 'newdir'],
  ['cp', '-r', 'sub/', 'sub2/'],
  ['cp', '-r', 'sub', 'file_1'],
  ['cp', 'a.txt', 'sub/'],
  ['cp', '-a', 'sub', 'link', 'big', 'sub/deeper'],
  ['cp', '-rv', 'sub', 'copy'],
  ['mv', 'sub/', 'moved'],
  ['mv', 'a.txt', 'big', 'sub'],
  ['mv', '-v', 'a.txt', 'sub/deeper/'],
  ['rm', '-r', 'sub/'],
  ['rm', '-rv', 'sub'],
  ['rm', '-f', 'link', 'nope'],
  ['mkdir', '-pv', 'x/y/z'],
  ['mkdir', '-m', '700', 'private'],
  ['rmdir', '-p', 'sub/deeper'],
  ['ln', '-s', 'a.txt', 'sub/'],
  ['ln', 'big', 'sub/deeper/hard'],
  ['chmod', '-R', 'u=rwX,go=rX', '.'],
  ['chmod', '-v', 'a+x,g-r', 'a.txt'],
  ['touch', 'new', 'a.txt'],
  ['install', '-m', '600', 'a.txt', 'inst'],
  ['install', '-d', 'q/r'],
  ['gzip', 'a.txt'],
  ['gzip', '-k', 'big'],
  ['truncate', '-s', '3', 'big'],
  ['tar', 'cf', 'x.tar', 'sub', 'a.txt'],
  ['find', '.', '-name', '*.txt', '-delete'],
];

async function compareState(argv: string[], busybox = false): Promise<void> {
  const real = layoutReal(SAMPLE_TREE);
  try {
    chmodSync(real.dir, 0o755);
    const want = runReal(busybox ? ['busybox', ...argv] : argv, { cwd: real.dir });
    const wantTree = runReal(['find', '.', '-printf', '%p %y %m %s\n'], { cwd: real.dir }).stdout.split('\n').sort();
    const tm = createTestMachine();
    layoutSim(tm.fs, '/home/learner/w', SAMPLE_TREE, { uid: 1000, gid: 1000 });
    const got = await runCommand(tm, argv, { cwd: '/home/learner/w', ...(busybox ? { flavor: 'busybox' as const } : {}) });
    const gotTree = (await runCommand(tm, ['find', '.', '-printf', '%p %y %m %s\n'], { cwd: '/home/learner/w' })).stdout.split('\n').sort();
    // Directory sizes differ (ext4 vs 4096 always) and tar/gzip bytes are not GNU's: compare sizes of plain files only.
    const norm = (lines: string[]) => lines.map((l) => (/ d \d+ \d+$/.test(l) || /\.(tar|gz)\b/.test(l) ? l.replace(/ \d+$/, '') : l));
    expect(norm(gotTree)).toEqual(norm(wantTree));
    const order = (s: string) => s.split('\n').sort().join('\n');
    expect({ stdout: order(got.stdout), stderr: got.stderr, status: got.status }).toEqual({ stdout: order(want.stdout), stderr: want.stderr, status: want.status });
  } finally {
    real.cleanup();
  }
}

describe('GNU results on the tree', () => {
  for (const argv of STATE_CASES) {
    it(argv.join(' '), async () => {
      if (!hasTool(argv[0]!) || !hasTool('find')) return;
      await compareState(argv);
    });
  }
});

describe('BusyBox results on the tree', () => {
  // Debian's BusyBox is built without install and find -delete (Alpine's has both, and so do we).
  for (const argv of STATE_CASES.filter((c) => !['install', 'tar'].includes(c[0]!) && !c.includes('-delete') && !(c[0] === 'mkdir' && c.includes('-pv')))) {
    it(`busybox ${argv.join(' ')}`, async () => {
      if (!hasTool('busybox') || !hasTool('find')) return;
      await compareState(argv, true);
    });
  }
});

describe('GNU wording and statuses', () => {
  for (const argv of CASES) {
    it(argv.join(' '), async () => {
      if (!hasTool(argv[0]!)) return;
      await compare(argv, false);
    });
  }
});

describe('BusyBox wording and statuses', () => {
  for (const argv of BUSYBOX_CASES) {
    it(`busybox ${argv.join(' ')}`, async () => {
      if (!hasTool('busybox')) return;
      await compare(argv, true);
    });
  }
});
