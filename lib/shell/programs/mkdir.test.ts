import { describe, expect, it } from 'vitest';
import { createTestMachine, runCommand } from '../testing/harness';

const tm = createTestMachine();
const run = (argv: string[], flavor?: 'busybox') => runCommand(tm, argv, { cwd: '/tmp', ...(flavor ? { flavor } : {}) });

describe('mkdir and rmdir', () => {
  it('creates directories with the umask applied', async () => {
    expect((await run(['mkdir', 'd1'])).status).toBe(0);
    expect(tm.fs.stat('/tmp/d1')).toMatchObject({ type: 'dir', mode: 0o755, uid: 1000 });
  });
  it('-p creates parents and accepts existing ones; -v reports', async () => {
    const r = await run(['mkdir', '-pv', 'p/q/r']);
    expect(r.stdout).toBe("mkdir: created directory 'p'\nmkdir: created directory 'p/q'\nmkdir: created directory 'p/q/r'\n");
    expect((await run(['mkdir', '-p', 'p/q'])).status).toBe(0);
  });
  it('-m sets the mode exactly', async () => {
    await run(['mkdir', '-m', '700', 'priv']);
    expect(tm.fs.stat('/tmp/priv').mode).toBe(0o700);
    await run(['mkdir', '-m', 'u=rwx,g=rx,o=', 'sym']);
    expect(tm.fs.stat('/tmp/sym').mode).toBe(0o750);
  });
  it('errors in GNU and BusyBox wording', async () => {
    expect(await run(['mkdir', 'd1'])).toMatchObject({ status: 1, stderr: 'mkdir: cannot create directory ‘d1’: File exists\n' });
    expect((await run(['mkdir', 'x/y/z'])).stderr).toBe('mkdir: cannot create directory ‘x/y/z’: No such file or directory\n');
    expect((await run(['mkdir', 'x/y/z'], 'busybox')).stderr).toBe("mkdir: can't create directory 'x/y/z': No such file or directory\n");
    expect(await run(['mkdir'])).toMatchObject({ status: 1, stderr: "mkdir: missing operand\nTry 'mkdir --help' for more information.\n" });
    expect((await run(['mkdir', '/root/no'])).stderr).toBe('mkdir: cannot create directory ‘/root/no’: Permission denied\n');
  });
  it('rmdir removes empty directories, -p parents, and reports non-empty ones', async () => {
    expect((await run(['rmdir', 'p'])).stderr).toBe("rmdir: failed to remove 'p': Directory not empty\n");
    expect((await run(['rmdir', 'p'], 'busybox')).stderr).toBe("rmdir: 'p': Directory not empty\n");
    const r = await run(['rmdir', '-pv', 'p/q/r']);
    expect(r.stdout).toBe("rmdir: removing directory, 'p/q/r'\nrmdir: removing directory, 'p/q'\nrmdir: removing directory, 'p'\n");
    expect(() => tm.fs.stat('/tmp/p')).toThrow();
    expect((await run(['rmdir', 'nope'])).stderr).toBe("rmdir: failed to remove 'nope': No such file or directory\n");
  });
});
