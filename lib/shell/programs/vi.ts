/**
 * vi: a small Vim. Normal, insert and command-line modes; the commands a learner needs to open, edit and save a file
 * (i a A I o O, x X dd D yy p P J r u Ctrl-R, h j k l w b e 0 ^ $ gg G with counts, / ? n N, :w :q :wq :x :q! :N
 * :set nu, ZZ ZQ), the status line with Vim's messages and a ruler, and `~` past the end of the buffer.
 *
 * On a terminal it draws full-screen on the alternate screen. Without one it reads keys from stdin (as Vim does
 * after its "not a terminal" warnings) and exits when they run out, so a script can never hang on it.
 */

import { resolvePath } from '../../engine/fs/path';
import { isFsError } from '../../engine/fs/Types';
import { decodeText, encodeText } from '../../engine/process/text';
import type { ProcessContext, Program } from '../../engine/process/Types';
import { Display, expandLine, fitWidth, streamKeys, ttyKeys, withFullScreen, type KeySource } from '../term/FullScreen';
import { keyName, type KeyToken } from '../term/keys';
import { charWidth } from '../term/width';
import { backspaceAtCursor, insertAtCursor } from '../term/lineBuffer';
import { readLines } from '../../engine/process/streams';
import { Tool } from './lib/tool';
import { parseVimArgs, vimBanner, vimVersionText, type VimStart } from './vim/startup';
import { splitRange, substitute, type LineRange } from './vim/substitute';

type Mode = 'normal' | 'insert' | 'cmdline';

interface Snapshot {
  readonly lines: readonly string[];
  readonly cy: number;
  readonly cx: number;
}

const cps = (s: string) => Array.from(s);

export class ViEditor {
  lines: string[] = [''];
  cy = 0;
  cx = 0;
  mode: Mode = 'normal';
  cmdline = '';
  cmdPrefix = ':';
  message = '';
  quit = false;
  modified = false;
  number = false;
  private _top = 0;
  private _want = 0;
  private _count = '';
  private _pending = '';
  private _register: { text: string[]; linewise: boolean } = { text: [''], linewise: false };
  private _search: { pattern: string; forward: boolean } | null = null;
  private readonly _undo: Snapshot[] = [];
  private readonly _redo: Snapshot[] = [];
  private _insertSnap = false;
  private _isNew = false;

  constructor(
    private readonly _ctx: ProcessContext,
    public filename: string | null,
    private readonly _display: Display,
  ) {}

  private get _gnu(): boolean {
    return this._ctx.flavor === 'gnu';
  }

  // -------------------------------------------------------------------------------------------------------------
  // Files

  load(): void {
    if (this.filename === null) return;
    const path = resolvePath(this._ctx.cwd, this.filename);
    let data: Uint8Array;
    try {
      const st = this._ctx.fs.stat(path);
      if (st.type === 'dir') {
        this.message = `"${this.filename}" is a directory`;
        return;
      }
      data = this._ctx.fs.readFile(path);
    } catch (e) {
      if (isFsError(e, 'ENOENT')) {
        this._isNew = true;
        this.message = this._gnu ? `"${this.filename}" [New]` : `"${this.filename}" [New file]`;
      } else if (isFsError(e, 'EACCES')) this.message = `"${this.filename}" [Permission Denied]`;
      else throw e;
      return;
    }
    const text = decodeText(data);
    const noeol = text !== '' && !text.endsWith('\n');
    const body = text.endsWith('\n') ? text.slice(0, -1) : text;
    this.lines = text === '' ? [''] : body.split('\n');
    const count = text === '' ? 0 : this.lines.length;
    let readonly = false;
    try {
      this._ctx.fs.access(path, 2);
    } catch {
      readonly = true;
    }
    this.message = this._gnu
      ? `"${this.filename}"${readonly ? ' [readonly]' : ''}${noeol ? ' [noeol]' : ''} ${count}L, ${data.length}B`
      : `"${this.filename}"${readonly ? ' [Readonly]' : ''} ${count}L, ${data.length}C`;
  }

  /** :w — returns false (with the message set) when the file could not be written. */
  write(name: string | null, force: boolean): boolean {
    const target = name ?? this.filename;
    if (target === null) {
      this.message = 'E32: No file name';
      return false;
    }
    const path = resolvePath(this._ctx.cwd, target);
    const empty = this.lines.length === 1 && this.lines[0] === '';
    const text = empty ? '' : this.lines.join('\n') + '\n';
    const bytes = encodeText(text);
    let existed = true;
    try {
      this._ctx.fs.stat(path);
    } catch {
      existed = false;
    }
    if (existed && name !== null && name !== this.filename && !force) {
      this.message = 'E13: File exists (add ! to override)';
      return false;
    }
    try {
      this._ctx.fs.writeFile(path, bytes, { mode: 0o666 & ~this._ctx.umask });
    } catch (e) {
      if (!isFsError(e)) throw e;
      this.message = `"${target}" E212: Can't open file for writing`;
      return false;
    }
    if (this.filename === null) this.filename = target;
    const lineCount = empty ? 0 : this.lines.length;
    const isNew = !existed;
    this.message = this._gnu ? `"${target}"${isNew ? ' [New]' : ''} ${lineCount}L, ${bytes.length}B written` : `"${target}" ${lineCount}L, ${bytes.length}C written`;
    if (target === this.filename) {
      this.modified = false;
      this._isNew = false;
    }
    return true;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Keys

  async handle(key: KeyToken): Promise<void> {
    if (this.mode === 'insert') return this._insertKey(key);
    if (this.mode === 'cmdline') return this._cmdlineKey(key);
    this._normalKey(key);
  }

  private _normalKey(key: KeyToken): void {
    if (key.paste !== undefined) return;
    const raw = key.raw;
    const name = keyName(raw);
    if (this._pending === 'r') {
      this._pending = '';
      if (raw.length === 1 && raw >= ' ' || [...raw].length === 1 && raw.codePointAt(0)! > 0x7f) this._replaceChar(raw);
      return;
    }
    if (/^[1-9]$/.test(raw) || (raw === '0' && this._count !== '')) {
      this._count += raw;
      return;
    }
    const count = this._count === '' ? 1 : Math.min(Number(this._count), 100000);
    const hadCount = this._count !== '';
    this._count = '';
    const pending = this._pending;
    this._pending = '';
    if (pending === 'd' || pending === 'y' || pending === 'c') {
      this._operator(pending, raw, name, count);
      return;
    }
    if (pending === 'g') {
      if (raw === 'g') this._gotoLine(hadCount ? count - 1 : 0);
      return;
    }
    if (pending === 'Z') {
      if (raw === 'Z') this._exCommand('x');
      else if (raw === 'Q') this._exCommand('q!');
      return;
    }
    this.message = '';
    switch (name ?? raw) {
      case 'left':
      case 'h':
      case '\x7f':
      case '\x08':
        this._setCx(this.cx - count);
        break;
      case 'right':
      case 'l':
      case ' ':
        this._setCx(this.cx + count);
        break;
      case 'down':
      case 'j':
      case '\x0e':
        this._moveLines(count);
        break;
      case 'up':
      case 'k':
      case '\x10':
        this._moveLines(-count);
        break;
      case '\r':
      case '+':
        this._moveLines(count);
        this._firstNonBlank();
        break;
      case '-':
        this._moveLines(-count);
        this._firstNonBlank();
        break;
      case 'home':
      case '0':
        this._setCx(0);
        break;
      case '^':
        this._firstNonBlank();
        break;
      case 'end':
      case '$':
        if (count > 1) this._moveLines(count - 1);
        this.cx = Math.max(0, this._len() - 1);
        this._want = Infinity;
        break;
      case 'w':
      case 'word-right':
        for (let i = 0; i < count; i++) this._wordForward();
        break;
      case 'b':
      case 'word-left':
        for (let i = 0; i < count; i++) this._wordBackward();
        break;
      case 'e':
        for (let i = 0; i < count; i++) this._wordEnd();
        break;
      case 'G':
        this._gotoLine(hadCount ? count - 1 : this.lines.length - 1);
        break;
      case 'g':
      case 'd':
      case 'y':
      case 'c':
      case 'Z':
      case 'r':
        this._pending = raw;
        if (hadCount) this._count = String(count);
        break;
      case 'pagedown':
      case '\x06':
        this._moveLines(Math.max(1, this._textRows() - 2) * count);
        this._top = Math.min(this.cy, Math.max(0, this.lines.length - 1));
        break;
      case 'pageup':
      case '\x02':
        this._moveLines(-Math.max(1, this._textRows() - 2) * count);
        break;
      case '\x04':
        this._moveLines(Math.max(1, Math.floor(this._textRows() / 2)));
        break;
      case '\x15':
        this._moveLines(-Math.max(1, Math.floor(this._textRows() / 2)));
        break;
      case 'i':
      case 'insert':
        this._startInsert();
        break;
      case 'a':
        this._startInsert();
        if (this._len() > 0) this.cx++;
        break;
      case 'A':
        this._startInsert();
        this.cx = this._len();
        break;
      case 'I':
        this._startInsert();
        this._firstNonBlank();
        break;
      case 'o':
        this._snapshot();
        this.lines.splice(this.cy + 1, 0, '');
        this.cy++;
        this.cx = 0;
        this._changed();
        this._startInsert(false);
        break;
      case 'O':
        this._snapshot();
        this.lines.splice(this.cy, 0, '');
        this.cx = 0;
        this._changed();
        this._startInsert(false);
        break;
      case 'x':
      case 'delete':
        if (this._len() > 0) {
          this._snapshot();
          const chars = cps(this.lines[this.cy]!);
          const cut = chars.splice(this.cx, count);
          this._register = { text: [cut.join('')], linewise: false };
          this.lines[this.cy] = chars.join('');
          this._changed();
          this._clampCx();
        }
        break;
      case 'X':
        if (this.cx > 0) {
          this._snapshot();
          const chars = cps(this.lines[this.cy]!);
          const from = Math.max(0, this.cx - count);
          const cut = chars.splice(from, this.cx - from);
          this._register = { text: [cut.join('')], linewise: false };
          this.lines[this.cy] = chars.join('');
          this.cx = from;
          this._changed();
        }
        break;
      case 'D':
        this._operator('d', '$', null, 1);
        break;
      case 'C':
        this._operator('c', '$', null, 1);
        break;
      case 'p':
      case 'P':
        this._put(raw === 'p', count);
        break;
      case 'J':
        this._join(Math.max(2, count));
        break;
      case 'u':
        for (let i = 0; i < count; i++) this._undoStep(this._undo, this._redo);
        break;
      case '\x12':
        for (let i = 0; i < count; i++) this._undoStep(this._redo, this._undo);
        break;
      case ':':
      case '/':
      case '?':
        this.mode = 'cmdline';
        this.cmdPrefix = raw;
        this.cmdline = '';
        break;
      case 'n':
      case 'N':
        if (!this._search) this.message = 'E35: No previous regular expression';
        else this._find(this._search.pattern, raw === 'n' ? this._search.forward : !this._search.forward);
        break;
      case '\x07':
        this.message = this._fileInfo();
        break;
      case '\x0c':
        this._display.invalidate();
        break;
      default:
        break;
    }
  }

  private _operator(op: 'd' | 'y' | 'c', raw: string, name: string | null, count: number): void {
    const linewise = raw === op || raw === 'j' || raw === 'k' || raw === 'G' || name === 'down' || name === 'up';
    if (linewise) {
      let from = this.cy;
      let to = this.cy + count - 1;
      if (raw === 'j' || name === 'down') to = this.cy + count;
      if (raw === 'k' || name === 'up') from = this.cy - count;
      if (raw === 'G') to = this.lines.length - 1;
      from = Math.max(0, from);
      to = Math.min(this.lines.length - 1, to);
      this._register = { text: this.lines.slice(from, to + 1), linewise: true };
      if (op === 'y') {
        const n = to - from + 1;
        if (n > 2) this.message = `${n} lines yanked`;
        return;
      }
      this._snapshot();
      if (op === 'c') {
        this.lines.splice(from, to - from + 1, '');
        this.cy = from;
        this.cx = 0;
        this._changed();
        this._startInsert(false);
        return;
      }
      this.lines.splice(from, to - from + 1);
      if (this.lines.length === 0) this.lines = [''];
      const n = to - from + 1;
      if (n > 2) this.message = `${n} fewer lines`;
      this.cy = Math.min(from, this.lines.length - 1);
      this._firstNonBlank();
      this._changed();
      return;
    }
    // Characterwise motions within the line.
    const chars = cps(this.lines[this.cy]!);
    const start = this.cx;
    let end = start;
    const save = { cy: this.cy, cx: this.cx };
    switch (name ?? raw) {
      case '$':
      case 'end':
        end = chars.length;
        break;
      case '0':
      case 'home':
        end = 0;
        break;
      case 'w':
        if (op === 'c') {
          // cw changes to the end of the word, as Vim does.
          this._wordEndFrom(count);
          end = this.cy === save.cy ? this.cx + 1 : chars.length;
        } else {
          for (let i = 0; i < count; i++) this._wordForward();
          end = this.cy === save.cy ? this.cx : chars.length;
        }
        break;
      case 'e':
        for (let i = 0; i < count; i++) this._wordEnd();
        end = this.cy === save.cy ? this.cx + 1 : chars.length;
        break;
      case 'b':
        for (let i = 0; i < count; i++) this._wordBackward();
        end = this.cy === save.cy ? this.cx : 0;
        break;
      case 'l':
      case 'right':
      case ' ':
        end = Math.min(chars.length, start + count);
        break;
      case 'h':
      case 'left':
        end = Math.max(0, start - count);
        break;
      default:
        return;
    }
    this.cy = save.cy;
    this.cx = save.cx;
    const a = Math.min(start, end);
    const b = Math.max(start, end);
    this._register = { text: [chars.slice(a, b).join('')], linewise: false };
    if (op === 'y') {
      this.cx = a;
      return;
    }
    if (a === b && op === 'd') return;
    this._snapshot();
    chars.splice(a, b - a);
    this.lines[this.cy] = chars.join('');
    this.cx = a;
    this._changed();
    if (op === 'c') this._startInsert(false);
    else this._clampCx();
  }

  private _wordEndFrom(count: number): void {
    const chars = cps(this.lines[this.cy]!);
    // On a blank, cw acts like dw; otherwise it stops at the end of the current word.
    if (/\s/.test(chars[this.cx] ?? ' ')) {
      for (let i = 0; i < count; i++) this._wordForward();
      this.cx = Math.max(0, this.cx - 1);
      return;
    }
    const cls = charClass(chars[this.cx]!);
    let i = this.cx;
    while (i + 1 < chars.length && charClass(chars[i + 1]!) === cls) i++;
    this.cx = i;
    for (let k = 1; k < count; k++) this._wordEnd();
  }

  private _put(after: boolean, count: number): void {
    const reg = this._register;
    this._snapshot();
    if (reg.linewise) {
      const block: string[] = [];
      for (let i = 0; i < count; i++) block.push(...reg.text);
      const at = after ? this.cy + 1 : this.cy;
      this.lines.splice(at, 0, ...block);
      this.cy = at;
      this._firstNonBlank();
      if (block.length > 2) this.message = `${block.length} more lines`;
    } else {
      const chars = cps(this.lines[this.cy]!);
      const at = after && chars.length > 0 ? this.cx + 1 : this.cx;
      const text = reg.text.join('\n').repeat(count);
      const merged = chars.slice(0, at).join('') + text + chars.slice(at).join('');
      const parts = merged.split('\n');
      this.lines.splice(this.cy, 1, ...parts);
      this.cx = at + Math.max(0, cps(text).length - 1);
      this._clampCx();
    }
    this._changed();
  }

  private _join(n: number): void {
    if (this.cy >= this.lines.length - 1) return;
    this._snapshot();
    for (let i = 1; i < n && this.cy < this.lines.length - 1; i++) {
      const cur = this.lines[this.cy]!.replace(/\s+$/, '');
      const next = this.lines[this.cy + 1]!.replace(/^\s+/, '');
      const sep = cur === '' || next === '' || next.startsWith(')') ? '' : ' ';
      this.lines.splice(this.cy, 2, cur + sep + next);
      this.cx = cps(cur).length;
    }
    this._changed();
    this._clampCx();
  }

  private _replaceChar(ch: string): void {
    if (this._len() === 0) return;
    this._snapshot();
    const chars = cps(this.lines[this.cy]!);
    chars[this.cx] = ch;
    this.lines[this.cy] = chars.join('');
    this._changed();
  }

  private _insertKey(key: KeyToken): void {
    if (key.paste !== undefined) {
      this._insertText(key.paste.replace(/\r\n?/g, '\n'));
      return;
    }
    const raw = key.raw;
    const name = keyName(raw);
    if (raw === '\x1b' || raw === '\x03') {
      this.mode = 'normal';
      this._insertSnap = false;
      if (this.cx > 0) this.cx--;
      this.message = '';
      return;
    }
    switch (name ?? raw) {
      case 'left':
        this._setCx(this.cx - 1, true);
        return;
      case 'right':
        this._setCx(this.cx + 1, true);
        return;
      case 'up':
        this._moveLines(-1, true);
        return;
      case 'down':
        this._moveLines(1, true);
        return;
      case 'home':
        this.cx = 0;
        return;
      case 'end':
        this.cx = this._len();
        return;
      case '\r':
      case '\n':
        this._insertText('\n');
        return;
      case '\x7f':
      case '\x08':
        this._backspace();
        return;
      case 'delete': {
        const chars = cps(this.lines[this.cy]!);
        if (this.cx < chars.length) {
          chars.splice(this.cx, 1);
          this.lines[this.cy] = chars.join('');
        } else if (this.cy < this.lines.length - 1) {
          this.lines.splice(this.cy, 2, this.lines[this.cy]! + this.lines[this.cy + 1]!);
        }
        this._changed();
        return;
      }
      case '\x17': {
        const chars = cps(this.lines[this.cy]!);
        let i = this.cx;
        while (i > 0 && /\s/.test(chars[i - 1]!)) i--;
        const cls = i > 0 ? charClass(chars[i - 1]!) : 0;
        while (i > 0 && !/\s/.test(chars[i - 1]!) && charClass(chars[i - 1]!) === cls) i--;
        chars.splice(i, this.cx - i);
        this.lines[this.cy] = chars.join('');
        this.cx = i;
        this._changed();
        return;
      }
      case '\x15': {
        const chars = cps(this.lines[this.cy]!);
        this.lines[this.cy] = chars.slice(this.cx).join('');
        this.cx = 0;
        this._changed();
        return;
      }
      default:
        if (raw === '\t' || (raw.codePointAt(0)! >= 0x20 && raw !== '\x7f' && !raw.startsWith('\x1b'))) this._insertText(raw);
    }
  }

  private _insertText(text: string): void {
    insertAtCursor(this, text);
    this._changed();
  }

  private _backspace(): void {
    if (!backspaceAtCursor(this)) return;
    this._changed();
  }

  private _cmdlineKey(key: KeyToken): void {
    if (key.paste !== undefined) {
      this.cmdline += key.paste.replace(/[\r\n]/g, '');
      return;
    }
    const raw = key.raw;
    if (raw === '\x1b' || raw === '\x03') {
      this.mode = 'normal';
      this.cmdline = '';
      return;
    }
    if (raw === '\x7f' || raw === '\x08') {
      if (this.cmdline === '') this.mode = 'normal';
      else this.cmdline = cps(this.cmdline).slice(0, -1).join('');
      return;
    }
    if (raw === '\x15') {
      this.cmdline = '';
      return;
    }
    if (raw === '\r' || raw === '\n') {
      const line = this.cmdline;
      const prefix = this.cmdPrefix;
      this.mode = 'normal';
      this.cmdline = '';
      this.message = '';
      if (prefix === ':') this._exCommand(line);
      else {
        const forward = prefix === '/';
        const pattern = line === '' ? (this._search?.pattern ?? '') : line;
        if (pattern === '') {
          this.message = 'E35: No previous regular expression';
          return;
        }
        this._search = { pattern, forward };
        this._find(pattern, forward);
      }
      return;
    }
    if (raw.codePointAt(0)! >= 0x20 && !raw.startsWith('\x1b')) this.cmdline += raw;
    else if (raw === '\t') this.cmdline += '\t';
  }

  /** Runs one Ex command (`-c`, `+cmd`, Ex mode); false when Vim would report an error. */
  ex(input: string): boolean {
    this.message = '';
    this._exCommand(input);
    return !/^E\d+:/.test(this.message);
  }

  private _exCommand(input: string): void {
    let cmd = input.trim().replace(/^:+/, '');
    if (cmd === '') return;
    const ranged = splitRange(cmd, this.cy, this.lines.length - 1);
    if ('error' in ranged) {
      this.message = ranged.error;
      return;
    }
    if (ranged.range !== null && /^s\W/.test(ranged.rest)) return this._substitute(ranged.range, ranged.rest.slice(1));
    if (ranged.range === null && /^s\W/.test(cmd)) return this._substitute({ from: this.cy, to: this.cy }, cmd.slice(1));
    if (ranged.range !== null && ranged.rest === '') cmd = String(ranged.range.to + 1);
    if (/^\d+$/.test(cmd)) {
      this._gotoLine(Number(cmd) - 1);
      return;
    }
    if (cmd === '$') {
      this._gotoLine(this.lines.length - 1);
      return;
    }
    const m = /^([a-z]+)(!?)\s*(.*)$/.exec(cmd);
    if (!m) {
      this.message = `E492: Not an editor command: ${cmd}`;
      return;
    }
    const [, name, bang, arg] = m as unknown as [string, string, string, string];
    const force = bang === '!';
    const file = arg === '' ? null : arg;
    switch (name) {
      case 'w':
      case 'write':
        this.write(file, force);
        return;
      case 'wq':
      case 'x':
      case 'xit':
      case 'exit':
        if ((name !== 'wq' && !this.modified && file === null && !this._isNew) || this.write(file, force)) this.quit = true;
        return;
      case 'q':
      case 'quit':
        if (this.modified && !force) {
          this.message = 'E37: No write since last change (add ! to override)';
          return;
        }
        this.quit = true;
        return;
      case 'qa':
      case 'qall':
        if (this.modified && !force) {
          this.message = `E162: No write since last change for buffer "${this.filename ?? '[No Name]'}"`;
          return;
        }
        this.quit = true;
        return;
      case 'set':
      case 'se':
        for (const opt of arg.split(/\s+/)) {
          if (opt === 'nu' || opt === 'number') this.number = true;
          else if (opt === 'nonu' || opt === 'nonumber') this.number = false;
          else if (opt !== '') {
            this.message = `E518: Unknown option: ${opt}`;
            return;
          }
        }
        return;
      default:
        this.message = `E492: Not an editor command: ${cmd}`;
    }
  }

  private _substitute(range: LineRange, args: string): void {
    const r = substitute(this.lines, range, args, vimPatternToJs);
    if (r === null) return;
    if ('error' in r) {
      this.message = r.error;
      return;
    }
    this._snapshot();
    this.lines = r.lines;
    this.cy = r.lastLine;
    this._firstNonBlank();
    this._changed();
  }

  private _find(pattern: string, forward: boolean): void {
    let re: RegExp;
    try {
      re = new RegExp(vimPatternToJs(pattern), 'u');
    } catch {
      re = new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'u');
    }
    const n = this.lines.length;
    for (let step = 0; step <= n; step++) {
      const raw = forward ? this.cy + step : this.cy - step;
      const y = ((raw % n) + n) % n;
      const line = this.lines[y]!;
      const matches: number[] = [];
      const g = new RegExp(re.source, 'gu');
      for (let m = g.exec(line); m; m = g.exec(line)) {
        matches.push(cps(line.slice(0, m.index)).length);
        if (m[0] === '') g.lastIndex++;
      }
      let hit: number | undefined;
      if (step === 0) hit = forward ? matches.find((x) => x > this.cx) : [...matches].reverse().find((x) => x < this.cx);
      else if (step === n) hit = forward ? matches.find((x) => x <= this.cx) : [...matches].reverse().find((x) => x >= this.cx);
      else hit = forward ? matches[0] : matches[matches.length - 1];
      if (hit !== undefined) {
        const wrapped = forward ? raw >= n : raw < 0;
        if (wrapped) this.message = forward ? 'search hit BOTTOM, continuing at TOP' : 'search hit TOP, continuing at BOTTOM';
        else this.message = `${forward ? '/' : '?'}${pattern}`;
        this.cy = y;
        this.cx = hit;
        this._want = this._col();
        return;
      }
    }
    this.message = `E486: Pattern not found: ${pattern}`;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Cursor and buffer helpers

  private _len(): number {
    return cps(this.lines[this.cy]!).length;
  }

  private _maxCx(insert = false): number {
    const len = this._len();
    return insert || this.mode === 'insert' ? len : Math.max(0, len - 1);
  }

  private _setCx(x: number, insert = false): void {
    this.cx = Math.max(0, Math.min(x, this._maxCx(insert)));
    this._want = this._col();
  }

  private _clampCx(): void {
    this.cx = Math.max(0, Math.min(this.cx, this._maxCx()));
  }

  /** Screen column of the cursor within its line (tabs and wide characters counted). */
  private _col(): number {
    return expandLine(this.lines[this.cy]!).starts[this.cx] ?? 0;
  }

  private _moveLines(n: number, insert = false): void {
    this.cy = Math.max(0, Math.min(this.lines.length - 1, this.cy + n));
    const { starts } = expandLine(this.lines[this.cy]!);
    let x = 0;
    while (x + 1 < starts.length - 1 && starts[x + 1]! <= this._want) x++;
    if (this._want === Infinity) x = starts.length - 1;
    this.cx = Math.min(x, this._maxCx(insert));
  }

  private _gotoLine(y: number): void {
    this.cy = Math.max(0, Math.min(this.lines.length - 1, y));
    this._firstNonBlank();
  }

  private _firstNonBlank(): void {
    const chars = cps(this.lines[this.cy]!);
    let i = 0;
    while (i < chars.length - 1 && /[ \t]/.test(chars[i]!)) i++;
    this.cx = i;
    this._want = this._col();
  }

  private _wordForward(): void {
    let chars = cps(this.lines[this.cy]!);
    let i = this.cx;
    if (i < chars.length) {
      const cls = charClass(chars[i]!);
      if (cls !== 0) while (i < chars.length && charClass(chars[i]!) === cls) i++;
    }
    while (true) {
      while (i < chars.length && charClass(chars[i]!) === 0) i++;
      if (i < chars.length || this.cy >= this.lines.length - 1) break;
      this.cy++;
      chars = cps(this.lines[this.cy]!);
      i = 0;
      if (chars.length === 0) break;
    }
    this.cx = Math.min(i, Math.max(0, chars.length - 1));
    this._want = this._col();
  }

  private _wordBackward(): void {
    let chars = cps(this.lines[this.cy]!);
    let i = this.cx;
    while (true) {
      while (i > 0 && charClass(chars[i - 1]!) === 0) i--;
      if (i > 0 || this.cy === 0) break;
      this.cy--;
      chars = cps(this.lines[this.cy]!);
      i = chars.length;
      if (i === 0) break;
    }
    if (i > 0) {
      const cls = charClass(chars[i - 1]!);
      while (i > 0 && charClass(chars[i - 1]!) === cls) i--;
    }
    this.cx = i;
    this._want = this._col();
  }

  private _wordEnd(): void {
    let chars = cps(this.lines[this.cy]!);
    let i = this.cx + 1;
    while (true) {
      while (i < chars.length && charClass(chars[i]!) === 0) i++;
      if (i < chars.length || this.cy >= this.lines.length - 1) break;
      this.cy++;
      chars = cps(this.lines[this.cy]!);
      i = 0;
    }
    if (i < chars.length) {
      const cls = charClass(chars[i]!);
      while (i + 1 < chars.length && charClass(chars[i + 1]!) === cls) i++;
    }
    this.cx = Math.min(i, Math.max(0, chars.length - 1));
    this._want = this._col();
  }

  private _startInsert(snapshot = true): void {
    if (snapshot) this._snapshot();
    this._insertSnap = true;
    this.mode = 'insert';
    this.message = '';
  }

  private _snapshot(): void {
    if (this._insertSnap && this.mode === 'insert') return;
    this._undo.push({ lines: [...this.lines], cy: this.cy, cx: this.cx });
    if (this._undo.length > 200) this._undo.shift();
    this._redo.length = 0;
  }

  private _undoStep(from: Snapshot[], to: Snapshot[]): void {
    const s = from.pop();
    if (!s) {
      this.message = from === this._undo ? 'Already at oldest change' : 'Already at newest change';
      return;
    }
    to.push({ lines: [...this.lines], cy: this.cy, cx: this.cx });
    this.lines = [...s.lines];
    this.cy = Math.min(s.cy, this.lines.length - 1);
    this.cx = s.cx;
    this._clampCx();
    this.modified = true;
  }

  private _changed(): void {
    this.modified = true;
  }

  private _fileInfo(): string {
    const name = this.filename === null ? '[No Name]' : this.filename;
    const n = this.lines.length === 1 && this.lines[0] === '' ? 0 : this.lines.length;
    const pct = n === 0 ? 0 : Math.floor(((this.cy + 1) * 100) / n);
    return `"${name}"${this.modified ? ' [Modified]' : ''} ${n === 0 ? '--No lines in buffer--' : `${n} line${n === 1 ? '' : 's'} --${pct}%--`}`;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Screen

  private _textRows(): number {
    return Math.max(1, this._display.rows - 1);
  }

  /** The frame: text rows (long lines wrap), `~` past the end, and the status line. */
  frame(): { rows: string[]; cursor: { row: number; col: number } } {
    const cols = Math.max(10, this._display.columns);
    const textRows = this._textRows();
    const gutter = this.number ? Math.max(3, String(this.lines.length).length) + 1 : 0;
    const width = Math.max(1, cols - gutter);
    const heightOf = (y: number) => Math.max(1, Math.ceil(expandLine(this.lines[y]!).starts.at(-1)! / width) || 1);
    if (this.cy < this._top) this._top = this.cy;
    // Scroll down until the cursor line fits.
    while (true) {
      let used = 0;
      for (let y = this._top; y <= this.cy; y++) used += heightOf(y);
      if (used <= textRows || this._top >= this.cy) break;
      this._top++;
    }
    const rows: string[] = [];
    let cursor = { row: 0, col: 0 };
    for (let y = this._top; y < this.lines.length && rows.length < textRows; y++) {
      const { text, starts } = expandLine(this.lines[y]!);
      const cells = Array.from(text);
      const num = this.number ? `${String(y + 1).padStart(gutter - 1)} ` : '';
      if (y === this.cy) {
        const cellCol = starts[Math.min(this.cx, starts.length - 1)]!;
        cursor = { row: rows.length + Math.floor(cellCol / width), col: gutter + (cellCol % width) };
      }
      // Split by cells (not characters) so a wide character never straddles the edge.
      let row = '';
      let w = 0;
      let first = true;
      for (const ch of cells) {
        const cw = charWidth(ch.codePointAt(0)!);
        if (w + cw > width) {
          rows.push((first ? num : ' '.repeat(gutter)) + row);
          first = false;
          row = '';
          w = 0;
          if (rows.length >= textRows) break;
        }
        row += ch;
        w += cw;
      }
      if (rows.length < textRows) rows.push((first ? num : ' '.repeat(gutter)) + row);
    }
    while (rows.length < textRows) rows.push('~');
    cursor.row = Math.min(cursor.row, textRows - 1);

    let status: string;
    if (this.mode === 'cmdline') {
      status = this.cmdPrefix + this.cmdline;
      cursor = { row: textRows, col: Math.min(cols - 1, Array.from(status).length) };
    } else {
      const left = this.mode === 'insert' && this.message === '' ? '-- INSERT --' : this.message;
      const ruler = this._ruler();
      const rulerCol = cols - 18;
      status = left.length < rulerCol ? left.padEnd(rulerCol) + ruler : fitWidth(left, cols - 1);
    }
    rows.push(fitWidth(status, cols - 1));
    return { rows, cursor };
  }

  private _ruler(): string {
    const line = this.lines[this.cy]!;
    // Vim's `%c%V`: byte column, and the screen column when it differs (tabs, wide characters).
    const bytes = encodeText(cps(line).slice(0, this.cx).join('')).length + 1;
    const vcol = this._col() + 1;
    const col = line === '' ? '0-1' : bytes === vcol ? String(bytes) : `${bytes}-${vcol}`;
    const textRows = this._textRows();
    const n = this.lines.length;
    let pos: string;
    if (this._top === 0 && n <= textRows) pos = 'All';
    else if (this._top === 0) pos = 'Top';
    else if (this._top + textRows >= n) pos = 'Bot';
    else pos = `${Math.floor((this._top * 100) / Math.max(1, n - textRows))}%`;
    return `${this.cy + 1},${col}`.padEnd(14) + pos;
  }
}

/** Vim's word classes: 0 blank, 1 punctuation, 2 keyword characters. */
function charClass(ch: string): number {
  if (/\s/.test(ch)) return 0;
  if (/[\p{L}\p{N}_]/u.test(ch)) return 2;
  return 1;
}

/** The few Vim regex differences a learner meets: `\<` `\>` word bounds, and `\(`, `\)`, `\|`, `\+` being magic. */
function vimPatternToJs(p: string): string {
  let out = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '\\' && i + 1 < p.length) {
      const n = p[++i]!;
      if (n === '<' || n === '>') out += '\\b';
      else if ('()|+?{}'.includes(n)) out += n;
      else out += '\\' + n;
      continue;
    }
    if ('()|+?{}'.includes(c)) out += '\\' + c;
    else out += c;
  }
  return out;
}

/** vi/vim as Debian ships it (vim.basic); `vimBuild` names the build whose `--version` text is printed. */
export const vi: Program = (ctx) => runVim(ctx, 'vim.basic');

export function vimBuild(build: string): Program {
  return (ctx) => runVim(ctx, build);
}

const BUSYBOX_VI_USAGE = '\nUsage: vi [-c CMD] [-R] [-H] [FILE]...\n\nEdit FILE\n\n\t-c CMD\tInitial command to run ($EXINIT and ~/.exrc also available)\n\t-R\tRead-only\n\t-H\tList available features\n';

async function runVim(ctx: ProcessContext, build: string): Promise<number> {
  const args = ctx.argv.slice(1);
  let start: VimStart;
  if (ctx.flavor !== 'gnu') {
    // BusyBox vi has no long options; -c runs its (Ex) command after loading.
    const bad = args.find((a) => a.startsWith('--') && a !== '--');
    if (bad !== undefined) return new Tool(ctx, { busyboxUsage: BUSYBOX_VI_USAGE }).usage(`unrecognized option '${bad}'`);
    const files = args.filter((a) => a === '-' || !a.startsWith('-') || a === '--');
    start = { files: files.filter((a) => a !== '--'), commands: [], ex: false, silent: false, version: false };
  } else {
    const parsed = parseVimArgs(args);
    const version = vimVersionText(ctx.fs, build);
    if (!parsed.ok) {
      await ctx.stderr.write(`${'text' in version ? vimBanner(version.text) : ''}${parsed.message}\nMore info with: "vim -h"\n`);
      return 1;
    }
    start = parsed.start;
    if (start.version) {
      if ('text' in version) {
        await ctx.stdout.write(version.text);
        return 0;
      }
      await ctx.stderr.write(`vim: --version of ${version.missing} is not simulated\n`);
      return 1;
    }
  }
  const file = start.files[0] ?? null;
  const tty = ctx.tty;
  const display = new Display(tty);
  const editor = new ViEditor(ctx, file === '-' ? null : file, display);
  editor.load();
  // Vim warns before it runs -c commands (silent Ex mode does not).
  if (!tty && !start.ex) {
    if (!ctx.stdout.isTTY) await ctx.stderr.write('Vim: Warning: Output is not to a terminal\n');
    if (!ctx.stdin.isTTY) await ctx.stderr.write('Vim: Warning: Input is not from a terminal\n');
  }
  let failed = false;
  for (const cmd of start.commands) {
    if (!editor.ex(cmd)) failed = true;
    if (editor.quit) return start.silent && failed ? 1 : 0;
  }
  if (start.ex) return runEx(ctx, editor, failed);

  if (!tty) return runKeys(ctx, editor, streamKeys(ctx.stdin), null);
  return withFullScreen(ctx, tty, () => runKeys(ctx, editor, ttyKeys(ctx, tty), display));
}

/** Ex mode (`vim -es`): one Ex command per input line, silently; the status says whether any failed. */
async function runEx(ctx: ProcessContext, editor: ViEditor, failed: boolean): Promise<number> {
  for await (const { line } of readLines(ctx.stdin)) {
    if (!editor.ex(line)) failed = true;
    if (editor.quit) break;
    await ctx.checkpoint();
  }
  return failed ? 1 : 0;
}

async function runKeys(ctx: ProcessContext, editor: ViEditor, keys: KeySource, display: Display | null): Promise<number> {
  const offResize = ctx.tty?.onResize(() => display?.invalidate());
  try {
    while (!editor.quit) {
      if (display) {
        const f = editor.frame();
        await display.render(f.rows, f.cursor);
      }
      const key = await keys.next();
      if (key === null) {
        // Vim gives up when its input ends without a quit command; it says so on its screen (stdout).
        await ctx.stdout.write(`Vim: Error reading input, exiting...\n${editor.modified && editor.filename ? 'Vim: preserving files...\n' : ''}Vim: Finished.\r\n`);
        return 1;
      }
      await editor.handle(key);
      await ctx.checkpoint();
    }
    return 0;
  } finally {
    offResize?.();
  }
}
