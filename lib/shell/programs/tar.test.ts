import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestMachine, runCommand } from '../testing/harness';
import { expandOldStyle } from './tar';
import { layoutReal, layoutSim, SAMPLE_TREE } from './testing/file-fixtures';
import { hasTool } from './testing/real-tools';

const dec = (b: Uint8Array) => new TextDecoder().decode(b);

function machine() {
  const tm = createTestMachine();
  layoutSim(tm.fs, '/home/learner/proj', SAMPLE_TREE, { uid: 1000, gid: 1000 });
  tm.fs.link('/home/learner/proj/big', '/home/learner/proj/sub/bighard');
  return tm;
}

describe('tar', () => {
  it('expands old-style bundles', () => {
    expect(expandOldStyle(['cvf', 'x.tar', 'd'])).toEqual(['-c', '-v', '-f', 'x.tar', 'd']);
    expect(expandOldStyle(['-cf', 'x.tar'])).toEqual(['-cf', 'x.tar']);
    expect(expandOldStyle(['xzfC', 'a.tgz', '/tmp'])).toEqual(['-x', '-z', '-f', 'a.tgz', '-C', '/tmp']);
  });
  it('creates, lists and extracts, keeping links and modes', async () => {
    const tm = machine();
    const c = await runCommand(tm, ['tar', 'cvf', 'p.tar', 'proj']);
    expect(c.status).toBe(0);
    expect(c.stdout.split('\n')[0]).toBe('proj/');
    expect(c.stdout).toContain('proj/sub/deeper/z\n');
    const tv = await runCommand(tm, ['tar', 'tvf', 'p.tar']);
    expect(tv.stdout.split('\n')[0]).toBe('drwxr-xr-x learner/learner   0 2026-11-23 10:00 proj/');
    expect(tv.stdout).toContain('lrwxrwxrwx learner/learner    0 2026-11-23 10:00 proj/link -> a.txt\n');
    expect(tv.stdout).toContain('hrwxr-xr-x learner/learner    0 2026-11-23 10:00 proj/sub/bighard link to proj/big\n');
    await runCommand(tm, ['mkdir', 'out']);
    const x = await runCommand(tm, ['tar', '-xf', 'p.tar', '-C', 'out']);
    expect(x).toMatchObject({ status: 0, stderr: '' });
    expect(dec(tm.fs.readFile('/home/learner/out/proj/a.txt'))).toBe('hello\n');
    expect(tm.fs.stat('/home/learner/out/proj/big').mode).toBe(0o755);
    expect(tm.fs.readlink('/home/learner/out/proj/link')).toBe('a.txt');
    expect(tm.fs.stat('/home/learner/out/proj/sub/bighard').ino).toBe(tm.fs.stat('/home/learner/out/proj/big').ino);
  });
  it('gzip (-z), stdout/stdin archives, -O and member selection', async () => {
    const tm = machine();
    await runCommand(tm, ['tar', 'czf', 'p.tgz', 'proj/sub']);
    const bytes = tm.fs.readFile('/home/learner/p.tgz');
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
    expect((await runCommand(tm, ['tar', 'tzf', 'p.tgz'])).stdout).toBe('proj/sub/\nproj/sub/bighard\nproj/sub/deeper/\nproj/sub/deeper/z\nproj/sub/inner.txt\n');
    // Reading a file auto-detects compression, as GNU tar does.
    expect((await runCommand(tm, ['tar', 'tf', 'p.tgz', 'proj/sub/deeper'])).stdout).toBe('proj/sub/deeper/\nproj/sub/deeper/z\n');
    expect((await runCommand(tm, ['tar', 'xOf', 'p.tgz', 'proj/sub/inner.txt'])).stdout).toBe('inner\n');
    const piped = await runCommand(tm, ['tar', 'cf', '-', 'proj/a.txt']);
    expect((await runCommand(tm, ['tar', 'tf', '-'], { stdin: piped.stdoutBytes })).stdout).toBe('proj/a.txt\n');
    expect((await runCommand(tm, ['tar', 'tf', '-'], { stdin: bytes })).stderr).toBe('tar: Archive is compressed. Use -z option\ntar: Error is not recoverable: exiting now\n');
  });
  it('strips leading slashes and --strip-components', async () => {
    const tm = machine();
    const c = await runCommand(tm, ['tar', 'cf', 'abs.tar', '/home/learner/proj/a.txt']);
    expect(c.stderr).toBe("tar: Removing leading `/' from member names\n");
    expect((await runCommand(tm, ['tar', 'tf', 'abs.tar'])).stdout).toBe('home/learner/proj/a.txt\n');
    await runCommand(tm, ['tar', 'xf', 'abs.tar', '--strip-components=3']);
    expect(dec(tm.fs.readFile('/home/learner/a.txt'))).toBe('hello\n');
  });
  it('as root keeps owners and modes; as a user the umask applies', async () => {
    const tm = machine();
    tm.fs.chmod('/home/learner/proj/a.txt', 0o666);
    await runCommand(tm, ['tar', 'cf', '/tmp/p.tar', 'proj']);
    await runCommand(tm, ['tar', 'xf', '/tmp/p.tar', '-C', '/opt'], { user: 'root' });
    expect(tm.fs.stat('/opt/proj/a.txt')).toMatchObject({ uid: 1000, gid: 1000, mode: 0o666 });
    await runCommand(tm, ['mkdir', '/tmp/u']);
    await runCommand(tm, ['tar', 'xf', '/tmp/p.tar', '-C', '/tmp/u']);
    expect(tm.fs.stat('/tmp/u/proj/a.txt')).toMatchObject({ uid: 1000, mode: 0o644 });
  });
  it('verbose listing widens the owner column like GNU tar', async () => {
    const tm = machine();
    await runCommand(tm, ['tar', 'cf', 'o.tar', '--owner=ab:1000', '--group=cd:1000', 'proj/a.txt'], { user: 'root', cwd: '/home/learner' });
    tm.fs.chmod('/home/learner/o.tar', 0o644);
    expect((await runCommand(tm, ['tar', 'tvf', '/home/learner/o.tar'])).stdout).toBe('-rw-r--r-- ab/cd             6 2026-11-23 10:00 proj/a.txt\n');
    expect((await runCommand(tm, ['tar', 'tvf', '/home/learner/o.tar'], { flavor: 'busybox' })).stdout).toBe('-rw-r--r-- ab/cd         6 2026-11-23 10:00:00 proj/a.txt\n');
  });
  it('errors in GNU and BusyBox wording', async () => {
    const tm = machine();
    expect(await runCommand(tm, ['tar', 'xf', 'nope.tar'])).toMatchObject({ status: 2, stderr: 'tar: nope.tar: Cannot open: No such file or directory\ntar: Error is not recoverable: exiting now\n' });
    expect((await runCommand(tm, ['tar', 'xf', 'nope.tar'], { flavor: 'busybox' })).stderr).toBe("tar: can't open 'nope.tar': No such file or directory\n");
    expect(await runCommand(tm, ['tar', 'cf', 'x.tar', 'nope'])).toMatchObject({ status: 2, stderr: 'tar: nope: Cannot stat: No such file or directory\ntar: Exiting with failure status due to previous errors\n' });
    expect((await runCommand(tm, ['tar', 'tf', 'proj/a.txt'])).stderr).toBe('tar: This does not look like a tar archive\ntar: Exiting with failure status due to previous errors\n');
    expect(await runCommand(tm, ['tar'])).toMatchObject({ status: 2, stderr: "tar: You must specify one of the '-Acdtrux', '--delete' or '--test-label' options\nTry 'tar --help' or 'tar --usage' for more information.\n" });
    expect((await runCommand(tm, ['tar', 'cf', 'e.tar'])).stderr).toBe("tar: Cowardly refusing to create an empty archive\nTry 'tar --help' or 'tar --usage' for more information.\n");
    await runCommand(tm, ['tar', 'cf', 'p.tar', 'proj']);
    expect(await runCommand(tm, ['tar', 'tf', 'p.tar', 'nope'])).toMatchObject({ status: 2, stderr: 'tar: nope: Not found in archive\ntar: Exiting with failure status due to previous errors\n' });
  });
  it('round-trips arbitrary trees (property)', async () => {
    const name = fc.stringMatching(/^[a-z0-9_.-]{1,12}$/).filter((n) => n !== '.' && n !== '..');
    const tree = fc.uniqueArray(fc.record({ dir: fc.constantFrom('', 'd1/', 'd1/d2/', 'd3/'), name, content: fc.uint8Array({ maxLength: 3000 }), mode: fc.constantFrom(0o644, 0o600, 0o755, 0o444) }), {
      selector: (e) => e.dir + e.name,
      maxLength: 12,
    });
    await fc.assert(
      fc.asyncProperty(tree, fc.boolean(), async (files, compress) => {
        const tm = createTestMachine();
        const root = '/tmp/src';
        for (const d of ['', 'd1/', 'd1/d2/', 'd3/']) tm.fs.mkdir(`${root}/${d}`.replace(/\/$/, ''), 0o755);
        const kept = files.filter((f) => !['d1', 'd3'].includes(f.name) || f.dir !== '');
        for (const f of kept) {
          try {
            tm.fs.writeFile(`${root}/${f.dir}${f.name}`, f.content, { mode: f.mode });
            tm.fs.chmod(`${root}/${f.dir}${f.name}`, f.mode);
          } catch {
            // a name that collides with one of the fixed directories
          }
        }
        const flag = compress ? '-czf' : '-cf';
        expect((await runCommand(tm, ['tar', flag, '/tmp/a.tar', '-C', '/tmp', 'src'], { user: 'root' })).status).toBe(0);
        expect((await runCommand(tm, ['tar', '-xf', '/tmp/a.tar', '-C', '/opt'], { user: 'root' })).status).toBe(0);
        const walk = (dir: string): string[] =>
          tm.fs.readdir(dir).flatMap((n) => {
            const p = `${dir}/${n}`;
            const st = tm.fs.lstat(p);
            return st.type === 'dir' ? [`${p.slice(dir.indexOf('/', 1))}/ ${st.mode}`, ...walk(p)] : [`${n} ${st.mode} ${Array.from(tm.fs.readFile(p)).join(',')}`];
          });
        expect(walk('/opt/src')).toEqual(walk('/tmp/src'));
      }),
      { numRuns: 40 },
    );
  });
});

describe('tar interoperability with GNU tar', () => {
  const real = layoutReal(SAMPLE_TREE);
  const work = mkdtempSync(join(tmpdir(), 'layerlab-tar-'));
  afterAll(() => {
    real.cleanup();
    rmSync(work, { recursive: true, force: true });
  });
  it('GNU tar lists and extracts our archive', async () => {
    if (!hasTool('tar')) return;
    const tm = machine();
    await runCommand(tm, ['tar', 'czf', 'p.tgz', 'proj']);
    writeFileSync(join(work, 'p.tgz'), tm.fs.readFile('/home/learner/p.tgz'));
    const list = spawnSync('tar', ['tzf', 'p.tgz'], { cwd: work, encoding: 'utf8' });
    expect(list.status).toBe(0);
    expect(list.stdout.split('\n').filter(Boolean).sort()).toEqual((await runCommand(tm, ['tar', 'tzf', 'p.tgz'])).stdout.split('\n').filter(Boolean).sort());
    expect(spawnSync('tar', ['xzf', 'p.tgz'], { cwd: work }).status).toBe(0);
    expect(readFileSync(join(work, 'proj/sub/inner.txt'), 'utf8')).toBe('inner\n');
  });
  it('we read an archive GNU tar made', async () => {
    if (!hasTool('tar')) return;
    const r = spawnSync('tar', ['czf', join(work, 'real.tgz'), '.'], { cwd: real.dir });
    expect(r.status).toBe(0);
    const tm = createTestMachine();
    tm.fs.writeFile('/tmp/real.tgz', new Uint8Array(readFileSync(join(work, 'real.tgz'))));
    const x = await runCommand(tm, ['tar', 'xzf', '/tmp/real.tgz', '-C', '/tmp']);
    expect(x.stderr).toBe('');
    expect(dec(tm.fs.readFile('/tmp/sub/inner.txt'))).toBe('inner\n');
    expect(tm.fs.readlink('/tmp/link')).toBe('a.txt');
    expect(tm.fs.stat('/tmp/big').mode).toBe(0o755);
  });
});
