/**
 * yum 3.4.3's text layout (CentOS 7), which dnf 4 inherited: format_number, the transaction table's column
 * fitting (output.py calcColumns/fmtColumns), the post-transaction lists and the rpm callback lines. Non-terminal
 * width is 80.
 */

export const WIDTH = 80;

/** yum's format_number: 1024 steps above 999, one decimal below 9.95 (`104 k`, `2.7 M`, `615  `). */
export function yumSize(n: number, isInt = false): string {
  const symbols = [' ', 'k', 'M', 'G', 'T'];
  let depth = 0;
  let v = n;
  while (v > 999 && depth < symbols.length - 1) {
    depth++;
    v /= 1024;
  }
  if (isInt && depth === 0) return `${Math.trunc(v)} ${symbols[depth]}`;
  // Python's '%.1f' / '%.0f' round half to even on the binary value; toFixed is close enough for these sizes.
  return `${v < 9.95 ? v.toFixed(1) : v.toFixed(0)} ${symbols[depth]}`;
}

/** urlgrabber's format_time with hours (`00:00:02`). */
export function yumTime(sec: number): string {
  const s = Math.max(0, Math.floor(sec));
  const p = (x: number) => String(x).padStart(2, '0');
  return `${p(Math.floor(s / 3600))}:${p(Math.floor((s % 3600) / 60))}:${p(s % 60)}`;
}

/** How many rows the spare width would let fit in a column currently `current` wide (calcColumns' helper). */
function spacesHelp(current: number, tups: ReadonlyArray<[number, number]>, left: number): number {
  let ret = 0;
  for (const [len, count] of tups) {
    if (left < len - current) break;
    ret += count;
  }
  return ret;
}

/**
 * output.py calcColumns: `data[i]` maps a field length to how many rows have it; columns start at `columns` and
 * grow, one step at a time, where the spare width helps the most rows; what is left is shared out.
 */
export function calcColumns(data: ReadonlyArray<ReadonlyMap<number, number>>, columns: number[], remainder: number, indent: string, totalWidth = WIDTH): number[] {
  let cols = data.length;
  const tups = data.map((d) => [...d.entries()].sort((a, b) => a[0] - b[0]));
  const out = [...columns];
  let total = totalWidth - (out.reduce((a, b) => a + b, 0) + (cols - 1) + indent.length);
  if (!out[cols - 1]) total += 1;
  while (total > 0) {
    let helps = 0;
    let val = 0;
    for (let d = 0; d < cols; d++) {
      const th = spacesHelp(out[d]!, tups[d]!, total);
      if (!th) continue;
      if (helps && d === cols - 1 && Math.floor(th / 2) < helps) continue;
      if (th < helps) continue;
      helps = th;
      val = d;
    }
    if (helps) {
      const diff = tups[val]!.shift()![0] - out[val]!;
      if (!out[val] && val === cols - 1) total -= 1;
      out[val]! += diff;
      total -= diff;
      continue;
    }
    const overflowed = tups.filter((t) => t.length > 0).length;
    if (overflowed) {
      const norm = Math.floor(total / overflowed);
      for (let d = 0; d < cols; d++) {
        if (tups[d]!.length === 0) continue;
        out[d]! += norm;
        total -= norm;
      }
    }
    cols -= 1;
    const norm = Math.floor(total / cols);
    for (let d = 0; d < cols; d++) out[d]! += norm;
    out[remainder]! += total - cols * norm;
    total = 0;
  }
  return out;
}

/** output.py fmtColumns: negative width = left-aligned; a value wider than its column wraps the rest. */
export function fmtColumns(columns: ReadonlyArray<readonly [string, number]>, msg = '', end = ''): string {
  let out = msg;
  let totalWidth = msg.length;
  for (const [val, w] of columns.slice(0, -1)) {
    const width = Math.abs(w);
    if (val.length <= width) out += (w < 0 ? val.padEnd(width) : val.padStart(width)) + ' ';
    else out += `${val}\n${' '.repeat(totalWidth + width + 1)}`;
    totalWidth += width + 1;
  }
  const [val, w] = columns[columns.length - 1]!;
  const width = Math.abs(w);
  return out + (w < 0 ? val.padEnd(width) : val.padStart(width)) + end;
}

export interface TableRow {
  readonly name: string;
  readonly arch: string;
  readonly evr: string;
  readonly repo: string;
  readonly size: string;
}

/**
 * The transaction table (yum's and dnf's output.py list_transaction): a rule, the header, a rule, then each
 * non-empty section's title and rows, columns fitted by calcColumns (indent two, remainder to Version).
 */
export function packageTable(sections: ReadonlyArray<readonly [string, readonly TableRow[]]>): string {
  const n = new Map<number, number>();
  const v = new Map<number, number>();
  const r = new Map<number, number>();
  let aWid = 0;
  const bump = (m: Map<number, number>, len: number) => m.set(len, (m.get(len) ?? 0) + 1);
  for (const [, list] of sections)
    for (const p of list) {
      bump(n, p.name.length);
      bump(v, p.evr.length);
      bump(r, p.repo.length);
      aWid = Math.max(aWid, p.arch.length);
    }
  const [nw, aw, vw, rw, sw] = calcColumns([n, new Map(), v, r, new Map()], [1, aWid, 1, 1, 5], 2, '  ') as [number, number, number, number, number];
  const rule = '='.repeat(WIDTH);
  let out = `${rule}\n${fmtColumns([['Package', -nw], ['Arch', -aw], ['Version', -vw], ['Repository', -rw], ['Size', sw]], ' ')}\n${rule}\n`;
  for (const [title, list] of sections) {
    if (list.length === 0) continue;
    out += `${title}:\n`;
    for (const p of list) out += fmtColumns([[p.name, -nw], [p.arch, -aw], [p.evr, -vw], [p.repo, -rw], [p.size, sw]], ' ', '\n');
  }
  return out;
}

/** postTransactionOutput's column count: the most columns (8 down to 2) the messages fit in, else one. */
export function postColumns(msgs: readonly string[]): number[] {
  for (const num of [8, 7, 6, 5, 4, 3, 2]) {
    if (msgs.length < num) continue;
    let left = WIDTH - (num - 1 + 2);
    const lens = new Array<number>(num).fill(0);
    let ok = true;
    msgs.forEach((m, i) => {
      const col = i % num;
      if (m.length > lens[col]!) {
        const diff = m.length - lens[col]!;
        if (left <= diff) ok = false;
        left -= diff;
        lens[col] = m.length;
      }
    });
    if (!ok) continue;
    return lens.map((l) => -(l + Math.floor(left / num)));
  }
  return [-(WIDTH - 2)];
}

/** The Installed:/Dependency Installed: block of `msgs`. */
export function postList(title: string, msgs: readonly string[]): string {
  if (msgs.length === 0) return '';
  const cols = postColumns(msgs);
  let out = `\n${title}:\n`;
  for (let i = 0; i < msgs.length; i += cols.length) {
    const row = msgs.slice(i, i + cols.length);
    out += `  ${fmtColumns(row.map((m, j) => [m, cols[j]!] as const), '', '\n')}`;
  }
  return out;
}

/** The rpm callback's line for the `done`-th of `total` packages (`  Installing : NAME   1/6 `). */
export function rpmLine(action: string, pkg: string, done: number, total: number): string {
  const l = String(total).length;
  const wid1 = 11;
  const overhead = 2 * l + 2 + (2 + wid1 + 2) + 1 + 2 + 1;
  const width = Math.max(WIDTH, overhead) - overhead;
  let pnl = pkg.length;
  if (pnl > width / 2) pnl = Math.floor(width / 2);
  const marks = WIDTH - (overhead + pnl);
  const full = pnl + marks + 1;
  const name = pkg.length > full ? pkg.slice(0, full) : pkg.padEnd(full);
  return `  ${action.padEnd(wid1)}: ${name}   ${String(done).padStart(l)}/${String(total).padStart(l)} \n`;
}
