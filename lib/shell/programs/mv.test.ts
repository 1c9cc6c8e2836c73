import { describe, expect, it } from 'vitest';
import { createTestMachine, runCommand } from '../testing/harness';
import { layoutSim, SAMPLE_TREE } from './testing/file-fixtures';

const tm = createTestMachine();
layoutSim(tm.fs, '/tmp/m', SAMPLE_TREE, { uid: 1000, gid: 1000 });
const run = (argv: string[], flavor?: 'busybox') => runCommand(tm, argv, { cwd: '/tmp/m', ...(flavor ? { flavor } : {}) });

describe('mv', () => {
  it('renames and moves into directories', async () => {
    expect((await run(['mv', 'a.txt', 'b.txt'])).status).toBe(0);
    expect(tm.fs.lstat('/tmp/m/b.txt').type).toBe('file');
    await run(['mv', 'b.txt', 'big', 'sub']);
    expect(tm.fs.readdir('/tmp/m/sub')).toEqual(['b.txt', 'big', 'deeper', 'inner.txt']);
  });
  it('-v', async () => {
    expect((await run(['mv', '-v', 'sub/b.txt', 'c.txt'])).stdout).toBe("renamed 'sub/b.txt' -> 'c.txt'\n");
    expect((await run(['mv', '-v', 'c.txt', 'd.txt'], 'busybox')).stdout).toBe("'c.txt' -> 'd.txt'\n");
  });
  it('errors', async () => {
    expect(await run(['mv', 'nope', 'x'])).toMatchObject({ status: 1, stderr: "mv: cannot stat 'nope': No such file or directory\n" });
    expect((await run(['mv', 'nope', 'x'], 'busybox')).stderr).toBe("mv: can't rename 'nope': No such file or directory\n");
    expect((await run(['mv', 'sub', 'sub/deeper'])).stderr).toBe("mv: cannot move 'sub' to a subdirectory of itself, 'sub/deeper/sub'\n");
    tm.fs.mkdir('/tmp/m/empty');
    expect((await run(['mv', 'd.txt', 'empty', '-T'])).stderr).toBe("mv: cannot overwrite directory 'empty' with non-directory\n");
    expect((await run(['mv', 'd.txt', '/etc/'])).stderr).toBe("mv: cannot move 'd.txt' to '/etc/d.txt': Permission denied\n");
  });
});
