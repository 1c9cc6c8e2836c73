import { describe, expect, it } from 'vitest';
import { cancelled, noSuchImage } from '../errors';
import { createTestMachine, runCommand } from '../../shell/testing/harness';
import { CliError, type CommandSpec } from './command';
import { DockerCli } from './docker';
import { DOCKER_ENGINE } from './service';
import { dockerTest } from './testing/harness';
import { COMMANDS } from './commands';
import { commit } from './commands/commit';
import { diff } from './commands/diff';
import { history } from './commands/history';
import { images } from './commands/images';
import { imagePrune } from './commands/imagePrune';
import { containerInspectCommand, imageInspectCommand, inspect } from './commands/inspect';
import { kill } from './commands/kill';
import { logs } from './commands/logs';
import { ps } from './commands/ps';
import { pull } from './commands/pull';
import { restart } from './commands/restart';
import { rm } from './commands/rm';
import { rmi } from './commands/rmi';
import { save } from './commands/save';
import { search } from './commands/search';
import { start } from './commands/start';
import { stop } from './commands/stop';
import { tag } from './commands/tag';
import { version } from './commands/version';
import { wait } from './commands/wait';

/**
 * The help layout tests use a fixed set of commands (those of the first release), so adding a command elsewhere does
 * not rewrite them; `every command is listed` covers the real set.
 */
const HELP_FIXTURE_COMMANDS: readonly CommandSpec[] = [
  ps, images, version, commit, diff, history, kill, logs, rm, start, stop, tag, inspect, imageInspectCommand, containerInspectCommand, restart, wait, pull, search, rmi, imagePrune, save,
];

async function withCommands(commands: readonly CommandSpec[], args: readonly string[]) {
  const tm = createTestMachine({ extraPrograms: { docker: new DockerCli(commands).program } });
  return runCommand(tm, ['docker', ...args]);
}

describe('docker: dispatch, help and errors', () => {
  it('every command is listed in docker --help or its group help', async () => {
    const t = dockerTest();
    const root = (await t.run(['--help'])).stdout;
    const groups = {
      builder: (await t.run(['builder', '--help'])).stdout,
      container: (await t.run(['container', '--help'])).stdout,
      image: (await t.run(['image', '--help'])).stdout,
      system: (await t.run(['system', '--help'])).stdout,
      volume: (await t.run(['volume', '--help'])).stdout,
    };
    for (const c of COMMANDS) {
      if (c.group) expect(groups[c.group]).toContain(`\n  ${c.name.padEnd(11)} ${c.short}\n`);
      if (!c.group || c.topLevel) expect(root).toContain(`\n  ${(c.topLevel ?? c.name).padEnd(11)} ${c.short}\n`);
    }
  });

  it('unknown command', async () => {
    const r = await dockerTest().run(['foo']);
    expect(r).toMatchObject({ status: 1, stdout: '', stderr: "docker: 'foo' is not a docker command.\nSee 'docker --help'\n" });
  });

  it('flag errors: message, usage line, hint, 125; both paths of a command', async () => {
    const t = dockerTest();
    expect(await t.run(['ps', '--foo'])).toMatchObject({
      status: 125,
      stderr: "unknown flag: --foo\n\nUsage:  docker ps [OPTIONS]\n\nRun 'docker ps --help' for more information\n",
    });
    expect(await t.run(['container', 'list', '-z'])).toMatchObject({
      status: 125,
      stderr: "unknown shorthand flag: 'z' in -z\n\nUsage:  docker container ls [OPTIONS]\n\nRun 'docker container ls --help' for more information\n",
    });
    expect((await t.run(['ps', '-n', 'x'])).stderr).toBe(
      'invalid argument "x" for "-n, --last" flag: strconv.ParseInt: parsing "x": invalid syntax\n\nUsage:  docker ps [OPTIONS]\n\nRun \'docker ps --help\' for more information\n',
    );
    expect(await t.run(['--nope'])).toMatchObject({
      status: 125,
      stderr: "unknown flag: --nope\n\nUsage:  docker [OPTIONS] COMMAND [ARG...]\n\nRun 'docker --help' for more information\n",
    });
  });

  it('argument-count errors (cli/required.go texts, exit 1)', async () => {
    const t = dockerTest();
    expect(await t.run(['rm'])).toMatchObject({
      status: 1,
      stderr: "docker: 'docker rm' requires at least 1 argument\n\nUsage:  docker rm [OPTIONS] CONTAINER [CONTAINER...]\n\nSee 'docker rm --help' for more information\n",
    });
    expect((await t.run(['image', 'tag', 'a'])).stderr).toBe(
      "docker: 'docker image tag' requires 2 arguments\n\nUsage:  docker image tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]\n\nRun 'docker image tag --help' for more information\n",
    );
    expect((await t.run(['ps', 'x'])).stderr).toBe(
      "docker: 'docker ps' accepts no arguments\n\nUsage:  docker ps [OPTIONS]\n\nRun 'docker ps --help' for more information\n",
    );
    expect((await t.run(['commit'])).stderr).toBe(
      "docker: 'docker commit' requires at least 1 and at most 2 arguments\n\nUsage:  docker commit [OPTIONS] CONTAINER [REPOSITORY[:TAG]]\n\nRun 'docker commit --help' for more information\n",
    );
  });

  it('no daemon', async () => {
    const t = dockerTest({ engine: false });
    expect(await t.run(['ps'])).toMatchObject({
      status: 1,
      stdout: '',
      stderr: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n',
    });
    const v = await t.run(['version']);
    expect(v.status).toBe(1);
    expect(v.stdout).toMatch(/^Client: Docker Engine - Community\n Version: {11}28\.5\.2\n/);
    expect(v.stdout).not.toContain('Server:');
  });

  it('daemon errors get the prefix', async () => {
    const r = await dockerTest().run(['history', 'nope']);
    expect(r).toMatchObject({ status: 1, stderr: 'Error response from daemon: No such image: nope:latest\n' });
  });

  it('docker --help lists what we implement, in cobra layout', async () => {
    const r = await withCommands(HELP_FIXTURE_COMMANDS, ['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`
Usage:  docker [OPTIONS] COMMAND

A self-sufficient runtime for containers

Common Commands:
  ps          List containers
  pull        Download an image from a registry
  images      List images
  search      Search Docker Hub for images
  version     Show the Docker version information

Management Commands:
  container   Manage containers
  image       Manage images

Commands:
  commit      Create a new image from a container's changes
  diff        Inspect changes to files or directories on a container's filesystem
  history     Show the history of an image
  inspect     Return low-level information on Docker objects
  kill        Kill one or more running containers
  logs        Fetch the logs of a container
  restart     Restart one or more containers
  rm          Remove one or more containers
  rmi         Remove one or more images
  save        Save one or more images to a tar archive (streamed to STDOUT by default)
  start       Start one or more stopped containers
  stop        Stop one or more running containers
  tag         Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE
  wait        Block until one or more containers stop, and print their exit codes

Global Options:
  -v, --version   Print version information and quit

Run 'docker COMMAND --help' for more information on a command.

For more help on how to use Docker, head to https://docs.docker.com/go/guides/
`);
    const bare = await withCommands(HELP_FIXTURE_COMMANDS, []);
    expect(bare).toMatchObject({ status: 0, stdout: '', stderr: r.stdout });
  });

  it('management group help and unknown subcommand', async () => {
    const t = dockerTest();
    const g = await withCommands(HELP_FIXTURE_COMMANDS, ['image', '--help']);
    expect(g.stdout).toBe(`
Usage:  docker image COMMAND

Manage images

Commands:
  history     Show the history of an image
  inspect     Display detailed information on one or more images
  ls          List images
  prune       Remove unused images
  pull        Download an image from a registry
  rm          Remove one or more images
  save        Save one or more images to a tar archive (streamed to STDOUT by default)
  tag         Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE

Run 'docker image COMMAND --help' for more information on a command.
`);
    expect(await t.run(['image', 'frob'])).toMatchObject({
      status: 1,
      stderr: "docker: unknown command: docker image frob\n\nUsage:  docker image\n\nRun 'docker image --help' for more information\n",
    });
  });

  it('docker ps --help: aliases and wrapped option usages', async () => {
    const r = await dockerTest().run(['container', 'ps', '--help']);
    expect(r.stdout).toBe(`
Usage:  docker container ls [OPTIONS]

List containers

Aliases:
  docker container ls, docker container list, docker container ps, docker ps

Options:
  -a, --all             Show all containers (default shows just running)
  -f, --filter filter   Filter output based on conditions provided
      --format string   Format output using a custom template:
                        'table':            Print output in table format
                        with column headers (default)
                        'table TEMPLATE':   Print output in table format
                        using the given Go template
                        'json':             Print in JSON format
                        'TEMPLATE':         Print output using the given
                        Go template.
                        Refer to https://docs.docker.com/go/formatting/
                        for more information about formatting templates
  -n, --last int        Show n last created containers (includes all
                        states) (default -1)
  -l, --latest          Show the latest created container (includes all
                        states)
      --no-trunc        Don't truncate output
  -q, --quiet           Only display container IDs
  -s, --size            Display total file sizes
`);
  });

  it('-h is --help (root and commands)', async () => {
    const t = dockerTest();
    expect((await t.run(['ps', '-h'])).stdout).toBe((await t.run(['ps', '--help'])).stdout);
    expect((await t.run(['-h'])).stdout).toBe((await t.run(['--help'])).stdout);
  });

  it('docker --version', async () => {
    expect((await dockerTest().run(['-v'])).stdout).toBe('Docker version 28.5.2, build ecc6942\n');
  });

  it('run-style errors, cancelled errors', async () => {
    const failing = (err: Error): CommandSpec => ({
      name: 'run',
      usage: '[OPTIONS] IMAGE [COMMAND] [ARG...]',
      short: 'Create and run a new container from an image',
      flags: [],
      args: { kind: 'min', n: 1 },
      interspersed: false,
      errorStyle: 'run',
      async run() {
        throw err;
      },
    });
    const go = async (spec: CommandSpec) => {
      const tm = createTestMachine({ extraPrograms: { docker: new DockerCli([spec]).program } });
      tm.machine.provide(DOCKER_ENGINE, dockerTest().engine);
      return runCommand(tm, ['docker', 'run', 'nope']);
    };
    expect(await go(failing(noSuchImage('nope:latest')))).toMatchObject({
      status: 125,
      stderr: "docker: Error response from daemon: No such image: nope:latest\n\nRun 'docker run --help' for more information\n",
    });
    expect(await go(failing(new CliError('invalid reference format')))).toMatchObject({
      status: 125,
      stderr: "docker: invalid reference format\n\nRun 'docker run --help' for more information\n",
    });
    expect(await go(failing(cancelled()))).toMatchObject({ status: 0, stderr: '', stdout: '' });
  });
});

describe('docker version', () => {
  it('default: client and server blocks aligned at column 20', async () => {
    const r = await dockerTest().run(['version']);
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 9)).toEqual([
      'Client: Docker Engine - Community',
      ' Version:           28.5.2',
      ' API version:       1.51',
      ' Go version:        go1.24.9',
      ' Git commit:        ecc6942',
      ' Built:             Wed Nov  5 14:43:25 2025',
      ' OS/Arch:           linux/amd64',
      ' Context:           default',
      '',
    ]);
    expect(lines.slice(9, 13)).toEqual(['Server: Docker Engine - Community', ' Engine:', '  Version:          28.5.2', '  API version:      1.51 (minimum version 1.24)']);
    expect(r.stdout.endsWith('  docker-init:\n  Version:          0.19.0\n  GitCommit:        de40ad0\n'.replace('  docker-init', ' docker-init'))).toBe(true);
  });

  it('--format templates and json', async () => {
    const t = dockerTest();
    expect((await t.run(['version', '--format', '{{.Server.Version}} {{.Client.APIVersion}}'])).stdout).toBe('28.5.2 1.51\n');
    expect((await t.run(['version', '-f', '{{range .Server.Components}}{{.Name}} {{end}}'])).stdout).toBe('Engine containerd runc docker-init \n');
    const json = (await t.run(['version', '--format', 'json'])).stdout;
    expect(json.startsWith('{"Client":{"Platform":{"Name":"Docker Engine - Community"},"Version":"28.5.2","ApiVersion":"1.51","DefaultAPIVersion":"1.51"')).toBe(true);
    expect(await t.run(['version', '-f', '{{'])).toMatchObject({ status: 64 });
    const offline = dockerTest({ engine: false });
    expect(await offline.run(['version', '-f', '{{.Server.Version}}'])).toMatchObject({
      status: 1,
      stderr: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n',
    });
  });
});

describe('docker help', () => {
  it('docker help CMD is CMD --help', async () => {
    const t = dockerTest();
    expect((await t.run(['help', 'ps'])).stdout).toBe((await t.run(['ps', '--help'])).stdout);
    expect((await t.run(['help', 'image', 'ls'])).stdout).toBe((await t.run(['image', 'ls', '--help'])).stdout);
    expect((await t.run(['help'])).stdout).toBe((await t.run(['--help'])).stdout);
    expect(await t.run(['help', 'frob'])).toMatchObject({ status: 1, stderr: 'unknown help topic: frob\n' });
  });
});
