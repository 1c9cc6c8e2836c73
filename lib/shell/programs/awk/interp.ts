/**
 * The awk interpreter: values (numbers, strings and POSIX "strnum"s from input), records and fields, associative
 * arrays, user functions with array-by-reference parameters, getline in all simple forms, output redirection to
 * files and to commands (through the machine's `sh`), and the built-in functions.
 */

import { resolvePath } from '../../../engine/fs/path';
import { isFsError } from '../../../engine/fs/Types';
import type { ChildProcess, ProcessContext, ReadStream, WriteStream } from '../../../engine/process/Types';
import { Pipe } from '../../../engine/process/streams';
import { formatFloat, formatInteger, formatString, parseFormat } from '../lib/cformat';
import { PosixRegex, PosixRegexError, translateRegex } from '../lib/posix-regex';
import { unescapeAwk } from './lexer';
import type { AwkProgram, Expr, LValue, Stmt } from './parser';

export class StrNum {
  constructor(
    readonly s: string,
    /** The numeric value when the text looks like a number, else null. */
    readonly n: number | null,
  ) {}
}

export type Value = number | string | StrNum;
type AwkArray = Map<string, Value>;
interface Cell {
  v: Value | AwkArray | undefined;
  /** A caller's uninitialised variable passed as a parameter: becomes the array if the callee uses one. */
  parent?: Cell;
}

const UNINIT = new StrNum('', 0);
const NUMERIC = /^[ \t\n\r\f\v]*[+-]?(?:[0-9]+\.?[0-9]*(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?)[ \t\n\r\f\v]*$/;
const NUM_PREFIX = /^[ \t\n\r\f\v]*[+-]?(?:[0-9]+\.?[0-9]*(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?)/;

/** Text from input (fields, getline, split, ARGV, ENVIRON, -v): numeric-looking text compares as a number. */
export function strnum(s: string): StrNum {
  return new StrNum(s, NUMERIC.test(s) ? Number(s.trim()) : null);
}

export function toNum(v: Value): number {
  if (typeof v === 'number') return v;
  if (v instanceof StrNum) {
    if (v.n !== null) return v.n;
    v = v.s;
  }
  const m = NUM_PREFIX.exec(v);
  return m ? Number(m[0].trim()) : 0;
}

class NextSignal {}
class NextFileSignal {}
class BreakSignal {}
class ContinueSignal {}
export class ExitSignal {
  constructor(readonly code: number) {}
}
class ReturnSignal {
  constructor(readonly value: Value) {}
}

export class AwkRuntimeError extends Error {}

/** Splits input into records by RS: newline, one character, paragraphs (RS=""), or a regular expression. */
class RecordReader {
  private _buf = '';
  private _eof = false;
  private readonly _decoder = new TextDecoder('utf-8');
  constructor(
    private readonly _stream: ReadStream,
    private readonly _rs: () => string,
    private readonly _regexFor: (src: string) => PosixRegex,
  ) {}

  private async _fill(): Promise<boolean> {
    if (this._eof) return false;
    const c = await this._stream.read();
    if (c === null) {
      this._eof = true;
      this._buf += this._decoder.decode();
      return false;
    }
    this._buf += this._decoder.decode(c, { stream: true });
    return true;
  }

  async next(): Promise<string | null> {
    const rs = this._rs();
    while (true) {
      if (rs === '') {
        // Paragraph mode: skip leading newlines, records end at a blank line.
        const lead = /^\n+/.exec(this._buf);
        if (lead) this._buf = this._buf.slice(lead[0].length);
        const m = /\n\n+/.exec(this._buf);
        if (m && (m.index + m[0].length < this._buf.length || this._eof)) {
          const rec = this._buf.slice(0, m.index);
          this._buf = this._buf.slice(m.index + m[0].length);
          return rec;
        }
      } else if (rs.length === 1) {
        const i = this._buf.indexOf(rs);
        if (i >= 0) {
          const rec = this._buf.slice(0, i);
          this._buf = this._buf.slice(i + 1);
          return rec;
        }
      } else {
        const m = this._regexFor(rs).exec(this._buf, 0);
        if (m && m.end > m.index && (m.end < this._buf.length || this._eof)) {
          const rec = this._buf.slice(0, m.index);
          this._buf = this._buf.slice(m.end);
          return rec;
        }
      }
      if (!(await this._fill())) {
        if (this._buf === '') return null;
        let rec = this._buf;
        this._buf = '';
        if (rs === '') rec = rec.replace(/\n+$/, '');
        else if (rs === '\n' && rec.endsWith('\n')) rec = rec.slice(0, -1);
        return rec;
      }
    }
  }
}

interface OutStream {
  readonly w: WriteStream;
  readonly child?: ChildProcess;
  readonly owned: boolean;
}

export interface InterpOptions {
  readonly ctx: ProcessContext;
  readonly program: AwkProgram;
  /** Integers print as integers only within this magnitude (mawk: 2^31-1; BusyBox: 2^53). */
  readonly maxInt: number;
  readonly name: string;
}

export class Interp {
  private readonly _ctx: ProcessContext;
  private readonly _prog: AwkProgram;
  private readonly _globals = new Map<string, Cell>();
  private _frames: Map<string, Cell>[] = [];
  private _record = '';
  private _fields: string[] | null = [];
  private _nf = 0;
  private readonly _regexCache = new Map<string, PosixRegex>();
  private readonly _outputs = new Map<string, OutStream>();
  private readonly _inputs = new Map<string, { reader: RecordReader; stream: ReadStream; child?: ChildProcess }>();
  private readonly _rangeActive: boolean[] = [];
  private _seed = 0;
  private _prevSeed = 0;
  private _rng: () => number;
  private _mainReader: RecordReader | null = null;
  private _mainStream: ReadStream | null = null;
  private _argIndex = 1;
  private readonly _maxInt: number;
  readonly name: string;
  exitCode = 0;

  constructor(options: InterpOptions) {
    this._ctx = options.ctx;
    this._prog = options.program;
    this._maxInt = options.maxInt;
    this.name = options.name;
    const g = (name: string, v: Value) => this._globals.set(name, { v });
    g('FS', ' ');
    g('OFS', ' ');
    g('ORS', '\n');
    g('RS', '\n');
    g('NR', 0);
    g('FNR', 0);
    g('SUBSEP', '\x1c');
    g('CONVFMT', '%.6g');
    g('OFMT', '%.6g');
    g('RSTART', 0);
    g('RLENGTH', -1);
    g('FILENAME', '');
    const env: AwkArray = new Map();
    for (const [k, v] of this._ctx.env) env.set(k, strnum(v));
    this._globals.set('ENVIRON', { v: env });
    this._seed = Math.floor(this._ctx.sys.random.next() * 2 ** 31);
    this._prevSeed = this._seed;
    this._rng = mulberry(this._seed);
  }

  setArgv(args: readonly string[]): void {
    const argv: AwkArray = new Map();
    args.forEach((a, i) => argv.set(String(i), strnum(a)));
    this._globals.set('ARGV', { v: argv });
    this._globals.set('ARGC', { v: args.length });
  }

  /** `-v name=value` and operand assignments: escapes are processed, the value is a strnum. */
  assignVar(name: string, value: string): void {
    this.setVar(name, strnum(value));
  }

  // -------------------------------------------------------------------------------------------------------------
  // Values

  private _fmtNum(n: number, fmt: string): string {
    if (Number.isInteger(n) && Math.abs(n) <= this._maxInt) return String(n);
    if (Number.isNaN(n)) return n < 0 ? '-nan' : 'nan';
    if (!Number.isFinite(n)) return n < 0 ? '-inf' : 'inf';
    return this.sprintf(fmt, [n]);
  }

  toStr(v: Value): string {
    if (typeof v === 'string') return v;
    if (v instanceof StrNum) return v.s;
    return this._fmtNum(v, this._str(this.getVar('CONVFMT')));
  }

  private _outStr(v: Value): string {
    if (typeof v === 'number') return this._fmtNum(v, this._str(this.getVar('OFMT')));
    return this.toStr(v);
  }

  private _str(v: Value): string {
    return this.toStr(v);
  }

  private _truthy(v: Value): boolean {
    if (typeof v === 'number') return v !== 0;
    if (typeof v === 'string') return v !== '';
    return v.n !== null ? v.n !== 0 : v.s !== '';
  }

  private _compare(a: Value, b: Value): number {
    const an = typeof a === 'number' || (a instanceof StrNum && a.n !== null);
    const bn = typeof b === 'number' || (b instanceof StrNum && b.n !== null);
    if (an && bn) {
      const x = toNum(a);
      const y = toNum(b);
      return x < y ? -1 : x > y ? 1 : x === y ? 0 : NaN;
    }
    const x = this.toStr(a);
    const y = this.toStr(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }

  regex(src: string): PosixRegex {
    let r = this._regexCache.get(src);
    if (!r) {
      try {
        const t = translateRegex(src, { syntax: 'extended', sedEscapes: true });
        r = PosixRegex.fromSource(t.source, t.groups, t.ambiguous, false);
      } catch (e) {
        if (e instanceof PosixRegexError) throw new AwkRuntimeError(`regular expression compile failed (${e.message.toLowerCase()})\n${src}`);
        throw e;
      }
      this._regexCache.set(src, r);
    }
    return r;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Variables, records and fields

  private _cell(name: string): Cell {
    const frame = this._frames[this._frames.length - 1];
    const local = frame?.get(name);
    if (local) return local;
    let c = this._globals.get(name);
    if (!c) {
      c = { v: undefined };
      this._globals.set(name, c);
    }
    return c;
  }

  private _array(name: string): AwkArray {
    const c = this._cell(name);
    if (c.v instanceof Map) return c.v;
    if (c.v !== undefined) throw new AwkRuntimeError(`can't use scalar ${name} as array`);
    const arr: AwkArray = new Map();
    c.v = arr;
    let p = c.parent;
    while (p) {
      if (p.v === undefined) p.v = arr;
      p = p.parent;
    }
    return arr;
  }

  getVar(name: string): Value {
    if (name === 'NF') {
      this._split();
      return this._nf;
    }
    const c = this._cell(name);
    if (c.v instanceof Map) throw new AwkRuntimeError(`can't use array ${name} in scalar context`);
    return c.v ?? UNINIT;
  }

  setVar(name: string, v: Value): void {
    if (name === 'NF') {
      this._split();
      const n = Math.max(0, Math.trunc(toNum(v)));
      const f = this._fields!;
      while (f.length < n) f.push('');
      f.length = n;
      this._nf = n;
      this._rebuild();
      return;
    }
    const c = this._cell(name);
    if (c.v instanceof Map) throw new AwkRuntimeError(`can't assign to ${name}; it's an array name.`);
    c.v = v;
  }

  setRecord(s: string): void {
    this._record = s;
    this._fields = null;
  }

  private _splitFields(s: string, fs: string): string[] {
    const paragraph = this._str(this.getVar('RS')) === '';
    if (fs === ' ') {
      const t = s.replace(/^[ \t\n]+|[ \t\n]+$/g, '');
      return t === '' ? [] : t.split(/[ \t\n]+/);
    }
    if (s === '') return [];
    if (fs === '') return [...s];
    if (fs.length === 1 && fs !== '\\') {
      return paragraph ? s.split(new RegExp(`[${fs === ']' || fs === '^' ? '\\' + fs : fs}\\n]`)) : s.split(fs);
    }
    const re = this.regex(paragraph ? `(${fs})|\n` : fs);
    const out: string[] = [];
    let last = 0;
    let from = 0;
    while (from <= s.length) {
      const m = re.exec(s, from);
      if (!m) break;
      if (m.end === m.index) {
        from = m.index + 1;
        continue;
      }
      out.push(s.slice(last, m.index));
      last = m.end;
      from = m.end;
    }
    out.push(s.slice(last));
    return out;
  }

  private _split(): void {
    if (this._fields !== null) return;
    this._fields = this._splitFields(this._record, this._str(this.getVar('FS')));
    this._nf = this._fields.length;
  }

  private _rebuild(): void {
    this._record = this._fields!.join(this._str(this.getVar('OFS')));
  }

  getField(i: number): Value {
    if (i < 0) throw new AwkRuntimeError(`negative field index $${i}`);
    if (i === 0) return strnum(this._record);
    this._split();
    const f = this._fields![i - 1];
    return f === undefined ? UNINIT : strnum(f);
  }

  setField(i: number, v: Value): void {
    if (i < 0) throw new AwkRuntimeError(`negative field index $${i}`);
    if (i === 0) {
      this.setRecord(this.toStr(v));
      return;
    }
    this._split();
    const f = this._fields!;
    while (f.length < i) f.push('');
    f[i - 1] = this.toStr(v);
    this._nf = f.length;
    this._rebuild();
  }

  private _subscript(subs: Value[]): string {
    if (subs.length === 1) return this.toStr(subs[0]!);
    return subs.map((s) => this.toStr(s)).join(this._str(this.getVar('SUBSEP')));
  }

  private async _lget(lv: LValue): Promise<Value> {
    switch (lv.t) {
      case 'var':
        return this.getVar(lv.name);
      case 'field':
        return this.getField(Math.trunc(toNum(await this.eval(lv.e))));
      case 'index': {
        const key = this._subscript(await this._evalAll(lv.subs));
        const arr = this._array(lv.name);
        let v = arr.get(key);
        if (v === undefined) {
          v = UNINIT;
          arr.set(key, v);
        }
        return v;
      }
    }
  }

  /** Resolves where an lvalue points once (so `$i++` and `a[k()] += 1` evaluate their subscript once). */
  private async _lref(lv: LValue): Promise<{ get(): Value; set(v: Value): void }> {
    switch (lv.t) {
      case 'var':
        return { get: () => this.getVar(lv.name), set: (v) => this.setVar(lv.name, v) };
      case 'field': {
        const i = Math.trunc(toNum(await this.eval(lv.e)));
        return { get: () => this.getField(i), set: (v) => this.setField(i, v) };
      }
      case 'index': {
        const key = this._subscript(await this._evalAll(lv.subs));
        const arr = this._array(lv.name);
        return { get: () => arr.get(key) ?? UNINIT, set: (v) => void arr.set(key, v) };
      }
    }
  }

  // -------------------------------------------------------------------------------------------------------------
  // Expressions

  private async _evalAll(es: Expr[]): Promise<Value[]> {
    const out: Value[] = [];
    for (const e of es) out.push(await this.eval(e));
    return out;
  }

  private _arith(op: string, x: number, y: number): number {
    switch (op) {
      case '+':
        return x + y;
      case '-':
        return x - y;
      case '*':
        return x * y;
      case '/':
        if (y === 0) throw new AwkRuntimeError('division by zero');
        return x / y;
      case '%':
        if (y === 0) throw new AwkRuntimeError('division by zero in %');
        return x % y;
      case '^':
        return Math.pow(x, y);
    }
    return 0;
  }

  async eval(e: Expr): Promise<Value> {
    switch (e.t) {
      case 'num':
        return e.v;
      case 'str':
        return e.v;
      case 'regex':
        return this.regex(e.src).test(this._record) ? 1 : 0;
      case 'group':
        return this.eval(e.e);
      case 'var':
      case 'field':
      case 'index':
        return this._lget(e);
      case 'assign': {
        const ref = await this._lref(e.target);
        let v = await this.eval(e.e);
        if (e.op !== '=') v = this._arith(e.op[0]!, toNum(ref.get()), toNum(v));
        ref.set(v);
        return v;
      }
      case 'cond':
        return this._truthy(await this.eval(e.c)) ? this.eval(e.a) : this.eval(e.b);
      case 'or':
        return this._truthy(await this.eval(e.a)) || this._truthy(await this.eval(e.b)) ? 1 : 0;
      case 'and':
        return this._truthy(await this.eval(e.a)) && this._truthy(await this.eval(e.b)) ? 1 : 0;
      case 'in': {
        const key = this._subscript(await this._evalAll(e.subs));
        return this._array(e.name).has(key) ? 1 : 0;
      }
      case 'match': {
        const s = this.toStr(await this.eval(e.a));
        const re = e.re.t === 'regex' ? this.regex(e.re.src) : this.regex(this.toStr(await this.eval(e.re)));
        return re.test(s) !== e.neg ? 1 : 0;
      }
      case 'cmp': {
        const c = this._compare(await this.eval(e.a), await this.eval(e.b));
        switch (e.op) {
          case '<':
            return c < 0 ? 1 : 0;
          case '<=':
            return c <= 0 ? 1 : 0;
          case '>':
            return c > 0 ? 1 : 0;
          case '>=':
            return c >= 0 ? 1 : 0;
          case '==':
            return c === 0 ? 1 : 0;
          default:
            return c !== 0 ? 1 : 0;
        }
      }
      case 'concat':
        return this.toStr(await this.eval(e.a)) + this.toStr(await this.eval(e.b));
      case 'bin':
        return this._arith(e.op, toNum(await this.eval(e.a)), toNum(await this.eval(e.b)));
      case 'unary': {
        const v = await this.eval(e.e);
        if (e.op === '!') return this._truthy(v) ? 0 : 1;
        return e.op === '-' ? -toNum(v) : toNum(v);
      }
      case 'incdec': {
        const ref = await this._lref(e.target);
        const old = toNum(ref.get());
        const nv = e.op === '++' ? old + 1 : old - 1;
        ref.set(nv);
        return e.prefix ? nv : old;
      }
      case 'call':
        return this._call(e.name, e.args);
      case 'builtin':
        return this._builtin(e.name, e.args);
      case 'getline':
        return this._getline(e);
    }
  }

  private async _call(name: string, args: Expr[]): Promise<Value> {
    const fn = this._prog.funcs.get(name);
    if (!fn) throw new AwkRuntimeError(`function ${name} never defined`);
    if (args.length > fn.params.length) throw new AwkRuntimeError(`too many arguments in call to ${name}`);
    const frame = new Map<string, Cell>();
    for (let i = 0; i < fn.params.length; i++) {
      const a = args[i];
      const p = fn.params[i]!;
      if (a === undefined) {
        frame.set(p, { v: undefined });
        continue;
      }
      if (a.t === 'var') {
        const c = this._cell(a.name);
        if (c.v instanceof Map) {
          frame.set(p, { v: c.v });
          continue;
        }
        if (c.v === undefined) {
          frame.set(p, { v: undefined, parent: c });
          continue;
        }
      }
      frame.set(p, { v: await this.eval(a) });
    }
    if (this._frames.length > 1000) throw new AwkRuntimeError('function call nesting too deep');
    this._frames.push(frame);
    try {
      await this._execAll(fn.body);
      return UNINIT;
    } catch (e) {
      if (e instanceof ReturnSignal) return e.value;
      throw e;
    } finally {
      this._frames.pop();
    }
  }

  private _regexArg(e: Expr | undefined): Promise<PosixRegex> | PosixRegex {
    if (!e) throw new AwkRuntimeError('missing regular expression');
    if (e.t === 'regex') return this.regex(e.src);
    return this.eval(e).then((v) => this.regex(this.toStr(v)));
  }

  private async _substitute(args: Expr[], global: boolean): Promise<number> {
    const re = await this._regexArg(args[0]);
    const repl = this.toStr(await this.eval(args[1] ?? { t: 'str', v: '' }));
    const target: LValue = args[2] ? (args[2].t === 'var' || args[2].t === 'field' || args[2].t === 'index' ? args[2] : { t: 'var', name: '\0tmp' }) : { t: 'field', e: { t: 'num', v: 0 } };
    const ref = await this._lref(target);
    const s = this.toStr(ref.get());
    let out = '';
    let last = 0;
    let from = 0;
    let count = 0;
    let prevEnd = -1;
    while (from <= s.length) {
      const m = re.exec(s, from);
      if (!m) break;
      if (m.end === m.index && m.index === prevEnd) {
        from = m.index + 1;
        prevEnd = -1;
        continue;
      }
      prevEnd = m.end;
      count++;
      out += s.slice(last, m.index);
      const matched = s.slice(m.index, m.end);
      for (let i = 0; i < repl.length; i++) {
        const c = repl[i]!;
        if (c === '\\' && (repl[i + 1] === '&' || repl[i + 1] === '\\')) {
          out += repl[++i];
        } else if (c === '&') out += matched;
        else out += c;
      }
      last = m.end;
      if (!global) break;
      if (m.end === m.index) {
        if (m.index < s.length) out += s[m.index];
        last = m.index + 1;
        from = m.index + 1;
      } else from = m.end;
    }
    if (count > 0) ref.set(out + s.slice(last));
    return count;
  }

  private async _builtin(name: string, args: Expr[]): Promise<Value> {
    const arg = async (i: number) => (args[i] ? this.eval(args[i]!) : UNINIT);
    switch (name) {
      case 'length': {
        if (args.length === 0) return [...this._record].length;
        const a = args[0]!;
        if (a.t === 'var') {
          const c = this._cell(a.name);
          if (c.v instanceof Map) return c.v.size;
        }
        return [...this.toStr(await this.eval(a))].length;
      }
      case 'substr': {
        const chars = [...this.toStr(await arg(0))];
        const m = toNum(await arg(1));
        let start = roundHalfEven(m);
        let end = args.length > 2 ? start + roundHalfEven(toNum(await arg(2))) : Infinity;
        if (Number.isNaN(start)) return '';
        if (start < 1) start = 1;
        if (end > chars.length + 1) end = chars.length + 1;
        return end <= start ? '' : chars.slice(start - 1, end - 1).join('');
      }
      case 'index': {
        const s = this.toStr(await arg(0));
        const t = this.toStr(await arg(1));
        const i = s.indexOf(t);
        return i < 0 ? 0 : [...s.slice(0, i)].length + 1;
      }
      case 'split': {
        const s = this.toStr(await arg(0));
        const target = args[1];
        if (!target || target.t !== 'var') throw new AwkRuntimeError('split: second argument is not an array');
        let parts: string[];
        if (args[2]) {
          if (args[2].t === 'regex') {
            const src = args[2].src;
            parts = this._splitFields(s, src.length === 1 && src !== ' ' ? `[${src === '\\' ? '\\\\' : src}]` : src);
          } else parts = this._splitFields(s, this.toStr(await this.eval(args[2])));
        } else parts = this._splitFields(s, this._str(this.getVar('FS')));
        const arr = this._array(target.name);
        arr.clear();
        parts.forEach((p, i) => arr.set(String(i + 1), strnum(p)));
        return parts.length;
      }
      case 'sub':
        return this._substitute(args, false);
      case 'gsub':
        return this._substitute(args, true);
      case 'match': {
        const s = this.toStr(await arg(0));
        const re = await this._regexArg(args[1]);
        const m = re.exec(s, 0);
        const start = m ? [...s.slice(0, m.index)].length + 1 : 0;
        const len = m ? [...s.slice(m.index, m.end)].length : -1;
        this.setVar('RSTART', start);
        this.setVar('RLENGTH', len);
        return start;
      }
      case 'sprintf': {
        if (args.length === 0) throw new AwkRuntimeError('sprintf: no format');
        const vals = await this._evalAll(args);
        return this.sprintf(this.toStr(vals[0]!), vals.slice(1));
      }
      case 'tolower':
        return this.toStr(await arg(0)).toLowerCase();
      case 'toupper':
        return this.toStr(await arg(0)).toUpperCase();
      case 'int':
        return Math.trunc(toNum(await arg(0)));
      case 'sqrt':
        return Math.sqrt(toNum(await arg(0)));
      case 'exp':
        return Math.exp(toNum(await arg(0)));
      case 'log':
        return Math.log(toNum(await arg(0)));
      case 'sin':
        return Math.sin(toNum(await arg(0)));
      case 'cos':
        return Math.cos(toNum(await arg(0)));
      case 'atan2':
        return Math.atan2(toNum(await arg(0)), toNum(await arg(1)));
      case 'rand':
        return this._rng();
      case 'srand': {
        const prev = this._prevSeed;
        this._seed = args.length > 0 ? Math.trunc(toNum(await arg(0))) : Math.floor(this._ctx.sys.clock.now() / 1000);
        this._prevSeed = this._seed;
        this._rng = mulberry(this._seed);
        return prev;
      }
      case 'systime':
        return Math.floor(this._ctx.sys.clock.now() / 1000);
      case 'system': {
        const cmd = this.toStr(await arg(0));
        return this._runSystem(cmd);
      }
      case 'close':
        return this.close(this.toStr(await arg(0)));
      case 'fflush':
        return 0;
    }
    throw new AwkRuntimeError(`function ${name} never defined`);
  }

  sprintf(fmt: string, vals: Value[]): string {
    let out = '';
    let k = 0;
    const next = (): Value | undefined => vals[k++];
    for (const t of parseFormat(fmt, 'diouxXeEfFgGcs')) {
      if (t.kind === 'text') {
        out += t.text;
        continue;
      }
      if (t.kind === 'bad') {
        out += t.source;
        continue;
      }
      let flags = t.flags;
      let width: number | null = null;
      let precision: number | null = null;
      if (t.width === '*') {
        const w = Math.trunc(toNum(next() ?? 0));
        if (w < 0) flags += '-';
        width = Math.abs(w);
      } else width = t.width;
      if (t.precision === '*') {
        const p = Math.trunc(toNum(next() ?? 0));
        precision = p < 0 ? null : p;
      } else precision = t.precision;
      const v = next();
      if (v === undefined) throw new AwkRuntimeError(`not enough arguments passed to ${this._inPrintf ? 'printf' : 'sprintf'}("${fmt}")`);
      const spec = { flags, width, precision, conv: t.conv };
      switch (t.conv) {
        case 'd':
        case 'i':
        case 'o':
        case 'u':
        case 'x':
        case 'X': {
          const n = toNum(v);
          out += Number.isFinite(n) ? formatInteger(spec, BigInt(Math.trunc(n))) : formatFloat({ ...spec, conv: 'f' }, n);
          break;
        }
        case 'c': {
          const isNum = typeof v === 'number';
          const ch = isNum ? String.fromCodePoint(Math.max(0, Math.trunc(v) % 0x110000)) : ([...this.toStr(v)][0] ?? '');
          out += formatString({ ...spec, precision: null }, ch, false);
          break;
        }
        case 's':
          out += formatString(spec, this.toStr(v), false);
          break;
        default:
          out += formatFloat(spec, toNum(v));
      }
    }
    return out;
  }
  private _inPrintf = false;

  // -------------------------------------------------------------------------------------------------------------
  // I/O

  private _spawnShell(cmd: string, stdin: ReadStream, stdout: WriteStream): ChildProcess | null {
    const ctx = this._ctx;
    const r = ctx.sys.spawn({
      argv: ['sh', '-c', cmd],
      env: ctx.env,
      cwd: ctx.cwd,
      cred: ctx.cred,
      umask: ctx.umask,
      stdin,
      stdout,
      stderr: ctx.stderr,
      tty: ctx.tty,
      pgid: ctx.pgid,
      ppid: ctx.pid,
      fs: ctx.fs,
    });
    return r.ok ? r.child : null;
  }

  private async _runSystem(cmd: string): Promise<number> {
    const child = this._spawnShell(cmd, this._ctx.stdin, this._ctx.stdout);
    if (!child) {
      await this._ctx.stderr.write(`sh: 1: ${cmd.split(' ')[0]}: not found\n`);
      return 127;
    }
    return child.exited;
  }

  private async _output(redir: { op: '>' | '>>' | '|'; e: Expr } | null): Promise<WriteStream> {
    if (!redir) return this._ctx.stdout;
    const name = this.toStr(await this.eval(redir.e));
    const existing = this._outputs.get(name);
    if (existing) return existing.w;
    let o: OutStream;
    if (redir.op === '|') {
      const pipe = new Pipe();
      const reader = pipe.reader();
      const child = this._spawnShell(name, reader, this._ctx.stdout);
      const w = pipe.writer(this._ctx.signals);
      if (!child) throw new AwkRuntimeError(`cannot open pipe "${name}"`);
      o = { w, child, owned: true };
    } else if (name === '/dev/stdout' || name === '-') o = { w: this._ctx.stdout, owned: false };
    else if (name === '/dev/stderr') o = { w: this._ctx.stderr, owned: false };
    else {
      try {
        o = { w: this._ctx.sys.openWrite(this._ctx.fs, resolvePath(this._ctx.cwd, name), { append: redir.op === '>>', umask: this._ctx.umask, tty: this._ctx.tty, proc: this._ctx }), owned: true };
      } catch (e) {
        if (isFsError(e)) throw new AwkRuntimeError(`cannot open "${name}" for output (${e.text})`, { cause: 'io' });
        throw e;
      }
    }
    this._outputs.set(name, o);
    return o.w;
  }

  async close(name: string): Promise<number> {
    const o = this._outputs.get(name);
    let status = -1;
    if (o) {
      this._outputs.delete(name);
      if (o.owned) o.w.close();
      status = o.child ? await o.child.exited : 0;
    }
    const i = this._inputs.get(name);
    if (i) {
      this._inputs.delete(name);
      i.stream.close();
      status = i.child ? await i.child.exited : 0;
    }
    return status;
  }

  async closeAll(): Promise<void> {
    for (const name of [...this._outputs.keys()]) await this.close(name);
    for (const name of [...this._inputs.keys()]) await this.close(name);
  }

  private _readerFor(stream: ReadStream): RecordReader {
    return new RecordReader(stream, () => this._str(this.getVar('RS')), (src) => this.regex(src));
  }

  private async _getline(e: Extract<Expr, { t: 'getline' }>): Promise<Value> {
    let rec: string | null;
    if (e.kind === 'simple') {
      rec = await this._nextMainRecord();
      if (rec === null) return 0;
      this.setVar('NR', toNum(this.getVar('NR')) + 1);
      this.setVar('FNR', toNum(this.getVar('FNR')) + 1);
    } else {
      const name = this.toStr(await this.eval(e.src!));
      let inp = this._inputs.get(name);
      if (!inp) {
        if (e.kind === 'file') {
          let stream: ReadStream;
          try {
            stream = name === '-' || name === '/dev/stdin' ? this._ctx.stdin : this._ctx.sys.openRead(this._ctx.fs, resolvePath(this._ctx.cwd, name), this._ctx.tty, this._ctx);
          } catch (err) {
            if (isFsError(err)) return -1;
            throw err;
          }
          inp = { reader: this._readerFor(stream), stream };
        } else {
          const pipe = new Pipe();
          const w = pipe.writer();
          const child = this._spawnShell(name, this._ctx.stdin, w);
          const stream = pipe.reader(this._ctx.signals);
          if (!child) return -1;
          void child.exited.then(() => w.close());
          inp = { reader: this._readerFor(stream), stream, child };
        }
        this._inputs.set(name, inp);
      }
      rec = await inp.reader.next();
      if (rec === null) return 0;
      if (e.kind === 'cmd' || !e.target) this.setVar('NR', toNum(this.getVar('NR')) + (e.kind === 'cmd' ? 1 : 0));
    }
    if (e.target) (await this._lref(e.target)).set(strnum(rec));
    else this.setRecord(rec);
    return 1;
  }

  /** Next record of the main input, advancing through ARGV operands (and their var=value assignments). */
  private async _nextMainRecord(): Promise<string | null> {
    while (true) {
      if (this._mainReader) {
        const r = await this._mainReader.next();
        if (r !== null) return r;
        if (this._mainStream && this._mainStream !== this._ctx.stdin) this._mainStream.close();
        this._mainReader = null;
      }
      if (!(await this._openNextInput())) return null;
    }
  }

  private _usedFileOperand = false;
  private _stdinDone = false;

  private async _openNextInput(): Promise<boolean> {
    const argc = Math.trunc(toNum(this.getVar('ARGC')));
    const argv = this._array('ARGV');
    while (this._argIndex < argc) {
      const a = argv.get(String(this._argIndex++));
      if (a === undefined) continue;
      const s = this.toStr(a);
      if (s === '') continue;
      const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(s);
      if (m) {
        this.assignVar(m[1]!, unescapeAwk(m[2]!));
        continue;
      }
      this._usedFileOperand = true;
      try {
        this._mainStream = s === '-' || s === '/dev/stdin' ? this._ctx.stdin : this._ctx.sys.openRead(this._ctx.fs, resolvePath(this._ctx.cwd, s), this._ctx.tty, this._ctx);
      } catch (e) {
        if (isFsError(e)) throw new AwkRuntimeError(`cannot open ${s} (${e.text})`, { cause: { file: s, text: e.text } });
        throw e;
      }
      this._mainReader = this._readerFor(this._mainStream);
      this.setVar('FILENAME', s);
      this.setVar('FNR', 0);
      return true;
    }
    if (!this._usedFileOperand && !this._stdinDone) {
      this._stdinDone = true;
      this._mainStream = this._ctx.stdin;
      this._mainReader = this._readerFor(this._mainStream);
      this.setVar('FNR', 0);
      return true;
    }
    return false;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Statements

  private async _execAll(stmts: Stmt[]): Promise<void> {
    for (const s of stmts) await this._exec(s);
  }

  private async _exec(s: Stmt): Promise<void> {
    switch (s.t) {
      case 'print': {
        const parts = s.args.length === 0 ? [this._record] : (await this._evalAll(s.args)).map((v) => this._outStr(v));
        const w = await this._output(s.redir);
        await w.write(parts.join(this._str(this.getVar('OFS'))) + this._str(this.getVar('ORS')));
        return;
      }
      case 'printf': {
        const vals = await this._evalAll(s.args);
        this._inPrintf = true;
        let text: string;
        try {
          text = this.sprintf(this.toStr(vals[0]!), vals.slice(1));
        } finally {
          this._inPrintf = false;
        }
        const w = await this._output(s.redir);
        await w.write(text);
        return;
      }
      case 'expr':
        await this.eval(s.e);
        return;
      case 'if':
        if (this._truthy(await this.eval(s.c))) await this._exec(s.then);
        else if (s.else) await this._exec(s.else);
        return;
      case 'while':
        while (this._truthy(await this.eval(s.c))) {
          await this._ctx.checkpoint();
          try {
            await this._exec(s.body);
          } catch (e) {
            if (e instanceof BreakSignal) break;
            if (!(e instanceof ContinueSignal)) throw e;
          }
        }
        return;
      case 'do':
        do {
          await this._ctx.checkpoint();
          try {
            await this._exec(s.body);
          } catch (e) {
            if (e instanceof BreakSignal) break;
            if (!(e instanceof ContinueSignal)) throw e;
          }
        } while (this._truthy(await this.eval(s.c)));
        return;
      case 'for':
        if (s.init) await this._exec(s.init);
        while (!s.c || this._truthy(await this.eval(s.c))) {
          await this._ctx.checkpoint();
          try {
            await this._exec(s.body);
          } catch (e) {
            if (e instanceof BreakSignal) break;
            if (!(e instanceof ContinueSignal)) throw e;
          }
          if (s.step) await this._exec(s.step);
        }
        return;
      case 'forin': {
        const arr = this._array(s.arr);
        for (const k of [...arr.keys()]) {
          if (!arr.has(k)) continue;
          await this._ctx.checkpoint();
          (await this._lref(s.v)).set(strnum(k));
          try {
            await this._exec(s.body);
          } catch (e) {
            if (e instanceof BreakSignal) break;
            if (!(e instanceof ContinueSignal)) throw e;
          }
        }
        return;
      }
      case 'block':
        await this._execAll(s.body);
        return;
      case 'next':
        throw new NextSignal();
      case 'nextfile':
        throw new NextFileSignal();
      case 'break':
        throw new BreakSignal();
      case 'continue':
        throw new ContinueSignal();
      case 'exit':
        throw new ExitSignal(s.e ? Math.trunc(toNum(await this.eval(s.e))) : this.exitCode);
      case 'return':
        throw new ReturnSignal(s.e ? await this.eval(s.e) : UNINIT);
      case 'delete': {
        const arr = this._array(s.name);
        if (s.subs === null) arr.clear();
        else arr.delete(this._subscript(await this._evalAll(s.subs)));
        return;
      }
    }
  }

  /** Runs BEGIN, the main loop and END; returns the exit status. */
  async run(): Promise<number> {
    const begins = this._prog.items.filter((i) => i.kind === 'begin');
    const mains = this._prog.items.filter((i) => i.kind === 'main');
    const ends = this._prog.items.filter((i) => i.kind === 'end');
    let exiting = false;
    try {
      for (const b of begins) await this._execAll(b.body!);
    } catch (e) {
      if (!(e instanceof ExitSignal)) throw e;
      this.exitCode = e.code;
      exiting = true;
    }
    if (!exiting && (mains.length > 0 || ends.length > 0)) {
      try {
        while (true) {
          const rec = await this._nextMainRecord();
          if (rec === null) break;
          this.setRecord(rec);
          this.setVar('NR', toNum(this.getVar('NR')) + 1);
          this.setVar('FNR', toNum(this.getVar('FNR')) + 1);
          await this._ctx.checkpoint();
          try {
            for (let k = 0; k < mains.length; k++) await this._runItem(mains[k]!, k);
          } catch (e) {
            if (e instanceof NextSignal) continue;
            if (e instanceof NextFileSignal) {
              if (this._mainStream && this._mainStream !== this._ctx.stdin) this._mainStream.close();
              this._mainReader = null;
              continue;
            }
            throw e;
          }
        }
      } catch (e) {
        if (!(e instanceof ExitSignal)) throw e;
        this.exitCode = e.code;
      }
    }
    try {
      // `exit` in BEGIN or the main loop still runs END (POSIX); `exit` in END stops it.
      for (const en of ends) await this._execAll(en.body!);
    } catch (e) {
      if (!(e instanceof ExitSignal)) throw e;
      this.exitCode = e.code;
    }
    await this.closeAll();
    return this.exitCode;
  }

  private async _runItem(item: (typeof this._prog.items)[number], k: number): Promise<void> {
    let selected: boolean;
    if (!item.pattern) selected = true;
    else if (!item.pattern2) selected = this._truthy(await this.eval(item.pattern));
    else if (this._rangeActive[k]) {
      selected = true;
      if (this._truthy(await this.eval(item.pattern2))) this._rangeActive[k] = false;
    } else if (this._truthy(await this.eval(item.pattern))) {
      selected = true;
      this._rangeActive[k] = !this._truthy(await this.eval(item.pattern2));
    } else selected = false;
    if (!selected) return;
    if (item.body === null) await this._ctx.stdout.write(this._record + this._str(this.getVar('ORS')));
    else await this._execAll(item.body);
  }

  get filename(): string {
    return this._str(this.getVar('FILENAME'));
  }
  get nr(): number {
    return toNum(this.getVar('NR'));
  }
  get fnr(): number {
    return toNum(this.getVar('FNR'));
  }
}

function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

function mulberry(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
