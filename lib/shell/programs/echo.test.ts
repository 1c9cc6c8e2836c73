import { describe, expect, it } from 'vitest';
import { createTestMachine, runCommand } from '../testing/harness';
import { hasTool, runBusybox, runReal } from './testing/real-tools';

const tm = createTestMachine();
const echo = (args: string[], flavor?: 'busybox') => runCommand(tm, ['echo', ...args], flavor ? { flavor } : {});

describe('echo', () => {
  it('prints arguments separated by spaces', async () => {
    expect((await echo(['a', 'b  c'])).stdout).toBe('a b  c\n');
    expect((await echo([])).stdout).toBe('\n');
  });
  it('takes -n -e -E only as leading option words', async () => {
    expect((await echo(['-n', 'x'])).stdout).toBe('x');
    expect((await echo(['-ne', 'a\\tb'])).stdout).toBe('a\tb');
    expect((await echo(['-eE', 'a\\tb'])).stdout).toBe('a\\tb\n');
    expect((await echo(['--', '-n'])).stdout).toBe('-- -n\n');
    expect((await echo(['x', '-n'])).stdout).toBe('x -n\n');
    expect((await echo(['-nx'])).stdout).toBe('-nx\n');
  });
  it('interprets escapes with -e, \\c stops output, \\0NNN and \\xHH are bytes', async () => {
    expect((await echo(['-e', 'a\\cb', 'c'])).stdout).toBe('a');
    const r = await echo(['-e', '\\0101\\x41\\xff\\\\']);
    expect([...r.stdoutBytes]).toEqual([65, 65, 255, 92, 10]);
  });
  const cases = [['-e', 'a\\nb\\tc\\v\\f\\r'], ['-n', '-e', '\\0', '\\x4g'], ['-e', 'x\\'], ['-E', '-e', '\\\\n'], ['a', '-e'], ['-e', '\\q\\u00e9']];
  it.each(cases)('matches GNU echo and BusyBox echo: %j', async (...args) => {
    if (hasTool('/usr/bin/echo')) expect((await echo(args)).stdout).toBe(runReal(['/usr/bin/echo', ...args]).stdout);
    if (hasTool('busybox')) expect((await echo(args, 'busybox')).stdout).toBe(runBusybox(['echo', ...args]).stdout);
  });
});
