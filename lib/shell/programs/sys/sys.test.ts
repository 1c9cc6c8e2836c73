/** getent, mount/umount/mountpoint/dmesg in a container, ldconfig, ischroot, setsid and flock: exact outputs. */
import { describe, expect, it } from 'vitest';
import { createTestMachine, runCommand } from '../../testing/harness';

const enc = (s: string) => new TextEncoder().encode(s);

function containerLike() {
  const tm = createTestMachine();
  tm.fs.writeFile('/.dockerenv', new Uint8Array(0));
  tm.fs.writeFile('/etc/hosts', enc('127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n172.17.0.2\tabc123\n'));
  tm.fs.writeFile('/etc/services', enc('ssh\t\t22/tcp\nhttp\t\t80/tcp\t\twww\t\t# WorldWideWeb HTTP\n'));
  return tm;
}

describe('getent', () => {
  it('looks up passwd, group, hosts and services in /etc, exit 2 for a missing key', async () => {
    const tm = containerLike();
    expect(await runCommand(tm, ['getent', 'passwd', 'root'])).toMatchObject({ stdout: 'root:x:0:0:root:/root:/bin/bash\n', status: 0 });
    expect(await runCommand(tm, ['getent', 'passwd', '0'])).toMatchObject({ stdout: 'root:x:0:0:root:/root:/bin/bash\n', status: 0 });
    expect(await runCommand(tm, ['getent', 'passwd', 'nosuch'])).toMatchObject({ stdout: '', status: 2 });
    expect(await runCommand(tm, ['getent', 'hosts', 'localhost'])).toMatchObject({ stdout: '127.0.0.1       localhost\n', status: 0 });
    expect(await runCommand(tm, ['getent', 'hosts', 'abc123'])).toMatchObject({ stdout: '172.17.0.2      abc123\n' });
    expect(await runCommand(tm, ['getent', 'services', 'http'])).toMatchObject({ stdout: 'http                  80/tcp www\n' });
    expect(await runCommand(tm, ['getent', 'services', '22/tcp'])).toMatchObject({ stdout: 'ssh                   22/tcp\n' });
    expect(await runCommand(tm, ['getent', 'foo'])).toMatchObject({ stderr: "Unknown database: foo\nTry `getent --help' or `getent --usage' for more information.\n", status: 1 });
    expect(await runCommand(tm, ['getent'])).toMatchObject({ stderr: "getent: wrong number of arguments\nTry `getent --help' or `getent --usage' for more information.\n", status: 1 });
  });
});

describe('mounts in a container', () => {
  it('lists Docker’s mounts and refuses to change them', async () => {
    const tm = containerLike();
    const m = await runCommand(tm, ['mount'], { user: 'root' });
    expect(m.stdout.split('\n')[0]).toBe('overlay on / type overlay (rw,relatime)');
    expect(m.stdout).toContain('shm on /dev/shm type tmpfs (rw,nosuid,nodev,noexec,relatime,size=65536k,inode64)\n');
    expect(await runCommand(tm, ['mount', '-t', 'tmpfs', 'tmpfs', '/mnt'], { user: 'root' })).toMatchObject({ status: 32, stderr: 'mount: /mnt: permission denied.\n       dmesg(1) may have more information after failed mount system call.\n' });
    expect(await runCommand(tm, ['mount', '-t', 'tmpfs', 'tmpfs', '/mnt'])).toMatchObject({ status: 32, stderr: 'mount: /mnt: must be superuser to use mount.\n' });
    expect(await runCommand(tm, ['umount', '/mnt'], { user: 'root' })).toMatchObject({ status: 32, stderr: 'umount: /mnt: not mounted.\n' });
    expect(await runCommand(tm, ['mountpoint', '/'])).toMatchObject({ status: 0, stdout: '/ is a mountpoint\n' });
    expect(await runCommand(tm, ['mountpoint', '/mnt'])).toMatchObject({ status: 32, stdout: '/mnt is not a mountpoint\n' });
    expect(await runCommand(tm, ['mountpoint', '-q', '/etc/hosts'])).toMatchObject({ status: 0, stdout: '' });
    expect(await runCommand(tm, ['mountpoint', '/nonexist'])).toMatchObject({ status: 1, stderr: 'mountpoint: /nonexist: No such file or directory\n' });
    expect((await runCommand(tm, ['findmnt'])).stdout).toBe(
      [
        'TARGET             SOURCE    FSTYPE  OPTIONS',
        '/                  overlay   overlay rw,relatime',
        '├─/proc            proc      proc    rw,nosuid,nodev,noexec,relatime',
        '├─/dev             tmpfs     tmpfs   rw,nosuid,size=65536k,mode=755,inode64',
        '│ ├─/dev/pts       devpts    devpts  rw,nosuid,noexec,relatime,gid=5,mode=620,ptmxmode=666',
        '│ ├─/dev/mqueue    mqueue    mqueue  rw,nosuid,nodev,noexec,relatime',
        '│ └─/dev/shm       shm       tmpfs   rw,nosuid,nodev,noexec,relatime,size=65536k,inode64',
        '├─/sys             sysfs     sysfs   ro,nosuid,nodev,noexec,relatime',
        '│ └─/sys/fs/cgroup cgroup    cgroup2 ro,nosuid,nodev,noexec,relatime',
        '├─/etc/resolv.conf /dev/vda1 ext4    rw,relatime',
        '├─/etc/hostname    /dev/vda1 ext4    rw,relatime',
        '└─/etc/hosts       /dev/vda1 ext4    rw,relatime',
        '',
      ].join('\n'),
    );
    expect(await runCommand(tm, ['findmnt', '/proc'])).toMatchObject({ status: 0, stdout: 'TARGET SOURCE FSTYPE OPTIONS\n/proc  proc   proc   rw,nosuid,nodev,noexec,relatime\n' });
    expect(await runCommand(tm, ['findmnt', '/nonexist'])).toMatchObject({ status: 1, stdout: '' });
    expect(await runCommand(tm, ['dmesg'], { user: 'root' })).toMatchObject({ status: 1, stderr: 'dmesg: read kernel buffer failed: Operation not permitted\n' });
    expect(await runCommand(tm, ['dmesg'], { flavor: 'busybox' })).toMatchObject({ status: 1, stderr: 'dmesg: klogctl: Operation not permitted\n' });
  });
});

describe('ldconfig, ischroot, setsid, flock', () => {
  it('behave as in a container', async () => {
    const tm = containerLike();
    expect(await runCommand(tm, ['ldconfig'], { user: 'root' })).toMatchObject({ status: 0, stdout: '', stderr: '' });
    expect(await runCommand(tm, ['ldconfig'])).toMatchObject({ status: 1, stderr: "ldconfig: Can't create temporary cache file /etc/ld.so.cache~: Permission denied\n" });
    expect((await runCommand(tm, ['ischroot'])).status).toBe(1);
    expect(await runCommand(tm, ['setsid', 'echo', 'hi'])).toMatchObject({ status: 0, stdout: 'hi\n' });
    expect(await runCommand(tm, ['setsid'])).toMatchObject({ status: 1, stderr: "setsid: no command specified\nTry 'setsid --help' for more information.\n" });
    expect(await runCommand(tm, ['setsid', 'nosuch'])).toMatchObject({ status: 127, stderr: 'setsid: failed to execute nosuch: No such file or directory\n' });
    expect(await runCommand(tm, ['flock', '/tmp/lock', 'sh', '-c', 'echo locked; exit 3'])).toMatchObject({ status: 3, stdout: 'locked\n' });
    expect(await runCommand(tm, ['flock', '-n', '/tmp/lock', '-c', 'flock -n /tmp/lock true; echo inner=$?'])).toMatchObject({ status: 0, stdout: 'inner=1\n' });
  });
});

describe('run-parts', () => {
  it('runs the executables in name order and reports failures', async () => {
    const tm = containerLike();
    tm.fs.mkdir('/etc/rp');
    const script = (name: string, body: string, mode = 0o755) => {
      tm.fs.writeFile(`/etc/rp/${name}`, enc(`#!/bin/sh\n${body}\n`));
      tm.fs.chmod(`/etc/rp/${name}`, mode);
    };
    script('10-one', 'echo one');
    script('20two', 'echo two; exit 3');
    script('x.sh', 'echo skipped');
    script('30noexec', 'echo never', 0o644);
    expect(await runCommand(tm, ['run-parts', '/etc/rp'])).toMatchObject({ status: 1, stdout: 'one\ntwo\n', stderr: 'run-parts: /etc/rp/20two exited with return code 3\n' });
    expect(await runCommand(tm, ['run-parts', '--test', '/etc/rp'])).toMatchObject({ status: 0, stdout: '/etc/rp/10-one\n/etc/rp/20two\n' });
    expect(await runCommand(tm, ['run-parts', '--list', '/etc/rp'])).toMatchObject({ stdout: '/etc/rp/10-one\n/etc/rp/20two\n/etc/rp/30noexec\n' });
    expect(await runCommand(tm, ['run-parts', '--report', '/etc/rp'])).toMatchObject({ stdout: '/etc/rp/10-one:\none\n/etc/rp/20two:\ntwo\n' });
    expect(await runCommand(tm, ['run-parts', '/nonexist'])).toMatchObject({ status: 1, stderr: 'run-parts: failed to open directory /nonexist: No such file or directory\n' });
    expect(await runCommand(tm, ['run-parts'])).toMatchObject({ status: 1, stderr: "run-parts: missing operand\nTry `run-parts --help' for more information.\n" });
  });
});

describe('sysctl', () => {
  it('reads keys and refuses writes as in a container', async () => {
    const tm = containerLike();
    expect(await runCommand(tm, ['sysctl', 'vm.swappiness', 'net/core/somaxconn'])).toMatchObject({ status: 0, stdout: 'vm.swappiness = 60\nnet.core.somaxconn = 4096\n' });
    expect(await runCommand(tm, ['sysctl', '-n', 'kernel.hostname'])).toMatchObject({ stdout: 'layerlab\n' });
    expect(await runCommand(tm, ['sysctl', 'foo.bar'])).toMatchObject({ status: 1, stderr: 'sysctl: cannot stat /proc/sys/foo/bar: No such file or directory\n' });
    expect(await runCommand(tm, ['sysctl', '-w', 'vm.swappiness=10'])).toMatchObject({ status: 1, stderr: 'sysctl: permission denied on key "vm.swappiness"\n' });
    expect(await runCommand(tm, ['sysctl', '-w', 'vm.swappiness=10'], { user: 'root' })).toMatchObject({ status: 1, stderr: 'sysctl: setting key "vm.swappiness": Read-only file system\n' });
    expect((await runCommand(tm, ['sysctl', '-a'])).stdout).toContain('kernel.ostype = Linux\n');
  });
});
