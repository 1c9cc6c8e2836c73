/**
 * comm (coreutils): compare two sorted files line by line, in three columns (only in 1, only in 2, in both).
 * -1/-2/-3 drop columns, --output-delimiter, --total, -z; unsorted input is reported once per file and makes the
 * exit status 1 unless --nocheck-order (the C.UTF-8 collation is code-point order).
 */

import type { Program, ProcessContext } from '../../engine/process/Types';
import { errorText, isReportable, Tool } from './lib/tool';
import { readInput } from './lib/input';

/** Whole input of an operand as lines (a missing final newline is supplied), or null after reporting. */
export async function readOperandLines(ctx: ProcessContext, t: Tool, name: string, sep = '\n'): Promise<string[] | null> {
  try {
    const data = await readInput(ctx, name);
    const text = new TextDecoder().decode(data);
    if (text === '') return [];
    const lines = text.split(sep);
    if (lines[lines.length - 1] === '') lines.pop();
    return lines;
  } catch (e) {
    if (!isReportable(e)) throw e;
    await t.error(`${t.qf(name)}: ${errorText(e)}`);
    return null;
  }
}

export const comm: Program = async (ctx) => {
  const t = new Tool(ctx);
  const parsed = await t.parse({
    short: '123z',
    long: { 'check-order': { key: 'check' }, 'nocheck-order': { key: 'nocheck' }, 'output-delimiter': { key: 'delim', arg: 'required' }, total: { key: 'total' }, 'zero-terminated': { key: 'z' } },
  });
  if (typeof parsed === 'number') return parsed;
  const ops = parsed.operands;
  if (ops.length === 0) return t.usage('missing operand');
  if (ops.length === 1) return t.usage(`missing operand after ${t.ql(ops[0]!)}`);
  if (ops.length > 2) return t.usage(`extra operand ${t.ql(ops[2]!)}`);
  const sep = parsed.has('z') ? '\0' : '\n';
  const a = await readOperandLines(ctx, t, ops[0]!, sep);
  const b = a === null ? null : await readOperandLines(ctx, t, ops[1]!, sep);
  if (a === null || b === null) return 1;
  const delim = parsed.get('delim') ?? '\t';
  const show = [!parsed.has('1'), !parsed.has('2'), !parsed.has('3')];
  const check = !parsed.has('nocheck');
  const disorder = [false, false];
  const counts = [0, 0, 0];
  let out = '';
  const emit = (col: number, line: string) => {
    counts[col]!++;
    if (!show[col]) return;
    let prefix = '';
    for (let c = 0; c < col; c++) if (show[c]) prefix += delim;
    out += `${prefix}${line}${sep}`;
  };
  const noteOrder = async (which: 0 | 1, lines: string[], i: number) => {
    if (!check || disorder[which] || i === 0) return;
    if (lines[i]! < lines[i - 1]!) {
      disorder[which] = true;
      await ctx.stdout.write(out);
      out = '';
      await t.error(`file ${which + 1} is not in sorted order`);
    }
  };
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    await ctx.checkpoint();
    if (j >= b.length || (i < a.length && a[i]! < b[j]!)) {
      await noteOrder(0, a, i);
      emit(0, a[i++]!);
    } else if (i >= a.length || b[j]! < a[i]!) {
      await noteOrder(1, b, j);
      emit(1, b[j++]!);
    } else {
      await noteOrder(0, a, i);
      await noteOrder(1, b, j);
      emit(2, a[i++]!);
      j++;
    }
  }
  if (parsed.has('total')) out += `${counts[0]}${delim}${counts[1]}${delim}${counts[2]}${delim}total${sep}`;
  await t.out(out);
  if (disorder[0] || disorder[1]) {
    await ctx.stderr.write(`${t.name}: input is not in sorted order\n`);
    return 1;
  }
  return 0;
};
