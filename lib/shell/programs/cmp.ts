/** cmp: compare two files byte by byte (`-` is stdin; -s silent, -l list differing bytes, -n LIMIT, -i SKIP). */

import type { Program } from '../process/Types';
import { readAll } from '../process/streams';
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
  const data: Uint8Array[] = [];
  for (const name of names) {
    try {
      data.push(await readAll(name === '-' ? ctx.stdin : ctx.sys.openRead(ctx.fs, t.abs(name), ctx.tty)));
    } catch (e) {
      if (!a.has('s') || gnu) await ctx.stderr.write(`${t.name}: ${name}: ${errorText(e)}\n`);
      return 2;
    }
  }
  const skip = Number(a.get('i') ?? ops[2] ?? 0);
  const [x, y] = [data[0]!.subarray(skip), data[1]!.subarray(Number(ops[3] ?? skip))];
  const limit = a.has('n') ? Number(a.get('n')) : Infinity;
  const n = Math.min(x.length, y.length, limit);
  let line = 1;
  let differ = false;
  for (let i = 0; i < n; i++) {
    if (x[i] !== y[i]) {
      differ = true;
      if (a.has('s')) return 1;
      if (a.has('l')) {
        await ctx.stdout.write(gnu ? `${String(i + 1).padStart(String(n).length)} ${x[i]!.toString(8).padStart(3)} ${y[i]!.toString(8).padStart(3)}\n` : `${i + 1} ${x[i]!.toString(8)} ${y[i]!.toString(8)}\n`);
        continue;
      }
      await ctx.stdout.write(`${names[0]} ${names[1]} differ: ${gnu ? 'byte' : 'char'} ${i + 1}, line ${line}\n`);
      return 1;
    }
    if (x[i] === 10) line++;
    if (i % 65536 === 65535) await ctx.checkpoint();
  }
  if (x.length !== y.length && n < limit) {
    const shorter = x.length < y.length ? 0 : 1;
    if (!a.has('s')) {
      if (!gnu) await ctx.stderr.write(`${t.name}: EOF on ${names[shorter]}\n`);
      else if (n === 0) await ctx.stderr.write(`${t.name}: EOF on ${names[shorter]} which is empty\n`);
      else if (a.has('l')) await ctx.stderr.write(`${t.name}: EOF on ${names[shorter]} after byte ${n}\n`);
      else {
        const lines = line - 1;
        const lastNl = (shorter === 0 ? x : y)[n - 1] === 10;
        await ctx.stderr.write(`${t.name}: EOF on ${names[shorter]} after byte ${n}, ${lastNl ? `line ${lines}` : `in line ${line}`}\n`);
      }
    }
    return 1;
  }
  return differ ? 1 : 0;
};
