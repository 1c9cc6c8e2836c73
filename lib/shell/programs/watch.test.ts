/** watch redraws the command's output on the virtual clock under its header; vmstat prints procps' layout. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_PATH } from '../../engine/process/Machine';
import { CollectingWriter, emptyReader } from '../../engine/process/streams';
import { LEARNER_CRED } from '../host/users';
import { FakeTty } from '../interp/testing/shell';
import { createTestMachine, runCommand } from '../testing/harness';
import { watchFrame } from './watch';
import { memoryKib } from './free';

describe('watch', () => {
  it('draws "Every 2.0s: cmd" and "host: date" on the alternate screen every interval; Ctrl-C restores the screen, status 0', async () => {
    const tm = createTestMachine();
    const frames: string[] = [];
    const out = new CollectingWriter({
      onData: () => {
        frames.splice(0, frames.length, ...out.text().split('\x1b[H\x1b[2J').slice(1));
      },
    });
    const r = tm.machine.spawn({ argv: ['watch', '-n', '5', 'date'], env: new Map([['PATH', DEFAULT_PATH], ['TERM', 'xterm']]), cwd: '/', cred: LEARNER_CRED, umask: 0o022, stdin: emptyReader, stdout: out, stderr: out, tty: new FakeTty([]), ppid: 1 });
    if (!r.ok) throw new Error(r.failure.kind);
    for (let i = 0; i < 200 && frames.length < 3; i++) await new Promise((res) => setTimeout(res, 1));
    r.child.kill('SIGINT');
    expect(await r.child.exited).toBe(0);
    const text = out.text();
    expect(text.startsWith('\x1b[?1049h\x1b[H\x1b[2J')).toBe(true);
    expect(text.endsWith('\x1b[?1049l')).toBe(true);
    const header = (clock: string) => `Every 5.0s: date${' '.repeat(80 - 16 - 34)}layerlab: Mon Nov 23 ${clock} 2026`;
    expect(frames[0]).toBe(`${header('10:00:00')}\n\nMon Nov 23 10:00:00 UTC 2026`);
    expect(frames[1]).toBe(`${header('10:00:05')}\n\nMon Nov 23 10:00:05 UTC 2026`);
  });

  it('frames clip to the screen; -t drops the header', () => {
    // 40 columns leave no room for the command next to the 27-character right side.
    const base = { interval: 2, command: 'x'.repeat(100), host: 'h', now: Date.UTC(2026, 10, 23, 10), columns: 40, rows: 4, title: true };
    expect(watchFrame({ ...base, output: `${'y'.repeat(50)}\n2\n3\n4\n` })).toBe(`Every 2.0s:  h: Mon Nov 23 10:00:00 2026\n\n${'y'.repeat(40)}\n2`);
    expect(watchFrame({ ...base, title: false, output: '1\n2\n3\n4\n5\n' })).toBe('1\n2\n3\n4');
  });

  it('needs a terminal; a missing command prints the usage', async () => {
    const tm = createTestMachine();
    expect(await runCommand(tm, ['watch', 'ls'])).toMatchObject({ status: 1, stderr: 'Error opening terminal: unknown.\n' });
    const none = await runCommand(tm, ['watch']);
    expect(none.status).toBe(1);
    expect(none.stderr.startsWith('\nUsage:\n watch [options] command\n')).toBe(true);
    expect((await runCommand(tm, ['watch', '-z', 'ls'])).stderr.split('\n')[0]).toBe("watch: invalid option -- 'z'");
  });
});

describe('vmstat', () => {
  it('one line without a delay; delay and count sample on the virtual clock; bad arguments', async () => {
    const tm = createTestMachine();
    const head = 'procs -----------memory---------- ---swap-- -----io---- -system-- ------cpu-----\n r  b   swpd   free   buff  cache   si   so    bi    bo   in   cs us sy id wa st\n';
    const one = await runCommand(tm, ['vmstat']);
    const m = memoryKib(1);
    const row = (bi: number, bo: number, ints: number, cs: number, mem = m) =>
      ` 1  0      0 ${String(mem.free).padStart(6)}  65536 983040    0    0 ${String(bi).padStart(5)} ${String(bo).padStart(5)} ${String(ints).padStart(4)} ${String(cs).padStart(4)}  0  0 100  0  0\n`;
    // vmstat is the only process of the test machine.
    expect(one).toMatchObject({ status: 0, stderr: '', stdout: `${head}${row(3, 5, 25, 48)}` });
    const before = tm.clock.now();
    expect((await runCommand(tm, ['vmstat', '1', '3'])).stdout).toBe(`${head}${row(3, 5, 25, 48)}${row(0, 0, 12, 20)}${row(0, 0, 12, 20)}`);
    expect(tm.clock.now() - before).toBe(2000);
    expect((await runCommand(tm, ['vmstat', '-a'])).stdout).toBe(
      `${head.replace('  buff  cache', ' inact active')} 1  0      0 ${String(m.free).padStart(6)} 983040 ${String(m.used).padStart(6)}    0    0     3     5   25   48  0  0 100  0  0\n`,
    );
    const stats = (await runCommand(tm, ['vmstat', '-s'])).stdout.split('\n');
    expect(stats.length).toBe(29);
    expect(stats.slice(0, 3)).toEqual([`${String(m.total).padStart(13)} K total memory`, `${String(m.used).padStart(13)} K used memory`, `${String(m.used).padStart(13)} K active memory`]);
    expect(stats[13]).toBe(`${String(0).padStart(13)} idle cpu ticks`);
    expect(stats[26]).toBe(`${String(Date.UTC(2026, 10, 23, 10, 0, 2) / 1000).padStart(13)} boot time`);
    expect(await runCommand(tm, ['vmstat', 'x'])).toMatchObject({ status: 1, stderr: "vmstat: failed to parse argument: 'x'\n" });
    expect(await runCommand(tm, ['vmstat', '0'])).toMatchObject({ status: 1, stderr: 'vmstat: delay must be positive integer\n' });
    expect((await runCommand(tm, ['vmstat', '-z'])).stderr.split('\n').slice(0, 4)).toEqual(["vmstat: invalid option -- 'z'", '', 'Usage:', ' vmstat [options] [delay [count]]']);
  });
});
