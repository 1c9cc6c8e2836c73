/**
 * dd: copy blocks (if= of= bs= ibs= obs= count= skip= seek= conv=notrunc,ucase,lcase,sync status=none|noxfer).
 * Input is processed in ibs-sized records as it streams in (so `dd if=/dev/zero bs=1M count=1` ends); the
 * record counts and GNU's transfer line go to stderr. The time is measured on the machine's clock, so with a
 * virtual clock GNU's own `0 s, Infinity B/s` wording appears.
 */

import { FsError, isFsError } from '../../engine/fs/Types';
import type { Program, ReadStream } from '../../engine/process/Types';
import { concatBytes } from '../../engine/process/text';
import { errorText, Tool } from './lib/tool';

const MULT: Record<string, number> = { c: 1, w: 2, b: 512, kB: 1000, K: 1024, k: 1024, KiB: 1024, MB: 1e6, M: 1024 ** 2, MiB: 1024 ** 2, GB: 1e9, G: 1024 ** 3, GiB: 1024 ** 3, '': 1 };

/** dd's numbers: `N[suffix]` possibly multiplied with `x` (`2x512`). */
export function parseDdNumber(text: string): number | null {
  let total = 1;
  for (const part of text.split('x')) {
    const m = /^(\d+)([a-zA-Z]*)$/.exec(part);
    if (!m || MULT[m[2]!] === undefined) return null;
    total *= Number(m[1]) * MULT[m[2]!]!;
  }
  return total;
}

function human(n: number, base: 1000 | 1024, unit: string): string {
  const units = base === 1000 ? ['', 'k', 'M', 'G', 'T', 'P'] : ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi'];
  let v = n;
  let u = 0;
  while (v >= base && u < units.length - 1) {
    v /= base;
    u++;
  }
  const text = v < 100 && u > 0 ? v.toFixed(1) : String(Math.round(v));
  return `${text} ${units[u]}${unit}`;
}

export const dd: Program = async (ctx) => {
  const t = new Tool(ctx);
  const gnu = t.gnu;
  const args = ctx.argv.slice(1);
  if (args[0] === '--help') return t.help();
  const ops = new Map<string, string>();
  for (const arg of args) {
    if (arg === '--') continue;
    const eq = arg.indexOf('=');
    const k = eq < 0 ? arg : arg.slice(0, eq);
    if (eq < 0 || !['if', 'of', 'bs', 'ibs', 'obs', 'count', 'skip', 'seek', 'conv', 'status', 'iflag', 'oflag', 'cbs'].includes(k)) {
      if (arg.startsWith('-') && gnu) return t.usage(`invalid option -- '${arg.slice(1, 2)}'`);
      if (gnu) return t.usage(`unrecognized operand ${t.ql(arg)}`);
      return t.usage();
    }
    ops.set(k, arg.slice(eq + 1));
  }
  const num = async (k: string, dflt: number): Promise<number | null> => {
    const v = ops.get(k);
    if (v === undefined) return dflt;
    const n = parseDdNumber(v);
    if (n === null || (n === 0 && ['bs', 'ibs', 'obs'].includes(k))) {
      await t.error(gnu ? `invalid number: ${t.ql(v)}` : `invalid number '${v}'`);
      return null;
    }
    return n;
  };
  const bs = await num('bs', 0);
  const ibsRaw = await num('ibs', 512);
  const obsRaw = await num('obs', 512);
  const count = await num('count', Infinity);
  const skip = await num('skip', 0);
  const seek = await num('seek', 0);
  if (bs === null || ibsRaw === null || obsRaw === null || count === null || skip === null || seek === null) return 1;
  const ibs = bs || ibsRaw;
  const obs = bs || obsRaw;
  const conv = new Set((ops.get('conv') ?? '').split(',').filter(Boolean));
  const statusLevel = ops.get('status') ?? 'default';
  const start = ctx.sys.clock.now();

  let input: ReadStream;
  const inName = ops.get('if');
  try {
    input = inName === undefined ? ctx.stdin : ctx.sys.openRead(ctx.fs, t.abs(inName), ctx.tty, ctx);
  } catch (e) {
    await t.error(gnu ? `failed to open ${t.q(inName!)}: ${errorText(e)}` : `can't open '${inName}': ${errorText(e)}`);
    return 1;
  }
  const outName = ops.get('of');
  const outPath = outName === undefined ? null : t.abs(outName);
  const outChunks: Uint8Array[] = [];
  if (outPath !== null) {
    try {
      const st = ctx.fs.stat(outPath);
      if (st.type === 'dir') throw new FsError('EISDIR', 'open', outPath);
      if (st.type === 'file') ctx.fs.access(outPath, 2);
    } catch (e) {
      if (!isFsError(e, 'ENOENT')) {
        await t.error(gnu ? `failed to open ${t.q(outName!)}: ${errorText(e)}` : `can't open '${outName}': ${errorText(e)}`);
        return 1;
      }
    }
  }

  let fullIn = 0;
  let partialIn = 0;
  let bytesOut = 0;
  let pending: Uint8Array[] = [];
  let pendingLen = 0;
  let toSkip = skip * ibs;
  let records = 0;

  const emit = async (block: Uint8Array) => {
    let b = block;
    if (conv.has('ucase')) b = b.map((c) => (c >= 97 && c <= 122 ? c - 32 : c));
    if (conv.has('lcase')) b = b.map((c) => (c >= 65 && c <= 90 ? c + 32 : c));
    if (conv.has('sync') && b.length < ibs) {
      const padded = new Uint8Array(ibs);
      padded.set(b);
      b = padded;
    }
    bytesOut += b.length;
    if (outPath === null) await ctx.stdout.write(b);
    else outChunks.push(b);
  };

  reading: for (let c = await input.read(); c !== null; c = await input.read()) {
    await ctx.checkpoint();
    let chunk = c;
    if (toSkip > 0) {
      const n = Math.min(toSkip, chunk.length);
      toSkip -= n;
      chunk = chunk.subarray(n);
    }
    if (chunk.length === 0) continue;
    pending.push(chunk);
    pendingLen += chunk.length;
    while (pendingLen >= ibs && records < count) {
      const all = concatBytes(pending);
      await emit(all.subarray(0, ibs));
      fullIn++;
      records++;
      pending = [all.subarray(ibs)];
      pendingLen = all.length - ibs;
    }
    if (records >= count) break reading;
  }
  if (pendingLen > 0 && records < count) {
    await emit(concatBytes(pending).subarray(0, Math.min(pendingLen, ibs)));
    partialIn++;
  }
  if (inName !== undefined) input.close();

  if (outPath !== null) {
    const data = concatBytes(outChunks);
    const offset = seek * obs;
    try {
      let existing: Uint8Array = new Uint8Array(0);
      try {
        existing = ctx.fs.readFile(outPath);
      } catch (e) {
        if (!isFsError(e, 'ENOENT')) throw e;
      }
      const keepTail = conv.has('notrunc');
      const size = keepTail ? Math.max(existing.length, offset + data.length) : offset + data.length;
      const out = new Uint8Array(size);
      out.set(existing.subarray(0, Math.min(existing.length, keepTail ? existing.length : offset)));
      out.set(data, offset);
      ctx.fs.writeFile(outPath, out, { mode: 0o666 & ~ctx.umask });
    } catch (e) {
      await t.error(gnu ? `failed to open ${t.q(outName!)}: ${errorText(e)}` : `can't open '${outName}': ${errorText(e)}`);
      return 1;
    }
  }

  if (statusLevel !== 'none') {
    const fullOut = Math.floor(bytesOut / obs);
    const partialOut = bytesOut % obs > 0 ? 1 : 0;
    let report = `${fullIn}+${partialIn} records in\n${fullOut}+${partialOut} records out\n`;
    if (gnu && statusLevel !== 'noxfer') {
      const elapsedMs = ctx.sys.clock.now() - start;
      const sizes = bytesOut >= 1000 ? ` (${human(bytesOut, 1000, 'B')}, ${human(bytesOut, 1024, 'B')})` : '';
      const s = elapsedMs / 1000;
      const time = elapsedMs > 0 ? `${Number(s.toPrecision(6))} s, ${human(bytesOut / s, 1000, 'B/s')}` : '0 s, Infinity B/s';
      report += `${bytesOut} byte${bytesOut === 1 ? '' : 's'}${sizes} copied, ${time}\n`;
    }
    await ctx.stderr.write(report);
  }
  return 0;
};
