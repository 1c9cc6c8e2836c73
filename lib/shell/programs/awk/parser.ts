/** awk grammar → AST (POSIX awk with the common gawk/mawk extensions: `**`, `func`, `nextfile`, `delete a`). */

import { AwkSyntaxError, type Token } from './lexer';

export type LValue = { t: 'var'; name: string } | { t: 'field'; e: Expr } | { t: 'index'; name: string; subs: Expr[] };

export type Expr =
  | { t: 'num'; v: number }
  | { t: 'str'; v: string }
  | { t: 'regex'; src: string }
  | LValue
  | { t: 'assign'; op: string; target: LValue; e: Expr }
  | { t: 'cond'; c: Expr; a: Expr; b: Expr }
  | { t: 'or' | 'and'; a: Expr; b: Expr }
  | { t: 'in'; subs: Expr[]; name: string }
  | { t: 'match'; neg: boolean; a: Expr; re: Expr }
  | { t: 'cmp'; op: string; a: Expr; b: Expr }
  | { t: 'concat'; a: Expr; b: Expr }
  | { t: 'bin'; op: string; a: Expr; b: Expr }
  | { t: 'unary'; op: string; e: Expr }
  | { t: 'incdec'; op: '++' | '--'; prefix: boolean; target: LValue }
  | { t: 'call'; name: string; args: Expr[] }
  | { t: 'builtin'; name: string; args: Expr[] }
  | { t: 'getline'; kind: 'simple' | 'file' | 'cmd'; target: LValue | null; src: Expr | null }
  | { t: 'group'; e: Expr };

export interface Redirect {
  readonly op: '>' | '>>' | '|';
  readonly e: Expr;
}

export type Stmt =
  | { t: 'print' | 'printf'; args: Expr[]; redir: Redirect | null }
  | { t: 'expr'; e: Expr }
  | { t: 'if'; c: Expr; then: Stmt; else: Stmt | null }
  | { t: 'while'; c: Expr; body: Stmt }
  | { t: 'do'; body: Stmt; c: Expr }
  | { t: 'for'; init: Stmt | null; c: Expr | null; step: Stmt | null; body: Stmt }
  | { t: 'forin'; v: LValue; arr: string; body: Stmt }
  | { t: 'block'; body: Stmt[] }
  | { t: 'next' | 'nextfile' | 'break' | 'continue' }
  | { t: 'exit' | 'return'; e: Expr | null }
  | { t: 'delete'; name: string; subs: Expr[] | null };

export interface Item {
  readonly kind: 'begin' | 'end' | 'main';
  readonly pattern: Expr | null;
  readonly pattern2: Expr | null;
  /** null: the default action `{ print }`. */
  readonly body: Stmt[] | null;
}

export interface FuncDef {
  readonly name: string;
  readonly params: string[];
  readonly body: Stmt[];
}

export interface AwkProgram {
  readonly items: Item[];
  readonly funcs: Map<string, FuncDef>;
}

export class Parser {
  private _p = 0;
  constructor(private readonly _toks: Token[]) {}

  private get _tok(): Token {
    return this._toks[this._p]!;
  }
  private _is(text: string, kind?: Token['kind']): boolean {
    const t = this._tok;
    return t.text === text && (kind ? t.kind === kind : t.kind === 'op' || t.kind === 'kw');
  }
  private _fail(): never {
    const t = this._tok;
    const near = t.kind === 'nl' ? 'end of line' : t.kind === 'eof' ? 'end of file' : t.kind === 'str' ? `"${t.text}"` : t.text;
    throw new AwkSyntaxError(`syntax error at or near ${near}`, t.line);
  }
  private _expect(text: string): void {
    if (!this._is(text)) this._fail();
    this._p++;
  }
  private _optNewlines(): void {
    while (this._tok.kind === 'nl') this._p++;
  }
  private _skipTerminators(): void {
    while (this._tok.kind === 'nl' || this._is(';')) this._p++;
  }

  program(): AwkProgram {
    const items: Item[] = [];
    const funcs = new Map<string, FuncDef>();
    this._skipTerminators();
    while (this._tok.kind !== 'eof') {
      if (this._is('BEGIN')) {
        this._p++;
        this._optNewlines();
        items.push({ kind: 'begin', pattern: null, pattern2: null, body: this._block() });
      } else if (this._is('END')) {
        this._p++;
        this._optNewlines();
        items.push({ kind: 'end', pattern: null, pattern2: null, body: this._block() });
      } else if (this._is('function')) {
        this._p++;
        const nameTok = this._tok;
        if (nameTok.kind !== 'funcname' && nameTok.kind !== 'name') this._fail();
        this._p++;
        this._expect('(');
        const params: string[] = [];
        while (!this._is(')')) {
          if (this._tok.kind !== 'name') this._fail();
          params.push(this._tok.text);
          this._p++;
          if (this._is(',')) {
            this._p++;
            this._optNewlines();
          } else if (!this._is(')')) this._fail();
        }
        this._p++;
        this._optNewlines();
        funcs.set(nameTok.text, { name: nameTok.text, params, body: this._block() });
      } else {
        let pattern: Expr | null = null;
        let pattern2: Expr | null = null;
        if (!this._is('{')) {
          pattern = this.expr();
          if (this._is(',')) {
            this._p++;
            this._optNewlines();
            pattern2 = this.expr();
          }
        }
        const body = this._is('{') ? this._block() : null;
        items.push({ kind: 'main', pattern, pattern2, body });
      }
      this._skipTerminators();
    }
    return { items, funcs };
  }

  private _block(): Stmt[] {
    this._expect('{');
    const body: Stmt[] = [];
    this._skipTerminators();
    while (!this._is('}')) {
      if (this._tok.kind === 'eof') throw new AwkSyntaxError('missing } near end of file', this._tok.line);
      body.push(this._stmt());
      this._skipTerminators();
    }
    this._p++;
    return body;
  }

  /** A statement terminator: `;`, newline, or before `}` / end. */
  private _endSimple(): void {
    if (this._is(';') || this._tok.kind === 'nl') {
      this._p++;
      return;
    }
    if (this._is('}') || this._tok.kind === 'eof') return;
    this._fail();
  }

  private _stmt(): Stmt {
    const t = this._tok;
    if (this._is('{')) return { t: 'block', body: this._block() };
    if (t.kind === 'kw') {
      switch (t.text) {
        case 'if': {
          this._p++;
          this._expect('(');
          const c = this.expr();
          this._expect(')');
          this._optNewlines();
          const then = this._stmtOrEmpty();
          // `else` may follow newlines or a `;` after a simple statement.
          const save = this._p;
          this._skipTerminators();
          if (this._is('else')) {
            this._p++;
            this._optNewlines();
            return { t: 'if', c, then, else: this._stmtOrEmpty() };
          }
          this._p = save;
          return { t: 'if', c, then, else: null };
        }
        case 'while': {
          this._p++;
          this._expect('(');
          const c = this.expr();
          this._expect(')');
          if (this._is(';')) {
            this._p++;
            return { t: 'while', c, body: { t: 'block', body: [] } };
          }
          this._optNewlines();
          return { t: 'while', c, body: this._stmtOrEmpty() };
        }
        case 'do': {
          this._p++;
          this._optNewlines();
          const body = this._stmtOrEmpty();
          this._skipTerminators();
          if (!this._is('while')) this._fail();
          this._p++;
          this._expect('(');
          const c = this.expr();
          this._expect(')');
          this._endSimple();
          return { t: 'do', body, c };
        }
        case 'for': {
          this._p++;
          this._expect('(');
          // for (k in arr)
          if (this._tok.kind === 'name' && this._toks[this._p + 1]?.text === 'in' && this._toks[this._p + 2]?.kind === 'name' && this._toks[this._p + 3]?.text === ')') {
            const v: LValue = { t: 'var', name: this._tok.text };
            const arr = this._toks[this._p + 2]!.text;
            this._p += 4;
            this._optNewlines();
            return { t: 'forin', v, arr, body: this._stmtOrEmpty() };
          }
          const init = this._is(';') ? null : this._simpleStmt();
          this._expect(';');
          this._optNewlines();
          const c = this._is(';') ? null : this.expr();
          this._expect(';');
          this._optNewlines();
          const step = this._is(')') ? null : this._simpleStmt();
          this._expect(')');
          if (this._is(';')) {
            this._p++;
            return { t: 'for', init, c, step, body: { t: 'block', body: [] } };
          }
          this._optNewlines();
          return { t: 'for', init, c, step, body: this._stmtOrEmpty() };
        }
        case 'next':
        case 'nextfile':
        case 'break':
        case 'continue':
          this._p++;
          this._endSimple();
          return { t: t.text };
        case 'exit':
        case 'return': {
          this._p++;
          const e = this._is(';') || this._is('}') || this._tok.kind === 'nl' || this._tok.kind === 'eof' ? null : this.expr();
          this._endSimple();
          return { t: t.text, e };
        }
      }
    }
    if (this._is(';')) {
      this._p++;
      return { t: 'block', body: [] };
    }
    const s = this._simpleStmt();
    this._endSimple();
    return s;
  }

  private _stmtOrEmpty(): Stmt {
    if (this._is(';')) {
      this._p++;
      return { t: 'block', body: [] };
    }
    return this._stmt();
  }

  private _simpleStmt(): Stmt {
    if (this._is('print') || this._is('printf')) {
      const kind = this._tok.text as 'print' | 'printf';
      this._p++;
      let args: Expr[] = [];
      const endsList = () => this._is(';') || this._is('}') || this._is('>') || this._is('>>') || this._is('|') || this._tok.kind === 'nl' || this._tok.kind === 'eof';
      if (!endsList()) {
        let done = false;
        if (this._is('(')) {
          // `print (a, b) > f`: a parenthesised list, if what follows ends the statement.
          const save = this._p;
          this._p++;
          const list = [this.expr()];
          while (this._is(',')) {
            this._p++;
            this._optNewlines();
            list.push(this.expr());
          }
          if (this._is(')')) {
            this._p++;
            if (endsList()) {
              args = list;
              done = true;
            }
          }
          if (!done) this._p = save;
        }
        if (!done) {
          args.push(this.expr(true));
          while (this._is(',')) {
            this._p++;
            this._optNewlines();
            args.push(this.expr(true));
          }
        }
      }
      let redir: Redirect | null = null;
      if (this._is('>') || this._is('>>') || this._is('|')) {
        const op = this._tok.text as '>' | '>>' | '|';
        this._p++;
        redir = { op, e: this.concatExpr() };
      }
      if (kind === 'printf' && args.length === 0) this._fail();
      return { t: kind, args, redir };
    }
    if (this._is('delete')) {
      this._p++;
      if (this._tok.kind !== 'name') this._fail();
      const name = this._tok.text;
      this._p++;
      if (this._is('[')) {
        this._p++;
        const subs = this._exprList(']');
        return { t: 'delete', name, subs };
      }
      return { t: 'delete', name, subs: null };
    }
    return { t: 'expr', e: this.expr() };
  }

  private _exprList(close: string): Expr[] {
    const list = [this.expr()];
    while (this._is(',')) {
      this._p++;
      this._optNewlines();
      list.push(this.expr());
    }
    this._expect(close);
    return list;
  }

  /** expr with assignment (lowest precedence). `noGt`: inside print, `>` is a redirection. */
  expr(noGt = false, noIn = false): Expr {
    const left = this._ternary(noGt, noIn);
    if (this._tok.kind === 'op' && ['=', '+=', '-=', '*=', '/=', '%=', '^='].includes(this._tok.text)) {
      if (left.t !== 'var' && left.t !== 'field' && left.t !== 'index') this._fail();
      const op = this._tok.text;
      this._p++;
      this._optNewlines();
      return { t: 'assign', op, target: left, e: this.expr(noGt, noIn) };
    }
    return left;
  }

  private _ternary(noGt: boolean, noIn: boolean): Expr {
    const c = this._or(noGt, noIn);
    if (this._is('?')) {
      this._p++;
      this._optNewlines();
      const a = this.expr(noGt, noIn);
      this._optNewlines();
      this._expect(':');
      this._optNewlines();
      const b = this.expr(noGt, noIn);
      return { t: 'cond', c, a, b };
    }
    return c;
  }

  private _or(noGt: boolean, noIn: boolean): Expr {
    let a = this._and(noGt, noIn);
    while (this._is('||')) {
      this._p++;
      this._optNewlines();
      a = { t: 'or', a, b: this._and(noGt, noIn) };
    }
    return a;
  }

  private _and(noGt: boolean, noIn: boolean): Expr {
    let a = this._inExpr(noGt, noIn);
    while (this._is('&&')) {
      this._p++;
      this._optNewlines();
      a = { t: 'and', a, b: this._inExpr(noGt, noIn) };
    }
    return a;
  }

  private _inExpr(noGt: boolean, noIn: boolean): Expr {
    let a = this._matchExpr(noGt);
    while (!noIn && this._is('in')) {
      this._p++;
      if (this._tok.kind !== 'name') this._fail();
      const subs = a.t === 'group' ? [a.e] : [a];
      a = { t: 'in', subs, name: this._tok.text };
      this._p++;
    }
    return a;
  }

  private _matchExpr(noGt: boolean): Expr {
    let a = this._comparison(noGt);
    while (this._is('~') || this._is('!~')) {
      const neg = this._tok.text === '!~';
      this._p++;
      a = { t: 'match', neg, a, re: this._comparison(noGt) };
    }
    return a;
  }

  private _comparison(noGt: boolean): Expr {
    const a = this._pipeGetline();
    const t = this._tok;
    if (t.kind === 'op' && ['<', '<=', '!=', '==', '>=', '>'].includes(t.text) && !(noGt && t.text === '>')) {
      this._p++;
      return { t: 'cmp', op: t.text, a, b: this._pipeGetline() };
    }
    return a;
  }

  /** `cmd | getline [var]` binds tighter than comparison, looser than concatenation. */
  private _pipeGetline(): Expr {
    let a = this.concatExpr();
    while (this._is('|') && this._toks[this._p + 1]?.text === 'getline') {
      this._p += 2;
      const target = this._optLvalue();
      a = { t: 'getline', kind: 'cmd', target, src: a };
    }
    return a;
  }

  private _startsConcat(): boolean {
    const t = this._tok;
    if (t.kind === 'num' || t.kind === 'str' || t.kind === 'regex' || t.kind === 'name' || t.kind === 'funcname' || t.kind === 'builtin') return true;
    if (t.kind === 'op') return t.text === '$' || t.text === '!' || t.text === '(' || t.text === '-' || t.text === '+' || t.text === '++' || t.text === '--';
    return t.kind === 'kw' && t.text === 'getline';
  }

  concatExpr(): Expr {
    let a = this._additive();
    while (this._startsConcat() && !this._is('in')) {
      if (this._is('-') || this._is('+') || this._is('!')) break;
      a = { t: 'concat', a, b: this._additive() };
    }
    return a;
  }

  private _additive(): Expr {
    let a = this._multiplicative();
    while (this._is('+') || this._is('-')) {
      const op = this._tok.text;
      this._p++;
      a = { t: 'bin', op, a, b: this._multiplicative() };
    }
    return a;
  }

  private _multiplicative(): Expr {
    let a = this._unary();
    while (this._is('*') || this._is('/') || this._is('%')) {
      const op = this._tok.text;
      this._p++;
      a = { t: 'bin', op, a, b: this._unary() };
    }
    return a;
  }

  private _unary(): Expr {
    if (this._is('!')) {
      this._p++;
      return { t: 'unary', op: '!', e: this._unary() };
    }
    if (this._is('-') || this._is('+')) {
      const op = this._tok.text;
      this._p++;
      return { t: 'unary', op, e: this._unary() };
    }
    return this._power();
  }

  private _power(): Expr {
    const a = this._postfix();
    if (this._is('^')) {
      this._p++;
      // Right associative; the exponent may carry a unary minus.
      const b = this._is('-') || this._is('+') || this._is('!') ? this._unary() : this._power();
      return { t: 'bin', op: '^', a, b };
    }
    return a;
  }

  private _postfix(): Expr {
    if (this._is('++') || this._is('--')) {
      const op = this._tok.text as '++' | '--';
      this._p++;
      const target = this._postfix();
      if (target.t !== 'var' && target.t !== 'field' && target.t !== 'index') this._fail();
      return { t: 'incdec', op, prefix: true, target };
    }
    const e = this._primary();
    if ((e.t === 'var' || e.t === 'field' || e.t === 'index') && (this._is('++') || this._is('--'))) {
      const op = this._tok.text as '++' | '--';
      this._p++;
      return { t: 'incdec', op, prefix: false, target: e };
    }
    return e;
  }

  private _optLvalue(): LValue | null {
    if (this._is('$')) {
      this._p++;
      return { t: 'field', e: this._fieldOperand() };
    }
    if (this._tok.kind === 'name') {
      const name = this._tok.text;
      this._p++;
      if (this._is('[')) {
        this._p++;
        return { t: 'index', name, subs: this._exprList(']') };
      }
      return { t: 'var', name };
    }
    return null;
  }

  /** The operand of `$`: a primary with optional ++/-- (`$NF`, `$(i+1)`, `$i++` is `($i)++`). */
  private _fieldOperand(): Expr {
    if (this._is('-')) {
      this._p++;
      return { t: 'unary', op: '-', e: this._primary() };
    }
    if (this._is('++') || this._is('--')) {
      const op = this._tok.text as '++' | '--';
      this._p++;
      const target = this._primary();
      if (target.t !== 'var' && target.t !== 'field' && target.t !== 'index') this._fail();
      return { t: 'incdec', op, prefix: true, target };
    }
    return this._primary();
  }

  private _primary(): Expr {
    const t = this._tok;
    switch (t.kind) {
      case 'num':
        this._p++;
        return { t: 'num', v: t.num! };
      case 'str':
        this._p++;
        return { t: 'str', v: t.text };
      case 'regex':
        this._p++;
        return { t: 'regex', src: t.text };
      case 'name': {
        this._p++;
        if (this._is('[')) {
          this._p++;
          return { t: 'index', name: t.text, subs: this._exprList(']') };
        }
        return { t: 'var', name: t.text };
      }
      case 'funcname': {
        this._p++;
        this._expect('(');
        const args: Expr[] = [];
        this._optNewlines();
        while (!this._is(')')) {
          args.push(this.expr());
          this._optNewlines();
          if (this._is(',')) {
            this._p++;
            this._optNewlines();
          } else if (!this._is(')')) this._fail();
        }
        this._p++;
        return { t: 'call', name: t.text, args };
      }
      case 'builtin': {
        this._p++;
        if (!this._is('(')) {
          if (t.text === 'length') return { t: 'builtin', name: 'length', args: [] };
          this._fail();
        }
        this._p++;
        const args: Expr[] = [];
        this._optNewlines();
        while (!this._is(')')) {
          args.push(this.expr());
          this._optNewlines();
          if (this._is(',')) {
            this._p++;
            this._optNewlines();
          } else if (!this._is(')')) this._fail();
        }
        this._p++;
        return { t: 'builtin', name: t.text, args };
      }
      case 'kw':
        if (t.text === 'getline') {
          this._p++;
          const target = this._optLvalue();
          if (this._is('<')) {
            this._p++;
            return { t: 'getline', kind: 'file', target, src: this._primaryForRedirect() };
          }
          return { t: 'getline', kind: 'simple', target, src: null };
        }
        break;
      case 'op':
        if (t.text === '$') {
          this._p++;
          return { t: 'field', e: this._fieldOperand() };
        }
        if (t.text === '(') {
          this._p++;
          this._optNewlines();
          const first = this.expr();
          if (this._is(',')) {
            // (a, b) in arr
            const subs = [first];
            while (this._is(',')) {
              this._p++;
              this._optNewlines();
              subs.push(this.expr());
            }
            this._expect(')');
            if (!this._is('in')) this._fail();
            this._p++;
            if (this._tok.kind !== 'name') this._fail();
            const name = this._tok.text;
            this._p++;
            return { t: 'in', subs, name };
          }
          this._optNewlines();
          this._expect(')');
          return { t: 'group', e: first };
        }
        if (t.text === '-' || t.text === '+' || t.text === '!') return this._unary();
        break;
    }
    this._fail();
  }

  /** `getline < file`: the file is a concatenation-free primary (`getline < "a" "b"` reads "a"). */
  private _primaryForRedirect(): Expr {
    return this._primary();
  }
}
