/**
 * Tokens of the Python subset layerlab runs (python.ts): names, numbers, strings (prefixes, triple quotes,
 * escapes), operators, and the NEWLINE / INDENT / DEDENT structure of blocks. Brackets and backslashes join lines
 * as in CPython's tokenizer.
 */

import { PySyntaxError } from './errors';

export type TokenKind = 'name' | 'number' | 'string' | 'op' | 'newline' | 'indent' | 'dedent' | 'eof';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  /** 1-based line and 0-based column of the token's start. */
  readonly line: number;
  readonly col: number;
  /** Strings: the decoded value and whether it was an f-string / a bytes literal. */
  readonly value?: string;
  readonly fstring?: boolean;
}

const OPS = ['**=', '//=', '>>=', '<<=', '...', '**', '//', '<<', '>>', '<=', '>=', '==', '!=', '<>', '->', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '(', ')', '[', ']', '{', '}', ',', ':', '.', ';', '@', '=', '+', '-', '*', '/', '%', '<', '>', '&', '|', '^', '~'];

function decodeEscapes(body: string, raw: boolean, line: number, col: number, lines: readonly string[]): string {
  if (raw) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const n = body[++i];
    switch (n) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case '0': out += '\0'; break;
      case 'a': out += '\x07'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'v': out += '\v'; break;
      case '\\': out += '\\'; break;
      case "'": out += "'"; break;
      case '"': out += '"'; break;
      case '\n': break;
      case 'x': {
        const hex = body.slice(i + 1, i + 3);
        if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw new PySyntaxError('invalid \\x escape', line, col, lines[line - 1] ?? '');
        out += String.fromCharCode(parseInt(hex, 16));
        i += 2;
        break;
      }
      case 'u': {
        const hex = body.slice(i + 1, i + 5);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
          out += '\\u';
          break;
        }
        out += String.fromCharCode(parseInt(hex, 16));
        i += 4;
        break;
      }
      default:
        out += `\\${n ?? ''}`;
    }
  }
  return out;
}

export function tokenize(src: string): Token[] {
  const lines = src.split('\n');
  const tokens: Token[] = [];
  const indents = [0];
  let depth = 0; // open brackets
  let i = 0;
  let line = 1;
  let lineStart = 0;
  let atLineStart = true;
  const push = (kind: TokenKind, text: string, col: number, extra: Partial<Token> = {}) => tokens.push({ kind, text, line, col, ...extra });
  while (i < src.length) {
    if (atLineStart && depth === 0) {
      // Measure indentation; blank and comment-only lines do not count.
      let j = i;
      let width = 0;
      while (src[j] === ' ' || src[j] === '\t') {
        width = src[j] === '\t' ? (Math.floor(width / 8) + 1) * 8 : width + 1;
        j++;
      }
      if (src[j] === '\n' || src[j] === '#' || src[j] === '\r' || j >= src.length) {
        while (j < src.length && src[j] !== '\n') j++;
        i = j + 1;
        line++;
        lineStart = i;
        continue;
      }
      atLineStart = false;
      if (width > indents[indents.length - 1]!) {
        indents.push(width);
        push('indent', '', 0);
      } else {
        while (width < indents[indents.length - 1]!) {
          indents.pop();
          push('dedent', '', 0);
        }
        if (width !== indents[indents.length - 1]) throw new PySyntaxError('unindent does not match any outer indentation level', line, width, lines[line - 1] ?? '', 'IndentationError');
      }
      i = j;
    }
    const c = src[i]!;
    const col = i - lineStart;
    if (c === '\n') {
      if (depth === 0) {
        push('newline', '', col);
        atLineStart = true;
      }
      i++;
      line++;
      lineStart = i;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f') {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      line++;
      lineStart = i;
      continue;
    }
    const str = /^([rRuUbBfF]{0,2})('''|"""|'|")/.exec(src.slice(i, i + 5));
    if (str && (str[1] === '' || /^[A-Za-z]+$/.test(str[1]!))) {
      const prefix = str[1]!.toLowerCase();
      const quote = str[2]!;
      const startLine = line;
      let j = i + str[0]!.length;
      let body = '';
      for (;;) {
        if (j >= src.length || (quote.length === 1 && src[j] === '\n')) {
          const msg = quote.length === 3 ? 'EOF while scanning triple-quoted string literal' : 'EOL while scanning string literal';
          throw new PySyntaxError(msg, startLine, col, lines[startLine - 1] ?? '');
        }
        if (src[j] === '\\') {
          body += src.slice(j, j + 2);
          if (src[j + 1] === '\n') {
            line++;
            lineStart = j + 2;
          }
          j += 2;
          continue;
        }
        if (src.startsWith(quote, j)) break;
        if (src[j] === '\n') {
          line++;
          lineStart = j + 1;
        }
        body += src[j];
        j++;
      }
      const value = decodeEscapes(body, prefix.includes('r'), startLine, col, lines);
      tokens.push({ kind: 'string', text: src.slice(i, j + quote.length), line: startLine, col, value, fstring: prefix.includes('f') });
      i = j + quote.length;
      continue;
    }
    const num = /^(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d+)?)([lLjJ]?)/.exec(src.slice(i));
    if (num && /[\d.]/.test(c) && !(c === '.' && !/\d/.test(src[i + 1] ?? ''))) {
      push('number', num[0], col);
      i += num[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i));
    if (name) {
      push('name', name[0], col);
      i += name[0].length;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (op) {
      if ('([{'.includes(op)) depth++;
      if (')]}'.includes(op)) depth = Math.max(0, depth - 1);
      push('op', op, col);
      i += op.length;
      continue;
    }
    throw new PySyntaxError('invalid syntax', line, col, lines[line - 1] ?? '');
  }
  if (!atLineStart) push('newline', '', i - lineStart);
  while (indents.length > 1) {
    indents.pop();
    push('dedent', '', 0);
  }
  push('eof', '', 0);
  return tokens;
}
