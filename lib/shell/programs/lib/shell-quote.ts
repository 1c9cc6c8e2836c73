/** Quoting a string so a shell reads it back unchanged: coreutils `printf %q` style and bash `printf %q` style. */

const CONTROL = /[\x00-\x1f\x7f]/;

function ansiC(run: string): string {
  let s = '';
  for (const ch of run) {
    const c = ch.charCodeAt(0);
    const named: Record<number, string> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r', 27: '\\E' };
    s += named[c] ?? (ch === "'" ? "\\'" : ch === '\\' ? '\\\\' : c < 0x20 || c === 0x7f ? '\\' + c.toString(8).padStart(3, '0') : ch);
  }
  return `$'${s}'`;
}

const NEEDS_QUOTES = /[ \t"$&'()*;<>?[\\\]^`|!=]/;

/** coreutils `printf %q` / `ls --quoting-style=shell-escape`. */
export function shellQuote(s: string): string {
  if (s === '') return "''";
  if (CONTROL.test(s)) {
    const runs = s.match(/[\x00-\x1f\x7f]+|[^\x00-\x1f\x7f]+/g) ?? [];
    const parts = runs.map((r) => (CONTROL.test(r) ? ansiC(r) : `'${r.replace(/'/g, "'\\''")}'`));
    return (CONTROL.test(runs[0]!) ? "''" : '') + parts.join('');
  }
  if (!NEEDS_QUOTES.test(s) && !/^[#~]/.test(s)) return s;
  if (s.includes("'") && !/[$`\\"!]/.test(s)) return `"${s}"`;
  return `'${s.replace(/'/g, "'\\''")}'`;
}

/** bash's builtin `printf %q`: backslashes, or `$'...'` when there are control characters. */
export function bashQuote(s: string): string {
  if (s === '') return "''";
  if (CONTROL.test(s)) return ansiC(s);
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (" \t'\"\\$`|&;()<>*?[]{}!,^".includes(ch) || (i === 0 && (ch === '#' || ch === '~'))) out += '\\' + ch;
    else out += ch;
  }
  return out;
}
