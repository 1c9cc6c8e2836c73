/**
 * sort: whole lines or keys (-k F[.C][opts][,F[.C][opts]], -t SEP), -n -g -h -V -M -f -d -b -r -u -s, -c/-C, -o FILE,
 * -z. Order is byte order (the C.UTF-8 collation our machines use); ties fall back to comparing whole lines unless
 * -s or -u, exactly as GNU sort does.
 */

import { resolvePath } from '../../engine/fs/path';
import { isFsError } from '../../engine/fs/Types';
import type { Program } from '../../engine/process/Types';
import { encodeText } from '../../engine/process/text';
import { argErrorText, parseArgs } from './lib/args';
import { closeInput, openInput } from './lib/input';
import { TextTool as Tool } from './lib/text-usage';
import { readAll } from '../../engine/process/streams';

interface KeyOpts {
  random: boolean;
  numeric: boolean;
  general: boolean;
  human: boolean;
  version: boolean;
  month: boolean;
  fold: boolean;
  dictionary: boolean;
  blanks: boolean;
  reverse: boolean;
}

interface Key extends KeyOpts {
  sf: number;
  sc: number;
  /** 0: to end of line. */
  ef: number;
  /** 0: end of the field. */
  ec: number;
  /** Blank skipping applies separately to start and end positions (GNU: `b` on either). */
  startBlanks: boolean;
  endBlanks: boolean;
}

const NO_OPTS: KeyOpts = { random: false, numeric: false, general: false, human: false, version: false, month: false, fold: false, dictionary: false, blanks: false, reverse: false };

function applyLetters(o: KeyOpts, letters: string): KeyOpts {
  const r = { ...o };
  for (const c of letters) {
    if (c === 'R') r.random = true;
    else if (c === 'n') r.numeric = true;
    else if (c === 'g') r.general = true;
    else if (c === 'h') r.human = true;
    else if (c === 'V') r.version = true;
    else if (c === 'M') r.month = true;
    else if (c === 'f') r.fold = true;
    else if (c === 'd') r.dictionary = true;
    else if (c === 'b') r.blanks = true;
    else if (c === 'r') r.reverse = true;
  }
  return r;
}

/** Compares by code point (what byte order gives for UTF-8). */
export function compareBytes(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

const BLANK = /[ \t]/;

/** GNU numeric value of the leading number (`-1.5e3` reads as -1.5); non-numbers are 0. */
function numPrefix(s: string): number {
  const m = /^[ \t]*(-?)([0-9]*)(\.[0-9]*)?/.exec(s)!;
  const digits = (m[2] ?? '') + (m[3] ?? '');
  if (digits === '' || digits === '.') return 0;
  return Number(`${m[1]}${m[2] || '0'}${m[3] ?? ''}`);
}

const HUMAN = ' KMGTPEZY';
function humanValue(s: string): [number, number] {
  const m = /^[ \t]*(-?[0-9]*\.?[0-9]*)([KMGTPEZYk]?)/.exec(s)!;
  const n = Number(m[1]) || 0;
  const unit = m[2] ? HUMAN.indexOf(m[2].toUpperCase()) : 0;
  return [n === 0 ? 0 : Math.sign(n) * unit, n];
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** Version comparison close to GNU `filevercmp` for the common `name-1.2.10` shapes. */
export function versionCompare(a: string, b: string): number {
  const re = /(\d+)|(\D+)/g;
  const pa = a.match(re) ?? [];
  const pb = b.match(re) ?? [];
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const dx = /^\d/.test(x);
    const dy = /^\d/.test(y);
    if (dx && dy) {
      const d = BigInt(x) - BigInt(y);
      if (d !== 0n) return d < 0n ? -1 : 1;
    } else if (x !== y) {
      // Letters sort before non-letters, like Debian's version order.
      const c = compareBytes(x, y);
      if (c !== 0) return c;
    }
  }
  return 0;
}

/** -R: a random but consistent rank per distinct key, so equal keys stay together (GNU's hash order). */
let randomRank: (key: string) => number = () => 0;

function compareWith(o: KeyOpts, a: string, b: string): number {
  let r: number;
  if (o.random) r = Math.sign(randomRank(a) - randomRank(b)) || compareBytes(a, b);
  else if (o.numeric) r = Math.sign(numPrefix(a) - numPrefix(b));
  else if (o.general) {
    const x = parseFloat(a);
    const y = parseFloat(b);
    const xn = Number.isNaN(x);
    const yn = Number.isNaN(y);
    r = xn && yn ? 0 : xn ? -1 : yn ? 1 : Math.sign(x - y);
  } else if (o.human) {
    const [ux, nx] = humanValue(a);
    const [uy, ny] = humanValue(b);
    r = ux !== uy ? Math.sign(ux - uy) : Math.sign(nx - ny);
  } else if (o.month) {
    const mx = MONTHS.indexOf(a.trim().slice(0, 3).toUpperCase());
    const my = MONTHS.indexOf(b.trim().slice(0, 3).toUpperCase());
    r = Math.sign(mx - my);
  } else if (o.version) r = versionCompare(a, b);
  else {
    let x = a;
    let y = b;
    if (o.dictionary) {
      x = x.replace(/[^\p{L}\p{N} \t]/gu, '');
      y = y.replace(/[^\p{L}\p{N} \t]/gu, '');
    }
    if (o.fold) {
      x = x.toUpperCase();
      y = y.toUpperCase();
    }
    r = compareBytes(x, y);
  }
  return o.reverse ? -r : r;
}

/** Field start offsets: with -t, split on the separator; without, a field is leading blanks plus non-blanks. */
function fieldBounds(line: string, sep: string | null): [number, number][] {
  const out: [number, number][] = [];
  if (sep !== null) {
    let start = 0;
    while (true) {
      const i = line.indexOf(sep, start);
      if (i < 0) {
        out.push([start, line.length]);
        break;
      }
      out.push([start, i]);
      start = i + sep.length;
    }
    return out;
  }
  let i = 0;
  while (i < line.length) {
    const start = i;
    while (i < line.length && BLANK.test(line[i]!)) i++;
    while (i < line.length && !BLANK.test(line[i]!)) i++;
    out.push([start, i]);
  }
  if (out.length === 0) out.push([0, 0]);
  return out;
}

function keyText(line: string, k: Key, sep: string | null): string {
  const f = fieldBounds(line, sep);
  const sfield = f[k.sf - 1];
  if (!sfield) return '';
  let start = sfield[0];
  if (k.startBlanks) while (start < sfield[1] && BLANK.test(line[start]!)) start++;
  start = Math.min(start + k.sc - 1, sfield[1]);
  let end: number;
  if (k.ef === 0) end = line.length;
  else {
    const efield = f[k.ef - 1];
    if (!efield) end = line.length;
    else if (k.ec === 0) end = efield[1];
    else {
      let s = efield[0];
      if (k.endBlanks) while (s < efield[1] && BLANK.test(line[s]!)) s++;
      end = Math.min(s + k.ec, efield[1]);
    }
  }
  return end <= start ? '' : line.slice(start, end);
}

function parseKey(spec: string, globals: KeyOpts): Key | string {
  const m = /^([0-9]+)(?:\.([0-9]+))?([bdfgiMhnRrV]*)(?:,([0-9]+)(?:\.([0-9]+))?([bdfgiMhnRrV]*))?$/.exec(spec);
  if (!m) return `invalid field specification`;
  const sf = Number(m[1]);
  if (sf === 0) return `field number is zero: invalid field specification`;
  const sc = m[2] === undefined ? 1 : Number(m[2]);
  if (sc === 0) return `character offset is zero: invalid field specification`;
  const letters = (m[3] ?? '') + (m[6] ?? '');
  const o = letters === '' ? globals : applyLetters(NO_OPTS, letters);
  return {
    ...o,
    sf,
    sc,
    ef: m[4] === undefined ? 0 : Number(m[4]),
    ec: m[5] === undefined ? 0 : Number(m[5]),
    startBlanks: letters === '' ? globals.blanks : (m[3] ?? '').includes('b'),
    endBlanks: letters === '' ? globals.blanks : (m[6] ?? '').includes('b'),
  };
}

export const sort: Program = async (ctx) => {
  const tool = new Tool(ctx, { gnuUsageStatus: 2 });
  const r = parseArgs(ctx.argv.slice(1), {
    short: 'bcCdfghiMnRrsuVzk:o:t:S:T:',
    long: {
      'ignore-leading-blanks': { key: 'b' },
      check: { key: 'c', arg: 'optional' },
      'dictionary-order': { key: 'd' },
      'ignore-case': { key: 'f' },
      'general-numeric-sort': { key: 'g' },
      'human-numeric-sort': { key: 'h' },
      'month-sort': { key: 'M' },
      'numeric-sort': { key: 'n' },
      'random-sort': { key: 'R' },
      reverse: { key: 'r' },
      stable: { key: 's' },
      unique: { key: 'u' },
      'version-sort': { key: 'V' },
      'zero-terminated': { key: 'z' },
      key: { key: 'k', arg: 'required' },
      output: { key: 'o', arg: 'required' },
      'field-separator': { key: 't', arg: 'required' },
      'buffer-size': { key: 'S', arg: 'required' },
      'temporary-directory': { key: 'T', arg: 'required' },
      parallel: { key: 'parallel', arg: 'required' },
      help: { key: '--help' },
    },
  });
  if (!r.ok) return tool.usage(argErrorText(r.error));
  const a = r.args;
  if (a.has('--help')) return tool.help();
  const globals = applyLetters(NO_OPTS, ['b', 'd', 'f', 'g', 'h', 'M', 'n', 'r', 'R', 'V'].filter((k) => a.has(k)).join(''));
  const ranks = new Map<string, number>();
  randomRank = (key) => {
    let v = ranks.get(key);
    if (v === undefined) {
      v = ctx.sys.random.next();
      ranks.set(key, v);
    }
    return v;
  };
  const sep = a.get('t') ?? null;
  if (sep !== null && [...sep].length !== 1 && sep !== '\\0') {
    await tool.error(sep === '' ? 'empty tab' : `multi-character tab ${tool.ql(sep)}`);
    return 2;
  }
  const keys: Key[] = [];
  for (const spec of a.all('k')) {
    const k = parseKey(spec, globals);
    if (typeof k === 'string') {
      await tool.error(`${k} ${tool.ql(spec)}`);
      return 2;
    }
    keys.push(k);
  }
  const stable = a.has('s');
  const unique = a.has('u');
  const nl = a.has('z') ? '\0' : '\n';

  const files = a.operands.length === 0 ? ['-'] : [...a.operands];
  const lines: string[] = [];
  for (const f of files) {
    let s;
    try {
      s = openInput(ctx, f);
    } catch (e) {
      await tool.error(tool.gnu ? `cannot read: ${f}: ${isFsError(e) ? e.text : String(e)}` : `${f}: ${isFsError(e) ? e.text : String(e)}`);
      return 2;
    }
    const text = new TextDecoder('utf-8').decode(await readAll(s));
    closeInput(ctx, s);
    await ctx.checkpoint();
    if (text === '') continue;
    const parts = text.split(nl);
    if (parts[parts.length - 1] === '') parts.pop();
    lines.push(...parts);
  }

  const keyCompare = (x: string, y: string): number => {
    if (keys.length === 0) {
      let xs = x;
      let ys = y;
      if (globals.blanks) {
        xs = xs.replace(/^[ \t]+/, '');
        ys = ys.replace(/^[ \t]+/, '');
      }
      return compareWith(globals, xs, ys);
    }
    for (const k of keys) {
      const c = compareWith(k, keyText(x, k, sep), keyText(y, k, sep));
      if (c !== 0) return c;
    }
    return 0;
  };
  const hasOrdering = keys.length > 0 || globals.random || globals.numeric || globals.general || globals.human || globals.version || globals.month || globals.fold || globals.dictionary || globals.blanks;
  const fullCompare = (x: string, y: string): number => {
    const c = keyCompare(x, y);
    if (c !== 0 || stable || unique || !hasOrdering) return c;
    const last = compareBytes(x, y);
    return globals.reverse ? -last : last;
  };

  const check = a.has('c') || a.has('C');
  if (check) {
    const quiet = a.has('C') || a.get('c') === 'quiet' || a.get('c') === 'silent';
    for (let i = 1; i < lines.length; i++) {
      const c = fullCompare(lines[i - 1]!, lines[i]!);
      if (c > 0 || (unique && c === 0)) {
        if (!quiet) await ctx.stderr.write(tool.gnu ? `sort: ${files[0]}:${i + 1}: disorder: ${lines[i]}\n` : `sort: disorder: ${lines[i]}\n`);
        return 1;
      }
    }
    return 0;
  }

  const sorted = [...lines].sort(fullCompare);
  const out: string[] = [];
  for (const l of sorted) {
    if (unique && out.length > 0 && keyCompare(out[out.length - 1]!, l) === 0) continue;
    out.push(l);
  }
  const text = out.length === 0 ? '' : out.join(nl) + nl;
  const outFile = a.get('o');
  if (outFile !== undefined) {
    try {
      const w = ctx.sys.openWrite(ctx.fs, resolvePath(ctx.cwd, outFile), { append: false, umask: ctx.umask, tty: ctx.tty, proc: ctx });
      await w.write(encodeText(text));
      w.close();
    } catch (e) {
      await tool.error(`open failed: ${outFile}: ${isFsError(e) ? e.text : String(e)}`);
      return 2;
    }
    return 0;
  }
  // Stream the result in pieces so a reader such as `head` can stop early.
  for (let i = 0; i < out.length; i += 512) {
    await ctx.checkpoint();
    await ctx.stdout.write(out.slice(i, i + 512).join(nl) + nl);
  }
  return 0;
};
