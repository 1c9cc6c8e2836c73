/**
 * nice (coreutils) and stdbuf: run a command with an adjusted niceness / stream buffering. layerlab's scheduler has
 * no priorities and no stdio buffers, so both only run the command; what the learner can observe (messages, exit
 * statuses 125/126/127, the permission warning for raising priority) is the real tools'. The kernel keeps no
 * niceness per process here, so plain `nice` always reports 0.
 */

import type { Program, ProcessContext } from '../../engine/process/Types';
import { isContainer } from './lib/machine';
import { startCommand, waitChild } from './lib/spawn';
import { Tool } from './lib/tool';

/** Runs the command; nice words a failed exec as `nice: 'cmd': ...`, stdbuf as `failed to run command 'cmd'`. */
async function runOrFail(ctx: ProcessContext, t: Tool, argv: readonly string[], failedToRun: boolean): Promise<number> {
  const r = startCommand(ctx, argv);
  if (!r.ok) {
    const what = !t.gnu ? `can't execute '${argv[0]}'` : failedToRun ? `failed to run command ${t.ql(argv[0]!)}` : t.ql(argv[0]!);
    await ctx.stderr.write(`${t.name}: ${what}: ${r.text}\n`);
    return r.status;
  }
  return waitChild(ctx, r.child);
}

export const nice: Program = async (ctx) => {
  const t = new Tool(ctx, { gnuUsageStatus: 125 });
  const args = ctx.argv.slice(1);
  let adjustment: string | undefined;
  let i = 0;
  // Options end at the first operand (the command's own options are its own); `-N` is an old-style adjustment.
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (/^-[-+]?\d+$/.test(a) && t.gnu) adjustment = a.slice(1);
    else if (a === '-n' || a === '--adjustment' || a === '--adj' || a === '--adjust') {
      if (i + 1 >= args.length) return t.usage(t.gnu ? `option requires an argument -- 'n'` : undefined);
      adjustment = args[++i]!;
    } else if (a.startsWith('-n')) adjustment = a.slice(2);
    else if (a.startsWith('--adjustment=')) adjustment = a.slice('--adjustment='.length);
    else if (a === '--help') return t.help();
    else if (a.startsWith('-') && a !== '-') return t.usage(a.startsWith('--') ? `unrecognized option '${a}'` : `invalid option -- '${a[1]}'`);
    else break;
  }
  const command = args.slice(i);
  let n = 10;
  if (adjustment !== undefined) {
    if (!/^[-+]?\d+$/.test(adjustment)) {
      await t.error(t.gnu ? `invalid adjustment ${t.ql(adjustment)}` : `invalid number '${adjustment}'`);
      return t.gnu ? 125 : 1;
    }
    n = Number(adjustment);
  }
  if (command.length === 0) {
    if (adjustment !== undefined) return t.usage('a command must be given with an adjustment');
    await t.out('0\n');
    return 0;
  }
  // Raising priority needs CAP_SYS_NICE, which Docker does not give even a container's root.
  if (n < 0 && (ctx.cred.uid !== 0 || isContainer(ctx))) await ctx.stderr.write(`${t.name}: cannot set niceness: Permission denied\n`);
  return runOrFail(ctx, t, command, false);
};

export const stdbuf: Program = async (ctx) => {
  const t = new Tool(ctx, { gnuUsageStatus: 125 });
  const parsed = await t.parse({ short: 'i:o:e:', long: { input: { key: 'i', arg: 'required' }, output: { key: 'o', arg: 'required' }, error: { key: 'e', arg: 'required' } }, stopAtOperand: true });
  if (typeof parsed === 'number') return parsed === 0 ? 0 : 125;
  if (parsed.operands.length === 0) return t.usage('missing operand');
  if (parsed.options.length === 0) return t.usage('you must specify a buffering mode option');
  for (const o of parsed.options) {
    const v = o.value ?? '';
    const ok = (v === 'L' && o.key !== 'i') || (o.key !== 'i' && v === '0') || /^\d+[KMGTPEZYkmgtpezyB]?B?$/.test(v);
    if (!ok) {
      if (v === 'L' && o.key === 'i') return t.usage('line buffering stdin is meaningless');
      await t.error(`invalid mode ${t.ql(v)}`);
      return 125;
    }
  }
  return runOrFail(ctx, t, parsed.operands, true);
};
