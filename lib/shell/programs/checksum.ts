/**
 * md5sum, sha1sum, sha256sum, sha512sum: print or check (-c) message digests, GNU coreutils and BusyBox style.
 * Files are hashed chunk by chunk as they are read (stdin streams). Check mode accepts GNU's `HASH  NAME` and
 * `HASH *NAME` lines and BSD-style `SHA256 (NAME) = HASH` lines.
 */

import { md5, sha1 } from '@noble/hashes/legacy.js';
import { blake2b } from '@noble/hashes/blake2.js';
import { sha224, sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { Program, ProcessContext, ReadStream } from '../../engine/process/Types';
import { decodeText } from '../../engine/process/text';
import { readAll } from '../../engine/process/streams';
import { errorText, Tool } from './lib/tool';

interface Algorithm {
  readonly tag: string;
  readonly hexLength: number;
  create(): { update(b: Uint8Array): unknown; digest(): Uint8Array };
}

const ALGORITHMS: Readonly<Record<string, Algorithm>> = {
  md5sum: { tag: 'MD5', hexLength: 32, create: () => md5.create() },
  sha1sum: { tag: 'SHA1', hexLength: 40, create: () => sha1.create() },
  sha256sum: { tag: 'SHA256', hexLength: 64, create: () => sha256.create() },
  sha512sum: { tag: 'SHA512', hexLength: 128, create: () => sha512.create() },
  sha224sum: { tag: 'SHA224', hexLength: 56, create: () => sha224.create() },
  sha384sum: { tag: 'SHA384', hexLength: 96, create: () => sha384.create() },
  b2sum: { tag: 'BLAKE2b', hexLength: 128, create: () => blake2b.create({ dkLen: 64 }) },
};

function program(name: keyof typeof ALGORITHMS): Program {
  return (ctx) => sum(ctx, ALGORITHMS[name]!);
}

export const md5sum = program('md5sum');
export const sha1sum = program('sha1sum');
export const sha256sum = program('sha256sum');
export const sha512sum = program('sha512sum');
export const sha224sum = program('sha224sum');
export const sha384sum = program('sha384sum');
/** b2sum's default -l 512 only (BLAKE2b-512); the shorter -l lengths are not offered. */
export const b2sum = program('b2sum');

async function sum(ctx: ProcessContext, alg: Algorithm): Promise<number> {
  const t = new Tool(ctx);
  const gnu = t.gnu;
  const parsed = await t.parse({
    short: gnu ? 'bctwz' : 'bcstw',
    long: gnu
      ? { binary: { key: 'b' }, check: { key: 'c' }, text: { key: 't' }, tag: { key: 'tag' }, quiet: { key: 'quiet' }, status: { key: 'status' }, strict: { key: 'strict' }, warn: { key: 'w' }, 'ignore-missing': { key: 'ignore-missing' }, zero: { key: 'z' } }
      : {},
  });
  if (typeof parsed === 'number') return parsed;
  const a = parsed;
  const operands = a.operands.length > 0 ? a.operands : ['-'];

  const open = async (name: string): Promise<ReadStream | null> => {
    if (name === '-') return ctx.stdin;
    try {
      return ctx.sys.openRead(ctx.fs, t.abs(name), ctx.tty);
    } catch (e) {
      if (gnu) await ctx.stderr.write(`${t.name}: ${name}: ${errorText(e)}\n`);
      else if ((e as { code?: string }).code === 'EISDIR') await ctx.stderr.write(`${t.name}: can't read '${name}': ${errorText(e)}\n`);
      else await ctx.stderr.write(`${t.name}: can't open '${name}': ${errorText(e)}\n`);
      return null;
    }
  };
  const digest = async (stream: ReadStream): Promise<string> => {
    const h = alg.create();
    for (let c = await stream.read(); c !== null; c = await stream.read()) {
      h.update(c);
      await ctx.checkpoint();
    }
    return bytesToHex(h.digest());
  };

  if (!a.has('c')) {
    let status = 0;
    for (const name of operands) {
      await ctx.checkpoint();
      const s = await open(name);
      if (!s) {
        status = 1;
        continue;
      }
      const hex = await digest(s);
      if (s !== ctx.stdin) s.close();
      const mark = a.has('b') ? '*' : ' ';
      // GNU escapes names holding a backslash or newline and flags the line with a leading backslash.
      const escaped = /[\\\n]/.test(name) && gnu;
      const shown = escaped ? name.replace(/\\/g, '\\\\').replace(/\n/g, '\\n') : name;
      if (a.has('tag')) await ctx.stdout.write(`${escaped ? '\\' : ''}${alg.tag} (${shown}) = ${hex}\n`);
      else await ctx.stdout.write(`${escaped ? '\\' : ''}${hex} ${mark}${shown}${a.has('z') ? '\0' : '\n'}`);
    }
    return status;
  }

  // Check mode.
  const quiet = a.has('quiet');
  const statusOnly = a.has('status') || (!gnu && a.has('s'));
  let failed = 0;
  let unreadable = 0;
  let malformed = 0;
  let status = 0;
  let lineCount = 0;
  for (const list of operands) {
    const s = await open(list);
    if (!s) {
      status = 1;
      continue;
    }
    const text = decodeText(await readAll(s));
    let valid = 0;
    let fileMalformed = 0;
    const lines = text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    for (const [i, raw] of lines.entries()) {
      await ctx.checkpoint();
      lineCount++;
      const line = raw.replace(/\r$/, '');
      let m = new RegExp(`^\\\\?([0-9a-fA-F]{${alg.hexLength}}) [ *](.+)$`).exec(line);
      let hex: string;
      let name: string;
      if (m) {
        hex = m[1]!;
        name = m[2]!;
      } else if ((m = new RegExp(`^\\\\?${alg.tag} \\((.+)\\) = ([0-9a-fA-F]{${alg.hexLength}})$`).exec(line))) {
        name = m[1]!;
        hex = m[2]!;
      } else {
        malformed++;
        fileMalformed++;
        if (!gnu) failed++;
        if (a.has('w') && gnu) await ctx.stderr.write(`${t.name}: ${list}: ${i + 1}: improperly formatted ${alg.tag} checksum line\n`);
        continue;
      }
      valid++;
      if (line.startsWith('\\')) name = name.replace(/\\n/g, '\n').replace(/\\\\/g, '\\');
      const f = await open(name);
      if (!f) {
        if (gnu) {
          if (a.has('ignore-missing')) continue;
          unreadable++;
          if (!statusOnly) await ctx.stdout.write(`${name}: FAILED open or read\n`);
        } else {
          failed++;
          if (!statusOnly) await ctx.stdout.write(`${name}: FAILED\n`);
        }
        continue;
      }
      const got = await digest(f);
      if (f !== ctx.stdin) f.close();
      const ok = got === hex.toLowerCase();
      if (!ok) failed++;
      if (!statusOnly && (!ok || !quiet)) await ctx.stdout.write(`${name}: ${ok ? 'OK' : 'FAILED'}\n`);
    }
    if (valid === 0 && gnu) {
      malformed -= fileMalformed;
      await ctx.stderr.write(`${t.name}: ${list === '-' ? 'standard input' : list}: no properly formatted checksum lines found\n`);
      status = 1;
    }
  }
  if (gnu && !statusOnly) {
    const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
    if (malformed > 0) await ctx.stderr.write(`${t.name}: WARNING: ${plural(malformed, 'line is', 'lines are')} improperly formatted\n`);
    if (unreadable > 0) await ctx.stderr.write(`${t.name}: WARNING: ${plural(unreadable, 'listed file', 'listed files')} could not be read\n`);
    if (failed > 0) await ctx.stderr.write(`${t.name}: WARNING: ${plural(failed, 'computed checksum', 'computed checksums')} did NOT match\n`);
  } else if (!gnu && failed > 0 && !statusOnly) {
    // BusyBox counts malformed lines as failures and reports against every line it looked at.
    await ctx.stderr.write(`${t.name}: WARNING: ${failed} of ${lineCount} computed checksums did NOT match\n`);
  }
  if (failed > 0 || unreadable > 0 || (a.has('strict') && malformed > 0)) status = 1;
  return status;
}
