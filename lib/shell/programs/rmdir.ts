/** rmdir: remove empty directories (-p also removes each parent named in the operand). */

import { dirname } from '../../engine/fs/path';
import { isFsError } from '../../engine/fs/Types';
import type { Program } from '../../engine/process/Types';
import { errorText, Tool } from './lib/tool';

export const rmdir: Program = async (ctx) => {
  const t = new Tool(ctx);
  const parsed = await t.parse({
    short: t.gnu ? 'pv' : 'pv',
    long: t.gnu
      ? { parents: { key: 'p' }, verbose: { key: 'v' }, 'ignore-fail-on-non-empty': { key: 'ignore' } }
      : { parents: { key: 'p' }, 'ignore-fail-on-non-empty': { key: 'ignore' } },
  });
  if (typeof parsed === 'number') return parsed;
  const a = parsed;
  if (a.operands.length === 0) return t.usage(t.gnu ? 'missing operand' : undefined);
  const ignoreNonEmpty = a.has('ignore');
  for (const operand of a.operands) {
    await ctx.checkpoint();
    let name = operand.replace(/(.)\/+$/, '$1');
    while (true) {
      if (a.has('v')) await ctx.stdout.write(t.gnu ? `${t.name}: removing directory, ${t.q(name)}\n` : `rmdir: removing directory, '${name}'\n`);
      try {
        ctx.fs.rmdir(t.abs(name));
      } catch (e) {
        if (!(ignoreNonEmpty && (isFsError(e, 'ENOTEMPTY') || isFsError(e, 'EEXIST')))) {
          if (t.gnu) await t.error(`failed to remove ${t.q(name)}: ${errorText(e)}`);
          else await t.error(`'${name}': ${errorText(e)}`);
        }
        break;
      }
      if (!a.has('p')) break;
      const parent = dirname(name);
      if (parent === name || parent === '.' || parent === '/') break;
      name = parent;
    }
  }
  return t.status;
};
