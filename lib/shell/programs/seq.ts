/** seq: FIRST [INCREMENT] LAST with -s SEP, -w (equal width) and -f FORMAT; GNU's precision rules for decimals. */

import type { Program } from '../../engine/process/Types';
import { formatFloat, parseFormat } from './lib/cformat';
import { TextTool as Tool } from './lib/text-usage';

function decimals(s: string): number {
  if (/[eE]/.test(s)) return 0;
  const i = s.indexOf('.');
  return i < 0 ? 0 : s.length - i - 1;
}

export const seq: Program = async (ctx) => {
  const tool = new Tool(ctx);
  let sep = '\n';
  let fmt: string | null = null;
  let equal = false;
  const nums: string[] = [];
  const args = ctx.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const x = args[i]!;
    if (nums.length === 0 && /^-[a-zA-Z]/.test(x) && !/^-?[0-9.]/.test(x.slice(1))) {
      if (x === '-w' || x === '--equal-width') equal = true;
      else if (x === '-s' || x === '--separator') sep = args[++i] ?? '';
      else if (x.startsWith('-s')) sep = x.slice(2);
      else if (x === '-f' || x === '--format') fmt = args[++i] ?? '';
      else if (x.startsWith('-f')) fmt = x.slice(2);
      else if (x === '--help') return tool.help();
      else return tool.usage(`invalid option -- '${x[1]}'`);
      continue;
    }
    if (x === '--') continue;
    nums.push(x);
  }
  if (nums.length === 0) return tool.usage('missing operand');
  if (nums.length > 3) return tool.usage(`extra operand ${tool.ql(nums[3]!)}`);
  const values: number[] = [];
  for (const n of nums) {
    const v = /^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(n.trim()) ? Number(n) : /^[+-]?inf(inity)?$/i.test(n) ? (n.startsWith('-') ? -Infinity : Infinity) : NaN;
    if (Number.isNaN(v)) {
      if (!tool.gnu) {
        await tool.error(`invalid number '${n}'`);
        return 1;
      }
      return tool.usage(`invalid floating point argument: ${tool.ql(n)}`);
    }
    values.push(v);
  }
  const first = nums.length > 1 ? values[0]! : 1;
  const incr = nums.length === 3 ? values[1]! : 1;
  const last = values[values.length - 1]!;
  if (incr === 0) return tool.usage(`invalid Zero increment value: ${tool.ql(nums[1]!)}`);
  const prec = Math.max(nums.length > 1 ? decimals(nums[0]!) : 0, nums.length === 3 ? decimals(nums[1]!) : 0);
  let format: (v: number) => string;
  if (fmt !== null) {
    const tokens = parseFormat(fmt, 'eEfFgGaA');
    const specs = tokens.filter((t) => t.kind === 'spec');
    if (specs.length !== 1 || tokens.some((t) => t.kind === 'bad')) {
      await tool.error(specs.length === 0 ? `format ${tool.ql(fmt)} has no % directive` : `format ${tool.ql(fmt)} has too many % directives`);
      return 1;
    }
    format = (v) =>
      tokens
        .map((t) => (t.kind === 'text' ? t.text : t.kind === 'spec' ? formatFloat({ flags: t.flags, width: typeof t.width === 'number' ? t.width : null, precision: typeof t.precision === 'number' ? t.precision : null, conv: t.conv }, v) : ''))
        .join('');
  } else format = (v) => formatFloat({ flags: '', width: null, precision: prec, conv: 'f' }, v);
  let width = 0;
  if (equal && fmt === null) {
    const lastTaken = first + Math.floor((last - first) / incr + 1e-10) * incr;
    width = Math.max(format(first).length, format(lastTaken).length);
  }
  const batch: string[] = [];
  let started = false;
  for (let i = 0; ; i++) {
    const v = first + i * incr;
    if (incr > 0 ? v > last + 1e-12 * Math.abs(last) : v < last - 1e-12 * Math.abs(last)) break;
    let s = format(v);
    if (width > 0) s = s.startsWith('-') ? '-' + s.slice(1).padStart(width - 1, '0') : s.padStart(width, '0');
    batch.push(s);
    if (batch.length >= 1024) {
      await ctx.stdout.write((started ? sep : '') + batch.join(sep));
      started = true;
      batch.length = 0;
      await ctx.checkpoint();
    }
  }
  if (batch.length > 0) await ctx.stdout.write((started ? sep : '') + batch.join(sep));
  if (started || batch.length > 0) await ctx.stdout.write('\n');
  return 0;
};
