/**
 * stat: display file status in GNU coreutils' or BusyBox's default layout, or with -c/--format/--printf.
 * The simulated filesystems keep one timestamp, so access, modify and change times are all the mtime and the
 * birth time is unknown (`-`), as on filesystems that do not record it.
 */

import type { Stat } from '../../engine/fs/Types';
import type { Program } from '../../engine/process/Types';
import { Accounts } from './lib/accounts';
import { devNumbers, fullTime } from './lib/format';
import { blocks512 } from './lib/fsutil';
import { rootFilesystem, type RootFilesystem } from './lib/machine';
import { modeString } from './lib/mode';
import { errorText, Tool } from './lib/tool';
import { fileTypeText } from './lib/fsutil';

/** Raw mode as `%f` shows it (hex, with the file-type bits). */
function rawMode(st: Stat): number {
  const types: Record<Stat['type'], number> = { file: 0o100000, dir: 0o040000, symlink: 0o120000, chardev: 0o020000, blockdev: 0o060000, fifo: 0o010000, socket: 0o140000 };
  return types[st.type] | (st.mode & 0o7777);
}

function unescape(s: string): string {
  return s.replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/g, (_, e: string) => {
    if (e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16));
    if (/^[0-7]/.test(e)) return String.fromCharCode(parseInt(e, 8));
    const m: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '\\': '\\', '"': '"' };
    return m[e] ?? `\\${e}`;
  });
}

export const stat: Program = async (ctx) => {
  const t = new Tool(ctx);
  const parsed = await t.parse({
    short: t.gnu ? 'Lc:ft' : 'Lc:ft',
    long: t.gnu
      ? { dereference: { key: 'L' }, format: { key: 'c', arg: 'required' }, printf: { key: 'printf', arg: 'required' }, 'file-system': { key: 'f' }, terse: { key: 't' } }
      : {},
  });
  if (typeof parsed === 'number') return parsed;
  const a = parsed;
  if (a.operands.length === 0) return t.usage(t.gnu ? 'missing operand' : undefined);
  if (a.has('f')) {
    await t.error(t.gnu ? 'file system status (-f) is not simulated' : 'file system status (-f) is not simulated');
    return 1;
  }
  const accounts = Accounts.load(ctx.fs);
  const rootFs = rootFilesystem(ctx);
  const custom = a.get('printf') !== undefined ? unescape(a.get('printf')!) : a.get('c') !== undefined ? a.get('c')! + '\n' : undefined;

  for (const name of a.operands) {
    await ctx.checkpoint();
    const path = t.abs(name);
    let st: Stat;
    try {
      st = a.has('L') ? ctx.fs.stat(path) : ctx.fs.lstat(path);
    } catch (e) {
      await t.error(t.gnu ? `cannot statx ${t.q(name)}: ${errorText(e)}` : `can't stat '${name}': ${errorText(e)}`);
      continue;
    }
    let target = '';
    if (st.type === 'symlink') {
      try {
        target = ctx.fs.readlink(path);
      } catch {
        target = '';
      }
    }
    const info: Info = { name, st, target, accounts, rootFs, gnu: t.gnu };
    if (custom !== undefined) {
      await ctx.stdout.write(expand(custom, info));
      continue;
    }
    if (a.has('t')) {
      await ctx.stdout.write(expand('%n %s %b %f %u %g %D %i %h %t %T %X %Y %Z %W %o\n', info));
      continue;
    }
    const isDev = st.type === 'chardev' || st.type === 'blockdev';
    const lines = [
      t.gnu ? `  File: ${st.type === 'symlink' ? `${name} -> ${target}` : name}` : `  File: ${st.type === 'symlink' ? `'${name}' -> '${target}'` : name}`,
      expand('  Size: %-10s\tBlocks: %-10b IO Block: %-6o %F', info),
      (t.gnu ? expand('Device: %Hd,%Ld\tInode: %-11i Links: ', info) : expand('Device: %Dh/%dd\tInode: %-11i Links: ', info)) +
        (isDev ? expand('%-5h Device type: %Hr,%Lr', info) : expand('%h', info)),
      expand('Access: (%04a/%10.10A)  Uid: (%5u/%8U)   Gid: (%5g/%8G)', info),
      expand('Access: %x', info),
      expand('Modify: %y', info),
      expand('Change: %z', info),
    ];
    if (t.gnu) lines.push(' Birth: -');
    await ctx.stdout.write(lines.join('\n') + '\n');
  }
  return t.status;
};

interface Info {
  readonly name: string;
  readonly st: Stat;
  readonly target: string;
  readonly accounts: Accounts;
  readonly rootFs: RootFilesystem;
  readonly gnu: boolean;
}

/** Expands stat's format directives, with printf-style flags, width and precision. */
function expand(format: string, info: Info): string {
  const { st } = info;
  const dev = (info.rootFs.major << 8) | info.rootFs.minor;
  return format.replace(/%([-#0 +']*)(\d*)(?:\.(\d+))?([HL]?)([a-zA-Z%])/g, (whole, flags: string, width: string, prec: string | undefined, hl: string, d: string) => {
    let v: string | number;
    const [maj, min] = devNumbers(st.rdev);
    switch (d) {
      case '%':
        return '%';
      case 'a':
        v = (st.mode & 0o7777).toString(8);
        break;
      case 'A':
        v = modeString(st.type, st.mode);
        break;
      case 'b':
        v = blocks512(st);
        break;
      case 'B':
        v = 512;
        break;
      case 'd':
        v = hl === 'H' ? info.rootFs.major : hl === 'L' ? info.rootFs.minor : dev;
        break;
      case 'D':
        v = dev.toString(16);
        break;
      case 'f':
        v = rawMode(st).toString(16);
        break;
      case 'F':
        v = fileTypeText(st);
        break;
      case 'g':
        v = st.gid;
        break;
      case 'G':
        v = info.accounts.groupName(st.gid);
        break;
      case 'h':
        v = st.nlink;
        break;
      case 'i':
        v = st.ino;
        break;
      case 'm':
        v = '/';
        break;
      case 'n':
        v = info.name;
        break;
      case 'N':
        v = st.type === 'symlink' ? `'${info.name}' -> '${info.target}'` : info.gnu ? `'${info.name}'` : info.name;
        break;
      case 'o':
        v = 4096;
        break;
      case 'r':
        v = hl === 'H' ? maj : hl === 'L' ? min : st.rdev;
        break;
      case 's':
        v = st.size;
        break;
      case 't':
        v = maj.toString(16);
        break;
      case 'T':
        v = min.toString(16);
        break;
      case 'u':
        v = st.uid;
        break;
      case 'U':
        v = info.accounts.userName(st.uid);
        break;
      case 'w':
        v = '-';
        break;
      case 'W':
        v = 0;
        break;
      case 'x':
      case 'y':
      case 'z':
        v = fullTime(st.mtimeMs);
        break;
      case 'X':
      case 'Y':
      case 'Z':
        v = Math.floor(st.mtimeMs / 1000);
        break;
      default:
        return info.gnu ? whole : '?';
    }
    let s = String(v);
    if (prec !== undefined && typeof v === 'string') s = s.slice(0, Number(prec));
    const w = Number(width || 0);
    if (flags.includes('-')) return s.padEnd(w);
    if (flags.includes('0') && /^\d+$/.test(s)) return s.padStart(w, '0');
    return s.padStart(w);
  });
}
