/**
 * Word expansion: tilde, parameters, command substitution, arithmetic, field splitting on IFS, pathname
 * expansion and quote removal, in POSIX order. Quoting is tracked per segment so splitting and globbing apply
 * only to what was unquoted.
 */

import { resolvePath } from '../../engine/fs/path';
import type { ParamPart, Word, WordPart } from '../parser/ast';
import { ArithError, evalArith } from './arith';
import { braceExpand } from './brace';
import { ShellError } from './errors';
import { compilePattern, hasGlobChars, quotePattern, replacePattern, trimPattern, unescapePattern } from './pattern';
import type { Shell } from './Shell';

interface Seg {
  readonly text: string;
  readonly quoted: boolean;
}

/** Accumulates fields; `split` applies IFS splitting unless the builder is in no-split mode. */
class Fields {
  readonly fields: Seg[][] = [];
  private _cur: Seg[] = [];
  private _has = false;
  /** The previous field ended at IFS white space: a following non-white delimiter adds no empty field. */
  private _wsEnded = false;
  constructor(
    private readonly _ifs: string,
    private readonly _noSplit: boolean,
  ) {}

  add(text: string, quoted: boolean): void {
    if (text !== '') this._cur.push({ text, quoted });
    if (text !== '' || quoted) this._has = true;
    this._wsEnded = false;
  }

  /** Ends the current field, if any (between "$@" elements). */
  boundary(): void {
    if (this._has) this.fields.push(this._cur);
    this._cur = [];
    this._has = false;
  }

  split(text: string): void {
    const ifs = this._ifs;
    if (this._noSplit || ifs === '') {
      this.add(text, false);
      return;
    }
    let buf = '';
    for (const ch of text) {
      if (!ifs.includes(ch)) {
        buf += ch;
        continue;
      }
      if (buf !== '') {
        this.add(buf, false);
        buf = '';
      }
      if (ch === ' ' || ch === '\t' || ch === '\n') {
        if (this._has) {
          this.boundary();
          this._wsEnded = true;
        }
      } else {
        if (this._wsEnded && !this._has) {
          this._wsEnded = false;
          continue;
        }
        this.fields.push(this._cur);
        this._cur = [];
        this._has = false;
        this._wsEnded = false;
      }
    }
    if (buf !== '') this.add(buf, false);
  }

  finish(): Seg[][] {
    this.boundary();
    return this.fields;
  }
}

type Mode = 'fields' | 'string' | 'pattern';

export async function expandWords(sh: Shell, words: readonly Word[]): Promise<string[]> {
  const out: string[] = [];
  if (sh.dialect.name === 'bash' && words.some((w) => w.parts.some((p) => p.type === 'lit' && p.text.includes('{')))) words = words.flatMap(braceExpand);
  for (const w of words) {
    // Fast path: a plain literal word without glob characters.
    if (w.parts.length === 1) {
      const p = w.parts[0]!;
      if (p.type === 'lit' && !hasGlobChars(p.text)) {
        out.push(p.text);
        continue;
      }
      if (p.type === 'sq') {
        out.push(p.text);
        continue;
      }
    }
    const fields = await build(sh, w, false);
    for (const f of fields) out.push(...globField(sh, f));
  }
  return out;
}

/** Expansion without splitting or globbing (assignments, here-docs, `case` words, redirection targets). */
export async function expandString(sh: Shell, w: Word): Promise<string> {
  if (w.parts.length === 1) {
    const p = w.parts[0]!;
    if (p.type === 'lit' || p.type === 'sq') return p.text;
  }
  const fields = await build(sh, w, true);
  return fields.map((f) => f.map((s) => s.text).join('')).join(' ');
}

/** Expansion to a pattern: quoted characters are escaped so they match literally. */
export async function expandPattern(sh: Shell, w: Word): Promise<string> {
  if (w.parts.length === 1) {
    const p = w.parts[0]!;
    if (p.type === 'lit') return p.text;
    if (p.type === 'sq') return quotePattern(p.text);
  }
  const fields = await build(sh, w, true);
  return fields.map((f) => f.map((s) => (s.quoted ? quotePattern(s.text) : s.text)).join('')).join(' ');
}

async function build(sh: Shell, w: Word, noSplit: boolean): Promise<Seg[][]> {
  const ifs = sh.getVar('IFS');
  const b = new Fields(ifs === undefined ? ' \t\n' : ifs, noSplit);
  for (const p of w.parts) await part(sh, p, b, false);
  return b.finish();
}

async function part(sh: Shell, p: WordPart, b: Fields, quoted: boolean): Promise<void> {
  switch (p.type) {
    case 'lit':
      b.add(p.text, quoted);
      return;
    case 'sq':
      b.add(p.text, true);
      return;
    case 'dq':
      if (p.parts.length === 0) b.add('', true);
      for (const q of p.parts) await part(sh, q, b, true);
      return;
    case 'tilde': {
      const v = tilde(sh, p.user);
      b.add(v ?? '~' + p.user, true);
      return;
    }
    case 'cmdsub': {
      const out = (await sh.commandSubstitution(p.body)).replace(/\n+$/, '');
      if (quoted) b.add(out, true);
      else b.split(out);
      return;
    }
    case 'procsub': {
      // bash inserts the path as one field; BusyBox treats it like a command substitution's output (split by IFS).
      const path = await sh.processSubstitution(p.dir, p.body);
      if (quoted || sh.dialect.name === 'bash') b.add(path, true);
      else b.split(path);
      return;
    }
    case 'arith': {
      const text = await expandString(sh, p.expr);
      const v = arith(sh, text).toString();
      if (quoted) b.add(v, true);
      else b.split(v);
      return;
    }
    case 'param':
      await param(sh, p, b, quoted);
      return;
  }
}

export function arith(sh: Shell, text: string): bigint {
  if (sh.dialect.name === 'dash' && /\*\*|\+\+|--|#/.test(text)) {
    // dash has neither `**`, `++`/`--` nor `base#digits`.
    throw new ShellError(`arithmetic expression: ${text.includes('#') ? 'expecting EOF' : 'expecting primary'}: "${text}"`, 2, 'expr');
  }
  try {
    return evalArith(text, sh.arithEnv);
  } catch (e) {
    if (!(e instanceof ArithError)) throw e;
    throw new ShellError(arithMessage(sh, e), sh.dialect.exprErrorStatus, 'expr');
  }
}

function arithMessage(sh: Shell, e: ArithError): string {
  const expr = e.expr;
  switch (sh.dialect.name) {
    case 'bash':
      if (e.kind === 'divzero') return `${expr.trimStart()}: division by 0 (error token is "${lastOperand(expr)}")`;
      return `${expr.trimStart()}: ${e.detail} (error token is "${e.token.trimStart()}")`;
    case 'dash':
      if (e.detail.startsWith('Illegal number')) return e.detail;
      if (e.kind === 'divzero') return `arithmetic expression: division by zero: "${expr}"`;
      return `arithmetic expression: expecting primary: "${expr}"`;
    case 'ash':
      if (e.kind === 'divzero') return 'divide by zero';
      return 'arithmetic syntax error';
  }
}

function lastOperand(expr: string): string {
  const m = /[^/%]*$/.exec(expr);
  return (m ? m[0] : expr).trimStart();
}

function tilde(sh: Shell, user: string): string | undefined {
  if (user === '') return sh.getVar('HOME') ?? sh.homeOf(sh.userName());
  if (user === '+') return sh.getVar('PWD');
  if (user === '-') return sh.getVar('OLDPWD');
  return sh.homeOf(user);
}

/** The values of a parameter: a list for `@`, `*` and arrays with `[@]`/`[*]`; undefined when unset. */
async function paramValues(sh: Shell, p: ParamPart): Promise<{ list: string[] | null; value: string | undefined; star: boolean }> {
  let name = p.name;
  if (p.indirect && p.index) {
    // ${!a[@]}: the indices of an array.
    const v = sh.vars.get(name);
    const keys = v?.array ? Object.keys(v.array) : v?.value !== undefined ? ['0'] : [];
    return { list: keys, value: undefined, star: false };
  }
  if (p.indirect) {
    const target = sh.getParam(name);
    if (target === undefined || target === '') throw new ShellError(`${name}: invalid indirect expansion`, 1, 'expr');
    name = target;
  }
  if (p.index) {
    const idx = await expandString(sh, p.index);
    if (idx === '@' || idx === '*') {
      const arr = sh.getArray(name);
      return { list: arr ?? [], value: undefined, star: idx === '*' };
    }
    return { list: null, value: sh.getArrayElement(name, Number(arith(sh, idx))), star: false };
  }
  if (name === '@' || name === '*') return { list: sh.positional.slice(), value: undefined, star: name === '*' };
  return { list: null, value: sh.getParam(name), star: false };
}

async function param(sh: Shell, p: ParamPart, b: Fields, quoted: boolean): Promise<void> {
  const op = p.op;
  if (op.kind === 'names') {
    const names = [...sh.vars.keys()].filter((n) => n.startsWith(p.name)).sort();
    if (quoted && op.star) b.add(names.join(' '), true);
    else
      names.forEach((n, i) => {
        if (i > 0) b.boundary();
        emit(b, n, quoted);
      });
    return;
  }
  if (op.kind === 'bad' && sh.dialect.name === 'ash' && sh.input === 'script') sh.line++;
  if (op.kind === 'bad') throw new ShellError(sh.dialect.name === 'bash' ? `${op.text}: bad substitution` : sh.dialect.name === 'dash' ? 'Bad substitution' : 'syntax error: bad substitution', sh.dialect.exprErrorStatus, 'expr');
  const { list, value, star } = await paramValues(sh, p);
  const isSet = list !== null ? list.length > 0 : value !== undefined;
  if (op.kind === 'length') {
    // dash counts bytes, bash and BusyBox count characters.
    // ${#@}: bash counts the parameters, dash and ash measure "$*".
    if (list !== null && sh.dialect.name !== 'bash' && !p.index) {
      b.add(String(list.join(' ').length), quoted);
      return;
    }
    const n = list !== null ? list.length : sh.dialect.name === 'dash' ? new TextEncoder().encode(value ?? '').length : [...(value ?? '')].length;
    if (list === null && value === undefined) checkUnset(sh, p);
    b.add(String(n), quoted);
    return;
  }
  if (op.kind === 'default') {
    const joined = list !== null ? list.join(' ') : value;
    const empty = list !== null ? list.length === 0 || (list.length === 1 && list[0] === '') : value === '' || value === undefined;
    const use = op.colon ? !empty : isSet;
    if (op.op === '+') {
      if (use && quoted) b.add('', true);
      if (use && op.arg) for (const q of op.arg.parts) await part(sh, q, b, quoted);
      return;
    }
    if (!use) {
      if (op.op === '-') {
        // "${x:-}" is still one (empty) field.
        if (quoted) b.add('', true);
        if (op.arg) for (const q of op.arg.parts) await part(sh, q, b, quoted);
        return;
      }
      if (op.op === '=') {
        const v = op.arg ? await expandString(sh, op.arg) : '';
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(p.name)) throw new ShellError(`$${p.name}: cannot assign in this way`, sh.dialect.exprErrorStatus, 'expr');
        sh.setVar(p.name, v);
        emit(b, v, quoted);
        return;
      }
      const msg = op.arg && op.arg.parts.length ? await expandString(sh, op.arg) : sh.dialect.name === 'bash' ? (op.colon ? 'parameter null or not set' : 'parameter not set') : op.colon ? 'parameter not set or null' : 'parameter not set';
      throw new ShellError(`${sh.dialect.name === 'bash' && /^[0-9]/.test(p.name) ? '$' + p.name : p.name}: ${msg}`, sh.dialect.paramErrorStatus, 'param');
    }
    void joined;
  } else if (!isSet && !(list !== null)) {
    checkUnset(sh, p);
  }
  let values: string[] = list !== null ? list : value === undefined ? [] : [value];
  const single = list === null;
  switch (op.kind) {
    case 'trim': {
      const pat = await expandPattern(sh, op.arg);
      values = values.map((v) => trimPattern(v, pat, op.op));
      break;
    }
    case 'replace': {
      const pat = await expandPattern(sh, op.pattern);
      const rep = op.replacement ? await expandString(sh, op.replacement) : '';
      values = values.map((v) => replacePattern(v, pat, rep, op.all, op.anchor));
      break;
    }
    case 'case':
      values = values.map((v) => {
        const f = op.upper ? (s: string) => s.toUpperCase() : (s: string) => s.toLowerCase();
        return op.all ? f(v) : f(v.slice(0, 1)) + v.slice(1);
      });
      break;
    case 'substr': {
      const off = Number(arith(sh, await expandString(sh, op.offset)));
      const len = op.length ? Number(arith(sh, await expandString(sh, op.length))) : null;
      if (single) {
        const chars = [...(values[0] ?? '')];
        let start = off < 0 ? Math.max(0, chars.length + off) : off;
        if (off < 0 && chars.length + off < 0) start = chars.length;
        let end = len === null ? chars.length : len < 0 ? chars.length + len : start + len;
        if (end < start) {
          if (len !== null && len < 0) throw new ShellError(`${op.length!.raw}: substring expression < 0`, 1, 'expr');
          end = start;
        }
        values = values.length ? [chars.slice(start, end).join('')] : [];
      } else {
        // ${@:1:2}: positional parameters from $1 (offset 0 includes $0).
        const all = p.name === '@' || p.name === '*' ? [sh.arg0, ...values] : values;
        const start = off < 0 ? Math.max(0, all.length + off) : p.name === '@' || p.name === '*' ? off : off;
        values = all.slice(start, len === null ? undefined : start + len);
      }
      break;
    }
    default:
      break;
  }
  if (single) {
    if (values.length === 0) {
      if (quoted) b.add('', true);
      return;
    }
    emit(b, values[0]!, quoted);
    return;
  }
  if (star || (!quoted && false)) {
    const ifs = sh.getVar('IFS');
    const sep = ifs === undefined ? ' ' : ifs.slice(0, 1);
    if (quoted) b.add(values.join(sep), true);
    else {
      values.forEach((v, i) => {
        if (i > 0) b.boundary();
        b.split(v);
      });
    }
    return;
  }
  values.forEach((v, i) => {
    if (i > 0) b.boundary();
    emit(b, v, quoted);
  });
}

function emit(b: Fields, v: string, quoted: boolean): void {
  if (quoted) b.add(v, true);
  else b.split(v);
}

function checkUnset(sh: Shell, p: ParamPart): void {
  if (!sh.opts.nounset) return;
  if (p.name === '@' || p.name === '*' || p.name === '#' || p.name === '?' || p.name === '-' || p.name === '$' || p.name === '0') return;
  const name = sh.dialect.name === 'bash' && /^[0-9]/.test(p.name) ? '$' + p.name : p.name;
  const msg = sh.dialect.name === 'bash' ? `${name}: unbound variable` : `${name}: parameter not set`;
  throw new ShellError(msg, sh.dialect.paramErrorStatus, 'param');
}

/** Pathname expansion of one field. */
function globField(sh: Shell, f: Seg[]): string[] {
  const text = f.map((s) => s.text).join('');
  if (sh.opts.noglob) return [text];
  if (!f.some((s) => !s.quoted && /[*?[]/.test(s.text) && hasGlobChars(s.text + ']]'))) return [text];
  const pattern = f.map((s) => (s.quoted ? quotePattern(s.text) : s.text)).join('');
  if (!hasGlobChars(pattern)) return [unescapePattern(pattern)];
  const matches = glob(sh, pattern);
  return matches.length ? matches : [unescapePattern(pattern)];
}

export function glob(sh: Shell, pattern: string): string[] {
  const fs = sh.ctx.fs;
  const dirOnly = pattern.endsWith('/');
  const comps = pattern.split('/');
  let paths: string[] = [pattern.startsWith('/') ? '/' : ''];
  const joinP = (p: string, name: string) => (p === '' ? name : p.endsWith('/') ? p + name : p + '/' + name);
  let literalTail = false;
  for (let i = 0; i < comps.length; i++) {
    const comp = comps[i]!;
    if (comp === '') continue;
    if (!hasGlobChars(comp)) {
      paths = paths.map((p) => joinP(p, unescapePattern(comp)));
      literalTail = true;
      continue;
    }
    literalTail = false;
    const re = compilePattern(comp, true);
    const dotOk = comp.startsWith('.') || comp.startsWith('\\.');
    const next: string[] = [];
    const last = comps.slice(i + 1).every((c) => c === '');
    for (const p of paths) {
      const dir = resolvePath(sh.cwd, p === '' ? '.' : p);
      let names: string[];
      try {
        if (fs.stat(dir).type !== 'dir') continue;
        names = fs.readdir(dir);
      } catch {
        continue;
      }
      for (const name of names) {
        if (name.startsWith('.') && !dotOk) continue;
        if (!re.test(name)) continue;
        const full = joinP(p, name);
        if (!last || dirOnly) {
          try {
            if (fs.stat(resolvePath(sh.cwd, full)).type !== 'dir') continue;
          } catch {
            continue;
          }
        }
        next.push(full);
      }
    }
    paths = next;
    if (paths.length === 0) return [];
  }
  if (literalTail) {
    paths = paths.filter((p) => {
      try {
        fs.lstat(resolvePath(sh.cwd, p));
        return true;
      } catch {
        return false;
      }
    });
  }
  paths.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return dirOnly ? paths.map((p) => p + '/') : paths;
}
