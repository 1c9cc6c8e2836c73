/** truncate: shrink or extend files to a size (-s [+-<>/%]N[KMG...], -r REF, -c no create). */

import { isFsError } from '../../engine/fs/Types';
import type { Program } from '../../engine/process/Types';
import { errorText, Tool } from './lib/tool';

const SUFFIX: Record<string, number> = { '': 1, K: 1024, KB: 1000, KiB: 1024, M: 1024 ** 2, MB: 1000 ** 2, MiB: 1024 ** 2, G: 1024 ** 3, GB: 1000 ** 3, GiB: 1024 ** 3, T: 1024 ** 4, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

/** A size with an optional unit suffix (`1K`, `10MB`, `5`); null when invalid. */
export function parseSize(text: string): number | null {
  const m = /^(\d+)([a-zA-Z]*)$/.exec(text);
  if (!m || SUFFIX[m[2]!] === undefined) return null;
  return Number(m[1]) * SUFFIX[m[2]!]!;
}

export const truncate: Program = async (ctx) => {
  const t = new Tool(ctx);
  const parsed = await t.parse({
    short: t.gnu ? 'cs:r:o' : 'cs:',
    long: t.gnu ? { 'no-create': { key: 'c' }, size: { key: 's', arg: 'required' }, reference: { key: 'r', arg: 'required' }, 'io-blocks': { key: 'o' } } : {},
  });
  if (typeof parsed === 'number') return parsed;
  const a = parsed;
  const sizeArg = a.get('s');
  const ref = a.get('r');
  if (sizeArg === undefined && ref === undefined) {
    if (t.gnu) {
      await ctx.stderr.write(`${t.name}: you must specify either ${t.ql('--size')} or ${t.ql('--reference')}\n`);
      return t.usage();
    }
    return t.usage();
  }
  let op = '';
  let amount = 0;
  if (sizeArg !== undefined) {
    const m = /^([-+<>/%]?)(.*)$/.exec(sizeArg)!;
    op = m[1]!;
    const n = parseSize(m[2]!);
    if (n === null) {
      await t.error(t.gnu ? `Invalid number: ${t.ql(sizeArg)}` : `invalid number '${sizeArg}'`);
      return 1;
    }
    amount = n;
  }
  let refSize: number | undefined;
  if (ref !== undefined) {
    try {
      refSize = ctx.fs.stat(t.abs(ref)).size;
    } catch (e) {
      await t.error(`cannot stat ${t.q(ref)}: ${errorText(e)}`);
      return 1;
    }
  }
  if (a.operands.length === 0) return t.usage(t.gnu ? 'missing file operand' : undefined);
  for (const name of a.operands) {
    await ctx.checkpoint();
    const path = t.abs(name);
    try {
      let current = 0;
      try {
        current = ctx.fs.stat(path).size;
      } catch (e) {
        if (!isFsError(e, 'ENOENT')) throw e;
        if (a.has('c')) continue;
        ctx.fs.writeFile(path, new Uint8Array(0), { mode: 0o666 & ~ctx.umask });
      }
      const base = refSize ?? current;
      let size = sizeArg === undefined ? base : amount;
      if (op === '+') size = base + amount;
      else if (op === '-') size = Math.max(0, base - amount);
      else if (op === '<') size = Math.min(base, amount);
      else if (op === '>') size = Math.max(base, amount);
      else if (op === '/') size = amount === 0 ? base : Math.floor(base / amount) * amount;
      else if (op === '%') size = amount === 0 ? base : Math.ceil(base / amount) * amount;
      ctx.fs.truncate(path, size);
    } catch (e) {
      if (t.gnu) await t.error(`cannot open ${t.q(name)} for writing: ${errorText(e)}`);
      else await t.error(`${name}: ${errorText(e)}`);
    }
  }
  return t.status;
};
