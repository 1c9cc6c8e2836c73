/**
 * `gosu user-spec command [args]` (tianon/gosu): what the official images' entrypoints (redis, mysql, postgres)
 * use to drop root: look the user up in the container's /etc/passwd, then exec the command as that user in the same
 * process, so the daemon stays PID 1 and gets `docker stop`'s signal itself.
 */
import { resolveUser } from '../../engine/container/user';
import { isEngineError } from '../../engine/errors';
import type { Program } from '../../engine/process/Types';

const USAGE = `Usage: gosu user-spec command [args]
   eg: gosu tianon bash
       gosu nobody:root bash -c 'whoami && id'
       gosu 1000:1 id

gosu version: 1.17 (go1.18.2 on linux/amd64; gc)
     license: Apache-2.0 (full text at https://github.com/tianon/gosu)

`;

export const gosu: Program = async (ctx) => {
  const [, spec, ...cmd] = ctx.argv;
  if (spec === undefined || cmd.length === 0) {
    await ctx.stderr.write(USAGE);
    return 1;
  }
  let user;
  try {
    user = resolveUser(ctx.sys.rootFs, spec);
  } catch (e) {
    if (!isEngineError(e)) throw e;
    await ctx.stderr.write(`error: failed switching to "${spec}": ${e.message}\n`);
    return 1;
  }
  const env = new Map(ctx.env);
  env.set('HOME', user.home);
  const r = ctx.sys.execve(ctx, { argv: cmd, env, cred: user.cred, stdin: ctx.stdin, stdout: ctx.stdout, stderr: ctx.stderr });
  if (r.ok) return r.status;
  const f = r.failure;
  const why = f.kind === 'not-found' ? 'executable file not found in $PATH' : f.kind === 'permission-denied' || f.kind === 'is-a-directory' ? 'permission denied' : 'no such file or directory';
  await ctx.stderr.write(`error: exec: "${cmd[0]}": ${why}\n`);
  return 1;
};
