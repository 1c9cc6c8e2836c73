import { describe, expect, it } from 'vitest';
import { createTestMachine, runCommand } from '../testing/harness';

const tm = createTestMachine();
tm.fs.mkdir('/tmp/l', 0o777);
tm.fs.writeFile('/tmp/l/f', new TextEncoder().encode('data'));
const run = (argv: string[], flavor?: 'busybox') => runCommand(tm, argv, { cwd: '/tmp/l', ...(flavor ? { flavor } : {}) });

describe('ln', () => {
  it('makes symbolic and hard links', async () => {
    expect((await run(['ln', '-sv', 'f', 's'])).stdout).toBe("'s' -> 'f'\n");
    expect(tm.fs.readlink('/tmp/l/s')).toBe('f');
    expect((await run(['ln', '-v', 'f', 'h'])).stdout).toBe("'h' => 'f'\n");
    expect(tm.fs.stat('/tmp/l/h').ino).toBe(tm.fs.stat('/tmp/l/f').ino);
    expect(tm.fs.stat('/tmp/l/f').nlink).toBe(2);
  });
  it('one operand links into the current directory; DIR target links inside', async () => {
    await run(['ln', '-s', '/etc/hostname']);
    expect(tm.fs.readlink('/tmp/l/hostname')).toBe('/etc/hostname');
    tm.fs.mkdir('/tmp/l/d', 0o777);
    await run(['ln', '-s', '../f', 'd']);
    expect(tm.fs.readlink('/tmp/l/d/f')).toBe('../f');
  });
  it('existing destinations need -f; -n replaces a link to a directory', async () => {
    expect(await run(['ln', '-s', 'f', 's'])).toMatchObject({ status: 1, stderr: "ln: failed to create symbolic link 's': File exists\n" });
    expect((await run(['ln', 'f', 'h'])).stderr).toBe("ln: failed to create hard link 'h': File exists\n");
    expect((await run(['ln', '-s', 'f', 's'], 'busybox')).stderr).toBe('ln: s: File exists\n');
    expect((await run(['ln', '-sf', 'h', 's'])).status).toBe(0);
    expect(tm.fs.readlink('/tmp/l/s')).toBe('h');
    await run(['ln', '-s', 'd', 'dl']);
    await run(['ln', '-sfn', 'f', 'dl']);
    expect(tm.fs.readlink('/tmp/l/dl')).toBe('f');
  });
  it('errors for missing sources and directories', async () => {
    expect((await run(['ln', 'nope', 'x'])).stderr).toBe("ln: failed to access 'nope': No such file or directory\n");
    expect((await run(['ln', 'd', 'x'])).stderr).toBe('ln: d: hard link not allowed for directory\n');
    expect((await run(['ln', '-s', 'a', 'b', 'c'])).stderr).toBe("ln: target 'c': No such file or directory\n");
  });
});
