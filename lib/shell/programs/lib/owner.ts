/** The shared core of chown and chgrp: parsing `USER[:GROUP]`, applying with -R/-h, and their -v/-c wording. */

import type { Stat } from '../../../engine/fs/Types';
import { Accounts } from './accounts';
import { walkTree } from './fsutil';
import { errorText, type Tool } from './tool';
import type { ParsedArgs } from './args';

export interface OwnerChange {
  /** -1 keeps the current value. */
  readonly uid: number;
  readonly gid: number;
  /** Which parts the user named (for GNU's verbose wording). */
  readonly userGiven: boolean;
  readonly groupGiven: boolean;
}

/** Parses chown's `USER`, `USER:GROUP`, `USER:`, `:GROUP` (also with `.`); returns an error message on failure. */
export function parseOwnerSpec(t: Tool, accounts: Accounts, spec: string): OwnerChange | string {
  let sep = spec.indexOf(':');
  if (sep < 0 && spec.includes('.') && !accounts.userByName(spec)) sep = spec.indexOf('.');
  const userPart = sep < 0 ? spec : spec.slice(0, sep);
  const groupPart = sep < 0 ? undefined : spec.slice(sep + 1);
  let uid = -1;
  let gid = -1;
  if (userPart !== '') {
    const u = accounts.resolveUser(userPart);
    if (u === undefined) return t.gnu ? `invalid user: ${t.ql(spec)}` : `unknown user ${userPart}`;
    uid = u;
  }
  if (groupPart !== undefined && groupPart !== '') {
    const g = accounts.resolveGroup(groupPart);
    if (g === undefined) return t.gnu ? `invalid group: ${t.ql(spec)}` : `unknown group ${groupPart}`;
    gid = g;
  } else if (groupPart === '' && userPart !== '') {
    // `user:` means the user's login group.
    const entry = accounts.userByName(userPart) ?? accounts.user(uid);
    if (!entry) return t.gnu ? `invalid spec: ${t.ql(spec)}` : `unknown user ${userPart}`;
    gid = entry.gid;
  }
  return { uid, gid, userGiven: userPart !== '', groupGiven: groupPart !== undefined && (groupPart !== '' || userPart !== '') };
}

/** Applies `change` to every operand, as chown (`mode: 'chown'`) or chgrp word it. */
export async function changeOwners(t: Tool, a: ParsedArgs, operands: readonly string[], change: OwnerChange, mode: 'chown' | 'chgrp'): Promise<number> {
  const ctx = t.ctx;
  const accounts = Accounts.load(ctx.fs);
  const recursive = a.has('R');
  const noFollowAll = a.has('h') || (recursive && !a.has('H') && !a.has('L'));
  const verbose = a.has('v');
  const changes = a.has('c');
  const quiet = a.has('f');
  const names = (uid: number, gid: number, old: boolean) => {
    const u = accounts.userName(uid);
    const g = accounts.groupName(gid);
    if (mode === 'chgrp') return g;
    if (change.userGiven && change.groupGiven) return `${u}:${g}`;
    if (change.userGiven) return u;
    return old ? `${u}:${g}` : `:${g}`;
  };

  const apply = async (path: string, name: string, lst: Stat, top: boolean) => {
    const noFollow = top ? a.has('h') : noFollowAll;
    let st = lst;
    if (st.type === 'symlink' && !noFollow) {
      try {
        st = ctx.fs.stat(path);
      } catch (e) {
        if (!quiet) await t.error(t.gnu ? `cannot dereference ${t.q(name)}: ${errorText(e)}` : `${name}: ${errorText(e)}`);
        else t.failed = true;
        return;
      }
    }
    const uid = change.uid === -1 ? st.uid : change.uid;
    const gid = change.gid === -1 ? st.gid : change.gid;
    const same = uid === st.uid && gid === st.gid;
    try {
      ctx.fs.chown(path, change.uid, change.gid, noFollow);
    } catch (e) {
      if (!quiet) {
        const what = mode === 'chgrp' ? 'group' : 'ownership';
        await t.error(t.gnu ? `changing ${what} of ${t.q(name)}: ${errorText(e)}` : `${name}: ${errorText(e)}`);
      } else t.failed = true;
      return;
    }
    if (!t.gnu) {
      if (verbose || (changes && !same)) await ctx.stdout.write(`changed ownership of '${name}' to ${uid}:${gid}\n`);
      return;
    }
    if (!same && (verbose || changes)) {
      const what = mode === 'chgrp' ? 'group' : 'ownership';
      await ctx.stdout.write(`changed ${what} of ${t.q(name)} from ${names(st.uid, st.gid, true)} to ${names(uid, gid, false)}\n`);
    } else if (same && verbose) {
      await ctx.stdout.write(`${mode === 'chgrp' ? 'group' : 'ownership'} of ${t.q(name)} retained as ${names(uid, gid, false)}\n`);
    }
  };

  for (const name of operands) {
    await ctx.checkpoint();
    const path = t.abs(name);
    let lst: Stat;
    try {
      lst = ctx.fs.lstat(path);
    } catch (e) {
      if (!quiet) await t.error(t.gnu ? `cannot access ${t.q(name)}: ${errorText(e)}` : `${name}: ${errorText(e)}`);
      else t.failed = true;
      continue;
    }
    if (!recursive) {
      await apply(path, name, lst, true);
      continue;
    }
    await walkTree(
      ctx.fs,
      path,
      name,
      (p, n, st) => apply(p, n, st, p === path),
      async (n, e) => {
        if (!quiet) await t.error(t.gnu ? `cannot read directory ${t.q(n)}: ${errorText(e)}` : `${n}: ${errorText(e)}`);
      },
      () => ctx.checkpoint(),
    );
  }
  return t.status;
}
