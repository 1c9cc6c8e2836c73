/**
 * pathchk (coreutils): is a file name valid here (components up to 255 bytes, names up to 4096), or portable
 * (-p: POSIX minimums 14/256 and the portable character set), or free of empty names and leading `-` (-P)?
 */

import type { Program } from '../../engine/process/Types';
import { Tool } from './lib/tool';

export const pathchk: Program = async (ctx) => {
  const t = new Tool(ctx);
  const parsed = await t.parse({ short: 'pP', long: { portability: { key: 'portability' } } });
  if (typeof parsed === 'number') return parsed;
  if (parsed.operands.length === 0) return t.usage('missing operand');
  const portable = parsed.has('p') || parsed.has('portability');
  const extra = parsed.has('P') || parsed.has('portability');
  const bytes = (s: string) => new TextEncoder().encode(s).length;
  for (const name of parsed.operands) {
    if (extra && name === '') {
      await t.error('empty file name');
      continue;
    }
    if (extra && name.split('/').some((c) => c.startsWith('-'))) {
      await t.error(`leading '-' in a component of file name ${t.q(name)}`);
      continue;
    }
    if (portable) {
      if (name === '' && !extra) {
        await t.error('empty file name');
        continue;
      }
      const bad = [...name].find((c) => !/[A-Za-z0-9._\/-]/.test(c));
      if (bad !== undefined) {
        await t.error(`nonportable character ${t.ql(bad)} in file name ${t.q(name)}`);
        continue;
      }
      if (bytes(name) > 255) {
        await t.error(`limit 255 exceeded by length ${bytes(name)} of file name ${t.q(name)}`);
        continue;
      }
      const long = name.split('/').find((c) => bytes(c) > 14);
      if (long !== undefined) await t.error(`limit 14 exceeded by length ${bytes(long)} of file name component ${t.ql(long)}`);
      continue;
    }
    // The system's limits, which lstat(2) enforces as ENAMETOOLONG.
    if (bytes(name) >= 4096 || name.split('/').some((c) => bytes(c) > 255)) await t.error(`${name}: File name too long`);
  }
  return t.status;
};
