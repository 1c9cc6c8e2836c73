/**
 * xargs: build command lines from standard input (blank-separated words with quotes and backslashes; -0; -d DELIM;
 * -I REPLACE per line; -L N lines; -n N words) and run them one after another (-P is accepted, runs serially).
 * -r skips an empty input, -t echoes each command to stderr. Exit: 123 when a command failed, 124 on status 255,
 * 125 when killed, 126/127 when it cannot be run.
 */

import type { Program } from '../../engine/process/Types';
import { readAll } from '../../engine/process/streams';
import { closeInput, openInput } from './lib/input';
import { startCommand, waitChild } from './lib/spawn';
import { TextTool as Tool } from './lib/text-usage';

class QuoteError extends Error {}

/** GNU's default input parsing: blanks separate, quotes group, backslash escapes; `eof` ends input. */
function words(text: string, eof: string | null): string[] {
  const out: string[] = [];
  let cur = '';
  let have = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"' || c === "'") {
      const end = text.indexOf(c, i + 1);
      const nl = text.indexOf('\n', i + 1);
      if (end < 0 || (nl >= 0 && nl < end)) throw new QuoteError(c === '"' ? 'double' : 'single');
      cur += text.slice(i + 1, end);
      have = true;
      i = end;
    } else if (c === '\\' && i + 1 < text.length) {
      cur += text[++i];
      have = true;
    } else if (c === ' ' || c === '\t' || c === '\n') {
      if (have) {
        if (eof !== null && cur === eof) return out;
        out.push(cur);
      }
      cur = '';
      have = false;
    } else {
      cur += c;
      have = true;
    }
  }
  if (have && !(eof !== null && cur === eof)) out.push(cur);
  return out;
}

export const xargs: Program = async (ctx) => {
  const tool = new Tool(ctx);
  const args = ctx.argv.slice(1);
  let maxArgs: number | null = null;
  let maxLines: number | null = null;
  let replace: string | null = null;
  let delim: string | null = null;
  let noRunEmpty = !tool.gnu;
  let trace = false;
  let inputFile: string | null = null;
  let eof: string | null = null;
  let i = 0;
  const need = (a: string, k: number): string | undefined => (a.length > k ? a.slice(k) : args[++i]);
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    if (a === '-0' || a === '--null') delim = '\0';
    else if (a === '-r' || a === '--no-run-if-empty') noRunEmpty = true;
    else if (a === '-t' || a === '--verbose') trace = true;
    else if (a === '-x' || a === '--exit') continue;
    else if (a.startsWith('-n') || a.startsWith('--max-args')) maxArgs = Number(a.startsWith('--') ? a.split('=')[1] ?? args[++i] : need(a, 2));
    else if (a.startsWith('-L') || a.startsWith('--max-lines')) maxLines = Number(a.startsWith('--') ? a.split('=')[1] ?? args[++i] : need(a, 2));
    else if (a.startsWith('-l')) maxLines = a.length > 2 ? Number(a.slice(2)) : 1;
    else if (a.startsWith('-I') || a.startsWith('--replace')) replace = a.startsWith('--replace') ? a.split('=')[1] ?? '{}' : need(a, 2) ?? '{}';
    else if (a.startsWith('-i')) replace = a.length > 2 ? a.slice(2) : '{}';
    else if (a.startsWith('-d') || a.startsWith('--delimiter')) {
      const d = a.startsWith('--') ? a.split('=')[1] ?? args[++i] ?? '' : need(a, 2) ?? '';
      delim = d === '\\n' ? '\n' : d === '\\t' ? '\t' : d === '\\0' ? '\0' : d[0] ?? '\n';
    } else if (a.startsWith('-P') || a.startsWith('--max-procs') || a.startsWith('-s') || a.startsWith('--max-chars')) {
      if (a === '-P' || a === '-s') i++;
    } else if (a.startsWith('-a') || a.startsWith('--arg-file')) inputFile = a.startsWith('--') ? a.split('=')[1] ?? args[++i] ?? '' : need(a, 2) ?? '';
    else if (a.startsWith('-E')) eof = need(a, 2) ?? null;
    else if (a === '--help') return tool.help();
    else return tool.usage(`invalid option -- '${a[1]}'`);
  }
  const base = args.length > i ? args.slice(i) : ['echo'];
  let text: string;
  try {
    const s = inputFile !== null ? openInput(ctx, inputFile) : ctx.stdin;
    text = new TextDecoder().decode(await readAll(s));
    if (inputFile !== null) closeInput(ctx, s);
  } catch (e) {
    await tool.error(`${inputFile}: ${(e as { text?: string }).text ?? String(e)}`);
    return 1;
  }

  // Units: each becomes one argument (or, with -L/-I, one line's worth).
  let groups: string[][];
  try {
    if (replace !== null) {
      groups = text
        .split(delim ?? '\n')
        .filter((l, k, all) => !(k === all.length - 1 && l === ''))
        .map((l) => (delim === null ? l.replace(/^[ \t]+/, '') : l))
        .filter((l) => l !== '')
        .map((l) => [l]);
    } else if (delim !== null) {
      const parts = text.split(delim);
      if (parts[parts.length - 1] === '') parts.pop();
      groups = chunk(parts, maxArgs ?? maxLines ?? Infinity);
    } else if (maxLines !== null) {
      const lines = text.split('\n').map((l) => words(l, eof)).filter((w) => w.length > 0);
      groups = chunk(lines, maxLines).map((g) => g.flat());
    } else groups = chunk(words(text, eof), maxArgs ?? Infinity);
  } catch (e) {
    if (!(e instanceof QuoteError)) throw e;
    await tool.error(`unmatched ${e.message} quote; by default quotes are special to xargs unless you use the -0 option`);
    return 1;
  }
  if (groups.length === 0 && !noRunEmpty && replace === null) groups = [[]];

  let status = 0;
  for (const g of groups) {
    await ctx.checkpoint();
    const argv = replace !== null ? base.map((w) => w.split(replace!).join(g[0]!)) : [...base, ...g];
    if (trace) await ctx.stderr.write(argv.join(' ') + '\n');
    const r = startCommand(ctx, argv);
    if (!r.ok) {
      await tool.error(`${argv[0]}: ${r.text}`);
      return r.status;
    }
    const st = await waitChild(ctx, r.child, false);
    if (st === 255) {
      await tool.error(`${argv[0]}: exited with status 255; aborting`);
      return 124;
    }
    if (st > 128) {
      await tool.error(`${argv[0]}: terminated by signal ${st - 128}`);
      return 125;
    }
    if (st !== 0) status = 123;
  }
  return status;
};

function chunk<T>(items: T[], size: number): T[][] {
  if (size === Infinity || size <= 0) return items.length === 0 ? [] : [items];
  const out: T[][] = [];
  for (let k = 0; k < items.length; k += size) out.push(items.slice(k, k + size));
  return out;
}
