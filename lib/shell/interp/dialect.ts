/**
 * The three shells we imitate over one interpreter: bash (host, Debian/Ubuntu images), dash (Debian's /bin/sh) and
 * BusyBox ash (Alpine/BusyBox images). Everything that differs in wording or grammar lives here; each message was
 * checked against bash 5.2, dash 0.5.12 and BusyBox 1.36 (`busybox sh`).
 */

import type { FsErrorCode } from '../../engine/fs/Types';
import { ASH_FEATURES, BASH_FEATURES, DASH_FEATURES, type ParserFeatures } from '../parser/Parser';
import type { ShellSyntaxError } from '../parser/ShellSyntaxError';
import type { Dialect as ProgramDialect } from '../programs/lib/messages';

export type DialectName = 'bash' | 'dash' | 'ash';

export interface Dialect {
  readonly name: DialectName;
  readonly features: ParserFeatures;
  /** Dialect name the reusable programs (echo, printf, test, kill) understand. */
  readonly programDialect: ProgramDialect;
  /** Exit status of a non-interactive shell after an expansion error (`${x:?}`, unbound variable). */
  readonly paramErrorStatus: number;
  /** ... after an arithmetic error or bad substitution. */
  readonly exprErrorStatus: number;
  /** Status of a failed redirection. */
  readonly redirErrorStatus: number;
}

export const DIALECTS: Readonly<Record<DialectName, Dialect>> = {
  bash: { name: 'bash', features: BASH_FEATURES, programDialect: 'bash', paramErrorStatus: 127, exprErrorStatus: 1, redirErrorStatus: 1 },
  dash: { name: 'dash', features: DASH_FEATURES, programDialect: 'dash', paramErrorStatus: 2, exprErrorStatus: 2, redirErrorStatus: 2 },
  ash: { name: 'ash', features: ASH_FEATURES, programDialect: 'busybox', paramErrorStatus: 2, exprErrorStatus: 2, redirErrorStatus: 1 },
};

/** Where the shell reads commands from; message prefixes depend on it. */
export type InputKind = 'command' | 'script' | 'stdin' | 'interactive';

export interface MessageContext {
  readonly dialect: DialectName;
  readonly input: InputKind;
  /** `$0`. */
  readonly arg0: string;
  readonly line: number;
  /** The error comes from text run by `eval`. */
  readonly inEval?: boolean;
}

/**
 * The prefix of a runtime error: `bash: line 1: `, `script.sh: line 3: `, `dash: 1: `, `sh: `.
 */
export function errorPrefix(m: MessageContext): string {
  switch (m.dialect) {
    case 'bash':
      return m.input === 'interactive' ? `${m.arg0}: ` : `${m.arg0}: line ${m.line}: `;
    case 'dash':
      return `${m.arg0}: ${m.line}: `;
    case 'ash':
      return m.input === 'script' ? `${m.arg0}: line ${m.line}: ` : 'sh: ';
  }
}

const REDIR_TOKENS = new Set(['<', '>', '>>', '<<', '<<-', '<&', '>&', '<>', '>|', '&>', '&>>']);

/** Syntax error lines as the real shell prints them (with trailing newline). */
export function syntaxErrorText(e: ShellSyntaxError, m: MessageContext): string {
  const p = e.problem;
  if (m.dialect === 'bash') {
    const where = m.inEval ? `${m.arg0}: eval: line ${e.line}: ` : m.input === 'interactive' ? `${m.arg0}: ` : m.input === 'command' ? `${m.arg0}: -c: line ${e.line}: ` : `${m.arg0}: line ${e.line}: `;
    switch (p.kind) {
      case 'token':
        return `${where}syntax error near unexpected token \`${p.token}'\n${where}\`${e.lineText}'\n`;
      case 'eof':
        return `${where}syntax error: unexpected end of file\n`;
      case 'unterminated':
        return `${where}unexpected EOF while looking for matching \`${p.quote === '))' ? ')' : p.quote}'\n`;
      case 'heredoc':
        return `${where}warning: here-document delimited by end-of-file (wanted \`${p.delimiter}')\n`;
      case 'badfor':
        return `${where}syntax error: bad for loop variable\n`;
      case 'other':
        return `${where}${p.message}\n`;
    }
  }
  if (m.dialect === 'dash') {
    const where = m.inEval ? `${m.arg0}: ${m.line}: eval: ` : `${m.arg0}: ${e.line}: `;
    switch (p.kind) {
      case 'token':
        if (REDIR_TOKENS.has(p.token)) return `${where}Syntax error: redirection unexpected\n`;
        return `${where}Syntax error: ${p.token === 'newline' ? 'newline' : `"${p.token}"`} unexpected\n`;
      case 'eof':
        return `${where}Syntax error: end of file unexpected${p.expecting ? ` (expecting "${p.expecting}")` : ''}\n`;
      case 'unterminated':
        if (p.quote === '}') return `${where}Syntax error: Missing '}'\n`;
        if (p.quote === '`') return `${where}Syntax error: EOF in backquote substitution\n`;
        if (p.quote === ')' || p.quote === '))') return `${where}Syntax error: end of file unexpected (expecting ")")\n`;
        return `${where}Syntax error: Unterminated quoted string\n`;
      case 'heredoc':
        return '';
      case 'badfor':
        return `${where}Syntax error: Bad for loop variable\n`;
      case 'other':
        return `${where}Syntax error: ${p.message}\n`;
    }
  }
  const base = m.input === 'script' ? `${m.arg0}: line ${e.line}: ` : 'sh: ';
  const where = m.inEval ? `${m.input === 'script' ? m.arg0 : 'sh'}: eval: line ${m.input === 'script' ? m.line : 0}: ` : base;
  switch (p.kind) {
    case 'token':
      if (REDIR_TOKENS.has(p.token)) return `${where}syntax error: unexpected redirection\n`;
      return `${where}syntax error: unexpected ${p.token === 'newline' ? 'newline' : `"${p.token}"`}\n`;
    case 'eof':
      return `${where}syntax error: unexpected end of file${p.expecting ? ` (expecting "${p.expecting}")` : ''}\n`;
    case 'unterminated':
      if (p.quote === '}') return `${where}syntax error: missing '}'\n`;
      if (p.quote === '`') return `${where}syntax error: EOF in backquote substitution\n`;
      if (p.quote === ')' || p.quote === '))') return `${where}syntax error: unexpected end of file (expecting ")")\n`;
      return `${where}syntax error: unterminated quoted string\n`;
    case 'heredoc':
      return '';
    case 'badfor':
      return `${where}syntax error: bad for loop variable\n`;
    case 'other':
      return `${where}syntax error: ${p.message}\n`;
  }
}

/** `foo: command not found` and friends (without prefix). */
export function notFoundText(dialect: DialectName, name: string): string {
  return dialect === 'bash' ? `${name}: command not found` : `${name}: not found`;
}

/** Redirection failures: bash `x: No such file or directory`, dash `cannot create x: Directory nonexistent`. */
export function redirErrorText(dialect: DialectName, path: string, code: FsErrorCode, writing: boolean, text: string): string {
  if (dialect === 'bash') return `${path}: ${text}`;
  if (dialect === 'dash') {
    const why = code === 'ENOENT' ? (writing ? 'Directory nonexistent' : 'No such file') : code === 'EACCES' ? 'Permission denied' : code === 'EISDIR' ? 'Is a directory' : text;
    return `${writing ? 'cannot create' : 'cannot open'} ${path}: ${why}`;
  }
  const why = code === 'ENOENT' ? (writing ? 'nonexistent directory' : 'no such file') : text;
  return `${writing ? "can't create" : "can't open"} ${path}: ${why}`;
}
