/**
 * head: first lines (-n N) or bytes (-c N) of each input; `-n -N`/`-c -N` print all but the last N. Headers
 * `==> name <==` with several files (-q/-v). Reading stops as soon as enough has been printed.
 */

import type { Program, ProcessContext, ReadStream } from '../../engine/process/Types';
import { concatBytes } from '../../engine/process/text';
import { argErrorText, parseArgs } from './lib/args';
import { closeInput, openInput } from './lib/input';
import { parseSize } from './lib/sizes';
import { TextTool as Tool } from './lib/text-usage';

async function headLines(ctx: ProcessContext, s: ReadStream, n: number): Promise<void> {
  if (n <= 0) return;
  let left = n;
  for (let c = await s.read(); c !== null; c = await s.read()) {
    await ctx.checkpoint();
    let end = 0;
    while (end < c.length && left > 0) {
      const nl = c.indexOf(10, end);
      if (nl < 0) {
        end = c.length;
        break;
      }
      end = nl + 1;
      left--;
    }
    await ctx.stdout.write(c.subarray(0, end));
    if (left === 0) {
      // Like GNU head on a seekable input, leave the rest for the next reader (`{ head -n1; cat; } < file`).
      if (end < c.length) s.unread(c.subarray(end));
      return;
    }
  }
}

async function headBytes(ctx: ProcessContext, s: ReadStream, n: number): Promise<void> {
  let left = n;
  for (let c = left > 0 ? await s.read() : null; c !== null; c = await s.read()) {
    await ctx.checkpoint();
    const part = c.subarray(0, left);
    await ctx.stdout.write(part);
    left -= part.length;
    if (left <= 0) {
      if (part.length < c.length) s.unread(c.subarray(part.length));
      return;
    }
  }
}

/** Everything but the last `n` lines/bytes: needs the whole input. */
async function allBut(ctx: ProcessContext, s: ReadStream, n: number, lines: boolean): Promise<void> {
  const chunks: Uint8Array[] = [];
  for (let c = await s.read(); c !== null; c = await s.read()) {
    await ctx.checkpoint();
    chunks.push(c);
  }
  const data = concatBytes(chunks);
  if (!lines) {
    await ctx.stdout.write(data.subarray(0, Math.max(0, data.length - n)));
    return;
  }
  // Start offsets of every line; keep all but the last n lines.
  const starts = [0];
  for (let i = 0; i < data.length - 1; i++) if (data[i] === 10) starts.push(i + 1);
  const total = data.length === 0 ? 0 : starts.length;
  const keep = total - n;
  const end = keep <= 0 ? 0 : keep >= total ? data.length : starts[keep]!;
  await ctx.stdout.write(data.subarray(0, end));
}

export const head: Program = async (ctx) => {
  const tool = new Tool(ctx);
  const raw = ctx.argv.slice(1);
  // Legacy `-NUM` means `-n NUM`, unless it is the value of -n/-c.
  const argv = raw.map((a, i) => (/^-[0-9]+$/.test(a) && !/^(-[nc]|--lines|--bytes)$/.test(raw[i - 1] ?? '') ? `-n${a.slice(1)}` : a));
  const r = parseArgs(argv, { short: 'n:c:qv', long: { lines: { key: 'n', arg: 'required' }, bytes: { key: 'c', arg: 'required' }, quiet: { key: 'q' }, silent: { key: 'q' }, verbose: { key: 'v' }, help: { key: '--help' } } });
  if (!r.ok) return tool.usage(argErrorText(r.error));
  const a = r.args;
  if (a.has('--help')) return tool.help();
  const which = a.last('n', 'c') ?? 'n';
  const spec = a.get(which) ?? '10';
  const negative = spec.startsWith('-');
  const count = parseSize(spec.replace(/^[-+]/, ''));
  if (count === null) {
    await tool.error(which === 'n' ? `invalid number of lines: ${tool.ql(spec)}` : `invalid number of bytes: ${tool.ql(spec)}`);
    return 1;
  }
  const files = a.operands.length === 0 ? ['-'] : [...a.operands];
  const headers = a.has('v') || (files.length > 1 && !a.has('q'));
  let first = true;
  for (const f of files) {
    let s: ReadStream;
    try {
      s = openInput(ctx, f);
    } catch (e) {
      await tool.error(tool.gnu ? `cannot open '${f}' for reading: ${(e as { text?: string }).text ?? String(e)}` : `${f}: ${(e as { text?: string }).text ?? String(e)}`);
      continue;
    }
    if (headers) {
      await ctx.stdout.write(`${first ? '' : '\n'}==> ${f === '-' ? 'standard input' : f} <==\n`);
    }
    first = false;
    try {
      if (negative) await allBut(ctx, s, count, which === 'n');
      else if (which === 'n') await headLines(ctx, s, count);
      else await headBytes(ctx, s, count);
    } finally {
      closeInput(ctx, s);
    }
  }
  return tool.status;
};
