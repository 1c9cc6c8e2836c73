/** tac: files (or stdin) with their lines in reverse order. */

import { isFsError } from '../../engine/fs/Types';
import type { Program } from '../../engine/process/Types';
import { readAll } from '../../engine/process/streams';
import { closeInput, openInput } from './lib/input';
import { TextTool as Tool } from './lib/text-usage';

export const tac: Program = async (ctx) => {
  const tool = new Tool(ctx);
  const files = ctx.argv.length > 1 ? ctx.argv.slice(1) : ['-'];
  for (const f of files) {
    let text: string;
    try {
      const s = openInput(ctx, f);
      text = new TextDecoder().decode(await readAll(s));
      closeInput(ctx, s);
    } catch (e) {
      if (!isFsError(e)) throw e;
      const t = e.text;
      await tool.error(tool.gnu ? `failed to open '${f}' for reading: ${t}` : `${f}: ${t}`);
      continue;
    }
    // Each record keeps its newline; a last line without one is printed first, glued to the next.
    const parts = text.split(/(?<=\n)/);
    for (let i = parts.length - 1; i >= 0; i -= 256) {
      await ctx.checkpoint();
      await ctx.stdout.write(parts.slice(Math.max(0, i - 255), i + 1).reverse().join(''));
    }
  }
  return tool.status;
};
