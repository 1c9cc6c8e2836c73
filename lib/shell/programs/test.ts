/**
 * test / [ : the POSIX rules for 0-4 arguments, then a recursive-descent parser (`!`, `( )`, `-a` over `-o`) as
 * coreutils does. Errors exit 2 with the wording of coreutils, bash, dash or BusyBox (see `Dialect`).
 */

import { resolvePath } from '../../engine/fs/path';
import type { Stat } from '../../engine/fs/Types';
import type { Program, ProcessContext } from '../../engine/process/Types';
import { descriptorOfPath } from '../../engine/process/descriptors';
import { complain, dialectOf, localeQuote, type BuiltinOptions, type Dialect } from './lib/messages';

type TestErrorKind =
  /** `first` is set for a two-argument test whose first word is not an operator (`[ 1 -eq ]`). */
  | { kind: 'missing-arg'; after: string; first?: string }
  | { kind: 'unary-expected'; arg: string }
  | { kind: 'binary-expected'; arg: string }
  | { kind: 'extra'; arg: string }
  | { kind: 'paren-expected' }
  | { kind: 'integer'; arg: string };

class TestError extends Error {
  constructor(readonly detail: TestErrorKind) {
    super(detail.kind);
  }
}

function message(d: TestErrorKind, dialect: Dialect, q: (s: string) => string): string {
  switch (dialect) {
    case 'bash':
      switch (d.kind) {
        case 'missing-arg':
          return d.first !== undefined ? `${d.first}: unary operator expected` : 'argument expected';
        case 'unary-expected':
          return `${d.arg}: unary operator expected`;
        case 'binary-expected':
          return `${d.arg}: binary operator expected`;
        case 'extra':
          return 'too many arguments';
        case 'paren-expected':
          return "`)' expected";
        case 'integer':
          return `${d.arg}: integer expression expected`;
      }
      break;
    case 'dash':
      switch (d.kind) {
        case 'missing-arg':
          return `${d.after}: argument expected`;
        case 'integer':
          return `Illegal number: ${d.arg}`;
        case 'paren-expected':
          return 'closing paren expected';
        default:
          return `${d.arg}: unexpected operator`;
      }
    case 'busybox':
      switch (d.kind) {
        case 'missing-arg':
          return /^-/.test(d.after) && d.after !== '-a' && d.after !== '-o' ? `${d.after}: argument expected` : 'argument expected';
        case 'integer':
          return `${d.arg}: bad number`;
        case 'paren-expected':
          return 'closing paren expected';
        default:
          return `${d.arg}: unknown operand`;
      }
    default:
      switch (d.kind) {
        case 'missing-arg':
          return `missing argument after ${q(d.after)}`;
        case 'unary-expected':
          return `${q(d.arg)}: unary operator expected`;
        case 'binary-expected':
          return `${q(d.arg)}: binary operator expected`;
        case 'extra':
          return `extra argument ${q(d.arg)}`;
        case 'paren-expected':
          return `${q(')')} expected`;
        case 'integer':
          return `invalid integer ${q(d.arg)}`;
      }
  }
}

const UNARY = new Set(['-b', '-c', '-d', '-e', '-f', '-g', '-G', '-h', '-k', '-L', '-n', '-N', '-O', '-p', '-r', '-s', '-S', '-t', '-u', '-w', '-x', '-z']);
const BINARY = new Set(['=', '==', '!=', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-ef', '-nt', '-ot']);

function toInt(s: string): bigint {
  const m = /^[ \t\n]*([+-]?[0-9]+)[ \t\n]*$/.exec(s);
  if (!m) throw new TestError({ kind: 'integer', arg: s });
  return BigInt(m[1]!);
}

class Evaluator {
  private _pos = 0;
  constructor(
    private readonly _ctx: ProcessContext,
    private readonly _args: readonly string[],
    private readonly _dialect: Dialect,
  ) {}

  /** An open descriptor above 2 named by /dev/fd/N (a process substitution's pipe): what it opens as. */
  private _descriptor(path: string): object | null | undefined {
    const fd = descriptorOfPath(resolvePath(this._ctx.cwd, path));
    if (fd === null || fd <= 2) return undefined;
    return this._ctx.files?.get(fd) ?? null;
  }

  private _stat(path: string, follow = true): Stat | null {
    if (path === '') return null;
    const d = this._descriptor(path);
    if (d === null) return null;
    // /proc/self/fd/N is a symlink to the pipe, a FIFO owned by the process's user.
    if (d) return { type: follow ? 'fifo' : 'symlink', mode: follow ? 0o600 : 0o700, uid: this._ctx.cred.uid, gid: this._ctx.cred.gid, size: 0, mtimeMs: this._ctx.sys.clock.now(), ino: 0, nlink: 1, rdev: 0 };
    try {
      const p = resolvePath(this._ctx.cwd, path);
      return follow ? this._ctx.fs.stat(p) : this._ctx.fs.lstat(p);
    } catch {
      return null;
    }
  }

  private _access(path: string, mode: number): boolean {
    const d = this._descriptor(path);
    // access(2) checks the pipe's inode (0600, the process's user): readable and writable whichever end it is.
    if (d !== undefined) return d !== null && mode !== 1;
    if (this._stat(path) === null) return false;
    try {
      this._ctx.fs.access(resolvePath(this._ctx.cwd, path), mode);
      return true;
    } catch {
      return false;
    }
  }

  unary(op: string, arg: string): boolean {
    const st = () => this._stat(arg);
    switch (op) {
      case '-n':
        return arg !== '';
      case '-z':
        return arg === '';
      case '-e':
        return st() !== null;
      case '-f':
        return st()?.type === 'file';
      case '-d':
        return st()?.type === 'dir';
      case '-b':
        return st()?.type === 'blockdev';
      case '-c':
        return st()?.type === 'chardev';
      case '-p':
        return st()?.type === 'fifo';
      case '-S':
        return st()?.type === 'socket';
      case '-h':
      case '-L':
        return this._stat(arg, false)?.type === 'symlink';
      case '-s':
        return (st()?.size ?? 0) > 0;
      case '-g':
        return ((st()?.mode ?? 0) & 0o2000) !== 0;
      case '-u':
        return ((st()?.mode ?? 0) & 0o4000) !== 0;
      case '-k':
        return ((st()?.mode ?? 0) & 0o1000) !== 0;
      case '-O':
        return st()?.uid === this._ctx.cred.uid;
      case '-G':
        return st()?.gid === this._ctx.cred.gid;
      case '-N':
        return false;
      case '-r':
        return this._access(arg, 4);
      case '-w':
        return this._access(arg, 2);
      case '-x':
        return this._access(arg, 1);
      case '-t': {
        const fd = toInt(arg);
        if (fd === 0n) return this._ctx.stdin.isTTY;
        if (fd === 1n) return this._ctx.stdout.isTTY;
        if (fd === 2n) return this._ctx.stderr.isTTY;
        return false;
      }
    }
    return false;
  }

  binary(a: string, op: string, b: string): boolean {
    switch (op) {
      case '=':
      case '==':
        return a === b;
      case '!=':
        return a !== b;
      case '<':
        return a < b;
      case '>':
        return a > b;
      case '-eq':
        return toInt(a) === toInt(b);
      case '-ne':
        return toInt(a) !== toInt(b);
      case '-lt':
        return toInt(a) < toInt(b);
      case '-le':
        return toInt(a) <= toInt(b);
      case '-gt':
        return toInt(a) > toInt(b);
      case '-ge':
        return toInt(a) >= toInt(b);
      case '-ef': {
        const x = this._stat(a);
        const y = this._stat(b);
        return x !== null && y !== null && x.ino === y.ino;
      }
      case '-nt': {
        const x = this._stat(a);
        const y = this._stat(b);
        // dash and BusyBox need both files; bash and coreutils treat a missing one as older than anything.
        if (this._bothRequired() && y === null) return false;
        return x !== null && (y === null || x.mtimeMs > y.mtimeMs);
      }
      case '-ot': {
        const x = this._stat(a);
        const y = this._stat(b);
        if (this._bothRequired() && x === null) return false;
        return y !== null && (x === null || x.mtimeMs < y.mtimeMs);
      }
    }
    return false;
  }

  private _bothRequired(): boolean {
    return this._dialect === 'dash' || this._dialect === 'busybox';
  }

  /** The POSIX table for up to 4 arguments; longer expressions go to the full parser. */
  run(): boolean {
    const a = this._args;
    switch (a.length) {
      case 0:
        return false;
      case 1:
        return a[0] !== '';
      case 2:
        return this._two(0);
      case 3:
        return this._three(0);
      case 4:
        if (a[0] === '!') return !this._three(1);
        if (a[0] === '(' && a[3] === ')') return this._two(1);
    }
    const v = this._expr();
    if (this._pos < a.length) throw new TestError({ kind: 'extra', arg: a[this._pos]! });
    return v;
  }

  private _two(i: number): boolean {
    const a = this._args;
    if (a[i] === '!') return a[i + 1] === '';
    if (/^-.$/.test(a[i]!)) {
      if (UNARY.has(a[i]!)) return this.unary(a[i]!, a[i + 1]!);
      throw new TestError({ kind: 'unary-expected', arg: a[i]! });
    }
    throw new TestError({ kind: 'missing-arg', after: a[a.length - 1]!, first: a[i]! });
  }

  private _three(i: number): boolean {
    const a = this._args;
    if (BINARY.has(a[i + 1]!)) return this.binary(a[i]!, a[i + 1]!, a[i + 2]!);
    if (a[i] === '!') return !this._two(i + 1);
    if (a[i] === '(' && a[i + 2] === ')') return a[i + 1] !== '';
    if (a[i + 1] === '-a' || a[i + 1] === '-o') {
      this._pos = i;
      return this._expr();
    }
    throw new TestError({ kind: 'binary-expected', arg: a[i + 1]! });
  }

  private _expr(): boolean {
    let v = this._and();
    while (this._args[this._pos] === '-o') {
      this._pos++;
      const r = this._and();
      v = v || r;
    }
    return v;
  }

  private _and(): boolean {
    let v = this._term();
    while (this._args[this._pos] === '-a') {
      this._pos++;
      const r = this._term();
      v = v && r;
    }
    return v;
  }

  private _term(): boolean {
    const a = this._args;
    if (this._pos >= a.length) throw new TestError({ kind: 'missing-arg', after: a[this._pos - 1] ?? '' });
    const t = a[this._pos]!;
    if (t === '!') {
      this._pos++;
      return !this._term();
    }
    if (t === '(') {
      this._pos++;
      const v = this._expr();
      if (a[this._pos] !== ')') throw new TestError({ kind: 'paren-expected' });
      this._pos++;
      return v;
    }
    if (this._pos + 2 < a.length && BINARY.has(a[this._pos + 1]!)) {
      const v = this.binary(t, a[this._pos + 1]!, a[this._pos + 2]!);
      this._pos += 3;
      return v;
    }
    if (/^-.$/.test(t)) {
      if (!UNARY.has(t)) throw new TestError({ kind: 'unary-expected', arg: t });
      if (this._pos + 1 >= a.length) throw new TestError({ kind: 'missing-arg', after: t });
      const v = this.unary(t, a[this._pos + 1]!);
      this._pos += 2;
      return v;
    }
    this._pos++;
    return t !== '';
  }
}

export function makeTest(options: BuiltinOptions = {}): Program {
  return async (ctx) => {
    const dialect = dialectOf(ctx, options);
    const prefix = options.errorPrefix ?? '';
    const name = (ctx.argv[0] ?? 'test').split('/').pop()!;
    let args = ctx.argv.slice(1);
    if (name === '[') {
      if (dialect === 'coreutils' && args.length === 1 && (args[0] === '--help' || args[0] === '--version')) {
        await ctx.stdout.write(args[0] === '--help' ? 'Usage: test EXPRESSION\n  or:  [ EXPRESSION ]\n' : 'test (GNU coreutils) 9.1\n');
        return 0;
      }
      if (args[args.length - 1] !== ']') {
        const msg = dialect === 'coreutils' ? `missing ${localeQuote(ctx, ']')}` : dialect === 'bash' ? "missing `]'" : 'missing ]';
        await complain(ctx, '[', msg, prefix);
        return 2;
      }
      args = args.slice(0, -1);
    }
    try {
      return new Evaluator(ctx, args, dialect).run() ? 0 : 1;
    } catch (e) {
      if (!(e instanceof TestError)) throw e;
      await complain(ctx, name, message(e.detail, dialect, (x) => localeQuote(ctx, x)), prefix);
      return 2;
    }
  };
}

export const test: Program = makeTest();
