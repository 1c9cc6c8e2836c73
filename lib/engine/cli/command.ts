/**
 * What a `docker` subcommand is (the cobra.Command fields docker uses) and the texts cobra/docker print around it:
 * usage lines, help pages, argument-count errors (docker/cli cli/required.go) and flag errors (cli/cobra.go
 * FlagErrorFunc).
 *
 * A command is declared once, in `commands/<verb>.ts`, and reachable under several paths: its management-group path
 * (`docker container ls`), the group aliases (`docker container list`, `docker container ps`) and a top-level
 * shortcut (`docker ps`). As in docker, the path used to invoke it is the one shown in its messages; an alias of a
 * group command shows the group name (`docker container ls`), as cobra's CommandPath does.
 */

import type { Engine } from '../Engine';
import type { ProcessContext } from '../process/Types';
import { FlagSet, type FlagSpec, type ParsedFlags } from './flags';

export type ArgsRule =
  | { readonly kind: 'any' }
  | { readonly kind: 'none' }
  | { readonly kind: 'min'; readonly n: number }
  | { readonly kind: 'max'; readonly n: number }
  | { readonly kind: 'exact'; readonly n: number }
  | { readonly kind: 'range'; readonly min: number; readonly max: number };

export interface CommandContext {
  readonly proc: ProcessContext;
  readonly engine: Engine;
  readonly flags: ParsedFlags;
  readonly args: readonly string[];
  /** The command path as invoked (`docker ps`, `docker container ls`). */
  readonly path: string;
  out(text: string): Promise<void>;
  err(text: string): Promise<void>;
}

export interface CommandSpec {
  /** Name in its management group (`ls`), or the top-level name for commands without a group. */
  readonly name: string;
  /** The usage after the name: `[OPTIONS] CONTAINER [CONTAINER...]`. */
  readonly usage: string;
  readonly short: string;
  /** `container` or `image`; undefined for top-level-only commands (`version`, `inspect`). */
  readonly group?: 'container' | 'image' | 'system' | 'volume' | 'builder';
  /** Other names inside the group, in the order docker lists them (`list`, `ps`). */
  readonly groupAliases?: readonly string[];
  /** The top-level shortcut (`ps`, `images`, `rmi`); for grouped commands usually the same as `name`. */
  readonly topLevel?: string;
  /** Listed under "Common Commands" in `docker --help` with this rank (docker's `category-top`). */
  readonly commonRank?: number;
  readonly flags: readonly FlagSpec[];
  readonly args: ArgsRule;
  /** false: flags end at the first positional (`docker run IMAGE CMD…`). */
  readonly interspersed?: boolean;
  /** `run`/`create`: errors print as `docker: <err>` + `Run 'docker run --help' for more information`, status 125. */
  readonly errorStyle?: 'run';
  /** false for commands that print something before needing the daemon (`version`). */
  readonly needsEngine?: boolean;
  run(ctx: CommandContext): Promise<number | void>;
}

/** An error the CLI prints as is, with an exit status (docker's cli.StatusError or a plain client error). */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly status = 1,
    /** Printed as is even by `run`-style commands (no `docker: ` prefix and help hint), as docker returns it unwrapped. */
    readonly plain = false,
  ) {
    super(message);
  }
}

/** The hidden persistent `--help` flag every docker command has (`-h` too, unless the command uses `-h` itself). */
export const HELP_FLAG: FlagSpec = { name: 'help', short: 'h', kind: 'bool', usage: 'Print usage', hidden: true };

/** cobra's minimum name padding in command lists. */
const MIN_NAME_PADDING = 11;

export function flagSetOf(spec: CommandSpec): FlagSet {
  const { short: _h, ...longOnly } = HELP_FLAG;
  const help = spec.flags.some((f) => f.short === 'h') ? longOnly : HELP_FLAG;
  return new FlagSet([...spec.flags, help]);
}

/** cobra UseLine (flags disabled in use lines, as docker does). */
export function useLine(path: string, spec: CommandSpec): string {
  return spec.usage === '' ? path : `${path} ${spec.usage}`;
}

/** `docker container ls, docker container list, docker container ps, docker ps`. */
export function aliasesLine(spec: CommandSpec): string | undefined {
  if (!spec.group) return undefined;
  const base = `docker ${spec.group}`;
  const parts = [`${base} ${spec.name}`, ...(spec.groupAliases ?? []).map((a) => `${base} ${a}`)];
  if (spec.topLevel) parts.push(`docker ${spec.topLevel}`);
  return parts.length > 1 ? parts.join(', ') : undefined;
}

/** FlagErrorFunc: the flag error, usage line and hint, status 125. */
export function flagError(message: string, path: string, use: string): CliError {
  return new CliError(`${message}\n\nUsage:  ${use}\n\nRun '${path} --help' for more information`, 125);
}

const plural = (n: number) => (n === 1 ? 'argument' : 'arguments');

/** The argument-count check of cli/required.go; undefined when the count is fine. */
export function checkArgs(rule: ArgsRule, n: number, path: string, use: string): CliError | undefined {
  switch (rule.kind) {
    case 'any':
      return undefined;
    case 'none':
      return n === 0 ? undefined : new CliError(`docker: '${path}' accepts no arguments\n\nUsage:  ${use}\n\nRun '${path} --help' for more information`);
    case 'min':
      // "See" (not "Run") is what required.go prints for this one.
      return n >= rule.n
        ? undefined
        : new CliError(`docker: '${path}' requires at least ${rule.n} ${plural(rule.n)}\n\nUsage:  ${use}\n\nSee '${path} --help' for more information`);
    case 'max':
      return n <= rule.n
        ? undefined
        : new CliError(`docker: '${path}' requires at most ${rule.n} ${plural(rule.n)}\n\nUsage:  ${use}\n\nRun '${path} --help' for more information`);
    case 'exact':
      return n === rule.n
        ? undefined
        : new CliError(`docker: '${path}' requires ${rule.n} ${plural(rule.n)}\n\nUsage:  ${use}\n\nRun '${path} --help' for more information`);
    case 'range':
      return n >= rule.min && n <= rule.max
        ? undefined
        : new CliError(
            `docker: '${path}' requires at least ${rule.min} and at most ${rule.max} ${plural(rule.max)}\n\nUsage:  ${use}\n\nRun '${path} --help' for more information`,
          );
  }
}

const rpad = (s: string, n: number) => (s.length >= n ? s : s + ' '.repeat(n - s.length));

/** A command list section of docker's usage template. */
export function commandList(title: string, entries: ReadonlyArray<readonly [string, string]>, padding: number): string {
  if (entries.length === 0) return '';
  return `\n\n${title}:${entries.map(([name, short]) => `\n  ${rpad(name, padding)} ${short}`).join('')}`;
}

export function namePadding(names: readonly string[]): number {
  return Math.max(MIN_NAME_PADDING, ...names.map((n) => n.length));
}

/** `docker ps --help`: docker's help template for a leaf command. */
export function commandHelp(spec: CommandSpec, path: string, cols: number): string {
  let s = `\nUsage:  ${useLine(path, spec)}\n\n${spec.short}`;
  const aliases = aliasesLine(spec);
  if (aliases) s += `\n\nAliases:\n  ${aliases}`;
  const usages = flagSetOf(spec).usages(cols).trimEnd();
  if (usages !== '') s += `\n\nOptions:\n${usages}`;
  return `${s}\n`;
}
