/**
 * A stand-in for the real shell in terminal tests: an interactive loop on `ctx.tty.readLine` with just enough
 * syntax (words split on spaces, a trailing `\` continues the line, `cmd <<WORD` here-docs, `exit [n]`, `echo`,
 * `pwd`, `status`) to exercise prompts, continuation prompts, history and running programs in the foreground.
 * Anything else is spawned through PATH on the tty, in the foreground (so Ctrl-C reaches it).
 */

import { ttyReader, ttyWriter } from '../../engine/process/Machine';
import { bytesReader } from '../../engine/process/streams';
import type { Program } from '../../engine/process/Types';

export const fakeShell: Program = async (ctx) => {
  const tty = ctx.tty;
  if (!tty) {
    await ctx.stderr.write('fakesh: no tty\n');
    return 2;
  }
  const history: string[] = [];
  let status = 0;
  const out = (s: string) => ctx.stdout.write(s);
  while (true) {
    const r = await tty.readLine({ prompt: '$ ', history });
    if (r.kind === 'eof') {
      await out('exit\n');
      return status;
    }
    if (r.kind === 'interrupt') {
      status = 130;
      continue;
    }
    let line = r.text;
    while (line.endsWith('\\')) {
      const more = await tty.readLine({ prompt: '> ' });
      if (more.kind !== 'line') break;
      line = line.slice(0, -1) + more.text;
    }
    let input: string | null = null;
    const heredoc = /^(.*?)\s*<<\s*(\w+)\s*$/.exec(line);
    if (heredoc) {
      line = heredoc[1]!;
      const lines: string[] = [];
      while (true) {
        const more = await tty.readLine({ prompt: '> ' });
        if (more.kind !== 'line' || more.text === heredoc[2]) break;
        lines.push(more.text + '\n');
      }
      input = lines.join('');
    }
    const words = line.split(/\s+/).filter((w) => w !== '');
    if (words.length === 0) continue;
    const [cmd, ...args] = words as [string, ...string[]];
    if (cmd === 'exit') return args[0] ? Number(args[0]) : status;
    if (cmd === 'echo') {
      await out(args.join(' ') + '\n');
      status = 0;
      continue;
    }
    if (cmd === 'pwd') {
      await out(ctx.cwd + '\n');
      status = 0;
      continue;
    }
    if (cmd === 'status') {
      await out(`${status}\n`);
      continue;
    }
    const spawned = ctx.sys.spawn({
      argv: words,
      env: ctx.env,
      cwd: ctx.cwd,
      cred: ctx.cred,
      umask: ctx.umask,
      stdin: input === null ? ttyReader(tty) : bytesReader(input),
      stdout: ttyWriter(tty),
      stderr: ttyWriter(tty),
      tty,
      ppid: ctx.pid,
    });
    if (!spawned.ok) {
      await ctx.stderr.write(`fakesh: ${cmd}: command not found\n`);
      status = 127;
      continue;
    }
    const child = spawned.child;
    tty.setForeground({ deliver: (sig) => ctx.sys.killGroup(child.pgid, sig) });
    status = await child.exited;
    tty.setForeground(null);
    if (status > 128) await out('\n');
  }
};
