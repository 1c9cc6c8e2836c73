/**
 * What every coreutils-like program does the same way: its name for messages, error lines on stderr, GNU vs
 * BusyBox usage errors and `--help`, and file-name quoting in messages.
 */

import { basename, resolvePath } from '../../../engine/fs/path';
import { FS_ERROR_TEXT, isFsError } from '../../../engine/fs/Types';
import type { ProcessContext } from '../../../engine/process/Types';
import { argErrorText, parseArgs, type ArgError, type OptionSpec, type ParsedArgs } from './args';
import { shellQuote } from './shell-quote';
import { BUSYBOX_BANNER, BUSYBOX_USAGE, GNU_USAGE, GNU_VERSION } from './usage';

/**
 * GNU's quoting of a file name inside a message (`quote()` in C/UTF-8 locales): `'name'`, or `"it's"` when the
 * name holds a single quote, or shell-escaped pieces when it holds both kinds of special characters.
 */
export function quoteGnu(name: string): string {
  if (!name.includes("'")) return `'${name}'`;
  if (!/["$`\\]/.test(name)) return `"${name}"`;
  return `'${name.replace(/'/g, `'\\''`)}'`;
}

/** strerror text for anything a filesystem call threw. */
export function errorText(e: unknown): string {
  if (isFsError(e)) return e.text;
  if (e instanceof Error) return e.message;
  return String(e);
}

/** True for errors programs report and go on from; anything else (SignalExit, bugs) propagates. */
export function isReportable(e: unknown): boolean {
  return isFsError(e) || e instanceof ToolError;
}

/** A failure with a ready-made message (after the `prog: ` prefix). */
export class ToolError extends Error {
  override readonly name = 'ToolError';
  constructor(message: string) {
    super(message);
  }
}

export interface ToolOptions {
  /** Name used for usage texts (defaults to the invoked name). */
  readonly usageName?: string;
  /** GNU's exit status for usage errors (ls and a few others use 2; most use 1). */
  readonly gnuUsageStatus?: number;
  /** BusyBox usage text to use instead of the table's (applets missing from Debian's BusyBox). */
  readonly busyboxUsage?: string;
}

export class Tool {
  readonly name: string;
  readonly gnu: boolean;
  private readonly _usageName: string;
  private readonly _gnuUsageStatus: number;
  private readonly _busyboxUsage: string | undefined;
  /** Set once any error has been reported; programs return `status` at the end. */
  failed = false;

  constructor(
    readonly ctx: ProcessContext,
    options: ToolOptions = {},
  ) {
    this.name = basename(ctx.argv[0] ?? 'program');
    this.gnu = ctx.flavor === 'gnu';
    this._usageName = options.usageName ?? this.name;
    this._gnuUsageStatus = options.gnuUsageStatus ?? 1;
    this._busyboxUsage = options.busyboxUsage;
  }

  get status(): number {
    return this.failed ? 1 : 0;
  }

  /** Absolute path of an operand. */
  abs(path: string): string {
    return resolvePath(this.ctx.cwd, path);
  }

  /** A file name quoted for a message: GNU `'x'`, BusyBox bare (callers add BusyBox's quotes where it uses them). */
  q(name: string): string {
    return this.gnu ? quoteGnu(name) : name;
  }

  /** GNU's `quotef()`: quoted only when the shell would need it (`ln: sub: hard link not allowed...`). */
  qf(name: string): string {
    return this.gnu ? shellQuote(name) : name;
  }

  /** Always quoted: GNU's shell-escape quoting, BusyBox's plain `'x'` (verbose lines, many BusyBox messages). */
  qq(name: string): string {
    return this.gnu ? quoteGnu(name) : `'${name}'`;
  }

  /**
   * GNU's `quote()` (locale quoting), used by some messages (`mkdir: cannot create directory ‘d’`): curly quotes
   * in a UTF-8 locale, straight ones in the C locale. BusyBox has no locale quoting: `'d'`.
   */
  ql(name: string): string {
    if (!this.gnu) return `'${name}'`;
    const env = this.ctx.env;
    const locale = env.get('LC_ALL') || env.get('LC_MESSAGES') || env.get('LANG') || '';
    return /utf-?8/i.test(locale) ? `‘${name}’` : `'${name}'`;
  }

  async out(text: string | Uint8Array): Promise<void> {
    await this.ctx.stdout.write(text);
  }

  /** Writes `prog: message` to stderr and marks the run failed. */
  async error(message: string): Promise<void> {
    this.failed = true;
    await this.ctx.stderr.write(`${this.name}: ${message}\n`);
  }

  /** `prog: 'x': No such file or directory` (GNU) or `prog: x: No such file or directory` (BusyBox). */
  async fileError(name: string, e: unknown): Promise<void> {
    await this.error(`${this.q(name)}: ${errorText(e)}`);
  }

  /** The usage text shown by `--help`. */
  usageText(): string {
    if (this.gnu) {
      const u = GNU_USAGE[this._usageName] ?? `Usage: ${this._usageName} [OPTION]... [FILE]...\n`;
      return `${u}\nThis is layerlab's simulation of ${this._usageName}; see 'man ${this._usageName}' on a real system for the full manual.\n`;
    }
    const u = this._busyboxUsage ?? BUSYBOX_USAGE[this._usageName] ?? `\nUsage: ${this._usageName}\n`;
    return `${BUSYBOX_BANNER}\n${u}`;
  }

  /** `--help`: GNU prints to stdout; BusyBox prints its usage to stderr. Both exit 0. */
  async help(): Promise<number> {
    if (this.gnu) await this.ctx.stdout.write(this.usageText());
    else await this.ctx.stderr.write(this.usageText());
    return 0;
  }

  /** GNU `--version`: the tool's version line and the FSF licence notice. */
  async version(): Promise<number> {
    const v = GNU_VERSION[this._usageName]!;
    await this.ctx.stdout.write(
      `${v.line}\nCopyright (C) ${v.year} Free Software Foundation, Inc.\nLicense GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.\nThis is free software: you are free to change and redistribute it.\nThere is NO WARRANTY, to the extent permitted by law.\n`,
    );
    return 0;
  }

  /** A usage error with its own first line (`missing operand`): GNU adds the `Try` hint, BusyBox shows its usage. */
  async usage(message?: string): Promise<number> {
    if (message !== undefined) await this.ctx.stderr.write(`${this.name}: ${message}\n`);
    if (this.gnu) {
      await this.ctx.stderr.write(`Try '${this.name} --help' for more information.\n`);
      return this._gnuUsageStatus;
    }
    await this.ctx.stderr.write(this.usageText());
    return 1;
  }

  async argError(e: ArgError): Promise<number> {
    return this.usage(argErrorText(e));
  }

  /**
   * Parses options; on `--help` or a usage error prints what the tool prints and returns the exit status to use,
   * otherwise the parsed arguments. `--help` is added to every spec.
   */
  async parse(spec: OptionSpec, args: readonly string[] = this.ctx.argv.slice(1)): Promise<ParsedArgs | number> {
    const version = this.gnu && GNU_VERSION[this._usageName] !== undefined;
    const withHelp: OptionSpec = { ...spec, long: { help: { key: '--help' }, ...(version ? { version: { key: '--version' } } : {}), ...(spec.long ?? {}) } };
    const r = parseArgs(args, withHelp);
    if (!r.ok) return this.argError(r.error);
    if (r.args.has('--help')) return this.help();
    if (r.args.has('--version')) return this.version();
    return r.args;
  }
}

export { FS_ERROR_TEXT };
