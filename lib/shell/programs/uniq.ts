/**
 * uniq: collapse adjacent equal lines; -c counts (`%7d `), -d only repeated, -u only unique, -i ignore case,
 * -f N skip fields, -s N skip chars, -w N compare at most N chars; optional INPUT and OUTPUT operands.
 */

import { resolvePath } from '../../engine/fs/path';
import { isFsError } from '../../engine/fs/Types';
import type { Program, WriteStream } from '../../engine/process/Types';
import { argErrorText, parseArgs } from './lib/args';
import { closeInput, linesOf, openInput } from './lib/input';
import { TextTool as Tool } from './lib/text-usage';

export const uniq: Program = async (ctx) => {
  const tool = new Tool(ctx);
  const argv = ctx.argv.slice(1).map((x) => (/^-[0-9]+$/.test(x) ? `-f${x.slice(1)}` : /^\+[0-9]+$/.test(x) ? `-s${x.slice(1)}` : x));
  const r = parseArgs(argv, {
    short: 'cdDuif:s:w:',
    long: { count: { key: 'c' }, repeated: { key: 'd' }, 'all-repeated': { key: 'D', arg: 'optional' }, unique: { key: 'u' }, 'ignore-case': { key: 'i' }, 'skip-fields': { key: 'f', arg: 'required' }, 'skip-chars': { key: 's', arg: 'required' }, 'check-chars': { key: 'w', arg: 'required' }, help: { key: '--help' } },
  });
  if (!r.ok) return tool.usage(argErrorText(r.error));
  const a = r.args;
  if (a.has('--help')) return tool.help();
  if (a.operands.length > 2) return tool.usage(`extra operand ${tool.ql(a.operands[2]!)}`);
  const skipFields = Number(a.get('f') ?? 0);
  const skipChars = Number(a.get('s') ?? 0);
  const width = a.get('w') !== undefined ? Number(a.get('w')) : Infinity;
  const ignoreCase = a.has('i');
  const keyOf = (line: string): string => {
    let s = line;
    for (let k = 0; k < skipFields; k++) s = s.replace(/^[ \t]*[^ \t]*/, '');
    s = s.slice(skipChars);
    if (width !== Infinity) s = [...s].slice(0, width).join('');
    return ignoreCase ? s.toLowerCase() : s;
  };
  const input = a.operands[0] ?? '-';
  let s;
  try {
    s = openInput(ctx, input);
  } catch (e) {
    await tool.error(tool.gnu ? `${input}: ${isFsError(e) ? e.text : String(e)}` : `can't open '${input}': ${isFsError(e) ? e.text : String(e)}`);
    return 1;
  }
  let out: WriteStream = ctx.stdout;
  if (a.operands[1] !== undefined && a.operands[1] !== '-') {
    try {
      out = ctx.sys.openWrite(ctx.fs, resolvePath(ctx.cwd, a.operands[1]), { append: false, umask: ctx.umask, tty: ctx.tty, proc: ctx });
    } catch (e) {
      await tool.error(`${a.operands[1]}: ${isFsError(e) ? e.text : String(e)}`);
      return 1;
    }
  }
  const count = a.has('c');
  const onlyDup = a.has('d') || a.has('D');
  const allDup = a.has('D');
  const onlyUniq = a.has('u');
  let prev: string | null = null;
  let prevKey = '';
  let n = 0;
  let group: string[] = [];
  const flush = async () => {
    if (prev === null) return;
    if (onlyDup && n < 2) return;
    if (onlyUniq && n > 1) return;
    if (allDup) {
      for (const g of group) await out.write(g + '\n');
      return;
    }
    await out.write(count ? `${String(n).padStart(7)} ${prev}\n` : `${prev}\n`);
  };
  try {
    for await (const { line } of linesOf(ctx, s)) {
      const k = keyOf(line);
      if (prev !== null && k === prevKey) {
        n++;
        if (allDup) group.push(line);
        continue;
      }
      await flush();
      prev = line;
      prevKey = k;
      n = 1;
      group = [line];
    }
    await flush();
  } finally {
    closeInput(ctx, s);
    if (out !== ctx.stdout) out.close();
  }
  return 0;
};
