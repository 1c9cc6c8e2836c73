/**
 * Differential tests against GNU tar: archives we write are listed and extracted by GNU tar, and archives GNU tar
 * writes (pax, gnu, ustar formats) are read by us. Skipped with a printed reason when GNU tar is missing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, lstatSync, readlinkSync, rmSync, symlinkSync, linkSync, utimesSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listTar, writeTar, type TarWriteEntry } from './index';

/** GNU tar quotes non-ASCII names as octal escapes outside a UTF-8 locale; the runner may have none (CI). */
const UTF8 = { ...process.env, LC_ALL: 'C.UTF-8' };

function gnuTarVersion(): string | null {
  const r = spawnSync('tar', ['--version'], { encoding: 'utf8' });
  if (r.status !== 0 || !/GNU tar/.test(r.stdout)) return null;
  return r.stdout.split('\n')[0]!;
}

const version = gnuTarVersion();
if (!version) console.warn('tar differential tests skipped: GNU tar is not installed');
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

const tmpRoots: string[] = [];
function tmp(): string {
  const d = mkdtempSync(join(tmpdir(), 'layerlab-tar-'));
  tmpRoots.push(d);
  return d;
}
afterAll(() => {
  for (const d of tmpRoots) rmSync(d, { recursive: true, force: true });
});

const enc = new TextEncoder();

describe.skipIf(!version)(`GNU tar (${version ?? 'missing'})`, () => {
  const longDir = `${'d'.repeat(90)}/${'e'.repeat(90)}`;
  const entries: TarWriteEntry[] = [
    { name: 'dir/', type: 'dir', mode: 0o755, mtime: 1_600_000_000 },
    { name: 'dir/file.txt', type: 'file', mode: 0o640, mtime: 1_600_000_001, content: enc.encode('hello\n') },
    { name: 'dir/exec', type: 'file', mode: 0o755, mtime: 1_600_000_002, content: new Uint8Array(1000).fill(65) },
    { name: 'dir/link', type: 'symlink', linkname: 'file.txt', mtime: 1_600_000_000 },
    { name: 'dir/hard', type: 'hardlink', linkname: 'dir/file.txt' },
    { name: 'dir/fifo', type: 'fifo', mode: 0o600 },
    { name: `${longDir}/`, type: 'dir', mode: 0o755 },
    { name: `${longDir}/split.txt`, type: 'file', content: enc.encode('split') },
    { name: `${'p'.repeat(120)}/${'q'.repeat(120)}.txt`, type: 'file', content: enc.encode('pax') },
    { name: 'dir/unicodé-ファイル.txt', type: 'file', content: enc.encode('ü') },
    { name: 'dir/longlink', type: 'symlink', linkname: `${'t'.repeat(150)}/target` },
    { name: 'dir/bigid', type: 'file', uid: 3_000_000, gid: 2_500_000, content: enc.encode('id') },
    { name: 'dir/old', type: 'file', mtime: -86400, content: enc.encode('old') },
    { name: 'dir/dev', type: 'chardev', devmajor: 1, devminor: 3, mode: 0o666 },
  ];
  const archive = writeTar(entries);

  it('lists our archive with tar -tvf', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.tar'), archive);
    const out = execFileSync('tar', ['--numeric-owner', '--utc', '-tvf', join(dir, 'a.tar')], { encoding: 'utf8', env: UTF8 });
    const lines = out.trimEnd().split('\n');
    expect(lines.length).toBe(entries.length);
    // every name appears, in order (tar -tv escapes nothing printable in C.UTF-8 for these names)
    entries.forEach((e, i) => expect(lines[i]).toContain(e.name));
    expect(lines[0]).toMatch(/^drwxr-xr-x 0\/0 +0 2020-09-13 12:26 dir\/$/);
    expect(lines[1]).toMatch(/^-rw-r----- 0\/0 +6 2020-09-13 12:26 dir\/file.txt$/);
    expect(lines[3]).toMatch(/^lrwxrwxrwx .* dir\/link -> file.txt$/);
    expect(lines[4]).toMatch(/^hrw-r--r-- .* dir\/hard link to dir\/file.txt$/);
    expect(lines[5]).toMatch(/^prw------- /);
    expect(lines[10]).toContain(`-> ${'t'.repeat(150)}/target`);
    expect(lines[11]).toMatch(/^-rw-r--r-- 3000000\/2500000 +2 /);
    expect(lines[12]).toMatch(/ 1969-12-31 00:00 dir\/old$/);
    expect(lines[13]).toMatch(/^crw-rw-rw- 0\/0 +1,3 /);
  });

  it('extracts our archive with tar -xf and gets the same tree', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.tar'), archive);
    const out = join(dir, 'out');
    mkdirSync(out);
    // devices need CAP_MKNOD; leave them out of extraction and check them in the listing above
    const r = spawnSync('tar', ['-xf', join(dir, 'a.tar'), '-C', out, '--exclude=dir/dev', '--no-same-owner'], { encoding: 'utf8' });
    // GNU tar warns about (but extracts) the pre-1970 mtime
    expect(r.stderr.trim()).toBe('tar: dir/old: implausibly old time stamp 1969-12-31 00:00:00');
    for (const e of entries) {
      if (e.type === 'chardev') continue;
      const p = join(out, e.name);
      const st = lstatSync(p);
      if (e.type === 'file') {
        expect(st.isFile()).toBe(true);
        expect(new Uint8Array(readFileSync(p))).toEqual(e.content ?? new Uint8Array(0));
        expect(st.mode & 0o7777).toBe(e.mode ?? 0o644);
        expect(Math.floor(st.mtimeMs / 1000)).toBe(e.mtime ?? 0);
      } else if (e.type === 'dir') {
        expect(st.isDirectory()).toBe(true);
      } else if (e.type === 'symlink') {
        expect(readlinkSync(p)).toBe(e.linkname);
      } else if (e.type === 'hardlink') {
        expect(st.ino).toBe(lstatSync(join(out, e.linkname!)).ino);
      } else if (e.type === 'fifo') {
        expect(st.isFIFO()).toBe(true);
      }
    }
  });

  describe.each(['pax', 'gnu', 'ustar', 'posix', 'v7'] as const)('reads archives GNU tar writes with --format=%s', (format) => {
    it('gets names, types, modes, ids, times, links and contents', () => {
      const dir = tmp();
      const src = join(dir, 'src');
      mkdirSync(src);
      const longOk = format !== 'v7' && format !== 'ustar';
      const files: Array<[string, string]> = [
        ['a.txt', 'alpha\n'],
        ['sub/b.bin', 'B'.repeat(1500)],
      ];
      if (format !== 'v7') files.push([`${'m'.repeat(60)}/${'n'.repeat(60)}.txt`, 'medium']);
      if (longOk) files.push([`${'x'.repeat(120)}/${'y'.repeat(130)}.txt`, 'long'], ['sub/ünï.txt', 'utf8']);
      for (const [name, body] of files) {
        mkdirSync(join(src, name, '..'), { recursive: true });
        writeFileSync(join(src, name), body);
        chmodSync(join(src, name), 0o640);
        utimesSync(join(src, name), 1_500_000_000, 1_500_000_000);
      }
      symlinkSync('../a.txt', join(src, 'sub/sym'));
      if (longOk) symlinkSync(`${'z'.repeat(120)}/target`, join(src, 'sub/longsym'));
      linkSync(join(src, 'a.txt'), join(src, 'hard'));
      const tarPath = join(dir, 'g.tar');
      const args = ['--format', format, '-cf', tarPath, '-C', src, '--sort=name', '--owner=0', '--group=0', '--numeric-owner'];
      if (format === 'gnu' || format === 'pax' || format === 'posix') args.splice(args.indexOf('--owner=0'), 2, '--owner=0:3000000', '--group=0:2500000');
      args.push('.');
      const r = spawnSync('tar', args, { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      const got = listTar(new Uint8Array(readFileSync(tarPath)));
      const byName = new Map(got.map((e) => [e.name.replace(/^\.\//, ''), e]));
      // cross-check the listing against GNU tar's own
      const gnuNames = execFileSync('tar', ['-tf', tarPath], { encoding: 'utf8', env: UTF8 }).trimEnd().split('\n').map((n) => n.replace(/^\.\//, ''));
      expect(got.map((e) => e.name.replace(/^\.\//, ''))).toEqual(gnuNames);
      for (const [name, body] of files) {
        const e = byName.get(name);
        expect(e, name).toBeDefined();
        expect(e!.type).toBe('file');
        expect(new TextDecoder().decode(e!.data)).toBe(body);
        expect(e!.mode).toBe(0o640);
        expect(e!.mtime).toBe(1_500_000_000);
        if (format === 'gnu' || format === 'pax' || format === 'posix') {
          expect(e!.uid).toBe(3_000_000);
          expect(e!.gid).toBe(2_500_000);
        }
      }
      expect(byName.get('sub/sym')!.type).toBe('symlink');
      expect(byName.get('sub/sym')!.linkname).toBe('../a.txt');
      if (longOk) expect(byName.get('sub/longsym')!.linkname).toBe(`${'z'.repeat(120)}/target`);
      const hard = byName.get('hard') ?? byName.get('a.txt');
      const other = hard === byName.get('hard') ? 'a.txt' : 'hard';
      expect(hard!.type === 'hardlink' || byName.get(other)!.type === 'hardlink').toBe(true);
      expect(byName.get('sub/')!.type).toBe('dir');
    });
  });

  it('reads back what GNU tar re-archives from our extracted archive', () => {
    const dir = tmp();
    writeFileSync(join(dir, 'a.tar'), archive);
    const out = join(dir, 'x');
    mkdirSync(out);
    execFileSync('tar', ['-xf', join(dir, 'a.tar'), '-C', out, '--exclude=dir/dev', '--no-same-owner']);
    execFileSync('tar', ['--format=pax', '-cf', join(dir, 'b.tar'), '-C', out, '--sort=name', 'dir']);
    const names = listTar(new Uint8Array(readFileSync(join(dir, 'b.tar')))).map((e) => e.name);
    expect(names).toEqual(execFileSync('tar', ['-tf', join(dir, 'b.tar')], { encoding: 'utf8', env: UTF8 }).trimEnd().split('\n'));
    expect(names).toContain('dir/unicodé-ファイル.txt');
  });

  it.skipIf(!isRoot)('extracts devices when running as root', () => {
    const dir = tmp();
    const out = join(dir, 'out');
    mkdirSync(out);
    writeFileSync(join(dir, 'd.tar'), writeTar([{ name: 'null', type: 'chardev', devmajor: 1, devminor: 3, mode: 0o666 }]));
    const r = spawnSync('tar', ['-xf', join(dir, 'd.tar'), '-C', out], { encoding: 'utf8' });
    if (r.status !== 0) {
      console.warn(`device extraction skipped: ${r.stderr.trim()}`);
      return;
    }
    const st = lstatSync(join(out, 'null'));
    expect(st.isCharacterDevice()).toBe(true);
    expect(st.rdev).toBe((1 << 8) | 3);
  });
});
