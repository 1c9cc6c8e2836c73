/** awk tokens. `/` is a regex literal where an operand is expected, division elsewhere. */

export type TokKind = 'num' | 'str' | 'regex' | 'name' | 'funcname' | 'builtin' | 'kw' | 'op' | 'nl' | 'eof';

export interface Token {
  readonly kind: TokKind;
  readonly text: string;
  readonly num?: number;
  readonly line: number;
}

export class AwkSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

const KEYWORDS = new Set(['BEGIN', 'END', 'function', 'func', 'if', 'else', 'while', 'for', 'do', 'break', 'continue', 'next', 'nextfile', 'exit', 'return', 'delete', 'in', 'getline', 'print', 'printf']);
export const BUILTINS = new Set(['length', 'substr', 'index', 'split', 'sub', 'gsub', 'match', 'sprintf', 'tolower', 'toupper', 'int', 'sqrt', 'exp', 'log', 'sin', 'cos', 'atan2', 'rand', 'srand', 'system', 'close', 'fflush', 'systime']);

const OPS = ['**=', '+=', '-=', '*=', '/=', '%=', '^=', '==', '<=', '>=', '!=', '++', '--', '&&', '||', '>>', '!~', '**', '{', '}', '(', ')', '[', ']', ';', ',', '+', '-', '*', '/', '%', '^', '!', '>', '<', '|', '?', ':', '~', '$', '='];

const STRING_ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', '/': '/', a: '\x07', b: '\b', f: '\f', v: '\v' };

/** Interprets awk string escapes (also used for -v assignments). */
export function unescapeAwk(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const d = s[++i]!;
    if (d in STRING_ESCAPES) out += STRING_ESCAPES[d];
    else if (/[0-7]/.test(d)) {
      let v = 0;
      let k = 0;
      while (k < 3 && /[0-7]/.test(s[i] ?? '')) {
        v = v * 8 + Number(s[i]);
        i++;
        k++;
      }
      i--;
      out += String.fromCharCode(v);
    } else out += '\\' + d;
  }
  return out;
}

export function tokenize(src: string): Token[] {
  const toks: Token[] = [];
  let i = 0;
  let line = 1;
  const prevAllowsDivision = () => {
    const p = toks[toks.length - 1];
    if (!p) return false;
    if (p.kind === 'num' || p.kind === 'str' || p.kind === 'name' || p.kind === 'regex') return true;
    if (p.kind === 'builtin' && p.text === 'length') return true;
    if (p.kind === 'op' && (p.text === ')' || p.text === ']' || p.text === '$' || p.text === '++' || p.text === '--')) return true;
    return false;
  };
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\r') {
      i++;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      line++;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '\n') {
      toks.push({ kind: 'nl', text: '\n', line });
      line++;
      i++;
      continue;
    }
    if (/^(?:[0-9]|\.[0-9])/.test(src.slice(i, i + 2))) {
      const m = /^(?:0[xX][0-9a-fA-F]+|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)/.exec(src.slice(i))!;
      toks.push({ kind: 'num', text: m[0], num: Number(m[0]), line });
      i += m[0].length;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const w = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i))![0];
      i += w.length;
      if (KEYWORDS.has(w)) toks.push({ kind: 'kw', text: w === 'func' ? 'function' : w, line });
      else if (BUILTINS.has(w)) toks.push({ kind: 'builtin', text: w, line });
      else if (src[i] === '(') toks.push({ kind: 'funcname', text: w, line });
      else toks.push({ kind: 'name', text: w, line });
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let raw = '';
      while (j < src.length && src[j] !== '"') {
        if (src[j] === '\n') throw new AwkSyntaxError(`runaway string constant "${raw.slice(0, 10)} ...`, line);
        if (src[j] === '\\' && j + 1 < src.length) {
          if (src[j + 1] === '\n') {
            j += 2;
            line++;
            continue;
          }
          raw += src[j]! + src[j + 1]!;
          j += 2;
          continue;
        }
        raw += src[j++];
      }
      if (j >= src.length) throw new AwkSyntaxError(`runaway string constant "${raw.slice(0, 10)} ...`, line);
      toks.push({ kind: 'str', text: unescapeAwk(raw), line });
      i = j + 1;
      continue;
    }
    if (c === '/' && !prevAllowsDivision()) {
      let j = i + 1;
      let raw = '';
      let inBracket = false;
      while (j < src.length && (src[j] !== '/' || inBracket)) {
        if (src[j] === '\n') throw new AwkSyntaxError(`runaway regular expression /${raw.slice(0, 10)} ...`, line);
        if (src[j] === '\\' && j + 1 < src.length) {
          raw += src[j + 1] === '/' ? '/' : src[j]! + src[j + 1]!;
          j += 2;
          continue;
        }
        if (src[j] === '[' && !inBracket) {
          inBracket = true;
          raw += src[j++];
          if (src[j] === '^') raw += src[j++];
          if (src[j] === ']') raw += src[j++];
          continue;
        }
        if (src[j] === ']' && inBracket) inBracket = false;
        raw += src[j++];
      }
      if (j >= src.length) throw new AwkSyntaxError(`runaway regular expression /${raw.slice(0, 10)} ...`, line);
      toks.push({ kind: 'regex', text: raw, line });
      i = j + 1;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op) throw new AwkSyntaxError(`syntax error at or near ${c}`, line);
    toks.push({ kind: 'op', text: op === '**' ? '^' : op === '**=' ? '^=' : op, line });
    i += op.length;
  }
  toks.push({ kind: 'eof', text: 'end of file', line });
  return toks;
}
