/**
 * free: memory of the simulated machine. The numbers are a documented model, not measurements: 4 GiB of RAM, no
 * swap, a fixed kernel/cache share, and about 4 MiB resident per running process (so starting containers and
 * background jobs moves `used`). Columns follow procps-ng (GNU) or BusyBox.
 */

import type { Program } from '../../engine/process/Types';
import { argErrorText, parseArgs } from './lib/args';
import { TextTool as Tool } from './lib/text-usage';

export const MEMORY_TOTAL_KIB = 4_028_036;
const BASE_USED_KIB = 312_480;
const PER_PROCESS_KIB = 4_096;
const SHARED_KIB = 1_204;
const BUFF_CACHE_KIB = 1_048_576;

/** The memory model in KiB for `processes` running processes (free, vmstat). */
export function memoryKib(processes: number): { total: number; used: number; free: number; buffCache: number; available: number } {
  const used = BASE_USED_KIB + PER_PROCESS_KIB * processes;
  const freeKib = MEMORY_TOTAL_KIB - used - BUFF_CACHE_KIB;
  return { total: MEMORY_TOTAL_KIB, used, free: freeKib, buffCache: BUFF_CACHE_KIB, available: freeKib + Math.floor(BUFF_CACHE_KIB * 0.8) };
}

function human(kib: number): string {
  if (kib === 0) return '0B';
  const units = ['Ki', 'Mi', 'Gi', 'Ti'];
  let v = kib;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return v < 10 ? `${(Math.round(v * 10) / 10).toFixed(1)}${units[u]}` : `${Math.round(v)}${units[u]}`;
}

export const free: Program = async (ctx) => {
  const tool = new Tool(ctx);
  const r = parseArgs(ctx.argv.slice(1), { short: 'bkmght', long: { bytes: { key: 'b' }, kibi: { key: 'k' }, mebi: { key: 'm' }, gibi: { key: 'g' }, human: { key: 'h' }, total: { key: 't' }, help: { key: '--help' } } });
  if (!r.ok) return tool.usage(argErrorText(r.error));
  const a = r.args;
  if (a.has('--help')) return tool.help();
  const used = BASE_USED_KIB + PER_PROCESS_KIB * ctx.sys.processes().length;
  const freeKib = MEMORY_TOTAL_KIB - used - BUFF_CACHE_KIB;
  const available = freeKib + Math.floor(BUFF_CACHE_KIB * 0.8);
  const unit = a.last('b', 'k', 'm', 'g', 'h') ?? 'k';
  const fmt = (kib: number) => (unit === 'h' ? human(kib) : unit === 'b' ? String(kib * 1024) : unit === 'm' ? String(Math.floor(kib / 1024)) : unit === 'g' ? String(Math.floor(kib / 1024 / 1024)) : String(kib));
  const mem = [MEMORY_TOTAL_KIB, used, freeKib, SHARED_KIB, BUFF_CACHE_KIB, available].map(fmt);
  const swap = [0, 0, 0].map(fmt);
  const first = tool.gnu ? 7 : 6;
  const row = (label: string, vals: string[]) => label.padEnd(first) + vals.map((v, i) => v.padStart(i === 0 ? 13 : 12)).join('') + '\n';
  let out = ' '.repeat(first + 8) + 'total' + ['used', 'free', 'shared', 'buff/cache', 'available'].map((h) => h.padStart(12)).join('') + '\n';
  out += row('Mem:', mem);
  out += row('Swap:', swap);
  if (a.has('t')) out += row('Total:', [MEMORY_TOTAL_KIB, used, freeKib].map(fmt));
  await ctx.stdout.write(out);
  return 0;
};
