/**
 * tsort (coreutils): topological sort of pairs read from a file or stdin. The order follows coreutils' tsort.c
 * (Knuth's algorithm T): zero-count nodes are scanned in strcmp order, each node's successors are visited newest
 * first; a loop is reported node by node and broken at its closing relation, and the exit status becomes 1.
 */

import type { Program } from '../../engine/process/Types';
import { errorText, isReportable, Tool } from './lib/tool';
import { readInput } from './lib/input';

interface Node {
  readonly name: string;
  count: number;
  /** Successors, most recently recorded first. */
  top: Node[];
  printed: boolean;
}

export const tsort: Program = async (ctx) => {
  const t = new Tool(ctx);
  const parsed = await t.parse({});
  if (typeof parsed === 'number') return parsed;
  if (parsed.operands.length > 1) return t.usage(`extra operand ${t.ql(parsed.operands[1]!)}`);
  const file = parsed.operands[0] ?? '-';
  let text: string;
  try {
    text = new TextDecoder().decode(await readInput(ctx, file));
  } catch (e) {
    if (!isReportable(e)) throw e;
    await t.error(`${t.qf(file)}: ${errorText(e)}`);
    return 1;
  }
  const tokens = text.split(/[ \t\n]+/).filter((s) => s !== '');
  if (tokens.length % 2 !== 0) {
    await t.error(`${t.qf(file)}: input contains an odd number of tokens`);
    return 1;
  }
  const nodes = new Map<string, Node>();
  const node = (name: string): Node => {
    let n = nodes.get(name);
    if (!n) nodes.set(name, (n = { name, count: 0, top: [], printed: false }));
    return n;
  };
  for (let i = 0; i < tokens.length; i += 2) {
    const a = node(tokens[i]!);
    const b = node(tokens[i + 1]!);
    if (a !== b) {
      a.top.unshift(b);
      b.count++;
    }
  }
  const sorted = [...nodes.values()].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  let remaining = sorted.length;
  let out = '';
  let ok = true;
  while (remaining > 0) {
    await ctx.checkpoint();
    const queue = sorted.filter((n) => n.count === 0 && !n.printed);
    for (let q = 0; q < queue.length; q++) {
      const n = queue[q]!;
      out += `${n.name}\n`;
      n.printed = true;
      remaining--;
      for (const s of n.top) if (--s.count === 0) queue.push(s);
      n.top = [];
    }
    if (remaining === 0) break;
    ok = false;
    await t.out(out);
    out = '';
    await t.error(`${t.qf(file)}: input contains a loop:`);
    // Follow first successors from the first unprinted node until a node repeats: that cycle is the loop.
    const path: Node[] = [];
    let cur = sorted.find((n) => !n.printed && n.count > 0)!;
    while (!path.includes(cur)) {
      path.push(cur);
      cur = cur.top.find((s) => !s.printed) ?? cur;
    }
    const loop = path.slice(path.indexOf(cur));
    for (const n of loop) await ctx.stderr.write(`${t.name}: ${n.name}\n`);
    const last = loop[loop.length - 1]!;
    last.top = last.top.filter((s) => s !== cur);
    cur.count--;
  }
  await t.out(out);
  return ok ? 0 : 1;
};
