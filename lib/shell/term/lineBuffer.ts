/**
 * Text-editing steps shared by the full-screen editors (vi's insert mode, nano): a buffer of lines and a cursor
 * counted in code points, so a CJK character or an emoji moves and deletes as one character.
 */

export interface LineBuffer {
  lines: string[];
  /** Cursor line. */
  cy: number;
  /** Cursor column, in code points. */
  cx: number;
}

/** The code points of a string. */
export const codePoints = (s: string): string[] => Array.from(s);

/** Inserts `text` (may contain newlines) at the cursor and leaves the cursor after it. */
export function insertAtCursor(buf: LineBuffer, text: string): void {
  const chars = codePoints(buf.lines[buf.cy]!);
  const before = chars.slice(0, buf.cx).join('');
  const after = chars.slice(buf.cx).join('');
  buf.lines.splice(buf.cy, 1, ...(before + text + after).split('\n'));
  const inserted = text.split('\n');
  buf.cy += inserted.length - 1;
  buf.cx = inserted.length > 1 ? codePoints(inserted[inserted.length - 1]!).length : buf.cx + codePoints(text).length;
}

/** Deletes the character before the cursor, joining with the previous line at column 0. False when at the very start. */
export function backspaceAtCursor(buf: LineBuffer): boolean {
  if (buf.cx > 0) {
    const chars = codePoints(buf.lines[buf.cy]!);
    chars.splice(buf.cx - 1, 1);
    buf.lines[buf.cy] = chars.join('');
    buf.cx--;
    return true;
  }
  if (buf.cy > 0) {
    const prev = buf.lines[buf.cy - 1]!;
    buf.lines.splice(buf.cy - 1, 2, prev + buf.lines[buf.cy]!);
    buf.cy--;
    buf.cx = codePoints(prev).length;
    return true;
  }
  return false;
}
