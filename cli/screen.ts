/**
 * What a terminal shows for a stream of output, for transcripts: text lands in rows and columns, `\n` moves down,
 * `\r` back to the first column (later text overwrites), and the cursor movements and line erase that progress
 * displays use (`ESC[nA`, `ESC[nB`, `ESC[nG`, `ESC[2K`, `ESC[K`) are applied; colours (`ESC[…m`) and cursor
 * hiding (`ESC[?25l`/`h`) leave no text, as copying from a terminal shows. Any other escape sequence is kept as
 * text. Rows a display rewrote (erased, or drawn over after moving up) lose their trailing spaces, as copying them
 * from a terminal would; other rows are kept exactly.
 */
export function renderScreen(text: string): string {
  const rows: string[][] = [[]];
  const rewritten = new Set<number>();
  let row = 0;
  let col = 0;
  /** The lowest row the cursor has been on: rows above it that get written again were drawn over. */
  let bottom = 0;
  const ensure = () => {
    while (rows.length <= row) rows.push([]);
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\x1b') {
      // Cursor visibility and colours change nothing in the text a screen holds.
      const hidden = /^\x1b\[(?:\?25[lh]|[\d;]*m)/.exec(text.slice(i, i + 16));
      if (hidden) {
        i += hidden[0].length - 1;
        continue;
      }
      const m = /^\x1b\[(\d*)([ABGK])/.exec(text.slice(i, i + 12));
      if (m) {
        const n = m[1] === '' ? 1 : Number(m[1]);
        if (m[2] === 'A') row = Math.max(0, row - n);
        else if (m[2] === 'G') col = Math.max(0, n - 1);
        else if (m[2] === 'B') {
          row += n;
          ensure();
          bottom = Math.max(bottom, row);
        } else {
          rows[row] = m[1] === '2' ? [] : rows[row]!.slice(0, col);
          rewritten.add(row);
        }
        i += m[0].length - 1;
        continue;
      }
    }
    if (row < bottom) rewritten.add(row);
    if (c === '\n') {
      row++;
      col = 0;
      ensure();
      bottom = Math.max(bottom, row);
    } else if (c === '\r') col = 0;
    else {
      const r = rows[row]!;
      while (r.length < col) r.push(' ');
      r[col++] = c;
    }
  }
  return rows.map((r, i) => (rewritten.has(i) ? r.join('').replace(/ +$/, '') : r.join(''))).join('\n');
}
