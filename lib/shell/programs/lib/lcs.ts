/**
 * Shortest edit script between two sequences (Myers' O(ND) algorithm), as hunks of replaced ranges. Used by
 * `diff`; generic over anything comparable by key so callers can fold case or whitespace first.
 */

export interface Hunk {
  /** Half-open ranges: a[aStart, aEnd) is replaced by b[bStart, bEnd). */
  readonly aStart: number;
  readonly aEnd: number;
  readonly bStart: number;
  readonly bEnd: number;
}

/** Hunks turning `a` into `b`, in order. Equal sequences give none. */
export function diffSequences<T>(a: readonly T[], b: readonly T[]): Hunk[] {
  // Common prefix and suffix are matched directly: cheap, and it keeps Myers' search small.
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const A = a.slice(pre, a.length - suf);
  const B = b.slice(pre, b.length - suf);
  const n = A.length;
  const m = B.length;
  if (n === 0 && m === 0) return [];
  if (n === 0 || m === 0) return [{ aStart: pre, aEnd: pre + n, bStart: pre, bEnd: pre + m }];

  const max = n + m;
  const offset = max;
  let v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v.slice());
    const next = v;
    for (let k = -d; k <= d; k += 2) {
      let x: number;
      if (k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!)) x = v[offset + k + 1]!;
      else x = v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && A[x] === B[y]) {
        x++;
        y++;
      }
      next[offset + k] = x;
      if (x >= n && y >= m) {
        found = true;
        break;
      }
    }
    v = next;
  }
  trace.push(v.slice());

  // Walk back through the trace to recover the path, collecting the edit operations.
  const ops: ('=' | '-' | '+')[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 2; d >= 0 && (x > 0 || y > 0); d--) {
    const vd = trace[d]!;
    const k = x - y;
    let prevK: number;
    if (k === -d || (k !== d && vd[offset + k - 1]! < vd[offset + k + 1]!)) prevK = k + 1;
    else prevK = k - 1;
    const prevX = d === 0 ? 0 : vd[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push('=');
      x--;
      y--;
    }
    if (d === 0) break;
    if (x === prevX) {
      ops.push('+');
      y--;
    } else {
      ops.push('-');
      x--;
    }
  }
  while (x > 0 && y > 0) {
    ops.push('=');
    x--;
    y--;
  }
  ops.reverse();

  const hunks: Hunk[] = [];
  let i = 0;
  let j = 0;
  let k = 0;
  while (k < ops.length) {
    if (ops[k] === '=') {
      i++;
      j++;
      k++;
      continue;
    }
    const aStart = i;
    const bStart = j;
    while (k < ops.length && ops[k] !== '=') {
      if (ops[k] === '-') i++;
      else j++;
      k++;
    }
    hunks.push({ aStart: aStart + pre, aEnd: i + pre, bStart: bStart + pre, bEnd: j + pre });
  }
  return hunks;
}

/**
 * The edit script GNU diff would choose: diffutils' `compareseq` (Myers' divide and conquer on the middle snake,
 * with its tie-breaking) followed by analyze.c's `shift_boundaries`, which slides each run of changes to merge
 * with neighbouring runs and to line up with changes in the other file. (GNU's heuristics for very large inputs
 * and its discarding of "confusing" lines are not reproduced; on ordinary text the result is the same.)
 */
export function diffLikeGnu<T>(a: readonly T[], b: readonly T[], horizon = 0): Hunk[] {
  // io.c find_identical_ends: identical leading and trailing lines are not analysed at all, except `horizon`
  // of them (the context size for unified output), which stay in and may take part in shifting.
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const from = Math.max(0, pre - horizon);
  const tail = Math.max(0, suf - horizon);
  return analyse(a.slice(from, a.length - tail), b.slice(from, b.length - tail)).map((h) => ({
    aStart: h.aStart + from,
    aEnd: h.aEnd + from,
    bStart: h.bStart + from,
    bEnd: h.bEnd + from,
  }));
}

function analyse<T>(a: readonly T[], b: readonly T[]): Hunk[] {
  // Equivalence classes as small integers, shared by both files.
  const classes = new Map<T, number>();
  const eq = (v: T) => {
    let c = classes.get(v);
    if (c === undefined) {
      c = classes.size;
      classes.set(v, c);
    }
    return c;
  };
  const fullX = a.map(eq);
  const fullY = b.map(eq);
  const n0 = fullX.length;
  const m0 = fullY.length;
  // changed[] with a sentinel slot on each side, as GNU allocates them (index i is stored at i + 1).
  const changedX = new Uint8Array(n0 + 2);
  const changedY = new Uint8Array(m0 + 2);
  // Lines that cannot match (or match too often, in runs of such) are set aside first, as diff does.
  const [xv, xReal] = discardConfusing(fullX, fullY, changedX);
  const [yv, yReal] = discardConfusing(fullY, fullX, changedY);
  const n = xv.length;
  const m = yv.length;
  const size = n + m + 3;
  const fd = new Float64Array(2 * size + 1);
  const bd = new Float64Array(2 * size + 1);
  const off = size;

  const diag = (xoff: number, xlim: number, yoff: number, ylim: number): [number, number] => {
    const dmin = xoff - ylim;
    const dmax = xlim - yoff;
    const fmid = xoff - yoff;
    const bmid = xlim - ylim;
    let fmin = fmid;
    let fmax = fmid;
    let bmin = bmid;
    let bmax = bmid;
    const odd = ((fmid - bmid) & 1) !== 0;
    fd[off + fmid] = xoff;
    bd[off + bmid] = xlim;
    for (;;) {
      if (fmin > dmin) fd[off + --fmin - 1] = -1;
      else ++fmin;
      if (fmax < dmax) fd[off + ++fmax + 1] = -1;
      else --fmax;
      for (let d = fmax; d >= fmin; d -= 2) {
        const tlo = fd[off + d - 1]!;
        const thi = fd[off + d + 1]!;
        let x = tlo < thi ? thi : tlo + 1;
        let y = x - d;
        while (x < xlim && y < ylim && xv[x] === yv[y]) {
          x++;
          y++;
        }
        fd[off + d] = x;
        if (odd && bmin <= d && d <= bmax && bd[off + d]! <= x) return [x, y];
      }
      if (bmin > dmin) bd[off + --bmin - 1] = Number.MAX_SAFE_INTEGER;
      else ++bmin;
      if (bmax < dmax) bd[off + ++bmax + 1] = Number.MAX_SAFE_INTEGER;
      else --bmax;
      for (let d = bmax; d >= bmin; d -= 2) {
        const tlo = bd[off + d - 1]!;
        const thi = bd[off + d + 1]!;
        let x = tlo < thi ? tlo : thi - 1;
        let y = x - d;
        while (xoff < x && yoff < y && xv[x - 1] === yv[y - 1]) {
          x--;
          y--;
        }
        bd[off + d] = x;
        if (!odd && fmin <= d && d <= fmax && x <= fd[off + d]!) return [x, y];
      }
    }
  };

  // An explicit stack instead of recursion keeps deep inputs off the JS call stack.
  const stack: [number, number, number, number][] = [[0, n, 0, m]];
  while (stack.length > 0) {
    let [xoff, xlim, yoff, ylim] = stack.pop()!;
    while (xoff < xlim && yoff < ylim && xv[xoff] === yv[yoff]) {
      xoff++;
      yoff++;
    }
    while (xoff < xlim && yoff < ylim && xv[xlim - 1] === yv[ylim - 1]) {
      xlim--;
      ylim--;
    }
    if (xoff === xlim) for (let y = yoff; y < ylim; y++) changedY[yReal[y]! + 1] = 1;
    else if (yoff === ylim) for (let x = xoff; x < xlim; x++) changedX[xReal[x]! + 1] = 1;
    else {
      const [xmid, ymid] = diag(xoff, xlim, yoff, ylim);
      // Process the low half first (pushed last), as the recursion would.
      stack.push([xmid, xlim, ymid, ylim], [xoff, xmid, yoff, ymid]);
    }
  }

  shiftBoundaries(changedX, changedY, fullX, n0);
  shiftBoundaries(changedY, changedX, fullY, m0);

  // Build hunks from the two change maps, walking both files in step.
  const hunks: Hunk[] = [];
  let i = 0;
  let j = 0;
  const n1 = n0;
  const m1 = m0;
  while (i < n1 || j < m1) {
    if (i < n1 && j < m1 && !changedX[i + 1] && !changedY[j + 1]) {
      i++;
      j++;
      continue;
    }
    const aStart = i;
    const bStart = j;
    while (i < n1 && changedX[i + 1]) i++;
    while (j < m1 && changedY[j + 1]) j++;
    if (i === aStart && j === bStart) {
      // Only possible at the very end when one side is exhausted.
      if (i < n1) i++;
      if (j < m1) j++;
      continue;
    }
    hunks.push({ aStart, aEnd: i, bStart, bEnd: j });
  }
  return hunks;
}

/**
 * diffutils analyze.c `discard_confusing_lines` for one file: lines with no match in the other file are marked
 * changed and left out of the comparison; lines with very many matches are left out too when they sit inside a
 * run of such lines. Returns the remaining lines and their real indexes.
 */
function discardConfusing(equivs: readonly number[], other: readonly number[], changedArr: Uint8Array): [number[], number[]] {
  const counts = new Map<number, number>();
  for (const e of other) counts.set(e, (counts.get(e) ?? 0) + 1);
  const end = equivs.length;
  const discards = new Uint8Array(end);
  let many = 5;
  let tem = Math.floor(end / 64);
  while ((tem >>= 2) > 0) many *= 2;
  for (let i = 0; i < end; i++) {
    const nmatch = counts.get(equivs[i]!) ?? 0;
    if (nmatch === 0) discards[i] = 1;
    else if (nmatch > many) discards[i] = 2;
  }
  for (let i = 0; i < end; i++) {
    if (discards[i] === 2) discards[i] = 0;
    else if (discards[i] !== 0) {
      let j: number;
      let provisional = 0;
      for (j = i; j < end; j++) {
        if (discards[j] === 0) break;
        if (discards[j] === 2) ++provisional;
      }
      while (j > i && discards[j - 1] === 2) {
        discards[--j] = 0;
        --provisional;
      }
      const length = j - i;
      if (provisional * 4 > length) {
        while (j > i) if (discards[--j] === 2) discards[j] = 0;
      } else {
        let minimum = 1;
        let t = length >> 2;
        while (0 < (t >>= 2)) minimum <<= 1;
        minimum++;
        let consec = 0;
        for (j = 0; j < length; j++) {
          if (discards[i + j] !== 2) consec = 0;
          else if (minimum === ++consec) j -= consec;
          else if (minimum < consec) discards[i + j] = 0;
        }
        consec = 0;
        for (j = 0; j < length; j++) {
          if (j >= 8 && discards[i + j] === 1) break;
          if (discards[i + j] === 2) {
            consec = 0;
            discards[i + j] = 0;
          } else if (discards[i + j] === 0) consec = 0;
          else consec++;
          if (consec === 3) break;
        }
        i += length - 1;
        consec = 0;
        for (j = 0; j < length; j++) {
          if (j >= 8 && discards[i - j] === 1) break;
          if (discards[i - j] === 2) {
            consec = 0;
            discards[i - j] = 0;
          } else if (discards[i - j] === 0) consec = 0;
          else consec++;
          if (consec === 3) break;
        }
      }
    }
  }
  const kept: number[] = [];
  const real: number[] = [];
  for (let i = 0; i < end; i++) {
    if (discards[i] === 0) {
      kept.push(equivs[i]!);
      real.push(i);
    } else changedArr[i + 1] = 1;
  }
  return [kept, real];
}

/** diffutils analyze.c `shift_boundaries` for one file (arrays carry a sentinel slot at each end). */
function shiftBoundaries(changedArr: Uint8Array, otherArr: Uint8Array, equivs: readonly number[], iEnd: number): void {
  const changed = (k: number) => changedArr[k + 1]!;
  const setChanged = (k: number, v: number) => {
    changedArr[k + 1] = v;
  };
  const other = (k: number) => otherArr[k + 1] ?? 0;
  let i = 0;
  let j = 0;
  for (;;) {
    while (i < iEnd && !changed(i)) {
      while (other(j++)) continue;
      i++;
    }
    if (i === iEnd) break;
    let start = i;
    while (changed(++i)) continue;
    while (other(j)) j++;
    let runlength: number;
    let corresponding: number;
    do {
      runlength = i - start;
      while (start && equivs[start - 1] === equivs[i - 1]) {
        setChanged(--start, 1);
        setChanged(--i, 0);
        while (changed(start - 1)) start--;
        while (other(--j)) continue;
      }
      corresponding = other(j - 1) ? i : iEnd;
      while (i !== iEnd && equivs[start] === equivs[i]) {
        setChanged(start++, 0);
        setChanged(i++, 1);
        while (changed(i)) i++;
        while (other(++j)) corresponding = i;
      }
    } while (runlength !== i - start);
    while (corresponding < i) {
      setChanged(--start, 1);
      setChanged(--i, 0);
      while (other(--j)) continue;
    }
  }
}
