/**
 * join (coreutils): join lines of two sorted files on a common field. -1/-2/-j pick the fields, -t the separator
 * (default: runs of blanks in, one space out), -a/-v print unpairable lines, -e fills missing fields for -o,
 * -o lists the output fields (or `auto`), -i ignores case, --header pairs the first lines. Unsorted input is
 * reported as GNU does (once per file, exit 1) unless --nocheck-order.
 */

import type { Program } from '../../engine/process/Types';
import { readOperandLines } from './comm';
import { Tool } from './lib/tool';

export const join: Program = async (ctx) => {
  const t = new Tool(ctx);
  const parsed = await t.parse({
    short: 'a:e:i1:2:j:o:t:v:z',
    long: { 'ignore-case': { key: 'i' }, 'check-order': { key: 'check' }, 'nocheck-order': { key: 'nocheck' }, header: { key: 'header' }, 'zero-terminated': { key: 'z' } },
  });
  if (typeof parsed === 'number') return parsed;
  const ops = parsed.operands;
  if (ops.length === 0) return t.usage('missing operand');
  if (ops.length === 1) return t.usage(`missing operand after ${t.ql(ops[0]!)}`);
  if (ops.length > 2) return t.usage(`extra operand ${t.ql(ops[2]!)}`);
  const fieldNum = async (v: string | undefined, d: number): Promise<number | null> => {
    if (v === undefined) return d;
    if (!/^\d+$/.test(v) || Number(v) === 0) {
      await t.error(`invalid field number: ${t.ql(v)}`);
      return null;
    }
    return Number(v) - 1;
  };
  const j = parsed.get('j');
  const f1 = await fieldNum(parsed.get('1') ?? j, 0);
  if (f1 === null) return 1;
  const f2 = await fieldNum(parsed.get('2') ?? j, 0);
  if (f2 === null) return 1;
  const sepArg = parsed.get('t');
  const sep = sepArg === undefined ? null : sepArg;
  const outSep = sep ?? ' ';
  const split = (line: string) => (sep === null ? line.trim().split(/[ \t]+/).filter((x, i, a) => x !== '' || a.length === 1) : line.split(sep));
  const eol = parsed.has('z') ? '\0' : '\n';
  const a = await readOperandLines(ctx, t, ops[0]!, eol);
  const b = a === null ? null : await readOperandLines(ctx, t, ops[1]!, eol);
  if (a === null || b === null) return 1;
  const showUnpaired = new Set([...parsed.all('a'), ...parsed.all('v')].map(Number));
  const onlyUnpaired = parsed.has('v');
  const empty = parsed.get('e');
  const format = parsed.get('o');
  const ic = parsed.has('i');
  const key = (fields: string[], n: number) => (ic ? (fields[n] ?? '').toLowerCase() : (fields[n] ?? ''));
  const A = a.map(split);
  const B = b.map(split);
  let out = '';
  const autoWidths = [A[0]?.length ?? 0, B[0]?.length ?? 0];
  const render = (x: string[] | null, y: string[] | null): string => {
    const joinField = x ? x[f1] ?? '' : (y![f2] ?? '');
    if (format !== undefined) {
      const specs = format === 'auto' ? ['0', ...Array.from({ length: autoWidths[0]! }, (_, i) => `1.${i + 1}`).filter((_, i) => i !== f1), ...Array.from({ length: autoWidths[1]! }, (_, i) => `2.${i + 1}`).filter((_, i) => i !== f2)] : format.split(/[ ,]+/);
      return specs
        .map((s) => {
          if (s === '0') return joinField;
          const [file, field] = s.split('.').map(Number) as [number, number];
          const src = file === 1 ? x : y;
          return src?.[field - 1] ?? empty ?? '';
        })
        .join(outSep);
    }
    const rest1 = x ? x.filter((_, i) => i !== f1) : [];
    const rest2 = y ? y.filter((_, i) => i !== f2) : [];
    return [joinField, ...rest1, ...rest2].join(outSep);
  };
  let i = 0;
  let k = 0;
  const disorder = [false, false];
  // GNU checks the order as it reads each line, and by default only once an unpairable line has been seen.
  let seenUnpairable = false;
  const checkOrder = async (which: 0 | 1, rows: string[][], idx: number, n: number) => {
    if (parsed.has('nocheck') || (!parsed.has('check') && !seenUnpairable)) return;
    if (disorder[which] || idx === 0 || idx >= rows.length) return;
    if (key(rows[idx]!, n) < key(rows[idx - 1]!, n)) {
      disorder[which] = true;
      // With --check-order the first disorder ends the run; by default it is reported and joining goes on.
      if (!parsed.has('check')) {
        await ctx.stdout.write(out);
        out = '';
      }
      await t.error(`${ops[which]}:${idx + 1}: is not sorted: ${(which === 0 ? a : b)[idx]}`);
    }
  };
  const fatal = () => parsed.has('check') && (disorder[0] || disorder[1]);
  if (parsed.has('header') && A.length > 0 && B.length > 0) {
    out += render(A[0]!, B[0]!) + eol;
    i = k = 1;
  }
  while (i < A.length || k < B.length) {
    await ctx.checkpoint();
    const ka = i < A.length ? key(A[i]!, f1) : null;
    const kb = k < B.length ? key(B[k]!, f2) : null;
    if (kb === null || (ka !== null && ka < kb)) {
      if (showUnpaired.has(1)) out += render(A[i]!, null) + eol;
      i++;
      await checkOrder(0, A, i, f1);
      if (fatal()) return 1;
      seenUnpairable = true;
    } else if (ka === null || kb < ka) {
      if (showUnpaired.has(2)) out += render(null, B[k]!) + eol;
      k++;
      await checkOrder(1, B, k, f2);
      if (fatal()) return 1;
      seenUnpairable = true;
    } else {
      // Every line of file 1 with this key pairs with every line of file 2 with it.
      let i2 = i;
      while (i2 < A.length && key(A[i2]!, f1) === ka) i2++;
      let k2 = k;
      while (k2 < B.length && key(B[k2]!, f2) === kb) k2++;
      // Reading past each group checks the line that ended it, before the group is printed.
      await checkOrder(0, A, i2, f1);
      if (fatal()) return 1;
      await checkOrder(1, B, k2, f2);
      if (fatal()) return 1;
      if (!onlyUnpaired) for (let x = i; x < i2; x++) for (let y = k; y < k2; y++) out += render(A[x]!, B[y]!) + eol;
      i = i2;
      k = k2;
    }
  }
  await t.out(out);
  if (disorder[0] || disorder[1]) {
    await ctx.stderr.write(`${t.name}: input is not in sorted order\n`);
    return 1;
  }
  return 0;
};
