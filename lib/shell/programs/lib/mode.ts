/** Permission bits: `ls -l` strings, octal text, and chmod's symbolic modes (`u+x,go-w,a=r,+X`). */

import type { FileType, Stat } from '../../../engine/fs/Types';

export function typeChar(type: FileType): string {
  switch (type) {
    case 'file':
      return '-';
    case 'dir':
      return 'd';
    case 'symlink':
      return 'l';
    case 'chardev':
      return 'c';
    case 'blockdev':
      return 'b';
    case 'fifo':
      return 'p';
    case 'socket':
      return 's';
  }
}

/** `drwxr-sr-t` style string (10 characters). */
export function modeString(type: FileType, mode: number): string {
  const rwx = (shift: number, special: number, ch: string) => {
    const r = mode & (4 << shift) ? 'r' : '-';
    const w = mode & (2 << shift) ? 'w' : '-';
    const xBit = (mode & (1 << shift)) !== 0;
    const sBit = (mode & special) !== 0;
    const x = sBit ? (xBit ? ch : ch.toUpperCase()) : xBit ? 'x' : '-';
    return r + w + x;
  };
  return typeChar(type) + rwx(6, 0o4000, 's') + rwx(3, 0o2000, 's') + rwx(0, 0o1000, 't');
}

export function statModeString(st: Stat): string {
  return modeString(st.type, st.mode);
}

/** Octal without leading zeros beyond what `stat %a` shows (`644`, `1777`). */
export function octal(mode: number): string {
  return (mode & 0o7777).toString(8);
}

/**
 * Applies a chmod mode argument to `current`. Numeric modes replace the bits (for directories GNU keeps
 * setuid/setgid unless given with 5+ digits). Symbolic clauses follow chmod(1): who is `ugoa` (none means `a`,
 * masked by `umask` for `+`/`-`/`=`), ops `+ - =`, perms `rwxXst` or a copy from `u`, `g`, `o`.
 * Returns null for an invalid mode.
 */
export function applyMode(spec: string, current: number, isDir: boolean, umask: number): number | null {
  if (/^[0-7]+$/.test(spec)) {
    if (spec.length > 4 && spec.replace(/^0+/, '').length > 4) return null;
    const v = parseInt(spec, 8);
    if (v > 0o7777) return null;
    // GNU chmod keeps a directory's setuid/setgid bits unless they are named explicitly (5 or more digits).
    if (isDir && spec.length < 5) return v | (current & 0o6000);
    return v;
  }
  let mode = current & 0o7777;
  for (const clause of spec.split(',')) {
    const m = /^([ugoa]*)((?:[-+=][rwxXstugo]*)+)$/.exec(clause);
    if (!m) return null;
    const who = m[1]!;
    let mask = 0;
    if (who === '') mask = 0o7777;
    for (const w of who) {
      if (w === 'u') mask |= 0o4700;
      if (w === 'g') mask |= 0o2070;
      if (w === 'o') mask |= 0o1007;
      if (w === 'a') mask |= 0o7777;
    }
    const ops = m[2]!.match(/[-+=][rwxXstugo]*/g) ?? [];
    for (const opText of ops) {
      const op = opText[0]!;
      const perms = opText.slice(1);
      let bits = 0;
      for (const p of perms) {
        if (p === 'r') bits |= 0o444;
        else if (p === 'w') bits |= 0o222;
        else if (p === 'x') bits |= 0o111;
        else if (p === 'X') {
          if (isDir || (mode & 0o111) !== 0) bits |= 0o111;
        } else if (p === 's') bits |= 0o6000;
        else if (p === 't') bits |= 0o1000;
        else {
          // Copy another class's bits: `g=u`.
          const src = p === 'u' ? (mode >> 6) & 7 : p === 'g' ? (mode >> 3) & 7 : mode & 7;
          bits |= (src << 6) | (src << 3) | src;
        }
      }
      // Without `who`, the umask limits what `+`, `-` and `=` touch (chmod(1) "If none of these are given...").
      const effective = who === '' ? bits & mask & ~umask : bits & mask;
      if (op === '+') mode |= effective;
      else if (op === '-') mode &= ~effective;
      else {
        const clear = who === '' ? 0o7777 & ~(isDir ? 0o6000 : 0) : mask & ~(isDir ? 0o6000 : 0);
        mode = (mode & ~clear) | effective;
      }
    }
  }
  return mode;
}
