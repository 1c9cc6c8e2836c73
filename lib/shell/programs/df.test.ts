import { describe, expect, it } from 'vitest';
import { createTestMachine, runCommand } from '../testing/harness';
import { DISK_SERVICE } from './df';

describe('df', () => {
  it('shows the host disk and tmpfs mounts in GNU columns', async () => {
    const tm = createTestMachine();
    const r = await runCommand(tm, ['df']);
    expect(r.stdout.split('\n').slice(0, 4)).toEqual([
      'Filesystem     1K-blocks    Used Available Use% Mounted on',
      'udev             4010720       0   4010720   0% /dev',
      'tmpfs             804224    1012    803212   1% /run',
      '/dev/vda1       30830568 4718212  24511628  17% /',
    ]);
    expect((await runCommand(tm, ['df', '-h', '/'])).stdout).toBe('Filesystem      Size  Used Avail Use% Mounted on\n/dev/vda1        30G  4.5G   24G  17% /\n');
    expect((await runCommand(tm, ['df', '-T', '/home/learner'])).stdout).toBe(
      'Filesystem     Type 1K-blocks    Used Available Use% Mounted on\n/dev/vda1      ext4  30830568 4718212  24511628  17% /\n',
    );
  });
  it('shows an overlay root inside a container, BusyBox columns', async () => {
    const tm = createTestMachine();
    tm.fs.writeFile('/.dockerenv', new Uint8Array());
    const r = await runCommand(tm, ['df', '/'], { flavor: 'busybox' });
    expect(r.stdout).toBe('Filesystem           1K-blocks      Used Available Use% Mounted on\noverlay               30830568   4718212  24511628  17% /\n');
    expect((await runCommand(tm, ['df', '-h', '/'], { flavor: 'busybox' })).stdout).toBe(
      'Filesystem                Size      Used Available Use% Mounted on\noverlay                  29.4G      4.5G     23.4G  17% /\n',
    );
  });
  it('uses the disk service when the machine provides one', async () => {
    const tm = createTestMachine();
    tm.machine.provide(DISK_SERVICE, { mounts: () => [{ source: 'overlay', type: 'overlay', total: 1000, used: 500, available: 500, target: '/' }] });
    expect((await runCommand(tm, ['df'])).stdout).toBe('Filesystem     1K-blocks  Used Available Use% Mounted on\noverlay             1000   500       500  50% /\n');
  });
});
