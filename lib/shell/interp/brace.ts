/** bash brace expansion (`{a,b}`, `{1..5}`, `{a..e}`, `{01..10..2}`), done on a word's unquoted text first. */
import type { Word, WordPart } from '../parser/ast';

type Item = { readonly ch: string } | { readonly part: WordPart };

export function braceExpand(w: Word): Word[] {
  if (!w.parts.some((p) => p.type === 'lit' && p.text.includes('{'))) return [w];
  const items: Item[] = [];
  for (const p of w.parts) {
    if (p.type === 'lit') for (const ch of p.text) items.push({ ch });
    else items.push({ part: p });
  }
  const out = expand(items, 0);
  if (out.length === 1) return [w];
  return out.map((seq) => ({ parts: toParts(seq), raw: w.raw }));
}

function toParts(seq: Item[]): WordPart[] {
  const parts: WordPart[] = [];
  let lit = '';
  for (const it of seq) {
    if ('ch' in it) lit += it.ch;
    else {
      if (lit) parts.push({ type: 'lit', text: lit });
      lit = '';
      parts.push(it.part);
    }
  }
  if (lit) parts.push({ type: 'lit', text: lit });
  return parts;
}

const isCh = (it: Item | undefined, c: string) => it !== undefined && 'ch' in it && it.ch === c;

function expand(items: Item[], from: number): Item[][] {
  for (let i = from; i < items.length; i++) {
    if (!isCh(items[i], '{')) continue;
    let depth = 0;
    const commas: number[] = [];
    let end = -1;
    for (let j = i + 1; j < items.length; j++) {
      if (isCh(items[j], '{')) depth++;
      else if (isCh(items[j], '}')) {
        if (depth === 0) {
          end = j;
          break;
        }
        depth--;
      } else if (isCh(items[j], ',') && depth === 0) commas.push(j);
    }
    if (end < 0) return [items];
    const prefix = items.slice(0, i);
    const suffix = items.slice(end + 1);
    let alts: Item[][] | null = null;
    if (commas.length > 0) {
      alts = [];
      let s = i + 1;
      for (const c of [...commas, end]) {
        alts.push(items.slice(s, c));
        s = c + 1;
      }
    } else {
      const inner = items.slice(i + 1, end);
      if (inner.every((it) => 'ch' in it)) {
        const seq = sequence(inner.map((it) => (it as { ch: string }).ch).join(''));
        if (seq) alts = seq.map((s) => [...s].map((ch) => ({ ch })));
      }
    }
    if (!alts) continue;
    const results: Item[][] = [];
    for (const alt of alts) for (const r of expand([...alt, ...suffix], 0)) results.push([...prefix, ...r]);
    return results;
  }
  return [items];
}

function sequence(text: string): string[] | null {
  let m = /^(-?\d+)\.\.(-?\d+)(?:\.\.(-?\d+))?$/.exec(text);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    let step = Math.abs(Number(m[3] ?? 1)) || 1;
    const width = /^-?0\d/.test(m[1]!) || /^-?0\d/.test(m[2]!) ? Math.max(m[1]!.length, m[2]!.length) : 0;
    const out: string[] = [];
    if (a > b) step = -step;
    for (let v = a; step > 0 ? v <= b : v >= b; v += step) {
      const s = String(Math.abs(v)).padStart(width - (v < 0 ? 1 : 0), '0');
      out.push(v < 0 ? '-' + s : s);
      if (out.length > 100000) break;
    }
    return out;
  }
  m = /^([A-Za-z])\.\.([A-Za-z])(?:\.\.(-?\d+))?$/.exec(text);
  if (m) {
    const a = m[1]!.charCodeAt(0);
    const b = m[2]!.charCodeAt(0);
    let step = Math.abs(Number(m[3] ?? 1)) || 1;
    if (a > b) step = -step;
    const out: string[] = [];
    for (let v = a; step > 0 ? v <= b : v >= b; v += step) out.push(String.fromCharCode(v));
    return out;
  }
  return null;
}
