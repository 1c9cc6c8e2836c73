/** basename and dirname: strip directory or last component (basename: SUFFIX, -a, -s, -z; dirname: -z). */

import { basename as baseOf, dirname as dirOf } from '../../engine/fs/path';
import type { Program } from '../../engine/process/Types';
import { Tool } from './lib/tool';

function stripSuffix(name: string, suffix: string): string {
  return suffix !== '' && name !== suffix && name.endsWith(suffix) ? name.slice(0, -suffix.length) : name;
}

export const basename: Program = async (ctx) => {
  const t = new Tool(ctx);
  const parsed = await t.parse({
    short: t.gnu ? 'as:z' : 'as:z',
    long: t.gnu ? { multiple: { key: 'a' }, suffix: { key: 's', arg: 'required' }, zero: { key: 'z' } } : {},
  });
  if (typeof parsed === 'number') return parsed;
  const a = parsed;
  const ops = a.operands;
  if (ops.length === 0) return t.usage(t.gnu ? 'missing operand' : undefined);
  const eol = a.has('z') ? '\0' : '\n';
  const multiple = a.has('a') || a.has('s');
  let suffix = a.get('s') ?? '';
  let names = [...ops];
  if (!multiple) {
    if (ops.length > 2) return t.usage(t.gnu ? `extra operand ${t.ql(ops[2]!)}` : undefined);
    suffix = ops[1] ?? '';
    names = [ops[0]!];
  }
  for (const n of names) await ctx.stdout.write(stripSuffix(baseOf(n) || (n.startsWith('/') ? '/' : ''), suffix) + eol);
  return 0;
};

export const dirname: Program = async (ctx) => {
  const t = new Tool(ctx);
  const parsed = await t.parse({ short: 'z', long: t.gnu ? { zero: { key: 'z' } } : {} });
  if (typeof parsed === 'number') return parsed;
  const a = parsed;
  if (a.operands.length === 0) return t.usage(t.gnu ? 'missing operand' : undefined);
  if (!t.gnu && a.operands.length > 1) return t.usage();
  const eol = a.has('z') ? '\0' : '\n';
  for (const n of a.operands) await ctx.stdout.write(dirOf(n) + eol);
  return 0;
};
