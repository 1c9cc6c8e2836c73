import { describe, expect, it } from 'vitest';
import { createTestMachine, runCommand } from '../testing/harness';
import { hasTool, runReal } from './testing/real-tools';

const tm = createTestMachine();
const run = (argv: string[], flavor?: 'busybox') => runCommand(tm, argv, { ...(flavor ? { flavor } : {}) });

describe('basename and dirname', () => {
  it('basename with suffix, -a, -s', async () => {
    expect((await run(['basename', '/a/b.txt', '.txt'])).stdout).toBe('b\n');
    expect((await run(['basename', '-a', 'a/b', 'c/d/'])).stdout).toBe('b\nd\n');
    expect((await run(['basename', '-s', '.c', 'x.c', 'y.c'])).stdout).toBe('x\ny\n');
    expect((await run(['basename', '/'])).stdout).toBe('/\n');
    expect((await run(['basename', '.txt', '.txt'])).stdout).toBe('.txt\n');
    expect(await run(['basename', 'a', 'b', 'c'])).toMatchObject({ status: 1, stderr: "basename: extra operand ‘c’\nTry 'basename --help' for more information.\n" });
    expect((await run(['basename'])).stderr).toBe("basename: missing operand\nTry 'basename --help' for more information.\n");
  });
  it('dirname', async () => {
    expect((await run(['dirname', 'a/b', 'c', '/x', '/', 'a/b/'])).stdout).toBe('a\n.\n/\n/\na\n');
    expect((await run(['dirname'])).status).toBe(1);
  });
  it('matches GNU', async () => {
    if (!hasTool('basename')) return;
    for (const argv of [['basename', 'a//b//'], ['basename', '//'], ['dirname', '//a//b//'], ['dirname', 'a'], ['basename', 'x.tar.gz', '.gz']]) {
      expect((await run(argv)).stdout).toBe(runReal(argv).stdout);
    }
  });
});
