/**
 * find: walk directory trees and evaluate an expression per file, GNU findutils style (BusyBox's find accepts
 * the same subset with its own messages).
 *
 * Supported: -H/-L/-P; tests -name -iname -path -ipath -wholename -type -size -newer -perm -user -group -uid -gid
 * -nouser -nogroup -empty -links -mtime -mmin -true -false -readable -writable -executable; operators ( ) ! -not
 * -a -and -o -or ,; actions -print -print0 -printf -ls -delete -exec/-ok ... ; and -exec ... + -prune -quit;
 * options -maxdepth -mindepth -depth -xdev -mount -noleaf. Directory entries come in readdir order (sorted here).
 */

import { basename } from '../../engine/fs/path';
import type { Stat } from '../../engine/fs/Types';
import type { Program } from '../../engine/process/Types';
import { Accounts } from './lib/accounts';
import { devNumbers, lsTime } from './lib/format';
import { blocks512, joinDisplay } from './lib/fsutil';
import { globToRegExp } from './lib/glob-match';
import { applyMode, modeString } from './lib/mode';
import { confirm } from './lib/prompt';
import { errorText, Tool } from './lib/tool';

interface Visit {
  /** As printed (`./a/b`). */
  readonly display: string;
  readonly path: string;
  readonly st: Stat;
  readonly depth: number;
  /** The starting point this visit descends from. */
  readonly start: string;
}

type Node =
  | { readonly kind: 'and' | 'or' | 'comma'; readonly left: Node; readonly right: Node }
  | { readonly kind: 'not'; readonly expr: Node }
  | { readonly kind: 'test'; readonly name: string; readonly eval: (v: Visit) => boolean | Promise<boolean> };

class FindUsage extends Error {
  /** BusyBox prints its usage text only for options it does not know. */
  constructor(
    message: string,
    readonly showUsage = false,
  ) {
    super(message);
  }
}

export const find: Program = async (ctx) => {
  const t = new Tool(ctx);
  const gnu = t.gnu;
  const args = ctx.argv.slice(1);
  if (args[0] === '--help') return t.help();

  let follow: 'P' | 'H' | 'L' = 'P';
  let i = 0;
  while (i < args.length && /^-[HLP]+$/.test(args[i]!)) {
    follow = args[i]!.slice(-1) as 'P' | 'H' | 'L';
    i++;
  }
  const starts: string[] = [];
  while (i < args.length && !isExprStart(args[i]!)) starts.push(args[i++]!);
  if (starts.length === 0) starts.push('.');
  const exprArgs = args.slice(i);

  let maxDepth = Infinity;
  let minDepth = 0;
  let depthFirst = false;
  let hasAction = false;
  let quit = false;
  let status = 0;
  const accounts = Accounts.load(ctx.fs);
  const now = ctx.sys.clock.now();
  const pendingBatches: { argv: string[]; paths: string[] }[] = [];
  let pruned = false;
  /** The first non-option argument seen, for GNU's warning about global options placed after it. */
  let firstTest: string | null = null;
  const warnings: string[] = [];
  const globalOption = (name: string) => {
    // GNU warns only when stdin is a terminal (its -warn default).
    if (gnu && firstTest !== null && ctx.stdin.isTTY) {
      warnings.push(`warning: you have specified the global option ${name} after the argument ${firstTest}, but global options are not positional, i.e., ${name} affects tests specified before it as well as those specified after it.  Please specify global options before other arguments.`);
    }
  };

  const usageError = async (message: string, showUsage: boolean): Promise<number> => {
    await t.error(message);
    if (!gnu && showUsage) {
      await ctx.stderr.write(t.usageText());
    }
    return 1;
  };

  // ---- parser ---------------------------------------------------------------------------------------------
  let p = 0;
  const peek = () => exprArgs[p];
  const need = (opt: string): string => {
    const v = exprArgs[p++];
    if (v === undefined) throw new FindUsage(gnu ? `missing argument to \`${opt}'` : `${opt} requires an argument`);
    return v;
  };

  const parseOr = (): Node => {
    let left = parseAnd();
    while (peek() === '-o' || peek() === '-or' || peek() === ',') {
      const op = exprArgs[p++]!;
      const right = parseAnd();
      left = { kind: op === ',' ? 'comma' : 'or', left, right };
    }
    return left;
  };
  const parseAnd = (): Node => {
    let left = parseNot();
    while (p < exprArgs.length) {
      const n = peek()!;
      if (n === '-o' || n === '-or' || n === ',' || n === ')') break;
      if (n === '-a' || n === '-and') p++;
      const right = parseNot();
      left = { kind: 'and', left, right };
    }
    return left;
  };
  const parseNot = (): Node => {
    const n = peek();
    if (n === '!' || n === '-not') {
      p++;
      return { kind: 'not', expr: parseNot() };
    }
    return parsePrimary();
  };
  const parsePrimary = (): Node => {
    const tok = exprArgs[p++];
    if (tok === undefined) throw new FindUsage(gnu ? 'expected an expression' : 'expected an expression');
    if (tok === '(') {
      const e = parseOr();
      if (exprArgs[p++] !== ')') throw new FindUsage(gnu ? "invalid expression; I was expecting to find a ')' somewhere but did not see one." : "invalid expression");
      return e;
    }
    const test = (name: string, f: (v: Visit) => boolean | Promise<boolean>): Node => ({ kind: 'test', name, eval: f });
    const isGlobal = ['-maxdepth', '-mindepth', '-depth', '-d', '-xdev', '-mount', '-noleaf', '-ignore_readdir_race'].includes(tok);
    if (isGlobal) globalOption(tok);
    else firstTest ??= tok;
    switch (tok) {
      case '-name':
      case '-iname': {
        const pat = need(tok);
        const re = globToRegExp(pat);
        const rx = tok === '-iname' ? new RegExp(re.source, 'iu') : re;
        return test(tok, (v) => rx.test(basename(v.display) || v.display));
      }
      case '-path':
      case '-wholename':
      case '-ipath':
      case '-iwholename': {
        const pat = need(tok);
        const re = globToRegExp(pat);
        const rx = tok.startsWith('-i') ? new RegExp(re.source, 'iu') : re;
        return test(tok, (v) => rx.test(v.display));
      }
      case '-regex': {
        const pat = need(tok);
        let rx: RegExp;
        try {
          rx = new RegExp(`^(?:${pat.replace(/\\\(/g, '(').replace(/\\\)/g, ')').replace(/\\\|/g, '|')})$`);
        } catch {
          throw new FindUsage(`invalid regular expression '${pat}'`);
        }
        return test(tok, (v) => rx.test(v.display));
      }
      case '-type':
      case '-xtype': {
        const spec = need(tok);
        const letters = gnu ? spec.split(',') : [spec];
        for (const l of letters) {
          if (!/^[fdlcbps]$/.test(l)) {
            throw new FindUsage(gnu ? `Unknown argument to -type: ${l}` : `invalid argument '${spec}' to '-type'`);
          }
        }
        const xtype = tok === '-xtype';
        return test(tok, (v) => {
          let st = v.st;
          if (xtype && st.type === 'symlink') {
            try {
              st = ctx.fs.stat(v.path);
            } catch {
              // dangling: stays a link
            }
          }
          return letters.includes(typeLetter(st));
        });
      }
      case '-size': {
        const spec = need(tok);
        const m = /^([-+]?)(\d+)([bcwkMG]?)$/.exec(spec);
        if (!m) throw new FindUsage(gnu ? `invalid -size type \`${spec}'` : `invalid number '${spec}'`);
        const unit = { b: 512, c: 1, w: 2, k: 1024, M: 1048576, G: 1073741824, '': 512 }[m[3]!]!;
        const n = Number(m[2]);
        return test(tok, (v) => {
          const size = Math.ceil(v.st.size / unit);
          return m[1] === '+' ? size > n : m[1] === '-' ? size < n : size === n;
        });
      }
      case '-newer': {
        const ref = need(tok);
        let refTime: number;
        try {
          refTime = ctx.fs.stat(t.abs(ref)).mtimeMs;
        } catch (e) {
          throw new FindUsage(gnu ? `${t.ql(ref)}: ${errorText(e)}` : `${ref}: ${errorText(e)}`);
        }
        return test(tok, (v) => v.st.mtimeMs > refTime);
      }
      case '-perm': {
        const spec = need(tok);
        const prefix = spec[0] === '-' || spec[0] === '/' ? spec[0] : '';
        const bits = applyMode(prefix ? spec.slice(1) : spec, 0, false, 0);
        if (bits === null) throw new FindUsage(gnu ? `invalid mode ${t.ql(spec)}` : `invalid mode '${spec}'`);
        return test(tok, (v) => {
          const m = v.st.mode & 0o7777;
          if (prefix === '-') return (m & bits) === bits;
          if (prefix === '/') return bits === 0 || (m & bits) !== 0;
          return m === bits;
        });
      }
      case '-user':
      case '-group': {
        const name = need(tok);
        const id = tok === '-user' ? accounts.resolveUser(name) : accounts.resolveGroup(name);
        if (id === undefined) throw new FindUsage(gnu ? `${tok === '-user' ? 'invalid user name or UID' : 'invalid group name or GID'} argument to ${tok}: ${t.ql(name)}` : `unknown ${tok === '-user' ? 'user' : 'group'} '${name}'`);
        return test(tok, (v) => (tok === '-user' ? v.st.uid : v.st.gid) === id);
      }
      case '-uid':
      case '-gid':
      case '-links':
      case '-mtime':
      case '-mmin': {
        const spec = need(tok);
        const m = /^([-+]?)(\d+)$/.exec(spec);
        if (!m) throw new FindUsage(gnu ? `invalid argument \`${spec}' to \`${tok}'` : `invalid number '${spec}'`);
        const n = Number(m[2]);
        const cmp = (x: number) => (m[1] === '+' ? x > n : m[1] === '-' ? x < n : x === n);
        return test(tok, (v) => {
          if (tok === '-uid') return cmp(v.st.uid);
          if (tok === '-gid') return cmp(v.st.gid);
          if (tok === '-links') return cmp(v.st.nlink);
          const age = now - v.st.mtimeMs;
          // -mtime counts whole days (rounded down); -mmin whole minutes (rounded up), as findutils does.
          return tok === '-mtime' ? cmp(Math.floor(age / 86_400_000)) : cmp(Math.ceil(age / 60_000));
        });
      }
      case '-nouser':
        return test(tok, (v) => accounts.user(v.st.uid) === undefined);
      case '-nogroup':
        return test(tok, (v) => accounts.groupName(v.st.gid) === String(v.st.gid));
      case '-empty':
        return test(tok, (v) => {
          if (v.st.type === 'file') return v.st.size === 0;
          if (v.st.type !== 'dir') return false;
          try {
            return ctx.fs.readdir(v.path).length === 0;
          } catch {
            return false;
          }
        });
      case '-readable':
      case '-writable':
      case '-executable':
        return test(tok, (v) => {
          try {
            ctx.fs.access(v.path, tok === '-readable' ? 4 : tok === '-writable' ? 2 : 1);
            return true;
          } catch {
            return false;
          }
        });
      case '-true':
        return test(tok, () => true);
      case '-false':
        return test(tok, () => false);
      case '-maxdepth':
      case '-mindepth': {
        const v = need(tok);
        if (!/^\d+$/.test(v)) throw new FindUsage(gnu ? `Expected a positive decimal integer argument to ${tok}, but got ${t.ql(v)}` : `invalid number '${v}'`);
        if (tok === '-maxdepth') maxDepth = Number(v);
        else minDepth = Number(v);
        return test(tok, () => true);
      }
      case '-depth':
      case '-d':
        depthFirst = true;
        return test(tok, () => true);
      case '-xdev':
      case '-mount':
      case '-noleaf':
      case '-ignore_readdir_race':
        return test(tok, () => true);
      case '-print':
        hasAction = true;
        return test(tok, async (v) => {
          await ctx.stdout.write(v.display + '\n');
          return true;
        });
      case '-print0':
        hasAction = true;
        return test(tok, async (v) => {
          await ctx.stdout.write(v.display + '\0');
          return true;
        });
      case '-printf': {
        hasAction = true;
        const fmt = need(tok);
        return test(tok, async (v) => {
          await ctx.stdout.write(printfFormat(fmt, v, accounts, now));
          return true;
        });
      }
      case '-ls':
        hasAction = true;
        return test(tok, async (v) => {
          await ctx.stdout.write(lsLine(v, accounts, now, ctx.fs));
          return true;
        });
      case '-delete':
        hasAction = true;
        depthFirst = true;
        return test(tok, async (v) => {
          if (v.display === '.') return true;
          try {
            if (v.st.type === 'dir') ctx.fs.rmdir(v.path);
            else ctx.fs.unlink(v.path);
            return true;
          } catch (e) {
            await t.error(gnu ? `cannot delete ${t.ql(v.display)}: ${errorText(e)}` : `${v.display}: ${errorText(e)}`);
            status = 1;
            return false;
          }
        });
      case '-prune':
        return test(tok, () => {
          pruned = true;
          return true;
        });
      case '-quit':
        return test(tok, () => {
          quit = true;
          return true;
        });
      case '-exec':
      case '-ok':
      case '-execdir':
      case '-okdir': {
        hasAction = true;
        const cmd: string[] = [];
        let terminator: string | undefined;
        while (p < exprArgs.length) {
          const a = exprArgs[p++]!;
          if (a === ';' || (a === '+' && cmd[cmd.length - 1] === '{}' && !tok.startsWith('-ok'))) {
            terminator = a;
            break;
          }
          cmd.push(a);
        }
        if (terminator === undefined || cmd.length === 0) throw new FindUsage(gnu ? `missing argument to \`${tok}'` : `${tok} requires an argument`);
        const inDir = tok.endsWith('dir');
        if (terminator === '+') {
          const batch = { argv: cmd.slice(0, -1), paths: [] as string[] };
          pendingBatches.push(batch);
          return test(tok, (v) => {
            batch.paths.push(inDir ? `./${basename(v.display)}` : v.display);
            return true;
          });
        }
        return test(tok, async (v) => {
          const shown = inDir ? `./${basename(v.display)}` : v.display;
          const argv = cmd.map((a) => a.split('{}').join(shown));
          if (tok.startsWith('-ok')) {
            await ctx.stderr.write(`< ${argv.join(' ')} ... ${shown} > ? `);
            if (!(await confirm(ctx, ''))) return false;
          }
          const code = await run(argv, inDir ? parentOf(v.path) : ctx.cwd);
          return code === 0;
        });
      }
      default:
        if (tok.startsWith('-')) throw new FindUsage(gnu ? `unknown predicate \`${tok}'` : `unrecognized: ${tok}`, true);
        throw new FindUsage(gnu ? `paths must precede expression: \`${tok}'` : `unrecognized: ${tok}`, true);
    }
  };

  let expr: Node | null = null;
  try {
    if (exprArgs.length > 0) {
      expr = parseOr();
      if (p < exprArgs.length) {
        const tok = exprArgs[p]!;
        throw new FindUsage(gnu ? (tok === ')' ? "invalid expression; you have too many ')'" : `paths must precede expression: \`${tok}'`) : `unrecognized: ${tok}`, true);
      }
    }
  } catch (e) {
    if (e instanceof FindUsage) return usageError(e.message, e.showUsage);
    throw e;
  }
  for (const w of warnings) await t.error(w);
  t.failed = false;
  if (!hasAction) {
    const print: Node = {
      kind: 'test',
      name: '-print',
      eval: async (v) => {
        await ctx.stdout.write(v.display + '\n');
        return true;
      },
    };
    expr = expr ? { kind: 'and', left: expr, right: print } : print;
  }

  async function run(argv: string[], cwd: string): Promise<number> {
    const r = ctx.sys.spawn({
      argv,
      env: ctx.env,
      cwd,
      cred: ctx.cred,
      umask: ctx.umask,
      stdin: ctx.stdin,
      stdout: ctx.stdout,
      stderr: ctx.stderr,
      tty: ctx.tty,
      ppid: ctx.pid,
      pgid: ctx.pgid,
      fs: ctx.fs,
    });
    if (!r.ok) {
      const what = r.failure.kind === 'permission-denied' ? 'Permission denied' : 'No such file or directory';
      await t.error(gnu ? `${t.ql(argv[0]!)}: ${what}` : `${argv[0]}: ${what}`);
      status = 1;
      return 127;
    }
    return r.child.exited;
  }

  async function evaluate(n: Node, v: Visit): Promise<boolean> {
    switch (n.kind) {
      case 'and':
        return (await evaluate(n.left, v)) && (await evaluate(n.right, v));
      case 'or':
        return (await evaluate(n.left, v)) || (await evaluate(n.right, v));
      case 'comma':
        await evaluate(n.left, v);
        return evaluate(n.right, v);
      case 'not':
        return !(await evaluate(n.expr, v));
      case 'test':
        return n.eval(v);
    }
  }

  async function walk(display: string, path: string, depth: number, start: string, isStart: boolean): Promise<void> {
    if (quit) return;
    await ctx.checkpoint();
    let st: Stat;
    try {
      st = ctx.fs.lstat(path);
      if (st.type === 'symlink' && (follow === 'L' || (follow === 'H' && isStart))) {
        try {
          st = ctx.fs.stat(path);
        } catch {
          // A dangling link is reported as the link itself.
        }
      }
    } catch (e) {
      await t.error(gnu ? `${t.ql(display)}: ${errorText(e)}` : `${display}: ${errorText(e)}`);
      status = 1;
      return;
    }
    const v: Visit = { display, path, st, depth, start };
    pruned = false;
    if (!depthFirst && depth >= minDepth) await evaluate(expr!, v);
    const prune = pruned && !depthFirst;
    if (st.type === 'dir' && depth < maxDepth && !prune && !quit) {
      let names: string[] | null = null;
      try {
        names = ctx.fs.readdir(path);
      } catch (e) {
        await t.error(gnu ? `${t.ql(display)}: ${errorText(e)}` : `${display}: ${errorText(e)}`);
        status = 1;
      }
      for (const name of names ?? []) {
        if (quit) break;
        await walk(joinDisplay(display, name), path === '/' ? `/${name}` : `${path}/${name}`, depth + 1, start, false);
      }
    }
    if (depthFirst && depth >= minDepth && !quit) await evaluate(expr!, v);
  }

  for (const s of starts) {
    if (quit) break;
    await walk(s, t.abs(s), 0, s, true);
  }
  for (const b of pendingBatches) {
    // findutils splits long lists; one run per batch of a few thousand paths is enough for the simulation.
    for (let k = 0; k < b.paths.length; k += 4096) {
      const code = await run([...b.argv, ...b.paths.slice(k, k + 4096)], ctx.cwd);
      if (code !== 0) status = 1;
    }
  }
  return status;
};

function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

/** Whether `arg` begins the expression (so it is not a starting path). */
function isExprStart(arg: string): boolean {
  return (arg.startsWith('-') && arg.length > 1) || arg === '(' || arg === '!' || arg === ')' || arg === ',';
}

function typeLetter(st: Stat): string {
  return { file: 'f', dir: 'd', symlink: 'l', chardev: 'c', blockdev: 'b', fifo: 'p', socket: 's' }[st.type];
}

/** `-ls`: `find -ls` lines (inode, 1K blocks, mode, links, owner, group, size, date, name). */
function lsLine(v: Visit, accounts: Accounts, now: number, fs: import('../../engine/fs/Types').FsClient): string {
  const st = v.st;
  let size = String(st.size);
  if (st.type === 'chardev' || st.type === 'blockdev') {
    const [a, b] = devNumbers(st.rdev);
    size = `${a}, ${b}`;
  }
  let line = `${String(st.ino).padStart(9)} ${String(Math.ceil(blocks512(st) / 2)).padStart(6)} ${modeString(st.type, st.mode)} ${String(st.nlink).padStart(3)} ${accounts.userName(st.uid).padEnd(8)} ${accounts.groupName(st.gid).padEnd(8)} ${size.padStart(8)} ${lsTime(st.mtimeMs, now)} ${v.display}`;
  if (st.type === 'symlink') {
    try {
      line += ` -> ${fs.readlink(v.path)}`;
    } catch {
      // unreadable link
    }
  }
  return line + '\n';
}

/** The common `-printf` directives and escapes. */
function printfFormat(fmt: string, v: Visit, accounts: Accounts, now: number): string {
  void now;
  let out = '';
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i]!;
    if (c === '\\' && i + 1 < fmt.length) {
      const e = fmt[++i]!;
      out += ({ n: '\n', t: '\t', '0': '\0', '\\': '\\', r: '\r', a: '\x07' } as Record<string, string>)[e] ?? `\\${e}`;
      continue;
    }
    if (c !== '%' || i + 1 >= fmt.length) {
      out += c;
      continue;
    }
    const m = /^([-]?)(\d*)([a-zA-Z%])/.exec(fmt.slice(i + 1));
    if (!m) {
      out += c;
      continue;
    }
    i += m[0].length;
    const st = v.st;
    let s: string;
    switch (m[3]) {
      case 'p':
        s = v.display;
        break;
      case 'f':
        s = basename(v.display) || v.display;
        break;
      case 'h': {
        const k = v.display.lastIndexOf('/');
        s = k < 0 ? '.' : k === 0 ? '/' : v.display.slice(0, k);
        break;
      }
      case 'P':
        s = v.display === v.start ? '' : v.display.slice(v.start.length).replace(/^\/+/, '');
        break;
      case 'H':
        s = v.start;
        break;
      case 'd':
        s = String(v.depth);
        break;
      case 's':
        s = String(st.size);
        break;
      case 'm':
        s = (st.mode & 0o7777).toString(8);
        break;
      case 'M':
        s = modeString(st.type, st.mode);
        break;
      case 'u':
        s = accounts.userName(st.uid);
        break;
      case 'U':
        s = String(st.uid);
        break;
      case 'g':
        s = accounts.groupName(st.gid);
        break;
      case 'G':
        s = String(st.gid);
        break;
      case 'i':
        s = String(st.ino);
        break;
      case 'n':
        s = String(st.nlink);
        break;
      case 'y':
        s = typeLetter(st);
        break;
      case 'k':
        s = String(Math.ceil(blocks512(st) / 2));
        break;
      case '%':
        s = '%';
        break;
      default:
        s = `%${m[3]}`;
    }
    const w = Number(m[2] || 0);
    out += m[1] === '-' ? s.padEnd(w) : s.padStart(w);
  }
  return out;
}
