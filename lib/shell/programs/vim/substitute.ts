/**
 * Vim's `:[range]s/pattern/replacement/[flags]` over a buffer of lines, and the line ranges Ex commands take
 * (`%`, `.`, `$`, `N`, `N,M`). Pure functions: the editor applies the result and records undo.
 */

export interface LineRange {
  readonly from: number; // 0-based, inclusive
  readonly to: number;
}

/** Splits a leading range off an Ex command line; `null` range means the command's default (the cursor line). */
export function splitRange(cmd: string, cursor: number, lastLine: number): { range: LineRange | null; rest: string } | { error: string } {
  if (cmd.startsWith('%')) return { range: { from: 0, to: lastLine }, rest: cmd.slice(1) };
  const addr = /^(\d+|\.|\$)(?:,(\d+|\.|\$))?/.exec(cmd);
  if (!addr || addr[0] === cmd) return { range: null, rest: cmd };
  const line = (a: string) => (a === '.' ? cursor : a === '$' ? lastLine : Number(a) - 1);
  const from = line(addr[1]!);
  const to = addr[2] === undefined ? from : line(addr[2]);
  if (from > lastLine || to > lastLine || from < -1) return { error: 'E16: Invalid range' };
  if (to < from) return { error: 'E493: Backwards range given' };
  return { range: { from: Math.max(0, from), to }, rest: cmd.slice(addr[0].length) };
}

export interface Substitution {
  readonly lines: string[];
  /** The last line a substitution happened on (where Vim leaves the cursor). */
  readonly lastLine: number;
}

/**
 * Applies `s/pat/rep/flags` (the text after `s`) to `lines[range]`. Returns Vim's error text when the command is
 * malformed or nothing matched (E486, unless the `e` flag).
 */
export function substitute(lines: readonly string[], range: LineRange, args: string, toJs: (vimPattern: string) => string): Substitution | { error: string } | null {
  const delim = args[0];
  if (delim === undefined || /[A-Za-z0-9\\"| ]/.test(delim)) return { error: 'E486: Pattern not found' };
  const parts: string[] = [''];
  for (let i = 1; i < args.length; i++) {
    const c = args[i]!;
    if (c === '\\' && args[i + 1] === delim) {
      parts[parts.length - 1] += delim;
      i++;
    } else if (c === '\\' && i + 1 < args.length) {
      parts[parts.length - 1] += c + args[++i]!;
    } else if (c === delim && parts.length < 3) parts.push('');
    else parts[parts.length - 1] += c;
  }
  const [pattern = '', replacement = '', flags = ''] = parts;
  let re: RegExp;
  try {
    re = new RegExp(toJs(pattern), `u${flags.includes('g') ? 'g' : ''}${flags.includes('i') ? 'i' : ''}`);
  } catch {
    return { error: `E486: Pattern not found: ${pattern}` };
  }
  const out = [...lines];
  let last = -1;
  for (let y = range.to; y >= range.from; y--) {
    const line = out[y]!;
    re.lastIndex = 0;
    if (!re.test(line)) continue;
    re.lastIndex = 0;
    const replaced = line.replace(re, (...m: unknown[]) => expand(replacement, m.slice(0, -2) as string[]));
    out.splice(y, 1, ...replaced.split('\r'));
    if (last < 0) last = y;
  }
  if (last < 0) return flags.includes('e') ? null : { error: `E486: Pattern not found: ${pattern}` };
  return { lines: out, lastLine: last };
}

/** The replacement text for one match: `&` and `\0` the match, `\1`-`\9` groups, `\r` a line break, `\n` a NUL. */
function expand(rep: string, groups: readonly (string | undefined)[]): string {
  let s = '';
  for (let i = 0; i < rep.length; i++) {
    const c = rep[i]!;
    if (c === '&') s += groups[0] ?? '';
    else if (c === '\\' && i + 1 < rep.length) {
      const n = rep[++i]!;
      if (/[0-9]/.test(n)) s += groups[Number(n)] ?? '';
      else if (n === 'r') s += '\r';
      else if (n === 'n') s += '\0';
      else if (n === 't') s += '\t';
      else s += n;
    } else s += c;
  }
  return s;
}
