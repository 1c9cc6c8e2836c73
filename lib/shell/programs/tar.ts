/**
 * tar: create (c), extract (x) and list (t) archives, GNU tar 1.34 and BusyBox style. Archives are real
 * ustar/PAX bytes from the engine's tar codec (lib/engine/format/tar), so they round-trip with `docker cp`,
 * `docker save`/`load` and real tar. Compression: -z (gzip) both ways; reading also accepts bzip2, xz and zstd.
 *
 * Options: -c -x -t, -f FILE (`-` or none: stdin/stdout), -v (-vv), -z -j -J -a (reading), -C DIR, -O,
 * --strip-components=N, -p/--same-permissions, --same-owner/--no-same-owner, --numeric-owner, -k, -m,
 * --exclude=PATTERN, --owner/--group (create), old-style bundles (`tar cvf x.tar dir`).
 * As root, extraction keeps owners and modes; otherwise files belong to the user and the umask applies.
 */

import { basename, normalize, resolvePath } from '../../engine/fs/path';
import { FsError, isFsError, type FsClient, type Stat } from '../../engine/fs/Types';
import { decompress, detectCompression, gzip } from '../../engine/format/compression';
import { readTar, TarFormatError, writeTar, type TarEntry, type TarWriteEntry } from '../../engine/format/tar';
import type { Program } from '../../engine/process/Types';
import { readAll } from '../../engine/process/streams';
import { Accounts } from './lib/accounts';
import { isoMinute } from './lib/format';
import { globToRegExp } from './lib/glob-match';
import { modeString } from './lib/mode';
import { errorText, Tool } from './lib/tool';

/** Letters of old-style bundles that take a value from the following arguments. */
const VALUE_LETTERS = new Set(['f', 'C', 'b', 'T', 'X', 'N', 'g', 'K', 'L', 'V']);

/** Turns `tar cvf x.tar d` into `tar -c -v -f x.tar d` (the traditional first argument without a dash). */
export function expandOldStyle(args: readonly string[]): string[] {
  const first = args[0];
  if (first === undefined || first.startsWith('-') || !/^[A-Za-z]+$/.test(first)) return [...args];
  const out: string[] = [];
  let next = 1;
  for (const c of first) {
    out.push(`-${c}`);
    if (VALUE_LETTERS.has(c) && next < args.length) out.push(args[next++]!);
  }
  return [...out, ...args.slice(next)];
}

function typeChar(e: TarEntry, gnu: boolean): string {
  switch (e.type) {
    case 'dir':
      return 'd';
    case 'symlink':
      return 'l';
    case 'hardlink':
      return gnu ? 'h' : '-';
    case 'chardev':
      return 'c';
    case 'blockdev':
      return 'b';
    case 'fifo':
      return 'p';
    default:
      return '-';
  }
}

export const tar: Program = async (ctx) => {
  const t = new Tool(ctx, { gnuUsageStatus: 2 });
  const gnu = t.gnu;
  const parsed = await t.parse(
    {
      short: gnu ? 'cxtf:vzjJaC:OpkmhPZT:' : 'cxtf:vzjJaC:OpkmhZT:X:o',
      long: gnu
        ? {
            create: { key: 'c' },
            extract: { key: 'x' },
            get: { key: 'x' },
            list: { key: 't' },
            file: { key: 'f', arg: 'required' },
            verbose: { key: 'v' },
            gzip: { key: 'z' },
            gunzip: { key: 'z' },
            bzip2: { key: 'j' },
            xz: { key: 'J' },
            'auto-compress': { key: 'a' },
            directory: { key: 'C', arg: 'required' },
            'to-stdout': { key: 'O' },
            'same-permissions': { key: 'p' },
            'preserve-permissions': { key: 'p' },
            'same-owner': { key: 'same-owner' },
            'no-same-owner': { key: 'no-same-owner' },
            'no-same-permissions': { key: 'no-same-permissions' },
            'numeric-owner': { key: 'numeric-owner' },
            'keep-old-files': { key: 'k' },
            'touch': { key: 'm' },
            'strip-components': { key: 'strip', arg: 'required' },
            exclude: { key: 'exclude', arg: 'required' },
            owner: { key: 'owner', arg: 'required' },
            group: { key: 'group', arg: 'required' },
            'absolute-names': { key: 'P' },
            'dereference': { key: 'h' },
            'overwrite': { key: 'overwrite' },
          }
        : { 'strip-components': { key: 'strip', arg: 'required' }, exclude: { key: 'exclude', arg: 'required' }, 'no-same-owner': { key: 'no-same-owner' }, 'numeric-owner': { key: 'numeric-owner' } },
    },
    expandOldStyle(ctx.argv.slice(1)),
  );
  if (typeof parsed === 'number') return parsed;
  const a = parsed;
  const modes = ['c', 'x', 't'].filter((m) => a.has(m));
  if (modes.length !== 1) {
    if (!gnu) return t.usage();
    if (modes.length === 0) return usageTar("You must specify one of the '-Acdtrux', '--delete' or '--test-label' options");
    return usageTar("You may not specify more than one '-Acdtrux', '--delete' or  '--test-label' option");
  }
  const mode = modes[0]!;
  const accounts = Accounts.load(ctx.fs);
  const state = { errors: false, fatal: false };
  const verbose = a.count('v');
  const archiveName = a.get('f') ?? '-';
  const toStdout = archiveName === '-';
  const diag = async (msg: string) => {
    await ctx.stderr.write(`${t.name}: ${msg}\n`);
  };
  const fail = async (msg: string) => {
    state.errors = true;
    await diag(msg);
  };
  const finish = async (): Promise<number> => {
    if (state.errors) {
      if (gnu) await diag('Exiting with failure status due to previous errors');
      return gnu ? 2 : 1;
    }
    return 0;
  };
  const fatal = async (msg: string): Promise<number> => {
    await diag(msg);
    if (gnu) await diag('Error is not recoverable: exiting now');
    return gnu ? 2 : 1;
  };

  if (mode === 'c') return create();
  return readArchive();

  /** GNU tar's usage errors point at `--usage` too. */
  async function usageTar(message: string): Promise<number> {
    await ctx.stderr.write(`${t.name}: ${message}\nTry '${t.name} --help' or '${t.name} --usage' for more information.\n`);
    return 2;
  }

  // ---------------------------------------------------------------------------------------------------------
  async function create(): Promise<number> {
    const operands = a.operands;
    if (operands.length === 0) {
      if (!gnu) {
        await diag('empty archive');
        return 1;
      }
      return usageTar('Cowardly refusing to create an empty archive');
    }
    if (a.has('j') || a.has('J')) return fatal('only gzip compression (-z) is available when creating archives here');
    if (toStdout && ctx.stdout.isTTY && gnu) return fatal('Refusing to write archive contents to terminal (missing -f option?)');
    const base = a.has('C') ? t.abs(a.get('C')!) : ctx.cwd;
    const archivePath = toStdout ? null : t.abs(archiveName);
    const excludes = a.all('exclude').map((p) => globToRegExp(p));
    const ownerOverride = a.has('owner') ? resolveOwner(a.get('owner')!, true) : undefined;
    const groupOverride = a.has('group') ? resolveOwner(a.get('group')!, false) : undefined;
    const entries: TarWriteEntry[] = [];
    const links = new Map<number, string>();
    const vout = toStdout ? ctx.stderr : ctx.stdout;
    let warnedSlash = false;

    const add = async (name: string, path: string): Promise<void> => {
      await ctx.checkpoint();
      if (excludes.some((re) => re.test(basename(name)) || re.test(name))) return;
      let st: Stat;
      try {
        st = a.has('h') ? ctx.fs.stat(path) : ctx.fs.lstat(path);
      } catch (e) {
        await fail(gnu ? `${name}: Cannot stat: ${errorText(e)}` : `${name}: ${errorText(e)}`);
        return;
      }
      if (archivePath !== null && path === archivePath) {
        if (gnu) await diag(`${name}: file is the archive; not dumped`);
        return;
      }
      let stored = name;
      if (!a.has('P')) {
        const stripped = stored.replace(/^\/+/, '');
        if (stripped !== stored) {
          if (!warnedSlash) await diag(gnu ? "Removing leading `/' from member names" : "removing leading '/' from member names");
          warnedSlash = true;
          stored = stripped;
        }
      }
      if (stored === '') stored = '.';
      const common = {
        mode: st.mode & 0o7777,
        uid: ownerOverride?.id ?? st.uid,
        gid: groupOverride?.id ?? st.gid,
        uname: ownerOverride?.name ?? accounts.user(st.uid)?.name ?? '',
        gname: groupOverride?.name ?? (accounts.groupName(st.gid) === String(st.gid) ? '' : accounts.groupName(st.gid)),
        mtime: Math.floor(st.mtimeMs / 1000),
      };
      if (verbose) await vout.write(verbose > 1 ? listLine(stored + (st.type === 'dir' ? '/' : ''), st, common.uname || String(common.uid), common.gname || String(common.gid)) : `${stored}${st.type === 'dir' && !stored.endsWith('/') ? '/' : ''}\n`);
      if (st.type === 'dir') {
        entries.push({ ...common, name: stored.endsWith('/') ? stored : `${stored}/`, type: 'dir' });
        let names: string[];
        try {
          names = ctx.fs.readdir(path);
        } catch (e) {
          await fail(gnu ? `${name}: Cannot open: ${errorText(e)}` : `${name}: ${errorText(e)}`);
          return;
        }
        for (const n of names) await add(name.endsWith('/') ? `${name}${n}` : `${name}/${n}`, path === '/' ? `/${n}` : `${path}/${n}`);
        return;
      }
      if (st.type !== 'symlink' && st.nlink > 1) {
        const first = links.get(st.ino);
        if (first !== undefined) {
          entries.push({ ...common, name: stored, type: 'hardlink', linkname: first });
          return;
        }
        links.set(st.ino, stored);
      }
      if (st.type === 'file') {
        let content: Uint8Array;
        try {
          content = ctx.fs.readFile(path);
        } catch (e) {
          await fail(gnu ? `${name}: Cannot open: ${errorText(e)}` : `${name}: ${errorText(e)}`);
          return;
        }
        entries.push({ ...common, name: stored, type: 'file', content });
      } else if (st.type === 'symlink') {
        entries.push({ ...common, name: stored, type: 'symlink', linkname: ctx.fs.readlink(path) });
      } else if (st.type === 'chardev' || st.type === 'blockdev' || st.type === 'fifo') {
        entries.push({ ...common, name: stored, type: st.type, devmajor: (st.rdev >> 8) & 0xfff, devminor: st.rdev & 0xff });
      } else if (gnu) await diag(`${name}: socket ignored`);
    };

    for (const op of operands) await add(op, resolvePath(base, op));
    let bytes: Uint8Array = writeTar(entries);
    if (a.has('z')) bytes = gzip(bytes);
    if (toStdout) await ctx.stdout.write(bytes);
    else {
      try {
        ctx.fs.writeFile(archivePath!, bytes, { mode: 0o666 & ~ctx.umask });
      } catch (e) {
        return fatal(gnu ? `${archiveName}: Cannot open: ${errorText(e)}` : `can't open '${archiveName}': ${errorText(e)}`);
      }
    }
    return finish();
  }

  function resolveOwner(spec: string, user: boolean): { id: number; name: string } | undefined {
    const [namePart, idPart] = spec.split(':');
    const id = idPart !== undefined ? Number(idPart) : user ? accounts.resolveUser(namePart!) : accounts.resolveGroup(namePart!);
    if (id === undefined || Number.isNaN(id)) return undefined;
    return { id, name: /^\d+$/.test(namePart!) ? '' : namePart! };
  }

  function listLine(name: string, st: Stat, owner: string, group: string): string {
    return `${modeString(st.type, st.mode)} ${owner}/${group} ${String(st.size).padStart(19 - owner.length - group.length - 2)} ${isoMinute(st.mtimeMs)} ${name}\n`;
  }

  // ---------------------------------------------------------------------------------------------------------
  async function readArchive(): Promise<number> {
    let raw: Uint8Array;
    if (toStdout) raw = await readAll(ctx.stdin);
    else {
      try {
        raw = ctx.fs.readFile(t.abs(archiveName));
      } catch (e) {
        if (isFsError(e, 'EISDIR')) return fatal(gnu ? `${archiveName}: Cannot read: Is a directory` : `read error: Is a directory`);
        return fatal(gnu ? `${archiveName}: Cannot open: ${errorText(e)}` : `can't open '${archiveName}': ${errorText(e)}`);
      }
    }
    const compression = detectCompression(raw);
    if (compression !== 'none') {
      if (toStdout && gnu && !a.has('z') && !a.has('j') && !a.has('J') && !a.has('a')) return fatal('Archive is compressed. Use -z option');
      try {
        raw = decompress(raw).data;
      } catch (e) {
        if (gnu) {
          await diag(`Child returned status 1`);
          return fatal(`${compression}: ${errorText(e)}`);
        }
        return fatal(errorText(e));
      }
    } else if (a.has('z')) {
      if (gnu) {
        await ctx.stderr.write('\ngzip: stdin: not in gzip format\n');
        await diag('Child returned status 1');
        await diag('Error is not recoverable: exiting now');
        return 2;
      }
      await diag('invalid magic');
      await diag('short read');
      return 1;
    }
    if (raw.length === 0) {
      if (!gnu) {
        await diag('short read');
        return 1;
      }
      return finish();
    }

    const selectors = a.operands.map((s) => s.replace(/\/+$/, ''));
    const matched = new Set<string>();
    const strip = a.has('strip') ? Number(a.get('strip')) : 0;
    if (!Number.isInteger(strip) || strip < 0) {
      await diag(`Invalid number of elements: ${t.ql(a.get('strip') ?? '')}`);
      return gnu ? 2 : 1;
    }
    const excludes = a.all('exclude').map((p) => globToRegExp(p));
    const dest = a.has('C') ? t.abs(a.get('C')!) : ctx.cwd;
    if (mode === 'x' && a.has('C')) {
      try {
        if (ctx.fs.stat(dest).type !== 'dir') throw new FsError('ENOTDIR', 'chdir', dest);
      } catch (e) {
        return fatal(gnu ? `${a.get('C')}: Cannot open: ${errorText(e)}` : `can't change directory to '${a.get('C')}': ${errorText(e)}`);
      }
    }
    const isRoot = ctx.cred.uid === 0;
    const sameOwner = a.has('same-owner') || (isRoot && !a.has('no-same-owner'));
    const samePerms = a.has('p') || (isRoot && !a.has('no-same-permissions'));
    const deferredDirs: { path: string; entry: TarEntry }[] = [];
    let warnedSlash = false;
    let sizeWidth = 19;

    try {
      for (const entry of readTar(raw)) {
        await ctx.checkpoint();
        if (entry.type === 'other') continue;
        const name = entry.name;
        const bare = name.replace(/\/+$/, '');
        if (selectors.length > 0) {
          const sel = selectors.find((s) => bare === s || bare.startsWith(`${s}/`) || globToRegExp(s).test(bare));
          if (sel === undefined) continue;
          matched.add(sel);
        }
        if (excludes.some((re) => re.test(basename(bare)) || re.test(bare))) continue;
        if (mode === 't') {
          if (verbose) await ctx.stdout.write(verboseLine(entry));
          else await ctx.stdout.write(`${name}\n`);
          continue;
        }
        // Extract.
        let rel = name;
        if (!a.has('P') && rel.startsWith('/')) {
          rel = rel.replace(/^\/+/, '');
          if (!warnedSlash) await diag(gnu ? "Removing leading `/' from member names" : "removing leading '/' from member names");
          warnedSlash = true;
        }
        if (rel.split('/').includes('..')) {
          await fail(gnu ? `${name}: Member name contains '..'` : `${name}: path contains '..'`);
          continue;
        }
        if (strip > 0) {
          const parts = rel.split('/').filter((p) => p !== '');
          if (parts.length <= strip) continue;
          rel = parts.slice(strip).join('/') + (entry.type === 'dir' ? '/' : '');
        }
        if (a.has('O')) {
          if (entry.type === 'file') await ctx.stdout.write(entry.data);
          continue;
        }
        if (verbose) await ctx.stdout.write(verbose > 1 ? verboseLine(entry) : `${name}\n`);
        if (normalize(rel) === '.' && entry.type === 'dir') continue;
        const path = resolvePath(dest, rel);
        await extractOne(entry, path, rel, isRoot, sameOwner, samePerms, deferredDirs);
      }
    } catch (e) {
      if (e instanceof TarFormatError) {
        if (!gnu) {
          await diag(e.kind === 'truncated' ? 'short read' : 'invalid tar magic');
          return 1;
        }
        if (e.kind === 'truncated' && raw.length >= 512) return fatal('Unexpected EOF in archive');
        await diag('This does not look like a tar archive');
        state.errors = true;
        return finish();
      }
      throw e;
    }
    // Directory modes and times last, deepest first, so their contents could be written.
    for (const d of deferredDirs.reverse()) {
      try {
        if (!a.has('m')) ctx.fs.utimes(d.path, d.entry.mtime * 1000);
        ctx.fs.chmod(d.path, samePerms ? d.entry.mode & 0o7777 : d.entry.mode & 0o777 & ~ctx.umask);
      } catch {
        // The directory was replaced or is not ours; GNU tar stays quiet here too.
      }
    }
    for (const s of selectors) {
      if (!matched.has(s)) await fail(gnu ? `${s}: Not found in archive` : `${s}: not found in archive`);
    }
    return finish();

    function verboseLine(e: TarEntry): string {
      const perm = typeChar(e, gnu) + modeString('file', e.mode).slice(1);
      const owner = a.has('numeric-owner') || !e.uname ? String(e.uid) : e.uname;
      const group = a.has('numeric-owner') || !e.gname ? String(e.gid) : e.gname;
      const size = e.type === 'chardev' || e.type === 'blockdev' ? `${e.devmajor},${e.devminor}` : String(e.size);
      let tail = e.name;
      if (e.type === 'symlink') tail += ` -> ${e.linkname}`;
      if (e.type === 'hardlink') tail += gnu ? ` link to ${e.linkname}` : ` -> ${e.linkname}`;
      const ms = e.mtime * 1000;
      if (!gnu) {
        const d = new Date(ms);
        const sec = String(d.getUTCSeconds()).padStart(2, '0');
        return `${perm} ${owner}/${group} ${size.padStart(9)} ${isoMinute(ms)}:${sec} ${tail}\n`;
      }
      // GNU tar widens the owner/size column as needed and keeps it wide for later lines.
      sizeWidth = Math.max(sizeWidth, owner.length + group.length + 1 + size.length + 1);
      return `${perm} ${owner}/${group} ${size.padStart(sizeWidth - owner.length - group.length - 2)} ${isoMinute(ms)} ${tail}\n`;
    }
  }

  async function extractOne(
    entry: TarEntry,
    path: string,
    rel: string,
    isRoot: boolean,
    sameOwner: boolean,
    samePerms: boolean,
    deferredDirs: { path: string; entry: TarEntry }[],
  ): Promise<void> {
    const fs: FsClient = ctx.fs;
    const cannot = async (what: string, e: unknown) => {
      await fail(gnu ? `${rel}: ${what}: ${errorText(e)}` : `${rel}: ${errorText(e)}`);
    };
    ensureParents(fs, path, ctx.umask);
    let existing: Stat | null = null;
    try {
      existing = fs.lstat(path);
    } catch {
      existing = null;
    }
    if (existing && entry.type !== 'dir') {
      if (a.has('k')) {
        await fail(gnu ? `${rel}: Cannot open: File exists` : `${rel}: File exists`);
        return;
      }
      try {
        if (existing.type === 'dir') fs.rmdir(path);
        else fs.unlink(path);
      } catch (e) {
        await cannot('Cannot unlink', e);
        return;
      }
    }
    const owner = () => {
      if (!sameOwner) return;
      const uid = (!a.has('numeric-owner') && entry.uname && accounts.userByName(entry.uname)?.id) || entry.uid;
      const gid = (!a.has('numeric-owner') && entry.gname && accounts.gidByName(entry.gname)) || entry.gid;
      fs.chown(path, uid, gid, entry.type === 'symlink');
    };
    const permBits = samePerms ? entry.mode & 0o7777 : entry.mode & 0o777 & ~ctx.umask;
    try {
      switch (entry.type) {
        case 'dir':
          if (!existing) fs.mkdir(path, 0o700);
          else if (existing.type !== 'dir') {
            fs.unlink(path);
            fs.mkdir(path, 0o700);
          }
          owner();
          deferredDirs.push({ path, entry });
          return;
        case 'file':
          fs.writeFile(path, entry.data.slice(), { mode: permBits });
          owner();
          fs.chmod(path, permBits);
          if (!a.has('m')) fs.utimes(path, entry.mtime * 1000);
          return;
        case 'symlink':
          fs.symlink(entry.linkname, path);
          owner();
          return;
        case 'hardlink': {
          let target = entry.linkname.replace(/^\/+/, '');
          if (strip(target) === null) return;
          target = strip(target)!;
          fs.link(resolvePath(a.has('C') ? t.abs(a.get('C')!) : ctx.cwd, target), path);
          return;
        }
        case 'chardev':
        case 'blockdev':
        case 'fifo':
          if (!isRoot && entry.type !== 'fifo') throw new FsError('EPERM', 'mknod', path);
          fs.mknod(path, entry.type, permBits, (entry.devmajor << 8) | entry.devminor);
          owner();
          return;
      }
    } catch (e) {
      if (entry.type === 'hardlink') await cannot(`Cannot hard link to ${t.q(entry.linkname)}`, e);
      else if (entry.type === 'symlink') await cannot('Cannot create symlink to ' + t.q(entry.linkname), e);
      else if (entry.type === 'dir') await cannot('Cannot mkdir', e);
      else if (entry.type === 'file') await cannot('Cannot open', e);
      else await cannot('Cannot mknod', e);
    }
  }

  function strip(name: string): string | null {
    const n = a.has('strip') ? Number(a.get('strip')) : 0;
    if (n === 0) return name;
    const parts = name.split('/').filter((p) => p !== '');
    if (parts.length <= n) return null;
    return parts.slice(n).join('/');
  }
};

/** Creates missing parent directories of `path` (tar makes them as needed, 0777 & ~umask). */
function ensureParents(fs: FsClient, path: string, umask: number): void {
  const parts = path.split('/').filter((p) => p !== '');
  let cur = '';
  for (let i = 0; i < parts.length - 1; i++) {
    cur += `/${parts[i]}`;
    try {
      fs.lstat(cur);
    } catch (e) {
      if (!isFsError(e, 'ENOENT')) return;
      try {
        fs.mkdir(cur, 0o777 & ~umask);
      } catch {
        return;
      }
    }
  }
}

