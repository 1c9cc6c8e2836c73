/** pgrep, pkill, pidof, uptime over a machine running a background sleep. */
import { describe, expect, it } from 'vitest';
import { createTestMachine, runCommand } from '../testing/harness';
import { CollectingWriter, emptyReader } from '../../engine/process/streams';
import { LEARNER_CRED } from '../host/users';

function withSleeper() {
  const tm = createTestMachine();
  const r = tm.machine.spawn({ argv: ['sleep', '1000'], env: new Map([['PATH', '/usr/bin:/bin']]), cwd: '/', cred: LEARNER_CRED, umask: 0o022, stdin: emptyReader, stdout: new CollectingWriter(), stderr: new CollectingWriter(), tty: null, ppid: 1 });
  if (!r.ok) throw new Error('spawn');
  return { tm, child: r.child };
}

describe('procps', () => {
  it('pgrep and pidof find the sleep, pkill ends it', async () => {
    const { tm, child } = withSleeper();
    const pid = child.pid;
    expect(await runCommand(tm, ['pgrep', 'sleep'])).toMatchObject({ status: 0, stdout: `${pid}\n` });
    expect(await runCommand(tm, ['pgrep', '-l', 'sle'])).toMatchObject({ stdout: `${pid} sleep\n` });
    expect(await runCommand(tm, ['pgrep', '-a', '-x', 'sleep'])).toMatchObject({ stdout: `${pid} sleep 1000\n` });
    expect(await runCommand(tm, ['pgrep', '-x', 'sle'])).toMatchObject({ status: 1, stdout: '' });
    expect(await runCommand(tm, ['pgrep', '-c', 'sleep'])).toMatchObject({ status: 0, stdout: '1\n' });
    expect(await runCommand(tm, ['pgrep'])).toMatchObject({ status: 2, stderr: "pgrep: no matching criteria specified\nTry `pgrep --help' for more information.\n" });
    expect(await runCommand(tm, ['pidof', 'sleep'])).toMatchObject({ status: 0, stdout: `${pid}\n` });
    expect(await runCommand(tm, ['pidof', 'nosuch'])).toMatchObject({ status: 1, stdout: '' });
    expect(await runCommand(tm, ['pkill', 'nosuch'])).toMatchObject({ status: 1 });
    expect(await runCommand(tm, ['pkill', '-KILL', 'sleep'])).toMatchObject({ status: 0, stdout: '', stderr: '' });
    expect(await child.exited).toBe(137);
    expect((await runCommand(tm, ['pgrep', 'sleep'])).status).toBe(1);
  });
  it('pkill cannot signal another user’s process', async () => {
    const { tm, child } = withSleeper();
    const other = { uid: 1001, gid: 1001, groups: [1001] };
    expect(await runCommand(tm, ['pkill', 'sleep'], { user: other })).toMatchObject({ status: 3, stderr: `pkill: killing pid ${child.pid} failed: Operation not permitted\n` });
    child.kill('SIGKILL');
  });
  it('uptime counts from the oldest process', async () => {
    const { tm, child } = withSleeper();
    const start = tm.clock.now();
    tm.clock.advance(3_723_000);
    const clock = new Date(start + 3_723_000).toISOString().slice(11, 19);
    expect((await runCommand(tm, ['uptime'])).stdout).toBe(` ${clock} up  1:02,  0 user,  load average: 0.00, 0.00, 0.00\n`);
    expect((await runCommand(tm, ['uptime', '-p'])).stdout).toBe('up 1 hour, 2 minutes\n');
    expect((await runCommand(tm, ['w'])).stdout).toBe(` ${clock} up  1:02,  0 user,  load average: 0.00, 0.00, 0.00\nUSER     TTY      FROM             LOGIN@   IDLE   JCPU   PCPU WHAT\n`);
    expect((await runCommand(tm, ['w', '-s'])).stdout).toBe(` ${clock} up  1:02,  0 user,  load average: 0.00, 0.00, 0.00\nUSER     TTY      FROM              IDLE WHAT\n`);
    expect((await runCommand(tm, ['w', '-h'])).stdout).toBe('');
    child.kill('SIGKILL');
  });
});
