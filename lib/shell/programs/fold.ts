/** fold: wrap lines at -w columns (80), counting tabs to the next multiple of 8 unless -b; -s breaks at blanks. */

import { isFsError } from '../../engine/fs/Types';
import type { Program } from '../../engine/process/Types';
import { argErrorText, parseArgs } from './lib/args';
import { closeInput, linesOf, openInput } from './lib/input';
import { TextTool as Tool } from './lib/text-usage';

export const fold: Program = async (ctx) => {
  const tool = new Tool(ctx);
  const argv = ctx.argv.slice(1).map((x) => (/^-[0-9]+$/.test(x) ? `-w${x.slice(1)}` : x));
  const r = parseArgs(argv, { short: 'bsw:', long: { bytes: { key: 'b' }, spaces: { key: 's' }, width: { key: 'w', arg: 'required' }, help: { key: '--help' } } });
  if (!r.ok) return tool.usage(argErrorText(r.error));
  const a = r.args;
  if (a.has('--help')) return tool.help();
  const width = Number(a.get('w') ?? 80);
  if (!Number.isInteger(width) || width < 1) {
    await tool.error(`invalid number of columns: ${tool.ql(a.get('w')!)}`);
    return 1;
  }
  const bytes = a.has('b');
  const spaces = a.has('s');
  const advance = (col: number, ch: string) => (bytes ? col + 1 : ch === '\t' ? col + 8 - (col % 8) : ch === '\b' ? Math.max(0, col - 1) : ch === '\r' ? 0 : col + 1);
  const foldLine = (line: string): string => {
    let out = '';
    let cur = '';
    let col = 0;
    for (const ch of line) {
      const next = advance(col, ch);
      if (next > width && cur !== '') {
        if (spaces) {
          const i = Math.max(cur.lastIndexOf(' '), cur.lastIndexOf('\t'));
          if (i >= 0) {
            out += cur.slice(0, i + 1) + '\n';
            cur = cur.slice(i + 1);
            col = 0;
            for (const c of cur) col = advance(col, c);
            cur += ch;
            col = advance(col, ch);
            continue;
          }
        }
        out += cur + '\n';
        cur = ch;
        col = advance(0, ch);
        continue;
      }
      cur += ch;
      col = next;
    }
    return out + cur;
  };
  const files = a.operands.length === 0 ? ['-'] : [...a.operands];
  for (const f of files) {
    let s;
    try {
      s = openInput(ctx, f);
    } catch (e) {
      await tool.error(`${f}: ${isFsError(e) ? e.text : String(e)}`);
      continue;
    }
    try {
      for await (const { line, hadNewline } of linesOf(ctx, s)) await ctx.stdout.write(foldLine(line) + (hadNewline ? '\n' : ''));
    } finally {
      closeInput(ctx, s);
    }
  }
  return tool.status;
};
