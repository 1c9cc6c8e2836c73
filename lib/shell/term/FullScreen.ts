/**
 * What full-screen programs (vi, nano, less, more) share: taking the terminal into raw mode and the alternate
 * screen and giving it back on every way out (normal exit, error, signal), reading keys, and drawing frames by
 * rewriting only the rows that changed.
 */

import { SignalExit, type ProcessContext, type ReadStream, type Tty, type TtyMode } from '../../engine/process/Types';
import { decodeText } from '../../engine/process/text';
import { nextKey, PASTE_START, type KeyToken } from './keys';
import { charWidth } from './width';

export interface KeySource {
  /** The next key, or null at end of input. */
  next(): Promise<KeyToken | null>;
}

/** A terminal that can withdraw a pending read (lib/terminal's Pty); duck-typed so lib/shell stays below it. */
interface CancellableTty {
  readRawCancellable(): { readonly result: Promise<Uint8Array | null>; cancel(): void };
}

function isCancellable(t: Tty): t is Tty & CancellableTty {
  return typeof (t as Partial<CancellableTty>).readRawCancellable === 'function';
}

/**
 * Keys from a byte source. A chunk that ends in the middle of an escape sequence is taken as separate keys (a lone
 * Esc arrives alone: terminals send a whole sequence at once), except an unfinished bracketed paste, which waits.
 */
export class ChunkKeys implements KeySource {
  private _buf = '';
  private _pos = 0;
  private _ended = false;
  private readonly _decoder = new TextDecoder('utf-8');

  constructor(private readonly _read: () => Promise<Uint8Array | null>) {}

  async next(): Promise<KeyToken | null> {
    while (true) {
      if (this._pos < this._buf.length) {
        const k = nextKey(this._buf, this._pos);
        if (k) {
          // Esc followed by anything but `[` or `O` is Esc and then that key (vi's Esc typed fast, not Alt).
          const r = k.token.raw;
          if (r.length > 1 && r[0] === '\x1b' && r[1] !== '[' && r[1] !== 'O') {
            this._pos += 1;
            return { raw: '\x1b' };
          }
          this._pos = k.end;
          return k.token;
        }
        const waitForPaste = this._buf.startsWith(PASTE_START, this._pos) && !this._ended;
        if (!waitForPaste) {
          const cp = this._buf.codePointAt(this._pos)!;
          const raw = String.fromCodePoint(cp);
          this._pos += raw.length;
          return { raw };
        }
      } else if (this._ended) return null;
      const chunk = await this._read();
      if (chunk === null) {
        this._ended = true;
        this._buf = this._buf.slice(this._pos) + this._decoder.decode();
        this._pos = 0;
        continue;
      }
      this._buf = this._buf.slice(this._pos) + this._decoder.decode(chunk, { stream: true });
      this._pos = 0;
    }
  }
}

/** Keys from the controlling terminal; a terminating signal ends the wait with SignalExit. */
export function ttyKeys(ctx: ProcessContext, tty: Tty): KeySource {
  return new ChunkKeys(
    () =>
      new Promise<Uint8Array | null>((resolve, reject) => {
        if (ctx.signals.terminating) {
          reject(new SignalExit(ctx.signals.terminating));
          return;
        }
        let cancel = () => {};
        let result: Promise<Uint8Array | null>;
        if (isCancellable(tty)) {
          const r = tty.readRawCancellable();
          cancel = r.cancel;
          result = r.result;
        } else result = tty.read();
        const off = ctx.signals.onSignal(() => {
          if (!ctx.signals.terminating) return;
          off();
          cancel();
          reject(new SignalExit(ctx.signals.terminating));
        });
        result.then(
          (v) => {
            off();
            resolve(v);
          },
          (e) => {
            off();
            reject(e);
          },
        );
      }),
  );
}

/** Keys from a non-terminal stdin (`printf 'ihello\x1b:wq\n' | vi f`). */
export function streamKeys(stream: ReadStream): KeySource {
  return new ChunkKeys(() => stream.read());
}

/** Draws frames (one string per row, already cut to the width) by rewriting only the rows that changed. */
export class Display {
  private _prev: string[] = [];
  private _out = '';
  private _cursor: { row: number; col: number } | null = null;

  constructor(private readonly _tty: Tty | null) {}

  get columns(): number {
    return this._tty?.columns ?? 80;
  }
  get rows(): number {
    return this._tty?.rows ?? 24;
  }

  /** Forget what is on screen (after a resize): the next frame is drawn whole. */
  invalidate(): void {
    this._prev = [];
    this._cursor = null;
    this._out += '\x1b[H\x1b[2J';
  }

  async render(rows: readonly string[], cursor: { row: number; col: number }): Promise<void> {
    if (!this._tty) return;
    let out = this._out;
    this._out = '';
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      if (this._prev[i] === r) continue;
      // A row that fills the width leaves the cursor in a pending wrap where erase-to-end would eat the last cell.
      out += `\x1b[${i + 1};1H${r}${visibleWidth(r) < this.columns ? '\x1b[K' : ''}`;
    }
    this._prev = [...rows];
    const moved = !this._cursor || this._cursor.row !== cursor.row || this._cursor.col !== cursor.col;
    if (out === '' && !moved) return;
    out += `\x1b[${cursor.row + 1};${cursor.col + 1}H`;
    this._cursor = { ...cursor };
    await this._tty.write(out);
  }
}

/**
 * Runs `body` with the terminal in raw mode on the alternate screen, and restores both afterwards, including when
 * a signal ends the program while it waits for a key.
 */
export async function withFullScreen<T>(ctx: ProcessContext, tty: Tty, body: () => Promise<T>): Promise<T> {
  const saved: TtyMode = tty.getMode();
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    void tty.write('\x1b[?1049l');
    tty.setMode(saved);
  };
  const off = ctx.signals.onSignal(() => {
    if (ctx.signals.terminating) restore();
  });
  tty.setMode({ canonical: false, echo: false, isig: false });
  await tty.write('\x1b[?1049h\x1b[H\x1b[2J');
  try {
    return await body();
  } finally {
    off();
    restore();
  }
}

/** Cells a string takes, ignoring SGR escape codes. */
export function visibleWidth(s: string): number {
  let w = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\x1b') {
      while (i < s.length && !/[A-Za-z]/.test(s[i]!)) i++;
      continue;
    }
    const cp = s.codePointAt(i)!;
    if (cp > 0xffff) i++;
    w += charWidth(cp);
  }
  return w;
}

/** Cuts plain text to `width` cells (a wide character that would straddle the edge is dropped). */
export function fitWidth(s: string, width: number): string {
  let w = 0;
  let out = '';
  for (const ch of s) {
    const cw = charWidth(ch.codePointAt(0)!);
    if (w + cw > width) break;
    out += ch;
    w += cw;
  }
  return out;
}

/** Pads plain text with spaces to `width` cells (cutting it first if longer). */
export function padWidth(s: string, width: number): string {
  const t = fitWidth(s, width);
  return t + ' '.repeat(Math.max(0, width - visibleWidth(t)));
}

/** Display cells of a line of text: tabs expand to the next multiple of 8, control characters show as `^X`. */
export function expandLine(line: string): { text: string; starts: number[]; widths: number[] } {
  let text = '';
  const starts: number[] = [];
  const widths: number[] = [];
  let col = 0;
  for (const ch of line) {
    const cp = ch.codePointAt(0)!;
    starts.push(col);
    let shown: string;
    let w: number;
    if (cp === 9) {
      w = 8 - (col % 8);
      shown = ' '.repeat(w);
    } else if (cp < 0x20 || cp === 0x7f) {
      shown = '^' + String.fromCharCode(cp === 0x7f ? 63 : cp + 64);
      w = 2;
    } else {
      shown = ch;
      w = charWidth(cp);
    }
    text += shown;
    widths.push(w);
    col += w;
  }
  starts.push(col);
  return { text, starts, widths };
}

export const decode = decodeText;

/** Screen rows a line of text takes at `cols` columns (tabs expanded, wide characters never split). */
export function wrapRows(line: string, cols: number): string[] {
  const { text } = expandLine(line);
  const rows: string[] = [];
  let row = '';
  let w = 0;
  for (const ch of text) {
    const cw = charWidth(ch.codePointAt(0)!);
    if (w + cw > cols) {
      rows.push(row);
      row = '';
      w = 0;
    }
    row += ch;
    w += cw;
  }
  rows.push(row);
  return rows;
}

/** Splits file text into lines (a final newline does not make an extra empty line). */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
