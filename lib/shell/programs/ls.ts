/**
 * ls: list directory contents (GNU coreutils 9 and BusyBox 1.36 formats).
 *
 * Long format columns are sized over each listing, owners and groups come from the machine's /etc/passwd and
 * /etc/group, sizes of devices show as `major, minor`, and columns are used when stdout is a terminal.
 * `--color` is accepted; output is never coloured.
 */

import { resolvePath } from '../../engine/fs/path';
import { isFsError, type Stat } from '../../engine/fs/Types';
import type { Program } from '../../engine/process/Types';
import { Accounts } from './lib/accounts';
import { formatColumns } from './lib/columns';
import { devNumbers, fullTime, humanSize, lsTime } from './lib/format';
import { blocks512, joinDisplay } from './lib/fsutil';
import { modeString } from './lib/mode';
import { errorText, Tool } from './lib/tool';

interface Entry {
  /** Name as shown (the operand as typed, or the directory entry name). */
  readonly name: string;
  /** Absolute path. */
  readonly path: string;
  readonly st: Stat;
  /** For symlinks in long format. */
  readonly target?: string;
  /** Stat of the symlink target, when it resolves (for -F on targets, -L). */
  readonly targetSt?: Stat | null;
}

interface LsOptions {
  all: boolean;
  almostAll: boolean;
  long: boolean;
  human: boolean;
  recursive: boolean;
  directory: boolean;
  sort: 'name' | 'time' | 'size' | 'none';
  reverse: boolean;
  inode: boolean;
  numeric: boolean;
  classify: 'none' | 'F' | 'p';
  format: 'long' | 'one' | 'columns' | 'across';
  dereference: boolean;
  noOwner: boolean;
  noGroup: boolean;
  size: boolean;
  fullTime: boolean;
  width: number;
  color: boolean;
}

export const ls: Program = async (ctx) => {
  const t = new Tool(ctx, { gnuUsageStatus: 2 });
  const parsed = await t.parse({
    short: t.gnu ? 'aAlhR1dtrSinFpCxLgosUfw:T:' : 'aAlhR1dtrSinFpCxLHsXvcueGw:',
    long: t.gnu
      ? {
          all: { key: 'a' },
          'almost-all': { key: 'A' },
          'human-readable': { key: 'h' },
          recursive: { key: 'R' },
          directory: { key: 'd' },
          reverse: { key: 'r' },
          inode: { key: 'i' },
          'numeric-uid-gid': { key: 'n' },
          classify: { key: 'F', arg: 'optional' },
          dereference: { key: 'L' },
          size: { key: 's' },
          color: { key: 'color', arg: 'optional' },
          colour: { key: 'color', arg: 'optional' },
          'full-time': { key: 'full-time' },
          width: { key: 'w', arg: 'required' },
          'group-directories-first': { key: 'gdf' },
          'no-group': { key: 'G' },
          sort: { key: 'sort', arg: 'required' },
        }
      : {
          color: { key: 'color', arg: 'optional' },
          'full-time': { key: 'full-time' },
          'group-directories-first': { key: 'gdf' },
        },
  });
  if (typeof parsed === 'number') return parsed;
  const a = parsed;

  const tty = ctx.stdout.isTTY;
  let width = ctx.tty?.columns ?? 80;
  const envCols = Number(ctx.env.get('COLUMNS'));
  if (t.gnu && Number.isInteger(envCols) && envCols > 0) width = envCols;
  if (a.has('w')) {
    const w = Number(a.get('w'));
    if (!Number.isInteger(w) || w < 0) {
      await t.error(`invalid line width: ${t.q(a.get('w') ?? '')}`);
      return 2;
    }
    width = w === 0 ? Number.MAX_SAFE_INTEGER : w;
  }
  const formatKey = a.last('l', '1', 'C', 'x', 'g', 'o', 'full-time');
  let format: LsOptions['format'] = tty ? 'columns' : 'one';
  if (formatKey === 'l' || formatKey === 'g' || formatKey === 'o' || formatKey === 'full-time') format = 'long';
  else if (formatKey === '1') format = 'one';
  else if (formatKey === 'C') format = 'columns';
  else if (formatKey === 'x') format = 'across';
  const sortArg = a.get('sort');
  let sort: LsOptions['sort'] = 'name';
  const sortKey = a.last('t', 'S', 'U', 'f', 'sort');
  if (sortKey === 't') sort = 'time';
  else if (sortKey === 'S') sort = 'size';
  else if (sortKey === 'U' || sortKey === 'f') sort = 'none';
  else if (sortKey === 'sort') sort = sortArg === 'time' ? 'time' : sortArg === 'size' ? 'size' : sortArg === 'none' ? 'none' : 'name';
  const o: LsOptions = {
    all: a.has('a') || a.has('f'),
    almostAll: a.has('A'),
    long: format === 'long',
    human: a.has('h'),
    recursive: a.has('R'),
    directory: a.has('d'),
    sort,
    reverse: a.has('r'),
    inode: a.has('i'),
    numeric: a.has('n'),
    classify: a.last('F', 'p') === 'F' ? 'F' : a.has('p') ? 'p' : 'none',
    format,
    dereference: a.has('L'),
    noOwner: a.has('g'),
    noGroup: a.has('o') || a.has('G'),
    size: a.has('s'),
    fullTime: a.has('full-time'),
    width,
    color: false,
  };
  const colorArg = a.has('color') ? (a.get('color') ?? 'always') : t.gnu ? 'never' : 'auto';
  if (!['always', 'yes', 'force', 'never', 'no', 'none', 'auto', 'tty', 'if-tty'].includes(colorArg)) {
    if (t.gnu) {
      await ctx.stderr.write(`${t.name}: invalid argument ${t.ql(colorArg)} for '--color'\nValid arguments are:\n  - 'always', 'yes', 'force'\n  - 'never', 'no', 'none'\n  - 'auto', 'tty', 'if-tty'\nTry '${t.name} --help' for more information.\n`);
      return 2;
    }
    return t.usage();
  }
  // BusyBox as Alpine builds it colours on a terminal by default (FEATURE_LS_COLOR_IS_DEFAULT).
  const color = ['always', 'yes', 'force'].includes(colorArg) || (['auto', 'tty', 'if-tty'].includes(colorArg) && tty);
  let colorStarted = false;
  o.color = color;
  /** Writes output; GNU resets attributes (`ESC[0m`) once, just before the first coloured name it prints. */
  const emit = async (text: string): Promise<void> => {
    if (color && t.gnu && !colorStarted) {
      const i = text.indexOf('\u001b[');
      if (i >= 0) {
        colorStarted = true;
        text = `${text.slice(0, i)}\u001b[0m${text.slice(i)}`;
      }
    }
    await ctx.stdout.write(text);
  };
  if (a.has('n') && formatKey !== '1' && formatKey !== 'C' && formatKey !== 'x') o.long = true;
  if (o.long) o.format = 'long';

  const accounts = Accounts.load(ctx.fs);
  const now = ctx.sys.clock.now();
  let status = 0;
  const serious = t.gnu ? 2 : 1;

  const operands = a.operands.length > 0 ? [...a.operands] : ['.'];
  const files: Entry[] = [];
  const dirs: Entry[] = [];
  for (const name of operands) {
    await ctx.checkpoint();
    const path = resolvePath(ctx.cwd, name);
    let st: Stat;
    try {
      st = ctx.fs.lstat(path);
      if (name.endsWith('/') && st.type === 'symlink') st = ctx.fs.stat(path);
    } catch (e) {
      await t.error(t.gnu ? `cannot access ${t.q(name)}: ${errorText(e)}` : `${name}: ${errorText(e)}`);
      status = serious;
      continue;
    }
    // Command-line symlinks are followed unless the link itself is to be shown (-l, -d, -F without -L).
    if (st.type === 'symlink' && (o.dereference || (!o.long && !o.directory && o.classify !== 'F'))) {
      try {
        st = ctx.fs.stat(path);
      } catch (e) {
        if (o.dereference) {
          await t.error(t.gnu ? `cannot access ${t.q(name)}: ${errorText(e)}` : `${name}: ${errorText(e)}`);
          status = serious;
          continue;
        }
      }
    }
    const entry = makeEntry(ctx.fs, name, path, st, o);
    if (st.type === 'dir' && !o.directory) dirs.push(entry);
    else files.push(entry);
  }

  const sortedFiles = sortEntries(files, o);
  let printed = false;
  if (sortedFiles.length > 0) {
    await printListing(sortedFiles, false);
    printed = true;
  }
  const sortedDirs = sortEntries(dirs, o);
  const showHeaders = operands.length > 1 || o.recursive;
  for (const d of sortedDirs) {
    await listDir(d.name, d.path, showHeaders);
  }
  return status !== 0 ? status : t.failed ? 1 : 0;

  async function listDir(display: string, path: string, header: boolean): Promise<void> {
    await ctx.checkpoint();
    let names: string[];
    try {
      names = ctx.fs.readdir(path);
    } catch (e) {
      if (t.gnu) await t.error(`cannot open directory ${t.q(display)}: ${errorText(e)}`);
      else await t.error(`can't open '${display}': ${errorText(e)}`);
      status = Math.max(status, display === dirsTop(display) ? serious : 1);
      return;
    }
    if (header) {
      await emit(`${printed ? '\n' : ''}${display}:\n`);
    }
    printed = true;
    const entries: Entry[] = [];
    const shown = o.all ? ['.', '..', ...names] : names.filter((n) => !n.startsWith('.') || (o.almostAll && n !== '.' && n !== '..'));
    for (const n of shown) {
      await ctx.checkpoint();
      const p = n === '.' ? path : n === '..' ? resolvePath(path, '..') : joinPath(path, n);
      try {
        let st = ctx.fs.lstat(p);
        if (o.dereference && st.type === 'symlink') {
          try {
            st = ctx.fs.stat(p);
          } catch {
            // A dangling link is listed as the link itself.
          }
        }
        entries.push(makeEntry(ctx.fs, n, p, st, o));
      } catch (e) {
        // A plain listing needs only the names readdir gave (GNU uses d_type and never stats), so a directory
        // with read but no search permission still lists; anything needing the inode reports the failure.
        const namesOnly = t.gnu && !o.long && o.classify === 'none' && o.sort !== 'time' && o.sort !== 'size' && !o.inode && !o.size && !o.color && !o.recursive;
        if (namesOnly && isFsError(e, 'EACCES')) {
          entries.push({ name: n, path: p, st: UNKNOWN_STAT });
          continue;
        }
        await t.error(t.gnu ? `cannot access ${t.q(joinDisplay(display, n))}: ${errorText(e)}` : `${joinDisplay(display, n)}: ${errorText(e)}`);
        status = Math.max(status, 1);
      }
    }
    const sorted = sortEntries(entries, o);
    await printListing(sorted, true);
    if (o.recursive) {
      for (const e of sorted) {
        if (e.st.type !== 'dir' || e.name === '.' || e.name === '..') continue;
        await listDir(joinDisplay(display, e.name), e.path, true);
      }
    }
  }

  function dirsTop(display: string): string {
    return operands.includes(display) ? display : '';
  }

  async function printListing(entries: readonly Entry[], isDir: boolean): Promise<void> {
    if (o.long) {
      await printLong(entries, isDir);
      return;
    }
    const blocksOf = (e: Entry) => Math.ceil(blocks512(e.st) / 2);
    if (o.size && isDir) await emit(`total ${formatTotal(entries.reduce((s, e) => s + blocksOf(e), 0))}\n`);
    // GNU pads inode and block columns in every format; BusyBox only when laying out columns.
    const pad = t.gnu || o.format !== 'one';
    const inodeW = o.inode && pad ? Math.max(...entries.map((e) => String(e.st.ino).length)) : 0;
    const blockW = o.size && pad ? Math.max(...entries.map((e) => sizeBlocks(blocksOf(e)).length)) : 0;
    const align = alignPrefix(entries);
    const cells = entries.map((e) => {
      let prefix = '';
      if (o.inode) prefix += String(e.st.ino).padStart(inodeW) + ' ';
      if (o.size) prefix += sizeBlocks(blocksOf(e)).padStart(blockW) + ' ';
      return prefix + (o.format === 'one' ? '' : align(e)) + paint(displayName(e.name, tty && t.gnu), e.st) + indicator(e);
    });
    if (o.format === 'one') {
      for (const c of cells) await emit(c + '\n');
      return;
    }
    for (const line of formatColumns(cells, { width: o.width, across: o.format === 'across', style: t.gnu ? 'gnu' : 'busybox', tabs: !color })) {
      await emit(line);
    }
  }

  function sizeBlocks(kb: number): string {
    return o.human ? humanSize(kb * 1024, t.gnu) : String(kb);
  }

  function formatTotal(kb: number): string {
    if (!o.human) return String(kb);
    if (t.gnu) return humanSize(kb * 1024, true);
    // BusyBox shows the total in whole units (rounded) and pads it to its size field width.
    if (kb === 0) return '0'.padEnd(7);
    let v = kb;
    let u = 1;
    while (v >= 1024 && u < 6) {
      v /= 1024;
      u++;
    }
    return `${Math.round(v)}${'BKMGTPE'[u]}`.padEnd(7);
  }

  async function printLong(entries: readonly Entry[], isDir: boolean): Promise<void> {
    if (isDir) {
      const total = entries.reduce((s, e) => s + Math.ceil(blocks512(e.st) / 2), 0);
      await emit(`total ${formatTotal(total)}\n`);
    }
    if (entries.length === 0) return;
    const owner = (e: Entry) => (o.numeric ? String(e.st.uid) : accounts.userName(e.st.uid));
    const group = (e: Entry) => (o.numeric ? String(e.st.gid) : accounts.groupName(e.st.gid));
    const isDev = (e: Entry) => e.st.type === 'chardev' || e.st.type === 'blockdev';
    const sizeText = (e: Entry) => (o.human ? humanSize(e.st.size, t.gnu) : String(e.st.size));
    if (t.gnu) {
      const inodeW = Math.max(...entries.map((e) => String(e.st.ino).length));
      const blockW = Math.max(...entries.map((e) => sizeBlocks(Math.ceil(blocks512(e.st) / 2)).length));
      const linkW = Math.max(...entries.map((e) => String(e.st.nlink).length));
      const ownerW = Math.max(...entries.map((e) => owner(e).length));
      const groupW = Math.max(...entries.map((e) => group(e).length));
      const devs = entries.filter(isDev).map((e) => devNumbers(e.st.rdev));
      const majorW = Math.max(0, ...devs.map((d) => String(d[0]).length));
      const minorW = Math.max(0, ...devs.map((d) => String(d[1]).length));
      const sizeW = Math.max(...entries.filter((e) => !isDev(e)).map((e) => sizeText(e).length), devs.length > 0 ? majorW + 2 + minorW : 0);
      const align = alignPrefix(entries);
      for (const e of entries) {
        await ctx.checkpoint();
        let line = '';
        if (o.inode) line += String(e.st.ino).padStart(inodeW) + ' ';
        if (o.size) line += sizeBlocks(Math.ceil(blocks512(e.st) / 2)).padStart(blockW) + ' ';
        line += modeString(e.st.type, e.st.mode) + ' ' + String(e.st.nlink).padStart(linkW) + ' ';
        if (!o.noOwner) line += owner(e).padEnd(ownerW) + ' ';
        if (!o.noGroup) line += group(e).padEnd(groupW) + ' ';
        if (isDev(e)) {
          const [maj, min] = devNumbers(e.st.rdev);
          line += `${String(maj).padStart(majorW)}, ${String(min).padStart(minorW)}`.padStart(sizeW) + ' ';
        } else line += sizeText(e).padStart(sizeW) + ' ';
        line += (o.fullTime ? fullTime(e.st.mtimeMs) : lsTime(e.st.mtimeMs, now)) + ' ';
        line += align(e) + paint(displayName(e.name, tty), e.st) + longSuffix(e);
        await emit(line + '\n');
      }
      return;
    }
    for (const e of entries) {
      await ctx.checkpoint();
      let line = '';
      if (o.inode) line += String(e.st.ino).padStart(8) + ' ';
      if (o.size) line += sizeBlocks(Math.ceil(blocks512(e.st) / 2)).padStart(6) + ' ';
      line += `${modeString(e.st.type, e.st.mode)} ${String(e.st.nlink).padStart(4)} `;
      line += `${owner(e).slice(0, 8).padEnd(8)} ${group(e).slice(0, 8).padEnd(8)} `;
      if (isDev(e)) {
        const [maj, min] = devNumbers(e.st.rdev);
        line += `${String(maj).padStart(4)}, ${String(min).padStart(4)} `;
      } else line += o.human ? `${sizeText(e).padStart(7)} ` : `${sizeText(e).padStart(9)} `;
      line += (o.fullTime ? fullTime(e.st.mtimeMs) : lsTime(e.st.mtimeMs, now)) + ' ';
      line += paint(e.name, e.st) + longSuffix(e);
      await emit(line + '\n');
    }
  }

  function longSuffix(e: Entry): string {
    if (e.st.type === 'symlink' && e.target !== undefined) {
      const tgt = e.targetSt && o.classify === 'F' ? indicatorFor(e.targetSt) : '';
      return ` -> ${e.targetSt ? paint(e.target, e.targetSt) : e.target}${tgt}`;
    }
    return indicator(e);
  }

  /**
   * On a terminal GNU quotes names that need it and, when any name in a listing is quoted, shifts the others by
   * one space so the names still line up (not in -1 output).
   */
  function alignPrefix(entries: readonly Entry[]): (e: Entry) => string {
    if (!t.gnu || !tty || !entries.some((e) => displayName(e.name, true) !== e.name)) return () => '';
    return (e) => (displayName(e.name, true) === e.name ? ' ' : '');
  }

  /**
   * Colours a name as `ls --color` does with no LS_COLORS set. GNU: dircolors' built-in defaults, a reset
   * (`ESC[0m`) before the first coloured name; BusyBox: `ESC[attr;colourm`...`ESC[m` around every name.
   */
  function paint(text: string, st: Stat): string {
    if (!color) return text;
    const exec = st.type === 'file' && (st.mode & 0o111) !== 0;
    if (!t.gnu) {
      const fg = exec ? 32 : { dir: 34, symlink: 36, fifo: 33, chardev: 33, blockdev: 33, socket: 35, file: 0 }[st.type];
      const bold = exec || ['dir', 'symlink', 'chardev', 'blockdev', 'socket'].includes(st.type) ? 1 : 0;
      return `\u001b[${bold};${fg}m${text}\u001b[m`;
    }
    let code = '';
    if (st.type === 'dir') code = st.mode & 0o1000 && st.mode & 0o002 ? '30;42' : st.mode & 0o002 ? '34;42' : st.mode & 0o1000 ? '37;44' : '01;34';
    else if (st.type === 'symlink') code = '01;36';
    else if (st.type === 'fifo') code = '40;33';
    else if (st.type === 'socket') code = '01;35';
    else if (st.type === 'chardev' || st.type === 'blockdev') code = '40;33;01';
    else if (st.mode & 0o4000) code = '37;41';
    else if (st.mode & 0o2000) code = '30;43';
    else if (exec) code = '01;32';
    if (code === '') return text;
    return `\u001b[${code}m${text}\u001b[0m`;
  }

  function indicator(e: Entry): string {
    if (o.classify === 'none') return '';
    if (o.classify === 'p') return e.st.type === 'dir' ? '/' : '';
    if (e.st.type === 'symlink' && o.long) return '';
    return indicatorFor(e.st);
  }
};

/** Stands in for an entry that could not be stat'ed in a names-only listing. */
const UNKNOWN_STAT: Stat = { type: 'file', mode: 0, uid: -1, gid: -1, size: 0, mtimeMs: 0, ino: 0, nlink: 0, rdev: 0 };

function indicatorFor(st: Stat): string {
  switch (st.type) {
    case 'dir':
      return '/';
    case 'symlink':
      return '@';
    case 'fifo':
      return '|';
    case 'socket':
      return '=';
    case 'file':
      return st.mode & 0o111 ? '*' : '';
    default:
      return '';
  }
}

function joinPath(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}

function makeEntry(fs: import('../../engine/fs/Types').FsClient, name: string, path: string, st: Stat, o: LsOptions): Entry {
  if (st.type !== 'symlink') return { name, path, st };
  let target: string | undefined;
  try {
    target = fs.readlink(path);
  } catch {
    target = undefined;
  }
  let targetSt: Stat | null = null;
  if ((o.classify === 'F' || o.color) && o.long) {
    try {
      targetSt = fs.stat(path);
    } catch (e) {
      if (!isFsError(e)) throw e;
    }
  }
  return { name, path, st, target, targetSt };
}

function sortEntries(entries: readonly Entry[], o: LsOptions): Entry[] {
  const out = [...entries];
  const byName = (a: Entry, b: Entry) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  if (o.sort === 'name') out.sort(byName);
  else if (o.sort === 'time') out.sort((a, b) => b.st.mtimeMs - a.st.mtimeMs || byName(a, b));
  else if (o.sort === 'size') out.sort((a, b) => b.st.size - a.st.size || byName(a, b));
  if (o.reverse && o.sort !== 'none') out.reverse();
  return out;
}

/** GNU ls on a terminal quotes names that need it for the shell (`'a b'`); elsewhere names are printed raw. */
function displayName(name: string, quote: boolean): string {
  if (!quote || !/[\s'"$`\\!*?&|;<>(){}[\]#~]/.test(name)) return name;
  if (!name.includes("'")) return `'${name}'`;
  return `"${name.replace(/(["$`\\])/g, '\\$1')}"`;
}
