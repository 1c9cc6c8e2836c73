/**
 * Text layout of libdnf's front ends: GLib's g_format_size (microdnf's Size column) and the transaction table
 * microdnf draws with libsmartcols (a tree column "Package" with one-space branch symbols, "Repository",
 * right-aligned "Size"). When stdout is not a terminal libsmartcols keeps every column at its natural width (the
 * widest cell or header, one space between columns), and the section rows ("Installing:") are padded with spaces to
 * the full width; checked against libsmartcols 2.38 through ctypes with microdnf's column flags.
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

/** dnf_utils_print_transaction's table: a section line per non-empty section, its packages indented by one. */
export function transactionTable(sections: ReadonlyArray<readonly [string, readonly ScolsRow[]]>): string {
  const shown = sections.filter(([, rows]) => rows.length > 0);
  let w0 = 'Package'.length;
  let w1 = 'Repository'.length;
  let w2 = 'Size'.length;
  for (const [title, rows] of shown) {
    w0 = Math.max(w0, title.length);
    for (const r of rows) {
      w0 = Math.max(w0, r.nevra.length + 1);
      w1 = Math.max(w1, r.repo.length);
      w2 = Math.max(w2, r.size.length);
    }
  }
  const total = w0 + 1 + w1 + 1 + w2;
  let out = `${'Package'.padEnd(w0)} ${'Repository'.padEnd(w1)} ${'Size'.padStart(w2)}\n`;
  for (const [title, rows] of shown) {
    out += `${title.padEnd(total)}\n`;
    for (const r of rows) out += `${` ${r.nevra}`.padEnd(w0)} ${r.repo.padEnd(w1)} ${r.size.padStart(w2)}\n`;
  }
  return out;
}

/** The Transaction Summary block that follows the table. */
export function transactionSummary(counts: { install?: number; reinstall?: number; upgrade?: number; obsolete?: number; remove?: number; downgrade?: number }): string {
  const line = (label: string, n = 0) => ` ${label.padEnd(15)} ${String(n).padStart(4)} packages\n`;
  return `Transaction Summary:\n${line('Installing:', counts.install)}${line('Reinstalling:', counts.reinstall)}${line('Upgrading:', counts.upgrade)}${line('Obsoleting:', counts.obsolete)}${line('Removing:', counts.remove)}${line('Downgrading:', counts.downgrade)}`;
}
