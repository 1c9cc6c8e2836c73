/**
 * shred (coreutils): overwrite files with random data (-n passes, default 3), a final zero pass with -z, the size
 * rounded up to the 4 KiB block unless -x, and with -u rename the file to ever shorter runs of zeros before
 * removing it, as GNU does (shown by -v).
 */

import { dirname } from '../../engine/fs/path';
import type { Program } from '../../engine/process/Types';
import { errorText, isReportable, Tool } from './lib/tool';

export const shred: Program = async (ctx) => {
  const t = new Tool(ctx);
  const parsed = await t.parse({ short: 'fn:s:uvxz', long: { force: { key: 'f' }, iterations: { key: 'n', arg: 'required' }, size: { key: 's', arg: 'required' }, remove: { key: 'u', arg: 'optional' }, verbose: { key: 'v' }, exact: { key: 'x' }, zero: { key: 'z' } } });
  if (typeof parsed === 'number') return parsed;
  if (parsed.operands.length === 0) return t.usage('missing file operand');
  const passes = Number(parsed.get('n') ?? 3);
  const verbose = parsed.has('v');
  const total = passes + (parsed.has('z') ? 1 : 0);
  for (const name of parsed.operands) {
    const path = t.abs(name);
    let size: number;
    try {
      ctx.fs.access(path, 2);
      size = ctx.fs.stat(path).size;
    } catch (e) {
      if (!isReportable(e)) throw e;
      await t.error(`${name}: failed to open for writing: ${errorText(e)}`);
      continue;
    }
    const length = parsed.has('x') ? size : Math.ceil(size / 4096) * 4096;
    for (let p = 1; p <= total; p++) {
      await ctx.checkpoint();
      const zero = parsed.has('z') && p === total;
      if (verbose) await ctx.stderr.write(`${t.name}: ${name}: pass ${p}/${total} (${zero ? '000000' : 'random'})...\n`);
      ctx.fs.writeFile(path, zero ? new Uint8Array(length) : ctx.sys.random.bytes(length));
    }
    if (!parsed.has('u')) continue;
    if (verbose) await ctx.stderr.write(`${t.name}: ${name}: removing\n`);
    const dir = name.includes('/') ? `${dirname(name)}/` : '';
    let shown = name;
    let current = path;
    const base = name.split('/').pop()!;
    for (let n = base.length; n >= 1; n--) {
      const next = `${dir}${'0'.repeat(n)}`;
      try {
        ctx.fs.rename(current, t.abs(next));
      } catch {
        continue;
      }
      if (verbose) await ctx.stderr.write(`${t.name}: ${shown}: renamed to ${next}\n`);
      shown = next;
      current = t.abs(next);
    }
    ctx.fs.unlink(current);
    if (verbose) await ctx.stderr.write(`${t.name}: ${name}: removed\n`);
  }
  return t.status;
};
