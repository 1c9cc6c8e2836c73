/** cut: -b/-c position lists, -f field lists with -d (TAB default), -s, --complement, --output-delimiter. */

import { isFsError } from '../../engine/fs/Types';
import type { Program } from '../../engine/process/Types';
import { encodeText } from '../../engine/process/text';
import { argErrorText, parseArgs } from './lib/args';
import { closeInput, linesOf, openInput } from './lib/input';
import { inRanges, parseRangeList } from './lib/ranges';
import { TextTool as Tool } from './lib/text-usage';

export const cut: Program = async (ctx) => {
  const tool = new Tool(ctx);
  const r = parseArgs(ctx.argv.slice(1), {
    short: 'b:c:f:d:sn',
    long: { bytes: { key: 'b', arg: 'required' }, characters: { key: 'c', arg: 'required' }, fields: { key: 'f', arg: 'required' }, delimiter: { key: 'd', arg: 'required' }, 'only-delimited': { key: 's' }, complement: { key: 'complement' }, 'output-delimiter': { key: 'od', arg: 'required' }, help: { key: '--help' } },
  });
  if (!r.ok) return tool.usage(argErrorText(r.error));
  const a = r.args;
  if (a.has('--help')) return tool.help();
  const modes = ['b', 'c', 'f'].filter((k) => a.has(k));
  if (modes.length === 0) return tool.usage('you must specify a list of bytes, characters, or fields');
  if (modes.length > 1) return tool.usage('only one list may be specified');
  const mode = modes[0]!;
  const list = parseRangeList(a.get(mode)!, mode === 'f' ? 'fields' : 'positions');
  if (typeof list === 'string') return tool.usage(list);
  const delim = a.get('d') ?? '\t';
  if (mode !== 'f' && a.has('d')) return tool.usage('an input delimiter may be specified only when operating on fields');
  if ([...delim].length > 1) return tool.usage('the delimiter must be a single character');
  const complement = a.has('complement');
  const onlyDelimited = a.has('s');
  const outDelim = a.get('od') ?? (mode === 'f' ? delim : null);
  const want = (n: number) => inRanges(list, n) !== complement;

  const cutLine = (line: string): string | null => {
    if (mode === 'f') {
      if (delim === '' ? true : !line.includes(delim)) return onlyDelimited ? null : line;
      const fields = line.split(delim);
      return fields.filter((_f, i) => want(i + 1)).join(outDelim!);
    }
    const units = mode === 'b' ? [...encodeText(line)].map((b) => String.fromCharCode(b)) : [...line];
    if (outDelim === null) {
      const kept = units.filter((_u, i) => want(i + 1));
      return mode === 'b' ? new TextDecoder().decode(Uint8Array.from(kept.map((c) => c.charCodeAt(0)))) : kept.join('');
    }
    // With --output-delimiter, separate runs of selected positions.
    let out = '';
    let inRun = false;
    let first = true;
    units.forEach((u, i) => {
      if (want(i + 1)) {
        if (!inRun && !first) out += outDelim;
        out += u;
        inRun = true;
        first = false;
      } else inRun = false;
    });
    return mode === 'b' ? new TextDecoder().decode(Uint8Array.from([...out].map((c) => c.charCodeAt(0)))) : out;
  };

  const files = a.operands.length === 0 ? ['-'] : [...a.operands];
  for (const f of files) {
    let s;
    try {
      s = openInput(ctx, f);
    } catch (e) {
      await tool.error(`${f}: ${isFsError(e) ? e.text : String(e)}`);
      continue;
    }
    try {
      for await (const { line } of linesOf(ctx, s)) {
        const out = cutLine(line);
        if (out !== null) await ctx.stdout.write(out + '\n');
      }
    } finally {
      closeInput(ctx, s);
    }
  }
  return tool.status;
};
