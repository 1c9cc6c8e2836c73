/**
 * shuf (coreutils): a random permutation of input lines, of -e arguments, or of the -i LO-HI range; -n limits the
 * count, -r repeats (with -n, or forever), -o writes to a file, -z uses NUL as the line end. The machine's random
 * source decides the order (seeded in tests).
 */

import { resolvePath } from '../../engine/fs/path';
import type { Program } from '../../engine/process/Types';
import { readOperandLines } from './comm';
import { errorText, isReportable, Tool } from './lib/tool';

export const shuf: Program = async (ctx) => {
  const t = new Tool(ctx);
  const parsed = await t.parse({
    short: 'ei:n:o:rz',
    long: { echo: { key: 'e' }, 'input-range': { key: 'i', arg: 'required' }, 'head-count': { key: 'n', arg: 'required' }, output: { key: 'o', arg: 'required' }, 'random-source': { key: 'random-source', arg: 'required' }, repeat: { key: 'r' }, 'zero-terminated': { key: 'z' } },
  });
  if (typeof parsed === 'number') return parsed;
  const sep = parsed.has('z') ? '\0' : '\n';
  let items: string[];
  const range = parsed.get('i');
  if (parsed.has('e') && range !== undefined) return t.usage('cannot combine -e and -i options');
  if (range !== undefined) {
    const m = /^(\d+)-(\d+)$/.exec(range);
    if (!m || Number(m[2]) + 1 < Number(m[1])) {
      await t.error(`invalid input range: ${t.ql(range)}`);
      return 1;
    }
    if (parsed.operands.length > 0) return t.usage(`extra operand ${t.ql(parsed.operands[0]!)}`);
    items = [];
    for (let v = Number(m[1]); v <= Number(m[2]); v++) items.push(String(v));
  } else if (parsed.has('e')) items = [...parsed.operands];
  else {
    if (parsed.operands.length > 1) return t.usage(`extra operand ${t.ql(parsed.operands[1]!)}`);
    const lines = await readOperandLines(ctx, t, parsed.operands[0] ?? '-', sep);
    if (lines === null) return 1;
    items = lines;
  }
  let count = Infinity;
  const n = parsed.get('n');
  if (n !== undefined) {
    if (!/^\d+$/.test(n)) {
      await t.error(`invalid line count: ${t.ql(n)}`);
      return 1;
    }
    count = Number(n);
  }
  let out = ctx.stdout;
  const o = parsed.get('o');
  if (o !== undefined) {
    try {
      out = ctx.sys.openWrite(ctx.fs, resolvePath(ctx.cwd, o), { append: false, umask: ctx.umask, tty: ctx.tty });
    } catch (e) {
      if (!isReportable(e)) throw e;
      await t.error(`${t.qf(o)}: ${errorText(e)}`);
      return 1;
    }
  }
  try {
    const rnd = ctx.sys.random;
    if (parsed.has('r')) {
      if (items.length === 0) {
        if (count > 0) {
          await t.error('no lines to repeat');
          return 1;
        }
        return 0;
      }
      for (let i = 0; i < count; i++) {
        await ctx.checkpoint();
        await out.write(items[rnd.int(items.length)]! + sep);
      }
      return 0;
    }
    for (let i = items.length - 1; i > 0; i--) {
      const j = rnd.int(i + 1);
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    const chosen = items.slice(0, Math.min(count, items.length));
    if (chosen.length > 0) await out.write(chosen.join(sep) + sep);
    return 0;
  } finally {
    if (out !== ctx.stdout) out.close();
  }
};
