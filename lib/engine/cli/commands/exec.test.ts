import { describe, expect, it } from 'vitest';
import { Pty } from '../../../terminal/Pty';
import { dockerTest, type DockerTest } from '../testing/harness';
import { onTerminal, until } from '../testing/terminal';

async function running(t: DockerTest, name: string, cmd: readonly string[] = ['sleep', '1000']) {
  expect((await t.run(['run', '-d', '--name', name, '-e', 'FROM_RUN=1', '-w', '/tmp', 'busybox', ...cmd])).status).toBe(0);
  return t.engine.containers.resolve(name);
}

describe('docker exec', () => {
  it('runs beside PID 1 with the container env/workdir, -e/-w/-u override, status is the command’s', async () => {
    const t = dockerTest();
    const c = await running(t, 'web');
    expect(await t.run(['exec', 'web', 'sh', '-c', 'echo $FROM_RUN $(pwd) $(id -u); exit 7'])).toMatchObject({ status: 7, stdout: '1 /tmp 0\n' });
    expect((await t.run(['exec', '-e', 'X=2', '-w', '/etc', '-u', 'nobody', 'web', 'sh', '-c', 'echo $X $(pwd) $(id -un)'])).stdout).toBe('2 /etc nobody\n');
    // The exec'd process saw PID 1 as the sleep.
    expect((await t.run(['exec', 'web', 'cat', '/proc/1/cmdline'])).status).toBeGreaterThanOrEqual(0);
    expect(c.state.status).toBe('running');
    // Files made by exec land in the container's writable layer.
    await t.run(['exec', 'web', 'touch', '/made-by-exec']);
    expect((await t.run(['diff', 'web'])).stdout).toContain('A /made-by-exec\n');
  });

  it('-i passes stdin; -d returns at once', async () => {
    const t = dockerTest();
    await running(t, 'web');
    expect((await t.run(['exec', '-i', 'web', 'cat'], { stdin: 'through\n' })).stdout).toBe('through\n');
    expect(await t.run(['exec', '-d', 'web', 'sh', '-c', 'echo quiet; sleep 5'])).toMatchObject({ status: 0, stdout: '' });
  });

  it('errors: not running, no such container, missing command 127, not a TTY', async () => {
    const t = dockerTest();
    await t.run(['create', '--name', 'idle', 'busybox']);
    const idle = t.engine.containers.resolve('idle');
    expect(await t.run(['exec', 'idle', 'ls'])).toMatchObject({ status: 1, stderr: `Error response from daemon: container ${idle.id} is not running\n` });
    expect(await t.run(['exec', 'nope', 'ls'])).toMatchObject({ status: 1, stderr: 'Error response from daemon: No such container: nope\n' });
    await running(t, 'web');
    expect(await t.run(['exec', 'web', 'nope'])).toMatchObject({
      status: 127,
      stderr: 'OCI runtime exec failed: exec failed: unable to start container process: exec: "nope": executable file not found in $PATH: unknown\n',
    });
    expect(await t.run(['exec', '-it', 'web', 'sh'], { stdin: '' })).toMatchObject({ status: 1, stderr: 'the input device is not a TTY\n' });
    expect(await t.run(['exec', 'web'])).toMatchObject({ status: 1 });
  });

  it('-it: a second shell on the terminal, exit returns to the host', async () => {
    const t = dockerTest();
    const c = await running(t, 'web');
    const outer = new Pty({ columns: 80, rows: 24, echo: true });
    const shown: string[] = [];
    outer.onOutput((d) => shown.push(d));
    const done = onTerminal(t, outer, ['exec', '-it', 'web', 'sh']);
    await until(() => shown.join('').includes('# '));
    outer.input('hostname; exit 2\r');
    expect(await done).toBe(2);
    expect(shown.join('')).toContain(c.shortId);
    expect(c.state.status).toBe('running');
  });
});

describe('docker attach', () => {
  it('joins the output of a running container and ends with its status', async () => {
    const t = dockerTest();
    expect((await t.run(['run', '-di', '--name', 'talker', 'busybox', 'sh', '-c', 'read x; echo got $x; exit 4'])).status).toBe(0);
    const c = t.engine.containers.resolve('talker');
    const attached = t.run(['attach', 'talker']);
    await until(() => c.running);
    c.stdin?.write('hello\n');
    expect((await t.run(['ps', '-q'])).stdout).toBe(`${c.shortId}\n`);
    expect(await attached).toMatchObject({ status: 4, stdout: 'got hello\n' });
  });

  it('a stopped container cannot be attached', async () => {
    const t = dockerTest();
    await t.run(['create', '--name', 'idle', 'busybox']);
    expect(await t.run(['attach', 'idle'])).toMatchObject({ status: 1, stderr: 'cannot attach to a stopped container, start it first\n' });
  });

  it('-it container: attach gets the console; Ctrl-P Ctrl-Q prints read escape sequence and exits 1', async () => {
    const t = dockerTest();
    expect((await t.run(['run', '-dit', '--name', 'box', 'busybox', 'sh'])).status).toBe(0);
    const outer = new Pty({ columns: 80, rows: 24, echo: true });
    const shown: string[] = [];
    outer.onOutput((d) => shown.push(d));
    const done = onTerminal(t, outer, ['attach', 'box']);
    outer.input('echo attached-$((6*7))\r');
    await until(() => shown.join('').includes('attached-42'));
    outer.input('\x10\x11');
    expect(await done).toBe(1);
    expect(shown.join('')).toContain('read escape sequence');
    expect(t.engine.containers.resolve('box').state.status).toBe('running');
  });
});


