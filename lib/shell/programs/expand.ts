/**
 * expand and unexpand (coreutils): tabs to spaces and back. Tab stops are every 8 columns, every N (-t N) or a
 * list (-t 4,8,12). unexpand converts leading blanks only unless -a (or -t); its rules for a lone blank before a
 * stop follow coreutils' unexpand.c step by step, since those decide whether a space or a tab comes out.
 */

import type { Program, ProcessContext } from '../../engine/process/Types';
import { readOperandLines } from './comm';
import { Tool } from './lib/tool';

interface TabStops {
  /** Next stop after `column`, or null past the last stop of a list. */
  next(column: number): number | null;
}

function parseStops(spec: string | undefined): TabStops | string {
  if (spec === undefined) return { next: (c) => c - (c % 8) + 8 };
  const parts = spec.split(/[ ,]/).filter((p) => p !== '');
  const nums: number[] = [];
  for (const p of parts) {
    if (!/^\d+$/.test(p)) return `tab size contains invalid character(s): ${p.replace(/^\d+/, '')}`;
    const n = Number(p);
    if (n === 0) return 'tab size cannot be 0';
    if (nums.length > 0 && n <= nums[nums.length - 1]!) return 'tab sizes must be ascending';
    nums.push(n);
  }
  if (nums.length === 1) {
    const n = nums[0]!;
    return { next: (c) => c - (c % n) + n };
  }
  return { next: (c) => nums.find((s) => s > c) ?? null };
}

/** -t values and the obsolete `-4` / `-4,8` forms. */
function tabSpec(args: readonly string[]): { spec: string | undefined; rest: string[] } {
  const rest: string[] = [];
  const specs: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (/^-\d[\d,]*$/.test(a)) specs.push(a.slice(1));
    else rest.push(a);
  }
  return { spec: specs.length > 0 ? specs.join(',') : undefined, rest };
}

async function filter(ctx: ProcessContext, unexpandMode: boolean): Promise<number> {
  const t = new Tool(ctx);
  const pre = tabSpec(ctx.argv.slice(1));
  const parsed = await t.parse(
    unexpandMode ? { short: 'at:', long: { all: { key: 'a' }, 'first-only': { key: 'first' }, tabs: { key: 't', arg: 'required' } } } : { short: 'it:', long: { initial: { key: 'i' }, tabs: { key: 't', arg: 'required' } } },
    pre.rest,
  );
  if (typeof parsed === 'number') return parsed;
  const specs = [...(pre.spec !== undefined ? [pre.spec] : []), ...parsed.all('t')];
  const stops = parseStops(specs.length > 0 ? specs.join(',') : undefined);
  if (typeof stops === 'string') {
    await t.error(stops);
    return 1;
  }
  const all = unexpandMode && !parsed.has('first') && (parsed.has('a') || specs.length > 0);
  const operands = parsed.operands.length > 0 ? parsed.operands : ['-'];
  for (const name of operands) {
    const lines = await readOperandLines(ctx, t, name);
    if (lines === null) continue;
    let out = '';
    for (const line of lines) {
      await ctx.checkpoint();
      out += (unexpandMode ? unexpandLine(line, stops, all) : expandLine(line, stops, parsed.has('i'))) + '\n';
    }
    await t.out(out);
  }
  return t.status;
}

function expandLine(line: string, stops: TabStops, initialOnly: boolean): string {
  let out = '';
  let column = 0;
  let leading = true;
  for (const c of line) {
    if (c === '\t' && (!initialOnly || leading)) {
      // Past the last stop of a list, a tab is one space.
      const next = stops.next(column) ?? column + 1;
      out += ' '.repeat(next - column);
      column = next;
      continue;
    }
    if (c !== ' ' && c !== '\t') leading = false;
    if (c === '\b') column = Math.max(0, column - 1);
    else column++;
    out += c;
  }
  return out;
}

function unexpandLine(line: string, stops: TabStops, all: boolean): string {
  let out = '';
  let convert = true;
  let column = 0;
  let oneBlankBeforeStop = false;
  let prevBlank = true;
  let pending: string[] = [];
  const chars = [...line, null];
  for (let c of chars) {
    if (convert) {
      const blank = c === ' ' || c === '\t';
      let skip = false;
      if (blank) {
        const next = stops.next(column);
        if (next === null) convert = false;
        else if (c === '\t') {
          column = next;
          if (pending.length > 0) pending[0] = '\t';
          pending = oneBlankBeforeStop ? pending.slice(0, 1) : [];
        } else {
          column++;
          if (!(prevBlank && column === next)) {
            if (column === next) oneBlankBeforeStop = true;
            pending.push(c!);
            prevBlank = true;
            skip = true;
          } else {
            pending[0] = c = '\t';
            pending = oneBlankBeforeStop ? pending.slice(0, 1) : [];
          }
        }
      } else if (c === '\b') column = Math.max(0, column - 1);
      else column++;
      if (skip) continue;
      if (pending.length > 0) {
        if (pending.length > 1 && oneBlankBeforeStop) pending[0] = '\t';
        out += pending.join('');
        pending = [];
        oneBlankBeforeStop = false;
      }
      prevBlank = blank;
      convert = convert && (all || blank);
    }
    if (c !== null) out += c;
  }
  return out;
}

export const expand: Program = (ctx) => filter(ctx, false);
export const unexpand: Program = (ctx) => filter(ctx, true);
