/**
 * A small VT100/xterm screen model for tests: enough of the escape sequences the line editor and the full-screen
 * programs use (cursor moves, erase, wrap, wide characters, alternate screen) to assert what a learner would see.
 */

import { charWidth } from '../../shell/term/width';

export class Screen {
  private _lines: string[][];
  private _alt: { lines: string[][]; row: number; col: number } | null = null;
  row = 0;
  col = 0;
  private _pendingWrap = false;
  /** Where the last printed character went. */
  lastPut: { row: number; col: number } | null = null;

  constructor(
    readonly columns = 80,
    readonly rows = 24,
  ) {
    this._lines = this._blank();
  }

  private _blank(): string[][] {
    return Array.from({ length: this.rows }, () => Array<string>(this.columns).fill(' '));
  }

  /** The visible text, one string per row, trailing spaces trimmed. */
  text(): string[] {
    return this._lines.map((l) => l.filter((c) => c !== '').join('').replace(/\s+$/, ''));
  }

  /** Visible rows joined with `\n`, trailing empty rows dropped. */
  toString(): string {
    const t = this.text();
    while (t.length > 0 && t[t.length - 1] === '') t.pop();
    return t.join('\n');
  }

  /** The cursor as the learner sees it: after a pending wrap, at the start of the next row. */
  cursor(): { row: number; col: number } {
    return this._pendingWrap ? { row: this.row + 1, col: 0 } : { row: this.row, col: this.col };
  }

  get inAlternateScreen(): boolean {
    return this._alt !== null;
  }

  write(data: string): void {
    for (let i = 0; i < data.length; i++) {
      const c = data[i]!;
      if (c === '\x1b') {
        i = this._escape(data, i);
        continue;
      }
      if (c === '\r') {
        this.col = 0;
        this._pendingWrap = false;
      } else if (c === '\n') {
        this._lineFeed();
        this._pendingWrap = false;
      } else if (c === '\b') {
        if (this._pendingWrap) this._pendingWrap = false;
        else if (this.col > 0) this.col--;
      } else if (c === '\x07') {
        // bell
      } else if (c === '\t') {
        this.col = Math.min(this.columns - 1, (Math.floor(this.col / 8) + 1) * 8);
      } else {
        const cp = data.codePointAt(i)!;
        const ch = String.fromCodePoint(cp);
        if (cp > 0xffff) i++;
        this._put(ch, charWidth(cp));
      }
    }
  }

  private _put(ch: string, w: number): void {
    if (w === 0) return;
    if (this._pendingWrap || this.col + w > this.columns) {
      // A wide character that does not fit leaves the rest of the row blank (xterm, xterm.js).
      if (!this._pendingWrap) this._lines[this.row]!.fill(' ', this.col);
      this.col = 0;
      this._lineFeed();
      this._pendingWrap = false;
    }
    const line = this._lines[this.row]!;
    this.lastPut = { row: this.row, col: this.col };
    line[this.col] = ch;
    if (w === 2 && this.col + 1 < this.columns) line[this.col + 1] = '';
    this.col += w;
    if (this.col >= this.columns) {
      this.col = this.columns - 1;
      this._pendingWrap = true;
    }
  }

  private _lineFeed(): void {
    if (this.row === this.rows - 1) {
      this._lines.shift();
      this._lines.push(Array<string>(this.columns).fill(' '));
    } else this.row++;
  }

  private _escape(s: string, i: number): number {
    const n = s[i + 1];
    if (n !== '[') {
      if (n === ']') {
        const bel = s.indexOf('\x07', i);
        return bel < 0 ? s.length - 1 : bel;
      }
      return i + 1;
    }
    let j = i + 2;
    while (j < s.length && /[0-9;?]/.test(s[j]!)) j++;
    const params = s.slice(i + 2, j);
    const f = s[j];
    const nums = params.replace('?', '').split(';').map((x) => (x === '' ? NaN : Number(x)));
    const a = Number.isNaN(nums[0]!) ? 1 : nums[0]!;
    this._pendingWrap = false;
    switch (f) {
      case 'A':
        this.row = Math.max(0, this.row - a);
        break;
      case 'B':
        this.row = Math.min(this.rows - 1, this.row + a);
        break;
      case 'C':
        this.col = Math.min(this.columns - 1, this.col + a);
        break;
      case 'D':
        this.col = Math.max(0, this.col - a);
        break;
      case 'G':
        this.col = Math.min(this.columns - 1, a - 1);
        break;
      case 'H':
      case 'f': {
        const r = Number.isNaN(nums[0]!) ? 1 : nums[0]!;
        const c = nums.length > 1 && !Number.isNaN(nums[1]!) ? nums[1]! : 1;
        this.row = Math.min(this.rows - 1, r - 1);
        this.col = Math.min(this.columns - 1, c - 1);
        break;
      }
      case 'J': {
        const mode = Number.isNaN(nums[0]!) ? 0 : nums[0]!;
        if (mode === 2 || mode === 3) this._lines = this._blank();
        else if (mode === 0) {
          this._lines[this.row]!.fill(' ', this.col);
          for (let r = this.row + 1; r < this.rows; r++) this._lines[r]!.fill(' ');
        }
        break;
      }
      case 'K': {
        const mode = Number.isNaN(nums[0]!) ? 0 : nums[0]!;
        if (mode === 0) this._lines[this.row]!.fill(' ', this.col);
        else if (mode === 2) this._lines[this.row]!.fill(' ');
        break;
      }
      case 'h':
        if (params === '?1049' && !this._alt) {
          this._alt = { lines: this._lines, row: this.row, col: this.col };
          this._lines = this._blank();
        }
        break;
      case 'l':
        if (params === '?1049' && this._alt) {
          this._lines = this._alt.lines;
          this.row = this._alt.row;
          this.col = this._alt.col;
          this._alt = null;
        }
        break;
      default:
        break;
    }
    return j;
  }
}
