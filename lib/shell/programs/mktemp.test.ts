import { describe, expect, it } from 'vitest';
import { createTestMachine, runCommand } from '../testing/harness';

const tm = createTestMachine();
const run = (argv: string[], opts: { flavor?: 'busybox'; env?: Record<string, string> } = {}) =>
  runCommand(tm, argv, { cwd: '/tmp', env: opts.env, ...(opts.flavor ? { flavor: opts.flavor } : {}) });

describe('mktemp', () => {
  it('creates a private file in /tmp with 10 random characters', async () => {
    const r = await run(['mktemp']);
    expect(r.stdout).toMatch(/^\/tmp\/tmp\.[A-Za-z0-9]{10}\n$/);
    const st = tm.fs.stat(r.stdout.trim());
    expect(st).toMatchObject({ type: 'file', mode: 0o600, uid: 1000 });
  });
  it('-d, templates, -p, --suffix, TMPDIR, BusyBox length', async () => {
    const d = (await run(['mktemp', '-d'])).stdout.trim();
    expect(tm.fs.stat(d)).toMatchObject({ type: 'dir', mode: 0o700 });
    expect((await run(['mktemp', 'foo.XXXX'])).stdout).toMatch(/^foo\.[A-Za-z0-9]{4}\n$/);
    expect((await run(['mktemp', '-p', '/var/tmp', 'x.XXX'])).stdout).toMatch(/^\/var\/tmp\/x\.[A-Za-z0-9]{3}\n$/);
    expect((await run(['mktemp', '--suffix=.txt'])).stdout).toMatch(/^\/tmp\/tmp\.[A-Za-z0-9]{10}\.txt\n$/);
    expect((await run(['mktemp'], { env: { TMPDIR: '/var/tmp' } })).stdout).toMatch(/^\/var\/tmp\/tmp\./);
    expect((await run(['mktemp'], { flavor: 'busybox' })).stdout).toMatch(/^\/tmp\/tmp\.[A-Za-z0-9]{6}\n$/);
  });
  it('is deterministic for a seed', async () => {
    const a = createTestMachine({ seed: 7 });
    const b = createTestMachine({ seed: 7 });
    expect((await runCommand(a, ['mktemp'])).stdout).toBe((await runCommand(b, ['mktemp'])).stdout);
  });
  it('errors', async () => {
    expect(await run(['mktemp', 'foo'])).toMatchObject({ status: 1, stderr: 'mktemp: too few X\'s in template ‘foo’\n' });
    expect((await run(['mktemp', '/nope/XXX'])).stderr).toBe('mktemp: failed to create file via template ‘/nope/XXX’: No such file or directory\n');
  });
});
