/**
 * The readline-style editor behind `Tty.readLine`: draws the prompt, edits the line in place (cursor keys, kills,
 * history, Tab completion, bracketed paste) and keeps track of where the terminal's cursor is, so long lines that
 * wrap and wide (CJK) characters redraw correctly.
 *
 * Output is kept minimal on purpose: typing at the end of the line writes just the character, and Enter writes
 * `\r\n`, so a transcript of typed input reads like the input itself (the headless CLI's `--echo`).
 */

import type { Completion, ReadLineOptions, ReadLineResult } from '../engine/process/Types';
import { keyName, PASTE_END, PASTE_START, type KeyToken } from '../shell/term/keys';
import { charWidth, codePoints, splitPrompt, stringWidth } from '../shell/term/width';

/** What the editor needs from its terminal. */
export interface EditorHost {
  readonly columns: number;
  /** The next key, or null when input has ended. */
  takeKey(): Promise<KeyToken | null>;
  /** Puts input back in front of what is buffered (the rest of a multi-line paste). */
  unshiftInput(data: string): void;
  /** Writes to the screen exactly as given (no newline translation). */
  draw(data: string): void;
  /** The cursor's column when the editor starts (output may have left it mid-line). */
  readonly startColumn: number;
  /** Size changes while editing; returns an unsubscribe function. */
  onResize?(listener: () => void): () => void;
}

interface Pos {
  row: number;
  col: number;
}

/** Readline shows this many candidates without asking first (`completion-query-items`). */
const QUERY_ITEMS = 100;

export class LineEditor {
  private _chars: string[] = [];
  private _cursor = 0;
  /** Where the terminal cursor is, relative to the start of the prompt's last line; col === columns is a pending wrap. */
  private _phys: Pos = { row: 0, col: 0 };
  /** End of what is drawn on screen (to know when stale text must be cleared). */
  private _drawnEnd: Pos = { row: 0, col: 0 };
  private _startCol = 0;
  private readonly _promptOut: string;
  private _promptLastOut: string;
  private _promptLastWidths: number[];
  /** Reverse incremental search (Ctrl-R) in progress. */
  private _isearch: { pattern: string; index: number; failed: boolean; saved: { chars: string[]; cursor: number; histIndex: number } } | null = null;
  private readonly _history: string[] | undefined;
  private _histIndex: number;
  /** Edits to recalled history lines live here until the line is accepted, so history itself stays intact. */
  private readonly _scratch = new Map<number, string>();
  private _killed = '';
  private _lastWasTab = false;

  constructor(
    private readonly _host: EditorHost,
    private readonly _options: ReadLineOptions,
  ) {
    const { output } = splitPrompt(_options.prompt);
    this._promptOut = output;
    const nl = output.lastIndexOf('\n');
    this._promptLastOut = nl >= 0 ? output.slice(nl + 1) : output;
    const lastVisible = splitPrompt(this._promptLastOut).visible;
    this._promptLastWidths = codePoints(lastVisible).map((c) => charWidth(c.codePointAt(0)!));
    this._startCol = nl >= 0 ? 0 : Math.min(_host.startColumn, Math.max(0, _host.columns - 1));
    this._history = _options.history;
    this._histIndex = _options.history?.length ?? 0;
  }

  private get _cols(): number {
    return Math.max(2, this._host.columns);
  }

  async run(): Promise<ReadLineResult> {
    this._drawPrompt();
    const offResize = this._host.onResize?.(() => this._afterResize());
    try {
      while (true) {
        const key = await this._host.takeKey();
        if (key === null) return { kind: 'eof' };
        const r = await this._handle(key);
        if (r) return r;
      }
    } finally {
      offResize?.();
    }
  }

  /**
   * Redraws prompt line and text for the new width, from the row the input started on (as readline does on
   * SIGWINCH). Exact when the input fitted on one row; a terminal that reflows wrapped rows may differ otherwise.
   */
  private _afterResize(): void {
    const up = this._phys.row;
    this._host.draw((up > 0 ? `\x1b[${up}A` : '') + '\r');
    this._startCol = 0;
    this._phys = { row: 0, col: 0 };
    this._drawnEnd = { row: 0, col: 0 };
    this._host.draw('\x1b[J' + this._promptLastOut);
    const p = this._promptEnd();
    this._phys = { ...p };
    this._drawnEnd = { ...p };
    this._refreshFrom(0);
  }

  // -------------------------------------------------------------------------------------------------------------
  // Keys

  private async _handle(key: KeyToken): Promise<ReadLineResult | null> {
    if (this._isearch) {
      const r = this._isearchKey(key);
      if (r !== 'pass') return r;
    }
    const wasTab = this._lastWasTab;
    this._lastWasTab = false;
    if (key.paste !== undefined) return this._paste(key.paste);
    const raw = key.raw;
    const name = keyName(raw);
    if (name) {
      this._named(name);
      return null;
    }
    if (raw.length >= 2 && raw[0] === '\x1b') {
      this._meta(raw.slice(1));
      return null;
    }
    const code = raw.codePointAt(0)!;
    if (code >= 0x20 && code !== 0x7f) {
      this._insert(raw);
      return null;
    }
    switch (raw) {
      case '\r':
      case '\n':
        return this._accept();
      case '\x01': // Ctrl-A
        this._moveCursor(0);
        break;
      case '\x05': // Ctrl-E
        this._moveCursor(this._chars.length);
        break;
      case '\x02': // Ctrl-B
        this._moveCursor(this._prevStop(this._cursor));
        break;
      case '\x06': // Ctrl-F
        this._moveCursor(this._nextStop(this._cursor));
        break;
      case '\x7f':
      case '\x08':
        if (this._cursor > 0) this._deleteRange(this._prevStop(this._cursor), this._cursor);
        break;
      case '\x04': // Ctrl-D
        if (this._chars.length === 0) return { kind: 'eof' };
        if (this._cursor < this._chars.length) this._deleteRange(this._cursor, this._nextStop(this._cursor));
        break;
      case '\x0b': // Ctrl-K
        this._kill(this._cursor, this._chars.length);
        break;
      case '\x15': // Ctrl-U
        this._kill(0, this._cursor);
        break;
      case '\x17': {
        // Ctrl-W: unix-word-rubout, whitespace-delimited.
        let i = this._cursor;
        while (i > 0 && /\s/.test(this._chars[i - 1]!)) i--;
        while (i > 0 && !/\s/.test(this._chars[i - 1]!)) i--;
        this._kill(i, this._cursor);
        break;
      }
      case '\x19': // Ctrl-Y
        if (this._killed) this._insert(this._killed);
        break;
      case '\x0c': // Ctrl-L
        this._clearScreen();
        break;
      case '\x03': // Ctrl-C
        this._moveTo(this._normal(this._layout().end));
        this._host.draw('^C\r\n');
        return { kind: 'interrupt' };
      case '\x10': // Ctrl-P
        this._historyMove(-1);
        break;
      case '\x0e': // Ctrl-N
        this._historyMove(1);
        break;
      case '\x14': // Ctrl-T
        this._transpose();
        break;
      case '\x12': // Ctrl-R
        this._isearchStart();
        break;
      case '\t':
        await this._complete(wasTab);
        break;
      default:
        // Other control keys do nothing here, as in readline's emacs map.
        break;
    }
    return null;
  }

  private _named(name: NonNullable<ReturnType<typeof keyName>>): void {
    switch (name) {
      case 'left':
        this._moveCursor(this._prevStop(this._cursor));
        break;
      case 'right':
        this._moveCursor(this._nextStop(this._cursor));
        break;
      case 'home':
        this._moveCursor(0);
        break;
      case 'end':
        this._moveCursor(this._chars.length);
        break;
      case 'delete':
        if (this._cursor < this._chars.length) this._deleteRange(this._cursor, this._nextStop(this._cursor));
        break;
      case 'up':
        this._historyMove(-1);
        break;
      case 'down':
        this._historyMove(1);
        break;
      case 'word-left':
        this._moveCursor(this._wordLeft(this._cursor));
        break;
      case 'word-right':
        this._moveCursor(this._wordRight(this._cursor));
        break;
      default:
        break;
    }
  }

  /** Alt-key bindings (ESC followed by a key). */
  private _meta(key: string): void {
    switch (key) {
      case 'd':
        this._kill(this._cursor, this._wordRight(this._cursor));
        break;
      case '\x7f':
      case '\x08':
        this._kill(this._wordLeft(this._cursor), this._cursor);
        break;
      case '<':
        this._historyGo(0);
        break;
      case '>':
        this._historyGo(this._history?.length ?? 0);
        break;
      default:
        break;
    }
  }

  private _paste(text: string): ReadLineResult | null {
    const normal = text.replace(/\r\n?/g, '\n');
    const nl = normal.indexOf('\n');
    const first = nl >= 0 ? normal.slice(0, nl) : normal;
    // Pasted control characters are not commands; tabs stay literal (as readline inserts them).
    this._insert(first.replace(/[\x00-\x08\x0a-\x1f\x7f]/g, ''));
    if (nl < 0) return null;
    const rest = normal.slice(nl + 1);
    if (rest !== '') this._host.unshiftInput(PASTE_START + rest + PASTE_END);
    return this._accept();
  }

  private _accept(): ReadLineResult {
    const text = this._chars.join('');
    const end = this._layout().end;
    if (this._phys.row === end.row && this._phys.col === end.col && end.col >= this._cols) this._host.draw('\r\n');
    else {
      this._moveTo(this._normal(end));
      this._host.draw(end.col >= this._cols ? '' : '\r\n');
    }
    if (this._history && text.trim() !== '') this._history.push(text);
    return { kind: 'line', text };
  }

  // -------------------------------------------------------------------------------------------------------------
  // Editing

  private _insert(text: string): void {
    const cps = codePoints(text).filter((c) => {
      const cp = c.codePointAt(0)!;
      return cp === 9 || (cp >= 0x20 && cp !== 0x7f);
    });
    if (cps.length === 0) return;
    const at = this._cursor;
    this._chars.splice(at, 0, ...cps);
    this._cursor += cps.length;
    if (at === this._chars.length - cps.length && this._atDrawnEnd()) {
      // Typing at the end: the characters are all the terminal needs.
      this._host.draw(cps.map(display).join(''));
      const end = this._layout().end;
      this._phys = { ...end };
      this._drawnEnd = { ...end };
      return;
    }
    this._refreshFrom(at);
  }

  private _atDrawnEnd(): boolean {
    return this._phys.row === this._drawnEnd.row && this._phys.col === this._drawnEnd.col;
  }

  private _deleteRange(from: number, to: number): void {
    if (to <= from) return;
    this._chars.splice(from, to - from);
    this._cursor = from;
    this._refreshFrom(from);
  }

  private _kill(from: number, to: number): void {
    if (to <= from) return;
    this._killed = this._chars.slice(from, to).join('');
    this._deleteRange(from, to);
  }

  private _transpose(): void {
    if (this._chars.length < 2 || this._cursor === 0) return;
    let i = this._cursor === this._chars.length ? this._cursor - 1 : this._cursor;
    const a = this._chars[i - 1]!;
    this._chars[i - 1] = this._chars[i]!;
    this._chars[i] = a;
    i++;
    this._cursor = i;
    this._refreshFrom(i - 2);
  }

  private _setLine(text: string): void {
    this._chars = codePoints(text);
    this._cursor = this._chars.length;
    this._refreshFrom(0);
  }

  private _historyMove(delta: number): void {
    this._historyGo(this._histIndex + delta);
  }

  private _historyGo(index: number): void {
    const h = this._history;
    if (!h) return;
    if (index < 0 || index > h.length || index === this._histIndex) return;
    this._scratch.set(this._histIndex, this._chars.join(''));
    this._histIndex = index;
    this._setLine(this._scratch.get(index) ?? h[index] ?? '');
  }

  /** Cursor stops skip zero-width characters (combining marks stay with their base). */
  private _prevStop(i: number): number {
    if (i <= 0) return 0;
    let j = i - 1;
    while (j > 0 && charWidth(this._chars[j]!.codePointAt(0)!) === 0) j--;
    return j;
  }

  private _nextStop(i: number): number {
    const n = this._chars.length;
    if (i >= n) return n;
    let j = i + 1;
    while (j < n && charWidth(this._chars[j]!.codePointAt(0)!) === 0) j++;
    return j;
  }

  private _isWordChar(i: number): boolean {
    return /[\p{L}\p{N}]/u.test(this._chars[i] ?? '');
  }

  private _wordLeft(i: number): number {
    while (i > 0 && !this._isWordChar(i - 1)) i--;
    while (i > 0 && this._isWordChar(i - 1)) i--;
    return i;
  }

  private _wordRight(i: number): number {
    const n = this._chars.length;
    while (i < n && !this._isWordChar(i)) i++;
    while (i < n && this._isWordChar(i)) i++;
    return i;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Reverse incremental search (bash's Ctrl-R)

  private _isearchStart(): void {
    if (!this._history) return;
    this._isearch = { pattern: '', index: this._histIndex, failed: false, saved: { chars: [...this._chars], cursor: this._cursor, histIndex: this._histIndex } };
    this._isearchShow();
  }

  /** Handles a key during the search; 'pass' ends the search and lets the key act on the found line. */
  private _isearchKey(key: KeyToken): ReadLineResult | null | 'pass' {
    const s = this._isearch!;
    const raw = key.raw;
    if (key.paste === undefined && raw === '\x12') {
      this._isearchFind(s.index - 1);
      return null;
    }
    if (key.paste === undefined && (raw === '\x7f' || raw === '\x08')) {
      s.pattern = codePoints(s.pattern).slice(0, -1).join('');
      this._isearchFind(s.saved.histIndex - 1);
      return null;
    }
    if (key.paste === undefined && raw === '\x07') {
      // Ctrl-G: give up, back to the line as it was.
      this._chars = [...s.saved.chars];
      this._cursor = s.saved.cursor;
      this._histIndex = s.saved.histIndex;
      this._isearchEnd();
      return null;
    }
    const text = key.paste ?? raw;
    const cp = text.codePointAt(0)!;
    if (key.paste !== undefined || (cp >= 0x20 && cp !== 0x7f && !text.startsWith('\x1b'))) {
      s.pattern += text.replace(/[\x00-\x1f\x7f]/g, '');
      // The current match stays if it still contains the longer pattern.
      this._isearchFind(s.index);
      return null;
    }
    this._isearchEnd();
    // Esc only ends the search; any other key (Enter, arrows, Ctrl-A...) ends it and then acts.
    return raw === '\x1b' ? null : 'pass';
  }

  /** Looks for the pattern in history from entry `from` backwards. */
  private _isearchFind(from: number): void {
    const s = this._isearch!;
    const h = this._history ?? [];
    for (let i = Math.min(from, h.length - 1); i >= 0; i--) {
      const entry = i === this._histIndex && this._scratch.has(i) ? this._scratch.get(i)! : h[i]!;
      const at = s.pattern === '' ? -1 : entry.lastIndexOf(s.pattern);
      if (at >= 0) {
        s.index = i;
        s.failed = false;
        this._histIndex = i;
        this._chars = codePoints(entry);
        this._cursor = codePoints(entry.slice(0, at)).length;
        this._isearchShow();
        return;
      }
    }
    s.failed = s.pattern !== '';
    this._isearchShow();
  }

  private _isearchShow(): void {
    const s = this._isearch!;
    this._setPromptLine(`(${s.failed ? 'failed ' : ''}reverse-i-search)\`${s.pattern}': `);
  }

  private _isearchEnd(): void {
    this._isearch = null;
    const nl = this._promptOut.lastIndexOf('\n');
    this._setPromptLine(nl >= 0 ? this._promptOut.slice(nl + 1) : this._promptOut);
  }

  /** Replaces the last line of the prompt (the search display) and redraws prompt and line in place. */
  private _setPromptLine(out: string): void {
    this._moveTo({ row: 0, col: this._startCol });
    this._promptLastOut = out;
    this._promptLastWidths = codePoints(splitPrompt(out).visible).map((c) => charWidth(c.codePointAt(0)!));
    this._host.draw(out + this._chars.map(display).join(''));
    const end = this._layout().end;
    this._phys = { ...end };
    const old = this._drawnEnd;
    if (old.row > end.row || (old.row === end.row && old.col > end.col)) {
      if (this._phys.col >= this._cols) {
        this._host.draw('\r\n');
        this._phys = { row: this._phys.row + 1, col: 0 };
      }
      this._host.draw('\x1b[J');
    }
    this._drawnEnd = { ...end };
    this._moveTo(this._cursorPos());
  }

  // -------------------------------------------------------------------------------------------------------------
  // Completion

  private async _complete(wasTab: boolean): Promise<void> {
    const complete = this._options.complete;
    if (!complete) {
      this._insert('\t');
      return;
    }
    const line = this._chars.join('');
    const cursorStr = this._chars.slice(0, this._cursor).join('').length;
    let result: Completion;
    try {
      result = await complete(line, cursorStr);
    } catch {
      this._host.draw('\x07');
      return;
    }
    const start = Math.max(0, Math.min(result.start, cursorStr));
    const startChar = codePoints(line.slice(0, start)).length;
    const word = line.slice(start, cursorStr);
    const cands = [...new Set(result.candidates)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (cands.length === 0) {
      this._host.draw('\x07');
      return;
    }
    if (cands.length === 1) {
      const c = cands[0]!;
      const space = result.appendSpace ?? !c.endsWith('/');
      this._replaceWord(startChar, c + (space ? ' ' : ''));
      return;
    }
    const prefix = commonPrefix(cands);
    if (wasTab) {
      await this._listCandidates(cands);
      return;
    }
    if (prefix.length > word.length) this._replaceWord(startChar, prefix);
    this._host.draw('\x07');
    this._lastWasTab = true;
  }

  private _replaceWord(startChar: number, text: string): void {
    const old = this._chars.slice(startChar, this._cursor).join('');
    if (old === text) return;
    const cps = codePoints(text);
    const atEnd = this._cursor === this._chars.length;
    if (atEnd && text.startsWith(old)) {
      this._insert(text.slice(old.length));
      return;
    }
    this._chars.splice(startChar, this._cursor - startChar, ...cps);
    this._cursor = startChar + cps.length;
    this._refreshFrom(startChar);
  }

  /** Lists candidates below the line in columns, as readline does, then redraws prompt and line. */
  private async _listCandidates(cands: readonly string[]): Promise<void> {
    this._moveTo(this._normal(this._layout().end));
    if (this._layout().end.col < this._cols) this._host.draw('\r\n');
    if (cands.length >= QUERY_ITEMS) {
      this._host.draw(`Display all ${cands.length} possibilities? (y or n)`);
      const key = await this._host.takeKey();
      const k = key?.raw ?? 'n';
      this._host.draw('\r\n');
      if (k !== 'y' && k !== 'Y' && k !== ' ') {
        this._redrawAll();
        return;
      }
    }
    this._host.draw(formatColumns(cands.map(printablePart), this._cols));
    this._redrawAll();
  }

  // -------------------------------------------------------------------------------------------------------------
  // Screen

  private _drawPrompt(): void {
    const nl = this._promptOut.lastIndexOf('\n');
    const head = nl >= 0 ? this._promptOut.slice(0, nl + 1) : '';
    this._host.draw((head + this._promptLastOut).replace(/\r?\n/g, '\r\n'));
    const p = this._promptEnd();
    this._phys = { ...p };
    this._drawnEnd = { ...p };
  }

  /** Prompt and line from scratch at the cursor's current row (after a completion list or Ctrl-L). */
  private _redrawAll(): void {
    this._startCol = 0;
    this._drawPrompt();
    this._host.draw(this._chars.map(display).join(''));
    const end = this._layout().end;
    this._phys = { ...end };
    this._drawnEnd = { ...end };
    this._moveTo(this._cursorPos());
  }

  private _clearScreen(): void {
    this._host.draw('\x1b[H\x1b[2J');
    this._redrawAll();
  }

  private _promptEnd(): Pos {
    const p = { row: 0, col: this._startCol };
    for (const w of this._promptLastWidths) place(p, w, this._cols);
    return p;
  }

  /** Screen position of every character and of the end, given the prompt. */
  private _layout(): { pos: Pos[]; end: Pos } {
    const p = this._promptEnd();
    const pos: Pos[] = [];
    for (const ch of this._chars) pos.push(place(p, cellWidth(ch), this._cols));
    return { pos, end: p };
  }

  /** A pending wrap (col === columns) shows the cursor at the start of the next row. */
  private _normal(p: Pos): Pos {
    return p.col >= this._cols ? { row: p.row + 1, col: 0 } : p;
  }

  private _cursorPos(): Pos {
    const l = this._layout();
    return this._normal(this._cursor < this._chars.length ? l.pos[this._cursor]! : l.end);
  }

  private _moveCursor(i: number): void {
    this._cursor = Math.max(0, Math.min(i, this._chars.length));
    this._moveTo(this._cursorPos());
  }

  /** Moves the terminal cursor to `t` (a normalised position) with relative moves only. */
  private _moveTo(t: Pos): void {
    let { row, col } = this._phys;
    if (row === t.row && col === t.col) return;
    let s = '';
    if (col >= this._cols) {
      if (t.row === row + 1 && t.col === 0) {
        this._host.draw('\r\n');
        this._phys = { ...t };
        return;
      }
      s += '\r';
      col = 0;
    }
    if (t.row < row) s += t.row === row - 1 ? '\x1b[A' : `\x1b[${row - t.row}A`;
    else if (t.row > row) {
      // Down to column 0 by CR LF (scrolls if the row is not on screen yet); elsewhere by CUD, because a real tty
      // in Node's raw mode keeps ONLCR and would turn a bare LF into CR LF.
      if (t.col === 0) {
        s += '\r\n'.repeat(t.row - row);
        col = 0;
      } else s += t.row === row + 1 ? '\x1b[B' : `\x1b[${t.row - row}B`;
    }
    if (t.col !== col) {
      if (t.col === 0) s += '\r';
      else if (t.col > col) s += t.col - col === 1 ? '\x1b[C' : `\x1b[${t.col - col}C`;
      else s += col - t.col === 1 ? '\b' : `\x1b[${col - t.col}D`;
    }
    this._host.draw(s);
    this._phys = { ...t };
  }

  /** Redraws from character `i` to the end, clears what is left of a longer old line, puts the cursor back. */
  private _refreshFrom(i: number): void {
    const l = this._layout();
    // Start right after the previous character (not at character i): when a wide character wraps, the terminal
    // then blanks the cell it leaves behind.
    const prev = i > 0 ? l.pos[i - 1]! : null;
    const from = prev ? { row: prev.row, col: prev.col + cellWidth(this._chars[i - 1]!) } : this._promptEnd();
    this._moveTo(this._normal(from));
    const tail = this._chars.slice(i).map(display).join('');
    this._host.draw(tail);
    // Writing up to the right edge leaves the terminal in a pending wrap; writing nothing leaves it where it went.
    if (tail !== '') this._phys = { ...l.end };
    const old = this._drawnEnd;
    if (old.row > l.end.row || (old.row === l.end.row && old.col > l.end.col)) {
      if (this._phys.col >= this._cols) {
        this._host.draw('\r\n');
        this._phys = { row: this._phys.row + 1, col: 0 };
      }
      this._host.draw('\x1b[J');
    }
    this._drawnEnd = { ...l.end };
    this._moveTo(this._cursorPos());
  }
}

/** Puts a character of width `w` at `p` (wrapping first when it does not fit), returns where it went. */
function place(p: Pos, w: number, cols: number): Pos {
  if (w > 0 && p.col + w > cols) {
    p.row++;
    p.col = 0;
  }
  const at = { row: p.row, col: p.col };
  p.col += w;
  return at;
}

/** Tabs show as one space in the edited line (their width would depend on the column). */
function display(ch: string): string {
  return ch === '\t' ? ' ' : ch;
}

function cellWidth(ch: string): number {
  return ch === '\t' ? 1 : charWidth(ch.codePointAt(0)!);
}

export function commonPrefix(words: readonly string[]): string {
  if (words.length === 0) return '';
  let p = words[0]!;
  for (const w of words) {
    let i = 0;
    while (i < p.length && i < w.length && p[i] === w[i]) i++;
    p = p.slice(0, i);
  }
  return p;
}

/** What readline shows of a file-name candidate: the last path component (`/usr/bin/` → `bin/`). */
function printablePart(c: string): string {
  const trimmed = c.endsWith('/') ? c.slice(0, -1) : c;
  const slash = trimmed.lastIndexOf('/');
  return slash >= 0 ? c.slice(slash + 1) : c;
}

/**
 * Readline's `rl_display_match_list`: column width is the longest item plus 2, as many columns as fit (one fewer when
 * they fill the line exactly), items run down the columns. Every row ends in `\r\n`.
 */
export function formatColumns(items: readonly string[], screenWidth: number): string {
  let max = 0;
  for (const it of items) max = Math.max(max, stringWidth(it));
  max += 2;
  let limit = Math.floor(screenWidth / max);
  if (limit !== 1 && limit * max === screenWidth) limit--;
  if (limit <= 0) limit = 1;
  const count = Math.ceil(items.length / limit);
  let out = '';
  for (let i = 0; i < count; i++) {
    let row = '';
    for (let j = 0; j < limit; j++) {
      const l = j * count + i;
      if (l >= items.length) break;
      const it = items[l]!;
      row += it;
      if (j + 1 < limit && l + count < items.length) row += ' '.repeat(max - stringWidth(it));
    }
    out += row + '\r\n';
  }
  return out;
}
