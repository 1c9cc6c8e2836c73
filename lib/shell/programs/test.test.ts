import { describe, expect, it } from 'vitest';
import { createTestMachine, runCommand } from '../testing/harness';
import { makeTest } from './test';
import { hasTool, runBusybox, runReal } from './testing/real-tools';

const tm = createTestMachine();
tm.fs.writeFile('/tmp/f', new TextEncoder().encode('data'), { mode: 0o644 });
tm.fs.writeFile('/tmp/empty', new Uint8Array(0), { mode: 0o644 });
tm.fs.symlink('/tmp/f', '/tmp/link');
const t = (args: string[], opts: { flavor?: 'busybox'; env?: Record<string, string> } = {}) => runCommand(tm, ['test', ...args], opts);
const br = (args: string[], opts: { flavor?: 'busybox' } = {}) => runCommand(tm, ['[', ...args], opts);

describe('test / [', () => {
  it.each<[string[], number]>([
    [[], 1],
    [['x'], 0],
    [[''], 1],
    [['-n', ''], 1],
    [['-z', ''], 0],
    [['a', '=', 'a'], 0],
    [['a', '!=', 'a'], 1],
    [['!', 'a', '=', 'b'], 0],
    [['10', '-gt', '9'], 0],
    [['-5', '-lt', '3'], 0],
    [[' 7 ', '-eq', '7'], 0],
    [['-f', '/tmp/f'], 0],
    [['-d', '/tmp'], 0],
    [['-e', '/nope'], 1],
    [['-s', '/tmp/empty'], 1],
    [['-s', '/tmp/f'], 0],
    [['-L', '/tmp/link'], 0],
    [['-h', '/tmp/f'], 1],
    [['-c', '/dev/null'], 0],
    [['-k', '/tmp'], 0],
    [['-r', '/etc/passwd'], 0],
    [['-w', '/etc/passwd'], 1],
    [['-x', '/usr/bin/test'], 0],
    [['-f', '/tmp/f', '-a', '-d', '/tmp'], 0],
    [['-f', '/nope', '-o', '-d', '/tmp'], 0],
    [['(', 'a', '=', 'b', ')', '-o', 'x'], 0],
    [['!', '(', 'a', '=', 'a', ')'], 1],
    [['a', '<', 'b'], 0],
    [['/tmp/f', '-ef', '/tmp/link'], 0],
    [['-t', '1'], 1],
  ])('test %j → %i', async (args, status) => {
    expect((await t(args)).status).toBe(status);
  });

  it('[ needs a closing ]', async () => {
    expect((await br(['1', '=', '1', ']'])).status).toBe(0);
    const r = await br(['1', '=', '1']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('[: missing ‘]’\n');
    expect((await runCommand(tm, ['[', 'x'], { env: { LANG: '' } })).stderr).toBe("[: missing ']'\n");
    expect((await br(['1'], { flavor: 'busybox' })).stderr).toBe('[: missing ]\n');
  });

  it('reports integer errors with exit 2 in each dialect', async () => {
    const r = await t(['a', '-eq', '1']);
    expect(r).toMatchObject({ status: 2, stderr: 'test: invalid integer ‘a’\n' });
    expect((await t(['a', '-eq', '1'], { flavor: 'busybox' })).stderr).toBe('test: a: bad number\n');
  });

  it('speaks bash when the shell uses it as a builtin', async () => {
    const tm2 = createTestMachine({ extraPrograms: { bashtest: makeTest({ dialect: 'bash', errorPrefix: 'bash: line 1: ' }) } });
    const r = await runCommand(tm2, ['bashtest', 'a', '-eq', '1'], { flavor: 'gnu' });
    expect(r.stderr).toBe('bash: line 1: bashtest: a: integer expression expected\n');
    expect(r.status).toBe(2);
  });

  const diffCases = [['1', '2', '3'], ['-z', 'a', 'b'], ['a', '=', 'b', 'c', 'd', 'e'], ['1', '-a'], ['-n', 'a', '-a'], ['a', '-lt'], ['(', 'a'], ['!', '!', 'a'], ['-x', '-y'], ['x', '-a', '', '-o', 'y'], ['(', '', ')'], ['a', '-o', 'b', '-a', '']];
  it.each(diffCases)('matches coreutils test: %j', async (...args) => {
    if (!hasTool('/usr/bin/test')) return;
    const real = runReal(['/usr/bin/test', ...args]);
    const ours = await t(args);
    expect(ours.status).toBe(real.status);
    expect(ours.stderr).toBe(real.stderr.replace('/usr/bin/test', 'test'));
  });
  it.each(diffCases)('matches BusyBox test status: %j', async (...args) => {
    if (!hasTool('busybox')) return;
    expect((await t(args, { flavor: 'busybox' })).status).toBe(runBusybox(['test', ...args]).status);
  });
});
