import { afterAll, describe, expect, it } from 'vitest';
import { createTestMachine, runCommand } from '../testing/harness';
import { layoutReal, layoutSim, SAMPLE_TREE } from './testing/file-fixtures';
import { hasTool, runBusybox, runReal } from './testing/real-tools';
import { LEARNER_CRED } from '../host/users';
import { DEFAULT_PATH } from '../../engine/process/Machine';
import { CollectingWriter } from '../../engine/process/streams';
import type { ReadStream } from '../../engine/process/Types';

const tm = createTestMachine();
layoutSim(tm.fs, '/tmp/f', SAMPLE_TREE, { uid: 1000, gid: 1000 });
const find = (args: string[], flavor?: 'busybox') => runCommand(tm, ['find', ...args], { cwd: '/tmp/f', ...(flavor ? { flavor } : {}) });

describe('find', () => {
  it('walks in directory order, starting with the start point', async () => {
    const r = await find(['sub']);
    expect(r.stdout).toBe('sub\nsub/deeper\nsub/deeper/z\nsub/inner.txt\n');
  });
  it('tests and operators', async () => {
    expect((await find(['.', '-name', '*.txt'])).stdout).toBe('./a.txt\n./sub/inner.txt\n');
    expect((await find(['.', '-iname', '*.TXT', '-type', 'f'])).stdout).toBe('./a.txt\n./sub/inner.txt\n');
    expect((await find(['.', '-type', 'd'])).stdout).toBe('.\n./sub\n./sub/deeper\n');
    expect((await find(['.', '-type', 'l'])).stdout).toBe('./link\n');
    expect((await find(['.', '-maxdepth', '1', '-type', 'f', '-name', 'file_*'])).stdout).toBe('./file_1\n./file_12longername\n./file_2\n./file_3longername\n');
    expect((await find(['.', '-mindepth', '2'])).stdout).toBe('./sub/deeper\n./sub/deeper/z\n./sub/inner.txt\n');
    expect((await find(['.', '(', '-name', 'a.txt', '-o', '-name', 'big', ')', '-print'])).stdout).toBe('./a.txt\n./big\n');
    expect((await find(['sub', '!', '-type', 'd'])).stdout).toBe('sub/deeper/z\nsub/inner.txt\n');
    expect((await find(['sub', '-not', '-name', 'deeper', '-path', '*deeper*'])).stdout).toBe('sub/deeper/z\n');
    expect((await find(['.', '-empty', '-type', 'f', '-name', 'z'])).stdout).toBe('./sub/deeper/z\n');
    expect((await find(['.', '-size', '+4k'])).stdout).toBe('./big\n');
    expect((await find(['.', '-perm', '755', '-type', 'f'])).stdout).toBe('./big\n');
    expect((await find(['.', '-perm', '-u+x', '-type', 'f'])).stdout).toBe('./big\n');
    expect((await find(['.', '-user', 'learner', '-name', 'big'])).stdout).toBe('./big\n');
    expect((await find(['.', '-user', 'root'])).stdout).toBe('');
  });
  it('-newer compares modification times', async () => {
    tm.clock.advance(60_000);
    tm.fs.writeFile('/tmp/f/sub/newer', new Uint8Array());
    expect((await find(['.', '-newer', 'a.txt'])).stdout).toBe('./sub\n./sub/newer\n');
    tm.fs.unlink('/tmp/f/sub/newer');
  });
  it('-print0, -printf, -prune, -quit', async () => {
    expect((await find(['sub', '-print0'])).stdout).toBe('sub\0sub/deeper\0sub/deeper/z\0sub/inner.txt\0');
    expect((await find(['sub', '-type', 'f', '-printf', '%f %s %d %P\\n'])).stdout).toBe('z 0 2 deeper/z\ninner.txt 6 1 inner.txt\n');
    expect((await find(['.', '-name', 'sub', '-prune', '-o', '-type', 'f', '-name', '*.txt', '-print'])).stdout).toBe('./a.txt\n');
    expect((await find(['.', '-type', 'f', '-print', '-quit'])).stdout).toBe('./.hidden\n');
  });
  it('-exec with ; and +', async () => {
    expect((await find(['sub', '-type', 'f', '-exec', 'echo', 'got', '{}', ';'])).stdout).toBe('got sub/deeper/z\ngot sub/inner.txt\n');
    expect((await find(['sub', '-type', 'f', '-exec', 'echo', '{}', '+'])).stdout).toBe('sub/deeper/z sub/inner.txt\n');
    expect((await find(['sub', '-name', 'inner.txt', '-exec', 'cat', '{}', ';'])).stdout).toBe('inner\n');
  });
  it('-delete removes depth first', async () => {
    layoutSim(tm.fs, '/tmp/del', [{ path: 'x', type: 'dir' }, { path: 'x/y', type: 'dir' }, { path: 'x/y/z.log', type: 'file' }, { path: 'keep', type: 'file' }], { uid: 1000, gid: 1000 });
    await runCommand(tm, ['find', '/tmp/del', '-name', '*.log', '-delete']);
    expect(tm.fs.readdir('/tmp/del/x/y')).toEqual([]);
    await runCommand(tm, ['find', '/tmp/del/x', '-delete']);
    expect(tm.fs.readdir('/tmp/del')).toEqual(['keep']);
  });
  it('errors', async () => {
    expect(await find(['nope'])).toMatchObject({ status: 1, stderr: 'find: ‘nope’: No such file or directory\n' });
    expect((await find(['nope'], 'busybox')).stderr).toBe('find: nope: No such file or directory\n');
    expect(await find(['.', '-bogus'])).toMatchObject({ status: 1, stderr: "find: unknown predicate `-bogus'\n" });
    expect((await find(['.', '-type', 'q'])).stderr).toBe('find: Unknown argument to -type: q\n');
    expect((await find(['.', '-name'])).stderr).toBe("find: missing argument to `-name'\n");
    const denied = await runCommand(tm, ['find', '/root']);
    expect(denied).toMatchObject({ status: 1, stdout: '/root\n', stderr: 'find: ‘/root’: Permission denied\n' });
  });
});

describe('find differential', () => {
  const real = layoutReal(SAMPLE_TREE);
  afterAll(real.cleanup);
  const cases = [
    ['sub', '-name', '*.txt'],
    ['.', '-maxdepth', '1', '-type', 'f', '-name', 'file*'],
    ['.', '-type', 'l'],
    ['.', '-size', '-1k', '-type', 'f', '-name', 'file*'],
    ['sub', '-empty'],
    ['nope'],
    ['.', '-bogus'],
    ['sub', '-type', 'f', '-printf', '%f|%s|%d|%P|%m\\n'],
  ];
  for (const args of cases) {
    it(`find ${args.join(' ')}`, async () => {
      if (!hasTool('find')) return;
      const want = runReal(['find', ...args], { cwd: real.dir });
      const got = await find(args);
      expect(got.stderr).toBe(want.stderr);
      expect(got.status).toBe(want.status);
      // Real readdir order is arbitrary; ours is sorted.
      expect(got.stdout.split('\n').sort()).toEqual(want.stdout.split('\n').sort());
    });
  }
  it('busybox find errors', async () => {
    if (!hasTool('busybox')) return;
    const want = runBusybox(['find', 'nope'], { cwd: real.dir });
    expect((await find(['nope'], 'busybox')).stderr).toBe(want.stderr);
  });
});

describe('find warnings', () => {
  it('warns about global options after tests only when stdin is a terminal', async () => {
    expect((await runCommand(tm, ['find', '.', '-name', 'x', '-maxdepth', '1'], { cwd: '/tmp/f' })).stderr).toBe('');
    const stderr = new CollectingWriter();
    const ttyIn: ReadStream = { isTTY: true, read: async () => null, unread: () => {}, close: () => {} };
    const r = tm.machine.spawn({ argv: ['find', '.', '-name', 'x', '-maxdepth', '1'], env: new Map([['PATH', DEFAULT_PATH]]), cwd: '/tmp/f', cred: LEARNER_CRED, umask: 0o022, stdin: ttyIn, stdout: new CollectingWriter(), stderr, tty: null, ppid: 1 });
    if (!r.ok) throw new Error('spawn');
    expect(await r.child.exited).toBe(0);
    expect(stderr.text()).toBe(
      'find: warning: you have specified the global option -maxdepth after the argument -name, but global options are not positional, i.e., -maxdepth affects tests specified before it as well as those specified after it.  Please specify global options before other arguments.\n',
    );
  });
});
