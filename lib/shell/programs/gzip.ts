/**
 * gzip, gunzip and zcat (one program, as on real systems: the name picks the default mode).
 * Compression is fflate's deflate in a gzip header that records the file's name and mtime, as GNU gzip does
 * (-n leaves them out); decompression is the engine's multi-member gunzip with CRC checks.
 * Options: -c -d -k -f -v -q -n -N -t -l -S SUF -1..-9 (and --fast/--best).
 */

import { gzipSync } from 'fflate';
import { basename } from '../../engine/fs/path';
import { isFsError, type Stat } from '../../engine/fs/Types';
import { gunzip as gunzipBytes } from '../../engine/format/compression';
import type { Program, ProcessContext } from '../../engine/process/Types';
import { readAll } from '../../engine/process/streams';
import { errorText, Tool } from './lib/tool';

type Level = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

const GZIP_MAGIC = [0x1f, 0x8b];

/** Compresses like `gzip`: name and mtime (seconds) in the header unless omitted. */
export function gzipFile(data: Uint8Array, options: { level?: Level; name?: string; mtimeMs?: number } = {}): Uint8Array {
  return gzipSync(data, {
    level: options.level ?? 6,
    mtime: options.mtimeMs !== undefined ? new Date(Math.floor(options.mtimeMs / 1000) * 1000) : 0,
    ...(options.name !== undefined ? { filename: options.name } : {}),
  });
}

/** The original name stored in a gzip header (FNAME), if any. */
export function gzipStoredName(data: Uint8Array): string | null {
  if (data.length < 10 || data[0] !== 0x1f || data[1] !== 0x8b || !(data[3]! & 0x08)) return null;
  let i = 10;
  if (data[3]! & 0x04) i += 2 + (data[10]! | (data[11]! << 8));
  const start = i;
  while (i < data.length && data[i] !== 0) i++;
  return new TextDecoder().decode(data.subarray(start, i));
}

function isGzip(data: Uint8Array): boolean {
  return data[0] === GZIP_MAGIC[0] && data[1] === GZIP_MAGIC[1];
}

export const gzip: Program = async (ctx) => run(ctx, 'gzip');
export const gunzip: Program = async (ctx) => run(ctx, 'gunzip');
export const zcat: Program = async (ctx) => run(ctx, 'zcat');

async function run(ctx: ProcessContext, as: 'gzip' | 'gunzip' | 'zcat'): Promise<number> {
  const t = new Tool(ctx);
  const gnu = t.gnu;
  // GNU gzip's own messages always say `gzip:` whatever the link name; BusyBox uses the applet name.
  const prefix = gnu ? 'gzip' : t.name;
  const parsed = await t.parse({
    short: gnu ? 'cdfhklLnNqrS:tv123456789' : 'cdfkqtv123456789n',
    long: gnu
      ? {
          stdout: { key: 'c' },
          'to-stdout': { key: 'c' },
          decompress: { key: 'd' },
          uncompress: { key: 'd' },
          force: { key: 'f' },
          keep: { key: 'k' },
          list: { key: 'l' },
          'no-name': { key: 'n' },
          name: { key: 'N' },
          quiet: { key: 'q' },
          suffix: { key: 'S', arg: 'required' },
          test: { key: 't' },
          verbose: { key: 'v' },
          fast: { key: '1' },
          best: { key: '9' },
        }
      : {},
  });
  if (typeof parsed === 'number') return parsed;
  const a = parsed;
  const decompressing = as !== 'gzip' || a.has('d') || a.has('t') || a.has('l');
  const toStdout = as === 'zcat' || a.has('c') || a.has('t');
  const force = a.has('f');
  const keep = a.has('k');
  const verbose = a.has('v') && !a.has('q');
  const quiet = a.has('q');
  const suffix = a.get('S') ?? '.gz';
  let level: Level = 6;
  for (const o of a.options) if (/^[1-9]$/.test(o.key)) level = Number(o.key) as Level;
  let status = 0;
  const warn = async (msg: string) => {
    if (!quiet) await ctx.stderr.write(`${prefix}: ${msg}\n`);
    status = Math.max(status, gnu ? 2 : 1);
  };
  const err = async (msg: string) => {
    await ctx.stderr.write(`${prefix}: ${msg}\n`);
    status = 1;
  };
  const ratio = (inSize: number, outSize: number, compressing: boolean): string => {
    const [orig, comp] = compressing ? [inSize, outSize] : [outSize, inSize];
    const r = orig === 0 ? 0 : ((orig - comp) * 100) / orig;
    return `${r.toFixed(1).padStart(5)}%`;
  };

  if (a.has('l')) {
    return list();
  }

  const operands = a.operands.length > 0 ? a.operands : ['-'];
  for (const name of operands) {
    await ctx.checkpoint();
    if (name === '-') {
      if (!decompressing && ctx.stdout.isTTY && !force) {
        await ctx.stderr.write(gnu ? 'gzip: compressed data not written to a terminal. Use -f to force compression.\nFor help, type: gzip -h\n' : `${prefix}: compressed data not written to a terminal. Use -f to force compression.\n`);
        return 1;
      }
      const data = await readAll(ctx.stdin);
      if (!decompressing) {
        await ctx.stdout.write(gzipFile(data, { level }));
        continue;
      }
      const out = await inflate(data, 'stdin');
      if (out && !a.has('t')) await ctx.stdout.write(out);
      continue;
    }
    const path = t.abs(name);
    let st: Stat;
    try {
      st = ctx.fs.lstat(path);
      if (st.type === 'symlink' && (toStdout || force)) st = ctx.fs.stat(path);
    } catch (e) {
      await err(`${name}: ${errorText(e)}`);
      continue;
    }
    if (st.type === 'dir') {
      await warn(`${name} is a directory -- ignored`);
      continue;
    }
    if (st.type !== 'file') {
      await warn(`${name} is not a directory or a regular file - ignored`);
      continue;
    }
    let data: Uint8Array;
    try {
      data = ctx.fs.readFile(path);
    } catch (e) {
      await err(`${name}: ${errorText(e)}`);
      continue;
    }

    if (!decompressing) {
      if (name.endsWith(suffix) && !toStdout && !force) {
        await warn(`${name} already has ${suffix} suffix -- unchanged`);
        continue;
      }
      const out = gzipFile(data, { level, ...(a.has('n') ? {} : { name: basename(name), mtimeMs: st.mtimeMs }) });
      if (toStdout) {
        await ctx.stdout.write(out);
        if (verbose) await ctx.stderr.write(`${name}:\t${ratio(data.length, out.length, true)}\n`);
        continue;
      }
      const target = `${name}${suffix}`;
      if (!(await writeTarget(target, out, st))) continue;
      if (verbose) await ctx.stderr.write(`${name}:\t${ratio(data.length, out.length, true)} -- replaced with ${target}\n`);
      if (!keep) removeSource(path);
      continue;
    }

    let target: string | null = null;
    if (!toStdout) {
      target = decompressedName(name, suffix);
      if (target === null) {
        await warn(gnu ? `${name}: unknown suffix -- ignored` : `${name}: unknown suffix - ignored`);
        continue;
      }
    }
    const out = await inflate(data, name);
    if (!out) continue;
    if (a.has('t')) {
      if (verbose) await ctx.stderr.write(`${name}:\t OK\n`);
      continue;
    }
    if (toStdout) {
      await ctx.stdout.write(out);
      continue;
    }
    if (a.has('N')) {
      const stored = gzipStoredName(data);
      if (stored) target = target!.slice(0, target!.length - basename(target!).length) + basename(stored);
    }
    if (!(await writeTarget(target!, out, st))) continue;
    if (verbose) await ctx.stderr.write(`${name}:\t${ratio(data.length, out.length, false)} -- replaced with ${target}\n`);
    if (!keep) removeSource(path);
  }
  return status;

  async function inflate(data: Uint8Array, name: string): Promise<Uint8Array | null> {
    if (!isGzip(data)) {
      if (as === 'zcat' && force) return data;
      if (gnu) await err(`${name}: not in gzip format`);
      else await err('invalid magic');
      return null;
    }
    try {
      return gunzipBytes(data);
    } catch (e) {
      const msg = errorText(e);
      if (gnu) await err(/EOF/.test(msg) ? `${name}: unexpected end of file` : `${name}: invalid compressed data--${/checksum|crc/i.test(msg) ? 'crc error' : 'format violated'}`);
      else await err(/checksum|crc/i.test(msg) ? 'crc error' : 'corrupted data');
      return null;
    }
  }

  async function writeTarget(target: string, out: Uint8Array, src: Stat): Promise<boolean> {
    const tpath = t.abs(target);
    let exists = false;
    try {
      ctx.fs.lstat(tpath);
      exists = true;
    } catch (e) {
      if (!isFsError(e, 'ENOENT')) throw e;
    }
    if (exists) {
      if (!force) {
        if (gnu) await warn(`${target} already exists;\tnot overwritten`);
        else await err(`can't open '${target}': File exists`);
        return false;
      }
      ctx.fs.unlink(tpath);
    }
    try {
      ctx.fs.writeFile(tpath, out, { mode: src.mode & 0o777 });
      ctx.fs.chmod(tpath, src.mode & 0o7777);
      ctx.fs.utimes(tpath, src.mtimeMs);
      if (ctx.cred.uid === 0) ctx.fs.chown(tpath, src.uid, src.gid);
    } catch (e) {
      if (gnu) await err(`${target}: ${errorText(e)}`);
      else await err(`can't open '${target}': ${errorText(e)}`);
      return false;
    }
    return true;
  }

  function removeSource(path: string): void {
    try {
      ctx.fs.unlink(path);
    } catch {
      // GNU gzip leaves the source in place when it cannot remove it, and says nothing more.
    }
  }

  async function list(): Promise<number> {
    await ctx.stdout.write('         compressed        uncompressed  ratio uncompressed_name\n');
    let totalIn = 0;
    let totalOut = 0;
    let count = 0;
    for (const name of a.operands) {
      let data: Uint8Array;
      try {
        data = ctx.fs.readFile(t.abs(name));
      } catch (e) {
        await err(`${name}: ${errorText(e)}`);
        continue;
      }
      if (!isGzip(data)) {
        await err(`${name}: not in gzip format`);
        continue;
      }
      const n = data.length;
      const isize = n >= 4 ? (data[n - 4]! | (data[n - 3]! << 8) | (data[n - 2]! << 16) | (data[n - 1]! << 24)) >>> 0 : 0;
      totalIn += n;
      totalOut += isize;
      count++;
      const r = isize === 0 ? 0 : ((isize - n) * 100) / isize;
      await ctx.stdout.write(`${String(n).padStart(19)} ${String(isize).padStart(19)} ${r.toFixed(1).padStart(5)}% ${decompressedName(name, suffix) ?? name}\n`);
    }
    if (count > 1) {
      const r = totalOut === 0 ? 0 : ((totalOut - totalIn) * 100) / totalOut;
      await ctx.stdout.write(`${String(totalIn).padStart(19)} ${String(totalOut).padStart(19)} ${r.toFixed(1).padStart(5)}% (totals)\n`);
    }
    return status;
  }
}

/** `a.gz` → `a`, `a.tgz` → `a.tar`, `a-gz`/`a.z`/`a_z` → `a`; null for an unknown suffix. */
export function decompressedName(name: string, suffix = '.gz'): string | null {
  if (suffix !== '.gz' && name.endsWith(suffix) && name.length > suffix.length) return name.slice(0, -suffix.length);
  for (const s of ['.gz', '-gz', '.z', '-z', '_z', '.Z']) {
    if (name.endsWith(s) && name.length > s.length && !name.endsWith(`/${s}`)) return name.slice(0, -s.length);
  }
  if (name.endsWith('.tgz') || name.endsWith('.taz')) return `${name.slice(0, -4)}.tar`;
  return null;
}
