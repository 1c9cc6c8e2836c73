/**
 * The `docker` program: global flags, finding the subcommand (top-level shortcuts, management groups and their
 * aliases), help pages, flag and argument errors, reaching the engine, and turning errors into docker's stderr
 * text and exit status (docker/cli cmd/docker/docker.go main, cli/cobra.go).
 *
 * Exit status: 0; 1 for errors; 125 for flag errors and for `docker run`/`create` errors (unless the error carries
 * the container's 126/127); a cancelled operation (the user answered no) prints nothing and exits 0.
 */

import { isEngineError } from '../errors';
import type { Program } from '../process/Types';
import { SignalExit } from '../process/Types';
import {
  CliError,
  checkArgs,
  commandHelp,
  commandList,
  flagError,
  flagSetOf,
  namePadding,
  useLine,
  type CommandContext,
  type CommandSpec,
} from './command';
import { COMMANDS } from './commands';
import { CLIENT_VERSION } from './commands/version';
import { FlagError, FlagSet, type FlagSpec } from './flags';
import { DOCKER_ENGINE } from './service';

const ROOT_USE = 'docker [OPTIONS] COMMAND [ARG...]';
const ROOT_SHORT = 'A self-sufficient runtime for containers';
const ADDITIONAL_HELP = 'For more help on how to use Docker, head to https://docs.docker.com/go/guides/';
export const CANNOT_CONNECT = 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?';

/** The global options we accept (only those; docker has more: --config, -H, --context, TLS…). */
const GLOBAL_FLAGS: FlagSpec[] = [
  { name: 'version', short: 'v', kind: 'bool', usage: 'Print version information and quit' },
  { name: 'help', short: 'h', kind: 'bool', usage: 'Print usage', hidden: true },
];

const GROUPS = { builder: 'Manage builds', container: 'Manage containers', image: 'Manage images', system: 'Manage Docker', volume: 'Manage volumes' } as const;
type Group = keyof typeof GROUPS;
const isGroup = (s: string): s is Group => Object.prototype.hasOwnProperty.call(GROUPS, s);

interface Resolved {
  readonly spec: CommandSpec;
  readonly path: string;
  readonly rest: readonly string[];
}

export class DockerCli {
  private readonly _top = new Map<string, CommandSpec>();
  private readonly _groups = new Map<Group, Map<string, CommandSpec>>();

  constructor(readonly commands: readonly CommandSpec[]) {
    for (const c of commands) {
      if (c.group) {
        const g = this._groups.get(c.group) ?? new Map<string, CommandSpec>();
        this._groups.set(c.group, g);
        for (const n of [c.name, ...(c.groupAliases ?? [])]) g.set(n, c);
        if (c.topLevel) this._top.set(c.topLevel, c);
      } else {
        this._top.set(c.name, c);
      }
    }
  }

  /** `docker --help`: Common Commands, Management Commands, Commands, Global Options. */
  rootHelp(cols: number): string {
    const common = [...this._top.entries()].filter(([, c]) => c.commonRank !== undefined).sort((a, b) => a[1].commonRank! - b[1].commonRank!);
    const others = [...this._top.entries()].filter(([, c]) => c.commonRank === undefined).sort(([a], [b]) => (a < b ? -1 : 1));
    const groups = [...this._groups.keys()].sort();
    const pad = namePadding([...this._top.keys(), ...groups]);
    let s = `\nUsage:  docker [OPTIONS] COMMAND\n\n${ROOT_SHORT}`;
    // cobra pads "name " to NamePadding+1 in these two sections and "name" to NamePadding then a space in the last.
    s += commandList('Common Commands', common.map(([n, c]) => [n, c.short]), pad);
    s += commandList('Management Commands', groups.map((g) => [g, GROUPS[g]]), pad);
    s += commandList('Commands', others.map(([n, c]) => [n, c.short]), pad);
    s += `\n\nGlobal Options:\n${new FlagSet(GLOBAL_FLAGS).usages(cols).trimEnd()}`;
    s += `\n\nRun 'docker COMMAND --help' for more information on a command.\n\n${ADDITIONAL_HELP}\n`;
    return s;
  }

  groupHelp(group: Group): string {
    const cmds = [...new Set(this._groups.get(group)!.values())].sort((a, b) => (a.name < b.name ? -1 : 1));
    const pad = namePadding(cmds.map((c) => c.name));
    let s = `\nUsage:  docker ${group} COMMAND\n\n${GROUPS[group]}`;
    s += commandList('Commands', cmds.map((c) => [c.name, c.short]), pad);
    s += `\n\nRun 'docker ${group} COMMAND --help' for more information on a command.\n`;
    return s;
  }

  /** The program. */
  readonly program: Program = async (proc) => {
    const out = (t: string) => proc.stdout.write(t);
    const err = (t: string) => proc.stderr.write(t);
    // Help wraps at the terminal's width minus one (docker asks the size of fd 0), 80 columns otherwise.
    const cols = (proc.stdin.isTTY && proc.tty ? proc.tty.columns : 80) - 1;
    try {
      return await this._main(proc.argv.slice(1), proc, out, err, cols);
    } catch (e) {
      if (e instanceof SignalExit) throw e;
      if (isEngineError(e)) {
        if (e.kind === 'cancelled') return 0;
        await err(`${e.daemon ? 'Error response from daemon: ' : ''}${e.message}\n`);
        return 1;
      }
      if (e instanceof CliError) {
        await err(`${e.message}\n`);
        return e.status;
      }
      throw e;
    }
  };

  private async _main(
    argv: readonly string[],
    proc: Parameters<Program>[0],
    out: (t: string) => Promise<void>,
    err: (t: string) => Promise<void>,
    cols: number,
  ): Promise<number> {
    let global;
    try {
      global = new FlagSet(GLOBAL_FLAGS).parse(argv, { interspersed: false });
    } catch (e) {
      if (e instanceof FlagError) throw flagError(e.message, 'docker', ROOT_USE);
      throw e;
    }
    if (global.bool('version')) {
      await out(`Docker version ${CLIENT_VERSION.version}, build ${CLIENT_VERSION.gitCommit}\n`);
      return 0;
    }
    const args = global.args;
    if (args.length === 0) {
      // `docker` alone shows the help on stderr (command.ShowHelp(dockerCli.Err())); `--help` on stdout.
      await (global.bool('help') ? out : err)(this.rootHelp(cols));
      return 0;
    }
    const resolved = await this._resolve(args, out, err);
    if (typeof resolved === 'number') return resolved;
    const { spec, path, rest } = resolved;
    const use = useLine(path, spec);
    let flags;
    try {
      flags = flagSetOf(spec).parse(rest, { interspersed: spec.interspersed ?? true });
    } catch (e) {
      if (e instanceof FlagError) throw flagError(e.message, path, use);
      throw e;
    }
    if (flags.bool('help')) {
      await out(commandHelp(spec, path, cols));
      return 0;
    }
    const argErr = checkArgs(spec.args, flags.args.length, path, use);
    if (argErr) throw argErr;
    const engine = proc.sys.service(DOCKER_ENGINE);
    const ctx: CommandContext = {
      proc,
      get engine() {
        if (!engine) throw new CliError(CANNOT_CONNECT);
        return engine;
      },
      flags,
      args: flags.args,
      path,
      out,
      err,
    };
    if (!engine && spec.needsEngine !== false) throw new CliError(CANNOT_CONNECT);
    if (spec.errorStyle !== 'run') return (await spec.run(ctx)) ?? 0;
    try {
      return (await spec.run(ctx)) ?? 0;
    } catch (e) {
      if (e instanceof SignalExit) throw e;
      let message: string;
      let status = 125;
      if (isEngineError(e)) {
        if (e.kind === 'cancelled') return 0;
        message = `${e.daemon ? 'Error response from daemon: ' : ''}${e.message}`;
        if (typeof e.data.exitCode === 'number') status = e.data.exitCode;
      } else if (e instanceof CliError) {
        if (e.plain) throw e;
        message = e.message;
      } else {
        throw e;
      }
      throw new CliError(`docker: ${message}\n\nRun 'docker ${spec.name} --help' for more information`, status);
    }
  }

  private async _resolve(args: readonly string[], out: (t: string) => Promise<void>, err: (t: string) => Promise<void>): Promise<Resolved | number> {
    const first = args[0]!;
    if (isGroup(first)) {
      const group = this._groups.get(first);
      if (group) {
        const sub = args[1];
        if (sub === undefined) {
          await err(this.groupHelp(first));
          return 0;
        }
        if (sub === '--help' || sub === '-h') {
          await out(this.groupHelp(first));
          return 0;
        }
        const spec = group.get(sub);
        if (!spec) {
          throw new CliError(
            `docker: unknown command: docker ${first} ${sub}\n\nUsage:  docker ${first}\n\nRun 'docker ${first} --help' for more information`,
          );
        }
        return { spec, path: `docker ${first} ${spec.name}`, rest: args.slice(2) };
      }
    }
    if (first === 'help') {
      // `docker help [COMMAND]`: the help of that command (cobra's help command), else the root help.
      const topic = args.slice(1);
      if (topic.length === 0) {
        await out(this.rootHelp(79));
        return 0;
      }
      const g = topic[0]!;
      const known = this._top.has(g) || (isGroup(g) && this._groups.has(g) && (topic[1] === undefined || this._groups.get(g)!.has(topic[1])));
      if (!known) throw new CliError(`unknown help topic: ${topic.join(' ')}`);
      const found = await this._resolve([...topic, '--help'], out, err);
      if (typeof found === 'number') return found;
      if (found.rest.length > 1) throw new CliError(`unknown help topic: ${topic.join(' ')}`);
      await out(commandHelp(found.spec, found.path, 79));
      return 0;
    }
    const spec = this._top.get(first);
    if (!spec) throw new CliError(`docker: '${first}' is not a docker command.\nSee 'docker --help'`);
    return { spec, path: `docker ${first}`, rest: args.slice(1) };
  }
}

/** The `docker` program with every implemented command. */
export const docker: Program = new DockerCli(COMMANDS).program;
