/** env: print the environment, or run a command in a modified one (-i, -u NAME, NAME=VALUE, -C DIR, -0). */

import { resolvePath } from '../../engine/fs/path';
import type { Program } from '../../engine/process/Types';
import { localeQuote } from './lib/messages';
import { describeFailure } from './lib/spawn';
import { TextTool as Tool } from './lib/text-usage';

export const env: Program = async (ctx) => {
  const tool = new Tool(ctx);
  const args = ctx.argv.slice(1);
  const vars = new Map(ctx.env);
  let nul = false;
  let cwd = ctx.cwd;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-' || a === '-i' || a === '--ignore-environment') vars.clear();
    else if (a === '-0' || a === '--null') nul = true;
    else if (a === '-u' || a === '--unset') vars.delete(args[++i] ?? '');
    else if (a.startsWith('-u') && a.length > 2) vars.delete(a.slice(2));
    else if (a.startsWith('--unset=')) vars.delete(a.slice(8));
    else if (a === '-C' || a === '--chdir') cwd = resolvePath(ctx.cwd, args[++i] ?? '.');
    else if (a === '--') {
      i++;
      break;
    } else if (a === '--help') return tool.help();
    else if (a.startsWith('-') && a.length > 1) return tool.usage(tool.gnu ? `invalid option -- '${a[1]}'` : `invalid option -- '${a[1]}'`);
    else break;
  }
  for (; i < args.length && /^[^=]+=/.test(args[i]!) && !args[i]!.startsWith('='); i++) {
    const eq = args[i]!.indexOf('=');
    vars.set(args[i]!.slice(0, eq), args[i]!.slice(eq + 1));
  }
  const command = args.slice(i);
  if (command.length === 0) {
    let out = '';
    for (const [k, v] of vars) out += `${k}=${v}${nul ? '\0' : '\n'}`;
    await ctx.stdout.write(out);
    return 0;
  }
  // env execs the command (same PID: `#!/usr/bin/env bash` entrypoints stay PID 1, as `exec nginx` after them).
  ctx.cwd = cwd;
  const io = { env: vars, stdin: ctx.stdin, stdout: ctx.stdout, stderr: ctx.stderr };
  let r = ctx.sys.execve(ctx, { ...io, argv: command });
  // execvp runs a file without a #! line with /bin/sh.
  if (!r.ok && r.failure.kind === 'not-executable-format') r = ctx.sys.execve(ctx, { ...io, argv: ['/bin/sh', r.failure.path, ...command.slice(1)] });
  if (r.ok) return r.status;
  const f = describeFailure(r.failure);
  await ctx.stderr.write(tool.gnu ? `env: ${localeQuote(ctx, command[0]!)}: ${f.text}\n` : `env: can't execute '${command[0]}': ${f.text}\n`);
  return f.status;
};
