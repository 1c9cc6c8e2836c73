/**
 * tail: last lines (-n N) or bytes (-c N), or from line/byte N on (`+N`); -f follows a file as it grows (polling
 * once a second on the machine clock) until a signal ends it, reporting truncation like GNU tail.
 */

import { resolvePath } from '../../engine/fs/path';
import { isFsError } from '../../engine/fs/Types';
import type { Program, ProcessContext, ReadStream } from '../../engine/process/Types';
import { concatBytes } from '../../engine/process/text';
import { argErrorText, parseArgs } from './lib/args';
import { closeInput, openInput } from './lib/input';
import { parseSize } from './lib/sizes';
import { TextTool as Tool } from './lib/text-usage';

/** The output for one input, given all its bytes. */
function select(data: Uint8Array, lines: boolean, fromStart: boolean, n: number): Uint8Array {
  if (!lines) return fromStart ? data.subarray(Math.max(0, n - 1)) : data.subarray(Math.max(0, data.length - n));
  if (fromStart) {
    let line = 1;
    let i = 0;
    while (line < n && i < data.length) {
      const nl = data.indexOf(10, i);
      if (nl < 0) return data.subarray(data.length);
      i = nl + 1;
      line++;
    }
    return data.subarray(i);
  }
  if (n === 0) return data.subarray(data.length);
  let pos = data.length;
  if (pos > 0 && data[pos - 1] === 10) pos--;
  let count = 0;
  while (pos > 0) {
    const nl = data.lastIndexOf(10, pos - 1);
    count++;
    if (count === n) return data.subarray(nl + 1);
    if (nl < 0) break;
    pos = nl;
  }
  return data;
}

async function readAllChecked(ctx: ProcessContext, s: ReadStream): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for (let c = await s.read(); c !== null; c = await s.read()) {
    await ctx.checkpoint();
    chunks.push(c);
  }
  return concatBytes(chunks);
}

export const tail: Program = async (ctx) => {
  const tool = new Tool(ctx);
  const raw = ctx.argv.slice(1);
  // Legacy `-NUM`/`+NUM` mean `-n NUM`/`-n +NUM`, unless they are the value of -n/-c.
  const argv = raw.map((a, i) => (/^[-+][0-9]+$/.test(a) && !/^(-[nc]|--lines|--bytes)$/.test(raw[i - 1] ?? '') ? `-n${a.startsWith('+') ? a : a.slice(1)}` : a));
  const r = parseArgs(argv, {
    short: 'n:c:qvfFs:',
    long: { lines: { key: 'n', arg: 'required' }, bytes: { key: 'c', arg: 'required' }, quiet: { key: 'q' }, silent: { key: 'q' }, verbose: { key: 'v' }, follow: { key: 'f', arg: 'optional' }, 'sleep-interval': { key: 's', arg: 'required' }, help: { key: '--help' } },
  });
  if (!r.ok) return tool.usage(argErrorText(r.error));
  const a = r.args;
  if (a.has('--help')) return tool.help();
  const which = a.last('n', 'c') ?? 'n';
  const spec = a.get(which) ?? '10';
  const fromStart = spec.startsWith('+');
  const n = parseSize(spec.replace(/^[-+]/, ''));
  if (n === null) {
    await tool.error(which === 'n' ? `invalid number of lines: ${tool.ql(spec)}` : `invalid number of bytes: ${tool.ql(spec)}`);
    return 1;
  }
  const follow = a.has('f') || a.has('F');
  const interval = Number(a.get('s') ?? '1') * 1000;
  const files = a.operands.length === 0 ? ['-'] : [...a.operands];
  const headers = a.has('v') || (files.length > 1 && !a.has('q'));
  const followed: { name: string; path: string; size: number }[] = [];
  let lastShown: string | null = null;
  for (const f of files) {
    let s: ReadStream;
    try {
      s = openInput(ctx, f);
    } catch (e) {
      const text = isFsError(e) ? e.text : String(e);
      await tool.error(tool.gnu ? `cannot open '${f}' for reading: ${text}` : `can't open '${f}': ${text}`);
      if (follow && a.has('F')) followed.push({ name: f, path: resolvePath(ctx.cwd, f), size: 0 });
      continue;
    }
    if (headers) await ctx.stdout.write(`${lastShown === null ? '' : '\n'}==> ${f === '-' ? 'standard input' : f} <==\n`);
    lastShown = f;
    try {
      const data = await readAllChecked(ctx, s);
      await ctx.stdout.write(select(data, which === 'n', fromStart, n));
      if (follow && f !== '-') followed.push({ name: f, path: resolvePath(ctx.cwd, f), size: data.length });
    } finally {
      closeInput(ctx, s);
    }
  }
  if (!follow || followed.length === 0) return tool.status;
  // Follow: poll sizes; print what was appended; a shrunk file was truncated and is shown again from the start.
  while (true) {
    await ctx.sys.clock.sleep(interval, ctx.signals);
    for (const f of followed) {
      let size: number;
      try {
        size = ctx.fs.stat(f.path).size;
      } catch {
        continue;
      }
      if (size < f.size) {
        await ctx.stderr.write(`tail: ${f.name}: file truncated\n`);
        f.size = 0;
      }
      if (size > f.size) {
        const bytes = ctx.fs.readRange(f.path, f.size, size - f.size);
        if (headers && lastShown !== f.name) {
          await ctx.stdout.write(`\n==> ${f.name} <==\n`);
          lastShown = f.name;
        }
        await ctx.stdout.write(bytes);
        f.size = size;
      }
    }
  }
};
