/** id, whoami, groups: identities from the process credentials and the machine's /etc/passwd and /etc/group. */

import type { Cred } from '../../engine/fs/Types';
import type { Program, ProcessContext } from '../../engine/process/Types';
import { argErrorText, parseArgs } from './lib/args';
import { Accounts } from './lib/accounts';
import { localeQuote } from './lib/messages';
import { TextTool as Tool } from './lib/text-usage';
import { credOf, lookupUser } from './lib/user-groups';

function resolveTarget(ctx: ProcessContext, spec: string | undefined): { cred: Cred; explicit: boolean } | null {
  if (spec === undefined) return { cred: ctx.cred, explicit: false };
  const u = lookupUser(ctx.fs, spec);
  return u ? { cred: credOf(ctx.fs, u), explicit: true } : null;
}

export const id: Program = async (ctx) => {
  const tool = new Tool(ctx);
  const r = parseArgs(ctx.argv.slice(1), { short: 'ugGnr', long: { user: { key: 'u' }, group: { key: 'g' }, groups: { key: 'G' }, name: { key: 'n' }, real: { key: 'r' }, help: { key: '--help' } } });
  if (!r.ok) return tool.usage(argErrorText(r.error));
  const a = r.args;
  if (a.has('--help')) return tool.help();
  if (a.operands.length > 1) return tool.usage(`extra operand ${localeQuote(ctx, a.operands[1]!)}`);
  const target = resolveTarget(ctx, a.operands[0]);
  if (!target) {
    await tool.error(tool.gnu ? `${localeQuote(ctx, a.operands[0]!)}: no such user` : `unknown user ${a.operands[0]}`);
    return 1;
  }
  const acc = Accounts.load(ctx.fs);
  const { cred } = target;
  const only = ['u', 'g', 'G'].filter((k) => a.has(k));
  if (only.length > 1) return tool.usage('cannot print "only" of more than one choice');
  if (only.length === 0 && (a.has('n') || a.has('r'))) return tool.usage('cannot print only names or real IDs in default format');
  const name = a.has('n');
  const user = (uid: number) => (name ? acc.userName(uid) : String(uid));
  const group = (gid: number) => (name ? acc.groupName(gid) : String(gid));
  const groups = [cred.gid, ...cred.groups.filter((g) => g !== cred.gid)];
  if (only[0] === 'u') await ctx.stdout.write(user(cred.uid) + '\n');
  else if (only[0] === 'g') await ctx.stdout.write(group(cred.gid) + '\n');
  else if (only[0] === 'G') await ctx.stdout.write(groups.map(group).join(' ') + '\n');
  else {
    const withName = (n: number, label: string) => (label === String(n) ? `${n}` : `${n}(${label})`);
    const g = groups.map((x) => withName(x, acc.groupName(x))).join(',');
    await ctx.stdout.write(`uid=${withName(cred.uid, acc.userName(cred.uid))} gid=${withName(cred.gid, acc.groupName(cred.gid))} groups=${g}\n`);
  }
  return 0;
};

export const whoami: Program = async (ctx) => {
  const tool = new Tool(ctx);
  if (ctx.argv.length > 1) return tool.usage(`extra operand ${localeQuote(ctx, ctx.argv[1]!)}`);
  const u = Accounts.load(ctx.fs).user(ctx.cred.uid);
  if (!u) {
    await tool.error(tool.gnu ? `cannot find name for user ID ${ctx.cred.uid}` : `unknown uid ${ctx.cred.uid}`);
    return 1;
  }
  await ctx.stdout.write(u.name + '\n');
  return 0;
};

export const groups: Program = async (ctx) => {
  const tool = new Tool(ctx);
  const acc = Accounts.load(ctx.fs);
  const names = ctx.argv.slice(1);
  if (names.length === 0) {
    const gs = [ctx.cred.gid, ...ctx.cred.groups.filter((g) => g !== ctx.cred.gid)];
    await ctx.stdout.write(gs.map((g) => acc.groupName(g)).join(' ') + '\n');
    return 0;
  }
  for (const n of names) {
    const t = resolveTarget(ctx, n);
    if (!t) {
      await tool.error(tool.gnu ? `${localeQuote(ctx, n)}: no such user` : `unknown user ${n}`);
      continue;
    }
    const gs = [t.cred.gid, ...t.cred.groups.filter((g) => g !== t.cred.gid)];
    await ctx.stdout.write(`${n} : ${gs.map((g) => acc.groupName(g)).join(' ')}\n`);
  }
  return tool.status;
};
