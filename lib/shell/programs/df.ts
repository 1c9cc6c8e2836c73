/**
 * df: report filesystem space. The simulation has no block devices, so the numbers come from a `DiskService`
 * a machine may provide (the engine can report the real size of what is stored) and otherwise from the fixed,
 * plausible layout below: the host is a VM with a 30 GiB virtio disk (`/dev/vda1`, ext4) and 8 GiB of RAM for
 * its tmpfs mounts; a container sees Docker's usual mounts (an overlay root on that same disk, a 64 MiB /dev and
 * /dev/shm, and the host disk bind-mounted at /etc/resolv.conf, /etc/hostname and /etc/hosts).
 */

import { serviceKey, type ProcessContext, type Program } from '../../engine/process/Types';
import { humanSize } from './lib/format';
import { isContainer } from './lib/machine';
import { errorText, Tool } from './lib/tool';

export interface MountUsage {
  readonly source: string;
  readonly type: string;
  /** In 1 KiB blocks. */
  readonly total: number;
  readonly used: number;
  readonly available: number;
  readonly target: string;
}

export interface DiskService {
  mounts(): readonly MountUsage[];
}

/** Machines may provide this to make `df` report real numbers. */
export const DISK_SERVICE = serviceKey<DiskService>('disk');

const DISK_TOTAL = 30_830_568;
const DISK_USED = 4_718_212;
const DISK_AVAIL = 24_511_628;

function defaultMounts(ctx: ProcessContext): MountUsage[] {
  const disk = { total: DISK_TOTAL, used: DISK_USED, available: DISK_AVAIL };
  if (isContainer(ctx)) {
    return [
      { source: 'overlay', type: 'overlay', ...disk, target: '/' },
      { source: 'tmpfs', type: 'tmpfs', total: 65536, used: 0, available: 65536, target: '/dev' },
      { source: 'shm', type: 'tmpfs', total: 65536, used: 0, available: 65536, target: '/dev/shm' },
      { source: '/dev/vda1', type: 'ext4', ...disk, target: '/etc/hosts' },
    ];
  }
  return [
    { source: 'udev', type: 'devtmpfs', total: 4_010_720, used: 0, available: 4_010_720, target: '/dev' },
    { source: 'tmpfs', type: 'tmpfs', total: 804_224, used: 1_012, available: 803_212, target: '/run' },
    { source: '/dev/vda1', type: 'ext4', ...disk, target: '/' },
    { source: 'tmpfs', type: 'tmpfs', total: 4_021_104, used: 0, available: 4_021_104, target: '/dev/shm' },
    { source: 'tmpfs', type: 'tmpfs', total: 5_120, used: 0, available: 5_120, target: '/run/lock' },
    { source: 'tmpfs', type: 'tmpfs', total: 804_220, used: 0, available: 804_220, target: '/run/user/1000' },
  ];
}

function percent(m: MountUsage): string {
  const denom = m.used + m.available;
  if (denom === 0) return '-';
  return `${Math.ceil((m.used * 100) / denom)}%`;
}

export const df: Program = async (ctx) => {
  const t = new Tool(ctx);
  const parsed = await t.parse({
    short: t.gnu ? 'hHkTaPlt:x:m' : 'PkmhTaiB:t:',
    long: t.gnu
      ? {
          'human-readable': { key: 'h' },
          si: { key: 'H' },
          'print-type': { key: 'T' },
          all: { key: 'a' },
          portability: { key: 'P' },
          local: { key: 'l' },
          type: { key: 't', arg: 'required' },
          'exclude-type': { key: 'x', arg: 'required' },
          total: { key: 'total' },
        }
      : {},
  });
  if (typeof parsed === 'number') return parsed;
  const a = parsed;
  const human = a.has('h');
  const showType = a.has('T');
  const mb = a.has('m');
  let mounts = [...(ctx.sys.service(DISK_SERVICE)?.mounts() ?? defaultMounts(ctx))];
  if (a.has('t')) mounts = mounts.filter((m) => a.all('t').includes(m.type));
  if (a.has('x')) mounts = mounts.filter((m) => !a.all('x').includes(m.type));

  if (a.operands.length > 0) {
    const chosen: MountUsage[] = [];
    for (const name of a.operands) {
      let real: string;
      try {
        real = ctx.fs.realpath(t.abs(name));
      } catch (e) {
        await t.error(t.gnu ? `${name}: ${errorText(e)}` : `${name}: ${errorText(e)}`);
        continue;
      }
      let best: MountUsage | undefined;
      for (const m of mounts) {
        const under = m.target === '/' || real === m.target || real.startsWith(m.target + '/');
        if (under && (!best || m.target.length > best.target.length)) best = m;
      }
      if (best) chosen.push(best);
    }
    mounts = chosen;
    if (mounts.length === 0) return 1;
  }
  if (a.has('total')) {
    const sum = (k: 'total' | 'used' | 'available') => mounts.reduce((s, m) => s + m[k], 0);
    mounts.push({ source: 'total', type: '-', total: sum('total'), used: sum('used'), available: sum('available'), target: '-' });
  }

  const num = (kb: number) => (human ? humanSize(kb * 1024, t.gnu) : String(mb ? Math.ceil(kb / 1024) : kb));
  const sizeHeader = human ? 'Size' : mb ? '1M-blocks' : '1K-blocks';
  if (t.gnu) {
    const rows = mounts.map((m) => [m.source, m.type, num(m.total), num(m.used), num(m.available), percent(m), m.target]);
    const header = ['Filesystem', 'Type', sizeHeader, 'Used', human ? 'Avail' : 'Available', 'Use%', 'Mounted on'];
    const mins = [14, 4, 5, 5, 5, 4, 0];
    const cols = [0, 1, 2, 3, 4, 5, 6].filter((c) => c !== 1 || showType);
    const width = (c: number) => Math.max(mins[c]!, header[c]!.length, ...rows.map((r) => r[c]!.length));
    const line = (r: string[]) =>
      cols
        .map((c) => (c === 0 || c === 1 ? r[c]!.padEnd(width(c)) : c === 6 ? r[c]! : r[c]!.padStart(width(c))))
        .join(' ')
        .trimEnd();
    await ctx.stdout.write(line(header) + '\n');
    for (const r of rows) await ctx.stdout.write(line(r) + '\n');
    return t.status;
  }
  const sizeH = human ? 'Size' : mb ? '1M-blocks' : '1K-blocks';
  await ctx.stdout.write(`Filesystem           ${showType ? 'Type       ' : ''}${sizeH.padStart(9)}      Used Available Use% Mounted on\n`);
  for (const m of mounts) {
    let src = m.source.padEnd(20);
    if (m.source.length > 20) src = `${m.source}\n${' '.repeat(20)}`;
    const type = showType ? ` ${m.type.padEnd(10)}` : '';
    await ctx.stdout.write(`${src}${type} ${num(m.total).padStart(9)} ${num(m.used).padStart(9)} ${num(m.available).padStart(9)} ${percent(m).padStart(4)} ${m.target}\n`);
  }
  return t.status;
};
