/**
 * Differential tests for the coreutils programs in registry-coreutils: each case runs the real GNU tool in a
 * temporary directory and ours in the same tree, comparing stdout, stderr and the exit status.
 */
import { describe, expect, it } from 'vitest';
import { createTestMachine, runCommand } from '../testing/harness';
import { layoutReal, layoutSim, type FixtureEntry } from './testing/file-fixtures';
import { hasTool, runReal } from './testing/real-tools';

const TREE: readonly FixtureEntry[] = [
  { path: 'c1', type: 'file', content: 'a\nb\nd\n' },
  { path: 'c2', type: 'file', content: 'b\nc\nd\n' },
  { path: 'c3', type: 'file', content: 'b\na\n' },
  { path: 'h', type: 'file', content: 'hello\n' },
  { path: 'tabs', type: 'file', content: 'a\tb\n  x\tyy\tz\n\tlead\tmid\n' },
  { path: 'spaces', type: 'file', content: '        a       b\nabcdefg h\nabcdef  h\na b  c\n  \t x\n' },
  { path: 'pairs', type: 'file', content: 'a b\nb c\na d\ne e\n' },
  { path: 'loop', type: 'file', content: 'a b\nb a\n' },
  { path: 'odd', type: 'file', content: 'a b c\n' },
  { path: 'bin', type: 'file', content: 'hello world\x00\xff\n' },
  { path: 'rep', type: 'file', content: 'a'.repeat(49) },
  { path: 'j1', type: 'file', content: '1 alice x\n2 bob y\n4 dan z\n' },
  { path: 'j2', type: 'file', content: '1 admin\n3 guest\n4 staff\n4 ops\n' },
  { path: 'jc1', type: 'file', content: 'id,name\n1,alice\n2,bob\n' },
  { path: 'jc2', type: 'file', content: 'id,role\n1,admin\n2,dev\n' },
  { path: 'dir', type: 'dir' },
  { path: 'sym', type: 'symlink', target: 'dir' },
];

const CASES: string[][] = [
  ['pwd', '-z'],
  ['tty', 'x'],
  ['tty', '-y'],
  ['tty', '-s'],
  ['tty'],
  ['arch', 'x'],
  ['logname', 'x'],
  ['users', 'a', 'b'],
  ['who', 'x', 'y', 'z'],
  ['who', '-q'],
  ['who', '-H'],
  ['pinky'],
  ['pinky', '-w'],
  ['pinky', '-i'],
  ['pinky', '-q'],
  ['pinky', '-f'],
  ['pinky', '-l'],
  ['pinky', '-l', 'nosuchuser'],
  ['pinky', '-l', 'root'],
  ['pinky', '-lb', 'root'],
  ['link'],
  ['link', 'h'],
  ['link', 'nofile', 'b'],
  ['link', 'h', 'c1'],
  ['link', 'h', 'h2'],
  ['unlink'],
  ['unlink', 'nofile'],
  ['unlink', 'dir'],
  ['unlink', 'h', 'c1'],
  ['unlink', 'sym'],
  ['mkfifo'],
  ['mkfifo', 'h'],
  ['mkfifo', '-m', '999', 'q'],
  ['mknod'],
  ['mknod', 'y', 'c'],
  ['mknod', 'z', 'q', '1', '2'],
  ['mknod', 'p3', 'p', '1', '2'],
  ['nice', '-n', '5'],
  ['nice', '-n', 'x', 'true'],
  ['nice', 'nosuchcommand'],
  ['nice', '-n', '3', 'echo', 'hi'],
  ['stdbuf'],
  ['stdbuf', 'ls'],
  ['stdbuf', '-oL'],
  ['stdbuf', '-ox', 'true'],
  ['stdbuf', '-iL', 'true'],
  ['stdbuf', '-oL', 'nosuchcommand'],
  ['stdbuf', '-o0', 'echo', 'hi'],
  ['cksum', 'h', 'c1'],
  ['cksum', 'bin'],
  ['cksum', 'nofile'],
  ['sum', 'h'],
  ['sum', 'h', 'bin'],
  ['sum', '-s', 'h', 'bin'],
  ['sum', '-r', 'tabs'],
  ['sha224sum', 'h'],
  ['sha384sum', 'h', 'c1'],
  ['b2sum', 'h'],
  ['b2sum', '--tag', 'h'],
  ['base32', 'h'],
  ['base32', '-w', '4', 'bin'],
  ['base32', '-d', 'h'],
  ['base32', 'nofile'],
  ['basenc', 'h'],
  ['basenc', '--base64url', 'bin'],
  ['basenc', '--base16', 'h'],
  ['basenc', '--base32hex', 'h'],
  ['basenc', '--base2msbf', 'h'],
  ['basenc', '--base2lsbf', 'h'],
  ['comm', 'c1', 'c2'],
  ['comm', '-12', 'c1', 'c2'],
  ['comm', '-3', 'c1', 'c2'],
  ['comm', '--output-delimiter=:', 'c1', 'c2'],
  ['comm', '--total', 'c1', 'c2'],
  ['comm', 'c3', 'c2'],
  ['comm', '--nocheck-order', 'c3', 'c2'],
  ['comm', 'c1'],
  ['comm', 'c1', 'nofile'],
  ['expand', 'tabs'],
  ['expand', '-t', '4', 'tabs'],
  ['expand', '-t', '3,7', 'tabs'],
  ['expand', '-i', 'tabs'],
  ['expand', '-2', 'tabs'],
  ['expand', '-t', '0', 'tabs'],
  ['expand', '-t', '4,2', 'tabs'],
  ['unexpand', 'spaces'],
  ['unexpand', '-a', 'spaces'],
  ['unexpand', '-t', '2', 'spaces'],
  ['unexpand', '-t', '4', 'spaces'],
  ['unexpand', '--first-only', '-t', '4', 'spaces'],
  ['tsort', 'pairs'],
  ['tsort', 'loop'],
  ['tsort', 'odd'],
  ['tsort', 'nofile'],
  ['factor', '12', '97', '1', '0', '100', '18446744073709551615', '18446744073709551617', '1000000016000000063'],
  ['factor', 'x', '-1', '4'],
  ['factor', '-h', '1024', '360'],
  ['pathchk', 'ok/name'],
  ['pathchk', '-p', 'a b'],
  ['pathchk', '-p', 'abcdefghijklmnopq'],
  ['pathchk', '-P', 'a/-b'],
  ['pathchk', '-P', ''],
  ['pathchk', '-p', ''],
  ['pathchk', '-p', 'é'],
  ['pathchk', 'a'.repeat(300)],
  ['pathchk'],
  ['shuf', '-n', '0', 'h'],
  ['shuf', '-i', '5-3'],
  ['shuf', '-i', '1-1'],
  ['shuf', '-e', '-i', '1-2'],
  ['shuf', '-n', 'x', 'h'],
  ['shuf', 'h'],
  ['dircolors', '-b'],
  ['dircolors', '-c'],
  ['dircolors'],
  ['dircolors', '-x'],
  ['od', 'bin'],
  ['od', '-c', 'bin'],
  ['od', '-An', '-tx1', 'bin'],
  ['od', '-Ad', '-x', 'bin'],
  ['od', '-tx2', '-N', '5', 'bin'],
  ['od', '-c', 'spaces'],
  ['od', '-ta', 'bin'],
  ['od', '-td1', 'bin'],
  ['od', '-tu4', 'bin'],
  ['od', '-to4', 'tabs'],
  ['od', '-td2', 'tabs'],
  ['od', '-tx8', 'tabs'],
  ['od', '-b', 'h'],
  ['od', '-j', '3', '-N', '4', '-c', 'bin'],
  ['od', '-Ax', '-c', 'pairs'],
  ['od', '-v', '-c', 'rep'],
  ['od', '-c', 'rep'],
  ['od', '-tz', 'bin'],
  ['od', 'nofile'],
  ['join', 'j1', 'j2'],
  ['join', '-a', '1', 'j1', 'j2'],
  ['join', '-a', '1', '-a', '2', 'j1', 'j2'],
  ['join', '-v', '2', 'j1', 'j2'],
  ['join', '-o', '1.2,2.2', 'j1', 'j2'],
  ['join', '-a', '2', '-e', 'NONE', '-o', '0,1.2,2.2', 'j1', 'j2'],
  ['join', '-t', ',', '--header', 'jc1', 'jc2'],
  ['join', '-1', '2', '-2', '1', 'c3', 'c2'],
  ['join', 'c3', 'c2'],
  ['join', '-a', '1', 'c3', 'c2'],
  ['join', '--check-order', 'c3', 'c2'],
  ['join', 'j1'],
  ['numfmt', '--to=iec', '1024', '1536', '1048576', '999', '0', '1025', '10250', '1048575', '1023'],
  ['numfmt', '--to=si', '1000', '1500', '1234567', '999999'],
  ['numfmt', '--from=iec', '1K', '1.5M'],
  ['numfmt', '--from=si', '1K'],
  ['numfmt', '--from=auto', '1Ki', '2K'],
  ['numfmt', '--to=iec-i', '2048'],
  ['numfmt', '--to=iec', '--suffix=B', '4096'],
  ['numfmt', 'x'],
  ['numfmt', '1K'],
  ['numfmt', '--from=iec', '1Q'],
  ['numfmt', '--to=iec', '--format=%.2f', '1536'],
  ['numfmt', '--padding=8', '--to=iec', '2048'],
  ['numfmt', '1000'],
  ['numfmt', '--to=iec', '--', '-2048'],
  ['numfmt', '--to=bogus', '1'],
  ['numfmt', '--from=bogus', '1'],
  ['join', '-j', '0', 'j1', 'j2'],
];

async function compare(argv: string[]): Promise<void> {
  const real = layoutReal(TREE);
  try {
    const want = runReal(argv, { cwd: real.dir });
    const tm = createTestMachine();
    layoutSim(tm.fs, '/root/w', TREE, { uid: 0, gid: 0 });
    const got = await runCommand(tm, argv, { cwd: '/root/w', user: 'root' });
    expect({ stdout: got.stdout, stderr: got.stderr, status: got.status }).toEqual({ stdout: want.stdout, stderr: want.stderr, status: want.status });
  } finally {
    real.cleanup();
  }
}

describe('coreutils extras match GNU coreutils', () => {
  for (const argv of CASES) {
    it.skipIf(!hasTool(argv[0]!))(argv.join(' '), () => compare(argv));
  }
});

/** Commands compared by output and by the files they leave (names and contents). */
const STATE_CASES: string[][] = [
  ['split', '-l', '1', 'c1'],
  ['split', '-l', '2', '-d', 'tabs', 'part-'],
  ['split', '-b', '5', '-a', '3', 'h', 'b.'],
  ['split', '-n', '3', 'spaces', 'n'],
  ['split', '--verbose', '-l', '2', '--additional-suffix=.txt', 'pairs', 'p'],
  ['split', '-l', '0', 'c1'],
  ['split', 'nofile'],
  ['shred', '-v', '-u', 'h'],
  ['shred', '-uv', 'pairs'],
  ['shred', 'nofile'],
  ['shred'],
  ['split', '-b', '1x', 'h'],
];

describe('coreutils extras leave the same files as GNU', () => {
  for (const argv of STATE_CASES) {
    it.skipIf(!hasTool(argv[0]!))(argv.join(' '), async () => {
      const real = layoutReal(TREE);
      try {
        const want = runReal(argv, { cwd: real.dir });
        const tm = createTestMachine();
        layoutSim(tm.fs, '/root/w', TREE, { uid: 0, gid: 0 });
        const got = await runCommand(tm, argv, { cwd: '/root/w', user: 'root' });
        expect({ stdout: got.stdout, stderr: got.stderr, status: got.status }).toEqual({ stdout: want.stdout, stderr: want.stderr, status: want.status });
        const { readdirSync, readFileSync } = await import('node:fs');
        const names = readdirSync(real.dir).sort();
        expect(tm.fs.readdir('/root/w')).toEqual(names);
        for (const n of names) {
          if (n === 'dir' || n === 'sym') continue;
          expect({ n, text: new TextDecoder().decode(tm.fs.readFile(`/root/w/${n}`)) }).toEqual({ n, text: readFileSync(`${real.dir}/${n}`, 'utf8') });
        }
      } finally {
        real.cleanup();
      }
    });
  }
});
