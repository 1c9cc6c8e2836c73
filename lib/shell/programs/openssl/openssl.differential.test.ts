/**
 * openssl against the host's OpenSSL 3.0: digests, base64, passwd -6, rand's formats, errors (with the thread id
 * at the start of error-queue lines, an address on a real system, masked), and `version` for the installed libssl.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestMachine, runCommand } from '../../testing/harness';
import { layoutReal, layoutSim, type FixtureEntry } from '../testing/file-fixtures';
import { hasTool, runReal } from '../testing/real-tools';

const TREE: readonly FixtureEntry[] = [
  { path: 'a.txt', type: 'file', content: 'hello\n' },
  { path: 'zeros', type: 'file', content: '\0'.repeat(100) },
  { path: 'b64', type: 'file', content: 'aGVsbG8K\n' },
  { path: 'long64', type: 'file', content: 'QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB\nQUFB\n' },
];

const CASES: { argv: string[]; stdin?: string }[] = [
  { argv: ['openssl', 'dgst', '-sha256', 'a.txt'] },
  { argv: ['openssl', 'dgst', '-r', '-sha256', 'a.txt'] },
  { argv: ['openssl', 'dgst', 'a.txt', 'zeros'] },
  { argv: ['openssl', 'dgst', '-sha1', 'a.txt'] },
  { argv: ['openssl', 'dgst', '-md5', 'a.txt'] },
  { argv: ['openssl', 'dgst', '-sha512', 'a.txt'] },
  { argv: ['openssl', 'dgst', '-sha384', 'a.txt'] },
  { argv: ['openssl', 'dgst', '-sha224', 'a.txt'] },
  { argv: ['openssl', 'sha256', 'a.txt'] },
  { argv: ['openssl', 'sha256', '-r'], stdin: 'hi' },
  { argv: ['openssl', 'md5', 'a.txt', 'a.txt'] },
  { argv: ['openssl', 'sha1'], stdin: 'hi' },
  { argv: ['openssl', 'dgst', '-sha256', 'nofile', 'a.txt'] },
  { argv: ['openssl', 'dgst', '-bogus', 'a.txt'] },
  { argv: ['openssl', 'base64', '-in', 'zeros'] },
  { argv: ['openssl', 'base64', '-A', '-in', 'zeros'] },
  { argv: ['openssl', 'base64', '-d', '-in', 'b64'] },
  { argv: ['openssl', 'base64', '-d', '-in', 'long64'] },
  { argv: ['openssl', 'base64'], stdin: 'hello\n' },
  { argv: ['openssl', 'base64'], stdin: '' },
  { argv: ['openssl', 'enc', '-base64'], stdin: 'hello\n' },
  { argv: ['openssl', 'enc', '-base64', '-d'], stdin: 'aGVsbG8K\n' },
  { argv: ['openssl', 'base64', '-in', 'nofile'] },
  { argv: ['openssl', 'base64', '-x'] },
  { argv: ['openssl', 'enc', '-nosuchcipher'] },
  { argv: ['openssl', 'passwd', '-6', '-salt', 's', 'pw'] },
  { argv: ['openssl', 'passwd', '-6', '-salt', 'abcdefghijklmnopqrstu', 'pw', 'other'] },
  { argv: ['openssl', 'passwd', '-1', '-salt', 'saltsalt9', 'pw'] },
  { argv: ['openssl', 'passwd', '-apr1', '-salt', 'ab', 'a much longer password than sixteen bytes'] },
  { argv: ['openssl', 'passwd', '-5', '-salt', 's', 'pw'] },
  { argv: ['openssl', 'passwd', '-5', '-salt', 'SaltWith16Chars.x', 'pässwörd with more than thirty-two bytes'] },
  { argv: ['openssl', 'passwd', '-salt', 'xy', 'pw'] },
  { argv: ['openssl', 'rand', '-hex', 'x'] },
  { argv: ['openssl', 'rand', '-bogus', '4'] },
  { argv: ['openssl', 'rand'] },
  { argv: ['openssl', 'foo'] },
  { argv: ['openssl', 'version', '-x'] },
];

const maskTid = (s: string) => s.replace(/^[0-9A-F]{16}:error:/gm, 'TID:error:');

describe.skipIf(!hasTool('openssl'))('openssl matches OpenSSL 3.0', () => {
  for (const c of CASES) {
    it(`${c.argv.join(' ')}${c.stdin !== undefined ? ` <<< ${JSON.stringify(c.stdin)}` : ''}`, async () => {
      const real = layoutReal(TREE);
      try {
        const want = runReal(c.argv, { cwd: real.dir, stdin: c.stdin });
        const tm = createTestMachine();
        layoutSim(tm.fs, '/root/w', TREE, { uid: 0, gid: 0 });
        const got = await runCommand(tm, c.argv, { cwd: '/root/w', user: 'root', stdin: c.stdin });
        expect({ stdout: got.stdout, stderr: maskTid(got.stderr), status: got.status }).toEqual({ stdout: want.stdout, stderr: maskTid(want.stderr), status: want.status });
      } finally {
        real.cleanup();
      }
    });
  }

  it('rand -hex/-base64/-out give as many random bytes as asked, in the real formats', async () => {
    const tm = createTestMachine();
    layoutSim(tm.fs, '/root/w', TREE, { uid: 0, gid: 0 });
    for (const [args, re] of [
      [['-hex', '16'], /^[0-9a-f]{32}\n$/],
      [['-base64', '60'], /^[A-Za-z0-9+/]{64}\n[A-Za-z0-9+/]{16}\n$/],
      [['-base64', '8'], /^[A-Za-z0-9+/]{11}=\n$/],
    ] as const) {
      const real = runReal(['openssl', 'rand', ...args]);
      const got = await runCommand(tm, ['openssl', 'rand', ...args], { cwd: '/root/w', user: 'root' });
      expect(real.stdout).toMatch(re);
      expect(got.stdout).toMatch(re);
    }
    const got = await runCommand(tm, ['openssl', 'rand', '-out', 'r.bin', '32'], { cwd: '/root/w', user: 'root' });
    expect(got.status).toBe(0);
    expect(tm.fs.readFile('/root/w/r.bin').length).toBe(32);
  });

  it('base64 -out writes the file', async () => {
    const real = layoutReal(TREE);
    try {
      runReal(['openssl', 'base64', '-in', 'a.txt', '-out', 'o.txt'], { cwd: real.dir });
      const tm = createTestMachine();
      layoutSim(tm.fs, '/root/w', TREE, { uid: 0, gid: 0 });
      await runCommand(tm, ['openssl', 'base64', '-in', 'a.txt', '-out', 'o.txt'], { cwd: '/root/w', user: 'root' });
      expect(new TextDecoder().decode(tm.fs.readFile('/root/w/o.txt'))).toBe(readFileSync(join(real.dir, 'o.txt'), 'utf8'));
    } finally {
      real.cleanup();
    }
  });

  const hostLib = spawnSync('dpkg-query', ['-W', '-f=${Version}', 'libssl3'], { encoding: 'utf8' }).stdout;
  it.skipIf(hostLib !== '3.0.19-1~deb12u2' && hostLib !== '3.0.22-1~deb12u2')('version prints the line of the installed libssl3', async () => {
    const tm = createTestMachine();
    for (const d of ['/var', '/var/lib', '/var/lib/dpkg']) {
      try {
        tm.fs.mkdir(d, 0o755);
      } catch {
        // already there
      }
    }
    tm.fs.writeFile('/var/lib/dpkg/status', new TextEncoder().encode(`Package: libssl3\nStatus: install ok installed\nVersion: ${hostLib}\n`), { mode: 0o644 });
    const got = await runCommand(tm, ['openssl', 'version'], { user: 'root' });
    expect(got.stdout).toBe(runReal(['openssl', 'version']).stdout);
  });
});

describe('openssl without a recorded build or command', () => {
  it('version of an unrecorded libssl says so', async () => {
    const got = await runCommand(createTestMachine(), ['openssl', 'version'], { user: 'root' });
    expect(got).toMatchObject({ stdout: '', stderr: 'openssl: version of this libssl is not simulated\n', status: 1 });
  });
  it('genrsa is not simulated rather than printing a made-up key', async () => {
    const got = await runCommand(createTestMachine(), ['openssl', 'genrsa', '2048'], { user: 'root' });
    expect(got).toMatchObject({ stdout: '', stderr: 'openssl: genrsa is not simulated (keys, certificates and TLS are out of scope)\n', status: 1 });
  });
});
