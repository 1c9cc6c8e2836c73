import { describe, expect, it } from 'vitest';
import { createTestMachine, runCommand } from '../testing/harness';
import { applyMode, modeString } from './lib/mode';

const tm = createTestMachine();
tm.fs.mkdir('/tmp/c', 0o777);
tm.fs.chown('/tmp/c', 1000, 1000);
for (const p of ['/tmp/c/f', '/tmp/c/g']) {
  tm.fs.writeFile(p, new Uint8Array(), { mode: 0o644 });
  tm.fs.chown(p, 1000, 1000);
}
tm.fs.mkdir('/tmp/c/d', 0o755);
tm.fs.chown('/tmp/c/d', 1000, 1000);
tm.fs.writeFile('/tmp/c/d/x', new Uint8Array(), { mode: 0o644 });
tm.fs.chown('/tmp/c/d/x', 1000, 1000);
const run = (argv: string[], opts: { flavor?: 'busybox'; user?: 'root' } = {}) =>
  runCommand(tm, argv, { cwd: '/tmp/c', user: opts.user, ...(opts.flavor ? { flavor: opts.flavor } : {}) });

describe('mode helpers', () => {
  it('applies symbolic modes like chmod(1)', () => {
    expect(applyMode('u+x', 0o644, false, 0o022)).toBe(0o744);
    expect(applyMode('go-w', 0o666, false, 0o022)).toBe(0o644);
    expect(applyMode('a=r', 0o777, false, 0o022)).toBe(0o444);
    expect(applyMode('+X', 0o644, true, 0o022)).toBe(0o755);
    expect(applyMode('+X', 0o644, false, 0o022)).toBe(0o644);
    expect(applyMode('+x', 0o644, false, 0o022)).toBe(0o755);
    expect(applyMode('u+s,g=u', 0o750, false, 0o022)).toBe(0o4770);
    expect(applyMode('o+t', 0o777, true, 0)).toBe(0o1777);
    expect(applyMode('x+y', 0o644, false, 0)).toBeNull();
    expect(modeString('dir', 0o1777)).toBe('drwxrwxrwt');
    expect(modeString('file', 0o4644)).toBe('-rwSr--r--');
  });
});

describe('chmod', () => {
  it('octal and symbolic, -v wording', async () => {
    expect((await run(['chmod', '-v', '600', 'f'])).stdout).toBe("mode of 'f' changed from 0644 (rw-r--r--) to 0600 (rw-------)\n");
    expect((await run(['chmod', '-v', '600', 'f'])).stdout).toBe("mode of 'f' retained as 0600 (rw-------)\n");
    expect((await run(['chmod', '-c', '600', 'f'])).stdout).toBe('');
    await run(['chmod', 'u+x,go+r', 'f']);
    expect(tm.fs.stat('/tmp/c/f').mode).toBe(0o744);
    expect((await run(['chmod', '-v', '755', 'g'], { flavor: 'busybox' })).stdout).toBe("mode of 'g' changed to 0755 (rwxr-xr-x)\n");
  });
  it('takes -w style modes', async () => {
    await run(['chmod', '-w', 'g']);
    expect(tm.fs.stat('/tmp/c/g').mode).toBe(0o555);
  });
  it('-R walks the tree', async () => {
    const r = await run(['chmod', '-Rv', 'g+w', 'd']);
    expect(r.stdout).toBe("mode of 'd' changed from 0755 (rwxr-xr-x) to 0775 (rwxrwxr-x)\nmode of 'd/x' changed from 0644 (rw-r--r--) to 0664 (rw-rw-r--)\n");
  });
  it('errors', async () => {
    expect(await run(['chmod', 'x+y', 'f'])).toMatchObject({ status: 1, stderr: "chmod: invalid mode: ‘x+y’\nTry 'chmod --help' for more information.\n" });
    expect((await run(['chmod', 'x+y', 'f'], { flavor: 'busybox' })).stderr).toBe("chmod: invalid mode 'x+y'\n");
    expect((await run(['chmod', '644', 'nope'])).stderr).toBe("chmod: cannot access 'nope': No such file or directory\n");
    expect((await run(['chmod', '644'])).stderr).toBe("chmod: missing operand after ‘644’\nTry 'chmod --help' for more information.\n");
    expect((await run(['chmod', '777', '/etc/passwd'])).stderr).toBe("chmod: changing permissions of '/etc/passwd': Operation not permitted\n");
  });
});

describe('chown and chgrp', () => {
  it('as root: names, numbers, user:group, :group, user:', async () => {
    expect((await run(['chown', '-v', 'root', 'f'], { user: 'root' })).stdout).toBe("changed ownership of 'f' from learner to root\n");
    expect((await run(['chown', '-v', 'nobody:nogroup', 'f'], { user: 'root' })).stdout).toBe("changed ownership of 'f' from root:learner to nobody:nogroup\n");
    await run(['chown', 'learner:', 'f'], { user: 'root' });
    expect(tm.fs.stat('/tmp/c/f')).toMatchObject({ uid: 1000, gid: 1000 });
    await run(['chown', '33:33', 'f'], { user: 'root' });
    expect(tm.fs.stat('/tmp/c/f')).toMatchObject({ uid: 33, gid: 33 });
    expect((await run(['chgrp', '-v', 'root', 'f'], { user: 'root' })).stdout).toBe("changed group of 'f' from www-data to root\n");
    expect((await run(['chgrp', '-v', 'root', 'f'], { user: 'root' })).stdout).toBe("group of 'f' retained as root\n");
    expect((await run(['chown', '-v', 'nobody:nogroup', 'f'], { user: 'root', flavor: 'busybox' })).stdout).toBe("changed ownership of 'f' to 65534:65534\n");
  });
  it('-R', async () => {
    await run(['chown', '-R', 'www-data', 'd'], { user: 'root' });
    expect(tm.fs.stat('/tmp/c/d/x').uid).toBe(33);
  });
  it('errors', async () => {
    expect((await run(['chown', 'nouser', 'f'])).stderr).toBe('chown: invalid user: ‘nouser’\n');
    expect((await run(['chown', ':nogr', 'f'])).stderr).toBe('chown: invalid group: ‘:nogr’\n');
    expect((await run(['chown', 'nouser', 'f'], { flavor: 'busybox' })).stderr).toBe('chown: unknown user nouser\n');
    expect((await run(['chgrp', 'nogr', 'f'])).stderr).toBe('chgrp: invalid group: ‘nogr’\n');
    expect((await run(['chown', 'root', 'g'])).stderr).toBe("chown: changing ownership of 'g': Operation not permitted\n");
    expect((await run(['chown', 'root'])).stderr).toBe("chown: missing operand after ‘root’\nTry 'chown --help' for more information.\n");
  });
});
