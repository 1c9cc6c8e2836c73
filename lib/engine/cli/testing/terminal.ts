/** Driving `docker` as typed at a prompt: stdin, stdout and stderr on a terminal, for `-it`, attach and exec tests. */
import { ttyReader, ttyWriter } from '../../process/Machine';
import type { Tty } from '../../process/Types';
import { LEARNER_CRED } from '../../../shell/host/users';
import type { DockerTest } from './harness';

/** `docker ARGS` with its stdio on `outer`; resolves the exit status. */
export async function onTerminal(t: DockerTest, outer: Tty, args: readonly string[]): Promise<number> {
  const r = t.tm.machine.spawn({
    argv: ['docker', ...args],
    env: new Map([['PATH', '/usr/bin:/bin']]),
    cwd: '/',
    cred: LEARNER_CRED,
    umask: 0o022,
    stdin: ttyReader(outer),
    stdout: ttyWriter(outer),
    stderr: ttyWriter(outer),
    tty: outer,
    ppid: 1,
  });
  if (!r.ok) throw new Error(r.failure.kind);
  return r.child.exited;
}

/** Gives the event loop turns until `cond` holds (throws if it never does). */
export async function until(cond: () => boolean, turns = 2000): Promise<void> {
  for (let i = 0; i < turns && !cond(); i++) await new Promise((r) => setImmediate(r));
  if (!cond()) throw new Error('condition not reached');
}
