/**
 * How many terminal cells a character takes: 0 for combining marks and controls, 2 for East Asian wide and
 * fullwidth characters and emoji, 1 otherwise (a compact wcwidth, enough for prompts, CJK file names and emoji).
 */

const ZERO_WIDTH: ReadonlyArray<readonly [number, number]> = [
  [0x0300, 0x036f],
  [0x0483, 0x0489],
  [0x0591, 0x05bd],
  [0x0610, 0x061a],
  [0x064b, 0x065f],
  [0x0e31, 0x0e31],
  [0x0e34, 0x0e3a],
  [0x0e47, 0x0e4e],
  [0x1ab0, 0x1aff],
  [0x1dc0, 0x1dff],
  [0x200b, 0x200f],
  [0x2028, 0x202e],
  [0x2060, 0x2064],
  [0x20d0, 0x20ff],
  [0xfe00, 0xfe0f],
  [0xfe20, 0xfe2f],
  [0xfeff, 0xfeff],
  [0xe0100, 0xe01ef],
];

const WIDE: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f],
  [0x231a, 0x231b],
  [0x2329, 0x232a],
  [0x23e9, 0x23ec],
  [0x25fd, 0x25fe],
  [0x2614, 0x2615],
  [0x2648, 0x2653],
  [0x26a1, 0x26a1],
  [0x26aa, 0x26ab],
  [0x26bd, 0x26be],
  [0x26c4, 0x26c5],
  [0x26d4, 0x26d4],
  [0x26ea, 0x26ea],
  [0x26f5, 0x26f5],
  [0x26fa, 0x26fa],
  [0x26fd, 0x26fd],
  [0x2705, 0x2705],
  [0x270a, 0x270b],
  [0x2728, 0x2728],
  [0x274c, 0x274c],
  [0x2753, 0x2755],
  [0x2757, 0x2757],
  [0x2795, 0x2797],
  [0x27b0, 0x27b0],
  [0x2b1b, 0x2b1c],
  [0x2b50, 0x2b50],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f004, 0x1f004],
  [0x1f0cf, 0x1f0cf],
  [0x1f18e, 0x1f18e],
  [0x1f191, 0x1f19a],
  [0x1f200, 0x1f251],
  [0x1f300, 0x1f64f],
  [0x1f680, 0x1f6ff],
  [0x1f900, 0x1f9ff],
  [0x1fa70, 0x1faff],
  [0x20000, 0x3fffd],
];

function inRanges(cp: number, ranges: ReadonlyArray<readonly [number, number]>): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = ranges[mid]!;
    if (cp < r[0]) hi = mid - 1;
    else if (cp > r[1]) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Cells taken by one code point. */
export function charWidth(cp: number): number {
  if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return 0;
  if (cp < 0x300) return 1;
  if (inRanges(cp, ZERO_WIDTH)) return 0;
  return inRanges(cp, WIDE) ? 2 : 1;
}

/** Cells taken by a string without escape sequences. */
export function stringWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += charWidth(ch.codePointAt(0)!);
  return w;
}

/** Splits a string into code points (one array element per character). */
export function codePoints(s: string): string[] {
  return Array.from(s);
}

/**
 * What a prompt string shows: readline's `\x01...\x02` invisible markers (bash's `\[ \]`) and escape sequences take
 * no cells. Returns the text to write (markers removed) and the printable text (for measuring).
 */
export function splitPrompt(prompt: string): { readonly output: string; readonly visible: string } {
  let output = '';
  let visible = '';
  let hidden = false;
  for (let i = 0; i < prompt.length; i++) {
    const c = prompt[i]!;
    if (c === '\x01') {
      hidden = true;
      continue;
    }
    if (c === '\x02') {
      hidden = false;
      continue;
    }
    if (c === '\x1b') {
      const end = escapeEnd(prompt, i);
      output += prompt.slice(i, end);
      i = end - 1;
      continue;
    }
    output += c;
    if (!hidden) visible += c;
  }
  return { output, visible };
}

/** Index just past the escape sequence starting at `s[i]` (CSI, OSC, two-character escapes). */
export function escapeEnd(s: string, i: number): number {
  const next = s[i + 1];
  if (next === '[') {
    let j = i + 2;
    while (j < s.length && /[0-9;?<=>!:\s"'$ ]/.test(s[j]!)) j++;
    return Math.min(j + 1, s.length);
  }
  if (next === ']') {
    let j = i + 2;
    while (j < s.length) {
      if (s[j] === '\x07') return j + 1;
      if (s[j] === '\x1b' && s[j + 1] === '\\') return j + 2;
      j++;
    }
    return s.length;
  }
  return Math.min(i + 2, s.length);
}

/** Removes escape sequences (for measuring what a program printed). */
export function stripAnsi(s: string): string {
  if (!s.includes('\x1b')) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '\x1b') {
      i = escapeEnd(s, i) - 1;
      continue;
    }
    out += s[i];
  }
  return out;
}
