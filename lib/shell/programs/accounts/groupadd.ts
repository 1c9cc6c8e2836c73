/** groupadd and groupdel (shadow 4.13): the group and gshadow lines, shadow's messages and exit codes. */

import type { Program, ProcessContext } from '../../../engine/process/Types';
import { parseArgs, type OptionSpec, type ParsedArgs } from '../lib/args';
import { loadAccounts, saveAccounts } from './db';
import { isValidName, loginDefs, newId } from './ids';
import { SHADOW_USAGE } from './usage';

export interface NewGroup {
  readonly name: string;
  readonly gid?: number;
  readonly system?: boolean;
  readonly force?: boolean;
  readonly nonUnique?: boolean;
  readonly members?: readonly string[];
}

async function fail(ctx: ProcessContext, prog: string, msg: string, status: number): Promise<number> {
  await ctx.stderr.write(`${prog}: ${msg}\n`);
  return status;
}

export async function addGroup(ctx: ProcessContext, prog: string, g: NewGroup): Promise<number> {
  if (ctx.cred.uid !== 0) {
    await ctx.stderr.write(`${prog}: Permission denied.\n`);
    return fail(ctx, prog, 'cannot lock /etc/group; try again later.', 10);
  }
  const db = loadAccounts(ctx.fs);
  const defs = loginDefs(ctx.fs);
  if (!isValidName(g.name)) return fail(ctx, prog, `'${g.name}' is not a valid group name`, 3);
  if (db.group.find(g.name)) return g.force ? 0 : fail(ctx, prog, `group '${g.name}' already exists`, 9);
  let gid = g.gid ?? null;
  if (gid !== null && db.group.byId(gid) && !g.nonUnique) {
    if (!g.force) return fail(ctx, prog, `GID '${gid}' already exists`, 4);
    gid = null;
  }
  gid ??= g.system ? newId(db.group, defs.sysGidMin, defs.sysGidMax, true) : newId(db.group, defs.gidMin, defs.gidMax, false);
  if (gid === null) return fail(ctx, prog, "can't create group", 4);
  const members = (g.members ?? []).join(',');
  db.group.append([g.name, 'x', String(gid), members]);
  db.gshadow.append([g.name, '!', '', members]);
  saveAccounts(ctx.fs, db);
  return 0;
}

function shadowArgError(prog: string, e: { kind: string; option: string; long?: boolean }): string {
  if (e.kind === 'invalid') return `${prog}: invalid option -- '${e.option}'\n`;
  if (e.kind === 'missing-arg') return e.long ? `${prog}: option '${e.option}' requires an argument\n` : `${prog}: option requires an argument -- '${e.option}'\n`;
  return `${prog}: unrecognized option '${e.option}'\n`;
}

export type ShadowParse = { readonly status: number } | { readonly args: ParsedArgs; readonly usage: (status: number) => Promise<number> };

/** Parses shadow-style options; prints usage (stdout for -h, stderr and status 2 for mistakes). */
export async function parseShadow(ctx: ProcessContext, prog: string, spec: OptionSpec): Promise<ShadowParse> {
  const usage = async (status: number) => {
    await (status === 0 ? ctx.stdout : ctx.stderr).write(SHADOW_USAGE[prog] ?? `Usage: ${prog} [options]\n`);
    return status;
  };
  const r = parseArgs(ctx.argv.slice(1), spec);
  if (!r.ok) {
    await ctx.stderr.write(shadowArgError(prog, r.error));
    return { status: await usage(2) };
  }
  if (r.args.has('h')) return { status: await usage(0) };
  return { args: r.args, usage };
}

export const groupadd: Program = async (ctx) => {
  const p = await parseShadow(ctx, 'groupadd', {
    short: 'fg:hK:op:rR:P:U:',
    long: { force: { key: 'f' }, gid: { key: 'g', arg: 'required' }, help: { key: 'h' }, key: { key: 'K', arg: 'required' }, 'non-unique': { key: 'o' }, password: { key: 'p', arg: 'required' }, system: { key: 'r' }, root: { key: 'R', arg: 'required' }, prefix: { key: 'P', arg: 'required' }, users: { key: 'U', arg: 'required' } },
  });
  if (!('args' in p)) return p.status;
  const a = p.args;
  if (a.operands.length !== 1) return p.usage(2);
  const gidArg = a.get('g');
  if (gidArg !== undefined && !/^\d+$/.test(gidArg)) return fail(ctx, 'groupadd', `invalid group ID '${gidArg}'`, 3);
  return addGroup(ctx, 'groupadd', {
    name: a.operands[0]!,
    ...(gidArg !== undefined ? { gid: Number(gidArg) } : {}),
    system: a.has('r'),
    force: a.has('f'),
    nonUnique: a.has('o'),
    members: (a.get('U') ?? '').split(',').filter((m) => m !== ''),
  });
};

export async function deleteGroup(ctx: ProcessContext, prog: string, name: string): Promise<number> {
  if (ctx.cred.uid !== 0) {
    await ctx.stderr.write(`${prog}: Permission denied.\n`);
    return fail(ctx, prog, 'cannot lock /etc/group; try again later.', 10);
  }
  const db = loadAccounts(ctx.fs);
  const g = db.group.find(name);
  if (!g) return fail(ctx, prog, `group '${name}' does not exist`, 6);
  const owner = db.passwd.entries().find((u) => u[3] === g[2]);
  if (owner) return fail(ctx, prog, `cannot remove the primary group of user '${owner[0]}'`, 8);
  db.group.remove(name);
  db.gshadow.remove(name);
  saveAccounts(ctx.fs, db);
  return 0;
}

export const groupdel: Program = async (ctx) => {
  const p = await parseShadow(ctx, 'groupdel', { short: 'hR:P:f', long: { help: { key: 'h' }, root: { key: 'R', arg: 'required' }, prefix: { key: 'P', arg: 'required' }, force: { key: 'f' } } });
  if (!('args' in p)) return p.status;
  if (p.args.operands.length !== 1) return p.usage(2);
  return deleteGroup(ctx, 'groupdel', p.args.operands[0]!);
};
