/**
 * cat: concatenate files to stdout. Bytes pass through unchanged chunk by chunk unless a formatting option
 * (-n -b -s -v -E -T -A -e -t) asks for line processing, which still streams and works on raw bytes.
 */

import type { Program, ReadStream } from '../../engine/process/Types';
import { errorText, Tool } from './lib/tool';

interface CatFormat {
  number: 'none' | 'all' | 'nonblank';
  squeeze: boolean;
  ends: boolean;
  tabs: boolean;
  nonprinting: boolean;
}

export const cat: Program = async (ctx) => {
  const t = new Tool(ctx);
  const parsed = await t.parse({
    short: t.gnu ? 'nbsvETAetu' : 'nbsvETAetu',
    long: t.gnu
      ? {
          number: { key: 'n' },
          'number-nonblank': { key: 'b' },
          'squeeze-blank': { key: 's' },
          'show-nonprinting': { key: 'v' },
          'show-ends': { key: 'E' },
          'show-tabs': { key: 'T' },
          'show-all': { key: 'A' },
        }
      : {},
  });
  if (typeof parsed === 'number') return parsed;
  const a = parsed;
  const f: CatFormat = {
    number: a.has('b') ? 'nonblank' : a.has('n') ? 'all' : 'none',
    squeeze: a.has('s'),
    ends: a.has('E') || a.has('A') || a.has('e'),
    tabs: a.has('T') || a.has('A') || a.has('t'),
    nonprinting: a.has('v') || a.has('A') || a.has('e') || a.has('t'),
  };
  const plain = f.number === 'none' && !f.squeeze && !f.ends && !f.tabs && !f.nonprinting;
  const state = { line: 0, atLineStart: true, blankRun: 0 };

  const operands = a.operands.length > 0 ? a.operands : ['-'];
  for (const name of operands) {
    await ctx.checkpoint();
    let stream: ReadStream;
    if (name === '-') stream = ctx.stdin;
    else {
      try {
        stream = ctx.sys.openRead(ctx.fs, t.abs(name), ctx.tty, ctx);
      } catch (e) {
        if (t.gnu) await t.error(`${name}: ${errorText(e)}`);
        else if ((e as { code?: string }).code === 'EISDIR') await t.error(`read error: ${errorText(e)}`);
        else await t.error(`can't open '${name}': ${errorText(e)}`);
        continue;
      }
    }
    for (let chunk = await stream.read(); chunk !== null; chunk = await stream.read()) {
      await ctx.stdout.write(plain ? chunk : formatChunk(chunk, f, state));
      await ctx.checkpoint();
    }
    if (name !== '-') stream.close();
  }
  return t.status;
};

const encoder = new TextEncoder();

function formatChunk(chunk: Uint8Array, f: CatFormat, state: { line: number; atLineStart: boolean; blankRun: number }): Uint8Array {
  const out: number[] = [];
  const push = (s: string) => {
    for (const b of encoder.encode(s)) out.push(b);
  };
  for (let i = 0; i < chunk.length; i++) {
    const b = chunk[i]!;
    if (state.atLineStart) {
      if (b === 10) {
        state.blankRun++;
        if (f.squeeze && state.blankRun > 1) continue;
      } else state.blankRun = 0;
      if (f.number === 'all' || (f.number === 'nonblank' && b !== 10)) {
        state.line++;
        push(`${String(state.line).padStart(6)}\t`);
      }
      state.atLineStart = false;
    }
    if (b === 10) {
      if (f.ends) out.push(36);
      out.push(10);
      state.atLineStart = true;
      continue;
    }
    if (b === 9) {
      if (f.tabs) push('^I');
      else out.push(9);
      continue;
    }
    if (f.nonprinting) {
      let c = b;
      if (c >= 128) {
        push('M-');
        c -= 128;
      }
      if (c < 32) push(`^${String.fromCharCode(c + 64)}`);
      else if (c === 127) push('^?');
      else out.push(c);
      continue;
    }
    out.push(b);
  }
  return Uint8Array.from(out);
}
