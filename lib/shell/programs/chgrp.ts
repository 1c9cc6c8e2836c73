/** chgrp: change the group of files (name or number; -R, -h, -v, -c, -f). */

import type { Program } from '../../engine/process/Types';
import { Accounts } from './lib/accounts';
import { changeOwners } from './lib/owner';
import { errorText, Tool } from './lib/tool';
import { OWNER_OPTIONS } from './chown';

export const chgrp: Program = async (ctx) => {
  const t = new Tool(ctx);
  const parsed = await t.parse(t.gnu ? OWNER_OPTIONS : { short: 'RhvcfLHP' });
  if (typeof parsed === 'number') return parsed;
  const a = parsed;
  const ops = [...a.operands];
  let gid: number;
  const ref = a.get('reference');
  if (ref !== undefined) {
    try {
      gid = ctx.fs.stat(t.abs(ref)).gid;
    } catch (e) {
      await t.error(`failed to get attributes of ${t.q(ref)}: ${errorText(e)}`);
      return 1;
    }
  } else {
    if (ops.length === 0) return t.usage(t.gnu ? 'missing operand' : undefined);
    const spec = ops.shift()!;
    if (ops.length === 0) return t.usage(t.gnu ? `missing operand after ${t.ql(spec)}` : undefined);
    const g = Accounts.load(ctx.fs).resolveGroup(spec);
    if (g === undefined) {
      await t.error(t.gnu ? `invalid group: ${t.ql(spec)}` : `unknown group ${spec}`);
      return 1;
    }
    gid = g;
  }
  return changeOwners(t, a, ops, { uid: -1, gid, userGiven: false, groupGiven: true }, 'chgrp');
};
