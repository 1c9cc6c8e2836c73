import { describe, expect, it } from 'vitest';
import { dockerTest } from '../testing/harness';

const logText = (c: { logs: { all(): readonly { data: Uint8Array }[] } }) => c.logs.all().map((x) => new TextDecoder().decode(x.data)).join('');

describe('docker pause / unpause', () => {
  it('freezes the processes: nothing runs while paused, ps says (Paused), unpause resumes', async () => {
    const t = dockerTest();
    const c = t.engine.createContainer(t.busybox, { imageRef: 'busybox', name: 'ticker', cmd: ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo $i; sleep 1; done'] });
    await c.start();
    await t.tm.clock.sleep(2500);
    expect(logText(c)).toBe('1\n2\n3\n');
    expect(await t.run(['pause', 'ticker'])).toMatchObject({ status: 0, stdout: 'ticker\n', stderr: '' });
    expect(c.state.status).toBe('paused');
    await t.tm.clock.sleep(10_000);
    expect(logText(c)).toBe('1\n2\n3\n');
    expect((await t.run(['ps', '--format', '{{.Status}} {{.State}}'])).stdout).toBe('Up 12 seconds (Paused) paused\n');
    expect((await t.run(['inspect', '-f', '{{.State.Status}} {{.State.Paused}} {{.State.Running}}', 'ticker'])).stdout).toBe('paused true true\n');
    expect(await t.run(['pause', 'ticker'])).toMatchObject({ status: 1, stdout: '', stderr: `Error response from daemon: Container ${c.id} is already paused\n` });
    expect(await t.run(['exec', 'ticker', 'true'])).toMatchObject({
      status: 1,
      stdout: '',
      stderr: `Error response from daemon: Container ${c.id} is paused, unpause the container before exec\n`,
    });
    expect(await t.run(['start', 'ticker'])).toMatchObject({
      status: 1,
      stdout: '',
      stderr: 'Error response from daemon: cannot start a paused container, try unpause instead\nError: failed to start containers: ticker\n',
    });
    expect(await t.run(['unpause', 'ticker'])).toMatchObject({ status: 0, stdout: 'ticker\n', stderr: '' });
    await t.tm.clock.sleep(1500);
    expect(logText(c).split('\n').length).toBeGreaterThan(4);
    expect(await t.run(['unpause', 'ticker'])).toMatchObject({ status: 1, stdout: '', stderr: `Error response from daemon: Container ${c.id} is not paused\n` });
  });

  it('errors per argument: not running, unknown; the rest still act', async () => {
    const t = dockerTest();
    const idle = t.engine.createContainer(t.busybox, { imageRef: 'busybox', name: 'idle', cmd: ['true'] });
    const up = t.engine.createContainer(t.busybox, { imageRef: 'busybox', name: 'up', cmd: ['sleep', '100'] });
    await up.start();
    expect(await t.run(['pause', 'idle', 'nope', 'up'])).toMatchObject({
      status: 1,
      stdout: 'up\n',
      stderr: `Error response from daemon: container ${idle.id} is not running\nError response from daemon: No such container: nope\n`,
    });
    expect(await t.run(['container', 'pause'])).toMatchObject({ status: 1, stderr: expect.stringContaining("docker: 'docker container pause' requires at least 1 argument") });
  });

  it('stop and kill on a paused container: the signal lands (Docker resumes it), held signals wait for unpause', async () => {
    const t = dockerTest();
    const c = t.engine.createContainer(t.busybox, { imageRef: 'busybox', name: 'st', cmd: ['sh', '-c', 'trap "echo got usr1" USR1; trap "exit 5" TERM; while true; do sleep 1; done'] });
    await c.start();
    await t.tm.clock.sleep(100);
    await t.run(['pause', 'st']);
    await t.run(['stop', 'st']);
    expect(c.state).toMatchObject({ status: 'exited', exitCode: 5 });

    const k = t.engine.createContainer(t.busybox, { imageRef: 'busybox', name: 'kk', cmd: ['sleep', '1000'] });
    await k.start();
    await t.run(['pause', 'kk']);
    expect(await t.run(['kill', 'kk'])).toMatchObject({ status: 0, stdout: 'kk\n', stderr: '' });
    expect(k.state).toMatchObject({ status: 'exited', exitCode: 137 });

    const r = t.engine.createContainer(t.busybox, { imageRef: 'busybox', name: 'rr', cmd: ['sleep', '1000'] });
    await r.start();
    await t.run(['pause', 'rr']);
    expect(await t.run(['rm', '-f', 'rr'])).toMatchObject({ status: 0, stdout: 'rr\n', stderr: '' });
    expect(t.engine.containers.get(r.id)).toBeUndefined();
  });
});

describe('docker rename', () => {
  it('renames; errors print the daemon text then the CLI line', async () => {
    const t = dockerTest();
    const a = t.engine.createContainer(t.busybox, { imageRef: 'busybox', name: 'aa', cmd: ['true'] });
    const b = t.engine.createContainer(t.busybox, { imageRef: 'busybox', name: 'bb', cmd: ['true'] });
    expect(await t.run(['rename', 'aa', 'web'])).toMatchObject({ status: 0, stdout: '', stderr: '' });
    expect(a.name).toBe('web');
    expect((await t.run(['ps', '-a', '--format', '{{.Names}}'])).stdout).toBe('bb\nweb\n');
    expect(await t.run(['rename', 'web', 'bb'])).toMatchObject({
      status: 1,
      stdout: '',
      stderr: `Error response from daemon: Error when allocating new name: Conflict. The container name "/bb" is already in use by container "${b.id}". You have to remove (or rename) that container to be able to reuse that name.\nError: failed to rename container named web\n`,
    });
    expect((await t.run(['rename', 'web', 'web'])).stderr).toBe(
      'Error response from daemon: Renaming a container with the same name as its current name\nError: failed to rename container named web\n',
    );
    expect((await t.run(['rename', 'web', 'bad!'])).stderr).toBe(
      'Error response from daemon: Error when allocating new name: Invalid container name (/bad!), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed\nError: failed to rename container named web\n',
    );
    expect((await t.run(['rename', 'ghost', 'x'])).stderr).toBe('Error response from daemon: No such container: ghost\nError: failed to rename container named ghost\n');
    expect(await t.run(['rename', 'web', ' '])).toMatchObject({ status: 1, stdout: '', stderr: 'Error: Neither old nor new names may be empty\n' });
    expect((await t.run(['container', 'rename', 'web'])).stderr).toBe(
      "docker: 'docker container rename' requires 2 arguments\n\nUsage:  docker container rename CONTAINER NEW_NAME\n\nRun 'docker container rename --help' for more information\n",
    );
  });
});

describe('docker top', () => {
  it('ps -ef of the container with host PIDs, the shim as parent of PID 1', async () => {
    const t = dockerTest();
    const c = t.engine.createContainer(t.busybox, { imageRef: 'busybox', name: 'web', cmd: ['sh', '-c', 'sleep 1000 & sleep 2000'] });
    await c.start();
    await t.tm.clock.sleep(100);
    const m = c.machine!;
    const [p1, p2, p3] = m.processes();
    const sh = m.hostPidOf(p1!.pid);
    expect(c.shimPid).toBeGreaterThan(0);
    expect(sh).toBe(c.shimPid + 1);
    const pad = (s: string) => s.padEnd(20);
    const row = (...cells: string[]) => cells.slice(0, -1).map(pad).join('') + cells[cells.length - 1] + '\n';
    const expected =
      row('UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD') +
      row('root', String(sh), String(c.shimPid), '0', '10:00', '?', '00:00:00', "sh -c sleep 1000 & sleep 2000") +
      row('root', String(m.hostPidOf(p2!.pid)), String(sh), '0', '10:00', '?', '00:00:00', 'sleep 1000') +
      row('root', String(m.hostPidOf(p3!.pid)), String(sh), '0', '10:00', '?', '00:00:00', 'sleep 2000');
    expect(await t.run(['top', 'web'])).toMatchObject({ status: 0, stdout: expected, stderr: '' });
    expect((await t.run(['container', 'top', 'web', '-ef'])).stdout).toBe(expected);
    await t.run(['pause', 'web']);
    expect((await t.run(['top', 'web'])).stdout).toBe(expected);
  });

  it('a stopped container is an error', async () => {
    const t = dockerTest();
    const c = t.engine.createContainer(t.busybox, { imageRef: 'busybox', name: 'idle', cmd: ['true'] });
    expect(await t.run(['top', 'idle'])).toMatchObject({ status: 1, stdout: '', stderr: `Error response from daemon: container ${c.id} is not running\n` });
  });
});
