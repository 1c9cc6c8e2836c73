/** The part of node-semver npm needs for package.json ranges: ^ ~ x-ranges, comparators, ||, hyphen ranges. */

type V = [number, number, number];

function parse(v: string): V | undefined {
  const m = /^v?(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/.exec(v.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

function cmp(a: V, b: V): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** `1`, `1.2`, `1.x`, `*` → the lowest version and how many parts were given. */
function partial(s: string): { v: V; parts: number } | undefined {
  const t = s.replace(/^[=v]+/, '');
  if (t === '' || t === '*' || t === 'x' || t === 'X') return { v: [0, 0, 0], parts: 0 };
  const bits = t.split(/[-+]/)[0]!.split('.');
  const nums: number[] = [];
  for (const b of bits) {
    if (b === 'x' || b === 'X' || b === '*') break;
    if (!/^\d+$/.test(b)) return undefined;
    nums.push(Number(b));
  }
  return { v: [nums[0] ?? 0, nums[1] ?? 0, nums[2] ?? 0], parts: Math.min(nums.length, 3) };
}

function bump(v: V, parts: number): V {
  if (parts <= 0) return [Infinity, 0, 0];
  if (parts === 1) return [v[0] + 1, 0, 0];
  if (parts === 2) return [v[0], v[1] + 1, 0];
  return [v[0], v[1], v[2] + 1];
}

function comparator(c: string, v: V): boolean {
  const m = /^(\^|~>?|>=|<=|>|<|=)?(.*)$/.exec(c)!;
  const op = m[1] ?? '';
  const p = partial(m[2]!);
  if (!p) return false;
  const lo = p.v;
  switch (op) {
    case '^': {
      const hi: V = lo[0] > 0 || p.parts <= 1 ? [lo[0] + 1, 0, 0] : lo[1] > 0 || p.parts <= 2 ? [0, lo[1] + 1, 0] : [0, 0, lo[2] + 1];
      return cmp(v, lo) >= 0 && cmp(v, hi) < 0;
    }
    case '~':
    case '~>': {
      const hi: V = p.parts <= 1 ? [lo[0] + 1, 0, 0] : [lo[0], lo[1] + 1, 0];
      return cmp(v, lo) >= 0 && cmp(v, hi) < 0;
    }
    case '>=':
      return cmp(v, lo) >= 0;
    case '>':
      return p.parts < 3 ? cmp(v, bump(lo, p.parts)) >= 0 : cmp(v, lo) > 0;
    case '<=':
      return p.parts < 3 ? cmp(v, bump(lo, p.parts)) < 0 : cmp(v, lo) <= 0;
    case '<':
      return cmp(v, lo) < 0;
    default:
      return cmp(v, lo) >= 0 && (p.parts === 3 ? cmp(v, lo) === 0 : cmp(v, bump(lo, p.parts)) < 0);
  }
}

/** True when `version` (no prerelease) is in `range`. */
export function satisfiesRange(version: string, range: string): boolean {
  const v = parse(version);
  if (!v) return false;
  const r = range.trim();
  if (r === '' || r === '*' || r === 'latest' || r === 'x') return true;
  return r.split('||').some((set) => {
    const hy = /^\s*(\S+)\s+-\s+(\S+)\s*$/.exec(set);
    if (hy) return comparator(`>=${hy[1]}`, v) && comparator(`<=${hy[2]}`, v);
    const parts = set.trim().replace(/(\^|~>?|>=|<=|>|<|=)\s+/g, '$1').split(/\s+/).filter((x) => x !== '');
    return parts.every((c) => comparator(c, v));
  });
}

/** The highest of `versions` in `range`. */
export function maxSatisfying(versions: readonly string[], range: string): string | undefined {
  let best: V | undefined;
  let bestS: string | undefined;
  for (const s of versions) {
    const v = parse(s);
    // Prereleases only when the range names one (gensync's `^1.0.0-beta.2`).
    if (!v || (/-/.test(s) && !range.includes('-')) || !satisfiesRange(s, range)) continue;
    if (!best || cmp(v, best) > 0) {
      best = v;
      bestS = s;
    }
  }
  return bestS;
}
