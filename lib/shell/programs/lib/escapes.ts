/**
 * Backslash escapes as `echo -e`, `printf` formats and `printf %b` interpret them. The result is bytes, not a
 * string: `\xff` and `\377` must produce one raw byte, while ordinary text is UTF-8.
 */

import { concatBytes, encodeText } from '../../../engine/process/text';

/** Accumulates UTF-8 text and raw bytes. */
export class ByteBuilder {
  private readonly _chunks: Uint8Array[] = [];
  private _text = '';
  text(s: string): void {
    this._text += s;
  }
  byte(b: number): void {
    this._flush();
    this._chunks.push(Uint8Array.of(b & 0xff));
  }
  bytes(b: Uint8Array): void {
    this._flush();
    this._chunks.push(b);
  }
  /** Unicode code point as UTF-8 (`\u00e9`). */
  codePoint(cp: number): void {
    this._text += cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? String.fromCodePoint(cp) : '\ufffd';
  }
  private _flush(): void {
    if (this._text !== '') {
      this._chunks.push(encodeText(this._text));
      this._text = '';
    }
  }
  get empty(): boolean {
    return this._text === '' && this._chunks.every((c) => c.length === 0);
  }
  build(): Uint8Array {
    this._flush();
    return concatBytes(this._chunks);
  }
}

const SIMPLE: Readonly<Record<string, number>> = { a: 7, b: 8, e: 27, E: 27, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92 };

const isOct = (c: string | undefined) => c !== undefined && c >= '0' && c <= '7';
const isHex = (c: string | undefined) => c !== undefined && /^[0-9a-fA-F]$/.test(c);

export interface EscapeOptions {
  /**
   * `echo`/`%b`: octal needs a leading 0 (`\0NNN`, up to 3 digits after it); `%b` also takes `\NNN`.
   * `format`: printf format strings take `\NNN` (1-3 digits) and `\"`.
   */
  readonly mode: 'echo' | 'b' | 'format';
  /** Accept `\uHHHH` / `\UHHHHHHHH` (bash, GNU printf). */
  readonly unicode?: boolean;
}

/**
 * Interprets escapes in `s`, appending to `out`. Returns true when `\c` was met: the caller must stop all
 * further output (echo, printf %b).
 */
export function appendEscaped(out: ByteBuilder, s: string, options: EscapeOptions): boolean {
  let i = 0;
  while (i < s.length) {
    const j = s.indexOf('\\', i);
    if (j < 0) {
      out.text(s.slice(i));
      break;
    }
    out.text(s.slice(i, j));
    i = j + 1;
    if (i >= s.length) {
      out.text('\\');
      break;
    }
    const c = s[i]!;
    if (c in SIMPLE && !(c === 'E' && options.mode === 'format')) {
      out.byte(SIMPLE[c]!);
      i++;
    } else if (c === 'c' && options.mode !== 'format') {
      return true;
    } else if (c === 'c') {
      // GNU printf: `\c` in the format also ends output.
      return true;
    } else if (c === '"' && options.mode === 'format') {
      out.text('"');
      i++;
    } else if (c === '0' && options.mode !== 'format') {
      let k = i + 1;
      let v = 0;
      while (k < s.length && k < i + 4 && isOct(s[k])) v = v * 8 + Number(s[k++]);
      out.byte(v);
      i = k;
    } else if (isOct(c) && (options.mode === 'format' || options.mode === 'b')) {
      let k = i;
      let v = 0;
      while (k < s.length && k < i + 3 && isOct(s[k])) v = v * 8 + Number(s[k++]);
      out.byte(v);
      i = k;
    } else if (c === 'x' && isHex(s[i + 1])) {
      let k = i + 1;
      let v = 0;
      while (k < s.length && k < i + 3 && isHex(s[k])) v = v * 16 + parseInt(s[k++]!, 16);
      out.byte(v);
      i = k;
    } else if ((c === 'u' || c === 'U') && options.unicode && isHex(s[i + 1])) {
      const max = c === 'u' ? 4 : 8;
      let k = i + 1;
      let v = 0;
      while (k < s.length && k < i + 1 + max && isHex(s[k])) v = v * 16 + parseInt(s[k++]!, 16);
      out.codePoint(v);
      i = k;
    } else {
      out.text('\\' + c);
      i++;
    }
  }
  return false;
}
