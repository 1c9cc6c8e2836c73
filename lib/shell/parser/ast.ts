/**
 * The shell's syntax tree. One tree serves all dialects; the parser refuses bash-only syntax when the dialect
 * lacks it, and the interpreter words its messages per dialect.
 */

/** A piece of a word. Quoting is kept in the tree because expansion (splitting, globbing) depends on it. */
export type WordPart =
  /** Unquoted literal text: subject to pathname expansion, not to field splitting. */
  | { readonly type: 'lit'; readonly text: string }
  /** Quoted literal text ('...', a backslash-escaped character, $'...'): taken as is. */
  | { readonly type: 'sq'; readonly text: string }
  /** "...": expansions inside are not split or globbed. */
  | { readonly type: 'dq'; readonly parts: readonly WordPart[] }
  | ParamPart
  /** $( ) or `...`: the body is parsed once, at parse time. */
  | { readonly type: 'cmdsub'; readonly body: List; readonly text: string }
  /** `<(list)` / `>(list)`: expands to a `/dev/fd/N` path to a pipe from/to the list, run as a process. */
  | { readonly type: 'procsub'; readonly dir: '<' | '>'; readonly body: List; readonly text: string }
  /** $(( )): the expression text may itself contain expansions, so it is a word evaluated then parsed. */
  | { readonly type: 'arith'; readonly expr: Word }
  /** ~ or ~user at the start of a word (or after `=`/`:` in an assignment). */
  | { readonly type: 'tilde'; readonly user: string };

export type ParamOp =
  | { readonly kind: 'plain' }
  | { readonly kind: 'length' }
  /** `-` `=` `?` `+`, with `colon` for the `:-` forms. */
  | { readonly kind: 'default'; readonly op: '-' | '=' | '?' | '+'; readonly colon: boolean; readonly arg: Word | null }
  | { readonly kind: 'trim'; readonly op: '#' | '##' | '%' | '%%'; readonly arg: Word }
  /** bash `${x/p/r}`: `all` for //, `anchor` for /# and /%. */
  | { readonly kind: 'replace'; readonly all: boolean; readonly anchor: '' | '#' | '%'; readonly pattern: Word; readonly replacement: Word | null }
  | { readonly kind: 'substr'; readonly offset: Word; readonly length: Word | null }
  | { readonly kind: 'case'; readonly upper: boolean; readonly all: boolean }
  /** bash `${!prefix*}` / `${!prefix@}`: names of variables starting with the prefix. */
  | { readonly kind: 'names'; readonly star: boolean }
  /** Syntax we recognise but cannot expand: reported as `bad substitution` when evaluated. */
  | { readonly kind: 'bad'; readonly text: string };

export interface ParamPart {
  readonly type: 'param';
  /** A name, a positional number, or one of `@ * # ? - $ ! 0`. */
  readonly name: string;
  /** bash arrays: `a[1]`, `a[@]`. */
  readonly index: Word | null;
  readonly op: ParamOp;
  /** ${!x}: indirection (bash). */
  readonly indirect: boolean;
}

export interface Word {
  readonly parts: readonly WordPart[];
  /** The word as written (for messages, keyword detection and `set -x`). */
  readonly raw: string;
}

export type RedirOp = '<' | '>' | '>>' | '>|' | '<>' | '<&' | '>&' | '&>' | '&>>' | '<<' | '<<-' | '<<<';

export interface Redir {
  /** Explicit fd (`2>`), or null for the operator's default. */
  readonly fd: number | null;
  readonly op: RedirOp;
  /** The file, fd number, `-`, here-string or here-doc delimiter. */
  readonly target: Word;
  /** Here-doc body: a word (expansions) when the delimiter was unquoted, literal text otherwise. */
  heredoc?: Word;
}

export interface Assign {
  readonly name: string;
  readonly value: Word;
  readonly append: boolean;
  /** bash `a=(x y)`. */
  readonly array: readonly Word[] | null;
}

export interface SimpleCommand {
  readonly type: 'simple';
  readonly assigns: readonly Assign[];
  readonly words: readonly Word[];
  readonly redirs: readonly Redir[];
  readonly line: number;
}

export interface CaseItem {
  readonly patterns: readonly Word[];
  readonly body: List;
  readonly term: ';;' | ';&' | ';;&';
}

/** `[[ ]]` expressions. */
export type CondExpr =
  | { readonly type: 'and' | 'or'; readonly left: CondExpr; readonly right: CondExpr }
  | { readonly type: 'not'; readonly expr: CondExpr }
  | { readonly type: 'unary'; readonly op: string; readonly arg: Word }
  | { readonly type: 'binary'; readonly op: string; readonly left: Word; readonly right: Word }
  | { readonly type: 'word'; readonly arg: Word };

export type CompoundCommand =
  | { readonly type: 'subshell'; readonly body: List; readonly line: number }
  | { readonly type: 'group'; readonly body: List; readonly line: number }
  | { readonly type: 'if'; readonly clauses: readonly { readonly cond: List; readonly body: List }[]; readonly elseBody: List | null; readonly line: number }
  | { readonly type: 'for'; readonly name: string; readonly items: readonly Word[] | null; readonly body: List; readonly line: number }
  | { readonly type: 'arithfor'; readonly init: Word; readonly cond: Word; readonly step: Word; readonly body: List; readonly line: number }
  | { readonly type: 'while'; readonly until: boolean; readonly cond: List; readonly body: List; readonly line: number }
  | { readonly type: 'case'; readonly word: Word; readonly items: readonly CaseItem[]; readonly line: number }
  | { readonly type: 'dbracket'; readonly expr: CondExpr; readonly line: number }
  | { readonly type: 'arithcmd'; readonly expr: Word; readonly line: number };

export type Command =
  | SimpleCommand
  | { readonly type: 'compound'; readonly body: CompoundCommand; readonly redirs: readonly Redir[]; readonly line: number }
  | { readonly type: 'funcdef'; readonly name: string; readonly body: Command; readonly line: number; readonly text: string };

export interface Pipeline {
  readonly negate: boolean;
  readonly commands: readonly Command[];
  /** `|&` between members i and i+1 also pipes stderr. */
  readonly stderrToo: readonly boolean[];
  readonly line: number;
}

export interface AndOr {
  readonly first: Pipeline;
  readonly rest: readonly { readonly op: '&&' | '||'; readonly pipeline: Pipeline }[];
}

export interface ListItem {
  readonly andOr: AndOr;
  readonly background: boolean;
  /** Source text of the item (job listings, `history`). */
  readonly text: string;
}

export type List = readonly ListItem[];
