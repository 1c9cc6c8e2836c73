import { describe, expect, it } from 'vitest';
import { createTestMachine, runCommand } from '../testing/harness';
import { CollectingWriter, emptyReader } from '../../engine/process/streams';
import { LEARNER_CRED } from '../host/users';
import { makeKill } from './kill';
import { hasTool, runBusybox, runReal } from './testing/real-tools';
import type { Program } from '../../engine/process/Types';

/** A process that sleeps until signalled. */
const sleeper: Program = async (ctx) => {
  await ctx.sys.clock.sleep(1e9, ctx.signals);
  return 0;
};

function startSleeper(tm: ReturnType<typeof createTestMachine>) {
  return tm.machine.start(sleeper, { argv: ['sleeper'], env: new Map(), cwd: '/', cred: LEARNER_CRED, umask: 0o022, stdin: emptyReader, stdout: new CollectingWriter(), stderr: new CollectingWriter(), tty: null, ppid: 1 });
}

describe('kill', () => {
  it('sends SIGTERM by default and other signals by name or number', async () => {
    const tm = createTestMachine();
    const a = startSleeper(tm);
    const b = startSleeper(tm);
    const c = startSleeper(tm);
    await Promise.resolve();
    expect((await runCommand(tm, ['kill', String(a.pid)])).status).toBe(0);
    expect(await a.exited).toBe(143);
    await runCommand(tm, ['kill', '-9', String(b.pid)]);
    expect(await b.exited).toBe(137);
    await runCommand(tm, ['kill', '-s', 'SIGINT', String(c.pid)]);
    expect(await c.exited).toBe(130);
  });
  it('reports missing processes and permission errors', async () => {
    const tm = createTestMachine();
    const r = await runCommand(tm, ['kill', '12345']);
    expect(r).toMatchObject({ status: 1, stderr: 'kill: (12345): No such process\n' });
    expect((await runCommand(tm, ['kill', '12345'], { flavor: 'busybox' })).stderr).toBe("kill: can't kill pid 12345: No such process\n");
    const root = tm.machine.start(sleeper, { argv: ['s'], env: new Map(), cwd: '/', cred: { uid: 0, gid: 0, groups: [0] }, umask: 0o022, stdin: emptyReader, stdout: new CollectingWriter(), stderr: new CollectingWriter(), tty: null, ppid: 1 });
    const p = await runCommand(tm, ['kill', String(root.pid)]);
    expect(p.stderr).toBe(`kill: (${root.pid}): Operation not permitted\n`);
    root.kill('SIGKILL');
  });
  it('speaks bash as a builtin', async () => {
    const tm = createTestMachine({ extraPrograms: { bkill: makeKill({ dialect: 'bash' }) } });
    expect((await runCommand(tm, ['bkill', '123'], { flavor: 'gnu' })).stderr).toBe('kill: (123) - No such process\n');
    expect((await runCommand(tm, ['bkill', '-s', 'FOO', '1'], { flavor: 'gnu' })).stderr).toBe('kill: FOO: invalid signal specification\n');
  });
  it('lists signals and converts names and numbers', async () => {
    const tm = createTestMachine();
    expect((await runCommand(tm, ['kill', '-l', '9', '143', 'TERM'])).stdout).toBe('KILL\nTERM\n15\n');
    if (hasTool('/bin/kill')) expect((await runCommand(tm, ['kill', '-l'])).stdout).toBe(runReal(['/bin/kill', '-l']).stdout);
    if (hasTool('busybox')) expect((await runCommand(tm, ['kill', '-l'], { flavor: 'busybox' })).stdout).toBe(runBusybox(['kill', '-l']).stdout);
    if (hasTool('bash')) {
      const tm2 = createTestMachine({ extraPrograms: { bkill: makeKill({ dialect: 'bash' }) } });
      expect((await runCommand(tm2, ['bkill', '-l'], { flavor: 'gnu' })).stdout).toBe(runReal(['bash', '-c', 'kill -l']).stdout);
    }
  });
});
