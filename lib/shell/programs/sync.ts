/** sync: flush filesystem buffers. The simulated filesystems write through, so there is nothing to wait for. */

import type { Program } from '../../engine/process/Types';
import { errorText, Tool } from './lib/tool';

export const sync: Program = async (ctx) => {
  const t = new Tool(ctx);
  const parsed = await t.parse({ short: t.gnu ? 'df' : 'df', long: t.gnu ? { data: { key: 'd' }, 'file-system': { key: 'f' } } : {} });
  if (typeof parsed === 'number') return parsed;
  for (const name of parsed.operands) {
    try {
      ctx.fs.stat(t.abs(name));
    } catch (e) {
      if (t.gnu) await t.error(`error opening ${t.q(name)}: ${errorText(e)}`);
      else await t.error(`can't open '${name}': ${errorText(e)}`);
    }
  }
  return t.status;
};
