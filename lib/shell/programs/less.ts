/**
 * less: pages through files or standard input on a terminal (space/f, b, Enter/j, k, d, u, g, G, /pattern, ?pattern,
 * n, N, :n, :p, q). When standard output is not a terminal it copies its input like `cat`, as less does.
 */

import { resolvePath } from '../../engine/fs/path';
import { isFsError } from '../../engine/fs/Types';
import { readAll } from '../../engine/process/streams';
import { decodeText } from '../../engine/process/text';
import type { ProcessContext, Program } from '../../engine/process/Types';
import { Display, fitWidth, splitLines, ttyKeys, withFullScreen, wrapRows } from '../term/FullScreen';
import { keyName } from '../term/keys';

const INV = '\x1b[7m';
const OFF = '\x1b[0m';

interface Doc {
  readonly name: string | null;
  readonly lines: string[];
}

/** Reads each operand (or stdin), reporting unreadable ones on stderr like less: `name: No such file or directory`. */
export async function loadDocs(ctx: ProcessContext, files: readonly string[], dirMessage: (name: string) => string, errorPrefix: string): Promise<{ docs: Doc[]; failed: boolean }> {
  const docs: Doc[] = [];
  let failed = false;
  if (files.length === 0) {
    docs.push({ name: null, lines: splitLines(decodeText(await readAll(ctx.stdin))) });
    return { docs, failed };
  }
  for (const f of files) {
    if (f === '-') {
      docs.push({ name: null, lines: splitLines(decodeText(await readAll(ctx.stdin))) });
      continue;
    }
    const path = resolvePath(ctx.cwd, f);
    try {
      if (ctx.fs.stat(path).type === 'dir') {
        await ctx.stderr.write(dirMessage(f));
        failed = true;
        continue;
      }
      docs.push({ name: f, lines: splitLines(decodeText(ctx.fs.readFile(path))) });
    } catch (e) {
      if (!isFsError(e)) throw e;
      await ctx.stderr.write(`${errorPrefix}${f}: ${e.text}\n`);
      failed = true;
    }
  }
  return { docs, failed };
}

/** Copies input to output (less and more when output is not a terminal). */
export async function catFiles(ctx: ProcessContext, files: readonly string[], errorPrefix: string, dirMessage: (name: string) => string, header: boolean): Promise<number> {
  if (files.length === 0) {
    for (let c = await ctx.stdin.read(); c !== null; c = await ctx.stdin.read()) await ctx.stdout.write(c);
    return 0;
  }
  let status = 0;
  for (const f of files) {
    if (f === '-') {
      for (let c = await ctx.stdin.read(); c !== null; c = await ctx.stdin.read()) await ctx.stdout.write(c);
      continue;
    }
    const path = resolvePath(ctx.cwd, f);
    try {
      if (ctx.fs.stat(path).type === 'dir') {
        await ctx.stderr.write(dirMessage(f));
        status = 1;
        continue;
      }
      const data = ctx.fs.readFile(path);
      if (header) await ctx.stdout.write(`::::::::::::::\n${f}\n::::::::::::::\n`);
      await ctx.stdout.write(data);
    } catch (e) {
      if (!isFsError(e)) throw e;
      await ctx.stderr.write(`${errorPrefix}${f}: ${e.text}\n`);
      status = 1;
    }
  }
  return status;
}

class Pager {
  private _doc = 0;
  private _top = 0;
  private _rows: string[] = [];
  /** First screen row of each line (for searching). */
  private _lineRow: number[] = [];
  private _cols = 0;
  private _first = true;
  prompt: { kind: 'search'; forward: boolean; text: string } | { kind: 'colon'; text: string } | null = null;
  message = '';
  quit = false;
  private _search: { pattern: string; forward: boolean } | null = null;

  constructor(
    private readonly _docs: readonly Doc[],
    private readonly _display: Display,
  ) {}

  private get _page(): number {
    return Math.max(1, this._display.rows - 1);
  }

  private _layout(): void {
    const cols = Math.max(1, this._display.columns);
    if (cols === this._cols && this._rows.length > 0) return;
    this._cols = cols;
    this._rows = [];
    this._lineRow = [];
    for (const line of this._docs[this._doc]!.lines) {
      this._lineRow.push(this._rows.length);
      this._rows.push(...wrapRows(line, cols));
    }
  }

  private _maxTop(): number {
    return Math.max(0, this._rows.length - this._page);
  }

  private _scroll(n: number): void {
    this._layout();
    this._top = Math.max(0, Math.min(this._maxTop(), this._top + n));
  }

  private _switch(i: number): boolean {
    if (i < 0 || i >= this._docs.length) return false;
    this._doc = i;
    this._top = 0;
    this._cols = 0;
    this._rows = [];
    this._first = true;
    return true;
  }

  handle(raw: string): void {
    this._first = false;
    if (this.message) {
      // "Pattern not found  (press RETURN)" and friends go away with the next key.
      this.message = '';
      if (raw === '\r') return;
    }
    if (this.prompt) return this._promptKey(raw);
    const name = keyName(raw);
    switch (name ?? raw) {
      case 'q':
      case 'Q':
        this.quit = true;
        return;
      case ' ':
      case 'f':
      case '\x06':
      case '\x16':
      case 'pagedown':
        this._scroll(this._page);
        return;
      case 'b':
      case '\x02':
      case 'pageup':
        this._scroll(-this._page);
        return;
      case '\r':
      case '\n':
      case 'j':
      case 'e':
      case '\x0e':
      case '\x05':
      case 'down':
        this._scroll(1);
        return;
      case 'k':
      case 'y':
      case '\x10':
      case '\x19':
      case '\x0b':
      case 'up':
        this._scroll(-1);
        return;
      case 'd':
      case '\x04':
        this._scroll(Math.floor(this._page / 2));
        return;
      case 'u':
      case '\x15':
        this._scroll(-Math.floor(this._page / 2));
        return;
      case 'g':
      case '<':
      case 'home':
        this._top = 0;
        return;
      case 'G':
      case '>':
      case 'end':
        this._layout();
        this._top = this._maxTop();
        return;
      case '/':
      case '?':
        this.prompt = { kind: 'search', forward: raw === '/', text: '' };
        return;
      case ':':
        this.prompt = { kind: 'colon', text: '' };
        return;
      case 'n':
      case 'N':
        if (!this._search) this.message = 'No previous regular expression';
        else this._find(this._search.pattern, raw === 'n' ? this._search.forward : !this._search.forward, false);
        return;
      case '\x0c':
      case 'r':
        this._display.invalidate();
        return;
      default:
        return;
    }
  }

  private _promptKey(raw: string): void {
    const p = this.prompt!;
    if (p.kind === 'colon') {
      this.prompt = null;
      if (raw === 'q' || raw === 'Q') this.quit = true;
      else if (raw === 'n') {
        if (!this._switch(this._doc + 1)) this.message = 'No next file';
      } else if (raw === 'p') {
        if (!this._switch(this._doc - 1)) this.message = 'No previous file';
      }
      return;
    }
    if (raw === '\x1b' || raw === '\x03') {
      this.prompt = null;
      return;
    }
    if (raw === '\x7f' || raw === '\x08') {
      if (p.text === '') this.prompt = null;
      else p.text = Array.from(p.text).slice(0, -1).join('');
      return;
    }
    if (raw === '\r' || raw === '\n') {
      this.prompt = null;
      const pattern = p.text === '' ? this._search?.pattern : p.text;
      if (!pattern) {
        this.message = 'No previous regular expression';
        return;
      }
      this._search = { pattern, forward: p.forward };
      this._find(pattern, p.forward, true);
      return;
    }
    if (raw.codePointAt(0)! >= 0x20 && !raw.startsWith('\x1b')) p.text += raw;
  }

  /**
   * Brings the next line matching `pattern` to the top of the screen. A new search starts at the top line; a
   * repeated one (n, N) after it.
   */
  private _find(pattern: string, forward: boolean, fresh: boolean): void {
    this._layout();
    let re: RegExp;
    try {
      re = new RegExp(pattern, 'u');
    } catch {
      re = new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'u');
    }
    const lines = this._docs[this._doc]!.lines;
    let topLine = 0;
    while (topLine + 1 < this._lineRow.length && this._lineRow[topLine + 1]! <= this._top) topLine++;
    const start = fresh && forward ? topLine : forward ? topLine + 1 : topLine - 1;
    for (let i = start; forward ? i < lines.length : i >= 0; i += forward ? 1 : -1) {
      if (re.test(lines[i]!)) {
        this._top = this._lineRow[i]!;
        return;
      }
    }
    this.message = 'Pattern not found  (press RETURN)';
  }

  frame(): { rows: string[]; cursor: { row: number; col: number } } {
    this._layout();
    const rows: string[] = [];
    for (let i = 0; i < this._page; i++) {
      const r = this._rows[this._top + i];
      rows.push(r === undefined ? '~' : r);
    }
    const doc = this._docs[this._doc]!;
    const atEnd = this._top + this._page >= this._rows.length;
    let bottom: string;
    let inverse = true;
    if (this.prompt) {
      bottom = (this.prompt.kind === 'colon' ? ':' : this.prompt.forward ? '/' : '?') + this.prompt.text;
      inverse = false;
    } else if (this.message) bottom = this.message;
    else if (atEnd) {
      const next = this._docs[this._doc + 1];
      bottom = next ? `(END) - Next: ${next.name ?? '-'}` : '(END)';
    } else if (this._first && doc.name !== null) bottom = doc.name + (this._docs.length > 1 ? ` (file ${this._doc + 1} of ${this._docs.length})` : '');
    else {
      bottom = ':';
      inverse = false;
    }
    const plain = fitWidth(bottom, Math.max(1, this._display.columns - 1));
    rows.push(inverse ? INV + plain + OFF : plain);
    return { rows, cursor: { row: this._page, col: Math.min(this._display.columns - 1, Array.from(plain).length) } };
  }
}

const isDirLess = (name: string) => `${name} is a directory\n`;

export const less: Program = async (ctx) => {
  const files = ctx.argv.slice(1).filter((a) => a === '-' || !a.startsWith('-'));
  const tty = ctx.tty;
  if (!tty || !ctx.stdout.isTTY) return catFiles(ctx, files, '', isDirLess, false);
  if (files.length === 0 && ctx.stdin.isTTY) {
    await ctx.stderr.write('Missing filename ("less --help" for help)\n');
    return 1;
  }
  const { docs } = await loadDocs(ctx, files, isDirLess, '');
  if (docs.length === 0) return 1;
  const display = new Display(tty);
  const pager = new Pager(docs, display);
  return withFullScreen(ctx, tty, async () => {
    const keys = ttyKeys(ctx, tty);
    const off = tty.onResize(() => display.invalidate());
    try {
      while (!pager.quit) {
        const f = pager.frame();
        await display.render(f.rows, f.cursor);
        const key = await keys.next();
        if (key === null) break;
        if (key.paste !== undefined) continue;
        pager.handle(key.raw);
        await ctx.checkpoint();
      }
      return 0;
    } finally {
      off();
    }
  });
};
