/**
 * pr: GNU's paginator. Pages of -l lines (66) carry a five-line header (two blank lines, the date, the centred file
 * name or -h text and `Page N`, two blank lines) and a five-line trailer, the last page padded; -t/-T drop both,
 * -F/-f end pages with a form feed, -d double-spaces, -n numbers lines, -o indents, -N starts numbering elsewhere,
 * -D formats the date, -COLUMN lays lines out in columns (down and balanced, -a across, -s joining them with a
 * character). A form feed in the input ends the page. -m, -S, -J, -e, -i, -c, -v, +PAGE and numbered columns are
 * not simulated and say so.
 */

import { isFsError } from '../../engine/fs/Types';
import type { Program, ProcessContext } from '../../engine/process/Types';
import { decodeText } from '../../engine/process/text';
import { closeInput, openInput, readAllInterruptible } from './lib/input';
import { strftime } from './lib/strftime';
import { zoneFromEnv } from './lib/timezone';
import { TextTool as Tool } from './lib/text-usage';
import { errorText } from './lib/tool';

interface PrOptions {
  length: number;
  width: number;
  header: string | undefined;
  omitHeader: boolean;
  formFeed: boolean;
  double: boolean;
  number: { sep: string; digits: number } | null;
  firstLine: number;
  offset: number;
  dateFormat: string;
  /** -COLUMN: lines go down the columns (across with -a), balanced on the last page. */
  columns: number;
  across: boolean;
  /** -s[CHAR]: columns joined by CHAR (TAB by default) instead of padded to their width. */
  sep: string | null;
  widthGiven: boolean;
}

const INT_MAX = 2147483647;
/** Options pr has that this simulation leaves out. */
const NOT_SIMULATED = new Set('mSJeicv'.split(''));
/** Short options taking a value, and their long names. */
const VALUED: Readonly<Record<string, string>> = { D: 'date-format', h: 'header', l: 'length', N: 'first-line-number', o: 'indent', w: 'width', W: 'page-width' };
const FLAGS: Readonly<Record<string, string>> = { d: 'double-space', F: 'form-feed', f: 'form-feed', r: 'no-file-warnings', t: 'omit-header', T: 'omit-pagination' };

type Parsed = { ok: true; opts: PrOptions; files: string[]; quiet: boolean } | { ok: false; status: number };

/** pr's own argument scan: `-n` takes an optional attached value and `-COLUMN`/`+PAGE` look like operands. */
async function parse(tool: Tool, argv: readonly string[]): Promise<Parsed> {
  const o: PrOptions = { length: 66, width: 72, header: undefined, omitHeader: false, formFeed: false, double: false, number: null, firstLine: 1, offset: 0, dateFormat: '%Y-%m-%d %H:%M', columns: 1, across: false, sep: null, widthGiven: false };
  const files: string[] = [];
  let quiet = false;
  let bareSep = false;
  const fail = async (message: string, usage = false): Promise<Parsed> => {
    if (usage) return { ok: false, status: await tool.usage(message) };
    await tool.error(message);
    return { ok: false, status: 1 };
  };
  const num = (text: string, min: number): number | 'invalid' | 'range' => {
    if (!/^\s*[-+]?[0-9]+$/.test(text)) return 'invalid';
    const n = Number(text.trim());
    return n < min || n > INT_MAX ? 'range' : n;
  };
  const numberArg = async (label: string, what: string, text: string, min: number): Promise<number | null> => {
    const n = num(text, min);
    if (typeof n === 'number') return n;
    await tool.error(`'${label}' ${what}: ${tool.ql(text)}${n === 'range' ? ': Numerical result out of range' : ''}`);
    return null;
  };
  const apply = async (key: string, value: string): Promise<boolean> => {
    switch (key) {
      case 'l': {
        const n = await numberArg('-l PAGE_LENGTH', 'invalid number of lines', value, 1);
        if (n === null) return false;
        o.length = n;
        return true;
      }
      case 'w':
      case 'W': {
        const n = await numberArg(`-${key} PAGE_WIDTH`, 'invalid number of characters', value, 1);
        if (n === null) return false;
        o.width = n;
        o.widthGiven = true;
        return true;
      }
      case 'o': {
        const n = await numberArg('-o MARGIN', 'invalid line offset', value, 0);
        if (n === null) return false;
        o.offset = n;
        return true;
      }
      case 'N': {
        const n = num(value, -INT_MAX - 1);
        if (n === 'invalid' || n === 'range') {
          await tool.error(`'-N NUMBER' invalid starting line number: ${tool.ql(value)}`);
          return false;
        }
        o.firstLine = n;
        return true;
      }
      case 'h':
        o.header = value;
        return true;
      case 'D':
        o.dateFormat = value;
        return true;
    }
    return true;
  };
  /** Applies `-n[SEP[DIGITS]]`; returns the digits text when it is not a positive number. */
  const numbering = (value: string | undefined): string | null => {
    let sep = '\t';
    let digits = value ?? '';
    if (digits !== '' && !/[0-9]/.test(digits[0]!)) {
      sep = digits[0]!;
      digits = digits.slice(1);
    }
    if (digits !== '' && (!/^[0-9]+$/.test(digits) || Number(digits) < 1)) return digits;
    o.number = { sep, digits: digits === '' ? 5 : Number(digits) };
    return null;
  };
  const badNumbering = (value: string) => fail(`'-n' extra characters or invalid number in the argument: ${tool.ql(value)}`, true);
  const notSimulated = (spelling: string) => fail(`${spelling} is not simulated`);
  const flag = (key: string) => {
    if (key === 'd') o.double = true;
    else if (key === 'F' || key === 'f') o.formFeed = true;
    else if (key === 'r') quiet = true;
    else o.omitHeader = true;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      files.push(...argv.slice(i + 1));
      break;
    }
    if (/^\+[0-9]/.test(a)) return notSimulated(a);
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = a.slice(2, eq < 0 ? undefined : eq);
      const inline = eq < 0 ? undefined : a.slice(eq + 1);
      if (name === 'help') return { ok: false, status: await tool.help() };
      const valued = Object.entries(VALUED).find(([, l]) => l === name);
      const flagged = Object.entries(FLAGS).find(([, l]) => l === name);
      if (name === 'number-lines') {
        const bad = numbering(inline);
        if (bad !== null) return badNumbering(bad);
      } else if (valued) {
        const value = inline ?? argv[++i];
        if (value === undefined) return fail(`option '--${name}' requires an argument`, true);
        if (!(await apply(valued[0], value))) return { ok: false, status: 1 };
      } else if (flagged && inline === undefined) flag(flagged[0]);
      else if (name === 'across' && inline === undefined) o.across = true;
      else if (name === 'columns' && inline !== undefined && /^[0-9]+$/.test(inline) && Number(inline) > 0) o.columns = Number(inline);
      else if (['columns', 'merge', 'separator', 'sep-string', 'join-lines', 'expand-tabs', 'output-tabs', 'show-control-chars', 'show-nonprinting', 'pages'].includes(name)) return notSimulated(`--${name}`);
      else return fail(`unrecognized option '${a}'`, true);
      continue;
    }
    if (!a.startsWith('-') || a === '-') {
      files.push(a);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j]!;
      if (/[1-9]/.test(c)) {
        const digits = /^[0-9]+/.exec(a.slice(j))![0];
        o.columns = Number(digits);
        j += digits.length - 1;
        continue;
      }
      if (c === 'a') {
        o.across = true;
        continue;
      }
      if (c === 's') {
        // A bare -s means TAB, or no character at all when -w is given (decided once all options are read).
        o.sep = j + 1 < a.length ? a[j + 1]! : '';
        bareSep = j + 1 >= a.length;
        break;
      }
      if (/[0-9]/.test(c) || NOT_SIMULATED.has(c)) return notSimulated(`-${c}`);
      if (c === 'n') {
        const rest = a.slice(j + 1);
        const bad = numbering(rest === '' ? undefined : rest);
        if (bad !== null) return badNumbering(bad);
        break;
      }
      if (VALUED[c] !== undefined) {
        const value = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
        if (value === undefined) return fail(`option requires an argument -- '${c}'`, true);
        if (!(await apply(c, value))) return { ok: false, status: 1 };
        break;
      }
      if (FLAGS[c] === undefined) return fail(`invalid option -- '${c}'`, true);
      flag(c);
    }
  }
  if (bareSep && !o.widthGiven) o.sep = '\t';
  if (o.columns > 1 && o.number) return notSimulated('numbering columns (-n with -COLUMN)');
  return { ok: true, opts: o, files: files.length === 0 ? ['-'] : files, quiet };
}

/** The input's pages: a form feed ends a page (a newline right after it belongs to it). */
function inputPages(text: string): string[][] {
  const pages: string[][] = [[]];
  let line = '';
  let open = false; // a line has started since the last terminator
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\n') {
      pages[pages.length - 1]!.push(line);
      line = '';
      open = false;
    } else if (ch === '\f') {
      if (open) pages[pages.length - 1]!.push(line);
      line = '';
      open = false;
      pages.push([]);
      if (text[i + 1] === '\n') i++;
    } else {
      line += ch;
      open = true;
    }
  }
  if (open) pages[pages.length - 1]!.push(line);
  return pages;
}

/** GNU centres the header text between the date and `Page N`, with at least one space on each side. */
function headerLine(date: string, title: string, page: number, width: number): string {
  const pageText = `Page ${page}`;
  const avail = Math.max(0, width - (date.length + title.length + pageText.length));
  const lhs = avail >> 1;
  return `${date}${' '.repeat(Math.max(1, lhs))}${title}${' '.repeat(Math.max(1, avail - lhs))}${pageText}`;
}

/** Display width after `text` starting at column `pos` (tabs to the next multiple of 8). */
function advance(pos: number, ch: string): number {
  return ch === '\t' ? pos + 8 - (pos % 8) : pos + 1;
}

/** GNU's padding between columns: tabs while they help by more than one column, then spaces. */
function padTo(pos: number, goal: number): string {
  let out = '';
  while (goal - pos > 1 && pos + 8 - (pos % 8) <= goal) {
    out += '\t';
    pos += 8 - (pos % 8);
  }
  return out + ' '.repeat(Math.max(0, goal - pos));
}

/** Lays out one page's lines in o.columns columns and returns the output rows. */
function columnRows(lines: readonly string[], o: PrOptions): string[] {
  const cols = o.columns;
  const sepLen = o.sep === null ? 1 : o.sep.length;
  const width = Math.trunc((o.width - (cols - 1) * sepLen) / cols);
  const truncate = o.sep === null || o.widthGiven;
  const grid: string[][] = [];
  if (o.across) {
    for (let i = 0; i < lines.length; i += cols) grid.push(lines.slice(i, i + cols));
  } else {
    // Balanced down the columns: each column takes the rounded-up share of what is left.
    const columns: string[][] = [];
    let at = 0;
    for (let c = 0; c < cols; c++) {
      const take = Math.ceil((lines.length - at) / (cols - c));
      columns.push(lines.slice(at, at + take));
      at += take;
    }
    for (let r = 0; r < (columns[0]?.length ?? 0); r++) grid.push(columns.map((col) => col[r]).filter((x): x is string => x !== undefined));
  }
  const colStart = (j: number) => o.offset + j * (width + sepLen);
  return grid.map((cells) => {
    // Like GNU, blanks inside a cell are held back and written (as tabs where they help) only before the next
    // visible character, so a row ends at its last visible character; the padding up to the start of each column
    // that has an entry (an empty line too) is written when that column begins.
    let out = '';
    let pos = o.offset;
    let at = o.offset;
    const flush = (to: number) => {
      out += padTo(pos, to);
      pos = at = Math.max(pos, to);
    };
    cells.forEach((cell, j) => {
      if (j > 0 && o.sep === null) flush(colStart(j));
      const start = at;
      for (const ch of cell) {
        const next = advance(at - start, ch);
        if (truncate && next > width) break;
        if (ch === ' ' || ch === '\t') at = start + next;
        else {
          flush(at);
          out += ch;
          pos = ++at;
        }
      }
      if (j === cells.length - 1 || o.sep === null) return;
      // With -w the columns keep their width before the separator; without, the separator follows the text
      // (and the cell's trailing blanks).
      flush(truncate ? colStart(j) + width : at);
      out += o.sep;
      pos = at = truncate ? colStart(j + 1) : at + o.sep.length;
    });
    return out;
  });
}

async function printFile(ctx: ProcessContext, o: PrOptions, text: string, title: string, date: string): Promise<void> {
  const pages = inputPages(text);
  // Double spacing uses an even number of body lines (an odd one is left off the page).
  const bodyLength = o.double ? (o.length - 10) & ~1 : o.length - 10;
  const plain = o.omitHeader || o.length - 10 <= 0;
  let n = o.firstLine;
  const pad = ' '.repeat(o.offset);
  const render = (line: string): string[] => {
    let out = pad;
    if (o.number) {
      // Numbers wider than the field keep their last digits, as GNU does.
      out += String(n).padStart(o.number.digits).slice(-o.number.digits) + o.number.sep;
      n++;
    }
    out += line;
    return o.double ? [out, ''] : [out];
  };
  /** One page's lines as output lines: laid out in columns, or numbered one by one. */
  const block = (lines: readonly string[]): string[] => (o.columns > 1 ? columnRows(lines, o).flatMap((row) => (o.double ? [pad + row, ''] : [pad + row])) : lines.flatMap(render));
  if (plain) {
    const chunk = o.columns > 1 ? o.length * o.columns : Infinity;
    for (let p = 0; p < pages.length; p++) {
      let out = p > 0 ? '\f' : '';
      const page = pages[p]!;
      for (let start = 0; start < page.length; start += chunk) out += block(page.slice(start, start + chunk)).join('\n') + '\n';
      await ctx.stdout.write(out);
      await ctx.checkpoint();
    }
    return;
  }
  // A form feed at the very end opens no further page.
  if (pages.length > 1 && pages[pages.length - 1]!.length === 0) pages.pop();
  if (pages.length === 1 && pages[0]!.length === 0) return;
  const perPage = (o.double ? Math.max(1, bodyLength >> 1) : bodyLength) * o.columns;
  let pageNo = 1;
  for (const page of pages) {
    for (let start = 0; start === 0 || start < page.length; start += perPage) {
      const body = block(page.slice(start, start + perPage));
      // GNU indents the first blank line of the header too.
      let out = `${pad}\n\n${pad}${headerLine(date, title, pageNo++, o.width)}\n\n\n`;
      out += body.map((l) => l + '\n').join('');
      out += o.formFeed ? '\f' : '\n'.repeat(bodyLength - body.length + 5);
      await ctx.stdout.write(out);
      await ctx.checkpoint();
    }
  }
}

export const pr: Program = async (ctx) => {
  const tool = new Tool(ctx);
  const parsed = await parse(tool, ctx.argv.slice(1));
  if (!parsed.ok) return parsed.status;
  const { opts, files, quiet } = parsed;
  const zone = zoneFromEnv(ctx.env.get('TZ'), ctx.fs);
  for (const f of files) {
    let text: string;
    let mtime: number;
    try {
      const s = openInput(ctx, f);
      try {
        mtime = f === '-' ? ctx.sys.clock.now() : ctx.fs.stat(tool.abs(f)).mtimeMs;
        text = decodeText(await readAllInterruptible(ctx, s));
      } finally {
        closeInput(ctx, s);
      }
    } catch (e) {
      // Only file errors are reported; a signal (Ctrl-C while reading) ends the program.
      if (!isFsError(e)) throw e;
      if (!quiet) await tool.error(`${f}: ${errorText(e)}`);
      else tool.failed = true;
      continue;
    }
    await printFile(ctx, opts, text, opts.header ?? (f === '-' ? '' : f), strftime(opts.dateFormat, mtime, zone));
  }
  return tool.status;
};
