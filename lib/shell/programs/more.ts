/**
 * more (util-linux): prints a screenful, then waits at `--More--(NN%)` for space (next page), Enter (next line),
 * d (half a page), b (back a page), /pattern, = (line number) or q. It scrolls in the normal screen, ends by itself
 * at the end of the last file, and copies its input like `cat` (with `::::` headers between several files) when
 * standard output is not a terminal.
 */

import type { ProcessContext, Program } from '../../engine/process/Types';
import { encodeText } from '../../engine/process/text';
import { ttyKeys, wrapRows } from '../term/FullScreen';
import { catFiles, loadDocs } from './less';

const INV = '\x1b[7m';
const OFF = '\x1b[0m';

const dirMessage = (name: string) => `\n*** ${name}: directory ***\n\n`;

export const more: Program = async (ctx) => {
  const files = ctx.argv.slice(1).filter((a) => a === '-' || !a.startsWith('-'));
  const tty = ctx.tty;
  if (!tty || !ctx.stdout.isTTY) return catFiles(ctx, files, 'more: cannot open ', dirMessage, files.length > 1);
  if (files.length === 0 && ctx.stdin.isTTY) {
    await ctx.stderr.write('more: bad usage\nTry \'more --help\' for more information.\n');
    return 1;
  }
  const { docs, failed } = await loadDocs(ctx, files, dirMessage, 'more: cannot open ');
  const saved = tty.getMode();
  tty.setMode({ canonical: false, echo: false, isig: false });
  const off = ctx.signals.onSignal(() => {
    if (ctx.signals.terminating) tty.setMode(saved);
  });
  try {
    const keys = ttyKeys(ctx, tty);
    for (let d = 0; d < docs.length; d++) {
      const doc = docs[d]!;
      if (docs.length > 1) await tty.write(`::::::::::::::\n${doc.name ?? '-'}\n::::::::::::::\n`);
      const cols = Math.max(1, tty.columns);
      const rows: string[] = [];
      const rowLine: number[] = [];
      const rowBytes: number[] = [];
      let bytes = 0;
      doc.lines.forEach((line, i) => {
        const parts = wrapRows(line, cols);
        bytes += encodeText(line).length + 1;
        for (const p of parts) {
          rows.push(p);
          rowLine.push(i);
          rowBytes.push(bytes);
        }
      });
      const total = bytes;
      const page = Math.max(1, tty.rows - 1);
      // Rows the header took count towards the first screen.
      let shown = 0;
      const show = async (n: number) => {
        const end = Math.min(rows.length, shown + n);
        let out = '';
        for (let i = shown; i < end; i++) out += rows[i] + '\n';
        shown = end;
        await tty.write(out);
      };
      await show(docs.length > 1 ? page - 3 : page);
      let message = '';
      while (shown < rows.length) {
        const pct = doc.name !== null && total > 0 ? `(${Math.floor(((rowBytes[shown - 1] ?? 0) * 100) / total)}%)` : '';
        const promptText = message || `--More--${pct}`;
        await tty.write(INV + promptText + OFF);
        message = '';
        const key = await keys.next();
        await tty.write('\r\x1b[K');
        if (key === null) return failed ? 1 : 0;
        const k = key.raw;
        if (k === 'q' || k === 'Q' || k === '\x03') return failed ? 1 : 0;
        if (k === ' ' || k === 'z' || k === 'f') await show(page);
        else if (k === '\r' || k === '\n' || k === 'j' || k === '\x1b[B') await show(1);
        else if (k === 'd' || k === '\x04') await show(11);
        else if ((k === 'b' || k === '\x02') && doc.name !== null) {
          await tty.write('\n...back 1 page\n\n');
          shown = Math.max(0, shown - 2 * page);
          await show(page);
        } else if (k === '=') message = `${(rowLine[shown - 1] ?? 0) + 1}`;
        else if (k === '/') {
          const pattern = await readPattern(ctx, tty, keys);
          if (pattern === null) continue;
          let re: RegExp;
          try {
            re = new RegExp(pattern, 'u');
          } catch {
            re = new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'u');
          }
          const from = (rowLine[shown - 1] ?? -1) + 1;
          const hit = doc.lines.findIndex((l, i) => i >= from && re.test(l));
          if (hit < 0) {
            message = 'Pattern not found';
            continue;
          }
          await tty.write('\n...skipping\n');
          shown = rowLine.indexOf(hit);
          // util-linux shows the match on the third line of the new screen.
          shown = Math.max(0, shown - 2);
          await show(page - 2);
        }
      }
      const next = docs[d + 1];
      if (next) {
        await tty.write(`${INV}--More--(Next file: ${next.name ?? '-'})${OFF}`);
        const key = await keys.next();
        await tty.write('\r\x1b[K');
        if (key === null || key.raw === 'q' || key.raw === 'Q') return failed ? 1 : 0;
      }
    }
    return failed ? 1 : 0;
  } finally {
    off();
    tty.setMode(saved);
  }
};

/** The `/` prompt: echoes the pattern on the prompt line; Esc or Ctrl-C cancels. */
async function readPattern(ctx: ProcessContext, tty: NonNullable<ProcessContext['tty']>, keys: ReturnType<typeof ttyKeys>): Promise<string | null> {
  let text = '';
  await tty.write('/');
  while (true) {
    const key = await keys.next();
    if (key === null) return null;
    const k = key.raw;
    if (k === '\r' || k === '\n') {
      await tty.write('\r\x1b[K');
      return text;
    }
    if (k === '\x1b' || k === '\x03') {
      await tty.write('\r\x1b[K');
      return null;
    }
    if (k === '\x7f' || k === '\x08') {
      if (text === '') {
        await tty.write('\r\x1b[K');
        return null;
      }
      text = Array.from(text).slice(0, -1).join('');
      await tty.write('\b \b');
      continue;
    }
    if (k.codePointAt(0)! >= 0x20 && !k.startsWith('\x1b')) {
      text += k;
      await tty.write(k);
    }
    await ctx.checkpoint();
  }
}
