import { describe, expect, it } from 'vitest';
import { createTestMachine, runCommand } from '../testing/harness';
import { hasTool, runReal } from './testing/real-tools';

const tm = createTestMachine();
tm.fs.mkdir('/tmp/c', 0o777);
tm.fs.writeFile('/tmp/c/a', new TextEncoder().encode('hello\n'));
tm.fs.writeFile('/tmp/c/b', new TextEncoder().encode('hello\n'));
const run = (argv: string[], opts: { stdin?: string; flavor?: 'busybox' } = {}) => runCommand(tm, argv, { cwd: '/tmp/c', stdin: opts.stdin, ...(opts.flavor ? { flavor: opts.flavor } : {}) });

describe('md5sum, sha1sum, sha256sum', () => {
  it('prints digests of files and stdin', async () => {
    expect((await run(['md5sum', 'a', 'b'])).stdout).toBe('b1946ac92492d2347c6235b4d2611184  a\nb1946ac92492d2347c6235b4d2611184  b\n');
    expect((await run(['sha256sum'], { stdin: 'hi\n' })).stdout).toBe('98ea6e4f216f2fb4b69fff9b3a44842c38686ca685f3f55dc48c5d3fb1107be4  -\n');
    expect((await run(['sha1sum'], { stdin: 'hi\n', flavor: 'busybox' })).stdout).toBe('55ca6286e3e4f4fba5d0448333fa99fc5a404a73  -\n');
    expect((await run(['sha256sum', '--tag', 'a'])).stdout).toMatch(/^SHA256 \(a\) = [0-9a-f]{64}\n$/);
  });
  it('-c checks, reports mismatches, missing files and bad lines', async () => {
    tm.fs.writeFile('/tmp/c/sums', new TextEncoder().encode('b1946ac92492d2347c6235b4d2611184  a\njunk\n'));
    expect(await run(['md5sum', '-c', 'sums'])).toMatchObject({ status: 0, stdout: 'a: OK\n', stderr: 'md5sum: WARNING: 1 line is improperly formatted\n' });
    tm.fs.writeFile('/tmp/c/sums2', new TextEncoder().encode('00000000000000000000000000000000  a\nd41d8cd98f00b204e9800998ecf8427e  nope\n'));
    const r = await run(['md5sum', '-c', 'sums2']);
    expect(r).toMatchObject({
      status: 1,
      stdout: 'a: FAILED\nnope: FAILED open or read\n',
      stderr: 'md5sum: nope: No such file or directory\nmd5sum: WARNING: 1 listed file could not be read\nmd5sum: WARNING: 1 computed checksum did NOT match\n',
    });
    expect((await run(['md5sum', '-c', 'a'])).stderr).toBe('md5sum: a: no properly formatted checksum lines found\n');
    expect((await run(['md5sum', '--status', '-c', 'sums2'])).stdout).toBe('');
  });
  it('errors', async () => {
    expect((await run(['md5sum', 'nope'])).stderr).toBe('md5sum: nope: No such file or directory\n');
    expect((await run(['md5sum', 'nope'], { flavor: 'busybox' })).stderr).toBe("md5sum: can't open 'nope': No such file or directory\n");
    expect((await run(['md5sum', '/tmp'])).stderr).toBe('md5sum: /tmp: Is a directory\n');
  });
  it('matches GNU on binary input', async () => {
    if (!hasTool('sha512sum')) return;
    const input = 'x'.repeat(1000) + '\u00e9';
    for (const p of ['md5sum', 'sha1sum', 'sha256sum', 'sha512sum']) expect((await run([p], { stdin: input })).stdout).toBe(runReal([p], { stdin: input }).stdout);
  });
});
