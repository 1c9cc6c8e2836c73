import { describe, expect, it } from 'vitest';
import { Pty } from '../../../terminal/Pty';
import { dockerTest } from '../testing/harness';
import { onTerminal, until } from '../testing/terminal';

const RUN_HELP_HINT = "\n\nRun 'docker run --help' for more information\n";

describe('docker run', () => {
  it('runs the command attached: output, exit status, the container stays Exited', async () => {
    const t = dockerTest();
    const r = await t.run(['run', '--name', 'job', 'busybox', 'sh', '-c', 'echo out; echo err >&2; exit 3']);
    expect(r).toMatchObject({ status: 3, stdout: 'out\n', stderr: 'err\n' });
    const c = t.engine.containers.resolve('job');
    expect(c.state).toMatchObject({ status: 'exited', exitCode: 3 });
    expect((await t.run(['ps', '-a', '--no-trunc', '--format', '{{.Names}} {{.Status}} {{.Command}}'])).stdout).toBe('job Exited (3) Less than a second ago "sh -c \'echo out; echo err >&2; exit 3\'"\n');
  });

  it('uses the image CMD without arguments; --entrypoint drops it; -e, -w, -u, -h reach PID 1', async () => {
    const t = dockerTest();
    expect((await t.run(['run', 'busybox', 'echo', 'hello', 'world'])).stdout).toBe('hello world\n');
    const env = await t.run(['run', '-e', 'A=1', '-e', 'B', '-w', '/work', '-u', 'nobody', '-h', 'box', 'busybox', 'sh', '-c', 'echo $A ${B-unset} $(pwd) $(id -u) $(hostname)'], { env: { B: 'from-client' } });
    expect(env.stdout).toBe('1 from-client /work 65534 box\n');
    // `-e PATH` with no client value unsets the image's PATH, but the daemon always puts its default PATH back.
    const unset = await t.run(['run', '-e', 'PATH', 'busybox', 'sh', '-c', 'echo ${PATH-none}'], { env: {} });
    expect(unset.stdout).toBe('/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n');
    expect((await t.run(['run', '--entrypoint', 'echo', 'busybox'])).stdout).toBe('\n');
    expect((await t.run(['run', '--entrypoint', 'echo', 'busybox', 'a', 'b'])).stdout).toBe('a b\n');
  });

  it('-d prints the full ID and leaves it running; --rm removes it when it exits', async () => {
    const t = dockerTest();
    const r = await t.run(['run', '-d', '--name', 'sleeper', 'busybox', 'sleep', '100']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^[0-9a-f]{64}\n$/);
    const c = t.engine.containers.resolve('sleeper');
    expect(r.stdout.trim()).toBe(c.id);
    expect(c.state.status).toBe('running');
    expect((await t.run(['run', '--rm', 'busybox', 'echo', 'bye'])).stdout).toBe('bye\n');
    expect(t.engine.containers.list().map((x) => x.name)).toEqual(['sleeper']);
    const d = await t.run(['run', '-d', '--rm', 'busybox', 'true']);
    await t.engine.containers.list().find((x) => x.id === d.stdout.trim())?.wait();
    expect(t.engine.containers.list().map((x) => x.name)).toEqual(['sleeper']);
  });

  it('docker create prints the ID and leaves the container Created', async () => {
    const t = dockerTest();
    const r = await t.run(['create', '--name', 'later', 'busybox', 'echo', 'hi']);
    expect(r.stdout).toMatch(/^[0-9a-f]{64}\n$/);
    expect(t.engine.containers.resolve('later').state.status).toBe('created');
    expect(await t.run(['start', '-a', 'later'])).toMatchObject({ status: 0, stdout: 'hi\n' });
  });

  it('-i copies stdin into the container; without -i it sees none', async () => {
    const t = dockerTest();
    expect((await t.run(['run', '-i', 'busybox', 'cat'], { stdin: 'piped in\n' })).stdout).toBe('piped in\n');
    expect((await t.run(['run', 'busybox', 'cat'], { stdin: 'ignored\n' })).stdout).toBe('');
  });

  it('start failures: 127 for a missing command, 126 for a directory, Created state kept, --rm removes', async () => {
    const t = dockerTest();
    const nope = await t.run(['run', '--name', 'bad', 'busybox', 'nope']);
    expect(nope.status).toBe(127);
    expect(nope.stderr).toBe(
      'docker: Error response from daemon: failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "nope": executable file not found in $PATH: unknown' +
        RUN_HELP_HINT,
    );
    expect(t.engine.containers.resolve('bad').state.status).toBe('created');
    expect((await t.run(['run', 'busybox', '/etc'])).status).toBe(126);
    const before = t.engine.containers.list().length;
    expect((await t.run(['run', '--rm', 'busybox', 'nope'])).status).toBe(127);
    expect(t.engine.containers.list().length).toBe(before);
  });

  it('CLI-side errors: flags, references, env, restart, conflicts — nothing is created', async () => {
    const t = dockerTest();
    expect(await t.run(['run', '--bogus', 'busybox'])).toMatchObject({ status: 125 });
    expect(await t.run(['run'])).toMatchObject({
      status: 1,
      stderr: "docker: 'docker run' requires at least 1 argument\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nSee 'docker run --help' for more information\n",
    });
    expect(await t.run(['run', 'Busybox'])).toMatchObject({ status: 125, stderr: `docker: invalid reference format: repository name (library/Busybox) must be lowercase${RUN_HELP_HINT}` });
    expect(await t.run(['run', '-e', '=x', 'busybox'])).toMatchObject({ status: 125, stderr: `docker: invalid environment variable: =x${RUN_HELP_HINT}` });
    expect(await t.run(['run', '--rm', '--restart', 'always', 'busybox'])).toMatchObject({
      status: 125,
      stderr: `docker: conflicting options: cannot specify both --restart and --rm${RUN_HELP_HINT}`,
    });
    expect(await t.run(['run', '-d', '-a', 'stdout', 'busybox'])).toMatchObject({
      status: 125,
      stderr: `docker: conflicting options: cannot specify both --attach and --detach${RUN_HELP_HINT}`,
    });
    expect(await t.run(['run', '--restart', 'sometimes', 'busybox'])).toMatchObject({
      status: 125,
      stderr: `docker: Error response from daemon: invalid restart policy: unknown policy 'sometimes'; use one of 'no', 'always', 'on-failure', or 'unless-stopped'${RUN_HELP_HINT}`,
    });
    expect(await t.run(['run', '-w', 'rel', 'busybox'])).toMatchObject({
      status: 125,
      stderr: `docker: Error response from daemon: the working directory 'rel' is invalid, it needs to be an absolute path${RUN_HELP_HINT}`,
    });
    expect(await t.run(['run', '--pull', 'never', 'alpine'])).toMatchObject({ status: 125, stderr: `docker: Error response from daemon: No such image: alpine:latest${RUN_HELP_HINT}` });
    // Not a "cannot execute" error, so the CLI's generic 125.
    expect(await t.run(['run', '-u', 'bob', 'busybox', 'true'])).toMatchObject({ status: 125 });
    expect(t.engine.containers.list().map((c) => c.state.status)).toEqual(['created']);
  });

  it('--name conflicts and invalid names are the daemon’s errors', async () => {
    const t = dockerTest();
    await t.run(['create', '--name', 'web', 'busybox']);
    const id = t.engine.containers.resolve('web').id;
    expect((await t.run(['run', '--name', 'web', 'busybox'])).stderr).toBe(
      `docker: Error response from daemon: Conflict. The container name "/web" is already in use by container "${id}". You have to remove (or rename) that container to be able to reuse that name.${RUN_HELP_HINT}`,
    );
  });

  it('--env-file: comments, blanks, no quote removal, client values for bare names, errors', async () => {
    const t = dockerTest();
    t.tm.fs.writeFile('/tmp/env.list', new TextEncoder().encode('# comment\n\n  A="quoted"\nB\nC=trailing  \n'));
    const r = await t.run(['run', '--env-file', '/tmp/env.list', '-e', 'C=flag', 'busybox', 'sh', '-c', 'echo "$A|${B-unset}|$C|"'], { env: { B: 'b' } });
    expect(r.stdout).toBe('"quoted"|b|flag|\n');
    t.tm.fs.writeFile('/tmp/bad.list', new TextEncoder().encode('A B=1\n'));
    expect((await t.run(['run', '--env-file', '/tmp/bad.list', 'busybox'])).stderr).toBe(`docker: invalid env file (/tmp/bad.list): variable 'A B' contains whitespaces${RUN_HELP_HINT}`);
    expect((await t.run(['run', '--env-file', '/tmp/none', 'busybox'])).stderr).toBe(`docker: open /tmp/none: no such file or directory${RUN_HELP_HINT}`);
  });

  it('-it without a terminal: the input device is not a TTY (exit 1, unwrapped)', async () => {
    const t = dockerTest();
    expect(await t.run(['run', '-it', 'busybox', 'sh'], { stdin: 'echo hi\n' })).toMatchObject({ status: 1, stderr: 'the input device is not a TTY\n' });
    expect(t.engine.containers.list()).toEqual([]);
  });

  it('-t without -i: output through the console (CRLF), exit status kept', async () => {
    const t = dockerTest();
    const r = await t.run(['run', '-t', 'busybox', 'sh', '-c', 'echo a; exit 4']);
    expect(r).toMatchObject({ status: 4, stdout: 'a\r\n' });
  });

  it('-it forwards the terminal: a shell in the container, exit ends it; Ctrl-P Ctrl-Q detaches', async () => {
    const t = dockerTest();
    const outer = new Pty({ columns: 80, rows: 24, echo: true });
    const shown: string[] = [];
    outer.onOutput((d) => shown.push(d));
    const done = onTerminal(t, outer, ['run', '-it', '--name', 'box', 'busybox', 'sh']);
    await until(() => shown.join('').includes('# '));
    outer.input('echo inside $(hostname)\r');
    await until(() => shown.join('').includes('inside '));
    outer.input('exit 5\r');
    expect(await done).toBe(5);
    const c = t.engine.containers.resolve('box');
    expect(shown.join('')).toContain(`inside ${c.shortId}`);
    expect(c.state.status).toBe('exited');

    const shown2: string[] = [];
    outer.onOutput((d) => shown2.push(d));
    const detached = onTerminal(t, outer, ['run', '-it', '--name', 'stay', 'busybox', 'sh']);
    await until(() => shown2.join('').includes('# '));
    outer.input('\x10\x11');
    expect(await detached).toBe(0);
    expect(t.engine.containers.resolve('stay').state.status).toBe('running');
  });

  it('pulls a missing image first, with the pull output on stderr', async () => {
    const { Catalog } = await import('../../registry/catalog');
    const { nodeCatalogSource } = await import('../../registry/catalog/testing/nodeCatalogSource');
    const t = dockerTest({ catalog: await Catalog.open(nodeCatalogSource()) });
    const r = await t.run(['run', 'hello-world']);
    expect(r.stderr.split('\n')[0]).toBe("Unable to find image 'hello-world:latest' locally");
    expect(r.stderr).toContain('latest: Pulling from library/hello-world\n');
    expect(r.stderr).toContain('Status: Downloaded newer image for hello-world:latest\n');
    expect(r.stdout).toContain('Hello from Docker!');
    expect(r.status).toBe(0);
  });
});



describe('docker run -p / -P', () => {
  it('publishes ports (docker port shows them); bad specs are the CLI’s errors', async () => {
    const t = dockerTest();
    expect((await t.run(['run', '-d', '--name', 'web', '-p', '8080:80', '-p', '443', 'busybox', 'sleep', '100'])).status).toBe(0);
    expect((await t.run(['port', 'web'])).stdout).toBe('80/tcp -> 0.0.0.0:8080\n80/tcp -> [::]:8080\n443/tcp -> 0.0.0.0:32768\n443/tcp -> [::]:32768\n');
    const bad = await t.run(['run', '-p', '80:abc', 'busybox']);
    expect(bad.status).toBe(125);
    expect(bad.stderr).toMatch(/^docker: .*\n\nRun 'docker run --help' for more information\n$/);
  });
});

describe('docker run -d when the start fails', () => {
  it('the ID is printed before the start error (the CLI prints it while the daemon starts)', async () => {
    const t = dockerTest();
    const r = await t.run(['run', '-d', '--name', 'bad', 'busybox', 'nope']);
    expect(r.status).toBe(127);
    expect(r.stdout).toBe(`${t.engine.containers.resolve('bad').id}\n`);
    expect(r.stderr).toContain('executable file not found in $PATH');
  });
});

describe('docker run -i on a terminal without -t', () => {
  it('once the container ends, the next line typed goes to whoever reads next, not to the finished client', async () => {
    const t = dockerTest();
    const outer = new Pty({ columns: 80, rows: 24, echo: true });
    expect(await onTerminal(t, outer, ['run', '-i', 'busybox', 'sleep', '1'])).toBe(0);
    // Nobody reads the terminal any more: the finished client withdrew its read.
    expect(outer.wantsInput).toBe(false);
    const next = outer.read();
    outer.input('typed later\r');
    expect(new TextDecoder().decode((await next)!)).toBe('typed later\n');
  });
});
