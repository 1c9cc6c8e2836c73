/** arch (coreutils): the machine hardware name, the same as `uname -m`. */

import type { Program } from '../../engine/process/Types';
import { Tool } from './lib/tool';

export const arch: Program = async (ctx) => {
  const t = new Tool(ctx);
  const parsed = await t.parse({});
  if (typeof parsed === 'number') return parsed;
  if (parsed.operands.length > 0) return t.usage(`extra operand ${t.ql(parsed.operands[0]!)}`);
  await t.out(`${ctx.sys.uname.machine}\n`);
  return 0;
};
