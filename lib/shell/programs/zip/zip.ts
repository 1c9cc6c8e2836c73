/**
 * zip (Info-ZIP 3.0): add files to an archive (`zip x.zip a b`, `-r` recursing into directories, `-j` junking
 * paths, `-q` quiet), `.zip` appended to a name without a suffix, members already in the archive replaced in place
 * (`updating:`), `(stored 0%)`/`(deflated NN%)` as zip words them, and its warnings for names that match nothing.
 */

import { basename, resolvePath } from '../../../engine/fs/path';
import type { Stat } from '../../../engine/fs/Types';
import { readZip, entryData, writeZip, ZipFormatError, type NewEntry } from '../../../engine/format/zip';
import type { Program, ProcessContext } from '../../../engine/process/Types';
import { zoneFromEnv } from '../lib/timezone';

/** Info-ZIP's percent(): the saving rounded half up, 0 when nothing was saved. */
function percent(size: number, compressed: number): number {
  return size > compressed ? Math.trunc((1 + Math.trunc((200 * (size - compressed)) / size)) / 2) : 0;
}

interface Options {
  recurse: boolean;
  junk: boolean;
  quiet: boolean;
}

/** Members for one operand: the file, or the directory (and with -r everything under it), in readdir order. */
function collect(ctx: ProcessContext, operand: string, o: Options, out: { name: string; path: string; st: Stat }[]): boolean {
  const path = resolvePath(ctx.cwd, operand);
  let st: Stat;
  try {
    st = ctx.fs.stat(path);
  } catch {
    return false;
  }
  const clean = operand.replace(/^\.\//, '').replace(/\/+$/, '');
  const name = o.junk ? basename(clean) : clean;
  if (st.type === 'dir') {
    if (!o.junk) out.push({ name: `${name}/`, path, st });
    if (o.recurse) for (const child of ctx.fs.readdir(path)) collect(ctx, `${clean}/${child}`, o, out);
  } else out.push({ name, path, st });
  return true;
}

export const zip: Program = async (ctx) => {
  const o: Options = { recurse: false, junk: false, quiet: false };
  const operands: string[] = [];
  for (const a of ctx.argv.slice(1)) {
    if (a.startsWith('-') && a.length > 1) {
      for (const c of a.slice(1)) {
        if (c === 'r') o.recurse = true;
        else if (c === 'j') o.junk = true;
        else if (c === 'q') o.quiet = true;
        else if (!/[0-9y]/.test(c)) {
          await ctx.stdout.write(`\nzip error: Invalid command arguments (short option '${c}' not supported)\n`);
          return 16;
        }
      }
    } else operands.push(a);
  }
  const [archiveArg, ...files] = operands;
  if (archiveArg === undefined) {
    await ctx.stdout.write('\nzip error: Invalid command arguments (nothing to select from)\n');
    return 16;
  }
  const archive = /\.[^/]*$/.test(basename(archiveArg)) ? archiveArg : `${archiveArg}.zip`;
  const archivePath = resolvePath(ctx.cwd, archive);
  const zone = zoneFromEnv(ctx.env.get('TZ'), ctx.fs);

  const members: NewEntry[] = [];
  let existing: Uint8Array | null = null;
  try {
    existing = ctx.fs.readFile(archivePath);
  } catch {
    existing = null;
  }
  if (existing !== null) {
    try {
      for (const e of readZip(existing, (ms) => zone.offsetMinutes(ms))) {
        members.push({ name: e.name, data: entryData(existing, e), mtimeMs: e.mtimeMs, mode: e.mode ?? (e.isDir ? 0o40755 : 0o100644), isDir: e.isDir, offsetMinutes: zone.offsetMinutes(e.mtimeMs) });
      }
    } catch (e) {
      if (!(e instanceof ZipFormatError)) throw e;
      await ctx.stdout.write(`\nzip error: Zip file structure invalid (${archive})\n`);
      return 3;
    }
  }

  const found: { name: string; path: string; st: Stat }[] = [];
  for (const f of files) {
    if (!collect(ctx, f, o, found)) await ctx.stdout.write(`\tzip warning: name not matched: ${f}\n`);
    await ctx.checkpoint();
  }
  if (found.length === 0) {
    await ctx.stdout.write(`\nzip error: Nothing to do! (${archive})\n`);
    return 12;
  }
  const verbs = new Map<string, string>();
  for (const f of found) {
    if (f.path === archivePath) continue;
    const isDir = f.st.type === 'dir';
    const entry: NewEntry = {
      name: f.name,
      data: isDir ? new Uint8Array(0) : ctx.fs.readFile(f.path),
      mtimeMs: f.st.mtimeMs,
      mode: f.st.mode | (isDir ? 0o40000 : 0o100000),
      isDir,
      offsetMinutes: zone.offsetMinutes(f.st.mtimeMs),
    };
    const at = members.findIndex((m) => m.name === f.name);
    verbs.set(f.name, at >= 0 ? 'updating' : '  adding');
    if (at >= 0) members[at] = entry;
    else members.push(entry);
  }
  const { bytes, written } = writeZip(members);
  for (const w of written) {
    const verb = verbs.get(w.name);
    if (verb === undefined || o.quiet) continue;
    const how = w.method === 8 ? `deflated ${percent(w.size, w.compressedSize)}%` : 'stored 0%';
    await ctx.stdout.write(`${verb}: ${w.name} (${how})\n`);
  }
  ctx.fs.writeFile(archivePath, bytes, { mode: 0o644 & ~ctx.umask });
  return 0;
};
