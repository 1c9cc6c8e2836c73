/** rev: reverse the characters of each line. */

import { isFsError } from '../../engine/fs/Types';
import type { Program } from '../../engine/process/Types';
import { closeInput, linesOf, openInput } from './lib/input';
import { TextTool as Tool } from './lib/text-usage';

export const rev: Program = async (ctx) => {
  const tool = new Tool(ctx);
  const files = ctx.argv.length > 1 ? ctx.argv.slice(1) : ['-'];
  for (const f of files) {
    let s;
    try {
      s = openInput(ctx, f);
    } catch (e) {
      const t = isFsError(e) ? e.text : String(e);
      await tool.error(tool.gnu ? `cannot open ${f}: ${t}` : `${f}: ${t}`);
      continue;
    }
    try {
      for await (const { line, hadNewline } of linesOf(ctx, s)) await ctx.stdout.write([...line].reverse().join('') + (hadNewline ? '\n' : ''));
    } finally {
      closeInput(ctx, s);
    }
  }
  return tool.status;
};
