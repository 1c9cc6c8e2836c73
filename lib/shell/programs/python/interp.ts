/**
 * Runs the parsed Python subset. Semantics follow the interpreter's major version where a learner would notice:
 * Python 2's print statement (with its softspace), integer `/`, `raw_input`, list-returning range/keys/map/zip,
 * `<type 'x'>`, and each version's exception messages.
 */

import { PyException, PyExit, PyNotSimulated } from './errors';
import type { Expr, Span, Stmt } from './parser';
import type { RespValue } from '../net/resp';
import { type Major, type PyDict, type PyFunction, type PyModule, type PyValue, keyOf, list, repr, str, truthy, tuple, typeName } from './values';
import { installBuiltins, methodOf } from './builtins';
import { builtinModule } from './modules';
import { percentFormat } from './pyformat';
import { exceptionName, exceptionValue, isSubclass } from './exceptions';

/** What the interpreter needs from the process running it. */
export interface Host {
  readonly major: Major;
  /** `2.7.18` */
  readonly version: string;
  /** sys.version's text after the version (`(default, Apr 20 2020, 19:27:10) \n[GCC 8.3.0]`), when known. */
  readonly build: string | undefined;
  readonly argv: readonly string[];
  readonly executable: string;
  readonly env: ReadonlyMap<string, string>;
  readonly cwd: string;
  readonly hostname: string;
  readonly pid: number;
  write(text: string): Promise<void>;
  /** Writes out what stdout holds back (sys.stdout.flush(), input(), exit). */
  flush(): Promise<void>;
  writeErr(text: string): Promise<void>;
  readLine(): Promise<string | null>;
  /** A top-level module installed in site-packages (a package layerlab can import but not run). */
  hasPackage(name: string): boolean;
  /** The installed version of a distribution (`Flask` → `1.1.4`), from its dist-info. */
  packageVersion(dist: string): string | undefined;
  /** The script's name for `Flask(__name__)` (`app` for app.py), undefined for -c and stdin. */
  readonly mainFile: string | undefined;
  readonly stdoutIsTTY: boolean;
  /** The machine's first non-loopback address (Werkzeug 3 prints it). */
  readonly address: string;
  randomInt(n: number): number;
  /** Serves HTTP on host:port until the process is stopped; throws PyException OSError when the port is taken. */
  serve(host: string, port: number, handle: (req: WebRequest) => Promise<WebResponse>, onBound: () => Promise<void>): Promise<void>;
  /** One Redis command over RESP; throws redis-py's ConnectionError (as a PyException) when it cannot connect. */
  redis(host: string, port: number, args: readonly string[]): Promise<RespValue>;
  listdir(path: string): string[];
  now(): number;
  sleep(seconds: number): Promise<void>;
  checkpoint(): Promise<void>;
}

export interface WebRequest {
  readonly method: string;
  readonly target: string;
  readonly version: string;
  readonly remote: string;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: string;
}
export interface WebResponse {
  readonly version: string;
  readonly status: number;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: string;
}

class Break {}
class Continue {}
class Return {
  constructor(readonly value: PyValue) {}
}

export interface Frame {
  readonly name: string;
  line: number;
  /** The expression that failed in this frame (set as an exception leaves it). */
  span?: Span;
}

const isNum = (v: PyValue): v is bigint | number | boolean => typeof v === 'bigint' || typeof v === 'number' || typeof v === 'boolean';
const asInt = (v: bigint | boolean): bigint => (typeof v === 'boolean' ? (v ? 1n : 0n) : v);

export class Interpreter {
  readonly globals = new Map<string, PyValue>();
  readonly builtins = new Map<string, PyValue>();
  readonly stack: Frame[] = [{ name: '<module>', line: 0 }];
  /** Python 2's print statement leaves a pending space after `print x,`. */
  private softspace = false;
  private readonly modules = new Map<string, PyModule>();
  /** The exceptions being handled (`raise` alone re-raises the innermost). */
  private readonly handling: PyException[] = [];

  constructor(readonly host: Host) {
    this.globals.set('__name__', '__main__');
    installBuiltins(this);
  }

  get major(): Major {
    return this.host.major;
  }

  err(type: string, detail: string): PyException {
    return new PyException(type, detail);
  }

  async run(stmts: readonly Stmt[]): Promise<void> {
    await this.block(stmts, this.globals);
    if (this.softspace) {
      await this.host.write('\n');
      this.softspace = false;
    }
  }

  /** The interactive loop's echo of an expression statement's value (`_`, and nothing for None). */
  async runInteractive(stmts: readonly Stmt[]): Promise<void> {
    for (const s of stmts) {
      if (s.t === 'expr') {
        this.stack[0]!.line = s.line;
        const v = await this.eval(s.e, this.globals);
        if (v !== null) {
          this.builtins.set('_', v);
          await this.host.write(`${repr(v, this.major)}\n`);
        }
      } else await this.block([s], this.globals);
    }
    if (this.softspace) {
      await this.host.write('\n');
      this.softspace = false;
    }
  }

  private async block(stmts: readonly Stmt[], scope: Map<string, PyValue>): Promise<void> {
    for (const s of stmts) {
      await this.host.checkpoint();
      this.stack[this.stack.length - 1]!.line = s.line;
      await this.stmt(s, scope);
    }
  }

  private async stmt(s: Stmt, scope: Map<string, PyValue>): Promise<void> {
    switch (s.t) {
      case 'expr':
        await this.eval(s.e, scope);
        return;
      case 'assign': {
        const v = await this.eval(s.value, scope);
        for (const t of s.targets) await this.assign(t, v, scope);
        return;
      }
      case 'aug': {
        const cur = await this.eval(s.target, scope);
        const v = await this.eval(s.value, scope);
        const next = cur !== null && typeof cur === 'object' && cur.kind === 'list' && s.op === '+' ? (cur.items.push(...this.iterate(v)), cur) : this.binop(s.op, cur, v);
        await this.assign(s.target, next, scope);
        return;
      }
      case 'print': {
        let out = '';
        for (const item of s.items) {
          const v = await this.eval(item, scope);
          if (this.softspace) out += ' ';
          const text = str(v, this.major);
          out += text;
          // A string ending in a newline cancels the pending space, as file.softspace does.
          this.softspace = !(typeof v === 'string' && text.endsWith('\n'));
        }
        if (s.newline) {
          out += '\n';
          this.softspace = false;
        }
        await this.host.write(out);
        return;
      }
      case 'import':
        for (const [name, as] of s.names) {
          const mod = this.importModule(name);
          if (as) scope.set(as, mod);
          else scope.set(name.split('.')[0]!, this.importModule(name.split('.')[0]!));
        }
        return;
      case 'from': {
        if (s.module === '__future__') return;
        const mod = this.importModule(s.module);
        for (const [name, as] of s.names) {
          const v = mod.attrs.get(name) ?? (mod.attrs.has('__opaque__') ? { kind: 'opaque' as const, name: `${s.module}.${name}` } : undefined);
          if (v === undefined) throw this.err('ImportError', this.major === 2 ? `cannot import name ${name}` : `cannot import name '${name}' from '${s.module}' (unknown location)`);
          scope.set(as ?? name, v);
        }
        return;
      }
      case 'if':
        for (const [cond, body] of s.branches) {
          if (truthy(await this.eval(cond, scope))) {
            await this.block(body, scope);
            return;
          }
        }
        await this.block(s.orelse, scope);
        return;
      case 'while':
        while (truthy(await this.eval(s.cond, scope))) {
          try {
            await this.block(s.body, scope);
          } catch (e) {
            if (e instanceof Break) break;
            if (!(e instanceof Continue)) throw e;
          }
          this.stack[this.stack.length - 1]!.line = s.line;
        }
        return;
      case 'for': {
        const items = this.iterate(await this.eval(s.iter, scope));
        for (const item of items) {
          await this.assign(s.target, item, scope);
          try {
            await this.block(s.body, scope);
          } catch (e) {
            if (e instanceof Break) break;
            if (!(e instanceof Continue)) throw e;
          }
        }
        return;
      }
      case 'def': {
        const params: { name: string; dflt?: PyValue }[] = [];
        for (const p of s.params) params.push(p.dflt ? { name: p.name, dflt: await this.eval(p.dflt, scope) } : { name: p.name });
        let fn: PyValue = { kind: 'function', name: s.name, params, body: s.body };
        for (const d of [...s.decorators].reverse()) fn = await this.call(await this.eval(d, scope), [fn], new Map());
        scope.set(s.name, fn);
        return;
      }
      case 'return':
        throw new Return(s.e ? await this.eval(s.e, scope) : null);
      case 'pass':
        return;
      case 'raise': {
        if (!s.e) {
          const current = this.handling[this.handling.length - 1];
          if (current) throw current;
          throw this.err(this.major === 2 ? 'TypeError' : 'RuntimeError', this.major === 2 ? 'exceptions must be old-style classes or derived from BaseException, not NoneType' : 'No active exception to reraise');
        }
        const v = await this.eval(s.e, scope);
        const name = exceptionName(v);
        if (name === undefined) throw this.err('TypeError', this.major === 2 ? `exceptions must be old-style classes or derived from BaseException, not ${typeName(v, 2)}` : 'exceptions must derive from BaseException');
        throw this.err(name, v !== null && typeof v === 'object' && v.kind === 'instance' ? str(v, this.major) : '');
      }
      case 'try': {
        let raised: unknown;
        let ok = false;
        try {
          await this.block(s.body, scope);
          ok = true;
        } catch (e) {
          raised = e;
        }
        try {
          if (ok) await this.block(s.orelse, scope);
          else {
            if (!(raised instanceof PyException)) throw raised;
            const err = raised;
            let handled = false;
            for (const h of s.handlers) {
              if (h.types !== undefined) {
                const t = await this.eval(h.types, scope);
                const names = (t !== null && typeof t === 'object' && t.kind === 'tuple' ? t.items : [t]).map(exceptionName);
                if (!names.some((n) => n !== undefined && isSubclass(err.type, n, this.major))) continue;
              }
              if (h.name) scope.set(h.name, exceptionValue(err, this.major));
              this.handling.push(err);
              try {
                await this.block(h.body, scope);
              } finally {
                this.handling.pop();
              }
              handled = true;
              break;
            }
            if (!handled) throw err;
          }
        } finally {
          await this.block(s.final, scope);
        }
        return;
      }
      case 'break':
        throw new Break();
      case 'continue':
        throw new Continue();
    }
  }

  importModule(name: string): PyModule {
    const cached = this.modules.get(name);
    if (cached) return cached;
    const mod = builtinModule(this, name) ?? (this.host.hasPackage(name.split('.')[0]!) ? opaqueModule(name) : undefined);
    if (!mod) throw this.major === 2 ? this.err('ImportError', `No module named ${name.split('.').pop()}`) : this.err('ModuleNotFoundError', `No module named '${name}'`);
    this.modules.set(name, mod);
    return mod;
  }

  private async assign(t: Expr, v: PyValue, scope: Map<string, PyValue>): Promise<void> {
    switch (t.t) {
      case 'name':
        scope.set(t.id, v);
        return;
      case 'tuple':
      case 'list': {
        const items = this.iterate(v);
        if (items.length > t.items.length) throw this.err('ValueError', this.major === 2 ? 'too many values to unpack' : `too many values to unpack (expected ${t.items.length})`);
        if (items.length < t.items.length) throw this.err('ValueError', this.major === 2 ? `need more than ${items.length} value${items.length === 1 ? '' : 's'} to unpack` : `not enough values to unpack (expected ${t.items.length}, got ${items.length})`);
        for (let i = 0; i < items.length; i++) await this.assign(t.items[i]!, items[i]!, scope);
        return;
      }
      case 'sub': {
        const target = await this.eval(t.e, scope);
        const index = await this.eval(t.index, scope);
        if (target !== null && typeof target === 'object' && target.kind === 'dict') {
          target.map.set(this.hashKey(index), [index, v]);
          return;
        }
        if (target !== null && typeof target === 'object' && target.kind === 'list') {
          target.items[this.index(target.items.length, index, 'list assignment')] = v;
          return;
        }
        throw this.err('TypeError', `'${typeName(target, this.major)}' object does not support item assignment`);
      }
      case 'attr':
        throw new PyNotSimulated('setting attributes');
      default:
        throw new PyNotSimulated('this assignment');
    }
  }

  hashKey(v: PyValue): string {
    try {
      return keyOf(v);
    } catch {
      throw this.err('TypeError', this.major === 2 ? `unhashable type: '${typeName(v, 2)}'` : `unhashable type: '${typeName(v, 3)}'`);
    }
  }

  index(len: number, i: PyValue, what: string): number {
    if (typeof i !== 'bigint' && typeof i !== 'boolean') throw this.err('TypeError', this.major === 2 ? `${what.split(' ')[0]} indices must be integers, not ${typeName(i, 2)}` : `${what.split(' ')[0]} indices must be integers or slices, not ${typeName(i, 3)}`);
    let n = Number(asInt(i));
    if (n < 0) n += len;
    if (n < 0 || n >= len) throw this.err('IndexError', `${what} index out of range`);
    return n;
  }

  iterate(v: PyValue): PyValue[] {
    if (typeof v === 'string') return [...v];
    if (v !== null && typeof v === 'object') {
      switch (v.kind) {
        case 'list':
        case 'tuple':
          return [...v.items];
        case 'dict':
          return [...v.map.values()].map(([k]) => k);
        case 'range': {
          const out: PyValue[] = [];
          if (v.step > 0n) for (let i = v.start; i < v.stop; i += v.step) out.push(i);
          else for (let i = v.start; i > v.stop; i += v.step) out.push(i);
          return out;
        }
        default:
      }
    }
    throw this.err('TypeError', `'${typeName(v, this.major)}' object is not iterable`);
  }

  async eval(e: Expr, scope: Map<string, PyValue>): Promise<PyValue> {
    if (!e.s) return this.evalInner(e, scope);
    try {
      return await this.evalInner(e, scope);
    } catch (err) {
      // The innermost expression on the frame's line that an exception leaves is what the traceback underlines.
      const frames = err instanceof PyException ? (err as PyException & { frames?: Frame[] }).frames : undefined;
      const fr = frames?.[this.stack.length - 1];
      if (fr && fr.span === undefined && fr.line === e.s.line) fr.span = e.s;
      throw err;
    }
  }

  private async evalInner(e: Expr, scope: Map<string, PyValue>): Promise<PyValue> {
    switch (e.t) {
      case 'const':
        return e.v;
      case 'fstr': {
        let s = '';
        for (const p of e.parts) s += typeof p === 'string' ? p : str(await this.eval(p, scope), this.major);
        return s;
      }
      case 'name': {
        if (scope.has(e.id)) return scope.get(e.id)!;
        if (this.globals.has(e.id)) return this.globals.get(e.id)!;
        if (this.builtins.has(e.id)) return this.builtins.get(e.id)!;
        throw this.err(scope !== this.globals && this.major === 3 ? 'NameError' : 'NameError', this.major === 2 && scope !== this.globals ? `global name '${e.id}' is not defined` : `name '${e.id}' is not defined`);
      }
      case 'bin':
        return this.binop(e.op, await this.eval(e.l, scope), await this.eval(e.r, scope));
      case 'unary': {
        const v = await this.eval(e.e, scope);
        if (typeof v === 'bigint' || typeof v === 'boolean') return e.op === '-' ? -asInt(v) : e.op === '~' ? ~asInt(v) : asInt(v);
        if (typeof v === 'number' && e.op !== '~') return e.op === '-' ? -v : v;
        throw this.err('TypeError', `bad operand type for unary ${e.op}: '${typeName(v, this.major)}'`);
      }
      case 'bool': {
        const l = await this.eval(e.l, scope);
        if (e.op === 'and' ? !truthy(l) : truthy(l)) return l;
        return this.eval(e.r, scope);
      }
      case 'not':
        return !truthy(await this.eval(e.e, scope));
      case 'cmp': {
        let left = await this.eval(e.first, scope);
        for (const [op, re] of e.rest) {
          const right = await this.eval(re, scope);
          if (!this.compare(op, left, right)) return false;
          left = right;
        }
        return true;
      }
      case 'ifexp':
        return truthy(await this.eval(e.cond, scope)) ? this.eval(e.a, scope) : this.eval(e.b, scope);
      case 'list': {
        const items: PyValue[] = [];
        for (const i of e.items) items.push(await this.eval(i, scope));
        return list(items);
      }
      case 'tuple': {
        const items: PyValue[] = [];
        for (const i of e.items) items.push(await this.eval(i, scope));
        return tuple(items);
      }
      case 'dict': {
        const d: PyDict = { kind: 'dict', map: new Map() };
        for (const [k, v] of e.pairs) {
          const key = await this.eval(k, scope);
          d.map.set(this.hashKey(key), [key, await this.eval(v, scope)]);
        }
        return d;
      }
      case 'listcomp': {
        const out: PyValue[] = [];
        // Python 2 list comprehensions leak their variable into the enclosing scope; Python 3's do not.
        const inner = this.major === 2 ? scope : new Map(scope);
        for (const item of this.iterate(await this.eval(e.iter, scope))) {
          await this.assign(e.target, item, inner);
          let ok = true;
          for (const c of e.conds) if (!truthy(await this.eval(c, inner))) ok = false;
          if (ok) out.push(await this.eval(e.elt, inner));
        }
        return list(out);
      }
      case 'call': {
        const f = await this.eval(e.f, scope);
        const args: PyValue[] = [];
        for (const a of e.args) args.push(await this.eval(a, scope));
        const kw = new Map<string, PyValue>();
        for (const [k, v] of e.kw) kw.set(k, await this.eval(v, scope));
        return this.call(f, args, kw);
      }
      case 'attr':
        return this.getattr(await this.eval(e.e, scope), e.name);
      case 'sub':
        return this.subscript(await this.eval(e.e, scope), e.index, scope);
      case 'slice':
        throw new PyNotSimulated('slice objects');
    }
  }

  private async subscript(v: PyValue, ie: Expr, scope: Map<string, PyValue>): Promise<PyValue> {
    if (ie.t === 'slice') {
      const bound = async (x: Expr | undefined) => (x ? await this.eval(x, scope) : null);
      const lo = await bound(ie.lo);
      const hi = await bound(ie.hi);
      const step = await bound(ie.step);
      const seq = typeof v === 'string' ? [...v] : v !== null && typeof v === 'object' && (v.kind === 'list' || v.kind === 'tuple') ? v.items : undefined;
      if (!seq) throw this.err('TypeError', `'${typeName(v, this.major)}' object is not subscriptable`);
      const st = step === null ? 1 : Number(asInt(step as bigint));
      if (st === 0) throw this.err('ValueError', 'slice step cannot be zero');
      const n = seq.length;
      const clamp = (x: PyValue, dflt: number) => {
        if (x === null) return dflt;
        let i = Number(asInt(x as bigint));
        if (i < 0) i += n;
        return st > 0 ? Math.min(Math.max(i, 0), n) : Math.min(Math.max(i, -1), n - 1);
      };
      const a = clamp(lo, st > 0 ? 0 : n - 1);
      const b = clamp(hi, st > 0 ? n : -1);
      const out: PyValue[] = [];
      if (st > 0) for (let i = a; i < b; i += st) out.push(seq[i]!);
      else for (let i = a; i > b; i += st) out.push(seq[i]!);
      if (typeof v === 'string') return out.join('');
      return (v as { kind: string }).kind === 'list' ? list(out) : tuple(out);
    }
    const i = await this.eval(ie, scope);
    if (typeof v === 'string') return [...v][this.index([...v].length, i, 'string')]!;
    if (v !== null && typeof v === 'object') {
      if (v.kind === 'list' || v.kind === 'tuple') return v.items[this.index(v.items.length, i, v.kind)]!;
      if (v.kind === 'dict') {
        const hit = v.map.get(this.hashKey(i));
        if (!hit) throw this.err('KeyError', repr(i, this.major));
        return hit[1];
      }
      if (v.kind === 'range') {
        const items = this.iterate(v);
        return items[this.index(items.length, i, 'range object')]!;
      }
    }
    throw this.err('TypeError', this.major === 2 ? `'${typeName(v, 2)}' object has no attribute '__getitem__'` : `'${typeName(v, 3)}' object is not subscriptable`);
  }

  async call(f: PyValue, args: PyValue[], kw: Map<string, PyValue>): Promise<PyValue> {
    if (f !== null && typeof f === 'object') {
      switch (f.kind) {
        case 'builtin':
        case 'type':
          return f.call(args, kw);
        case 'function':
          return this.callFunction(f, args, kw);
        case 'opaque':
          throw new PyNotSimulated(`${f.name}()`);
        default:
      }
    }
    throw this.err('TypeError', `'${typeName(f, this.major)}' object is not callable`);
  }

  private async callFunction(f: PyFunction, args: PyValue[], kw: Map<string, PyValue>): Promise<PyValue> {
    const local = new Map<string, PyValue>();
    const required = f.params.filter((p) => p.dflt === undefined).length;
    if (args.length > f.params.length || args.length + kw.size < required) {
      const given = args.length;
      const msg =
        this.major === 2
          ? `${f.name}() takes ${required === f.params.length ? 'exactly' : given > f.params.length ? 'at most' : 'at least'} ${given > f.params.length ? f.params.length : required} argument${(given > f.params.length ? f.params.length : required) === 1 ? '' : 's'} (${given} given)`
          : given > f.params.length
            ? `${f.name}() takes ${f.params.length} positional argument${f.params.length === 1 ? '' : 's'} but ${given} ${given === 1 ? 'was' : 'were'} given`
            : `${f.name}() missing ${required - given} required positional argument${required - given === 1 ? '' : 's'}: ${f.params
                .slice(given, required)
                .map((p) => `'${p.name}'`)
                .join(' and ')}`;
      throw this.err('TypeError', msg);
    }
    f.params.forEach((p, i) => {
      const v = i < args.length ? args[i]! : kw.has(p.name) ? kw.get(p.name)! : p.dflt;
      if (v !== undefined) local.set(p.name, v);
    });
    if (this.stack.length > 990) throw this.err('RuntimeError', this.major === 2 ? 'maximum recursion depth exceeded' : 'maximum recursion depth exceeded');
    this.stack.push({ name: f.name, line: 0 });
    try {
      await this.block(f.body, local);
      return null;
    } catch (e) {
      if (e instanceof Return) return e.value;
      throw e;
    } finally {
      this.stack.pop();
    }
  }

  getattr(v: PyValue, name: string): PyValue {
    if (v !== null && typeof v === 'object') {
      if (v.kind === 'module') {
        const a = v.attrs.get(name);
        // A standard module's opaque attribute stands for something layerlab does not know the value of.
        if (a !== undefined && a !== null && typeof a === 'object' && a.kind === 'opaque' && !v.attrs.has('__opaque__')) throw new PyNotSimulated(a.name);
        if (a !== undefined) return a;
        if (v.attrs.has('__opaque__')) return { kind: 'opaque', name: `${v.name}.${name}` };
        throw this.err('AttributeError', this.major === 2 ? `'module' object has no attribute '${name}'` : `module '${v.name}' has no attribute '${name}'`);
      }
      if (v.kind === 'opaque') return { kind: 'opaque', name: `${v.name}.${name}` };
      if (v.kind === 'instance') {
        const a = v.attrs.get(name);
        if (a !== undefined) return a;
        throw this.err('AttributeError', `'${v.cls}' object has no attribute '${name}'`);
      }
    }
    const m = methodOf(this, v, name);
    if (m) return m;
    throw this.err('AttributeError', `'${typeName(v, this.major)}' object has no attribute '${name}'`);
  }

  eq(a: PyValue, b: PyValue): boolean {
    if (isNum(a) && isNum(b)) {
      if (typeof a === 'number' || typeof b === 'number') return Number(typeof a === 'boolean' ? +a : a) === Number(typeof b === 'boolean' ? +b : b);
      return asInt(a) === asInt(b);
    }
    if (typeof a === 'string' || typeof b === 'string') return a === b;
    if (a === null || b === null) return a === b;
    if (typeof a === 'object' && typeof b === 'object') {
      if ((a.kind === 'list' && b.kind === 'list') || (a.kind === 'tuple' && b.kind === 'tuple')) return a.items.length === b.items.length && a.items.every((x, i) => this.eq(x, b.items[i]!));
      if (a.kind === 'dict' && b.kind === 'dict') return a.map.size === b.map.size && [...a.map].every(([k, [, v]]) => b.map.has(k) && this.eq(v, b.map.get(k)![1]));
    }
    return a === b;
  }

  compareOrder(a: PyValue, b: PyValue): number {
    return this.order(a, b, '<');
  }

  /** <, <=, >, >= : Python 3 refuses mixed types; Python 2 orders numbers first, then by type name. */
  private order(a: PyValue, b: PyValue, op: string): number {
    if (isNum(a) && isNum(b)) {
      if (typeof a === 'number' || typeof b === 'number') {
        const x = Number(typeof a === 'boolean' ? +a : a);
        const y = Number(typeof b === 'boolean' ? +b : b);
        return x < y ? -1 : x > y ? 1 : 0;
      }
      const x = asInt(a);
      const y = asInt(b);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
    if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && a.kind === b.kind && (a.kind === 'list' || a.kind === 'tuple') && (b.kind === 'list' || b.kind === 'tuple')) {
      for (let i = 0; i < Math.min(a.items.length, b.items.length); i++) {
        if (!this.eq(a.items[i]!, b.items[i]!)) return this.order(a.items[i]!, b.items[i]!, op);
      }
      return a.items.length - b.items.length;
    }
    if (this.major === 3) throw this.err('TypeError', `'${op}' not supported between instances of '${typeName(a, 3)}' and '${typeName(b, 3)}'`);
    const rank = (v: PyValue) => (v === null ? '' : isNum(v) ? ' ' : typeName(v, 2));
    return rank(a) < rank(b) ? -1 : rank(a) > rank(b) ? 1 : 0;
  }

  private compare(op: string, a: PyValue, b: PyValue): boolean {
    switch (op) {
      case '==': return this.eq(a, b);
      case '!=': return !this.eq(a, b);
      case '<': return this.order(a, b, op) < 0;
      case '<=': return this.order(a, b, op) <= 0;
      case '>': return this.order(a, b, op) > 0;
      case '>=': return this.order(a, b, op) >= 0;
      case 'is': return a === b || (a === null && b === null);
      case 'is not': return !(a === b || (a === null && b === null));
      case 'in':
      case 'not in': {
        let hit: boolean;
        if (typeof b === 'string') {
          if (typeof a !== 'string') throw this.err('TypeError', this.major === 2 ? `'in <string>' requires string as left operand, not ${typeName(a, 2)}` : `'in <string>' requires string as left operand, not ${typeName(a, 3)}`);
          hit = b.includes(a);
        } else if (b !== null && typeof b === 'object' && b.kind === 'dict') hit = b.map.has(this.hashKey(a));
        else hit = this.iterate(b).some((x) => this.eq(x, a));
        return op === 'in' ? hit : !hit;
      }
      default:
        return false;
    }
  }

  binop(op: string, a: PyValue, b: PyValue): PyValue {
    const unsupported = () => this.err('TypeError', `unsupported operand type(s) for ${op}: '${typeName(a, this.major)}' and '${typeName(b, this.major)}'`);
    if (isNum(a) && isNum(b)) {
      if (typeof a !== 'number' && typeof b !== 'number') return this.intOp(op, asInt(a), asInt(b), unsupported);
      const x = Number(typeof a === 'boolean' ? +a : a);
      const y = Number(typeof b === 'boolean' ? +b : b);
      switch (op) {
        case '+': return x + y;
        case '-': return x - y;
        case '*': return x * y;
        case '/':
        case '//':
        case '%':
          if (y === 0) throw this.err('ZeroDivisionError', op === '%' ? 'float modulo' : this.major === 2 && op === '//' ? 'float divmod()' : op === '//' ? 'float floor division by zero' : 'float division by zero');
          return op === '/' ? x / y : op === '//' ? Math.floor(x / y) : x - Math.floor(x / y) * y;
        case '**': return x ** y;
        default: throw unsupported();
      }
    }
    if (typeof a === 'string') {
      if (op === '+') {
        if (typeof b === 'string') return a + b;
        throw this.err('TypeError', this.major === 2 ? `cannot concatenate 'str' and '${typeName(b, 2)}' objects` : `can only concatenate str (not "${typeName(b, 3)}") to str`);
      }
      if (op === '*' && (typeof b === 'bigint' || typeof b === 'boolean')) return a.repeat(Math.max(0, Number(asInt(b))));
      if (op === '%') return percentFormat(this, a, b);
    }
    if ((typeof b === 'string' || (b !== null && typeof b === 'object' && (b.kind === 'list' || b.kind === 'tuple'))) && op === '*' && (typeof a === 'bigint' || typeof a === 'boolean')) return this.binop('*', b, a);
    if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
      if (op === '+' && a.kind === 'list' && b.kind === 'list') return list([...a.items, ...b.items]);
      if (op === '+' && a.kind === 'tuple' && b.kind === 'tuple') return tuple([...a.items, ...b.items]);
      if (op === '+' && a.kind === 'list') throw this.err('TypeError', this.major === 2 ? `can only concatenate list (not "${typeName(b, 2)}") to list` : `can only concatenate list (not "${typeName(b, 3)}") to list`);
    }
    if (a !== null && typeof a === 'object' && (a.kind === 'list' || a.kind === 'tuple') && op === '*' && (typeof b === 'bigint' || typeof b === 'boolean')) {
      const out: PyValue[] = [];
      for (let i = 0n; i < asInt(b); i++) out.push(...a.items);
      return a.kind === 'list' ? list(out) : tuple(out);
    }
    throw unsupported();
  }

  private intOp(op: string, x: bigint, y: bigint, unsupported: () => PyException): PyValue {
    const floorDiv = (p: bigint, q: bigint) => {
      const d = p / q;
      return (p % q !== 0n && (p < 0n) !== (q < 0n)) ? d - 1n : d;
    };
    switch (op) {
      case '+': return x + y;
      case '-': return x - y;
      case '*': return x * y;
      case '/':
        if (y === 0n) throw this.err('ZeroDivisionError', this.major === 2 ? 'integer division or modulo by zero' : 'division by zero');
        // Python 2 divides integers with floor division; Python 3 gives a float.
        return this.major === 2 ? floorDiv(x, y) : Number(x) / Number(y);
      case '//':
        if (y === 0n) throw this.err('ZeroDivisionError', 'integer division or modulo by zero');
        return floorDiv(x, y);
      case '%':
        if (y === 0n) throw this.err('ZeroDivisionError', this.major === 2 ? 'integer division or modulo by zero' : 'integer modulo by zero');
        return x - floorDiv(x, y) * y;
      case '**':
        return y < 0n ? Number(x) ** Number(y) : x ** y;
      case '<<': return x << y;
      case '>>': return x >> y;
      case '&': return x & y;
      case '|': return x | y;
      case '^': return x ^ y;
      default: throw unsupported();
    }
  }
}

function opaqueModule(name: string): PyModule {
  return { kind: 'module', name, attrs: new Map([['__opaque__', true]]) };
}

