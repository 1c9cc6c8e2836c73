/**
 * Shell arithmetic (`$(( ))`, `(( ))`, `let`, array subscripts): C operators on 64-bit signed integers.
 * Expressions are parsed once per distinct text and cached, so loops re-evaluate without re-parsing.
 */

export type ArithNode =
  | { readonly t: 'num'; readonly v: bigint }
  | { readonly t: 'var'; readonly name: string }
  | { readonly t: 'un'; readonly op: string; readonly e: ArithNode }
  | { readonly t: 'bin'; readonly op: string; readonly l: ArithNode; readonly r: ArithNode }
  | { readonly t: 'assign'; readonly op: string; readonly name: string; readonly e: ArithNode }
  | { readonly t: 'incdec'; readonly op: '++' | '--'; readonly prefix: boolean; readonly name: string }
  | { readonly t: 'cond'; readonly c: ArithNode; readonly a: ArithNode; readonly b: ArithNode };

export class ArithError extends Error {
  override readonly name = 'ArithError';
  constructor(
    readonly kind: 'syntax' | 'divzero' | 'recursion' | 'base',
    /** The whole expression text. */
    readonly expr: string,
    /** Where it went wrong: the rest of the expression from the bad token. */
    readonly token: string,
    readonly detail: string,
  ) {
    super(detail);
  }
}

export interface ArithEnv {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
  /** dash: a variable must hold a number; bash and ash evaluate its text as an expression. */
  readonly numbersOnly?: boolean;
}

const cache = new Map<string, ArithNode | null>();

/** Parses (cached); null for an empty expression, which evaluates to 0. */
export function parseArith(text: string): ArithNode | null {
  const hit = cache.get(text);
  if (hit !== undefined) return hit;
  const node = new ArithParser(text).parseAll();
  if (cache.size > 5000) cache.clear();
  cache.set(text, node);
  return node;
}

export function evalArith(text: string, env: ArithEnv, depth = 0): bigint {
  const node = parseArith(text);
  if (node === null) return 0n;
  return new Evaluator(env, text, depth).eval(node);
}

const BINARY_PREC: Record<string, number> = {
  '||': 1,
  '&&': 2,
  '|': 3,
  '^': 4,
  '&': 5,
  '==': 6,
  '!=': 6,
  '<': 7,
  '>': 7,
  '<=': 7,
  '>=': 7,
  '<<': 8,
  '>>': 8,
  '+': 9,
  '-': 9,
  '*': 10,
  '/': 10,
  '%': 10,
};
const ASSIGN_OPS = ['<<=', '>>=', '**=', '+=', '-=', '*=', '/=', '%=', '&=', '^=', '|=', '='];
const OPS = ['<<=', '>>=', '**=', '**', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '++', '--', '+=', '-=', '*=', '/=', '%=', '&=', '^=', '|=', '+', '-', '*', '/', '%', '<', '>', '&', '^', '|', '!', '~', '?', ':', '=', '(', ')', ','];

type Tok = { k: 'num'; v: bigint; s: number } | { k: 'name'; v: string; s: number } | { k: 'op'; v: string; s: number } | { k: 'end'; s: number };

class ArithParser {
  private _toks: Tok[] = [];
  private _i = 0;
  constructor(private readonly _text: string) {}

  private _fail(at: number, detail = 'syntax error: operand expected'): never {
    // At the end of the text bash names the last token read (`1+` -> "+").
    if (this._text.slice(at).trim() === '') {
      const prev = this._toks[this._i - 1];
      at = prev ? prev.s : at;
    }
    throw new ArithError('syntax', this._text, this._text.slice(at), detail);
  }

  private _lex(): void {
    const s = this._text;
    let i = 0;
    while (i < s.length) {
      const c = s[i]!;
      if (c === ' ' || c === '\t' || c === '\n') {
        i++;
        continue;
      }
      if (/[0-9]/.test(c)) {
        let j = i;
        while (j < s.length && /[0-9A-Za-z_#@]/.test(s[j]!)) j++;
        this._toks.push({ k: 'num', v: parseNumber(s.slice(i, j), this._text, i), s: i });
        i = j;
        continue;
      }
      if (/[A-Za-z_]/.test(c)) {
        let j = i;
        while (j < s.length && /[A-Za-z0-9_]/.test(s[j]!)) j++;
        this._toks.push({ k: 'name', v: s.slice(i, j), s: i });
        i = j;
        continue;
      }
      const op = OPS.find((o) => s.startsWith(o, i));
      if (!op) throw new ArithError('syntax', this._text, s.slice(i), 'syntax error: invalid arithmetic operator');
      this._toks.push({ k: 'op', v: op, s: i });
      i += op.length;
    }
    this._toks.push({ k: 'end', s: s.length });
  }

  parseAll(): ArithNode | null {
    this._lex();
    if (this._toks.length === 1) return null;
    const n = this._comma();
    const t = this._peek();
    if (t.k !== 'end') this._fail(t.s, 'syntax error in expression');
    return n;
  }

  private _peek(): Tok {
    return this._toks[this._i]!;
  }
  private _isOp(v: string): boolean {
    const t = this._peek();
    return t.k === 'op' && t.v === v;
  }

  private _comma(): ArithNode {
    let n = this._assign();
    while (this._isOp(',')) {
      this._i++;
      n = { t: 'bin', op: ',', l: n, r: this._assign() };
    }
    return n;
  }

  private _assign(): ArithNode {
    const t = this._peek();
    const n = this._toks[this._i + 1];
    if (t.k === 'name' && n && n.k === 'op' && ASSIGN_OPS.includes(n.v)) {
      this._i += 2;
      return { t: 'assign', op: n.v, name: t.v, e: this._assign() };
    }
    return this._cond();
  }

  private _cond(): ArithNode {
    const c = this._binary(1);
    if (this._isOp('?')) {
      this._i++;
      const a = this._comma();
      if (!this._isOp(':')) this._fail(this._peek().s, "syntax error: `:' expected for conditional expression");
      this._i++;
      const b = this._assign();
      return { t: 'cond', c, a, b };
    }
    return c;
  }

  private _binary(minPrec: number): ArithNode {
    let l = this._unary();
    for (;;) {
      const t = this._peek();
      if (t.k !== 'op') return l;
      const p = BINARY_PREC[t.v];
      if (p === undefined || p < minPrec) return l;
      this._i++;
      const r = this._binary(p + 1);
      l = { t: 'bin', op: t.v, l, r };
    }
  }

  private _unary(): ArithNode {
    const t = this._peek();
    if (t.k === 'op' && (t.v === '-' || t.v === '+' || t.v === '!' || t.v === '~')) {
      this._i++;
      return { t: 'un', op: t.v, e: this._unary() };
    }
    if (t.k === 'op' && (t.v === '++' || t.v === '--')) {
      this._i++;
      const n = this._peek();
      if (n.k !== 'name') this._fail(n.s);
      this._i++;
      return { t: 'incdec', op: t.v as '++', prefix: true, name: n.v };
    }
    return this._power();
  }

  private _power(): ArithNode {
    const base = this._postfix();
    if (this._isOp('**')) {
      this._i++;
      return { t: 'bin', op: '**', l: base, r: this._unary() };
    }
    return base;
  }

  private _postfix(): ArithNode {
    const t = this._peek();
    if (t.k === 'num') {
      this._i++;
      return { t: 'num', v: t.v };
    }
    if (t.k === 'name') {
      this._i++;
      const n = this._peek();
      if (n.k === 'op' && (n.v === '++' || n.v === '--')) {
        this._i++;
        return { t: 'incdec', op: n.v as '++', prefix: false, name: t.v };
      }
      return { t: 'var', name: t.v };
    }
    if (t.k === 'op' && t.v === '(') {
      this._i++;
      const e = this._comma();
      if (!this._isOp(')')) this._fail(this._peek().s, "syntax error: missing `)'");
      this._i++;
      return e;
    }
    this._fail(t.s);
  }
}

function w(x: bigint): bigint {
  return BigInt.asIntN(64, x);
}

function parseNumber(s: string, expr: string, at: number): bigint {
  const bad = (): never => {
    throw new ArithError('base', expr, s, 'value too great for base');
  };
  const hash = s.indexOf('#');
  if (hash > 0) {
    const base = Number(s.slice(0, hash));
    if (!(base >= 2 && base <= 64)) throw new ArithError('base', expr, s, 'invalid arithmetic base');
    let v = 0n;
    for (const ch of s.slice(hash + 1)) {
      let d: number;
      if (ch >= '0' && ch <= '9') d = ch.charCodeAt(0) - 48;
      else if (ch >= 'a' && ch <= 'z') d = ch.charCodeAt(0) - 87;
      else if (ch >= 'A' && ch <= 'Z') d = base <= 36 ? ch.charCodeAt(0) - 55 : ch.charCodeAt(0) - 29;
      else if (ch === '@') d = 62;
      else d = 63;
      if (d >= base) bad();
      v = v * BigInt(base) + BigInt(d);
    }
    return BigInt.asIntN(64, v);
  }
  void at;
  if (/^0[xX][0-9a-fA-F]+$/.test(s)) return BigInt.asIntN(64, BigInt(s));
  if (/^0[0-7]*$/.test(s)) return BigInt.asIntN(64, BigInt('0o' + (s.slice(1) || '0')));
  if (/^[0-9]+$/.test(s)) return BigInt.asIntN(64, BigInt(s));
  return bad();
}

class Evaluator {
  constructor(
    private readonly _env: ArithEnv,
    private readonly _text: string,
    private readonly _depth: number,
  ) {}

  private _var(name: string): bigint {
    const v = this._env.get(name);
    if (v === undefined || v.trim() === '') return 0n;
    const t = v.trim();
    if (/^-?(0|[1-9][0-9]*)$/.test(t)) return BigInt.asIntN(64, BigInt(t));
    if (this._env.numbersOnly) {
      if (/^-?0[xX][0-9a-fA-F]+$|^-?[0-9]+$/.test(t)) return BigInt.asIntN(64, BigInt(t.startsWith('-') ? '-' + parseNumber(t.slice(1), t, 0).toString() : parseNumber(t, t, 0).toString()));
      throw new ArithError('base', this._text, t, `Illegal number: ${t}`);
    }
    if (this._depth > 100) throw new ArithError('recursion', this._text, name, 'expression recursion level exceeded');
    return evalArith(t, this._env, this._depth + 1);
  }

  eval(n: ArithNode): bigint {
    switch (n.t) {
      case 'num':
        return n.v;
      case 'var':
        return this._var(n.name);
      case 'un': {
        const v = this.eval(n.e);
        switch (n.op) {
          case '-':
            return BigInt.asIntN(64, -v);
          case '+':
            return v;
          case '!':
            return v === 0n ? 1n : 0n;
          default:
            return BigInt.asIntN(64, ~v);
        }
      }
      case 'incdec': {
        const old = this._var(n.name);
        const nv = BigInt.asIntN(64, n.op === '++' ? old + 1n : old - 1n);
        this._env.set(n.name, nv.toString());
        return n.prefix ? nv : old;
      }
      case 'assign': {
        let v = this.eval(n.e);
        if (n.op !== '=') v = this._binop(n.op.slice(0, -1), this._var(n.name), v);
        this._env.set(n.name, v.toString());
        return v;
      }
      case 'cond':
        return this.eval(n.c) !== 0n ? this.eval(n.a) : this.eval(n.b);
      case 'bin': {
        if (n.op === '&&') return this.eval(n.l) !== 0n && this.eval(n.r) !== 0n ? 1n : 0n;
        if (n.op === '||') return this.eval(n.l) !== 0n || this.eval(n.r) !== 0n ? 1n : 0n;
        if (n.op === ',') {
          this.eval(n.l);
          return this.eval(n.r);
        }
        return this._binop(n.op, this.eval(n.l), this.eval(n.r));
      }
    }
  }

  private _binop(op: string, a: bigint, b: bigint): bigint {
    switch (op) {
      case '+':
        return w(a + b);
      case '-':
        return w(a - b);
      case '*':
        return w(a * b);
      case '/':
      case '%':
        if (b === 0n) throw new ArithError('divzero', this._text, '', 'division by 0');
        return w(op === '/' ? a / b : a % b);
      case '**':
        if (b < 0n) throw new ArithError('syntax', this._text, '', 'exponent less than 0');
        return w(a ** b);
      case '<<':
        return w(a << (b & 63n));
      case '>>':
        return w(a >> (b & 63n));
      case '&':
        return a & b;
      case '|':
        return a | b;
      case '^':
        return a ^ b;
      case '==':
        return a === b ? 1n : 0n;
      case '!=':
        return a !== b ? 1n : 0n;
      case '<':
        return a < b ? 1n : 0n;
      case '>':
        return a > b ? 1n : 0n;
      case '<=':
        return a <= b ? 1n : 0n;
      case '>=':
        return a >= b ? 1n : 0n;
    }
    throw new ArithError('syntax', this._text, op, 'syntax error: invalid arithmetic operator');
  }
}
