/**
 * bzip2/bunzip2/bzcat, xz/unxz/xzcat and zstd/unzstd/zstdcat: decompression through the engine's codecs, with each
 * tool's own messages (suffix handling, `not a bzip2 file`, `File format not recognized`, existing outputs). The
 * engine has no bzip2/xz/zstd encoders, so compressing says it is not available here instead of writing a file.
 */

import { resolvePath } from '../../engine/fs/path';
import { bunzip2 } from '../../engine/format/bzip2';
import { unzstd as unzstdBytes } from '../../engine/format/compression';
import { unxz } from '../../engine/format/xz';
import type { Program, ProcessContext } from '../../engine/process/Types';
import { errorText, isReportable } from './lib/tool';
import { readInput } from './lib/input';

interface Format {
  readonly tool: 'bzip2' | 'xz' | 'zstd';
  readonly magic: readonly number[];
  readonly suffixes: readonly string[];
  decode(data: Uint8Array): Uint8Array;
}

const FORMATS: Readonly<Record<Format['tool'], Format>> = {
  bzip2: { tool: 'bzip2', magic: [0x42, 0x5a, 0x68], suffixes: ['.bz2', '.bz', '.tbz2', '.tbz'], decode: (d) => bunzip2(d) },
  xz: { tool: 'xz', magic: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], suffixes: ['.xz', '.txz'], decode: (d) => unxz(d) },
  zstd: { tool: 'zstd', magic: [0x28, 0xb5, 0x2f, 0xfd], suffixes: ['.zst', '.tzst'], decode: (d) => unzstdBytes(d) },
};

function outputName(f: Format, name: string): string | null {
  for (const s of f.suffixes) if (name.endsWith(s) && name.length > s.length) return name.slice(0, -s.length) + (s.startsWith('.t') && s !== '.tbz' ? '.tar' : '');
  return null;
}

async function run(ctx: ProcessContext, f: Format, mode: 'compress' | 'decompress' | 'cat'): Promise<number> {
  const prog = (ctx.argv[0] ?? f.tool).split('/').pop()!;
  const args = ctx.argv.slice(1);
  let toStdout = mode === 'cat';
  let keep = f.tool === 'zstd';
  let force = false;
  let quiet = false;
  const files: string[] = [];
  for (const a of args) {
    if (a === '--') continue;
    if (a.startsWith('--')) {
      if (a === '--decompress' || a === '--uncompress') mode = mode === 'cat' ? 'cat' : 'decompress';
      else if (a === '--stdout') toStdout = true;
      else if (a === '--keep') keep = true;
      else if (a === '--force') force = true;
      else if (a === '--quiet') quiet = true;
      else if (a === '--rm') keep = false;
      continue;
    }
    if (a.startsWith('-') && a !== '-') {
      for (const c of a.slice(1)) {
        if (c === 'd') mode = mode === 'cat' ? 'cat' : 'decompress';
        else if (c === 'c') toStdout = true;
        else if (c === 'k') keep = true;
        else if (c === 'f') force = true;
        else if (c === 'q') quiet = true;
        else if (c === 'z') mode = 'compress';
      }
      continue;
    }
    files.push(a);
  }
  if (mode === 'compress') {
    await ctx.stderr.write(`${prog}: compressing is not available in this simulation (only decompression is)\n`);
    return 1;
  }
  const err = (msg: string) => ctx.stderr.write(`${prog}: ${msg}\n`);
  const ok = (d: Uint8Array) => f.magic.every((b, i) => d[i] === b);
  if (files.length === 0) files.push('-');
  let status = 0;
  for (const name of files) {
    let data: Uint8Array;
    try {
      data = await readInput(ctx, name);
    } catch (e) {
      if (!isReportable(e)) throw e;
      if (f.tool === 'bzip2') await err(`Can't open input file ${name}: ${errorText(e)}.`);
      else if (f.tool === 'xz') await err(`${name}: ${errorText(e)}`);
      else await err(`can't stat ${name} : ${errorText(e)} -- ignored `);
      status = 1;
      continue;
    }
    const stdout = toStdout || name === '-';
    let out = stdout ? null : outputName(f, name);
    if (!stdout && out === null) {
      if (f.tool === 'zstd') {
        await err(`${name}: unknown suffix (.zst/.tzst/.gz/.tgz/.lzma/.xz/.txz/.lz4/.tlz4 expected). Can't derive the output file name. Specify it with -o dstFileName. Ignoring.`);
        status = 1;
        continue;
      }
      if (f.tool === 'bzip2') {
        out = `${name}.out`;
        await err(`Can't guess original name for ${name} -- using ${out}`);
      }
    }
    // bzip2 refuses an existing output before it looks at the input; xz and zstd look at the input first.
    if (f.tool === 'bzip2' && out !== null && !force && exists(ctx, resolvePath(ctx.cwd, out))) {
      await err(`Output file ${out} already exists.`);
      status = 1;
      continue;
    }
    if (!ok(data)) {
      if (f.tool === 'bzip2') {
        await err(`${name === '-' ? '(stdin)' : name} is not a bzip2 file.`);
        status = Math.max(status, 2);
      } else if (f.tool === 'xz') {
        await err(`${name === '-' ? '(stdin)' : name}: File format not recognized`);
        status = 1;
      } else {
        await err(`${name === '-' ? '*stdin*' : name}: unsupported format`);
        status = 1;
      }
      continue;
    }
    if (f.tool === 'xz' && !stdout && out === null) {
      await err(`${name}: Filename has an unknown suffix, skipping`);
      status = 1;
      continue;
    }
    let plain: Uint8Array;
    try {
      plain = f.decode(data);
    } catch {
      await err(f.tool === 'bzip2' ? `Data integrity error when decompressing.\n\tInput file = ${name}, output file = ${out ?? '(stdout)'}` : f.tool === 'xz' ? `${name}: Compressed data is corrupt` : `${name} : Decoding error (36) : Corrupted block detected `);
      status = f.tool === 'bzip2' ? 2 : 1;
      continue;
    }
    if (stdout || out === null) {
      await ctx.stdout.write(plain);
      continue;
    }
    const target = resolvePath(ctx.cwd, out);
    if (exists(ctx, target) && !force) {
      if (f.tool === 'bzip2') await err(`Output file ${out} already exists.`);
      else if (f.tool === 'xz') await err(`${out}: File exists`);
      else await err(`${out} already exists; not overwritten  `);
      status = 1;
      continue;
    }
    try {
      const mode = ctx.fs.stat(resolvePath(ctx.cwd, name)).mode;
      ctx.fs.writeFile(target, plain, { mode });
      if (!keep) ctx.fs.unlink(resolvePath(ctx.cwd, name));
    } catch (e) {
      await err(`${out}: ${errorText(e)}`);
      status = 1;
      continue;
    }
    if (f.tool === 'zstd' && !quiet) await ctx.stderr.write(`${name.padEnd(20)}: ${plain.length} bytes \n`);
  }
  return status;
}

function exists(ctx: ProcessContext, path: string): boolean {
  try {
    ctx.fs.lstat(path);
    return true;
  } catch {
    return false;
  }
}

const program = (tool: Format['tool'], mode: 'compress' | 'decompress' | 'cat'): Program => (ctx) => run(ctx, FORMATS[tool], mode);

export const bzip2 = program('bzip2', 'compress');
export const bunzip2Program = program('bzip2', 'decompress');
export const bzcat = program('bzip2', 'cat');
export const xz = program('xz', 'compress');
export const unxzProgram = program('xz', 'decompress');
export const xzcat = program('xz', 'cat');
export const zstd = program('zstd', 'compress');
export const unzstd = program('zstd', 'decompress');
export const zstdcat = program('zstd', 'cat');
