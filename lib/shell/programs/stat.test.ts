import { afterAll, describe, expect, it } from 'vitest';
import { createTestMachine, runCommand } from '../testing/harness';
import { layoutReal, layoutSim, SAMPLE_TREE } from './testing/file-fixtures';
import { hasTool, runReal } from './testing/real-tools';

const tm = createTestMachine();
layoutSim(tm.fs, '/tmp/s', SAMPLE_TREE, { uid: 1000, gid: 1000 });
const run = (argv: string[], flavor?: 'busybox') => runCommand(tm, argv, { cwd: '/tmp/s', ...(flavor ? { flavor } : {}) });

describe('stat', () => {
  it('GNU default format', async () => {
    const r = await run(['stat', 'a.txt']);
    const ino = tm.fs.stat('/tmp/s/a.txt').ino;
    expect(r.stdout).toBe(
      [
        '  File: a.txt',
        '  Size: 6         \tBlocks: 8          IO Block: 4096   regular file',
        `Device: 254,1\tInode: ${String(ino).padEnd(11)} Links: 1`,
        'Access: (0644/-rw-r--r--)  Uid: ( 1000/ learner)   Gid: ( 1000/ learner)',
        'Access: 2026-11-23 10:00:00.000000000 +0000',
        'Modify: 2026-11-23 10:00:00.000000000 +0000',
        'Change: 2026-11-23 10:00:00.000000000 +0000',
        ' Birth: -',
        '',
      ].join('\n'),
    );
  });
  it('BusyBox default format and symlinks', async () => {
    const r = await run(['stat', 'link'], 'busybox');
    expect(r.stdout.split('\n').slice(0, 3)).toEqual([
      "  File: 'link' -> 'a.txt'",
      '  Size: 5         \tBlocks: 0          IO Block: 4096   symbolic link',
      `Device: fe01h/65025d\tInode: ${String(tm.fs.lstat('/tmp/s/link').ino).padEnd(11)} Links: 1`,
    ]);
    expect(r.stdout).not.toContain('Birth');
  });
  it('-c formats', async () => {
    expect((await run(['stat', '-c', '%n %s %a %A %U %G %u %g %F', 'a.txt', 'sub', 'link'])).stdout).toBe(
      'a.txt 6 644 -rw-r--r-- learner learner 1000 1000 regular file\nsub 4096 755 drwxr-xr-x learner learner 1000 1000 directory\nlink 5 777 lrwxrwxrwx learner learner 1000 1000 symbolic link\n',
    );
    expect((await run(['stat', '-c', '%y|%Y|%N|%04a|%%', 'link'])).stdout).toBe("2026-11-23 10:00:00.000000000 +0000|1795428000|'link' -> 'a.txt'|0777|%\n");
    expect((await run(['stat', '-L', '-c', '%F', 'link'])).stdout).toBe('regular file\n');
    expect((await run(['stat', '--printf', '%s\\n', 'a.txt'])).stdout).toBe('6\n');
  });
  it('errors', async () => {
    expect(await run(['stat', 'nope'])).toMatchObject({ status: 1, stderr: "stat: cannot statx 'nope': No such file or directory\n" });
    expect((await run(['stat', 'nope'], 'busybox')).stderr).toBe("stat: can't stat 'nope': No such file or directory\n");
  });
});

describe('stat differential', () => {
  const real = layoutReal(SAMPLE_TREE);
  afterAll(real.cleanup);
  it('matches GNU stat -c for type, size, mode and names', async () => {
    if (!hasTool('stat')) return;
    const args = ['-c', '%n|%s|%a|%A|%F|%b|%B|%o|%N|%h', 'a.txt', 'big', 'sub', 'link', '.hidden', 'file_1'];
    const want = runReal(['stat', ...args], { cwd: real.dir });
    expect((await run(['stat', ...args])).stdout).toBe(want.stdout.replace(/\|(\d+)\|(\d+)\|4096\|/g, '|$1|$2|4096|'));
  });
});
