/** The builtins and the methods of str, list and dict that the subset offers, per major version. */

import { PyExit, PyNotSimulated } from './errors';
import type { Interpreter } from './interp';
import { formatSpec } from './pyformat';
import { BUILTIN_EXCEPTIONS, exceptionType } from './exceptions';
import { type PyBuiltin, type PyDict, type PyType, type PyValue, list, repr, str, truthy, tuple, typeName } from './values';

type Fn = (args: PyValue[], kw: Map<string, PyValue>) => Promise<PyValue> | PyValue;

export function builtin(name: string, call: Fn): PyBuiltin {
  return { kind: 'builtin', name, call };
}
function type(name: string, call: Fn): PyType {
  return { kind: 'type', name, call };
}

function toInt(v: PyValue): bigint {
  return typeof v === 'boolean' ? (v ? 1n : 0n) : (v as bigint);
}

export function installBuiltins(it: Interpreter): void {
  const b = it.builtins;
  const major = it.major;
  const arity = (name: string, args: PyValue[], n: number) => {
    if (args.length !== n) throw it.err('TypeError', major === 2 ? `${name}() takes exactly one argument (${args.length} given)` : `${name}() takes exactly one argument (${args.length} given)`);
  };
  const intOf = (v: PyValue, base?: PyValue): PyValue => {
    if (typeof v === 'bigint') return v;
    if (typeof v === 'boolean') return v ? 1n : 0n;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) throw it.err(Number.isNaN(v) ? 'ValueError' : 'OverflowError', Number.isNaN(v) ? 'cannot convert float NaN to integer' : 'cannot convert float infinity to integer');
      return BigInt(Math.trunc(v));
    }
    if (typeof v === 'string') {
      const radix = base === undefined ? 10 : Number(toInt(base));
      const t = v.trim().replace(/_/g, '');
      const digits = '0123456789abcdefghijklmnopqrstuvwxyz'.slice(0, radix);
      const m = /^([+-]?)(.+)$/.exec(t);
      if (m && [...m[2]!.toLowerCase()].every((c) => digits.includes(c))) {
        let n = 0n;
        for (const c of m[2]!.toLowerCase()) n = n * BigInt(radix) + BigInt(digits.indexOf(c));
        return m[1] === '-' ? -n : n;
      }
      throw it.err('ValueError', `invalid literal for int() with base ${radix}: ${repr(v, major)}`);
    }
    throw it.err('TypeError', major === 2 ? `int() argument must be a string or a number, not '${typeName(v, 2)}'` : `int() argument must be a string, a bytes-like object or a real number, not '${typeName(v, 3)}'`);
  };
  const floatOf = (v: PyValue): PyValue => {
    if (typeof v === 'number') return v;
    if (typeof v === 'bigint' || typeof v === 'boolean') return Number(toInt(v));
    if (typeof v === 'string') {
      const t = v.trim().toLowerCase();
      if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(t)) return Number(t);
      if (/^[+-]?(inf|infinity|nan)$/.test(t)) return t.includes('nan') ? NaN : t.startsWith('-') ? -Infinity : Infinity;
      throw it.err('ValueError', major === 2 ? `could not convert string to float: ${v}` : `could not convert string to float: ${repr(v, 3)}`);
    }
    throw it.err('TypeError', `float() argument must be a string or a${major === 2 ? '' : ' real'} number${major === 2 ? '' : `, not '${typeName(v, 3)}'`}`);
  };
  const rangeOf = (args: PyValue[]) => {
    const n = args.map((a) => {
      if (typeof a !== 'bigint' && typeof a !== 'boolean') throw it.err('TypeError', major === 2 ? `range() integer end argument expected, got ${typeName(a, 2)}.` : `'${typeName(a, 3)}' object cannot be interpreted as an integer`);
      return toInt(a);
    });
    const [start, stop, step] = n.length === 1 ? [0n, n[0]!, 1n] : [n[0]!, n[1]!, n[2] ?? 1n];
    if (step === 0n) throw it.err('ValueError', major === 2 ? 'range() step argument must not be zero' : 'range() arg 3 must not be zero');
    return { kind: 'range' as const, start, stop, step };
  };
  const seqOut = (items: PyValue[]) => list(items);

  for (const name of [...BUILTIN_EXCEPTIONS, ...(major === 2 ? ['StandardError'] : ['ModuleNotFoundError'])]) b.set(name, exceptionType(name, major));
  b.set('True', true);
  b.set('False', false);
  b.set('None', null);
  b.set('int', type('int', ([v, base]) => (v === undefined ? 0n : intOf(v, base))));
  b.set('float', type('float', ([v]) => (v === undefined ? 0 : floatOf(v))));
  b.set('str', type('str', ([v]) => (v === undefined ? '' : str(v, major))));
  b.set('bool', type('bool', ([v]) => (v === undefined ? false : truthy(v))));
  b.set('list', type('list', ([v]) => list(v === undefined ? [] : it.iterate(v))));
  b.set('tuple', type('tuple', ([v]) => tuple(v === undefined ? [] : it.iterate(v))));
  b.set(
    'dict',
    type('dict', ([v], kw) => {
      const d: PyDict = { kind: 'dict', map: new Map() };
      if (v !== undefined && v !== null && typeof v === 'object' && v.kind === 'dict') for (const [k, e] of v.map) d.map.set(k, e);
      else if (v !== undefined) for (const pair of it.iterate(v)) {
        const [k, x] = it.iterate(pair);
        d.map.set(it.hashKey(k!), [k!, x!]);
      }
      for (const [k, x] of kw) d.map.set(it.hashKey(k), [k, x]);
      return d;
    }),
  );
  b.set('range', major === 2 ? builtin('range', (args) => seqOut(it.iterate(rangeOf(args)))) : type('range', (args) => rangeOf(args)));
  if (major === 2) {
    b.set('xrange', type('xrange', (args) => rangeOf(args)));
    b.set('unicode', type('unicode', ([v]) => (v === undefined ? '' : str(v, major))));
    b.set('long', type('long', ([v]) => (v === undefined ? 0n : intOf(v))));
    b.set('raw_input', builtin('raw_input', (args) => readInput(it, args, 'raw_input')));
    b.set('input', builtin('input', () => {
      throw new PyNotSimulated("Python 2's input() (it evaluates what is typed; use raw_input())");
    }));
  } else b.set('input', builtin('input', (args) => readInput(it, args, 'input')));
  b.set(
    'print',
    builtin('print', async (args, kw) => {
      if (major === 2) throw new PyNotSimulated('print as a function in Python 2');
      const sep = kw.has('sep') && kw.get('sep') !== null ? str(kw.get('sep')!, major) : ' ';
      const end = kw.has('end') && kw.get('end') !== null ? str(kw.get('end')!, major) : '\n';
      const file = kw.get('file');
      const text = args.map((a) => str(a, major)).join(sep) + end;
      if (file !== undefined && file !== null && typeof file === 'object' && file.kind === 'module' && file.name === 'sys.stderr') await it.host.writeErr(text);
      else {
        await it.host.write(text);
        if (kw.has('flush') && truthy(kw.get('flush')!)) await it.host.flush();
      }
      return null;
    }),
  );
  b.set('len', builtin('len', (args) => {
    arity('len', args, 1);
    const v = args[0]!;
    if (typeof v === 'string') return BigInt([...v].length);
    if (v !== null && typeof v === 'object' && (v.kind === 'list' || v.kind === 'tuple')) return BigInt(v.items.length);
    if (v !== null && typeof v === 'object' && v.kind === 'dict') return BigInt(v.map.size);
    if (v !== null && typeof v === 'object' && v.kind === 'range') return BigInt(it.iterate(v).length);
    throw it.err('TypeError', major === 2 ? `object of type '${typeName(v, 2)}' has no len()` : `object of type '${typeName(v, 3)}' has no len()`);
  }));
  b.set('repr', builtin('repr', ([v]) => repr(v ?? null, major)));
  b.set('type', builtin('type', ([v]) => {
    const name = typeName(v ?? null, major);
    return (b.get(name) as PyType | undefined)?.kind === 'type' ? b.get(name)! : type(name, () => {
      throw new PyNotSimulated(`calling ${name}`);
    });
  }));
  b.set('isinstance', builtin('isinstance', ([v, t]) => {
    const types = t !== null && typeof t === 'object' && t.kind === 'tuple' ? t.items : [t];
    return types.some((x) => x !== null && typeof x === 'object' && x.kind === 'type' && (x.name === typeName(v ?? null, major) || (x.name === 'int' && typeof v === 'boolean')));
  }));
  const numeric = (v: PyValue) => (typeof v === 'boolean' ? (v ? 1n : 0n) : v);
  b.set('abs', builtin('abs', ([v]) => {
    const n = numeric(v ?? null);
    if (typeof n === 'bigint') return n < 0n ? -n : n;
    if (typeof n === 'number') return Math.abs(n);
    throw it.err('TypeError', `bad operand type for abs(): '${typeName(v ?? null, major)}'`);
  }));
  b.set('sum', builtin('sum', ([v, start]) => it.iterate(v ?? null).reduce<PyValue>((acc, x) => it.binop('+', acc, x), start ?? 0n)));
  const extreme = (name: string, pick: (a: PyValue, b: PyValue) => boolean) =>
    builtin(name, (args) => {
      const items = args.length === 1 ? it.iterate(args[0]!) : args;
      if (items.length === 0) throw it.err('ValueError', major === 2 ? `${name}() arg is an empty sequence` : `${name}() iterable argument is empty`);
      return items.reduce((a, x) => (pick(x, a) ? x : a));
    });
  b.set('min', extreme('min', (x, a) => lessThan(it, x, a)));
  b.set('max', extreme('max', (x, a) => lessThan(it, a, x)));
  b.set('sorted', builtin('sorted', ([v], kw) => {
    const items = it.iterate(v ?? null).sort((x, y) => (lessThan(it, x, y) ? -1 : lessThan(it, y, x) ? 1 : 0));
    if (kw.has('reverse') && truthy(kw.get('reverse')!)) items.reverse();
    return list(items);
  }));
  b.set('reversed', builtin('reversed', ([v]) => list(it.iterate(v ?? null).reverse())));
  b.set('enumerate', builtin('enumerate', ([v, start]) => list(it.iterate(v ?? null).map((x, i) => tuple([BigInt(i) + toInt(start ?? 0n), x])))));
  b.set('zip', builtin('zip', (args) => {
    const seqs = args.map((a) => it.iterate(a));
    const n = Math.min(...seqs.map((s) => s.length));
    return list(Array.from({ length: seqs.length === 0 ? 0 : n }, (_, i) => tuple(seqs.map((s) => s[i]!))));
  }));
  b.set('map', builtin('map', async ([f, v]) => {
    const out: PyValue[] = [];
    for (const x of it.iterate(v ?? null)) out.push(await it.call(f ?? null, [x], new Map()));
    return list(out);
  }));
  b.set('filter', builtin('filter', async ([f, v]) => {
    const out: PyValue[] = [];
    for (const x of it.iterate(v ?? null)) if (truthy(f === null ? x : await it.call(f ?? null, [x], new Map()))) out.push(x);
    return list(out);
  }));
  b.set('any', builtin('any', ([v]) => it.iterate(v ?? null).some(truthy)));
  b.set('all', builtin('all', ([v]) => it.iterate(v ?? null).every(truthy)));
  b.set('round', builtin('round', ([v, nd]) => {
    const x = Number(numeric(v ?? null));
    const digits = nd === undefined ? 0 : Number(toInt(nd));
    const f = 10 ** digits;
    // Python 3 rounds half to even and returns an int without ndigits; Python 2 rounds half away from zero, float.
    const scaled = x * f;
    let r = Math.round(scaled);
    if (major === 3 && Math.abs(scaled % 1) === 0.5) r = 2 * Math.round(scaled / 2);
    if (major === 2 && scaled < 0 && Math.abs(scaled % 1) === 0.5) r = Math.floor(scaled);
    const res = r / f;
    return major === 3 && nd === undefined ? BigInt(res) : res;
  }));
  b.set('divmod', builtin('divmod', ([x, y]) => tuple([it.binop('//', x ?? null, y ?? null), it.binop('%', x ?? null, y ?? null)])));
  b.set('pow', builtin('pow', ([x, y]) => it.binop('**', x ?? null, y ?? null)));
  b.set('ord', builtin('ord', ([v]) => {
    if (typeof v !== 'string' || [...v].length !== 1) throw it.err('TypeError', `ord() expected a character, but string of length ${typeof v === 'string' ? [...v].length : 0} found`);
    return BigInt(v.codePointAt(0)!);
  }));
  b.set('chr', builtin('chr', ([v]) => String.fromCodePoint(Number(toInt(v ?? 0n)))));
  b.set('hex', builtin('hex', ([v]) => {
    const n = toInt(v ?? 0n);
    return `${n < 0n ? '-' : ''}0x${(n < 0n ? -n : n).toString(16)}${major === 2 && typeName(n, 2) === 'long' ? 'L' : ''}`;
  }));
  b.set('bin', builtin('bin', ([v]) => {
    const n = toInt(v ?? 0n);
    return `${n < 0n ? '-' : ''}0b${(n < 0n ? -n : n).toString(2)}`;
  }));
  b.set('oct', builtin('oct', ([v]) => {
    const n = toInt(v ?? 0n);
    return major === 2 ? (n === 0n ? '0' : `${n < 0n ? '-' : ''}0${(n < 0n ? -n : n).toString(8)}`) : `${n < 0n ? '-' : ''}0o${(n < 0n ? -n : n).toString(8)}`;
  }));
  const exit = builtin('exit', ([code]) => {
    if (code === undefined || code === null) throw new PyExit(0);
    if (typeof code === 'bigint' || typeof code === 'boolean') throw new PyExit(Number(toInt(code)) & 0xff);
    throw new PyExit(1, str(code, major));
  });
  b.set('exit', exit);
  b.set('quit', exit);
  for (const name of ['open', 'eval', 'exec', 'compile', 'globals', 'locals', 'vars', 'dir', 'getattr', 'setattr', 'hasattr', 'id', 'hash', 'iter', 'next', 'super', 'object', 'property', 'staticmethod', 'classmethod', 'set', 'frozenset', 'bytes', 'bytearray', 'memoryview', 'complex', 'help', '__import__']) {
    if (!b.has(name)) b.set(name, builtin(name, () => {
      throw new PyNotSimulated(`${name}()`);
    }));
  }
}

async function readInput(it: Interpreter, args: PyValue[], name: string): Promise<PyValue> {
  if (args.length > 0) await it.host.write(str(args[0]!, it.major));
  await it.host.flush();
  const line = await it.host.readLine();
  if (line === null) throw it.err('EOFError', 'EOF when reading a line');
  void name;
  return line;
}

function lessThan(it: Interpreter, a: PyValue, b: PyValue): boolean {
  return it.compareOrder(a, b) < 0;
}

/** A bound method of a str, list or dict value, or undefined when the type has no such method. */
export function methodOf(it: Interpreter, v: PyValue, name: string): PyBuiltin | undefined {
  const major = it.major;
  const m = (call: Fn): PyBuiltin => ({ kind: 'builtin', name, call, self: v });
  const needStr = (x: PyValue | undefined, what: string): string => {
    if (typeof x !== 'string') throw it.err('TypeError', major === 2 ? `${what} arg must be None or str` : `must be str, not ${typeName(x ?? null, 3)}`);
    return x;
  };
  if (typeof v === 'string') {
    switch (name) {
      case 'upper': return m(() => v.toUpperCase());
      case 'lower': return m(() => v.toLowerCase());
      case 'strip': return m(([c]) => (c === undefined || c === null ? v.trim() : trimChars(v, needStr(c, 'strip'), true, true)));
      case 'lstrip': return m(([c]) => (c === undefined || c === null ? v.replace(/^\s+/, '') : trimChars(v, needStr(c, 'lstrip'), true, false)));
      case 'rstrip': return m(([c]) => (c === undefined || c === null ? v.replace(/\s+$/, '') : trimChars(v, needStr(c, 'rstrip'), false, true)));
      case 'title': return m(() => v.toLowerCase().replace(/(^|[^a-zA-Z])([a-z])/g, (_a, p: string, c: string) => p + c.toUpperCase()));
      case 'capitalize': return m(() => v.charAt(0).toUpperCase() + v.slice(1).toLowerCase());
      case 'swapcase': return m(() => [...v].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(''));
      case 'isdigit': return m(() => v.length > 0 && /^\d+$/.test(v));
      case 'isalpha': return m(() => v.length > 0 && /^[a-zA-Z]+$/.test(v));
      case 'isalnum': return m(() => v.length > 0 && /^[a-zA-Z0-9]+$/.test(v));
      case 'isspace': return m(() => v.length > 0 && /^\s+$/.test(v));
      case 'isupper': return m(() => /[A-Z]/.test(v) && v === v.toUpperCase());
      case 'islower': return m(() => /[a-z]/.test(v) && v === v.toLowerCase());
      case 'startswith': return m(([p]) => (p !== null && typeof p === 'object' && p.kind === 'tuple' ? p.items.some((x) => v.startsWith(needStr(x, 'startswith'))) : v.startsWith(needStr(p, 'startswith'))));
      case 'endswith': return m(([p]) => (p !== null && typeof p === 'object' && p.kind === 'tuple' ? p.items.some((x) => v.endsWith(needStr(x, 'endswith'))) : v.endsWith(needStr(p, 'endswith'))));
      case 'find': return m(([p]) => BigInt(v.indexOf(needStr(p, 'find'))));
      case 'rfind': return m(([p]) => BigInt(v.lastIndexOf(needStr(p, 'rfind'))));
      case 'index': return m(([p]) => {
        const i = v.indexOf(needStr(p, 'index'));
        if (i < 0) throw it.err('ValueError', 'substring not found');
        return BigInt(i);
      });
      case 'count': return m(([p]) => BigInt(needStr(p, 'count') === '' ? v.length + 1 : v.split(p as string).length - 1));
      case 'replace': return m(([a, c, n]) => {
        const from = needStr(a, 'replace');
        const to = needStr(c, 'replace');
        let limit = n === undefined ? -1 : Number(toInt(n));
        if (from === '') return v;
        let out = '';
        let rest = v;
        while (limit !== 0) {
          const i = rest.indexOf(from);
          if (i < 0) break;
          out += rest.slice(0, i) + to;
          rest = rest.slice(i + from.length);
          limit--;
        }
        return out + rest;
      });
      case 'split': return m(([sep, max]) => {
        const limit = max === undefined ? -1 : Number(toInt(max));
        if (sep === undefined || sep === null) {
          const words = v.trim().split(/\s+/).filter((w) => w !== '');
          if (limit < 0 || words.length <= limit + 1) return list(words);
          const parts: string[] = [];
          let rest = v.replace(/^\s+/, '');
          for (let k = 0; k < limit; k++) {
            const mm = /^(\S+)\s+/.exec(rest);
            if (!mm) break;
            parts.push(mm[1]!);
            rest = rest.slice(mm[0].length);
          }
          parts.push(rest);
          return list(parts);
        }
        const s = needStr(sep, 'split');
        if (s === '') throw it.err('ValueError', 'empty separator');
        const all = v.split(s);
        return list(limit < 0 || all.length <= limit + 1 ? all : [...all.slice(0, limit), all.slice(limit).join(s)]);
      });
      case 'splitlines': return m(() => list(v.split(/\r?\n/).filter((l, i, a) => !(i === a.length - 1 && l === ''))));
      case 'join': return m(([seq]) => it.iterate(seq ?? null).map((x) => {
        if (typeof x !== 'string') throw it.err('TypeError', major === 2 ? `sequence item 0: expected string, ${typeName(x, 2)} found` : `sequence item 0: expected str instance, ${typeName(x, 3)} found`);
        return x;
      }).join(v));
      case 'zfill': return m(([w]) => {
        const width = Number(toInt(w ?? 0n));
        const sign = /^[+-]/.test(v) ? v[0]! : '';
        const body = sign ? v.slice(1) : v;
        return v.length >= width ? v : sign + body.padStart(width - sign.length, '0');
      });
      case 'center': return m(([w, f]) => {
        const width = Number(toInt(w ?? 0n));
        const fill = typeof f === 'string' ? f : ' ';
        if (v.length >= width) return v;
        const total = width - v.length;
        const left = Math.floor(total / 2) + (total % 2 && width % 2 ? 1 : 0);
        return fill.repeat(left) + v + fill.repeat(total - left);
      });
      case 'ljust': return m(([w, f]) => v.padEnd(Number(toInt(w ?? 0n)), typeof f === 'string' ? f : ' '));
      case 'rjust': return m(([w, f]) => v.padStart(Number(toInt(w ?? 0n)), typeof f === 'string' ? f : ' '));
      case 'format': return m((args, kw) => strFormat(it, v, args, kw));
      case 'encode':
      case 'decode': return m(() => v);
      default: return undefined;
    }
  }
  if (v !== null && typeof v === 'object' && v.kind === 'list') {
    switch (name) {
      case 'append': return m(([x]) => (v.items.push(x ?? null), null));
      case 'extend': return m(([x]) => (v.items.push(...it.iterate(x ?? null)), null));
      case 'insert': return m(([i, x]) => {
        let n = Number(toInt(i ?? 0n));
        if (n < 0) n = Math.max(0, v.items.length + n);
        v.items.splice(Math.min(n, v.items.length), 0, x ?? null);
        return null;
      });
      case 'pop': return m(([i]) => {
        if (v.items.length === 0) throw it.err('IndexError', 'pop from empty list');
        const n = i === undefined ? v.items.length - 1 : it.index(v.items.length, i, 'pop');
        return v.items.splice(n, 1)[0]!;
      });
      case 'remove': return m(([x]) => {
        const i = v.items.findIndex((y) => it.eq(y, x ?? null));
        if (i < 0) throw it.err('ValueError', major === 2 ? 'list.remove(x): x not in list' : 'list.remove(x): x not in list');
        v.items.splice(i, 1);
        return null;
      });
      case 'index': return m(([x]) => {
        const i = v.items.findIndex((y) => it.eq(y, x ?? null));
        if (i < 0) throw it.err('ValueError', major === 2 ? `${repr(x ?? null, 2)} is not in list` : `${repr(x ?? null, 3)} is not in list`);
        return BigInt(i);
      });
      case 'count': return m(([x]) => BigInt(v.items.filter((y) => it.eq(y, x ?? null)).length));
      case 'reverse': return m(() => (v.items.reverse(), null));
      case 'sort': return m((_a, kw) => {
        v.items.sort((x, y) => (lessThan(it, x, y) ? -1 : lessThan(it, y, x) ? 1 : 0));
        if (kw.has('reverse') && truthy(kw.get('reverse')!)) v.items.reverse();
        return null;
      });
      default: return undefined;
    }
  }
  if (v !== null && typeof v === 'object' && v.kind === 'dict') {
    switch (name) {
      case 'keys': return m(() => list([...v.map.values()].map(([k]) => k)));
      case 'values': return m(() => list([...v.map.values()].map(([, x]) => x)));
      case 'items': return m(() => list([...v.map.values()].map(([k, x]) => tuple([k, x]))));
      case 'get': return m(([k, d]) => v.map.get(it.hashKey(k ?? null))?.[1] ?? d ?? null);
      case 'has_key': return major === 2 ? m(([k]) => v.map.has(it.hashKey(k ?? null))) : undefined;
      case 'update': return m(([o], kw) => {
        if (o !== undefined && o !== null && typeof o === 'object' && o.kind === 'dict') for (const [k, e] of o.map) v.map.set(k, e);
        for (const [k, x] of kw) v.map.set(it.hashKey(k), [k, x]);
        return null;
      });
      case 'pop': return m(([k, d]) => {
        const key = it.hashKey(k ?? null);
        const hit = v.map.get(key);
        if (!hit) {
          if (d !== undefined) return d;
          throw it.err('KeyError', repr(k ?? null, major));
        }
        v.map.delete(key);
        return hit[1];
      });
      case 'setdefault': return m(([k, d]) => {
        const key = it.hashKey(k ?? null);
        if (!v.map.has(key)) v.map.set(key, [k ?? null, d ?? null]);
        return v.map.get(key)![1];
      });
      default: return undefined;
    }
  }
  return undefined;
}

function trimChars(s: string, chars: string, left: boolean, right: boolean): string {
  let a = 0;
  let b = s.length;
  if (left) while (a < b && chars.includes(s[a]!)) a++;
  if (right) while (b > a && chars.includes(s[b - 1]!)) b--;
  return s.slice(a, b);
}

/** str.format: `{}`, `{0}`, `{name}`, `{0[1]}`-free fields with an optional `:spec`; `{{`/`}}` escapes. */
export function strFormat(it: Interpreter, fmt: string, args: PyValue[], kw: Map<string, PyValue>): string {
  let auto = 0;
  return fmt.replace(/\{\{|\}\}|\{([^{}!:]*)(?:![rs])?(?::([^{}]*))?\}/g, (whole, field: string | undefined, spec: string | undefined) => {
    if (whole === '{{') return '{';
    if (whole === '}}') return '}';
    let v: PyValue | undefined;
    const f = field ?? '';
    if (f === '') {
      v = args[auto++];
      if (v === undefined) throw it.err('IndexError', it.major === 2 ? 'tuple index out of range' : `Replacement index ${auto - 1} out of range for positional args tuple`);
    } else if (/^\d+$/.test(f)) {
      v = args[Number(f)];
      if (v === undefined) throw it.err('IndexError', it.major === 2 ? 'tuple index out of range' : `Replacement index ${f} out of range for positional args tuple`);
    } else {
      const [base, ...attrs] = f.split('.');
      v = kw.get(base!);
      if (v === undefined) throw it.err('KeyError', repr(base!, it.major));
      for (const a of attrs) v = it.getattr(v, a);
    }
    const conv = /!([rs])/.exec(whole)?.[1];
    if (conv === 'r') return repr(v, it.major);
    return spec ? formatSpec(it, v, spec) : str(v, it.major);
  });
}
