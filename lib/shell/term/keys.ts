/**
 * Splits what a keyboard sends into keys: one character, an escape sequence (arrows, Home, Delete, Alt-x) or a
 * bracketed paste (`\x1b[200~ ... \x1b[201~`, sent by terminals whose application turned the mode on).
 */

export const PASTE_START = '\x1b[200~';
export const PASTE_END = '\x1b[201~';

export interface KeyToken {
  /** The bytes of the key as typed. */
  readonly raw: string;
  /** For a bracketed paste: the pasted text, without the markers. */
  readonly paste?: string;
}

/** The key starting at `buf[i]`, or null when the buffer ends in the middle of one (wait for more input). */
export function nextKey(buf: string, i: number): { readonly token: KeyToken; readonly end: number } | null {
  const c = buf.charCodeAt(i);
  if (c !== 0x1b) {
    const cp = buf.codePointAt(i)!;
    const len = cp > 0xffff ? 2 : 1;
    return { token: { raw: buf.slice(i, i + len) }, end: i + len };
  }
  if (i + 1 >= buf.length) return null;
  if (buf.startsWith(PASTE_START, i)) {
    const close = buf.indexOf(PASTE_END, i + PASTE_START.length);
    if (close < 0) return null;
    return { token: { raw: buf.slice(i, close + PASTE_END.length), paste: buf.slice(i + PASTE_START.length, close) }, end: close + PASTE_END.length };
  }
  const rest = buf.length - i;
  if (rest < PASTE_START.length && PASTE_START.startsWith(buf.slice(i))) return null;
  const n = buf[i + 1]!;
  if (n === '[') {
    let j = i + 2;
    while (j < buf.length && buf.charCodeAt(j) >= 0x20 && buf.charCodeAt(j) <= 0x3f) j++;
    if (j >= buf.length) return null;
    const f = buf.charCodeAt(j);
    if (f < 0x40 || f > 0x7e) return { token: { raw: buf.slice(i, j) }, end: j };
    return { token: { raw: buf.slice(i, j + 1) }, end: j + 1 };
  }
  if (n === 'O') {
    if (i + 2 >= buf.length) return null;
    return { token: { raw: buf.slice(i, i + 3) }, end: i + 3 };
  }
  const cp = buf.codePointAt(i + 1)!;
  const len = cp > 0xffff ? 2 : 1;
  return { token: { raw: buf.slice(i, i + 1 + len) }, end: i + 1 + len };
}

/** Names for the editing keys the line editor and full-screen programs understand. */
export type KeyName =
  | 'up'
  | 'down'
  | 'left'
  | 'right'
  | 'home'
  | 'end'
  | 'delete'
  | 'insert'
  | 'pageup'
  | 'pagedown'
  | 'word-left'
  | 'word-right';

/** The editing key an escape sequence stands for (xterm, VT220 and rxvt variants), or null. */
export function keyName(raw: string): KeyName | null {
  switch (raw) {
    case '\x1b[A':
    case '\x1bOA':
      return 'up';
    case '\x1b[B':
    case '\x1bOB':
      return 'down';
    case '\x1b[C':
    case '\x1bOC':
      return 'right';
    case '\x1b[D':
    case '\x1bOD':
      return 'left';
    case '\x1b[H':
    case '\x1bOH':
    case '\x1b[1~':
    case '\x1b[7~':
      return 'home';
    case '\x1b[F':
    case '\x1bOF':
    case '\x1b[4~':
    case '\x1b[8~':
      return 'end';
    case '\x1b[3~':
      return 'delete';
    case '\x1b[2~':
      return 'insert';
    case '\x1b[5~':
      return 'pageup';
    case '\x1b[6~':
      return 'pagedown';
    case '\x1b[1;5C':
    case '\x1b[1;3C':
    case '\x1bf':
      return 'word-right';
    case '\x1b[1;5D':
    case '\x1b[1;3D':
    case '\x1bb':
      return 'word-left';
    default:
      return null;
  }
}

/** Splits everything in `buf` into keys; an incomplete key at the end is returned as `rest`. */
export function splitKeys(buf: string): { readonly keys: KeyToken[]; readonly rest: string } {
  const keys: KeyToken[] = [];
  let i = 0;
  while (i < buf.length) {
    const k = nextKey(buf, i);
    if (!k) break;
    keys.push(k.token);
    i = k.end;
  }
  return { keys, rest: buf.slice(i) };
}
