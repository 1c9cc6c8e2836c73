/** paste: merge corresponding lines of files with TAB (or -d list, cycled); -s pastes each file on one line. */

import { isFsError } from '../../engine/fs/Types';
import type { Program } from '../../engine/process/Types';
import { readAll } from '../../engine/process/streams';
import { argErrorText, parseArgs } from './lib/args';
import { closeInput, openInput } from './lib/input';
import { TextTool as Tool } from './lib/text-usage';

function delimiters(spec: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < spec.length; i++) {
    const c = spec[i]!;
    if (c === '\\' && i + 1 < spec.length) {
      const d = spec[++i]!;
      out.push(d === 'n' ? '\n' : d === 't' ? '\t' : d === '0' ? '' : d);
    } else out.push(c);
  }
  return out.length === 0 ? [''] : out;
}

export const paste: Program = async (ctx) => {
  const tool = new Tool(ctx);
  const r = parseArgs(ctx.argv.slice(1), { short: 'd:sz', long: { delimiters: { key: 'd', arg: 'required' }, serial: { key: 's' }, help: { key: '--help' } } });
  if (!r.ok) return tool.usage(argErrorText(r.error));
  const a = r.args;
  if (a.has('--help')) return tool.help();
  const delims = delimiters(a.get('d') ?? '\t');
  const files = a.operands.length === 0 ? ['-'] : [...a.operands];
  const contents: string[][] = [];
  // `paste - -` reads alternate lines of the same stdin: share one line queue for every `-`.
  let stdinLines: string[] | null = null;
  for (const f of files) {
    if (f === '-') {
      if (stdinLines === null) {
        const t = new TextDecoder().decode(await readAll(ctx.stdin));
        stdinLines = t === '' ? [] : t.replace(/\n$/, '').split('\n');
      }
      contents.push(stdinLines);
      continue;
    }
    try {
      const s = openInput(ctx, f);
      const t = new TextDecoder().decode(await readAll(s));
      closeInput(ctx, s);
      contents.push(t === '' ? [] : t.replace(/\n$/, '').split('\n'));
    } catch (e) {
      await tool.error(`${f}: ${isFsError(e) ? e.text : String(e)}`);
      return 1;
    }
  }
  if (a.has('s')) {
    const seen = new Set<string[]>();
    for (const lines of contents) {
      if (lines === stdinLines && seen.has(lines)) continue;
      seen.add(lines);
      let out = '';
      lines.forEach((l, i) => {
        if (i > 0) out += delims[(i - 1) % delims.length];
        out += l;
      });
      await ctx.stdout.write(out + '\n');
    }
    return 0;
  }
  const sharedStdin = files.filter((f) => f === '-').length;
  const cursors = contents.map(() => 0);
  let stdinCursor = 0;
  while (true) {
    await ctx.checkpoint();
    let any = false;
    let out = '';
    for (let k = 0; k < contents.length; k++) {
      let line: string | undefined;
      if (files[k] === '-' && sharedStdin > 1) line = stdinLines![stdinCursor++];
      else line = contents[k]![cursors[k]!++];
      if (line !== undefined) any = true;
      if (k > 0) out += delims[(k - 1) % delims.length];
      out += line ?? '';
    }
    if (!any) break;
    await ctx.stdout.write(out + '\n');
  }
  return 0;
};
