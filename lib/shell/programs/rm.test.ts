import { describe, expect, it } from 'vitest';
import { createTestMachine, runCommand } from '../testing/harness';
import { layoutSim, SAMPLE_TREE } from './testing/file-fixtures';

const tm = createTestMachine();
const run = (argv: string[], opts: { flavor?: 'busybox'; stdin?: string; user?: 'root' } = {}) =>
  runCommand(tm, argv, { cwd: '/tmp', stdin: opts.stdin, user: opts.user, ...(opts.flavor ? { flavor: opts.flavor } : {}) });

describe('rm', () => {
  it('removes files; directories need -r', async () => {
    layoutSim(tm.fs, '/tmp/r1', SAMPLE_TREE, { uid: 1000, gid: 1000 });
    expect((await run(['rm', 'r1/a.txt'])).status).toBe(0);
    expect(await run(['rm', 'r1/sub'])).toMatchObject({ status: 1, stderr: "rm: cannot remove 'r1/sub': Is a directory\n" });
    expect((await run(['rm', 'r1/sub'], { flavor: 'busybox' })).stderr).toBe("rm: 'r1/sub' is a directory\n");
    expect((await run(['rm', '-r', 'r1'])).status).toBe(0);
    expect(() => tm.fs.lstat('/tmp/r1')).toThrow();
  });
  it('-v lists what it removes, depth first', async () => {
    layoutSim(tm.fs, '/tmp/r2', [{ path: 'd', type: 'dir' }, { path: 'd/f', type: 'file' }], { uid: 1000, gid: 1000 });
    expect((await run(['rm', '-rv', 'r2'])).stdout).toBe("removed 'r2/d/f'\nremoved directory 'r2/d'\nremoved directory 'r2'\n");
  });
  it('missing files: error, or silence with -f', async () => {
    expect(await run(['rm', 'nope'])).toMatchObject({ status: 1, stderr: "rm: cannot remove 'nope': No such file or directory\n" });
    expect(await run(['rm', '-f', 'nope'])).toMatchObject({ status: 0, stderr: '' });
    expect((await run(['rm', 'nope'], { flavor: 'busybox' })).stderr).toBe("rm: can't remove 'nope': No such file or directory\n");
    expect((await run(['rm', '-f'])).status).toBe(0);
    expect((await run(['rm'])).stderr).toBe("rm: missing operand\nTry 'rm --help' for more information.\n");
  });
  it('refuses / and . and ..', async () => {
    expect(await run(['rm', '-rf', '/'], { user: 'root' })).toMatchObject({
      status: 1,
      stderr: "rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n",
    });
    expect((await run(['rm', '-r', '.'])).stderr).toBe("rm: refusing to remove '.' or '..' directory: skipping '.'\n");
  });
  it('permission denied', async () => {
    expect((await run(['rm', '/etc/passwd'])).stderr).toBe("rm: cannot remove '/etc/passwd': Permission denied\n");
  });
  it('-i asks on stderr and reads the answer', async () => {
    tm.fs.writeFile('/tmp/ask', new Uint8Array());
    tm.fs.chown('/tmp/ask', 1000, 1000);
    const no = await run(['rm', '-i', 'ask'], { stdin: 'n\n' });
    expect(no.stderr).toBe("rm: remove regular empty file 'ask'? ");
    expect(tm.fs.lstat('/tmp/ask').type).toBe('file');
    await run(['rm', '-i', 'ask'], { stdin: 'y\n' });
    expect(() => tm.fs.lstat('/tmp/ask')).toThrow();
  });
});
