/** chown: change owner and group (`USER`, `USER:GROUP`, `USER:`, `:GROUP`, numeric ids; -R, -h, -v, -c, -f). */

import type { Program } from '../../engine/process/Types';
import { Accounts } from './lib/accounts';
import { changeOwners, parseOwnerSpec } from './lib/owner';
import { errorText, Tool } from './lib/tool';

export const OWNER_OPTIONS = {
  short: 'RhvcfHLP',
  long: {
    recursive: { key: 'R' },
    'no-dereference': { key: 'h' },
    dereference: { key: 'deref' },
    verbose: { key: 'v' },
    changes: { key: 'c' },
    silent: { key: 'f' },
    quiet: { key: 'f' },
    reference: { key: 'reference', arg: 'required' },
  },
} as const;

export const chown: Program = async (ctx) => {
  const t = new Tool(ctx);
  const parsed = await t.parse(t.gnu ? OWNER_OPTIONS : { short: 'RhvcfLHP' });
  if (typeof parsed === 'number') return parsed;
  const a = parsed;
  const ops = [...a.operands];
  const ref = a.get('reference');
  let change;
  if (ref !== undefined) {
    try {
      const st = ctx.fs.stat(t.abs(ref));
      change = { uid: st.uid, gid: st.gid, userGiven: true, groupGiven: true };
    } catch (e) {
      await t.error(`failed to get attributes of ${t.q(ref)}: ${errorText(e)}`);
      return 1;
    }
  } else {
    if (ops.length === 0) return t.usage(t.gnu ? 'missing operand' : undefined);
    const spec = ops.shift()!;
    if (ops.length === 0) return t.usage(t.gnu ? `missing operand after ${t.ql(spec)}` : undefined);
    const c = parseOwnerSpec(t, Accounts.load(ctx.fs), spec);
    if (typeof c === 'string') {
      await t.error(c);
      return 1;
    }
    change = c;
  }
  if (ops.length === 0) return t.usage(t.gnu ? 'missing operand' : undefined);
  return changeOwners(t, a, ops, change, 'chown');
};
