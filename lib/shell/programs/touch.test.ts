import { describe, expect, it } from 'vitest';
import { createTestMachine, runCommand, TEST_NOW } from '../testing/harness';
import { parseDate, parseTouchStamp } from './lib/date';

const tm = createTestMachine();
const run = (argv: string[], flavor?: 'busybox') => runCommand(tm, argv, { cwd: '/tmp', ...(flavor ? { flavor } : {}) });

describe('touch', () => {
  it('creates files and sets mtime from the machine clock', async () => {
    expect((await run(['touch', 'new'])).status).toBe(0);
    expect(tm.fs.stat('/tmp/new')).toMatchObject({ type: 'file', size: 0, mode: 0o644, mtimeMs: TEST_NOW });
  });
  it('-d and -t', async () => {
    await run(['touch', '-d', '2025-01-01 12:00', 'new']);
    expect(tm.fs.stat('/tmp/new').mtimeMs).toBe(Date.UTC(2025, 0, 1, 12));
    await run(['touch', '-t', '202401021530', 'new']);
    expect(tm.fs.stat('/tmp/new').mtimeMs).toBe(Date.UTC(2024, 0, 2, 15, 30));
    await run(['touch', '-d', '@0', 'new']);
    expect(tm.fs.stat('/tmp/new').mtimeMs).toBe(0);
  });
  it('-c does not create; errors', async () => {
    expect((await run(['touch', '-c', 'absent'])).status).toBe(0);
    expect(() => tm.fs.stat('/tmp/absent')).toThrow();
    expect((await run(['touch', 'no/such'])).stderr).toBe("touch: cannot touch 'no/such': No such file or directory\n");
    expect((await run(['touch', 'no/such'], 'busybox')).stderr).toBe('touch: no/such: No such file or directory\n');
    expect((await run(['touch', '-d', 'garbage', 'new'])).stderr).toBe('touch: invalid date format ‘garbage’\n');
  });
  it('parses date forms', () => {
    expect(parseDate('yesterday', TEST_NOW)).toBe(TEST_NOW - 86_400_000);
    expect(parseDate('2 days ago', TEST_NOW)).toBe(TEST_NOW - 2 * 86_400_000);
    expect(parseDate('2026-01-05T01:02:03Z', TEST_NOW)).toBe(Date.UTC(2026, 0, 5, 1, 2, 3));
    expect(parseDate('nonsense', TEST_NOW)).toBeNull();
    expect(parseTouchStamp('2401021530.07', TEST_NOW)).toBe(Date.UTC(2024, 0, 2, 15, 30, 7));
  });
});

describe('touch permissions', () => {
  it('a writable file that is not ours can be touched to now, not to a chosen time', async () => {
    const tm2 = createTestMachine();
    tm2.fs.writeFile('/tmp/shared', new Uint8Array([1]), { mode: 0o666 });
    tm2.fs.chmod('/tmp/shared', 0o666);
    tm2.fs.utimes('/tmp/shared', 0);
    expect((await runCommand(tm2, ['touch', '/tmp/shared'])).status).toBe(0);
    expect(tm2.fs.stat('/tmp/shared')).toMatchObject({ mtimeMs: TEST_NOW, size: 1 });
    expect((await runCommand(tm2, ['touch', '-d', '2020-01-01', '/tmp/shared'])).stderr).toBe("touch: setting times of '/tmp/shared': Operation not permitted\n");
    expect((await runCommand(tm2, ['touch', '/etc/passwd'])).stderr).toBe("touch: cannot touch '/etc/passwd': Permission denied\n");
  });
});
