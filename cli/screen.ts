/**
 * What a terminal shows for a stream of output, for transcripts: text lands in rows and columns, `\n` moves down,
 * `\r` back to the first column (later text overwrites), and the cursor movements and line erase that progress
 * displays use (`ESC[nA`, `ESC[nB`, `ESC[2K`, `ESC[K`) are applied. Any other escape sequence is kept as text, so
 * colours and the like still show up in a transcript. Rows a display rewrote (erased) lose their trailing spaces,
 * as copying them from a terminal would; other rows are kept exactly.
 */
export function renderScreen(text: string): string {
  const rows: string[][] = [[]];
  const rewritten = new Set<number>();
  let row = 0;
  let col = 0;
  const ensure = () => {
    while (rows.length <= row) rows.push([]);
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\x1b') {
      const m = /^\x1b\[(\d*)([ABK])/.exec(text.slice(i, i + 12));
      if (m) {
        const n = m[1] === '' ? 1 : Number(m[1]);
        if (m[2] === 'A') row = Math.max(0, row - n);
        else if (m[2] === 'B') {
          row += n;
          ensure();
        } else {
          rows[row] = m[1] === '2' ? [] : rows[row]!.slice(0, col);
          rewritten.add(row);
        }
        i += m[0].length - 1;
        continue;
      }
    }
    if (c === '\n') {
      row++;
      col = 0;
      ensure();
    } else if (c === '\r') col = 0;
    else {
      const r = rows[row]!;
      while (r.length < col) r.push(' ');
      r[col++] = c;
    }
  }
  return rows.map((r, i) => (rewritten.has(i) ? r.join('').replace(/ +$/, '') : r.join(''))).join('\n');
}
