import { describe, expect, it } from 'vitest';
import { createTestMachine, runCommand } from '../testing/harness';

const tm = createTestMachine();
const run = (argv: string[], flavor?: 'busybox') => runCommand(tm, argv, { cwd: '/tmp', ...(flavor ? { flavor } : {}) });
const size = (p: string) => tm.fs.stat(p).size;

describe('truncate and sync', () => {
  it('sets sizes absolutely and relatively, creating files', async () => {
    await run(['truncate', '-s', '10', 't']);
    expect(size('/tmp/t')).toBe(10);
    await run(['truncate', '-s', '+5', 't']);
    expect(size('/tmp/t')).toBe(15);
    await run(['truncate', '-s', '-3', 't']);
    expect(size('/tmp/t')).toBe(12);
    await run(['truncate', '-s', '1K', 't']);
    expect(size('/tmp/t')).toBe(1024);
    await run(['truncate', '-s', '%1000', 't']);
    expect(size('/tmp/t')).toBe(2000);
    await run(['truncate', '-c', '-s', '5', 'absent']);
    expect(() => tm.fs.stat('/tmp/absent')).toThrow();
    expect(Array.from(tm.fs.readRange('/tmp/t', 0, 3))).toEqual([0, 0, 0]);
  });
  it('errors', async () => {
    expect((await run(['truncate', '-s', 'x', 't'])).stderr).toBe('truncate: Invalid number: ‘x’\n');
    expect((await run(['truncate', 't'])).stderr).toBe("truncate: you must specify either ‘--size’ or ‘--reference’\nTry 'truncate --help' for more information.\n");
    expect((await run(['truncate', '-s', '1', 'no/x'])).stderr).toBe("truncate: cannot open 'no/x' for writing: No such file or directory\n");
  });
  it('sync succeeds', async () => {
    expect(await run(['sync'])).toMatchObject({ status: 0, stdout: '', stderr: '' });
  });
});
