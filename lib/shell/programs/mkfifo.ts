/**
 * mkfifo and mknod (coreutils; BusyBox applets with their own wording). FIFOs are ordinary filesystem nodes
 * anyone may create; character and block devices need root (CAP_MKNOD, which Docker grants to a container's root).
 */

import type { Program } from '../../engine/process/Types';
import { applyMode } from './lib/mode';
import { errorText, isReportable, Tool } from './lib/tool';

async function modeOption(t: Tool, arg: string | undefined, umask: number): Promise<number | null> {
  if (arg === undefined) return 0o666 & ~umask;
  const m = applyMode(arg, 0o666, false, 0);
  if (m === null) {
    await t.error(t.gnu ? 'invalid mode' : `invalid mode '${arg}'`);
    return null;
  }
  return m;
}

export const mkfifo: Program = async (ctx) => {
  const t = new Tool(ctx);
  const parsed = await t.parse({ short: 'm:Z', long: { mode: { key: 'm', arg: 'required' }, context: { key: 'Z', arg: 'optional' } } });
  if (typeof parsed === 'number') return parsed;
  const mode = await modeOption(t, parsed.get('m'), ctx.umask);
  if (mode === null) return 1;
  if (parsed.operands.length === 0) return t.usage(t.gnu ? 'missing operand' : undefined);
  for (const name of parsed.operands) {
    try {
      ctx.fs.mknod(t.abs(name), 'fifo', mode, 0);
    } catch (e) {
      if (!isReportable(e)) throw e;
      if (t.gnu) await t.error(`cannot create fifo ${t.q(name)}: ${errorText(e)}`);
      else await t.error(`${name}: ${errorText(e)}`);
    }
  }
  return t.status;
};

const TYPES: Readonly<Record<string, 'chardev' | 'blockdev' | 'fifo'>> = { b: 'blockdev', c: 'chardev', u: 'chardev', p: 'fifo' };

export const mknod: Program = async (ctx) => {
  const t = new Tool(ctx);
  const parsed = await t.parse({ short: 'm:Z', long: { mode: { key: 'm', arg: 'required' }, context: { key: 'Z', arg: 'optional' } } });
  if (typeof parsed === 'number') return parsed;
  const mode = await modeOption(t, parsed.get('m'), ctx.umask);
  if (mode === null) return 1;
  const ops = parsed.operands;
  if (!t.gnu && (ops.length < 2 || ops.length === 3 || ops.length > 4)) return t.usage();
  if (ops.length === 0) return t.usage('missing operand');
  if (ops.length === 1) return t.usage(`missing operand after ${t.ql(ops[0]!)}`);
  const type = TYPES[ops[1]!];
  if (type === undefined) {
    if (!t.gnu) return t.usage();
    return t.usage(`invalid device type ${t.ql(ops[1]!)}`);
  }
  const fifo = type === 'fifo';
  if (fifo && ops.length > 2) {
    if (!t.gnu) return t.usage();
    await ctx.stderr.write(`${t.name}: extra operand ${t.ql(ops[2]!)}\nFifos do not have major and minor device numbers.\n`);
    return t.usage();
  }
  if (!fifo && ops.length < 4) {
    await ctx.stderr.write(`${t.name}: missing operand after ${t.ql(ops[ops.length - 1]!)}\nSpecial files require major and minor device numbers.\n`);
    return t.usage();
  }
  if (ops.length > 4) return t.usage(`extra operand ${t.ql(ops[4]!)}`);
  let rdev = 0;
  if (!fifo) {
    const [major, minor] = [ops[2]!, ops[3]!];
    if (!/^\d+$/.test(major)) return t.error(`invalid major device number ${t.ql(major)}`).then(() => 1);
    if (!/^\d+$/.test(minor)) return t.error(`invalid minor device number ${t.ql(minor)}`).then(() => 1);
    rdev = (Number(major) << 8) | Number(minor);
  }
  try {
    ctx.fs.mknod(t.abs(ops[0]!), type, mode, rdev);
  } catch (e) {
    if (!isReportable(e)) throw e;
    await t.error(`${t.qf(ops[0]!)}: ${errorText(e)}`);
    return 1;
  }
  return 0;
};
