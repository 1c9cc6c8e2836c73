/**
 * Go's text/tabwriter as docker's CLI configures it (formatter.go: minwidth 10, tabwidth 1, padding 3, padchar
 * ' ', no flags), widths in display cells.
 *
 * Cells are tab-terminated; the text after a line's last tab is not part of any column and is never padded.
 * A column's width is computed over each *block* of consecutive lines that have a cell in that column (Go's
 * recursive `format`), so a line with fewer cells splits the blocks below it.
 */
import { displayWidth } from './width';

export interface TabWriterOptions {
  readonly minWidth?: number;
  readonly padding?: number;
  readonly padChar?: string;
}

export const DOCKER_TABWRITER: Required<TabWriterOptions> = { minWidth: 10, padding: 3, padChar: ' ' };

interface Cell {
  text: string;
  width: number;
}

/** Formats text containing tab-separated cells and newlines; the input is taken as a whole (Flush). */
export function tabwrite(text: string, options: TabWriterOptions = DOCKER_TABWRITER): string {
  const minWidth = options.minWidth ?? DOCKER_TABWRITER.minWidth;
  const padding = options.padding ?? DOCKER_TABWRITER.padding;
  const padChar = options.padChar ?? DOCKER_TABWRITER.padChar;
  const lines: Cell[][] = text.split('\n').map((l) => l.split('\t').map((t) => ({ text: t, width: displayWidth(t) })));
  // Flush does not terminate an empty cell: a final line without newline that ends in a tab has no empty last cell.
  const last = lines[lines.length - 1]!;
  if (last.length > 1 && last[last.length - 1]!.text === '') last.pop();
  const out: string[] = [];
  const widths: number[] = [];

  const writeLines = (from: number, to: number): void => {
    for (let i = from; i < to; i++) {
      const line = lines[i]!;
      let s = '';
      line.forEach((c, j) => {
        s += c.text;
        if (j < widths.length && j < line.length - 1) s += padChar.repeat(Math.max(0, widths[j]! - c.width));
      });
      out.push(s);
    }
  };

  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    for (let cur = line0; cur < line1; cur++) {
      if (column >= lines[cur]!.length - 1) continue;
      writeLines(line0, cur);
      line0 = cur;
      let width = minWidth;
      for (; cur < line1; cur++) {
        const line = lines[cur]!;
        if (column >= line.length - 1) break;
        width = Math.max(width, line[column]!.width + padding);
      }
      widths.push(width);
      format(line0, cur);
      widths.pop();
      line0 = cur;
      cur--; // the loop's increment revisits `cur`, which ended the block
    }
    writeLines(line0, line1);
  };

  format(0, lines.length);
  return out.join('\n');
}

/** Convenience for tables: rows of cells joined with tabs, each row ending in a newline. */
export function formatTable(rows: ReadonlyArray<readonly string[]>): string {
  return tabwrite(rows.map((r) => `${r.join('\t')}\n`).join(''));
}
