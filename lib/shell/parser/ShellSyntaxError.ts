/**
 * The only error the parser throws. It carries what went wrong as data; each dialect words it as its real shell
 * does (see interp/dialect.ts). `incomplete` tells an interactive shell to ask for more input (PS2) instead of
 * reporting an error.
 */

export type SyntaxProblem =
  /** A token where it is not allowed: `fi`, `)`, `;;`, `newline`, `&`... */
  | { readonly kind: 'token'; readonly token: string }
  /** Input ended inside a construct; `expecting` names the closing word when there is one (`fi`, `done`, `)`). */
  | { readonly kind: 'eof'; readonly expecting: string | null }
  /** Input ended inside a quote or substitution: `'` `"` `` ` `` `}` `)`. */
  | { readonly kind: 'unterminated'; readonly quote: string }
  /** Here-doc delimiter missing before end of input (a warning in real shells; we treat it the same way). */
  | { readonly kind: 'heredoc'; readonly delimiter: string }
  /** `for 1 in` / `for ((` in shells without arithmetic for. */
  | { readonly kind: 'badfor' }
  /** Anything else, worded already (`bad substitution`, `bad function name`...). */
  | { readonly kind: 'other'; readonly message: string };

export class ShellSyntaxError extends Error {
  override readonly name = 'ShellSyntaxError';
  constructor(
    readonly problem: SyntaxProblem,
    /** 1-based line where the problem was found. */
    readonly line: number,
    /** The text of that line (bash echoes it back). */
    readonly lineText: string,
    /** True when more input could complete the command. */
    readonly incomplete: boolean,
  ) {
    super(describe(problem, line));
  }
}

function describe(p: SyntaxProblem, line: number): string {
  switch (p.kind) {
    case 'token':
      return `line ${line}: syntax error near unexpected token \`${p.token}'`;
    case 'eof':
      return `line ${line}: syntax error: unexpected end of file`;
    case 'unterminated':
      return `line ${line}: unexpected EOF while looking for matching \`${p.quote}'`;
    case 'heredoc':
      return `line ${line}: here-document delimited by end-of-file (wanted \`${p.delimiter}')`;
    case 'badfor':
      return `line ${line}: syntax error: bad for loop variable`;
    case 'other':
      return `line ${line}: ${p.message}`;
  }
}
