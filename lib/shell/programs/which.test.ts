import { describe, expect, it } from 'vitest';
import { createTestMachine, runCommand } from '../testing/harness';

const tm = createTestMachine();
describe('which', () => {
  it('finds commands in PATH, -a for all, exit 1 when one is missing', async () => {
    expect(await runCommand(tm, ['which', 'ls'])).toMatchObject({ status: 0, stdout: '/usr/bin/ls\n' });
    expect((await runCommand(tm, ['which', '-a', 'ls'])).stdout).toBe('/usr/bin/ls\n/bin/ls\n');
    expect(await runCommand(tm, ['which', 'ls', 'nope'])).toMatchObject({ status: 1, stdout: '/usr/bin/ls\n', stderr: '' });
    expect((await runCommand(tm, ['which', 'nope'], { flavor: 'busybox' })).status).toBe(1);
  });
  it('skips files that are not executable', async () => {
    tm.fs.writeFile('/usr/local/bin/plain', new Uint8Array(), { mode: 0o644 });
    expect((await runCommand(tm, ['which', 'plain'])).status).toBe(1);
  });
});
