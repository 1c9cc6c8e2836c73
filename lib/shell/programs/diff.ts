/**
 * diff: compare files line by line. GNU diffutils output in normal (default) and unified (-u, -U N) formats,
 * -q, -s, -i, -w, -b, -B, -r (with `Only in` and `Common subdirectories` lines), -N, --label; BusyBox's diff
 * always prints unified output. Exit status 0 same, 1 different, 2 trouble.
 */

import { basename } from '../../engine/fs/path';
import type { Stat } from '../../engine/fs/Types';
import type { Program } from '../../engine/process/Types';
import { descriptorOfPath } from '../../engine/process/descriptors';
import { readAll } from '../../engine/process/streams';
import { decodeText } from '../../engine/process/text';
import { fullTime } from './lib/format';
import { childPath } from './lib/fsutil';
import { diffLikeGnu, type Hunk } from './lib/lcs';
import { errorText, Tool } from './lib/tool';

interface Side {
  readonly name: string;
  readonly lines: string[];
  readonly missingNewline: boolean;
  readonly mtimeMs: number;
  readonly binary: boolean;
}

export const diff: Program = async (ctx) => {
  const t = new Tool(ctx, { gnuUsageStatus: 2 });
  const gnu = t.gnu;
  const parsed = await t.parse({
    short: gnu ? 'uU:qsiwbBrNaTtdc' : 'abBdiL:NqrsS:tTU:uwx:',
    long: gnu
      ? {
          unified: { key: 'u', arg: 'optional' },
          brief: { key: 'q' },
          'report-identical-files': { key: 's' },
          'ignore-case': { key: 'i' },
          'ignore-all-space': { key: 'w' },
          'ignore-space-change': { key: 'b' },
          'ignore-blank-lines': { key: 'B' },
          recursive: { key: 'r' },
          'new-file': { key: 'N' },
          text: { key: 'a' },
          label: { key: 'L', arg: 'required' },
          color: { key: 'color', arg: 'optional' },
        }
      : {},
  });
  if (typeof parsed === 'number') return parsed;
  const a = parsed;
  if (gnu && a.has('c')) {
    await t.error('context format (-c) is not simulated; use -u');
    return 2;
  }
  const unified = !gnu || a.has('u') || a.has('U');
  let context = 3;
  if (a.has('U')) {
    const u = a.get('U')!;
    if (!/^\d+$/.test(u)) {
      await ctx.stderr.write(`${t.name}: invalid context length '${u}'\n${t.name}: Try '${t.name} --help' for more information.\n`);
      return 2;
    }
    context = Number(u);
  }
  const labels = a.all('L');
  const ops = a.operands;
  if (ops.length !== 2) {
    if (gnu) {
      await ctx.stderr.write(ops.length < 2 ? `${t.name}: missing operand after '${ops[ops.length - 1] ?? t.name}'\n` : `${t.name}: extra operand '${ops[2]}'\n`);
      await ctx.stderr.write(`${t.name}: Try '${t.name} --help' for more information.\n`);
      return 2;
    }
    return t.usage();
  }
  // The option text GNU repeats in `diff -r` headers.
  const switches = ctx.argv.slice(1).filter((x) => x.startsWith('-') && x !== '-' && !ops.includes(x));
  let status = 0;

  const key = (line: string): string => {
    let k = line;
    if (a.has('i')) k = k.toLowerCase();
    if (a.has('w')) k = k.replace(/[ \t\r\f\v]+/g, '');
    else if (a.has('b')) k = k.replace(/[ \t\r\f\v]+/g, ' ').replace(/ $/, '');
    return k;
  };

  const load = async (name: string, missingOk: boolean): Promise<Side | null> => {
    try {
      let data: Uint8Array;
      let mtimeMs = ctx.sys.clock.now();
      if (name === '-') data = await readAll(ctx.stdin);
      else {
        // A pipe named by /dev/fd/N (`diff <(a) <(b)`) has no file to stat; its time is now, as for a new pipe.
        if (descriptorOfPath(t.abs(name)) === null) mtimeMs = ctx.fs.stat(t.abs(name)).mtimeMs;
        data = await readAll(ctx.sys.openRead(ctx.fs, t.abs(name), ctx.tty, ctx));
      }
      const binary = !a.has('a') && data.subarray(0, 32768).includes(0);
      const text = decodeText(data);
      const missingNewline = text !== '' && !text.endsWith('\n');
      const lines = text === '' ? [] : (missingNewline ? text : text.slice(0, -1)).split('\n');
      return { name, lines, missingNewline, mtimeMs, binary };
    } catch (e) {
      if (missingOk) return { name, lines: [], missingNewline: false, mtimeMs: 0, binary: false };
      await ctx.stderr.write(gnu ? `${t.name}: ${name}: ${errorText(e)}\n` : `${t.name}: can't stat '${name}': ${errorText(e)}\n`);
      status = 2;
      return null;
    }
  };

  const statOf = (name: string): Stat | null => {
    if (name === '-') return null;
    try {
      return ctx.fs.stat(t.abs(name));
    } catch {
      return null;
    }
  };

  async function compareFiles(n1: string, n2: string, header: string | null): Promise<void> {
    const newFile = a.has('N');
    const x = await load(n1, newFile && statOf(n1) === null && statOf(n2) !== null);
    const y = await load(n2, newFile && statOf(n2) === null && statOf(n1) !== null);
    if (!x || !y) return;
    if (x.binary || y.binary) {
      const same = x.lines.join('\n') === y.lines.join('\n') && x.missingNewline === y.missingNewline;
      if (!same) {
        await ctx.stdout.write(gnu ? `Binary files ${n1} and ${n2} differ\n` : `Binary files ${n1} and ${n2} differ\n`);
        status = Math.max(status, 1);
      }
      return;
    }
    const ka = x.lines.map(key);
    const kb = y.lines.map(key);
    // Last lines without a newline differ from the same text with one.
    if (x.missingNewline && ka.length > 0) ka[ka.length - 1] += '\0';
    if (y.missingNewline && kb.length > 0) kb[kb.length - 1] += '\0';
    let hunks = diffLikeGnu(ka, kb, unified ? context : 0);
    if (a.has('B')) hunks = hunks.filter((h) => !(x.lines.slice(h.aStart, h.aEnd).every((l) => l.trim() === '') && y.lines.slice(h.bStart, h.bEnd).every((l) => l.trim() === '')));
    if (hunks.length === 0) {
      if (a.has('s')) await ctx.stdout.write(`Files ${n1} and ${n2} are identical\n`);
      return;
    }
    status = Math.max(status, 1);
    if (a.has('q')) {
      await ctx.stdout.write(`Files ${n1} and ${n2} differ\n`);
      return;
    }
    if (header) await ctx.stdout.write(header);
    if (unified) await writeUnified(x, y, hunks);
    else await writeNormal(x, y, hunks);
  }

  async function writeNormal(x: Side, y: Side, hunks: Hunk[]): Promise<void> {
    const range = (s: number, e: number) => (e - s <= 1 ? String(s + 1) : `${s + 1},${e}`);
    for (const h of hunks) {
      await ctx.checkpoint();
      let out: string;
      if (h.aEnd === h.aStart) out = `${h.aStart}a${range(h.bStart, h.bEnd)}\n`;
      else if (h.bEnd === h.bStart) out = `${range(h.aStart, h.aEnd)}d${h.bStart}\n`;
      else out = `${range(h.aStart, h.aEnd)}c${range(h.bStart, h.bEnd)}\n`;
      for (let i = h.aStart; i < h.aEnd; i++) out += `< ${x.lines[i]}\n` + noNewline(x, i);
      if (h.aEnd > h.aStart && h.bEnd > h.bStart) out += '---\n';
      for (let i = h.bStart; i < h.bEnd; i++) out += `> ${y.lines[i]}\n` + noNewline(y, i);
      await ctx.stdout.write(out);
    }
  }

  function noNewline(s: Side, i: number): string {
    return s.missingNewline && i === s.lines.length - 1 ? '\\ No newline at end of file\n' : '';
  }

  async function writeUnified(x: Side, y: Side, hunks: Hunk[]): Promise<void> {
    const label = (s: Side, i: number) => labels[i] ?? (gnu ? `${s.name}\t${fullTime(s.mtimeMs)}` : `${s.name}`);
    let out = `--- ${label(x, 0)}\n+++ ${label(y, 1)}\n`;
    // Merge changes whose context would touch or overlap into one hunk.
    const groups: Hunk[][] = [];
    for (const h of hunks) {
      const last = groups[groups.length - 1];
      if (last && h.aStart - last[last.length - 1]!.aEnd <= 2 * context) last.push(h);
      else groups.push([h]);
    }
    for (const g of groups) {
      await ctx.checkpoint();
      const first = g[0]!;
      const lastH = g[g.length - 1]!;
      const aFrom = Math.max(0, first.aStart - context);
      const aTo = Math.min(x.lines.length, lastH.aEnd + context);
      const bFrom = Math.max(0, first.bStart - context);
      const bTo = Math.min(y.lines.length, lastH.bEnd + context);
      const span = (from: number, to: number) => {
        const count = to - from;
        if (count === 1) return String(from + 1);
        return `${count === 0 ? from : from + 1},${count}`;
      };
      out += `@@ -${span(aFrom, aTo)} +${span(bFrom, bTo)} @@\n`;
      let i = aFrom;
      for (const h of g) {
        for (; i < h.aStart; i++) out += ` ${x.lines[i]}\n` + noNewline(x, i);
        for (let k = h.aStart; k < h.aEnd; k++) out += `-${x.lines[k]}\n` + noNewline(x, k);
        for (let k = h.bStart; k < h.bEnd; k++) out += `+${y.lines[k]}\n` + noNewline(y, k);
        i = h.aEnd;
      }
      for (; i < aTo; i++) out += ` ${x.lines[i]}\n` + noNewline(x, i);
      await ctx.stdout.write(out);
      out = '';
    }
  }

  async function compareDirs(d1: string, d2: string): Promise<void> {
    let n1: string[];
    let n2: string[];
    try {
      n1 = ctx.fs.readdir(t.abs(d1));
      n2 = ctx.fs.readdir(t.abs(d2));
    } catch (e) {
      await ctx.stderr.write(`${t.name}: ${d1}: ${errorText(e)}\n`);
      status = 2;
      return;
    }
    const all = [...new Set([...n1, ...n2])].sort();
    for (const n of all) {
      await ctx.checkpoint();
      const p1 = childPath(d1, n);
      const p2 = childPath(d2, n);
      const s1 = n1.includes(n) ? statOf(p1) : null;
      const s2 = n2.includes(n) ? statOf(p2) : null;
      if (!s1 || !s2) {
        if (a.has('N') && (s1?.type ?? s2?.type) === 'file') {
          await compareFiles(p1, p2, `diff ${switches.join(' ')} ${p1} ${p2}\n`.replace('diff  ', 'diff '));
          continue;
        }
        await ctx.stdout.write(`Only in ${s1 ? d1 : d2}: ${n}\n`);
        status = Math.max(status, 1);
        continue;
      }
      if (s1.type === 'dir' && s2.type === 'dir') {
        if (a.has('r')) await compareDirs(p1, p2);
        else await ctx.stdout.write(`Common subdirectories: ${p1} and ${p2}\n`);
        continue;
      }
      if (s1.type === 'dir' || s2.type === 'dir') {
        const kind = (s: Stat) => (s.type === 'dir' ? 'directory' : s.size === 0 ? 'regular empty file' : 'regular file');
        await ctx.stdout.write(`File ${p1} is a ${kind(s1)} while file ${p2} is a ${kind(s2)}\n`);
        status = Math.max(status, 1);
        continue;
      }
      await compareFiles(p1, p2, `diff ${switches.join(' ')} ${p1} ${p2}\n`.replace('diff  ', 'diff '));
    }
  }

  let [f1, f2] = ops as [string, string];
  const s1 = statOf(f1);
  const s2 = statOf(f2);
  if (s1?.type === 'dir' && s2?.type === 'dir') {
    await compareDirs(f1, f2);
    return status;
  }
  if (s1?.type === 'dir' && f2 !== '-') f1 = childPath(f1, basename(f2));
  else if (s2?.type === 'dir' && f1 !== '-') f2 = childPath(f2, basename(f1));
  await compareFiles(f1, f2, null);
  return status;
};
