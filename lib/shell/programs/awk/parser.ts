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
  private p = 0;
  constructor(private readonly toks: Token[]) {}

  private get tok(): Token {
    return this.toks[this.p]!;
  }
  private is(text: string, kind?: Token['kind']): boolean {
    const t = this.tok;
    return t.text === text && (kind ? t.kind === kind : t.kind === 'op' || t.kind === 'kw');
  }
  private fail(): never {
    const t = this.tok;
    const near = t.kind === 'nl' ? 'end of line' : t.kind === 'eof' ? 'end of file' : t.kind === 'str' ? `"${t.text}"` : t.text;
    throw new AwkSyntaxError(`syntax error at or near ${near}`, t.line);
  }
  private expect(text: string): void {
    if (!this.is(text)) this.fail();
    this.p++;
  }
  private optNewlines(): void {
    while (this.tok.kind === 'nl') this.p++;
  }
  private skipTerminators(): void {
    while (this.tok.kind === 'nl' || this.is(';')) this.p++;
  }

  program(): AwkProgram {
    const items: Item[] = [];
    const funcs = new Map<string, FuncDef>();
    this.skipTerminators();
    while (this.tok.kind !== 'eof') {
      if (this.is('BEGIN')) {
        this.p++;
        this.optNewlines();
        items.push({ kind: 'begin', pattern: null, pattern2: null, body: this.block() });
      } else if (this.is('END')) {
        this.p++;
        this.optNewlines();
        items.push({ kind: 'end', pattern: null, pattern2: null, body: this.block() });
      } else if (this.is('function')) {
        this.p++;
        const nameTok = this.tok;
        if (nameTok.kind !== 'funcname' && nameTok.kind !== 'name') this.fail();
        this.p++;
        this.expect('(');
        const params: string[] = [];
        while (!this.is(')')) {
          if (this.tok.kind !== 'name') this.fail();
          params.push(this.tok.text);
          this.p++;
          if (this.is(',')) {
            this.p++;
            this.optNewlines();
          } else if (!this.is(')')) this.fail();
        }
        this.p++;
        this.optNewlines();
        funcs.set(nameTok.text, { name: nameTok.text, params, body: this.block() });
      } else {
        let pattern: Expr | null = null;
        let pattern2: Expr | null = null;
        if (!this.is('{')) {
          pattern = this.expr();
          if (this.is(',')) {
            this.p++;
            this.optNewlines();
            pattern2 = this.expr();
          }
        }
        const body = this.is('{') ? this.block() : null;
        items.push({ kind: 'main', pattern, pattern2, body });
      }
      this.skipTerminators();
    }
    return { items, funcs };
  }

  private block(): Stmt[] {
    this.expect('{');
    const body: Stmt[] = [];
    this.skipTerminators();
    while (!this.is('}')) {
      if (this.tok.kind === 'eof') throw new AwkSyntaxError('missing } near end of file', this.tok.line);
      body.push(this.stmt());
      this.skipTerminators();
    }
    this.p++;
    return body;
  }

  /** A statement terminator: `;`, newline, or before `}` / end. */
  private endSimple(): void {
    if (this.is(';') || this.tok.kind === 'nl') {
      this.p++;
      return;
    }
    if (this.is('}') || this.tok.kind === 'eof') return;
    this.fail();
  }

  private stmt(): Stmt {
    const t = this.tok;
    if (this.is('{')) return { t: 'block', body: this.block() };
    if (t.kind === 'kw') {
      switch (t.text) {
        case 'if': {
          this.p++;
          this.expect('(');
          const c = this.expr();
          this.expect(')');
          this.optNewlines();
          const then = this.stmtOrEmpty();
          // `else` may follow newlines or a `;` after a simple statement.
          const save = this.p;
          this.skipTerminators();
          if (this.is('else')) {
            this.p++;
            this.optNewlines();
            return { t: 'if', c, then, else: this.stmtOrEmpty() };
          }
          this.p = save;
          return { t: 'if', c, then, else: null };
        }
        case 'while': {
          this.p++;
          this.expect('(');
          const c = this.expr();
          this.expect(')');
          if (this.is(';')) {
            this.p++;
            return { t: 'while', c, body: { t: 'block', body: [] } };
          }
          this.optNewlines();
          return { t: 'while', c, body: this.stmtOrEmpty() };
        }
        case 'do': {
          this.p++;
          this.optNewlines();
          const body = this.stmtOrEmpty();
          this.skipTerminators();
          if (!this.is('while')) this.fail();
          this.p++;
          this.expect('(');
          const c = this.expr();
          this.expect(')');
          this.endSimple();
          return { t: 'do', body, c };
        }
        case 'for': {
          this.p++;
          this.expect('(');
          // for (k in arr)
          if (this.tok.kind === 'name' && this.toks[this.p + 1]?.text === 'in' && this.toks[this.p + 2]?.kind === 'name' && this.toks[this.p + 3]?.text === ')') {
            const v: LValue = { t: 'var', name: this.tok.text };
            const arr = this.toks[this.p + 2]!.text;
            this.p += 4;
            this.optNewlines();
            return { t: 'forin', v, arr, body: this.stmtOrEmpty() };
          }
          const init = this.is(';') ? null : this.simpleStmt();
          this.expect(';');
          this.optNewlines();
          const c = this.is(';') ? null : this.expr();
          this.expect(';');
          this.optNewlines();
          const step = this.is(')') ? null : this.simpleStmt();
          this.expect(')');
          if (this.is(';')) {
            this.p++;
            return { t: 'for', init, c, step, body: { t: 'block', body: [] } };
          }
          this.optNewlines();
          return { t: 'for', init, c, step, body: this.stmtOrEmpty() };
        }
        case 'next':
        case 'nextfile':
        case 'break':
        case 'continue':
          this.p++;
          this.endSimple();
          return { t: t.text };
        case 'exit':
        case 'return': {
          this.p++;
          const e = this.is(';') || this.is('}') || this.tok.kind === 'nl' || this.tok.kind === 'eof' ? null : this.expr();
          this.endSimple();
          return { t: t.text, e };
        }
      }
    }
    if (this.is(';')) {
      this.p++;
      return { t: 'block', body: [] };
    }
    const s = this.simpleStmt();
    this.endSimple();
    return s;
  }

  private stmtOrEmpty(): Stmt {
    if (this.is(';')) {
      this.p++;
      return { t: 'block', body: [] };
    }
    return this.stmt();
  }

  private simpleStmt(): Stmt {
    if (this.is('print') || this.is('printf')) {
      const kind = this.tok.text as 'print' | 'printf';
      this.p++;
      let args: Expr[] = [];
      const endsList = () => this.is(';') || this.is('}') || this.is('>') || this.is('>>') || this.is('|') || this.tok.kind === 'nl' || this.tok.kind === 'eof';
      if (!endsList()) {
        let done = false;
        if (this.is('(')) {
          // `print (a, b) > f`: a parenthesised list, if what follows ends the statement.
          const save = this.p;
          this.p++;
          const list = [this.expr()];
          while (this.is(',')) {
            this.p++;
            this.optNewlines();
            list.push(this.expr());
          }
          if (this.is(')')) {
            this.p++;
            if (endsList()) {
              args = list;
              done = true;
            }
          }
          if (!done) this.p = save;
        }
        if (!done) {
          args.push(this.expr(true));
          while (this.is(',')) {
            this.p++;
            this.optNewlines();
            args.push(this.expr(true));
          }
        }
      }
      let redir: Redirect | null = null;
      if (this.is('>') || this.is('>>') || this.is('|')) {
        const op = this.tok.text as '>' | '>>' | '|';
        this.p++;
        redir = { op, e: this.concatExpr() };
      }
      if (kind === 'printf' && args.length === 0) this.fail();
      return { t: kind, args, redir };
    }
    if (this.is('delete')) {
      this.p++;
      if (this.tok.kind !== 'name') this.fail();
      const name = this.tok.text;
      this.p++;
      if (this.is('[')) {
        this.p++;
        const subs = this.exprList(']');
        return { t: 'delete', name, subs };
      }
      return { t: 'delete', name, subs: null };
    }
    return { t: 'expr', e: this.expr() };
  }

  private exprList(close: string): Expr[] {
    const list = [this.expr()];
    while (this.is(',')) {
      this.p++;
      this.optNewlines();
      list.push(this.expr());
    }
    this.expect(close);
    return list;
  }

  /** expr with assignment (lowest precedence). `noGt`: inside print, `>` is a redirection. */
  expr(noGt = false, noIn = false): Expr {
    const left = this.ternary(noGt, noIn);
    if (this.tok.kind === 'op' && ['=', '+=', '-=', '*=', '/=', '%=', '^='].includes(this.tok.text)) {
      if (left.t !== 'var' && left.t !== 'field' && left.t !== 'index') this.fail();
      const op = this.tok.text;
      this.p++;
      this.optNewlines();
      return { t: 'assign', op, target: left, e: this.expr(noGt, noIn) };
    }
    return left;
  }

  private ternary(noGt: boolean, noIn: boolean): Expr {
    const c = this.or(noGt, noIn);
    if (this.is('?')) {
      this.p++;
      this.optNewlines();
      const a = this.expr(noGt, noIn);
      this.optNewlines();
      this.expect(':');
      this.optNewlines();
      const b = this.expr(noGt, noIn);
      return { t: 'cond', c, a, b };
    }
    return c;
  }

  private or(noGt: boolean, noIn: boolean): Expr {
    let a = this.and(noGt, noIn);
    while (this.is('||')) {
      this.p++;
      this.optNewlines();
      a = { t: 'or', a, b: this.and(noGt, noIn) };
    }
    return a;
  }

  private and(noGt: boolean, noIn: boolean): Expr {
    let a = this.inExpr(noGt, noIn);
    while (this.is('&&')) {
      this.p++;
      this.optNewlines();
      a = { t: 'and', a, b: this.inExpr(noGt, noIn) };
    }
    return a;
  }

  private inExpr(noGt: boolean, noIn: boolean): Expr {
    let a = this.matchExpr(noGt);
    while (!noIn && this.is('in')) {
      this.p++;
      if (this.tok.kind !== 'name') this.fail();
      const subs = a.t === 'group' ? [a.e] : [a];
      a = { t: 'in', subs, name: this.tok.text };
      this.p++;
    }
    return a;
  }

  private matchExpr(noGt: boolean): Expr {
    let a = this.comparison(noGt);
    while (this.is('~') || this.is('!~')) {
      const neg = this.tok.text === '!~';
      this.p++;
      a = { t: 'match', neg, a, re: this.comparison(noGt) };
    }
    return a;
  }

  private comparison(noGt: boolean): Expr {
    const a = this.pipeGetline();
    const t = this.tok;
    if (t.kind === 'op' && ['<', '<=', '!=', '==', '>=', '>'].includes(t.text) && !(noGt && t.text === '>')) {
      this.p++;
      return { t: 'cmp', op: t.text, a, b: this.pipeGetline() };
    }
    return a;
  }

  /** `cmd | getline [var]` binds tighter than comparison, looser than concatenation. */
  private pipeGetline(): Expr {
    let a = this.concatExpr();
    while (this.is('|') && this.toks[this.p + 1]?.text === 'getline') {
      this.p += 2;
      const target = this.optLvalue();
      a = { t: 'getline', kind: 'cmd', target, src: a };
    }
    return a;
  }

  private startsConcat(): boolean {
    const t = this.tok;
    if (t.kind === 'num' || t.kind === 'str' || t.kind === 'regex' || t.kind === 'name' || t.kind === 'funcname' || t.kind === 'builtin') return true;
    if (t.kind === 'op') return t.text === '$' || t.text === '!' || t.text === '(' || t.text === '-' || t.text === '+' || t.text === '++' || t.text === '--';
    return t.kind === 'kw' && t.text === 'getline';
  }

  concatExpr(): Expr {
    let a = this.additive();
    while (this.startsConcat() && !this.is('in')) {
      if (this.is('-') || this.is('+') || this.is('!')) break;
      a = { t: 'concat', a, b: this.additive() };
    }
    return a;
  }

  private additive(): Expr {
    let a = this.multiplicative();
    while (this.is('+') || this.is('-')) {
      const op = this.tok.text;
      this.p++;
      a = { t: 'bin', op, a, b: this.multiplicative() };
    }
    return a;
  }

  private multiplicative(): Expr {
    let a = this.unary();
    while (this.is('*') || this.is('/') || this.is('%')) {
      const op = this.tok.text;
      this.p++;
      a = { t: 'bin', op, a, b: this.unary() };
    }
    return a;
  }

  private unary(): Expr {
    if (this.is('!')) {
      this.p++;
      return { t: 'unary', op: '!', e: this.unary() };
    }
    if (this.is('-') || this.is('+')) {
      const op = this.tok.text;
      this.p++;
      return { t: 'unary', op, e: this.unary() };
    }
    return this.power();
  }

  private power(): Expr {
    const a = this.postfix();
    if (this.is('^')) {
      this.p++;
      // Right associative; the exponent may carry a unary minus.
      const b = this.is('-') || this.is('+') || this.is('!') ? this.unary() : this.power();
      return { t: 'bin', op: '^', a, b };
    }
    return a;
  }

  private postfix(): Expr {
    if (this.is('++') || this.is('--')) {
      const op = this.tok.text as '++' | '--';
      this.p++;
      const target = this.postfix();
      if (target.t !== 'var' && target.t !== 'field' && target.t !== 'index') this.fail();
      return { t: 'incdec', op, prefix: true, target };
    }
    const e = this.primary();
    if ((e.t === 'var' || e.t === 'field' || e.t === 'index') && (this.is('++') || this.is('--'))) {
      const op = this.tok.text as '++' | '--';
      this.p++;
      return { t: 'incdec', op, prefix: false, target: e };
    }
    return e;
  }

  private optLvalue(): LValue | null {
    if (this.is('$')) {
      this.p++;
      return { t: 'field', e: this.fieldOperand() };
    }
    if (this.tok.kind === 'name') {
      const name = this.tok.text;
      this.p++;
      if (this.is('[')) {
        this.p++;
        return { t: 'index', name, subs: this.exprList(']') };
      }
      return { t: 'var', name };
    }
    return null;
  }

  /** The operand of `$`: a primary with optional ++/-- (`$NF`, `$(i+1)`, `$i++` is `($i)++`). */
  private fieldOperand(): Expr {
    if (this.is('-')) {
      this.p++;
      return { t: 'unary', op: '-', e: this.primary() };
    }
    if (this.is('++') || this.is('--')) {
      const op = this.tok.text as '++' | '--';
      this.p++;
      const target = this.primary();
      if (target.t !== 'var' && target.t !== 'field' && target.t !== 'index') this.fail();
      return { t: 'incdec', op, prefix: true, target };
    }
    return this.primary();
  }

  private primary(): Expr {
    const t = this.tok;
    switch (t.kind) {
      case 'num':
        this.p++;
        return { t: 'num', v: t.num! };
      case 'str':
        this.p++;
        return { t: 'str', v: t.text };
      case 'regex':
        this.p++;
        return { t: 'regex', src: t.text };
      case 'name': {
        this.p++;
        if (this.is('[')) {
          this.p++;
          return { t: 'index', name: t.text, subs: this.exprList(']') };
        }
        return { t: 'var', name: t.text };
      }
      case 'funcname': {
        this.p++;
        this.expect('(');
        const args: Expr[] = [];
        this.optNewlines();
        while (!this.is(')')) {
          args.push(this.expr());
          this.optNewlines();
          if (this.is(',')) {
            this.p++;
            this.optNewlines();
          } else if (!this.is(')')) this.fail();
        }
        this.p++;
        return { t: 'call', name: t.text, args };
      }
      case 'builtin': {
        this.p++;
        if (!this.is('(')) {
          if (t.text === 'length') return { t: 'builtin', name: 'length', args: [] };
          this.fail();
        }
        this.p++;
        const args: Expr[] = [];
        this.optNewlines();
        while (!this.is(')')) {
          args.push(this.expr());
          this.optNewlines();
          if (this.is(',')) {
            this.p++;
            this.optNewlines();
          } else if (!this.is(')')) this.fail();
        }
        this.p++;
        return { t: 'builtin', name: t.text, args };
      }
      case 'kw':
        if (t.text === 'getline') {
          this.p++;
          const target = this.optLvalue();
          if (this.is('<')) {
            this.p++;
            return { t: 'getline', kind: 'file', target, src: this.primaryForRedirect() };
          }
          return { t: 'getline', kind: 'simple', target, src: null };
        }
        break;
      case 'op':
        if (t.text === '$') {
          this.p++;
          return { t: 'field', e: this.fieldOperand() };
        }
        if (t.text === '(') {
          this.p++;
          this.optNewlines();
          const first = this.expr();
          if (this.is(',')) {
            // (a, b) in arr
            const subs = [first];
            while (this.is(',')) {
              this.p++;
              this.optNewlines();
              subs.push(this.expr());
            }
            this.expect(')');
            if (!this.is('in')) this.fail();
            this.p++;
            if (this.tok.kind !== 'name') this.fail();
            const name = this.tok.text;
            this.p++;
            return { t: 'in', subs, name };
          }
          this.optNewlines();
          this.expect(')');
          return { t: 'group', e: first };
        }
        if (t.text === '-' || t.text === '+' || t.text === '!') return this.unary();
        break;
    }
    this.fail();
  }

  /** `getline < file`: the file is a concatenation-free primary (`getline < "a" "b"` reads "a"). */
  private primaryForRedirect(): Expr {
    return this.primary();
  }
}
