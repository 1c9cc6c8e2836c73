/** cmp: compare two files byte by byte (`-` is stdin; -s silent, -l list differing bytes, -n LIMIT, -i SKIP). */

import type { Program, ReadStream } from '../../engine/process/Types';
import { errorText, Tool } from './lib/tool';

export const cmp: Program = async (ctx) => {
  const t = new Tool(ctx, { gnuUsageStatus: 2 });
  const gnu = t.gnu;
  const parsed = await t.parse({
    short: gnu ? 'bln:si:' : 'ls n:',
    long: gnu ? { 'print-bytes': { key: 'b' }, verbose: { key: 'l' }, bytes: { key: 'n', arg: 'required' }, quiet: { key: 's' }, silent: { key: 's' }, 'ignore-initial': { key: 'i', arg: 'required' } } : {},
  });
  if (typeof parsed === 'number') return parsed;
  const a = parsed;
  const ops = a.operands;
  if (ops.length === 0) {
    if (gnu) {
      await ctx.stderr.write(`${t.name}: missing operand after '${t.name}'\n${t.name}: Try '${t.name} --help' for more information.\n`);
      return 2;
    }
    return t.usage();
  }
  if (ops.length > 2 && gnu && !/^\d+$/.test(ops[2]!)) {
    await ctx.stderr.write(`${t.name}: invalid --ignore-initial value '${ops[2]}'\n${t.name}: Try '${t.name} --help' for more information.\n`);
    return 2;
  }
  const names = [ops[0]!, ops[1] ?? '-'];
  const streams: ReadStream[] = [];
  for (const name of names) {
    try {
      streams.push(name === '-' ? ctx.stdin : ctx.sys.openRead(ctx.fs, t.abs(name), ctx.tty, ctx));
    } catch (e) {
      if (!a.has('s') || gnu) await ctx.stderr.write(`${t.name}: ${name}: ${errorText(e)}\n`);
      return 2;
    }
  }
  const skips = [Number(a.get('i') ?? ops[2] ?? 0), Number(ops[3] ?? a.get('i') ?? ops[2] ?? 0)];
  const limit = a.has('n') ? Number(a.get('n')) : Infinity;
  // Both inputs are read chunk by chunk, so `cmp /dev/zero file` stops at the first difference or EOF.
  const bufs: { data: Uint8Array; pos: number; eof: boolean; skip: number }[] = streams.map((_, i) => ({ data: new Uint8Array(0), pos: 0, eof: false, skip: skips[i]! }));
  const fill = async (i: number): Promise<boolean> => {
    const b = bufs[i]!;
    while (b.pos >= b.data.length && !b.eof) {
      const c = await streams[i]!.read();
      if (c === null) b.eof = true;
      else {
        const drop = Math.min(b.skip, c.length);
        b.skip -= drop;
        b.data = c.subarray(drop);
        b.pos = 0;
      }
    }
    return b.pos < b.data.length;
  };
  let line = 1;
  let differ = false;
  let n = 0;
  let lastByte = -1;
  let eofOn = -1;
  // GNU sizes the -l offset column for the largest offset it could print (the smaller file's size).
  let listWidth = 0;
  try {
    const sizes = names.map((nm) => (nm === '-' ? Infinity : ctx.fs.stat(t.abs(nm)).size));
    const m = Math.min(...sizes, limit);
    listWidth = Number.isFinite(m) ? String(m).length : 0;
  } catch {
    listWidth = 0;
  }
  while (n < limit) {
    const has0 = await fill(0);
    const has1 = await fill(1);
    if (!has0 || !has1) {
      if (has0 !== has1) eofOn = has0 ? 1 : 0;
      break;
    }
    const b0 = bufs[0]!;
    const b1 = bufs[1]!;
    const x = b0.data[b0.pos++]!;
    const y = b1.data[b1.pos++]!;
    n++;
    if (x !== y) {
      differ = true;
      if (a.has('s')) return 1;
      if (a.has('l')) {
        await ctx.stdout.write(gnu ? `${String(n).padStart(listWidth)} ${x.toString(8).padStart(3)} ${y.toString(8).padStart(3)}\n` : `${n} ${x.toString(8)} ${y.toString(8)}\n`);
      } else {
        await ctx.stdout.write(`${names[0]} ${names[1]} differ: ${gnu ? 'byte' : 'char'} ${n}, line ${line}\n`);
        return 1;
      }
    }
    if (x === 10) line++;
    lastByte = x;
    if (n % 65536 === 0) await ctx.checkpoint();
  }
  if (eofOn >= 0) {
    if (!a.has('s')) {
      if (!gnu) await ctx.stderr.write(`${t.name}: EOF on ${names[eofOn]}\n`);
      else if (n === 0) await ctx.stderr.write(`${t.name}: EOF on ${names[eofOn]} which is empty\n`);
      else if (a.has('l')) await ctx.stderr.write(`${t.name}: EOF on ${names[eofOn]} after byte ${n}\n`);
      else await ctx.stderr.write(`${t.name}: EOF on ${names[eofOn]} after byte ${n}, ${lastByte === 10 ? `line ${line - 1}` : `in line ${line}`}\n`);
    }
    return 1;
  }
  return differ ? 1 : 0;
};
