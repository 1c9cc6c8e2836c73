/**
 * numfmt (coreutils): numbers to and from human units. --from=si|iec|iec-i|auto reads suffixed input,
 * --to=si|iec|iec-i writes it (rounding away from zero, one decimal below 10, as GNU's default), with --suffix,
 * --padding and a `%.Nf`-style --format. Operands, or the first field of each input line, are converted.
 */

import type { Program } from '../../engine/process/Types';
import { readOperandLines } from './comm';
import { Tool } from './lib/tool';

const UNITS = 'KMGTPEZY';
type Scale = 'none' | 'si' | 'iec' | 'iec-i' | 'auto';

export const numfmt: Program = async (ctx) => {
  const t = new Tool(ctx);
  const parsed = await t.parse({ short: 'd:z', long: { from: { key: 'from', arg: 'required' }, to: { key: 'to', arg: 'required' }, suffix: { key: 'suffix', arg: 'required' }, padding: { key: 'padding', arg: 'required' }, format: { key: 'format', arg: 'required' }, field: { key: 'field', arg: 'required' }, delimiter: { key: 'd', arg: 'required' }, header: { key: 'header', arg: 'optional' }, 'from-unit': { key: 'from-unit', arg: 'required' }, 'to-unit': { key: 'to-unit', arg: 'required' }, round: { key: 'round', arg: 'required' }, invalid: { key: 'invalid', arg: 'required' }, grouping: { key: 'grouping' } } });
  if (typeof parsed === 'number') return parsed;
  const scales = ['none', 'si', 'iec', 'iec-i', 'auto'];
  const from = (parsed.get('from') ?? 'none') as Scale;
  const to = (parsed.get('to') ?? 'none') as Scale;
  for (const [opt, v] of [['from', from], ['to', to]] as const) {
    if (!scales.includes(v) || (opt === 'to' && v === 'auto')) {
      await t.error(`invalid argument ${t.ql(v)} for ${t.ql(`--${opt}`)}`);
      const valid = (opt === 'from' ? ['none', 'auto', 'si', 'iec', 'iec-i'] : ['none', 'si', 'iec', 'iec-i']).map((x) => `  - ${t.ql(x)}\n`).join('');
      await ctx.stderr.write(`Valid arguments are:\n${valid}Try '${t.name} --help' for more information.\n`);
      return 1;
    }
  }
  const suffix = parsed.get('suffix') ?? '';
  const padding = Number(parsed.get('padding') ?? 0);
  const fm = /^%(-?)(\d*)(?:\.(\d+))?f$/.exec(parsed.get('format') ?? '%f');
  const precision = fm?.[3] !== undefined ? Number(fm[3]) : null;
  const width = Number(fm?.[2] || 0) * (fm?.[1] ? -1 : 1);

  const parse = (text: string): number | string => {
    const m = /^(-?\d+(?:\.\d+)?)([KMGTPEZY]?)(i?)$/.exec(text.replace(/^\+/, ''));
    if (!m) return /^-?[\d.]+[A-Za-z]+$/.test(text) ? `invalid suffix in input: ${t.ql(text)}` : `invalid number: ${t.ql(text)}`;
    const [, num, unit, i] = m as unknown as [string, string, string, string];
    if (unit === '') return Number(num);
    if (from === 'none') return `rejecting suffix in input: ${t.ql(text)} (consider using --from)`;
    if (i && from !== 'iec-i' && from !== 'auto') return `invalid suffix in input: ${t.ql(text)}`;
    const base = from === 'si' || (from === 'auto' && !i) ? 1000 : 1024;
    return Number(num) * base ** (UNITS.indexOf(unit) + 1);
  };
  const format = (v: number): string => {
    const sign = v < 0 ? '-' : '';
    let x = Math.abs(v);
    if (to === 'none') return `${sign}${Math.ceil(x)}`;
    const base = to === 'si' ? 1000 : 1024;
    let power = 0;
    while (x >= base && power < UNITS.length) {
      x /= base;
      power++;
    }
    if (power === 0) return `${sign}${precision !== null ? x.toFixed(precision) : Math.ceil(x)}`;
    let text: string;
    if (precision !== null) text = (Math.ceil(x * 10 ** precision) / 10 ** precision).toFixed(precision);
    else if (x < 10) {
      x = Math.ceil(x * 10 - 1e-9) / 10;
      text = x >= 10 ? '10' : x.toFixed(1);
    } else {
      x = Math.ceil(x - 1e-9);
      if (x >= base) {
        x = 1;
        power++;
        text = '1.0';
      } else text = String(x);
    }
    return `${sign}${text}${UNITS[power - 1]}${to === 'iec-i' ? 'i' : ''}`;
  };
  const convert = async (text: string): Promise<string | null> => {
    const v = parse(text);
    if (typeof v === 'string') {
      await t.error(v);
      return null;
    }
    let out = format(v) + suffix;
    const w = padding || width;
    if (w > 0) out = out.padStart(w);
    else if (w < 0) out = out.padEnd(-w);
    return out;
  };
  if (parsed.operands.length > 0) {
    for (const op of parsed.operands) {
      const r = await convert(op);
      if (r === null) return 2;
      await t.out(`${r}\n`);
    }
    return 0;
  }
  const lines = await readOperandLines(ctx, t, '-');
  if (lines === null) return 1;
  for (const line of lines) {
    const m = /^(\s*)(\S+)(.*)$/.exec(line);
    if (!m) {
      await t.out(`${line}\n`);
      continue;
    }
    const r = await convert(m[2]!);
    if (r === null) return 2;
    await t.out(`${m[1]}${r}${m[3]}\n`);
  }
  return 0;
};
