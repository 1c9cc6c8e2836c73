/**
 * split (coreutils): cut input into pieces of -l lines (default 1000), -b bytes (K/M/G/KB/MB suffixes) or -n equal
 * chunks, named PREFIX (default `x`) plus alphabetic (-a length, default 2) or numeric (-d) suffixes, with
 * --additional-suffix and --verbose.
 */

import type { Program } from '../../engine/process/Types';
import { errorText, isReportable, Tool } from './lib/tool';
import { readInput } from './lib/input';

function size(spec: string): number | null {
  const m = /^(\d+)(?:([KMGT])(B|iB)?|(b))?$/.exec(spec);
  if (!m) return null;
  const n = Number(m[1]);
  if (m[4]) return n * 512;
  if (!m[2]) return n;
  const p = 'KMGT'.indexOf(m[2]) + 1;
  return n * (m[3] === 'B' ? 1000 : 1024) ** p;
}

function suffix(i: number, length: number, numeric: boolean): string | null {
  const base = numeric ? 10 : 26;
  if (i >= base ** length) return null;
  let s = '';
  for (let k = 0; k < length; k++) {
    const d = i % base;
    s = (numeric ? String(d) : String.fromCharCode(97 + d)) + s;
    i = Math.floor(i / base);
  }
  return s;
}

export const split: Program = async (ctx) => {
  const t = new Tool(ctx);
  const parsed = await t.parse({
    short: 'a:b:l:n:dxe',
    long: { 'suffix-length': { key: 'a', arg: 'required' }, bytes: { key: 'b', arg: 'required' }, lines: { key: 'l', arg: 'required' }, number: { key: 'n', arg: 'required' }, 'numeric-suffixes': { key: 'd', arg: 'optional' }, 'additional-suffix': { key: 'suffix', arg: 'required' }, verbose: { key: 'verbose' }, 'elide-empty-files': { key: 'e' } },
  });
  if (typeof parsed === 'number') return parsed;
  const ops = parsed.operands;
  if (ops.length > 2) return t.usage(`extra operand ${t.ql(ops[2]!)}`);
  const input = ops[0] ?? '-';
  const prefix = ops[1] ?? 'x';
  const suffixLength = Number(parsed.get('a') ?? 2);
  const numeric = parsed.has('d');
  let data: Uint8Array;
  try {
    data = await readInput(ctx, input);
  } catch (e) {
    if (!isReportable(e)) throw e;
    await t.error(`cannot open ${t.q(input)} for reading: ${errorText(e)}`);
    return 1;
  }
  const pieces: Uint8Array[] = [];
  const mode = parsed.last('l', 'b', 'n');
  if (mode === 'b') {
    const n = size(parsed.get('b')!);
    if (!n) {
      await t.error(`invalid number of bytes: ${t.ql(parsed.get('b')!)}`);
      return 1;
    }
    for (let i = 0; i < data.length; i += n) pieces.push(data.subarray(i, i + n));
  } else if (mode === 'n') {
    const n = Number(parsed.get('n'));
    if (!Number.isInteger(n) || n <= 0) {
      await t.error(`invalid number of chunks: ${t.ql(parsed.get('n')!)}`);
      return 1;
    }
    const each = Math.floor(data.length / n);
    for (let i = 0; i < n; i++) pieces.push(data.subarray(i * each, i === n - 1 ? data.length : (i + 1) * each));
  } else {
    const n = Number(parsed.get('l') ?? 1000);
    if (!Number.isInteger(n) || n <= 0) {
      await t.error(`invalid number of lines: ${t.ql(parsed.get('l')!)}${n === 0 ? ': Numerical result out of range' : ''}`);
      return 1;
    }
    let start = 0;
    let count = 0;
    for (let i = 0; i < data.length; i++) {
      if (data[i] === 10 && ++count === n) {
        pieces.push(data.subarray(start, i + 1));
        start = i + 1;
        count = 0;
      }
    }
    if (start < data.length) pieces.push(data.subarray(start));
  }
  const extra = parsed.get('suffix') ?? '';
  let index = 0;
  for (const piece of pieces) {
    if (parsed.has('e') && piece.length === 0) continue;
    const sfx = suffix(index++, suffixLength, numeric);
    if (sfx === null) {
      await t.error('output file suffixes exhausted');
      return 1;
    }
    const name = `${prefix}${sfx}${extra}`;
    if (parsed.has('verbose')) await t.out(`creating file ${t.q(name)}\n`);
    try {
      ctx.fs.writeFile(t.abs(name), piece, { mode: 0o666 & ~ctx.umask });
    } catch (e) {
      if (!isReportable(e)) throw e;
      await t.error(`${t.qf(name)}: ${errorText(e)}`);
      return 1;
    }
  }
  return 0;
};
