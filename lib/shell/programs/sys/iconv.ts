/**
 * iconv (glibc's, and musl's on Alpine) for the encodings text in these images uses: UTF-8, ASCII, ISO-8859-1
 * (LATIN1), UTF-16/UTF-16LE/BE (ISO-8859-15 is treated as LATIN1; WINDOWS-1252 is not offered). //TRANSLIT approximates accented letters
 * by their base letter and other characters by `?`; -c drops what cannot be converted.
 */

import type { Program } from '../../../engine/process/Types';
import { resolvePath } from '../../../engine/fs/path';
import { errorText, isReportable } from '../lib/tool';
import { readInput } from '../lib/input';

type Codec = 'utf8' | 'ascii' | 'latin1' | 'utf16le' | 'utf16be';

function codecOf(name: string): Codec | null {
  const n = name.toUpperCase().replace(/\/\/.*$/, '').replace(/[_]/g, '-');
  if (['UTF-8', 'UTF8'].includes(n)) return 'utf8';
  if (['ASCII', 'US-ASCII', 'ANSI_X3.4-1968', '646'].includes(n)) return 'ascii';
  if (['LATIN1', 'ISO-8859-1', 'ISO8859-1', 'L1', 'ISO-8859-15', 'LATIN-9'].includes(n)) return 'latin1';
  if (['UTF-16LE', 'UTF16LE', 'UTF-16', 'UTF16'].includes(n)) return 'utf16le';
  if (['UTF-16BE', 'UTF16BE'].includes(n)) return 'utf16be';
  return null;
}

const LIST = ['ANSI_X3.4-1968//', 'ISO-8859-1//', 'ISO-8859-15//', 'LATIN1//', 'US-ASCII//', 'UTF-16//', 'UTF-16BE//', 'UTF-16LE//', 'UTF-8//', 'UTF8//'];

export const iconv: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  let from = 'UTF-8';
  let to = 'UTF-8';
  let skip = false;
  let output: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-l' || a === '--list') {
      await ctx.stdout.write(LIST.join('\n') + '\n');
      return 0;
    }
    if (a === '-f') from = args[++i] ?? '';
    else if (a.startsWith('--from-code=')) from = a.slice(12);
    else if (a.startsWith('-f')) from = a.slice(2);
    else if (a === '-t') to = args[++i] ?? '';
    else if (a.startsWith('--to-code=')) to = a.slice(10);
    else if (a.startsWith('-t')) to = a.slice(2);
    else if (a === '-c') skip = true;
    else if (a === '-o') output = args[++i];
    else if (a === '-s' || a === '--silent') continue;
    else files.push(a);
  }
  const src = codecOf(from);
  const dst = codecOf(to);
  if (!src || !dst) {
    const bad = !src ? from : to;
    await ctx.stderr.write(!src && !dst ? `iconv: conversions from \`${from}' and to \`${to}' are not supported\n` : !src ? `iconv: conversion from \`${bad}' is not supported\n` : `iconv: conversion to \`${bad}' is not supported\n`);
    await ctx.stderr.write("Try `iconv --help' or `iconv --usage' for more information.\n");
    return 1;
  }
  const translit = /\/\/TRANSLIT/i.test(to);
  skip ||= /\/\/IGNORE/i.test(to);
  const inputs = files.length > 0 ? files : ['-'];
  const out: number[] = [];
  for (const name of inputs) {
    let data: Uint8Array;
    try {
      data = await readInput(ctx, name);
    } catch (e) {
      if (!isReportable(e)) throw e;
      await ctx.stderr.write(`iconv: cannot open input file \`${name}': ${errorText(e)}\n`);
      return 1;
    }
    // Decode to code points, remembering each one's byte offset for the error message.
    const points: { cp: number; at: number }[] = [];
    let bad: number | null = null;
    if (src === 'utf8') {
      const text = new TextDecoder('utf-8', { fatal: false }).decode(data);
      let at = 0;
      for (const ch of text) {
        const cp = ch.codePointAt(0)!;
        const len = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        if (cp === 0xfffd && !(data[at] === 0xef && data[at + 1] === 0xbf && data[at + 2] === 0xbd)) {
          if (!skip) {
            bad = at;
            break;
          }
          at++;
          continue;
        }
        points.push({ cp, at });
        at += len;
      }
    } else if (src === 'ascii') {
      for (let i = 0; i < data.length; i++) {
        if (data[i]! > 0x7f) {
          if (skip) continue;
          bad = i;
          break;
        }
        points.push({ cp: data[i]!, at: i });
      }
    } else if (src === 'latin1') for (let i = 0; i < data.length; i++) points.push({ cp: data[i]!, at: i });
    else {
      const le = src === 'utf16le';
      let i = le && data[0] === 0xff && data[1] === 0xfe ? 2 : 0;
      for (; i + 1 < data.length; i += 2) points.push({ cp: le ? data[i]! | (data[i + 1]! << 8) : (data[i]! << 8) | data[i + 1]!, at: i });
    }
    for (const { cp, at } of points) {
      const limit = dst === 'ascii' ? 0x7f : dst === 'latin1' ? 0xff : 0x10ffff;
      if (cp > limit) {
        if (translit) {
          const base = String.fromCodePoint(cp).normalize('NFD').replace(/[\u0300-\u036f]/g, '');
          for (const c of base.codePointAt(0)! <= limit ? base : '?') out.push(...encodeOne(c.codePointAt(0)!, dst));
          continue;
        }
        if (skip) continue;
        await ctx.stdout.write(Uint8Array.from(out));
        // glibc reports an unrepresentable character with the same words as malformed input.
        await ctx.stderr.write(`iconv: illegal input sequence at position ${at}\n`);
        return 1;
      }
      out.push(...encodeOne(cp, dst));
    }
    if (bad !== null) {
      await ctx.stdout.write(Uint8Array.from(out));
      await ctx.stderr.write(`iconv: illegal input sequence at position ${bad}\n`);
      return 1;
    }
  }
  const bytes = Uint8Array.from(out);
  if (output !== undefined) ctx.fs.writeFile(resolvePath(ctx.cwd, output), bytes, { mode: 0o666 & ~ctx.umask });
  else await ctx.stdout.write(bytes);
  return 0;
};

function encodeOne(cp: number, dst: Codec): number[] {
  if (dst === 'utf8') return [...new TextEncoder().encode(String.fromCodePoint(cp))];
  if (dst === 'utf16le' || dst === 'utf16be') {
    const units = [...String.fromCodePoint(cp)].flatMap((c) => (c.length === 2 ? [c.charCodeAt(0), c.charCodeAt(1)] : [c.charCodeAt(0)]));
    return units.flatMap((u) => (dst === 'utf16le' ? [u & 0xff, u >> 8] : [u >> 8, u & 0xff]));
  }
  return [cp];
}
