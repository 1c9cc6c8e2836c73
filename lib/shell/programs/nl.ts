/** nl: number lines: -b a|t|n|pRE, -n ln|rn|rz, -w WIDTH, -s SEP, -v START, -i INCR (logical pages not modelled). */

import { isFsError } from '../../engine/fs/Types';
import type { Program } from '../../engine/process/Types';
import { argErrorText, parseArgs } from './lib/args';
import { closeInput, linesOf, openInput } from './lib/input';
import { PosixRegex } from './lib/posix-regex';
import { TextTool as Tool } from './lib/text-usage';

export const nl: Program = async (ctx) => {
  const tool = new Tool(ctx);
  const r = parseArgs(ctx.argv.slice(1), {
    short: 'b:n:w:s:v:i:',
    long: { 'body-numbering': { key: 'b', arg: 'required' }, 'number-format': { key: 'n', arg: 'required' }, 'number-width': { key: 'w', arg: 'required' }, 'number-separator': { key: 's', arg: 'required' }, 'starting-line-number': { key: 'v', arg: 'required' }, 'line-increment': { key: 'i', arg: 'required' }, help: { key: '--help' } },
  });
  if (!r.ok) return tool.usage(argErrorText(r.error));
  const a = r.args;
  if (a.has('--help')) return tool.help();
  const style = a.get('b') ?? 't';
  const format = a.get('n') ?? 'rn';
  const width = Number(a.get('w') ?? 6);
  const sep = a.get('s') ?? '\t';
  let n = Number(a.get('v') ?? 1);
  const incr = Number(a.get('i') ?? 1);
  if (!['ln', 'rn', 'rz'].includes(format)) {
    await tool.error(`invalid line numbering format: ${tool.ql(format)}`);
    return 1;
  }
  const re = style.startsWith('p') ? new PosixRegex(style.slice(1), { syntax: 'basic' }) : null;
  const numbered = (line: string) => (style === 'a' ? true : style === 'n' ? false : re ? re.test(line) : line !== '');
  const fmt = (k: number) => (format === 'ln' ? String(k).padEnd(width) : format === 'rz' ? String(k).padStart(width, '0') : String(k).padStart(width));
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
      for await (const { line } of linesOf(ctx, s)) {
        if (numbered(line)) {
          await ctx.stdout.write(fmt(n) + sep + line + '\n');
          n += incr;
        } else await ctx.stdout.write(' '.repeat(width + sep.length) + line + '\n');
      }
    } finally {
      closeInput(ctx, s);
    }
  }
  return tool.status;
};
