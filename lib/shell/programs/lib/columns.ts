/**
 * Multi-column listings as `ls -C` prints them on a terminal. GNU picks the largest number of columns whose
 * total width fits (each column as wide as its longest name plus two, the last without the gap) and pads with
 * tabs (tab size 8); BusyBox uses one width for every column (longest name plus two) and pads with spaces.
 */

export interface ColumnOptions {
  readonly width: number;
  /** `-x`: fill rows first. */
  readonly across?: boolean;
  readonly style: 'gnu' | 'busybox';
  /** GNU pads with tabs unless colours are on (ls sets its tab size to 0 then). */
  readonly tabs?: boolean;
}

/** Display width of a cell: code points, not counting ANSI colour sequences. */
function cellWidth(s: string): number {
  let n = 0;
  for (const _ of s.replace(/\u001b\[[0-9;]*m/g, '')) n++;
  return n;
}

/** GNU's `indent()`: moves from column `from` to `to` with tabs where a tab fits, then spaces. */
function indent(from: number, to: number, tabs: boolean): string {
  let out = '';
  const tab = 8;
  while (from < to) {
    if (tabs && Math.floor(to / tab) > Math.floor((from + 1) / tab)) {
      out += '\t';
      from += tab - (from % tab);
    } else {
      out += ' ';
      from++;
    }
  }
  return out;
}

/** Lines (each ending in `\n`) laying out `cells` in columns. */
export function formatColumns(cells: readonly string[], options: ColumnOptions): string[] {
  const n = cells.length;
  if (n === 0) return [];
  const widths = cells.map(cellWidth);
  if (options.style === 'busybox') return busyboxColumns(cells, widths, options);

  const lineLength = options.width;
  const maxCols = Math.max(1, Math.min(n, Math.floor(lineLength / 3)));
  let chosen = 1;
  let chosenWidths: number[] = [widths.reduce((a, b) => Math.max(a, b), 0)];
  for (let cols = 1; cols <= maxCols; cols++) {
    const rows = Math.ceil(n / cols);
    const colW = new Array<number>(cols).fill(3);
    let lineLen = cols * 3;
    for (let i = 0; i < n; i++) {
      const c = options.across ? i % cols : Math.floor(i / rows);
      const w = widths[i]! + (c === cols - 1 ? 0 : 2);
      if (colW[c]! < w) {
        lineLen += w - colW[c]!;
        colW[c] = w;
      }
    }
    if (lineLen < lineLength) {
      chosen = cols;
      chosenWidths = colW;
    }
  }
  const cols = chosen;
  const rows = Math.ceil(n / cols);
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    let line = '';
    let pos = 0;
    for (let c = 0; c < cols; c++) {
      const i = options.across ? r * cols + c : r + c * rows;
      if (i >= n) break;
      line += cells[i]!;
      const next = options.across ? i + 1 : i + rows;
      const lastInRow = options.across ? c === cols - 1 || next >= n : next >= n;
      if (lastInRow) break;
      const target = pos + chosenWidths[c]!;
      line += indent(pos + widths[i]!, target, options.tabs ?? true);
      pos = target;
    }
    lines.push(line + '\n');
  }
  return lines;
}

function busyboxColumns(cells: readonly string[], widths: readonly number[], options: ColumnOptions): string[] {
  const n = cells.length;
  const colWidth = widths.reduce((a, b) => Math.max(a, b), 0) + 2;
  let ncols = Math.max(1, Math.floor(options.width / colWidth));
  const nrows = Math.ceil(n / ncols);
  // Filling down columns, BusyBox drops the columns it no longer needs; filling across (-x) it keeps them.
  if (!options.across) ncols = Math.ceil(n / nrows);
  const lines: string[] = [];
  for (let r = 0; r < nrows; r++) {
    let line = '';
    for (let c = 0; c < ncols; c++) {
      const i = options.across ? r * ncols + c : r + c * nrows;
      if (i >= n) break;
      const next = options.across ? i + 1 : i + nrows;
      const last = c === ncols - 1 || next >= n;
      line += last ? cells[i]! : cells[i]! + ' '.repeat(colWidth - widths[i]!);
      if (last) break;
    }
    lines.push(line + '\n');
  }
  return lines;
}
