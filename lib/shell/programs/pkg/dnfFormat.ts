/**
 * Text layout of libdnf's front ends: GLib's g_format_size (microdnf's Size column) and the transaction table
 * microdnf draws with libsmartcols (a tree column "Package" with one-space branch symbols, "Repository",
 * right-aligned "Size"). When stdout is not a terminal libsmartcols keeps every column at its natural width (the
 * widest cell or header, one space between columns); on a terminal it maxes the table out to the terminal's width.
 * Section rows ("Installing:") are padded with spaces to the full width. Checked against libsmartcols 2.38 through
 * ctypes with microdnf's column flags (dnfFormat.test.ts).
 */

/** g_format_size with G_FORMAT_SIZE_DEFAULT: SI units, one decimal (`588.5 kB`, `1.4 MB`), `1 byte`/`120 bytes`. */
export function gFormatSize(n: number): string {
  if (n < 1000) return `${n} ${n === 1 ? 'byte' : 'bytes'}`;
  const units = ['kB', 'MB', 'GB', 'TB', 'PB', 'EB'];
  let v = n / 1000;
  let i = 0;
  // GLib picks the unit before rounding: 999_999 bytes is "1000.0 kB".
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${v.toFixed(1)} ${units[i]}`;
}

export interface ScolsRow {
  readonly nevra: string;
  readonly repo: string;
  readonly size: string;
}

/**
 * dnf_utils_print_transaction's table: a section line per non-empty section, its packages indented by one.
 * Without a terminal (`termWidth` undefined) every column keeps its natural width. On a terminal libsmartcols'
 * __scols_calculate applies: minimum widths from the hints (0.7, 0.2, 0.1 of the width, one less for non-last
 * columns), max-out growth one column at a time up to the width, then truncation stages (the Repository column,
 * which has SCOLS_FL_TRUNC, first; then the relative columns). A Repository cell wider than its column is cut, a
 * wider Size (the last column) is printed whole, and a longer package name wraps the rest of its row below.
 */
export function transactionTable(sections: ReadonlyArray<readonly [string, readonly ScolsRow[]]>, termWidth?: number): string {
  const shown = sections.filter(([, rows]) => rows.length > 0);
  const cells: Array<[string, string, string]> = [];
  for (const [title, rows] of shown) {
    cells.push([title, '', '']);
    for (const r of rows) cells.push([` ${r.nevra}`, r.repo, r.size]);
  }
  const header: [string, string, string] = ['Package', 'Repository', 'Size'];
  const natural = [0, 1, 2].map((i) => Math.max(header[i]!.length, ...cells.map((c) => c[i]!.length)));
  const widths = termWidth === undefined ? natural : fitToTerminal(natural, cells, termWidth);
  const cut = (s: string, w: number) => (s.length > w ? s.slice(0, w) : s);
  // The Package column has no TRUNC flag: a longer name is printed whole and the row goes on below, under its column.
  const first = (s: string, w: number) => (s.length > w ? `${s}\n${' '.repeat(w)}` : s.padEnd(w));
  const line = (c: readonly [string, string, string]) => `${first(c[0], widths[0]!)} ${cut(c[1], widths[1]!).padEnd(widths[1]!)} ${c[2].padStart(widths[2]!)}\n`;
  return [header, ...cells].map(line).join('');
}

/** __scols_calculate for microdnf's three columns on a terminal `term` wide. */
function fitToTerminal(natural: readonly number[], cells: ReadonlyArray<readonly [string, string, string]>, term: number): number[] {
  const hints = [0.7, 0.2, 0.1];
  const headers = ['Package', 'Repository', 'Size'];
  const min = hints.map((h, i) => {
    let m = Math.floor(h * term);
    if (m && i < 2) m--;
    return Math.max(m, headers[i]!.length, 1);
  });
  const w = natural.map((n, i) => Math.max(n, min[i]!));
  let width = w[0]! + 1 + w[1]! + 1 + w[2]!;
  const minTotal = min[0]! + 1 + min[1]! + 1 + min[2]!;
  if (minTotal > term) {
    // "be paranoid": shave the minimums, first column first, until they fit.
    let over = minTotal - term;
    for (let i = 0; i < 3 && over > 0; i++, over--) min[i]!--;
  }
  while (width < term)
    for (let i = 0; i < 3 && width < term; i++) {
      w[i]!++;
      width++;
    }
  const treeArt = Math.max(0, ...cells.map((c) => (c[0].startsWith(' ') ? 1 : 0)));
  const trunc = [false, true, false];
  for (let stage = 1; width > term && stage <= 3; ) {
    const before = width;
    for (let i = 0; i < 3 && width > term; i++) {
      if (w[i] === min[i]) continue;
      if (i === 0 && width <= treeArt) continue;
      if (w[i] === 0) continue;
      const relative = hints[i]! > 0 && hints[i]! < 1;
      if (stage === 1 && !(trunc[i] && relative && w[i]! >= Math.floor(hints[i]! * term))) continue;
      if (stage === 2 && !trunc[i]) continue;
      if (stage === 3 && !relative) continue;
      w[i]!--;
      width--;
    }
    if (before === width) stage++;
  }
  return w;
}

/** The Transaction Summary block that follows the table. */
export function transactionSummary(counts: { install?: number; reinstall?: number; upgrade?: number; obsolete?: number; remove?: number; downgrade?: number }): string {
  const line = (label: string, n = 0) => ` ${label.padEnd(15)} ${String(n).padStart(4)} packages\n`;
  return `Transaction Summary:\n${line('Installing:', counts.install)}${line('Reinstalling:', counts.reinstall)}${line('Upgrading:', counts.upgrade)}${line('Obsoleting:', counts.obsolete)}${line('Removing:', counts.remove)}${line('Downgrading:', counts.downgrade)}`;
}
