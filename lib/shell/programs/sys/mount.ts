/**
 * mount, umount, mountpoint and dmesg as they behave in a Docker container (and for an unprivileged user on the
 * host): listing works, changing mounts or reading the kernel log is refused with util-linux's (or BusyBox's)
 * words. The mount table is Docker's usual one (overlay root, /proc, /dev tmpfs, devpts, /sys, cgroup2, mqueue,
 * /dev/shm and the three files bind-mounted from the host disk), or the host's own.
 */

import type { Program, ProcessContext } from '../../../engine/process/Types';
import { isContainer } from '../lib/machine';
import { Tool } from '../lib/tool';

export interface MountEntry {
  readonly source: string;
  readonly target: string;
  readonly type: string;
  readonly options: string;
}

export function mountTable(ctx: ProcessContext): MountEntry[] {
  if (isContainer(ctx)) {
    return [
      { source: 'overlay', target: '/', type: 'overlay', options: 'rw,relatime' },
      { source: 'proc', target: '/proc', type: 'proc', options: 'rw,nosuid,nodev,noexec,relatime' },
      { source: 'tmpfs', target: '/dev', type: 'tmpfs', options: 'rw,nosuid,size=65536k,mode=755,inode64' },
      { source: 'devpts', target: '/dev/pts', type: 'devpts', options: 'rw,nosuid,noexec,relatime,gid=5,mode=620,ptmxmode=666' },
      { source: 'sysfs', target: '/sys', type: 'sysfs', options: 'ro,nosuid,nodev,noexec,relatime' },
      { source: 'cgroup', target: '/sys/fs/cgroup', type: 'cgroup2', options: 'ro,nosuid,nodev,noexec,relatime' },
      { source: 'mqueue', target: '/dev/mqueue', type: 'mqueue', options: 'rw,nosuid,nodev,noexec,relatime' },
      { source: 'shm', target: '/dev/shm', type: 'tmpfs', options: 'rw,nosuid,nodev,noexec,relatime,size=65536k,inode64' },
      { source: '/dev/vda1', target: '/etc/resolv.conf', type: 'ext4', options: 'rw,relatime' },
      { source: '/dev/vda1', target: '/etc/hostname', type: 'ext4', options: 'rw,relatime' },
      { source: '/dev/vda1', target: '/etc/hosts', type: 'ext4', options: 'rw,relatime' },
    ];
  }
  return [
    { source: 'sysfs', target: '/sys', type: 'sysfs', options: 'rw,nosuid,nodev,noexec,relatime' },
    { source: 'proc', target: '/proc', type: 'proc', options: 'rw,nosuid,nodev,noexec,relatime' },
    { source: 'udev', target: '/dev', type: 'devtmpfs', options: 'rw,nosuid,relatime,size=4010720k,nr_inodes=1002680,mode=755,inode64' },
    { source: 'devpts', target: '/dev/pts', type: 'devpts', options: 'rw,nosuid,noexec,relatime,gid=5,mode=620,ptmxmode=000' },
    { source: 'tmpfs', target: '/run', type: 'tmpfs', options: 'rw,nosuid,nodev,noexec,relatime,size=804224k,mode=755,inode64' },
    { source: '/dev/vda1', target: '/', type: 'ext4', options: 'rw,relatime,discard,errors=remount-ro' },
    { source: 'tmpfs', target: '/dev/shm', type: 'tmpfs', options: 'rw,nosuid,nodev,inode64' },
    { source: 'tmpfs', target: '/run/lock', type: 'tmpfs', options: 'rw,nosuid,nodev,noexec,relatime,size=5120k,inode64' },
  ];
}

/** Privileged operations fail in a container even for root (no CAP_SYS_ADMIN), and for non-root everywhere. */
function privileged(ctx: ProcessContext): boolean {
  return ctx.cred.uid === 0 && !isContainer(ctx);
}

export const mount: Program = async (ctx) => {
  const t = new Tool(ctx);
  const parsed = await t.parse({ short: 'alo:t:rwvnfB', long: { all: { key: 'a' }, types: { key: 't', arg: 'required' }, options: { key: 'o', arg: 'required' }, bind: { key: 'B' }, 'read-only': { key: 'r' }, rw: { key: 'w' } } });
  if (typeof parsed === 'number') return parsed;
  const ops = parsed.operands;
  if (ops.length === 0 && !parsed.has('a')) {
    const types = parsed.get('t')?.split(',');
    const rows = mountTable(ctx).filter((m) => !types || types.includes(m.type));
    await t.out(rows.map((m) => `${m.source} on ${m.target} type ${m.type} (${m.options})\n`).join(''));
    return 0;
  }
  const target = ops[ops.length - 1] ?? '/';
  if (!t.gnu) {
    await t.error(privileged(ctx) ? `mounting ${ops[0]} on ${target} failed: Invalid argument` : 'permission denied (are you root?)');
    return 255;
  }
  if (ctx.cred.uid !== 0) await t.error(`${target}: must be superuser to use mount.`);
  else if (!privileged(ctx)) await t.error(`${target}: permission denied.\n       dmesg(1) may have more information after failed mount system call.`);
  else await t.error(`${target}: special device ${ops[0]} does not exist.`);
  return 32;
};

export const umount: Program = async (ctx) => {
  const t = new Tool(ctx);
  const parsed = await t.parse({ short: 'aflnrRt:v', long: { all: { key: 'a' }, force: { key: 'f' }, lazy: { key: 'l' } } });
  if (typeof parsed === 'number') return parsed;
  if (parsed.operands.length === 0) return t.usage(t.gnu ? 'bad usage' : undefined);
  for (const target of parsed.operands) {
    const mounted = mountTable(ctx).some((m) => m.target === target);
    if (!t.gnu) await t.error(`can't unmount ${target}: ${mounted ? 'Operation not permitted' : 'Invalid argument'}`);
    else if (ctx.cred.uid !== 0) await t.error(`${target}: must be superuser to unmount.`);
    else if (!mounted) await t.error(`${target}: not mounted.`);
    else await t.error(`${target}: must be superuser to unmount.`);
  }
  return t.gnu ? 32 : 1;
};

export const mountpoint: Program = async (ctx) => {
  const t = new Tool(ctx);
  const parsed = await t.parse({ short: 'qdx', long: { quiet: { key: 'q' }, 'fs-devno': { key: 'd' }, devno: { key: 'x' }, nofollow: { key: 'nofollow' } } });
  if (typeof parsed === 'number') return parsed;
  if (parsed.operands.length !== 1) return t.usage(t.gnu ? 'bad usage' : undefined);
  const name = parsed.operands[0]!;
  let path: string;
  try {
    path = ctx.fs.realpath(t.abs(name));
    ctx.fs.stat(path);
  } catch {
    if (!parsed.has('q')) await t.error(`${name}: No such file or directory`);
    return 1;
  }
  const entry = mountTable(ctx).find((m) => m.target === path);
  if (parsed.has('d')) {
    if (!entry) {
      if (!parsed.has('q')) await t.out(`${name} is not a mountpoint\n`);
      return 32;
    }
    await t.out(entry.source === 'overlay' ? '0:52\n' : entry.source === '/dev/vda1' ? '254:1\n' : '0:20\n');
    return 0;
  }
  if (!parsed.has('q')) await t.out(`${name} ${entry ? 'is' : 'is not'} a mountpoint\n`);
  return entry ? 0 : 32;
};

export const dmesg: Program = async (ctx) => {
  const t = new Tool(ctx);
  const parsed = await t.parse({ short: 'cCdeFHhkLlnrSstTuwx', long: { clear: { key: 'C' }, follow: { key: 'w' }, human: { key: 'H' }, level: { key: 'l', arg: 'required' } } });
  if (typeof parsed === 'number') return parsed;
  // kernel.dmesg_restrict=1 (Debian's default) and no CAP_SYSLOG in a container: the read is refused.
  if (t.gnu) await t.error('read kernel buffer failed: Operation not permitted');
  else await t.error('klogctl: Operation not permitted');
  return 1;
};
