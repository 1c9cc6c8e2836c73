/**
 * zip and unzip against Info-ZIP (zip 3.0, unzip 6.0): output, status and files; archives made by each side are
 * read by the other (real unzip lists and extracts what our zip writes, ours extracts what real zip writes).
 */
import { copyFileSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestMachine, runCommand, type TestMachine } from '../../testing/harness';
import { layoutReal, layoutSim, stampReal, type FixtureEntry } from '../testing/file-fixtures';
import { hasTool, runReal } from '../testing/real-tools';

const MTIME = Date.UTC(2026, 10, 23, 10, 20, 0);
const PROSE = Array.from({ length: 40 }, (_, i) => `Line ${i}: the quick brown fox jumps over the lazy dog ${i * 37}.`).join('\n') + '\n';
const TREE: readonly FixtureEntry[] = [
  { path: 'a.txt', type: 'file', content: 'hello\n' },
  { path: 'd', type: 'dir' },
  { path: 'd/b.txt', type: 'file', content: 'x'.repeat(300) },
  { path: 'e.txt', type: 'file', content: '' },
  { path: 't.txt', type: 'file', content: PROSE },
  { path: 'verylongfilename_abcdefghijklmnopqrstuvwxyz.txt', type: 'file', content: 'x' },
  { path: 'out', type: 'dir' },
];

const dec = new TextDecoder();
const have = hasTool('zip') && hasTool('unzip');

function setup(): { real: { dir: string; cleanup: () => void }; tm: TestMachine } {
  const real = layoutReal(TREE);
  stampReal(real.dir, TREE, MTIME);
  const tm = createTestMachine();
  layoutSim(tm.fs, '/root/w', TREE, { uid: 0, gid: 0 }, MTIME);
  return { real, tm };
}

/** Every regular file under dir (relative names) with its text. */
function realFiles(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of readdirSync(join(dir, prefix)).sort()) {
    const rel = prefix === '' ? n : `${prefix}/${n}`;
    if (statSync(join(dir, rel)).isDirectory()) Object.assign(out, realFiles(dir, rel));
    else if (!n.endsWith('.zip')) out[rel] = readFileSync(join(dir, rel), 'utf8');
  }
  return out;
}

function simFiles(tm: TestMachine, dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of [...tm.fs.readdir(`${dir}${prefix === '' ? '' : `/${prefix}`}`)].sort()) {
    const rel = prefix === '' ? n : `${prefix}/${n}`;
    if (tm.fs.stat(`${dir}/${rel}`).type === 'dir') Object.assign(out, simFiles(tm, dir, rel));
    else if (!n.endsWith('.zip')) out[rel] = dec.decode(tm.fs.readFile(`${dir}/${rel}`));
  }
  return out;
}

/** Makes `archive` with the real zip from `members` in both trees (the sim gets the real bytes). */
function realArchive(real: string, tm: TestMachine, archive: string, members: string[]): void {
  const r = runReal(['zip', '-q', '-X', archive, ...members], { cwd: real });
  if (r.status !== 0) throw new Error(r.stdout + r.stderr);
  tm.fs.writeFile(`/root/w/${archive}`, readFileSync(join(real, archive)), { mode: 0o644 });
}

const UNZIP_CASES: { members: string[]; argv: string[]; stdin?: string }[] = [
  { members: ['a.txt', 'd', 'd/b.txt', 'e.txt', 't.txt'], argv: ['unzip', 'x.zip', '-d', 'out'] },
  { members: ['a.txt', 'd', 'd/b.txt', 'e.txt', 't.txt'], argv: ['unzip', '-l', 'x.zip'] },
  { members: ['a.txt', 'd', 'd/b.txt', 'e.txt', 't.txt'], argv: ['unzip', '-l', 'x'] },
  { members: ['a.txt'], argv: ['unzip', '-l', 'x.zip'] },
  { members: ['a.txt', 't.txt'], argv: ['unzip', '-p', 'x.zip', 't.txt'] },
  { members: ['a.txt', 't.txt'], argv: ['unzip', '-o', 'x.zip'] },
  { members: ['a.txt', 't.txt'], argv: ['unzip', '-n', 'x.zip'] },
  { members: ['a.txt', 't.txt'], argv: ['unzip', 'x.zip'] },
  { members: ['a.txt', 't.txt'], argv: ['unzip', 'x.zip'], stdin: 'y\nn\n' },
  { members: ['a.txt', 't.txt'], argv: ['unzip', 'x.zip'], stdin: 'A\n' },
  { members: ['a.txt', 't.txt'], argv: ['unzip', 'x.zip'], stdin: 'N\n' },
  { members: ['a.txt', 't.txt'], argv: ['unzip', '-q', '-d', 'out/new', 'x.zip'] },
  { members: ['a.txt', 't.txt'], argv: ['unzip', '-d', 'out', 'x.zip', 't.txt', 'nomember'] },
  { members: ['verylongfilename_abcdefghijklmnopqrstuvwxyz.txt'], argv: ['unzip', '-d', 'out', 'x.zip'] },
  { members: ['a.txt'], argv: ['unzip', 'nofile'] },
  { members: ['a.txt'], argv: ['unzip', 'a.txt'] },
  { members: ['a.txt'], argv: ['unzip', '-d'] },
  { members: ['a.txt'], argv: ['unzip', '-y', 'x.zip'] },
  { members: ['a.txt'], argv: ['unzip'] },
  { members: ['a.txt', 'd', 'd/b.txt', 'e.txt', 't.txt'], argv: ['unzip', '-t', 'x.zip'] },
  { members: ['a.txt', 't.txt'], argv: ['unzip', '-tq', 'x.zip'] },
  { members: ['a.txt', 't.txt'], argv: ['unzip', '-t', 'x.zip', 'a.txt', 'nomatch'] },
];

describe.skipIf(!have)('unzip matches Info-ZIP unzip 6.0 on archives made by zip 3.0', () => {
  for (const c of UNZIP_CASES) {
    it(`${c.argv.join(' ')} (${c.members.join(' ')})${c.stdin ? ` answering ${JSON.stringify(c.stdin)}` : ''}`, async () => {
      const { real, tm } = setup();
      try {
        realArchive(real.dir, tm, 'x.zip', c.members);
        const want = runReal(c.argv, { cwd: real.dir, stdin: c.stdin });
        const got = await runCommand(tm, c.argv, { cwd: '/root/w', user: 'root', stdin: c.stdin });
        expect({ stdout: got.stdout, stderr: got.stderr, status: got.status }).toEqual({ stdout: want.stdout, stderr: want.stderr, status: want.status });
        expect(simFiles(tm, '/root/w')).toEqual(realFiles(real.dir));
      } finally {
        real.cleanup();
      }
    });
  }
});

describe.skipIf(!have)('unzip -t reports a damaged member as Info-ZIP does', () => {
  it('bad CRC', async () => {
    const { real, tm } = setup();
    try {
      realArchive(real.dir, tm, 'c.zip', ['a.txt']);
      const bytes = readFileSync(join(real.dir, 'c.zip'));
      bytes[bytes.indexOf('hello')] = 'j'.charCodeAt(0);
      writeFileSync(join(real.dir, 'c.zip'), bytes);
      tm.fs.writeFile('/root/w/c.zip', bytes, { mode: 0o644 });
      const want = runReal(['unzip', '-t', 'c.zip'], { cwd: real.dir });
      const got = await runCommand(tm, ['unzip', '-t', 'c.zip'], { cwd: '/root/w', user: 'root' });
      expect({ stdout: got.stdout, stderr: got.stderr, status: got.status }).toEqual({ stdout: want.stdout, stderr: want.stderr, status: want.status });
    } finally {
      real.cleanup();
    }
  });
});

const ZIP_CASES: string[][] = [
  ['zip', 'y.zip', 'a.txt', 'e.txt', 't.txt'],
  ['zip', 'y', 'a.txt'],
  ['zip', '-q', 'q.zip', 'a.txt'],
  ['zip', 'n.zip', 'nofile'],
  ['zip', 'n.zip', 'nofile', 'a.txt'],
  ['zip', '-r', 'r.zip', 'd', 'nofile'],
  ['zip', 'dd.zip', 'd'],
  ['zip', '-j', 'j.zip', 'd/b.txt'],
  ['zip', 'only.zip'],
];

describe.skipIf(!have)('zip matches Info-ZIP zip 3.0, and real unzip reads its archives', () => {
  for (const argv of ZIP_CASES) {
    it(argv.join(' '), async () => {
      const { real, tm } = setup();
      try {
        const want = runReal(argv, { cwd: real.dir });
        const got = await runCommand(tm, argv, { cwd: '/root/w', user: 'root' });
        expect({ stdout: got.stdout, stderr: got.stderr, status: got.status }).toEqual({ stdout: want.stdout, stderr: want.stderr, status: want.status });
        const made = readdirSync(real.dir).filter((n) => n.endsWith('.zip'));
        expect(tm.fs.readdir('/root/w').filter((n) => n.endsWith('.zip'))).toEqual(made);
        for (const name of made) {
          // Our archive, read by the real unzip: same listing and same contents as the real archive.
          writeFileSync(join(real.dir, `sim-${name}`), tm.fs.readFile(`/root/w/${name}`));
          const listReal = runReal(['unzip', '-l', name], { cwd: real.dir });
          const listSim = runReal(['unzip', '-l', `sim-${name}`], { cwd: real.dir });
          expect(listSim.stdout.replace(`sim-${name}`, name)).toBe(listReal.stdout);
          expect(runReal(['unzip', '-tq', `sim-${name}`], { cwd: real.dir }).stdout).toBe(`No errors detected in compressed data of sim-${name}.\n`);
          expect(runReal(['unzip', '-p', `sim-${name}`], { cwd: real.dir }).stdout).toBe(runReal(['unzip', '-p', name], { cwd: real.dir }).stdout);
        }
      } finally {
        real.cleanup();
      }
    });
  }
  it('updating a member replaces it in place', async () => {
    const { real, tm } = setup();
    try {
      for (const argv of [['zip', 'u.zip', 'a.txt', 't.txt'], ['zip', 'u.zip', 'a.txt', 'e.txt']]) {
        const want = runReal(argv, { cwd: real.dir });
        const got = await runCommand(tm, argv, { cwd: '/root/w', user: 'root' });
        expect(got.stdout).toBe(want.stdout);
      }
      copyFileSync(join(real.dir, 'u.zip'), join(real.dir, 'real-u.zip'));
      writeFileSync(join(real.dir, 'u.zip'), tm.fs.readFile('/root/w/u.zip'));
      expect(runReal(['unzip', '-l', 'u.zip'], { cwd: real.dir }).stdout).toBe(runReal(['unzip', '-l', 'real-u.zip'], { cwd: real.dir }).stdout.replace('real-u.zip', 'u.zip'));
    } finally {
      real.cleanup();
    }
  });
});
