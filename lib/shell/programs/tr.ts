/**
 * tr: translate (SET1 → SET2), delete (-d), squeeze (-s), complement (-c/-C), truncate SET1 (-t). Sets take ranges,
 * classes ([:upper:] ...), equivalence classes ([=c=]), repeats ([c*n], [c*]) and backslash escapes.
 */

import type { Program } from '../../engine/process/Types';
import { argErrorText, parseArgs } from './lib/args';
import { TextTool as Tool } from './lib/text-usage';

const CLASS_CHARS: Readonly<Record<string, () => string[]>> = {
  alpha: () => [...range('A', 'Z'), ...range('a', 'z')],
  upper: () => range('A', 'Z'),
  lower: () => range('a', 'z'),
  digit: () => range('0', '9'),
  alnum: () => [...range('0', '9'), ...range('A', 'Z'), ...range('a', 'z')],
  space: () => ['\t', '\n', '\v', '\f', '\r', ' '],
  blank: () => ['\t', ' '],
  punct: () => [...range('!', '/'), ...range(':', '@'), ...range('[', '`'), ...range('{', '~')],
  print: () => range(' ', '~'),
  graph: () => range('!', '~'),
  cntrl: () => [...range('\0', '\x1f'), '\x7f'],
  xdigit: () => [...range('0', '9'), ...range('A', 'F'), ...range('a', 'f')],
};

function range(a: string, b: string): string[] {
  const out: string[] = [];
  for (let c = a.codePointAt(0)!; c <= b.codePointAt(0)!; c++) out.push(String.fromCodePoint(c));
  return out;
}

class SetError extends Error {}

type SetItem = { kind: 'chars'; chars: string[] } | { kind: 'repeat'; ch: string; count: number | null };

/** Reads one (possibly escaped) character at `i`. */
function readChar(s: string, i: number): [string, number] {
  if (s[i] !== '\\' || i + 1 >= s.length) {
    const ch = String.fromCodePoint(s.codePointAt(i)!);
    return [ch, i + ch.length];
  }
  const d = s[i + 1]!;
  const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };
  if (d in simple) return [simple[d]!, i + 2];
  if (/[0-7]/.test(d)) {
    let k = i + 1;
    let v = 0;
    while (k < s.length && k < i + 4 && /[0-7]/.test(s[k]!)) v = v * 8 + Number(s[k++]);
    return [String.fromCharCode(v & 0xff), k];
  }
  return [d, i + 2];
}

function parseSet(s: string): SetItem[] {
  const items: SetItem[] = [];
  let i = 0;
  while (i < s.length) {
    if (s[i] === '[' && s[i + 1] === ':') {
      const end = s.indexOf(':]', i + 2);
      if (end > 0) {
        const name = s.slice(i + 2, end);
        const f = CLASS_CHARS[name];
        if (!f) throw new SetError(`invalid character class ${JSON.stringify(name).replace(/"/g, "'")}`);
        items.push({ kind: 'chars', chars: f() });
        i = end + 2;
        continue;
      }
    }
    if (s[i] === '[' && s[i + 1] === '=') {
      const end = s.indexOf('=]', i + 2);
      if (end > 0) {
        items.push({ kind: 'chars', chars: [s.slice(i + 2, end)] });
        i = end + 2;
        continue;
      }
    }
    if (s[i] === '[') {
      const m = /^\[((?:\\[0-7]{1,3}|\\.|[^\\\]]))\*([0-9]*)\]/u.exec(s.slice(i));
      if (m) {
        const [ch] = readChar(m[1]!, 0);
        items.push({ kind: 'repeat', ch, count: m[2] === '' ? null : m[2]!.startsWith('0') ? parseInt(m[2]!, 8) : Number(m[2]) });
        i += m[0].length;
        continue;
      }
    }
    const [c, next] = readChar(s, i);
    if (s[next] === '-' && next + 1 < s.length) {
      const [d, after] = readChar(s, next + 1);
      if (d.codePointAt(0)! < c.codePointAt(0)!) throw new SetError(`range-endpoints of '${c}-${d}' are in reverse collating sequence order`);
      items.push({ kind: 'chars', chars: range(c, d) });
      i = after;
      continue;
    }
    items.push({ kind: 'chars', chars: [c] });
    i = next;
  }
  return items;
}

function expand(items: SetItem[], fillTo: number | null): string[] {
  const fixed = items.reduce((n, it) => n + (it.kind === 'chars' ? it.chars.length : it.count ?? 0), 0);
  const out: string[] = [];
  for (const it of items) {
    if (it.kind === 'chars') out.push(...it.chars);
    else {
      const n = it.count ?? (fillTo !== null ? Math.max(0, fillTo - fixed) : 0);
      for (let k = 0; k < n; k++) out.push(it.ch);
    }
  }
  return out;
}

export const tr: Program = async (ctx) => {
  const tool = new Tool(ctx);
  const r = parseArgs(ctx.argv.slice(1), { short: 'cCdst', long: { complement: { key: 'c' }, delete: { key: 'd' }, 'squeeze-repeats': { key: 's' }, 'truncate-set1': { key: 't' }, help: { key: '--help' } } });
  if (!r.ok) return tool.usage(argErrorText(r.error));
  const a = r.args;
  if (a.has('--help')) return tool.help();
  const complement = a.has('c') || a.has('C');
  const del = a.has('d');
  const squeeze = a.has('s');
  const ops = a.operands;
  const translating = !del && ops.length >= 2;
  if (ops.length === 0) return tool.usage('missing operand');
  if (ops.length === 1 && !del && !squeeze) {
    if (!tool.gnu) return tool.usage();
    await ctx.stderr.write(`tr: missing operand after ${tool.ql(ops[0]!)}\nTwo strings must be given when translating.\nTry 'tr --help' for more information.\n`);
    return 1;
  }
  if (ops.length === 1 && del && squeeze) {
    await ctx.stderr.write(`tr: missing operand after ${tool.ql(ops[0]!)}\nTwo strings must be given when both deleting and squeezing repeats.\nTry 'tr --help' for more information.\n`);
    return 1;
  }
  const maxOps = del && !squeeze ? 1 : 2;
  if (ops.length > maxOps) {
    await ctx.stderr.write(`tr: extra operand ${tool.ql(ops[maxOps]!)}\n${del && !squeeze ? 'Only one string may be given when deleting without squeezing repeats.\n' : ''}Try 'tr --help' for more information.\n`);
    return 1;
  }
  let set1: string[];
  let set2: string[] = [];
  try {
    set1 = expand(parseSet(ops[0]!), null);
    if (ops.length > 1) set2 = expand(parseSet(ops[1]!), set1.length);
  } catch (e) {
    if (!(e instanceof SetError)) throw e;
    await tool.error(e.message);
    return 1;
  }
  const in1 = new Set(set1);
  const member1 = (ch: string) => in1.has(ch) !== complement;
  const map = new Map<string, string>();
  if (translating) {
    if (set2.length === 0) {
      await tool.error('when not truncating set1, string2 must be non-empty');
      return 1;
    }
    if (complement) {
      // The complement, in code point order, maps onto SET2 (its last character repeats).
      let k = 0;
      for (let c = 0; c < 256; c++) {
        const ch = String.fromCharCode(c);
        if (in1.has(ch)) continue;
        map.set(ch, set2[Math.min(k++, set2.length - 1)]!);
      }
    } else {
      const n = a.has('t') ? Math.min(set1.length, set2.length) : set1.length;
      for (let k = 0; k < n; k++) map.set(set1[k]!, set2[Math.min(k, set2.length - 1)]!);
    }
  }
  const squeezeSet = new Set(squeeze ? (translating || del ? set2 : set1) : []);
  const squeezeMember = (ch: string) => (squeeze && !translating && !del ? member1(ch) : squeezeSet.has(ch));
  let last: string | null = null;
  const decoder = new TextDecoder('utf-8');
  const run = async (text: string) => {
    let out = '';
    for (const ch of text) {
      if (del && member1(ch)) continue;
      let c = ch;
      if (translating) c = map.get(ch) ?? (complement && !in1.has(ch) ? set2[set2.length - 1]! : ch);
      if (squeeze && c === last && squeezeMember(c)) continue;
      out += c;
      last = c;
    }
    if (out !== '') await ctx.stdout.write(out);
  };
  for (let c = await ctx.stdin.read(); c !== null; c = await ctx.stdin.read()) {
    await ctx.checkpoint();
    await run(decoder.decode(c, { stream: true }));
  }
  await run(decoder.decode());
  return 0;
};
