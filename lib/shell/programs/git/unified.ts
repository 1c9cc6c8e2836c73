/**
 * Git's textual diff of two blobs: unified hunks with three lines of context, hunks closer than two contexts
 * merged (xdiff's rule), `@@ -a,b +c,d @@ <function line>` headers where the function line is the nearest earlier
 * line of the old file starting with a letter, `_` or `$` (xdiff's default), and the "No newline" marker.
 */
import { diffSequences } from '../lib/lcs';
import { C, RESET } from './colors';

const dec = new TextDecoder();
const CONTEXT = 3;

/** Git treats content with a NUL in its first 8000 bytes as binary. */
export function isBinary(b: Uint8Array): boolean {
  return b.subarray(0, 8000).includes(0);
}

/** Lines with their newline kept, so a missing final newline shows as a different line. */
function splitLines(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n') {
      out.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

export interface LineCounts {
  readonly added: number;
  readonly removed: number;
}

export function countLines(a: Uint8Array, b: Uint8Array): LineCounts {
  if (isBinary(a) || isBinary(b)) return { added: 0, removed: 0 };
  let added = 0;
  let removed = 0;
  for (const h of diffSequences(splitLines(dec.decode(a)), splitLines(dec.decode(b)))) {
    removed += h.aEnd - h.aStart;
    added += h.bEnd - h.bStart;
  }
  return { added, removed };
}

function funcLine(lines: readonly string[], before: number): string {
  for (let i = before; i >= 0; i--) {
    const l = lines[i]!;
    if (/^[A-Za-z_$]/.test(l)) {
      const enc = new TextEncoder().encode(l.replace(/\n$/, ''));
      return dec.decode(enc.subarray(0, 80)).replace(/\s+$/, '');
    }
  }
  return '';
}

function range(start: number, count: number): string {
  if (count === 1) return `${start + 1}`;
  return count === 0 ? `${start},0` : `${start + 1},${count}`;
}

/** One diff line; colored as git does: removed lines whole, added lines with the sign apart and trailing blanks flagged. */
function emit(prefix: string, line: string, color: boolean): string {
  const text = line.endsWith('\n') ? line.slice(0, -1) : line;
  const missing = line.endsWith('\n') ? '' : `\\ No newline at end of file${color ? RESET : ''}\n`;
  if (!color) return `${prefix}${text}\n${missing}`;
  if (prefix === '-') return `${C.red}-${text}${RESET}\n${missing}`;
  if (prefix === '+') {
    const body = text.replace(/[ \t]+$/, '');
    const trailing = text.slice(body.length);
    return `${C.green}+${RESET}${body === '' ? '' : `${C.green}${body}${RESET}`}${trailing ? `${C.redBackground}${trailing}${RESET}` : ''}\n${missing}`;
  }
  return ` ${text}${RESET}\n${missing}`;
}

/** The hunks (`@@ ...` onwards) turning `a` into `b`; empty when they are equal. */
export function unifiedHunks(a: Uint8Array, b: Uint8Array, color = false): string {
  const A = splitLines(dec.decode(a));
  const B = splitLines(dec.decode(b));
  const changes = diffSequences(A, B);
  if (changes.length === 0) return '';
  let out = '';
  let i = 0;
  while (i < changes.length) {
    let j = i;
    while (j + 1 < changes.length && changes[j + 1]!.aStart - changes[j]!.aEnd <= 2 * CONTEXT) j++;
    const first = changes[i]!;
    const last = changes[j]!;
    const aStart = Math.max(0, first.aStart - CONTEXT);
    const bStart = Math.max(0, first.bStart - CONTEXT);
    const aEnd = Math.min(A.length, last.aEnd + CONTEXT);
    const bEnd = Math.min(B.length, last.bEnd + CONTEXT);
    const fn = funcLine(A, aStart - 1);
    const head = `@@ -${range(aStart, aEnd - aStart)} +${range(bStart, bEnd - bStart)} @@`;
    out += color ? `${C.cyan}${head}${RESET}${fn ? ` ${RESET}${fn}${RESET}` : ''}\n` : `${head}${fn ? ` ${fn}` : ''}\n`;
    let ai = aStart;
    for (let k = i; k <= j; k++) {
      const c = changes[k]!;
      for (; ai < c.aStart; ai++) out += emit(' ', A[ai]!, color);
      for (let x = c.aStart; x < c.aEnd; x++) out += emit('-', A[x]!, color);
      for (let x = c.bStart; x < c.bEnd; x++) out += emit('+', B[x]!, color);
      ai = c.aEnd;
    }
    for (; ai < aEnd; ai++) out += emit(' ', A[ai]!, color);
    i = j + 1;
  }
  return out;
}
