/**
 * awk: the program text (or -f files), -F, -v and operand assignments, run by the interpreter in ./awk/.
 * GNU-flavoured machines behave like Debian's default awk (mawk: wording, integer output within 32 bits); BusyBox
 * machines like BusyBox awk.
 */

import type { Program } from '../../engine/process/Types';
import { readAll } from '../../engine/process/streams';
import { decodeText } from '../../engine/process/text';
import { isFsError } from '../../engine/fs/Types';
import { AwkRuntimeError, ExitSignal, Interp } from './awk/interp';
import { AwkSyntaxError, tokenize, unescapeAwk } from './awk/lexer';
import { Parser, type AwkProgram } from './awk/parser';
import { openInput } from './lib/input';

export const awk: Program = async (ctx) => {
  const gnu = ctx.flavor === 'gnu';
  const name = 'awk';
  const args = ctx.argv.slice(1);
  let fs: string | null = null;
  const assigns: [string, string][] = [];
  const progFiles: string[] = [];
  let i = 0;
  const usage = async () => {
    await ctx.stderr.write(gnu ? 'usage: awk [-F value] [-v var=value] [--] \'program text\' [file ...]\nusage: awk [-F value] [-v var=value] [-f program-file] [--] [file ...]\n' : 'BusyBox v1.36.1 (layerlab) multi-call binary.\n\nUsage: awk [OPTIONS] [AWK_PROGRAM] [FILE]...\n\n\t-v VAR=VAL\tSet variable\n\t-F SEP\t\tUse SEP as field separator\n\t-f FILE\t\tRead program from FILE\n\t-e AWK_PROGRAM\n');
    return 2;
  };
  let inlineProgram: string | null = null;
  while (i < args.length) {
    const a = args[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (a === '--version' || a === '-Wversion' || a === '-Wv') {
      await ctx.stdout.write(gnu ? 'mawk 1.3.4 20200120\n' : 'awk: BusyBox v1.36.1\n');
      return 0;
    }
    if (!a.startsWith('-') || a === '-') break;
    const opt = a[1]!;
    const value = () => {
      if (a.length > 2) return a.slice(2);
      i++;
      return args[i];
    };
    if (opt === 'F') {
      const v = value();
      if (v === undefined) return usage();
      fs = v === 't' ? '\t' : unescapeAwk(v);
    } else if (opt === 'v') {
      const v = value();
      if (v === undefined) return usage();
      const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(v);
      if (!m) {
        await ctx.stderr.write(gnu ? `awk: improper assignment: -v ${v}\n` : `awk: unexpected token\n`);
        return 2;
      }
      assigns.push([m[1]!, unescapeAwk(m[2]!)]);
    } else if (opt === 'f') {
      const v = value();
      if (v === undefined) return usage();
      progFiles.push(v);
    } else if (opt === 'e' && !gnu) {
      const v = value();
      if (v === undefined) return usage();
      inlineProgram = v;
    } else if (opt === 'W') {
      value();
    } else {
      await ctx.stderr.write(gnu ? `awk: not an option: ${a}\n` : `awk: invalid option -- '${opt}'\n`);
      return 2;
    }
    i++;
  }
  let source: string;
  if (progFiles.length > 0) {
    const parts: string[] = [];
    for (const f of progFiles) {
      try {
        parts.push(decodeText(await readAll(openInput(ctx, f))));
      } catch (e) {
        if (!isFsError(e)) throw e;
        await ctx.stderr.write(gnu ? `awk: couldn't open file ${f} (${e.text})\n` : `awk: can't open '${f}': ${e.text}\n`);
        return 2;
      }
    }
    source = parts.join('\n');
  } else if (inlineProgram !== null) source = inlineProgram;
  else {
    if (i >= args.length) return usage();
    source = args[i++]!;
  }
  const operands = args.slice(i);

  let program: AwkProgram;
  try {
    program = new Parser(tokenize(source)).program();
  } catch (e) {
    if (!(e instanceof AwkSyntaxError)) throw e;
    await ctx.stderr.write(gnu ? `awk: line ${e.line}: ${e.message}\n` : `awk: cmd. line:${e.line}: Unexpected token\n`);
    return gnu ? 2 : 1;
  }

  const interp = new Interp({ ctx, program, maxInt: gnu ? 2147483647 : 2 ** 53, name });
  interp.setArgv([name, ...operands]);
  if (fs !== null) interp.assignVar('FS', fs);
  for (const [k, v] of assigns) interp.assignVar(k, v);
  try {
    return await interp.run();
  } catch (e) {
    if (e instanceof ExitSignal) return e.code;
    if (!(e instanceof AwkRuntimeError)) throw e;
    await interp.closeAll().catch(() => {});
    const cause = (e as { cause?: unknown }).cause;
    if (cause && typeof cause === 'object' && 'file' in cause) {
      const c = cause as { file: string; text: string };
      await ctx.stderr.write(gnu ? `awk: cannot open ${c.file} (${c.text})\n` : `awk: ${c.file}: ${c.text}\n`);
      return gnu ? 2 : 1;
    }
    if (cause === 'io' || e.message.startsWith('division by zero')) {
      await ctx.stderr.write(gnu ? `awk: ${e.message}\n` : `awk: cmd. line:1: ${e.message === 'division by zero' ? 'Division by zero' : e.message}\n`);
      return gnu ? 2 : 1;
    }
    await ctx.stderr.write(gnu ? `awk: run time error: ${e.message}\n\tFILENAME="${interp.filename}" FNR=${interp.fnr} NR=${interp.nr}\n` : `awk: cmd. line:1: ${e.message}\n`);
    return gnu ? 2 : 1;
  }
};
