/** `cut`-style position lists: `1,3-5,7-`, `-2`. */

export interface Range {
  readonly lo: number;
  readonly hi: number;
}

/** Parses a list; returns an error string (GNU wording) when invalid. */
export function parseRangeList(list: string, what: 'fields' | 'positions'): Range[] | string {
  const out: Range[] = [];
  for (const part of list.split(/[, ]/)) {
    if (part === '') return what === 'fields' ? 'fields are numbered from 1' : 'byte/character positions are numbered from 1';
    const m = /^([0-9]*)(-?)([0-9]*)$/.exec(part);
    if (!m || (m[1] === '' && m[3] === '' && m[2] === '-') ) return part === '-' ? 'invalid range with no endpoint: -' : `invalid ${what === 'fields' ? 'field' : 'byte/character position'} value '${part}'`;
    const lo = m[1] === '' ? 1 : Number(m[1]);
    const hi = m[2] === '' ? lo : m[3] === '' ? Infinity : Number(m[3]);
    if (lo === 0 || hi === 0) return what === 'fields' ? 'fields are numbered from 1' : 'byte/character positions are numbered from 1';
    if (hi < lo) return 'invalid decreasing range';
    out.push({ lo, hi });
  }
  return out;
}

export function inRanges(ranges: readonly Range[], n: number): boolean {
  for (const r of ranges) if (n >= r.lo && n <= r.hi) return true;
  return false;
}
