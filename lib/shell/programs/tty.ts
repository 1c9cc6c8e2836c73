/** tty: the terminal on standard input, or `not a tty` (exit 1); -s only sets the status. */

import type { Program } from '../../engine/process/Types';
import { Tool } from './lib/tool';

/** The device name a terminal on stdin has: a container's console is /dev/pts/0, the learner's shell too. */
export function ttyName(isTTY: boolean): string | null {
  return isTTY ? '/dev/pts/0' : null;
}

export const tty: Program = async (ctx) => {
  const t = new Tool(ctx, { gnuUsageStatus: 2 });
  const parsed = await t.parse({ short: 's', long: { silent: { key: 's' }, quiet: { key: 's' } } });
  if (typeof parsed === 'number') return parsed === 1 && t.gnu ? 2 : parsed;
  if (parsed.operands.length > 0 && t.gnu) return t.usage(`extra operand ${t.ql(parsed.operands[0]!)}`);
  const name = ttyName(ctx.stdin.isTTY && ctx.tty !== null);
  if (!parsed.has('s')) await t.out(`${name ?? 'not a tty'}\n`);
  return name === null ? 1 : 0;
};
