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

interface Column {
  readonly header: string;
  /** The width hint (fraction of the terminal). */
  readonly hint: number;
  readonly trunc?: boolean;
  readonly right?: boolean;
}

/** A row's cells; tree rows carry their depth (the art before the first cell is one space per level). */
interface Line {
  readonly cells: readonly string[];
  readonly depth?: number;
}

/**
 * libsmartcols' human output with max-out on, as microdnf configures it. Without a terminal (`termWidth`
 * undefined) every column keeps its natural width (widest cell or header, one space between columns). On a
 * terminal __scols_calculate applies: minimum widths from the hints (hint × width, one less for non-last columns),
 * growth one column at a time up to the width, then the truncation stages (TRUNC columns over their hint, TRUNC
 * columns, relative columns). Cells: a TRUNC column cuts, the last column prints a longer value whole, any other
 * column prints it whole and continues the row on the next line under the following column.
 */
function scolsTable(columns: readonly Column[], lines: readonly Line[], termWidth?: number): string {
  // An empty table prints nothing, not even its header.
  if (lines.length === 0) return '';
  const rows = lines.map((l) => l.cells.map((c, i) => (i === 0 && l.depth ? ' '.repeat(l.depth) + c : c)));
  const natural = columns.map((c, i) => Math.max(c.header.length, ...rows.map((r) => (r[i] ?? '').length)));
  const treeArt = Math.max(0, ...lines.map((l) => l.depth ?? 0));
  const widths = termWidth === undefined ? natural : fitToTerminal(columns, natural, treeArt, termWidth);
  const last = columns.length - 1;
  const cell = (s: string, i: number): string => {
    const w = widths[i]!;
    const col = columns[i]!;
    if (s.length > w) {
      if (col.trunc) return s.slice(0, w);
      if (i === last) return s;
      return `${s}\n${' '.repeat(widths.slice(0, i + 1).reduce((a, b) => a + b + 1, 0) - 1)}`;
    }
    return col.right ? s.padStart(w) : s.padEnd(w);
  };
  return [columns.map((c) => c.header), ...rows].map((r) => `${columns.map((_, i) => cell(r[i] ?? '', i)).join(' ')}\n`).join('');
}

/** __scols_calculate's terminal path (no extreme columns: microdnf sets no NOEXTREMES flag). */
function fitToTerminal(columns: readonly Column[], natural: readonly number[], treeArt: number, term: number): number[] {
  const last = columns.length - 1;
  const min = columns.map((c, i) => {
    let m = Math.floor(c.hint * term);
    if (m && i < last) m--;
    return Math.max(m, c.header.length, 1);
  });
  const w = natural.map((n, i) => Math.max(n, min[i]!));
  const total = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) + last;
  let width = total(w);
  // "be paranoid": minimums wider than the terminal are shaved, first column first.
  let over = total(min) - term;
  for (let i = 0; i <= last && over > 0; i++, over--) min[i]!--;
  while (width < term)
    for (let i = 0; i <= last && width < term; i++) {
      w[i]!++;
      width++;
    }
  for (let stage = 1; width > term && stage <= 3; ) {
    const before = width;
    for (let i = 0; i <= last && width > term; i++) {
      const c = columns[i]!;
      if (w[i] === min[i] || w[i] === 0) continue;
      if (i === 0 && treeArt > 0 && width <= treeArt) continue;
      const relative = c.hint > 0 && c.hint < 1;
      if (stage === 1 && !(c.trunc && relative && w[i]! >= Math.floor(c.hint * term))) continue;
      if (stage === 2 && !c.trunc) continue;
      if (stage === 3 && !relative) continue;
      w[i]!--;
      width--;
    }
    if (before === width) stage++;
  }
  return w;
}

/** dnf_utils_print_transaction's table: a section line per non-empty section, its packages one level down. */
export function transactionTable(sections: ReadonlyArray<readonly [string, readonly ScolsRow[]]>, termWidth?: number): string {
  const lines: Line[] = [];
  for (const [title, rows] of sections.filter(([, r]) => r.length > 0)) {
    lines.push({ cells: [title, '', ''] });
    for (const r of rows) lines.push({ cells: [r.nevra, r.repo, r.size], depth: 1 });
  }
  return scolsTable([{ header: 'Package', hint: 0.7 }, { header: 'Repository', hint: 0.2, trunc: true }, { header: 'Size', hint: 0.1, right: true }], lines, termWidth);
}

/** `microdnf repolist`: "repo id" and "repo name" (TRUNC), with --all a right-aligned "status"; sorted by id. */
export function repolistTable(repos: ReadonlyArray<{ readonly id: string; readonly name: string; readonly enabled?: boolean }>, termWidth?: number, withStatus = false): string {
  const sorted = [...repos].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const columns: Column[] = [{ header: 'repo id', hint: 0.4 }, { header: 'repo name', hint: 0.5, trunc: true }];
  if (withStatus) columns.push({ header: 'status', hint: 0.1, right: true });
  return scolsTable(columns, sorted.map((r) => ({ cells: withStatus ? [r.id, r.name, r.enabled ? 'enabled' : 'disabled'] : [r.id, r.name] })), termWidth);
}

/** The Transaction Summary block that follows the table. */
export function transactionSummary(counts: { install?: number; reinstall?: number; upgrade?: number; obsolete?: number; remove?: number; downgrade?: number }): string {
  const line = (label: string, n = 0) => ` ${label.padEnd(15)} ${String(n).padStart(4)} packages\n`;
  return `Transaction Summary:\n${line('Installing:', counts.install)}${line('Reinstalling:', counts.reinstall)}${line('Upgrading:', counts.upgrade)}${line('Obsoleting:', counts.obsolete)}${line('Removing:', counts.remove)}${line('Downgrading:', counts.downgrade)}`;
}
