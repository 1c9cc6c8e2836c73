import { describe, expect, it } from 'vitest';
import { createTestMachine, runCommand } from '../testing/harness';

const tm = createTestMachine();
tm.fs.mkdir('/tmp/i', 0o777);
tm.fs.writeFile('/tmp/i/s', new TextEncoder().encode('#!/bin/sh\n'), { mode: 0o644 });
const run = (argv: string[], opts: { user?: 'root'; flavor?: 'busybox' } = {}) => runCommand(tm, argv, { cwd: '/tmp/i', user: opts.user, ...(opts.flavor ? { flavor: opts.flavor } : {}) });

describe('install', () => {
  it('copies with mode 0755 by default, -m to choose', async () => {
    expect((await run(['install', '-v', 's', 'd1'])).stdout).toBe("'s' -> 'd1'\n");
    expect(tm.fs.stat('/tmp/i/d1').mode).toBe(0o755);
    await run(['install', '-m', '644', 's', 'd2']);
    expect(tm.fs.stat('/tmp/i/d2').mode).toBe(0o644);
  });
  it('-d and -D create directories', async () => {
    expect((await run(['install', '-dv', 'a/b'])).stdout).toBe("install: creating directory 'a'\ninstall: creating directory 'a/b'\n");
    expect((await run(['install', '-Dv', 's', 'x/y/z'])).stdout).toBe("install: creating directory 'x'\ninstall: creating directory 'x/y'\n's' -> 'x/y/z'\n");
    expect(tm.fs.stat('/tmp/i/x/y/z').mode).toBe(0o755);
  });
  it('-o/-g as root', async () => {
    await run(['install', '-o', 'www-data', '-g', 'www-data', 's', '/tmp/i/owned'], { user: 'root' });
    expect(tm.fs.stat('/tmp/i/owned')).toMatchObject({ uid: 33, gid: 33 });
  });
  it('errors', async () => {
    expect((await run(['install', 's', 'nod/x'])).stderr).toBe("install: cannot create regular file 'nod/x': No such file or directory\n");
    expect((await run(['install', 'nope', 'd'])).stderr).toBe("install: cannot stat 'nope': No such file or directory\n");
    expect((await run(['install', 's'])).stderr).toBe("install: missing destination file operand after 's'\nTry 'install --help' for more information.\n");
    expect((await run(['install', '-y'], { flavor: 'busybox' })).stderr).toContain('Usage: install [-cdDsp]');
  });
});
