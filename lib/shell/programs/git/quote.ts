/**
 * git's C-style path quoting (quote.c, core.quotePath on): a name with `"`, `\`, control characters or non-ASCII
 * bytes is shown in double quotes with escapes (`"\303\251.txt"`); short status also quotes names with spaces.
 */
const enc = new TextEncoder();
const ESCAPES: Readonly<Record<number, string>> = { 7: '\\a', 8: '\\b', 9: '\\t', 10: '\\n', 11: '\\v', 12: '\\f', 13: '\\r', 34: '\\"', 92: '\\\\' };

export function cquote(name: string, quoteSpace = false): string {
  const bytes = enc.encode(name);
  let needs = false;
  let out = '';
  for (const b of bytes) {
    const esc = ESCAPES[b];
    if (esc) {
      out += esc;
      needs = true;
    } else if (b < 0x20 || b >= 0x7f) {
      out += `\\${b.toString(8).padStart(3, '0')}`;
      needs = true;
    } else {
      if (b === 0x20 && quoteSpace) needs = true;
      out += String.fromCharCode(b);
    }
  }
  return needs ? `"${out}"` : name;
}
