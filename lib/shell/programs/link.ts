/** link and unlink (coreutils): the bare link(2)/unlink(2) calls, exactly two / one operand. */

import { FsError } from '../../engine/fs/Types';
import type { Program } from '../../engine/process/Types';
import { errorText, isReportable, Tool } from './lib/tool';

export const link: Program = async (ctx) => {
  const t = new Tool(ctx);
  const parsed = await t.parse({});
  if (typeof parsed === 'number') return parsed;
  const ops = parsed.operands;
  if (ops.length === 0) return t.usage('missing operand');
  if (ops.length === 1) return t.usage(`missing operand after ${t.ql(ops[0]!)}`);
  if (ops.length > 2) return t.usage(`extra operand ${t.ql(ops[2]!)}`);
  try {
    ctx.fs.link(t.abs(ops[0]!), t.abs(ops[1]!));
  } catch (e) {
    if (!isReportable(e)) throw e;
    await t.error(`cannot create link ${t.q(ops[1]!)} to ${t.q(ops[0]!)}: ${errorText(e)}`);
    return 1;
  }
  return 0;
};

export const unlink: Program = async (ctx) => {
  const t = new Tool(ctx);
  const parsed = await t.parse({});
  if (typeof parsed === 'number') return parsed;
  const ops = parsed.operands;
  if (ops.length === 0) return t.usage('missing operand');
  if (ops.length > 1) return t.usage(`extra operand ${t.ql(ops[1]!)}`);
  try {
    const path = t.abs(ops[0]!);
    // unlink(2) of a directory is EISDIR on Linux.
    if (ctx.fs.lstat(path).type === 'dir') throw new FsError('EISDIR', 'unlink', path);
    ctx.fs.unlink(path);
  } catch (e) {
    if (!isReportable(e)) throw e;
    await t.error(`cannot unlink ${t.q(ops[0]!)}: ${errorText(e)}`);
    return 1;
  }
  return 0;
};
