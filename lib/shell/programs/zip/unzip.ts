/**
 * unzip (Info-ZIP 6.0, and BusyBox's applet): extract (`inflating:`/`extracting:`/`creating:` lines), -l list,
 * -t test, -p to stdout, -o overwrite, -n never overwrite, -q/-qq quiet, -d DIR, member names to select. An
 * existing file without -o/-n is asked about on the terminal (`replace a.txt? [y]es, [n]o, [A]ll, [N]one, [r]ename:`), and end of
 * input counts as None, as Info-ZIP does.
 */

import { basename, dirname, resolvePath } from '../../../engine/fs/path';
import { isFsError } from '../../../engine/fs/Types';
import { crc32 } from '../../../engine/format/crc32';
import { entryData, inflateEntry, readZip, ZipFormatError, type ZipEntry } from '../../../engine/format/zip';
import type { Program, ProcessContext } from '../../../engine/process/Types';
import { readLineFrom } from '../../../engine/process/streams';
import { decodeText } from '../../../engine/process/text';
import { globToRegExp } from '../lib/glob-match';
import { strftime } from '../lib/strftime';
import { zoneFromEnv, type Zone } from '../lib/timezone';
import { mkdirs } from '../pkg/common';

const NOT_A_ZIP =
  '  End-of-central-directory signature not found.  Either this file is not\n  a zipfile, or it constitutes one disk of a multi-part archive.  In the\n  latter case the central directory and zipfile comment will be found on\n  the last disk(s) of this archive.\n';

/** Info-ZIP's usage text (Debian's build): a bare `unzip` prints it on stdout, a bad option on stderr. */
const USAGE = 'UnZip 6.00 of 20 April 2009, by Debian. Original by Info-ZIP.\n\nUsage: unzip [-Z] [-opts[modifiers]] file[.zip] [list] [-x xlist] [-d exdir]\n  Default action is to extract files in list, except those in xlist, to exdir;\n  file[.zip] may be a wildcard.  -Z => ZipInfo mode (\"unzip -Z\" for usage).\n\n  -p  extract files to pipe, no messages     -l  list files (short format)\n  -f  freshen existing files, create none    -t  test compressed archive data\n  -u  update files, create if necessary      -z  display archive comment only\n  -v  list verbosely/show version info       -T  timestamp archive to latest\n  -x  exclude files that follow (in xlist)   -d  extract files into exdir\nmodifiers:\n  -n  never overwrite existing files         -q  quiet mode (-qq => quieter)\n  -o  overwrite files WITHOUT prompting      -a  auto-convert any text files\n  -j  junk paths (do not make directories)   -aa treat ALL files as text\n  -U  use escapes for all non-ASCII Unicode  -UU ignore any Unicode fields\n  -C  match filenames case-insensitively     -L  make (some) names lowercase\n  -X  restore UID/GID info                   -V  retain VMS version numbers\n  -K  keep setuid/setgid/tacky permissions   -M  pipe through \"more\" pager\nSee \"unzip -hh\" or unzip.txt for more help.  Examples:\n  unzip data1 -x joe   => extract all files except joe from zipfile data1.zip\n  unzip -p foo | more  => send contents of foo.zip via pipe into program more\n  unzip -fo foo ReadMe => quietly replace existing ReadMe if archive file newer\n';

interface Options {
  list: boolean;
  test: boolean;
  pipe: boolean;
  overwrite: 'ask' | 'always' | 'never';
  quiet: number;
  dir: string | null;
}

function parse(args: readonly string[]): { o: Options; archive: string | undefined; names: string[] } | { bad: string } {
  const o: Options = { test: false, list: false, pipe: false, overwrite: 'ask', quiet: 0, dir: null };
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('-') || a === '-') {
      rest.push(a);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j]!;
      if (c === 'l') o.list = true;
      else if (c === 't') o.test = true;
      else if (c === 'p') o.pipe = true;
      else if (c === 'o') o.overwrite = 'always';
      else if (c === 'n') o.overwrite = 'never';
      else if (c === 'q') o.quiet++;
      else if (c === 'd') {
        const v = j + 1 < a.length ? a.slice(j + 1) : args[++i];
        if (v === undefined) return { bad: 'd' };
        o.dir = v;
        break;
      } else return { bad: c };
    }
  }
  return { o, archive: rest[0], names: rest.slice(1) };
}

/** Finds the archive as Info-ZIP does: the name, then NAME.zip, then NAME.ZIP. */
function findArchive(ctx: ProcessContext, name: string): { path: string; shown: string } | null {
  for (const candidate of [name, `${name}.zip`, `${name}.ZIP`]) {
    try {
      const st = ctx.fs.stat(resolvePath(ctx.cwd, candidate));
      if (st.type === 'file') return { path: resolvePath(ctx.cwd, candidate), shown: candidate };
    } catch {
      // try the next spelling
    }
  }
  return null;
}

function listing(entries: readonly ZipEntry[], zone: Zone, busybox: boolean): string {
  let out = '  Length      Date    Time    Name\n---------  ---------- -----   ----\n';
  let total = 0;
  for (const e of entries) {
    total += e.size;
    const date = strftime(busybox ? '%m-%d-%Y %H:%M' : '%Y-%m-%d %H:%M', e.mtimeMs, zone);
    out += `${String(e.size).padStart(9)}  ${date}   ${e.name}\n`;
  }
  const n = entries.length;
  out += `${busybox ? ' --------' : '---------'}                     -------\n${String(total).padStart(9)}                     ${n} file${n === 1 ? '' : 's'}\n`;
  return out;
}

export const unzip: Program = async (ctx) => {
  const busybox = ctx.flavor !== 'gnu';
  // zipinfo is a link to unzip that lists in its own formats; those are not simulated.
  if (basename(ctx.argv[0] ?? '') === 'zipinfo') {
    await ctx.stderr.write('zipinfo: not simulated (use unzip -l)\n');
    return 10;
  }
  const parsed = parse(ctx.argv.slice(1));
  if ('bad' in parsed) {
    if (busybox) {
      await ctx.stderr.write(`unzip: invalid option -- '${parsed.bad}'\n`);
      return 1;
    }
    // An unknown option letter gets the usage (on stderr); -d without its directory only a one-line error.
    await ctx.stderr.write(parsed.bad === 'd' ? 'error:  must specify directory to which to extract with -d option\n' : USAGE);
    return 10;
  }
  const { o, archive, names } = parsed;
  if (archive === undefined) {
    if (busybox) {
      await ctx.stderr.write('unzip: missing archive name\n');
      return 1;
    }
    await ctx.stdout.write(USAGE);
    return 0;
  }
  const found = findArchive(ctx, archive);
  if (!found) {
    await ctx.stderr.write(busybox ? `unzip: can't open ${archive}[.zip]\n` : `unzip:  cannot find or open ${archive}, ${archive}.zip or ${archive}.ZIP.\n`);
    return busybox ? 1 : 9;
  }
  const zone = zoneFromEnv(ctx.env.get('TZ'), ctx.fs);
  const bytes = ctx.fs.readFile(found.path);
  let entries: ZipEntry[];
  try {
    entries = readZip(bytes, (ms) => zone.offsetMinutes(ms));
  } catch (e) {
    if (!(e instanceof ZipFormatError)) throw e;
    if (busybox) {
      await ctx.stderr.write('unzip: bad archive\n');
      return 1;
    }
    await ctx.stdout.write(`Archive:  ${found.shown}\n`);
    await ctx.stderr.write(`${NOT_A_ZIP}unzip:  cannot find zipfile directory in one of ${archive} or\n        ${archive}.zip, and cannot find ${archive}.ZIP, period.\n`);
    return 9;
  }
  const patterns = names.map((n) => globToRegExp(n));
  const selected = patterns.length === 0 ? entries : entries.filter((e) => patterns.some((re) => re.test(e.name)));
  let status = 0;
  const header = !o.pipe && o.quiet === 0;
  if (header) await ctx.stdout.write(`Archive:  ${found.shown}\n`);
  let damaged = false;
  if (o.list) await ctx.stdout.write(listing(selected, zone, busybox));
  else if (o.test) damaged = await testEntries(ctx, bytes, selected, o.quiet > 0);
  else {
    const r = await extract(ctx, bytes, selected, o, busybox);
    status = r;
  }
  const unmatched = names.filter((_, i) => !entries.some((e) => patterns[i]!.test(e.name)));
  // Info-ZIP reports unmatched names with the test results on stdout, and on stderr when extracting.
  for (const n of unmatched) await (o.test ? ctx.stdout : ctx.stderr).write(`caution: filename not matched:  ${n}\n`);
  if (o.test && o.quiet < 2) await ctx.stdout.write(damaged || unmatched.length > 0 ? `At least one error was detected in ${found.shown}.\n` : `No errors detected in compressed data of ${found.shown}.\n`);
  if (damaged) status = 2;
  if (unmatched.length > 0) status = 11;
  return status;
};

const hex8 = (n: number) => n.toString(16).padStart(8, '0');

/** unzip -t: decompress every member and check its CRC; true when one is damaged. */
async function testEntries(ctx: ProcessContext, bytes: Uint8Array, entries: readonly ZipEntry[], quiet: boolean): Promise<boolean> {
  let damaged = false;
  for (const e of entries) {
    let verdict = 'OK';
    try {
      const crc = crc32(inflateEntry(bytes, e));
      if (crc !== e.crc) verdict = `bad CRC ${hex8(crc)}  (should be ${hex8(e.crc)})`;
    } catch (err) {
      if (!(err instanceof ZipFormatError)) throw err;
      verdict = 'error:  invalid compressed data to inflate';
    }
    if (verdict !== 'OK') damaged = true;
    if (!quiet) await ctx.stdout.write(`    testing: ${e.name.padEnd(22)}   ${verdict}\n`);
    await ctx.checkpoint();
  }
  return damaged;
}

async function extract(ctx: ProcessContext, bytes: Uint8Array, entries: readonly ZipEntry[], o: Options, busybox: boolean): Promise<number> {
  let policy = o.overwrite;
  let status = 0;
  const base = o.dir === null ? ctx.cwd : resolvePath(ctx.cwd, o.dir);
  const say = async (text: string) => {
    if (o.quiet === 0) await ctx.stdout.write(text);
  };
  if (o.dir !== null && !o.pipe) mkdirs(ctx.fs, base);
  for (const e of entries) {
    await ctx.checkpoint();
    const shown = o.dir === null ? e.name : `${o.dir.replace(/\/+$/, '')}/${e.name}`;
    const path = resolvePath(base, e.name);
    if (o.pipe) {
      if (!e.isDir) await ctx.stdout.write(entryData(bytes, e));
      continue;
    }
    if (e.isDir) {
      let exists = false;
      try {
        exists = ctx.fs.stat(path).type === 'dir';
      } catch {
        exists = false;
      }
      if (!exists) {
        mkdirs(ctx.fs, path);
        await say(`   creating: ${shown}\n`);
      }
      continue;
    }
    let exists = false;
    try {
      ctx.fs.lstat(path);
      exists = true;
    } catch (err) {
      if (!isFsError(err, 'ENOENT')) throw err;
    }
    if (exists && policy === 'never') continue;
    if (exists && policy === 'ask') {
      await ctx.stderr.write(`replace ${shown}? [y]es, [n]o, [A]ll, [N]one, [r]ename: `);
      const line = await readLineFrom(ctx.stdin);
      const answer = line === null ? null : decodeText(line).replace(/\n$/, '');
      if (answer === null) {
        await ctx.stderr.write(' NULL\n(EOF or read error, treating as "[N]one" ...)\n');
        policy = 'never';
        status = 1;
        continue;
      }
      if (answer.startsWith('N')) {
        policy = 'never';
        continue;
      }
      if (answer.startsWith('A')) policy = 'always';
      else if (!answer.startsWith('y')) continue;
    }
    const data = entryData(bytes, e);
    mkdirs(ctx.fs, dirname(path));
    if (exists) ctx.fs.unlink(path);
    ctx.fs.writeFile(path, data, { mode: (e.mode ?? 0o644) & 0o7777 & ~ctx.umask });
    ctx.fs.utimes(path, e.mtimeMs);
    const verb = busybox || e.method !== 0 ? '  inflating' : ' extracting';
    await say(busybox ? `${verb}: ${shown}\n` : `${verb}: ${shown.padEnd(22)}  \n`);
  }
  return status;
}
