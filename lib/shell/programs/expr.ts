/**
 * expr: integer arithmetic (arbitrary precision), comparisons, `|` and `&`, `STRING : REGEX` (anchored BRE;
 * returns the \( \) group or the match length), match, substr, index, length. Exit 1 when the result is null or 0,
 * 2 on errors.
 */

import type { Program } from '../../engine/process/Types';
import { localeQuote } from './lib/messages';
import { PosixRegex, PosixRegexError } from './lib/posix-regex';

class ExprError extends Error {
  constructor(
    message: string,
    readonly status = 2,
  ) {
    super(message);
  }
}

const isInt = (s: string) => /^[+-]?[0-9]+$/.test(s);
const isNull = (s: string) => s === '' || /^-?0+$/.test(s);

export const expr: Program = async (ctx) => {
  const toks = ctx.argv.slice(1);
  if (toks[0] === '--') toks.shift();
  const q = (s: string) => (ctx.flavor === 'gnu' ? localeQuote(ctx, s) : s);
  let p = 0;
  const peek = () => toks[p];
  const int = (s: string): bigint => {
    if (!isInt(s)) throw new ExprError('non-integer argument');
    return BigInt(s);
  };
  const primary = (): string => {
    const t = toks[p];
    if (t === undefined) throw new ExprError(p === 0 ? 'missing operand' : `syntax error: missing argument after ${q(toks[p - 1]!)}`);
    p++;
    if (t === '(') {
      const v = or();
      if (toks[p] !== ')') throw new ExprError(toks[p] === undefined ? `syntax error: expecting ')' after ${q(toks[p - 1]!)}` : `syntax error: expecting ')' instead of ${q(toks[p]!)}`);
      p++;
      return v;
    }
    if (t === '+') {
      const v = toks[p++];
      if (v === undefined) throw new ExprError(`syntax error: missing argument after ${q('+')}`);
      return v;
    }
    if (t === 'length') return String([...primary()].length);
    if (t === 'match') {
      const s = primary();
      return match(s, primary());
    }
    if (t === 'index') {
      const s = primary();
      const chars = primary();
      const i = [...s].findIndex((c) => chars.includes(c));
      return String(i + 1);
    }
    if (t === 'substr') {
      const s = [...primary()];
      const pos = Number(int(primary()));
      const len = Number(int(primary()));
      if (pos < 1 || len < 1) return '';
      return s.slice(pos - 1, pos - 1 + len).join('');
    }
    return t;
  };
  const match = (s: string, re: string): string => {
    let r: PosixRegex;
    try {
      r = new PosixRegex(re, { syntax: 'basic' });
    } catch (e) {
      if (e instanceof PosixRegexError) throw new ExprError(e.message);
      throw e;
    }
    const m = r.exec(s, 0);
    const ok = m !== null && m.index === 0;
    if (r.groups > 0) return ok ? (m!.groups[1] ?? '') : '';
    return ok ? String([...s.slice(0, m!.end)].length) : '0';
  };
  const colon = (): string => {
    let v = primary();
    while (peek() === ':') {
      p++;
      v = match(v, primary());
    }
    return v;
  };
  const mul = (): string => {
    let v = colon();
    while (peek() === '*' || peek() === '/' || peek() === '%') {
      const op = toks[p++]!;
      const w = colon();
      const a = int(v);
      const b = int(w);
      if (op !== '*' && b === 0n) throw new ExprError('division by zero');
      v = String(op === '*' ? a * b : op === '/' ? a / b : a % b);
    }
    return v;
  };
  const add = (): string => {
    let v = mul();
    while (peek() === '+' || peek() === '-') {
      const op = toks[p++]!;
      const w = mul();
      v = String(op === '+' ? int(v) + int(w) : int(v) - int(w));
    }
    return v;
  };
  const cmp = (): string => {
    let v = add();
    while (['<', '<=', '=', '==', '!=', '>=', '>'].includes(peek() ?? '')) {
      const op = toks[p++]!;
      const w = add();
      const c = isInt(v) && isInt(w) ? (BigInt(v) < BigInt(w) ? -1 : BigInt(v) > BigInt(w) ? 1 : 0) : v < w ? -1 : v > w ? 1 : 0;
      const r = op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '=' || op === '==' ? c === 0 : op === '!=' ? c !== 0 : op === '>=' ? c >= 0 : c > 0;
      v = r ? '1' : '0';
    }
    return v;
  };
  const and = (): string => {
    let v = cmp();
    while (peek() === '&') {
      p++;
      const w = cmp();
      v = isNull(v) || isNull(w) ? '0' : v;
    }
    return v;
  };
  const or = (): string => {
    let v = and();
    while (peek() === '|') {
      p++;
      const w = and();
      v = !isNull(v) ? v : !isNull(w) ? w : '0';
    }
    return v;
  };
  try {
    if (toks.length === 0) throw new ExprError('missing operand');
    const v = or();
    if (p < toks.length) throw new ExprError(`syntax error: unexpected argument ${q(toks[p]!)}`);
    await ctx.stdout.write(v + '\n');
    return isNull(v) ? 1 : 0;
  } catch (e) {
    if (!(e instanceof ExprError)) throw e;
    await ctx.stderr.write(`expr: ${e.message}\n${e.message === 'missing operand' && ctx.flavor === 'gnu' ? "Try 'expr --help' for more information.\n" : ''}`);
    return e.status;
  }
};
