/**
 * nano: GNU nano 7.2's look (title bar, status bar, two help lines) and its everyday keys: typing, arrows,
 * Home/End, PgUp/PgDn, Ctrl-O write out (confirming the file name), Ctrl-X exit (asking to save a modified buffer),
 * Ctrl-K cut line (consecutive cuts collect), Ctrl-U paste, Ctrl-W search, Ctrl-C cursor position, Ctrl-G help.
 */

import { resolvePath } from '../../engine/fs/path';
import { isFsError } from '../../engine/fs/Types';
import { decodeText, encodeText } from '../../engine/process/text';
import type { ProcessContext, Program } from '../../engine/process/Types';
import { Display, expandLine, fitWidth, padWidth, ttyKeys, visibleWidth, withFullScreen } from '../term/FullScreen';
import { keyName, type KeyToken } from '../term/keys';
import { backspaceAtCursor, insertAtCursor } from '../term/lineBuffer';

const VERSION = '7.2';
const INV = '\x1b[7m';
const OFF = '\x1b[0m';

const MAIN_HELP: ReadonlyArray<readonly [string, string]> = [
  ['^G', 'Help'],
  ['^X', 'Exit'],
  ['^O', 'Write Out'],
  ['^R', 'Read File'],
  ['^W', 'Where Is'],
  ['^\\', 'Replace'],
  ['^K', 'Cut'],
  ['^U', 'Paste'],
  ['^T', 'Execute'],
  ['^J', 'Justify'],
  ['^C', 'Location'],
  ['^/', 'Go To Line'],
];
const WRITE_HELP: ReadonlyArray<readonly [string, string]> = [
  ['^G', 'Help'],
  ['^C', 'Cancel'],
  ['M-D', 'DOS Format'],
  ['M-M', 'Mac Format'],
  ['M-A', 'Append'],
  ['M-P', 'Prepend'],
  ['M-B', 'Backup File'],
  ['^T', 'Browse'],
];
const SEARCH_HELP: ReadonlyArray<readonly [string, string]> = [
  ['^G', 'Help'],
  ['^C', 'Cancel'],
  ['M-C', 'Case Sens'],
  ['M-B', 'Backwards'],
  ['M-R', 'Reg.exp.'],
  ['^R', 'Replace'],
];
const YESNO_HELP: ReadonlyArray<readonly [string, string]> = [
  [' Y', 'Yes'],
  [' N', 'No'],
  ['', ''],
  ['^C', 'Cancel'],
];

const HELP_TEXT = `Main nano help text

 The nano editor is designed to emulate the functionality and ease-of-use of the UW Pico text editor.  There are
 four main sections of the editor.  The top line shows the program version, the current filename being edited, and
 whether or not the file has been modified.  Next is the main editor window showing the file being edited.  The
 status line is the third line from the bottom and shows important messages.  The bottom two lines show the most
 commonly used shortcuts in the editor.

 Shortcuts are written as follows: Control-key sequences are notated with a '^' and can be entered either by using
 the Ctrl key or pressing the Esc key twice.

^G  Display this help text
^X  Exit from nano
^O  Write the current buffer (or the marked region) to disk
^W  Search forward for a string or a regular expression
^K  Cut current line (or marked region) and store it in cutbuffer
^U  Paste the contents of cutbuffer at current cursor position
^C  Display the position of the cursor
^A  Go to beginning of current line
^E  Go to end of current line
^Y  Go one screenful up
^V  Go one screenful down`;

const cps = (s: string) => Array.from(s);

type Prompt = { kind: 'write'; text: string; thenExit: boolean } | { kind: 'save?' } | { kind: 'search'; text: string };

export class NanoEditor {
  lines: string[] = [''];
  cy = 0;
  cx = 0;
  modified = false;
  quit = false;
  status = '';
  prompt: Prompt | null = null;
  help = false;
  private _top = 0;
  private _want = 0;
  private _cut: string[] = [];
  private _lastWasCut = false;
  private _lastSearch = '';

  constructor(
    private readonly _ctx: ProcessContext,
    public filename: string,
    private readonly _display: Display,
  ) {}

  load(): void {
    if (this.filename === '') return;
    const path = resolvePath(this._ctx.cwd, this.filename);
    try {
      const st = this._ctx.fs.stat(path);
      if (st.type === 'dir') {
        this.status = `"${this.filename}" is a directory`;
        this.filename = '';
        return;
      }
      const text = decodeText(this._ctx.fs.readFile(path));
      this.lines = text.split('\n');
      const n = text === '' ? 0 : text.endsWith('\n') ? this.lines.length - 1 : this.lines.length;
      this.status = `Read ${n} line${n === 1 ? '' : 's'}`;
      try {
        this._ctx.fs.access(path, 2);
      } catch {
        this.status = `File '${this.filename}' is unwritable`;
      }
    } catch (e) {
      if (isFsError(e, 'ENOENT')) this.status = 'New File';
      else if (isFsError(e, 'EACCES')) this.status = `Error reading ${this.filename}: Permission denied`;
      else throw e;
    }
  }

  private _write(name: string): boolean {
    const path = resolvePath(this._ctx.cwd, name);
    const body = this.lines.join('\n');
    const text = body === '' || body.endsWith('\n') ? body : body + '\n';
    try {
      this._ctx.fs.writeFile(path, encodeText(text), { mode: 0o666 & ~this._ctx.umask });
    } catch (e) {
      if (!isFsError(e)) throw e;
      this.status = `Error writing ${name}: ${e.text}`;
      return false;
    }
    const n = text === '' ? 0 : text.split('\n').length - 1;
    this.status = `Wrote ${n} line${n === 1 ? '' : 's'}`;
    this.filename = name;
    this.modified = false;
    return true;
  }

  handle(key: KeyToken): void {
    if (this.help) {
      if (['\x18', '\x03', 'q', '\x1b', '\x07'].includes(key.raw)) this.help = false;
      return;
    }
    if (this.prompt) return this._promptKey(key);
    const wasCut = this._lastWasCut;
    this._lastWasCut = false;
    if (key.paste !== undefined) {
      this._insert(key.paste.replace(/\r\n?/g, '\n'));
      return;
    }
    const raw = key.raw;
    const name = keyName(raw);
    switch (name ?? raw) {
      case '\x18': // ^X
        if (!this.modified) this.quit = true;
        else this.prompt = { kind: 'save?' };
        return;
      case '\x0f': // ^O
        this.prompt = { kind: 'write', text: this.filename, thenExit: false };
        return;
      case '\x17': // ^W
        this.prompt = { kind: 'search', text: '' };
        return;
      case '\x07': // ^G
        this.help = true;
        return;
      case '\x0b': // ^K
        this._cutLine(wasCut);
        this._lastWasCut = true;
        return;
      case '\x15': // ^U
        this._paste();
        return;
      case '\x03': // ^C
        this.status = this._location();
        return;
      case 'left':
      case '\x02':
        if (this.cx > 0) this.cx--;
        else if (this.cy > 0) {
          this.cy--;
          this.cx = this._len();
        }
        this._want = this._col();
        break;
      case 'right':
      case '\x06':
        if (this.cx < this._len()) this.cx++;
        else if (this.cy < this.lines.length - 1) {
          this.cy++;
          this.cx = 0;
        }
        this._want = this._col();
        break;
      case 'up':
      case '\x10':
        this._moveLines(-1);
        break;
      case 'down':
      case '\x0e':
        this._moveLines(1);
        break;
      case 'home':
      case '\x01':
        this.cx = 0;
        this._want = 0;
        break;
      case 'end':
      case '\x05':
        this.cx = this._len();
        this._want = this._col();
        break;
      case 'pageup':
      case '\x19':
        this._moveLines(-this._editRows());
        this._top = Math.max(0, this._top - this._editRows());
        break;
      case 'pagedown':
      case '\x16':
        this._moveLines(this._editRows());
        this._top = Math.min(this.cy, this._top + this._editRows());
        break;
      case '\r':
        this._insert('\n');
        break;
      case '\x7f':
      case '\x08':
        this._backspace();
        break;
      case 'delete':
      case '\x04':
        this._delete();
        break;
      case '\t':
        this._insert('\t');
        break;
      default:
        if (raw.codePointAt(0)! >= 0x20 && raw !== '\x7f' && !raw.startsWith('\x1b')) this._insert(raw);
        else if (raw !== '\x1b') this.status = 'Unknown Command';
    }
  }

  private _promptKey(key: KeyToken): void {
    const p = this.prompt!;
    const raw = key.raw;
    if (p.kind === 'save?') {
      if (raw === 'y' || raw === 'Y') this.prompt = { kind: 'write', text: this.filename, thenExit: true };
      else if (raw === 'n' || raw === 'N') this.quit = true;
      else if (raw === '\x03') {
        this.prompt = null;
        this.status = 'Cancelled';
      }
      return;
    }
    if (raw === '\x03') {
      this.prompt = null;
      this.status = 'Cancelled';
      return;
    }
    if (key.paste !== undefined) {
      p.text += key.paste.replace(/[\r\n]/g, '');
      return;
    }
    if (raw === '\r') {
      this.prompt = null;
      if (p.kind === 'write') {
        if (p.text === '') {
          this.status = 'Cancelled';
          return;
        }
        if (this._write(p.text) && p.thenExit) this.quit = true;
        return;
      }
      const pattern = p.text === '' ? this._lastSearch : p.text;
      if (pattern === '') {
        this.status = 'Cancelled';
        return;
      }
      this._lastSearch = pattern;
      this._search(pattern);
      return;
    }
    if (raw === '\x7f' || raw === '\x08') {
      p.text = cps(p.text).slice(0, -1).join('');
      return;
    }
    if (raw.codePointAt(0)! >= 0x20 && !raw.startsWith('\x1b')) p.text += raw;
  }

  /** Forward search from after the cursor, wrapping around to the cursor's own line. */
  private _search(pattern: string): void {
    const n = this.lines.length;
    for (let step = 0; step <= n; step++) {
      const y = (this.cy + step) % n;
      const line = this.lines[y]!;
      const from = step === 0 ? cps(line).slice(0, this.cx + 1).join('').length : 0;
      const at = line.indexOf(pattern, from);
      if (at < 0) continue;
      const x = cps(line.slice(0, at)).length;
      if (step === n && x > this.cx) continue;
      this.status = step === n && x === this.cx ? 'This is the only occurrence' : this.cy + step >= n ? 'Search Wrapped' : '';
      this.cy = y;
      this.cx = x;
      this._want = this._col();
      return;
    }
    this.status = `"${pattern}" not found`;
  }

  private _cutLine(append: boolean): void {
    if (this.cy === this.lines.length - 1 && this.lines[this.cy] === '' && this.lines.length > 1) return;
    const [line] = this.lines.splice(this.cy, 1);
    if (this.lines.length === 0) this.lines = [''];
    this._cut = append ? [...this._cut, line!] : [line!];
    this.cy = Math.min(this.cy, this.lines.length - 1);
    this.cx = 0;
    this.modified = true;
  }

  private _paste(): void {
    if (this._cut.length === 0) return;
    const chars = cps(this.lines[this.cy]!);
    const before = chars.slice(0, this.cx).join('');
    const after = chars.slice(this.cx).join('');
    const block = [...this._cut];
    block[0] = before + block[0]!;
    this.lines.splice(this.cy, 1, ...block, after);
    this.cy += this._cut.length;
    this.cx = 0;
    this.modified = true;
  }

  private _insert(text: string): void {
    insertAtCursor(this, text);
    this._want = this._col();
    this.modified = true;
  }

  private _backspace(): void {
    if (!backspaceAtCursor(this)) return;
    this._want = this._col();
    this.modified = true;
  }

  private _delete(): void {
    const chars = cps(this.lines[this.cy]!);
    if (this.cx < chars.length) {
      chars.splice(this.cx, 1);
      this.lines[this.cy] = chars.join('');
    } else if (this.cy < this.lines.length - 1) {
      this.lines.splice(this.cy, 2, this.lines[this.cy]! + this.lines[this.cy + 1]!);
    } else return;
    this.modified = true;
  }

  private _len(): number {
    return cps(this.lines[this.cy]!).length;
  }

  private _col(): number {
    return expandLine(this.lines[this.cy]!).starts[this.cx] ?? 0;
  }

  private _moveLines(n: number): void {
    this.cy = Math.max(0, Math.min(this.lines.length - 1, this.cy + n));
    const { starts } = expandLine(this.lines[this.cy]!);
    let x = 0;
    while (x + 1 < starts.length && starts[x + 1]! <= this._want) x++;
    this.cx = x;
  }

  private _location(): string {
    const total = this.lines.length;
    const lineLen = this._len();
    const all = this.lines.join('\n');
    const totalChars = cps(all).length;
    const before = this.lines.slice(0, this.cy).reduce((n, l) => n + cps(l).length + 1, 0) + this.cx;
    const pct = (a: number, b: number) => (b === 0 ? 0 : Math.floor((a * 100) / b));
    return `line ${this.cy + 1}/${total} (${pct(this.cy + 1, total)}%), col ${this.cx + 1}/${lineLen + 1} (${pct(this.cx + 1, lineLen + 1)}%), char ${before}/${totalChars} (${pct(before, totalChars)}%)`;
  }

  private _editRows(): number {
    return Math.max(1, this._display.rows - 4);
  }

  frame(): { rows: string[]; cursor: { row: number; col: number } } {
    const cols = Math.max(20, this._display.columns);
    const editRows = this._editRows();
    const rows: string[] = [this._titleBar(cols)];
    let cursor = { row: 1, col: 0 };
    if (this.help) {
      const text = HELP_TEXT.split('\n');
      for (let i = 0; i < editRows; i++) rows.push(fitWidth(text[i] ?? '', cols));
    } else {
      if (this.cy < this._top) this._top = this.cy;
      if (this.cy >= this._top + editRows) this._top = this.cy - editRows + 1;
      for (let i = 0; i < editRows; i++) {
        const y = this._top + i;
        if (y >= this.lines.length) {
          rows.push('');
          continue;
        }
        const { text } = expandLine(this.lines[y]!);
        const width = visibleWidth(text);
        if (y === this.cy) {
          const col = this._col();
          // The current line scrolls sideways to keep the cursor on screen, as nano's does.
          const page = cols - 8;
          const start = col < cols - 1 ? 0 : Math.floor((col - (cols - 1)) / page + 1) * page;
          const shown = skipCells(text, start);
          const body = start > 0 ? '<' + fitWidth(skipCells(shown, 1), cols - 2) : fitWidth(shown, cols - 1);
          rows.push(visibleWidth(shown) > cols - 1 ? padWidth(body, cols - 1) + '>' : body);
          cursor = { row: 1 + i, col: col - start };
        } else rows.push(width > cols ? fitWidth(text, cols - 1) + '>' : text);
      }
    }
    // Status row: a prompt, or a message in brackets.
    let help = MAIN_HELP;
    if (this.prompt) {
      let label: string;
      let text = '';
      if (this.prompt.kind === 'save?') {
        label = 'Save modified buffer? ';
        help = YESNO_HELP;
      } else if (this.prompt.kind === 'write') {
        label = 'File Name to Write: ';
        text = this.prompt.text;
        help = WRITE_HELP;
      } else {
        label = this._lastSearch ? `Search [${this._lastSearch}]: ` : 'Search: ';
        text = this.prompt.text;
        help = SEARCH_HELP;
      }
      rows.push(INV + padWidth(label + text, cols) + OFF);
      cursor = { row: rows.length - 1, col: Math.min(cols - 1, visibleWidth(label + text)) };
    } else if (this.status) {
      const msg = `[ ${this.status} ]`;
      const left = Math.max(0, Math.floor((cols - visibleWidth(msg)) / 2));
      rows.push(' '.repeat(left) + INV + fitWidth(msg, cols) + OFF);
    } else rows.push('');
    const [h1, h2] = helpLines(help, cols);
    rows.push(h1, h2);
    return { rows, cursor };
  }

  private _titleBar(cols: number): string {
    const left = `  GNU nano ${VERSION}`;
    const name = this.filename === '' ? 'New Buffer' : this.filename;
    const right = this.modified ? 'Modified  ' : '';
    const line = Array<string>(cols).fill(' ');
    const put = (at: number, s: string) => {
      for (let i = 0; i < s.length && at + i < cols; i++) line[at + i] = s[i]!;
    };
    put(0, left);
    put(Math.max(left.length + 1, Math.floor((cols - name.length) / 2)), name);
    put(cols - right.length, right);
    return INV + line.join('') + OFF;
  }

  /** Clears the one-shot status message after it has been shown for a key. */
  clearStatusAfterKey(): void {
    if (!this.prompt) this.status = '';
  }
}

function skipCells(s: string, n: number): string {
  let w = 0;
  let i = 0;
  const chars = Array.from(s);
  while (i < chars.length && w < n) {
    w += visibleWidth(chars[i]!);
    i++;
  }
  return chars.slice(i).join('');
}

/** nano's two help lines: items in columns of width columns/((items+1)/2), the key in inverse video. */
function helpLines(items: ReadonlyArray<readonly [string, string]>, cols: number): [string, string] {
  const perRow = Math.ceil(items.length / 2);
  const width = Math.floor(cols / perRow);
  const rows: [string, string] = ['', ''];
  for (let i = 0; i < items.length; i++) {
    const [k, label] = items[i]!;
    const row = i % 2;
    const col = Math.floor(i / 2);
    const isLast = col === perRow - 1;
    const cell = k === '' ? ' '.repeat(width) : INV + k + OFF + ' ' + padWidth(label, (isLast ? cols - col * width : width) - k.length - 1);
    rows[row] += cell;
  }
  return [rows[0].replace(/ +$/, ''), rows[1].replace(/ +$/, '')];
}

export const nano: Program = async (ctx) => {
  const tty = ctx.tty;
  if (!tty || !ctx.stdin.isTTY) {
    await ctx.stderr.write('Too many errors from stdin\n');
    return 1;
  }
  const file = ctx.argv.slice(1).find((a) => !a.startsWith('-') || a === '-') ?? '';
  const display = new Display(tty);
  const editor = new NanoEditor(ctx, file, display);
  editor.load();
  return withFullScreen(ctx, tty, async () => {
    const keys = ttyKeys(ctx, tty);
    const offResize = tty.onResize(() => display.invalidate());
    try {
      while (!editor.quit) {
        const f = editor.frame();
        await display.render(f.rows, f.cursor);
        const key = await keys.next();
        if (key === null) return 1;
        // A status message is shown until the next key.
        editor.clearStatusAfterKey();
        editor.handle(key);
        await ctx.checkpoint();
      }
      return 0;
    } finally {
      offResize();
    }
  });
};
