/**
 * A recursive-descent parser for the Python subset: expressions (with Python's precedence), assignment, print
 * (Python 2's statement), import/from, if/elif/else, while, for, def with decorators, return/pass/break/continue.
 * Valid Python outside the subset (class, try, with, lambda...) raises PyNotSimulated rather than a fake error.
 */

import { PyNotSimulated, PySyntaxError } from './errors';
import { type Token, tokenize } from './lexer';
import type { Major, PyValue } from './values';

/** Where an expression sits on its line (single-line expressions only): what Python 3.12's carets underline. */
export interface Span {
  readonly line: number;
  readonly col: number;
  readonly end: number;
  /** Binary operators: the operator's column and length (`^` under it, `~` under the operands). */
  readonly op?: readonly [number, number];
  /** Subscripts: where `[` starts (`~` under the value, `^` from there). */
  readonly bracket?: number;
}

export type Expr = { s?: Span } & (
  | { readonly t: 'const'; readonly v: PyValue }
  | { readonly t: 'fstr'; readonly parts: readonly (string | Expr)[] }
  | { readonly t: 'name'; readonly id: string }
  | { readonly t: 'bin'; readonly op: string; readonly l: Expr; readonly r: Expr }
  | { readonly t: 'unary'; readonly op: string; readonly e: Expr }
  | { readonly t: 'bool'; readonly op: 'and' | 'or'; readonly l: Expr; readonly r: Expr }
  | { readonly t: 'not'; readonly e: Expr }
  | { readonly t: 'cmp'; readonly first: Expr; readonly rest: readonly (readonly [string, Expr])[] }
  | { readonly t: 'call'; readonly f: Expr; readonly args: readonly Expr[]; readonly kw: readonly (readonly [string, Expr])[] }
  | { readonly t: 'attr'; readonly e: Expr; readonly name: string }
  | { readonly t: 'sub'; readonly e: Expr; readonly index: Expr }
  | { readonly t: 'slice'; readonly lo?: Expr; readonly hi?: Expr; readonly step?: Expr }
  | { readonly t: 'list'; readonly items: readonly Expr[] }
  | { readonly t: 'tuple'; readonly items: readonly Expr[] }
  | { readonly t: 'dict'; readonly pairs: readonly (readonly [Expr, Expr])[] }
  | { readonly t: 'ifexp'; readonly cond: Expr; readonly a: Expr; readonly b: Expr }
  | { readonly t: 'listcomp'; readonly elt: Expr; readonly target: Expr; readonly iter: Expr; readonly conds: readonly Expr[] }
);

export type Stmt = { readonly line: number } & (
  | { readonly t: 'expr'; readonly e: Expr }
  | { readonly t: 'assign'; readonly targets: readonly Expr[]; readonly value: Expr }
  | { readonly t: 'aug'; readonly target: Expr; readonly op: string; readonly value: Expr }
  | { readonly t: 'print'; readonly items: readonly Expr[]; readonly newline: boolean }
  | { readonly t: 'import'; readonly names: readonly (readonly [string, string | undefined])[] }
  | { readonly t: 'from'; readonly module: string; readonly names: readonly (readonly [string, string | undefined])[] }
  | { readonly t: 'if'; readonly branches: readonly (readonly [Expr, readonly Stmt[]])[]; readonly orelse: readonly Stmt[] }
  | { readonly t: 'while'; readonly cond: Expr; readonly body: readonly Stmt[] }
  | { readonly t: 'for'; readonly target: Expr; readonly iter: Expr; readonly body: readonly Stmt[] }
  | { readonly t: 'def'; readonly name: string; readonly params: readonly { name: string; dflt?: Expr }[]; readonly body: readonly Stmt[]; readonly decorators: readonly Expr[] }
  | { readonly t: 'return'; readonly e?: Expr }
  | { readonly t: 'pass' | 'break' | 'continue' }
  | { readonly t: 'try'; readonly body: readonly Stmt[]; readonly handlers: readonly { readonly types?: Expr; readonly name?: string; readonly body: readonly Stmt[] }[]; readonly orelse: readonly Stmt[]; readonly final: readonly Stmt[] }
  | { readonly t: 'raise'; readonly e?: Expr }
);

const UNSUPPORTED = new Set(['class', 'with', 'lambda', 'yield', 'global', 'nonlocal', 'assert', 'async', 'await', 'del', 'exec']);
const KEYWORDS2 = new Set(['and', 'or', 'not', 'in', 'is', 'if', 'elif', 'else', 'for', 'while', 'def', 'return', 'pass', 'break', 'continue', 'import', 'from', 'as', 'print', 'try', 'except', 'finally', 'raise', ...UNSUPPORTED]);
const AUG = new Set(['+=', '-=', '*=', '/=', '//=', '%=', '**=', '&=', '|=', '^=', '<<=', '>>=']);

function parseNumber(text: string): PyValue {
  const t = text.replace(/_/g, '').replace(/[lL]$/, '');
  if (/^0[xX]/.test(t)) return BigInt(t);
  if (/^0[oO]/.test(t)) return BigInt(t);
  if (/^0[bB]/.test(t)) return BigInt(t);
  if (/[.eE]/.test(t)) return Number(t);
  return BigInt(t);
}

export class Parser {
  private pos = 0;
  private readonly toks: Token[];
  private readonly lines: string[];

  constructor(
    src: string,
    private readonly major: Major,
  ) {
    this.lines = src.split('\n');
    this.toks = tokenize(src);
  }

  private get tok(): Token {
    return this.toks[this.pos]!;
  }
  /** The current token's kind, read afresh (TypeScript would keep a narrowing across `pos++`). */
  private kindNow(): Token['kind'] {
    return this.tok.kind;
  }
  private is(text: string, kind: Token['kind'] = 'op'): boolean {
    return this.tok.kind === kind && this.tok.text === text;
  }
  private isKw(word: string): boolean {
    return this.tok.kind === 'name' && this.tok.text === word;
  }
  private fail(tok: Token = this.tok): never {
    throw new PySyntaxError('invalid syntax', tok.line, tok.col, this.lines[tok.line - 1] ?? '');
  }
  private expect(text: string, kind: Token['kind'] = 'op'): Token {
    if (!this.is(text, kind)) this.fail();
    return this.toks[this.pos++]!;
  }
  private keyword(word: string): boolean {
    return this.major === 2 ? KEYWORDS2.has(word) : KEYWORDS2.has(word) && word !== 'print' && word !== 'exec';
  }

  parseFile(): Stmt[] {
    const out: Stmt[] = [];
    while (this.tok.kind !== 'eof') {
      if (this.tok.kind === 'newline') {
        this.pos++;
        continue;
      }
      out.push(...this.statement());
    }
    return out;
  }

  private statement(): Stmt[] {
    const tok = this.tok;
    if (tok.kind === 'indent') throw new PySyntaxError('unexpected indent', tok.line, 0, this.lines[tok.line - 1] ?? '', 'IndentationError');
    if (tok.kind === 'name' && UNSUPPORTED.has(tok.text) && !(this.major === 3 && tok.text === 'exec')) throw new PyNotSimulated(`the '${tok.text}' statement`);
    if (this.isKw('if')) return [this.ifStmt()];
    if (this.isKw('while')) {
      this.pos++;
      const cond = this.test();
      return [{ t: 'while', line: tok.line, cond, body: this.suite() }];
    }
    if (this.isKw('for')) {
      this.pos++;
      const target = this.targetList();
      if (!this.isKw('in')) this.fail();
      this.pos++;
      const iter = this.testList();
      return [{ t: 'for', line: tok.line, target, iter, body: this.suite() }];
    }
    if (this.is('@') || this.isKw('def')) return [this.funcDef()];
    if (this.isKw('try')) return [this.tryStmt()];
    const out: Stmt[] = [this.smallStmt()];
    while (this.is(';')) {
      this.pos++;
      if (this.tok.kind === 'newline') break;
      out.push(this.smallStmt());
    }
    if (this.tok.kind !== 'newline' && this.tok.kind !== 'eof') this.fail();
    if (this.tok.kind === 'newline') this.pos++;
    return out;
  }

  private ifStmt(): Stmt {
    const line = this.tok.line;
    const branches: [Expr, Stmt[]][] = [];
    this.pos++;
    branches.push([this.test(), this.suite()]);
    let orelse: Stmt[] = [];
    for (;;) {
      if (this.isKw('elif')) {
        this.pos++;
        branches.push([this.test(), this.suite()]);
      } else if (this.isKw('else')) {
        this.pos++;
        orelse = this.suite();
        break;
      } else break;
    }
    return { t: 'if', line, branches, orelse };
  }

  private tryStmt(): Stmt {
    const line = this.tok.line;
    this.pos++;
    const body = this.suite();
    const handlers: { types?: Expr; name?: string; body: Stmt[] }[] = [];
    while (this.isKw('except')) {
      this.pos++;
      let types: Expr | undefined;
      let name: string | undefined;
      if (!this.is(':')) {
        types = this.test();
        // `except E as e` (both versions) and Python 2's `except E, e`.
        if (this.isKw('as') || (this.major === 2 && this.is(','))) {
          this.pos++;
          if (this.tok.kind !== 'name') this.fail();
          name = this.toks[this.pos++]!.text;
        }
      }
      handlers.push({ ...(types ? { types } : {}), ...(name ? { name } : {}), body: this.suite() });
    }
    let orelse: Stmt[] = [];
    let final: Stmt[] = [];
    if (handlers.length > 0 && this.isKw('else')) {
      this.pos++;
      orelse = this.suite();
    }
    if (this.isKw('finally')) {
      this.pos++;
      final = this.suite();
    }
    if (handlers.length === 0 && final.length === 0) this.fail();
    return { t: 'try', line, body, handlers, orelse, final };
  }

  private funcDef(): Stmt {
    const decorators: Expr[] = [];
    while (this.is('@')) {
      this.pos++;
      decorators.push(this.test());
      this.expect('', 'newline');
    }
    const line = this.tok.line;
    if (!this.isKw('def')) this.fail();
    this.pos++;
    if (this.tok.kind !== 'name') this.fail();
    const name = this.tok.text;
    this.pos++;
    this.expect('(');
    const params: { name: string; dflt?: Expr }[] = [];
    while (!this.is(')')) {
      if (this.tok.kind !== 'name') this.fail();
      const p = this.tok.text;
      this.pos++;
      if (this.is('=')) {
        this.pos++;
        params.push({ name: p, dflt: this.test() });
      } else params.push({ name: p });
      if (!this.is(')')) this.expect(',');
    }
    this.pos++;
    return { t: 'def', line, name, params, body: this.suite(), decorators };
  }

  private suite(): Stmt[] {
    this.expect(':');
    if (this.tok.kind !== 'newline') return this.statement();
    this.pos++;
    if (this.kindNow() !== 'indent') throw new PySyntaxError('expected an indented block', this.tok.line, this.tok.col, this.lines[this.tok.line - 1] ?? '', 'IndentationError');
    this.pos++;
    const body: Stmt[] = [];
    while (this.kindNow() !== 'dedent' && this.kindNow() !== 'eof') body.push(...this.statement());
    if (this.kindNow() === 'dedent') this.pos++;
    return body;
  }

  private smallStmt(): Stmt {
    const tok = this.tok;
    const line = tok.line;
    if (tok.kind === 'name') {
      switch (tok.text) {
        case 'pass':
        case 'break':
        case 'continue':
          this.pos++;
          return { t: tok.text, line };
        case 'raise':
          this.pos++;
          return this.tok.kind === 'newline' || this.is(';') ? { t: 'raise', line } : { t: 'raise', line, e: this.test() };
        case 'return':
          this.pos++;
          return this.tok.kind === 'newline' || this.is(';') ? { t: 'return', line } : { t: 'return', line, e: this.testList() };
        case 'import': {
          this.pos++;
          const names: [string, string | undefined][] = [];
          do {
            if (names.length > 0) this.pos++;
            const mod = this.dotted();
            names.push([mod, this.asName()]);
          } while (this.is(','));
          return { t: 'import', line, names };
        }
        case 'from': {
          this.pos++;
          const module = this.dotted();
          if (!this.isKw('import')) this.fail();
          this.pos++;
          if (this.is('*')) throw new PyNotSimulated("'from ... import *'");
          const paren = this.is('(');
          if (paren) this.pos++;
          const names: [string, string | undefined][] = [];
          do {
            if (names.length > 0) this.pos++;
            if (paren && this.is(')')) break;
            if (this.tok.kind !== 'name') this.fail();
            const n = this.tok.text;
            this.pos++;
            names.push([n, this.asName()]);
          } while (this.is(','));
          if (paren) this.expect(')');
          return { t: 'from', line, module, names };
        }
        case 'print':
          if (this.major === 2) return this.printStmt();
          if (this.toks[this.pos + 1]?.kind === 'string' || this.toks[this.pos + 1]?.kind === 'name' || this.toks[this.pos + 1]?.kind === 'number') {
            // Python 3.12 names the mistake and underlines the whole statement.
            const start = tok.col;
            let end = this.pos + 1;
            while (this.toks[end]!.kind !== 'newline' && this.toks[end]!.kind !== 'eof' && !(this.toks[end]!.kind === 'op' && this.toks[end]!.text === ';')) end++;
            const last = this.toks[end - 1]!;
            throw new PySyntaxError("Missing parentheses in call to 'print'. Did you mean print(...)?", line, start, this.lines[line - 1] ?? '', 'SyntaxError', last.col + last.text.length - start);
          }
          break;
        default:
      }
    }
    const first = this.testList();
    if (this.tok.kind === 'op' && AUG.has(this.tok.text)) {
      const op = this.tok.text.slice(0, -1);
      this.pos++;
      return { t: 'aug', line, target: first, op, value: this.testList() };
    }
    if (this.is('=')) {
      const targets: Expr[] = [first];
      let value: Expr = first;
      while (this.is('=')) {
        this.pos++;
        value = this.testList();
        targets.push(value);
      }
      targets.pop();
      for (const tgt of targets) if (!['name', 'attr', 'sub', 'tuple', 'list'].includes(tgt.t)) throw new PySyntaxError(this.major === 2 ? "can't assign to literal" : 'cannot assign to literal', line, tok.col, this.lines[line - 1] ?? '');
      return { t: 'assign', line, targets, value };
    }
    return { t: 'expr', line, e: first };
  }

  private printStmt(): Stmt {
    const line = this.tok.line;
    this.pos++;
    if (this.is('>>')) throw new PyNotSimulated("'print >>file'");
    const items: Expr[] = [];
    let newline = true;
    while (this.tok.kind !== 'newline' && this.tok.kind !== 'eof' && !this.is(';')) {
      items.push(this.test());
      if (this.is(',')) {
        this.pos++;
        newline = false;
      } else {
        newline = true;
        break;
      }
    }
    return { t: 'print', line, items, newline };
  }

  private dotted(): string {
    if (this.tok.kind !== 'name') this.fail();
    let s = this.tok.text;
    this.pos++;
    while (this.is('.')) {
      this.pos++;
      if (this.tok.kind !== 'name') this.fail();
      s += `.${this.tok.text}`;
      this.pos++;
    }
    return s;
  }

  private asName(): string | undefined {
    if (!this.isKw('as')) return undefined;
    this.pos++;
    if (this.tok.kind !== 'name') this.fail();
    return this.toks[this.pos++]!.text;
  }

  private targetList(): Expr {
    const items: Expr[] = [this.orExpr()];
    while (this.is(',')) {
      this.pos++;
      if (this.isKw('in')) break;
      items.push(this.orExpr());
    }
    return items.length === 1 ? items[0]! : { t: 'tuple', items };
  }

  testList(): Expr {
    const first = this.test();
    if (!this.is(',')) return first;
    const items = [first];
    while (this.is(',')) {
      this.pos++;
      if (this.atExprEnd()) break;
      items.push(this.test());
    }
    return { t: 'tuple', items };
  }

  private atExprEnd(): boolean {
    const k = this.tok;
    return k.kind === 'newline' || k.kind === 'eof' || (k.kind === 'op' && [')', ']', '}', '=', ';', ':'].includes(k.text)) || (k.kind === 'op' && AUG.has(k.text));
  }

  test(): Expr {
    if (this.isKw('lambda')) throw new PyNotSimulated("'lambda'");
    const a = this.orTest();
    if (this.isKw('if')) {
      this.pos++;
      const cond = this.orTest();
      if (!this.isKw('else')) this.fail();
      this.pos++;
      return { t: 'ifexp', cond, a, b: this.test() };
    }
    return a;
  }

  private orTest(): Expr {
    let l = this.andTest();
    while (this.isKw('or')) {
      this.pos++;
      l = { t: 'bool', op: 'or', l, r: this.andTest() };
    }
    return l;
  }
  private andTest(): Expr {
    let l = this.notTest();
    while (this.isKw('and')) {
      this.pos++;
      l = { t: 'bool', op: 'and', l, r: this.notTest() };
    }
    return l;
  }
  private notTest(): Expr {
    if (this.isKw('not')) {
      this.pos++;
      return { t: 'not', e: this.notTest() };
    }
    return this.comparison();
  }
  private comparison(): Expr {
    const first = this.orExpr();
    const rest: [string, Expr][] = [];
    for (;;) {
      let op: string | undefined;
      if (this.tok.kind === 'op' && ['<', '>', '==', '>=', '<=', '!=', '<>'].includes(this.tok.text)) {
        if (this.tok.text === '<>' && this.major === 3) this.fail();
        op = this.tok.text === '<>' ? '!=' : this.tok.text;
        this.pos++;
      } else if (this.isKw('in')) {
        op = 'in';
        this.pos++;
      } else if (this.isKw('not') && this.toks[this.pos + 1]?.text === 'in') {
        op = 'not in';
        this.pos += 2;
      } else if (this.isKw('is')) {
        this.pos++;
        op = 'is';
        if (this.isKw('not')) {
          this.pos++;
          op = 'is not';
        }
      }
      if (!op) break;
      rest.push([op, this.orExpr()]);
    }
    return rest.length === 0 ? first : { t: 'cmp', first, rest };
  }
  private binary(next: () => Expr, ops: readonly string[]): Expr {
    const start = this.tok;
    let l = next();
    while (this.tok.kind === 'op' && ops.includes(this.tok.text)) {
      const opTok = this.tok;
      this.pos++;
      l = this.spanned(start, { t: 'bin', op: opTok.text, l, r: next() }, { op: [opTok.col, opTok.text.length] });
    }
    return l;
  }

  /** Attaches the span from `start` to the last token consumed, when both are on one line. */
  private spanned(start: Token, e: Expr, extra: Partial<Span> = {}): Expr {
    const last = this.toks[this.pos - 1]!;
    if (last.line === start.line) e.s = { line: start.line, col: start.col, end: last.col + last.text.length, ...extra };
    return e;
  }
  private orExpr(): Expr {
    return this.binary(() => this.xorExpr(), ['|']);
  }
  private xorExpr(): Expr {
    return this.binary(() => this.andExpr(), ['^']);
  }
  private andExpr(): Expr {
    return this.binary(() => this.shiftExpr(), ['&']);
  }
  private shiftExpr(): Expr {
    return this.binary(() => this.arith(), ['<<', '>>']);
  }
  private arith(): Expr {
    return this.binary(() => this.term(), ['+', '-']);
  }
  private term(): Expr {
    return this.binary(() => this.factor(), ['*', '/', '//', '%']);
  }
  private factor(): Expr {
    if (this.tok.kind === 'op' && ['-', '+', '~'].includes(this.tok.text)) {
      const op = this.tok.text;
      this.pos++;
      return { t: 'unary', op, e: this.factor() };
    }
    return this.power();
  }
  private power(): Expr {
    const start = this.tok;
    const base = this.atomExpr();
    if (this.is('**')) {
      const opTok = this.tok;
      this.pos++;
      return this.spanned(start, { t: 'bin', op: '**', l: base, r: this.factor() }, { op: [opTok.col, 2] });
    }
    return base;
  }

  private atomExpr(): Expr {
    const start = this.tok;
    let e = this.atom();
    if (e.t === 'name') this.spanned(start, e);
    for (;;) {
      if (this.is('(')) {
        this.pos++;
        const args: Expr[] = [];
        const kw: [string, Expr][] = [];
        while (!this.is(')')) {
          if (this.is('*') || this.is('**')) throw new PyNotSimulated('argument unpacking (*args, **kwargs)');
          if (this.tok.kind === 'name' && this.toks[this.pos + 1]?.text === '=' && this.toks[this.pos + 1]?.kind === 'op') {
            const k = this.tok.text;
            this.pos += 2;
            kw.push([k, this.test()]);
          } else {
            const a = this.test();
            if (this.isKw('for')) {
              args.push(this.comprehension(a, ')'));
              break;
            }
            args.push(a);
          }
          if (!this.is(')')) this.expect(',');
        }
        this.expect(')');
        e = this.spanned(start, { t: 'call', f: e, args, kw });
      } else if (this.is('[')) {
        const bracket = this.tok.col;
        this.pos++;
        const sub: Expr = { t: 'sub', e, index: this.subscript() };
        this.expect(']');
        e = this.spanned(start, sub, { bracket });
      } else if (this.is('.')) {
        this.pos++;
        if (this.tok.kind !== 'name') this.fail();
        e = this.spanned(start, { t: 'attr', e, name: this.toks[this.pos++]!.text });
      } else return e;
    }
  }

  private subscript(): Expr {
    const part = (): Expr | undefined => (this.is(':') || this.is(']') ? undefined : this.test());
    const lo = part();
    if (!this.is(':')) {
      if (!lo) this.fail();
      if (this.is(',')) {
        const items = [lo];
        while (this.is(',')) {
          this.pos++;
          if (this.is(']')) break;
          items.push(this.test());
        }
        return { t: 'tuple', items };
      }
      return lo;
    }
    this.pos++;
    const hi = part();
    let step: Expr | undefined;
    if (this.is(':')) {
      this.pos++;
      step = part();
    }
    return { t: 'slice', ...(lo ? { lo } : {}), ...(hi ? { hi } : {}), ...(step ? { step } : {}) };
  }

  private comprehension(elt: Expr, close: string): Expr {
    this.pos++; // for
    const target = this.targetList();
    if (!this.isKw('in')) this.fail();
    this.pos++;
    const iter = this.orTest();
    const conds: Expr[] = [];
    while (this.isKw('if')) {
      this.pos++;
      conds.push(this.orTest());
    }
    if (this.isKw('for')) throw new PyNotSimulated('nested comprehensions');
    if (!this.is(close)) this.fail();
    return { t: 'listcomp', elt, target, iter, conds };
  }

  private atom(): Expr {
    const tok = this.tok;
    if (tok.kind === 'number') {
      this.pos++;
      if (/[jJ]$/.test(tok.text)) throw new PyNotSimulated('complex numbers');
      return { t: 'const', v: parseNumber(tok.text) };
    }
    if (tok.kind === 'string') {
      const parts: (string | Expr)[] = [];
      while (this.tok.kind === 'string') {
        const s = this.tok;
        this.pos++;
        if (s.fstring) {
          if (this.major === 2) this.fail(s);
          parts.push(...this.fstringParts(s));
        } else parts.push(s.value ?? '');
      }
      return parts.every((p) => typeof p === 'string') ? { t: 'const', v: parts.join('') } : { t: 'fstr', parts };
    }
    if (tok.kind === 'name') {
      if (this.keyword(tok.text) && !['not'].includes(tok.text)) {
        if (UNSUPPORTED.has(tok.text)) throw new PyNotSimulated(`'${tok.text}'`);
        this.fail();
      }
      this.pos++;
      if (tok.text === 'None') return { t: 'const', v: null };
      if (tok.text === 'True' && this.major === 3) return { t: 'const', v: true };
      if (tok.text === 'False' && this.major === 3) return { t: 'const', v: false };
      return { t: 'name', id: tok.text };
    }
    if (this.is('(')) {
      this.pos++;
      if (this.is(')')) {
        this.pos++;
        return { t: 'tuple', items: [] };
      }
      const first = this.test();
      if (this.isKw('for')) throw new PyNotSimulated('generator expressions');
      if (this.is(')')) {
        this.pos++;
        return first;
      }
      const items = [first];
      while (this.is(',')) {
        this.pos++;
        if (this.is(')')) break;
        items.push(this.test());
      }
      this.expect(')');
      return { t: 'tuple', items };
    }
    if (this.is('[')) {
      this.pos++;
      const items: Expr[] = [];
      while (!this.is(']')) {
        const item = this.test();
        if (this.isKw('for') && items.length === 0) {
          const comp = this.comprehension(item, ']');
          this.pos++;
          return comp;
        }
        items.push(item);
        if (!this.is(']')) this.expect(',');
      }
      this.pos++;
      return { t: 'list', items };
    }
    if (this.is('{')) {
      this.pos++;
      const pairs: [Expr, Expr][] = [];
      while (!this.is('}')) {
        const k = this.test();
        if (!this.is(':')) throw new PyNotSimulated('set literals');
        this.pos++;
        pairs.push([k, this.test()]);
        if (!this.is('}')) this.expect(',');
      }
      this.pos++;
      return { t: 'dict', pairs };
    }
    this.fail();
  }

  /** f"...{expr}..." with `{{`/`}}` escapes and `!r`/`:spec` left out of the subset. */
  private fstringParts(s: Token): (string | Expr)[] {
    const v = s.value ?? '';
    const parts: (string | Expr)[] = [];
    let lit = '';
    for (let i = 0; i < v.length; i++) {
      const c = v[i]!;
      if (c === '{' && v[i + 1] === '{') {
        lit += '{';
        i++;
      } else if (c === '}' && v[i + 1] === '}') {
        lit += '}';
        i++;
      } else if (c === '{') {
        const end = v.indexOf('}', i);
        if (end < 0) throw new PySyntaxError("f-string: expecting '}'", s.line, s.col, this.lines[s.line - 1] ?? '');
        const inner = v.slice(i + 1, end);
        if (/[!:]/.test(inner.replace(/(['"]).*?\1/g, '').replace(/[!=<>]=/g, ''))) throw new PyNotSimulated('f-string conversions and format specs');
        if (lit) parts.push(lit);
        lit = '';
        const sub = new Parser(inner, this.major);
        const e = sub.testList();
        parts.push(e);
        i = end;
      } else lit += c;
    }
    if (lit) parts.push(lit);
    return parts;
  }
}

export function parse(src: string, major: Major): Stmt[] {
  return new Parser(src, major).parseFile();
}
