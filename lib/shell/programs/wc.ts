/**
 * wc: lines, words, characters (-m), bytes (-c), longest line (-L), with GNU's column width (digits of the total
 * size of regular files, at least 7 when a pipe or terminal is read) or BusyBox's fixed `%9u` columns.
 */

import { resolvePath } from '../../engine/fs/path';
import { isFsError } from '../../engine/fs/Types';
import type { Program, ReadStream } from '../../engine/process/Types';
import { argErrorText, parseArgs } from './lib/args';
import { closeInput, openInput } from './lib/input';
import { TextTool as Tool } from './lib/text-usage';

interface Counts {
  lines: number;
  words: number;
  chars: number;
  bytes: number;
  maxLine: number;
}

async function count(stream: ReadStream, checkpoint: () => Promise<void>): Promise<Counts> {
  const c: Counts = { lines: 0, words: 0, chars: 0, bytes: 0, maxLine: 0 };
  const decoder = new TextDecoder('utf-8');
  let inWord = false;
  let lineLen = 0;
  const scan = (text: string) => {
    for (const ch of text) {
      c.chars++;
      if (ch === '\n') {
        c.lines++;
        if (lineLen > c.maxLine) c.maxLine = lineLen;
        lineLen = 0;
      } else if (ch === '\t') lineLen += 8 - (lineLen % 8);
      else lineLen++;
      const space = ch === ' ' || ch === '\n' || ch === '\t' || ch === '\r' || ch === '\v' || ch === '\f';
      if (space) inWord = false;
      else if (!inWord) {
        inWord = true;
        c.words++;
      }
    }
  };
  for (let chunk = await stream.read(); chunk !== null; chunk = await stream.read()) {
    await checkpoint();
    c.bytes += chunk.length;
    scan(decoder.decode(chunk, { stream: true }));
  }
  scan(decoder.decode());
  if (lineLen > c.maxLine) c.maxLine = lineLen;
  return c;
}

export const wc: Program = async (ctx) => {
  const tool = new Tool(ctx);
  const r = parseArgs(ctx.argv.slice(1), { short: 'lwcmL', long: { lines: { key: 'l' }, words: { key: 'w' }, chars: { key: 'm' }, bytes: { key: 'c' }, 'max-line-length': { key: 'L' }, help: { key: '--help' } } });
  if (!r.ok) return tool.usage(argErrorText(r.error));
  const a = r.args;
  if (a.has('--help')) return tool.help();
  let want = (['l', 'w', 'm', 'c', 'L'] as const).filter((k) => a.has(k));
  if (want.length === 0) want = ['l', 'w', 'c'];
  const files = a.operands.length === 0 ? ['-'] : [...a.operands];

  // GNU's width: digits of the summed sizes of regular files; 7 at least when any input is not a regular file.
  let totalSize = 0;
  let minWidth = 1;
  for (const f of files) {
    if (f === '-') {
      if (!ctx.stdin.isTTY && files.length === 1 && want.length === 1) continue;
      minWidth = 7;
      continue;
    }
    try {
      const st = ctx.fs.stat(resolvePath(ctx.cwd, f));
      if (st.type === 'file') totalSize += st.size;
      else minWidth = 7;
    } catch {
      // Reported when opened.
    }
  }
  let width = Math.max(minWidth, String(totalSize).length);
  if (files.length === 1 && want.length === 1) width = 1;

  const pick = (c: Counts) => want.map((k) => (k === 'l' ? c.lines : k === 'w' ? c.words : k === 'm' ? c.chars : k === 'c' ? c.bytes : c.maxLine));
  const line = (nums: number[], name: string | null) => {
    if (!tool.gnu) return nums.map((n) => String(n).padStart(want.length === 1 && files.length === 1 ? 1 : 9)).join(' ') + (name === null ? '' : ` ${name}`) + '\n';
    return nums.map((n) => String(n).padStart(width)).join(' ') + (name === null ? '' : ` ${name}`) + '\n';
  };
  const total: Counts = { lines: 0, words: 0, chars: 0, bytes: 0, maxLine: 0 };
  for (const f of files) {
    let s: ReadStream;
    try {
      s = openInput(ctx, f);
    } catch (e) {
      await tool.error(`${f}: ${isFsError(e) ? e.text : String(e)}`);
      continue;
    }
    let c: Counts;
    try {
      c = await count(s, () => ctx.checkpoint());
    } finally {
      closeInput(ctx, s);
    }
    total.lines += c.lines;
    total.words += c.words;
    total.chars += c.chars;
    total.bytes += c.bytes;
    total.maxLine = Math.max(total.maxLine, c.maxLine);
    await ctx.stdout.write(line(pick(c), f === '-' && a.operands.length === 0 ? null : f));
  }
  if (files.length > 1) await ctx.stdout.write(line(pick(total), 'total'));
  return tool.status;
};
