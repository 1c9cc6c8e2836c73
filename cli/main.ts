/**
 * The headless CLI: the learner's terminal on stdin/stdout.
 *
 *   layerlab [--echo] [--seed N] [--now ISO-8601] [--workdir DIR] [SCRIPT]
 *
 * Interactive (no SCRIPT, stdin a terminal): keys go to the pty in raw mode, output to stdout.
 * Script (SCRIPT, or stdin piped): each line is typed into the terminal (with Enter) when the terminal asks for
 * input, so continuation lines, here-docs and nested sessions behave exactly as typed. Only what programs print
 * is shown (prompts and echoed input too with `--echo`); with `--seed` and `--now` the output is byte-identical from
 * run to run. The exit status is the shell's (`$?` of the last command when the script ends).
 */

import * as nodeFs from 'node:fs';
import { MountFs } from '../lib/engine/fs/MountFs';
import { LEARNER } from '../lib/shell/host/users';
import type { Program } from '../lib/engine/process/Types';
import { createHostSession, parseNow, type HostSession, type HostSessionOptions } from '../lib/terminal/session';
import { NodeDirFs } from './NodeDirFs';
import { VirtualClock } from '../lib/engine/process/clock';
import { settle } from '../lib/engine/process/scheduler';
import { Catalog } from '../lib/engine/registry/catalog';
import { nodeCatalogSource } from '../lib/engine/registry/catalog/testing/nodeCatalogSource';
import { nodePackageSource } from '../lib/engine/packages/testing/nodePackageSource';

export const USAGE = `Usage: layerlab [--echo] [--seed N] [--now ISO-8601] [--workdir DIR] [SCRIPT]

Runs the layerlab host shell in this terminal, or types SCRIPT (or piped stdin) into it line by line.

Options:
  --echo           show prompts and typed input (a transcript as the terminal shows it)
  --seed N         seed for IDs and names (deterministic output)
  --now TIME       fixed start time, ISO-8601 (virtual clock: sleeps take no real time)
  --workdir DIR    mount the real directory DIR at ${LEARNER.home}/work (read-write) and start there
  -h, --help       show this help
`;

/** Where a `--workdir` directory appears inside the simulated host. */
export const WORKDIR_MOUNT = `${LEARNER.home}/work`;

export interface CliOptions {
  readonly echo: boolean;
  readonly seed?: number;
  readonly now?: string;
  readonly workdir?: string;
  readonly script?: string;
  readonly help: boolean;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function parseCliArgs(args: readonly string[]): CliOptions {
  let echo = false;
  let help = false;
  let seed: number | undefined;
  let now: string | undefined;
  let workdir: string | undefined;
  let script: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const value = (): string => {
      if (a.startsWith('--') && eq > 0) return a.slice(eq + 1);
      const v = args[++i];
      if (v === undefined) throw new UsageError(`option '${name}' requires an argument`);
      return v;
    };
    if (name === '--') {
      if (i + 1 < args.length) script = args[i + 1];
      if (i + 2 < args.length) throw new UsageError(`unexpected argument '${args[i + 2]}'`);
      break;
    }
    switch (name) {
      case '--echo':
        echo = true;
        break;
      case '-h':
      case '--help':
        help = true;
        break;
      case '--seed': {
        const v = value();
        if (!/^\d+$/.test(v) || !Number.isSafeInteger(Number(v))) throw new UsageError(`invalid seed '${v}': expected a non-negative integer`);
        seed = Number(v);
        break;
      }
      case '--now': {
        const v = value();
        try {
          parseNow(v);
        } catch {
          throw new UsageError(`invalid time '${v}': expected ISO-8601, e.g. 2026-11-23T10:00:00Z`);
        }
        now = v;
        break;
      }
      case '--workdir':
        workdir = value();
        break;
      default:
        if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option '${a}'`);
        if (script !== undefined) throw new UsageError(`unexpected argument '${a}'`);
        script = a;
    }
  }
  return { echo, help, seed, now, workdir, script };
}

/** Session options for the CLI's flags: `--workdir` mounts the real directory and starts the shell in it. */
export function sessionOptions(options: CliOptions, extra: Partial<HostSessionOptions> = {}): HostSessionOptions {
  const base: HostSessionOptions = { seed: options.seed, now: options.now, echo: options.echo, catalog: () => Catalog.open(nodeCatalogSource()), packages: nodePackageSource(), ...extra };
  if (options.workdir === undefined) return base;
  const real = new NodeDirFs(options.workdir);
  return {
    ...base,
    workdir: WORKDIR_MOUNT,
    mountFs: (root, clock) => {
      // The mount point exists in the host tree too, as it would on a real disk.
      root.mkdir(WORKDIR_MOUNT, 0o755);
      root.chown(WORKDIR_MOUNT, LEARNER.uid, LEARNER.gid);
      return new MountFs(root, [{ target: WORKDIR_MOUNT, fs: real }], { now: () => clock.now() });
    },
  };
}

/** Turns the terminal's `\r\n` back into `\n` for a file or pipe, across chunk boundaries. */
export class CrlfToLf {
  private _heldCr = false;
  push(s: string): string {
    let t = this._heldCr ? '\r' + s : s;
    this._heldCr = t.endsWith('\r');
    if (this._heldCr) t = t.slice(0, -1);
    return t.replace(/\r\n/g, '\n');
  }
  flush(): string {
    const t = this._heldCr ? '\r' : '';
    this._heldCr = false;
    return t;
  }
}

export interface ScriptIo {
  readonly write: (s: string) => void;
  /** Translate `\r\n` to `\n` (stdout is not a terminal). */
  readonly crlfToLf: boolean;
  readonly columns?: number;
  readonly rows?: number;
}

/** Types `text` into a new session line by line, as fast as the terminal asks for input; resolves with the exit status. */
export async function runScript(text: string, options: CliOptions, io: ScriptIo, extraPrograms?: Record<string, Program>): Promise<number> {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const session = createHostSession(sessionOptions(options, { columns: io.columns ?? 80, rows: io.rows ?? 24, extraPrograms }));
  const conv = io.crlfToLf ? new CrlfToLf() : null;
  session.onOutput((s) => {
    const t = conv ? conv.push(s) : s;
    if (t) io.write(t);
  });
  let next = 0;
  let typing = false;
  // A person types the next line after the last command has finished what it was doing: wait until every process
  // waits (or a while, if something busy runs in the background). With a virtual clock no time passes meanwhile.
  if (session.clock instanceof VirtualClock) session.clock.holdWhile(() => next < lines.length && session.pty.wantsInput);
  session.pty.onInputWanted(() => {
    if (typing) return;
    typing = true;
    void settle().then(() => {
      typing = false;
      if (!session.pty.wantsInput) return;
      if (next >= lines.length) {
        session.pty.endInput();
        return;
      }
      const line = lines[next++]!.replace(/\r$/, '');
      session.input(line + '\r');
    });
  });
  const status = await session.exited;
  const rest = conv?.flush();
  if (rest) io.write(rest);
  return status;
}

/** The interactive terminal: raw stdin, output to stdout, resizes followed, terminal restored on exit. */
async function runInteractive(options: CliOptions): Promise<number> {
  const stdin = process.stdin;
  const stdout = process.stdout;
  const session: HostSession = createHostSession(sessionOptions(options, { columns: stdout.columns || 80, rows: stdout.rows || 24, echo: true }));
  session.onOutput((s) => stdout.write(s));
  // Terminals wrap pastes in markers only when asked; the line editor takes a multi-line paste as typed.
  stdout.write('\x1b[?2004h');
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  const onData = (d: string) => session.input(d);
  const onEnd = () => session.pty.endInput();
  const onResize = () => session.resize(stdout.columns || 80, stdout.rows || 24);
  stdin.on('data', onData);
  stdin.on('end', onEnd);
  stdout.on('resize', onResize);
  process.on('SIGWINCH', onResize);
  const restore = () => {
    stdin.off('data', onData);
    stdin.off('end', onEnd);
    stdout.off('resize', onResize);
    process.off('SIGWINCH', onResize);
    if (stdin.isTTY) stdin.setRawMode(false);
    stdin.pause();
    stdout.write('\x1b[?2004l');
  };
  const onSignal = (sig: NodeJS.Signals) => {
    restore();
    process.exit(128 + (sig === 'SIGHUP' ? 1 : 15));
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);
  try {
    return await session.exited;
  } finally {
    restore();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

function flushAndExit(status: number): void {
  process.stdout.write('', () => process.exit(status));
}

export async function main(argv: readonly string[]): Promise<void> {
  let options: CliOptions;
  try {
    options = parseCliArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`layerlab: ${e.message}\nTry 'layerlab --help' for more information.\n`);
    process.exit(2);
  }
  if (options.help) {
    process.stdout.write(USAGE);
    return;
  }
  if (options.workdir !== undefined) {
    try {
      if (!nodeFs.statSync(options.workdir).isDirectory()) throw new Error('not a directory');
    } catch {
      process.stderr.write(`layerlab: --workdir ${options.workdir}: not a directory\n`);
      process.exit(2);
    }
  }
  if (options.script === undefined && process.stdin.isTTY) {
    flushAndExit(await runInteractive(options));
    return;
  }
  let text: string;
  try {
    text = options.script === undefined || options.script === '-' ? await readStdin() : nodeFs.readFileSync(options.script, 'utf8');
  } catch (e) {
    process.stderr.write(`layerlab: ${options.script}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'No such file or directory' : (e as Error).message}\n`);
    process.exit(2);
  }
  const status = await runScript(text, options, {
    write: (s) => void process.stdout.write(s),
    crlfToLf: !process.stdout.isTTY,
    columns: process.stdout.isTTY ? process.stdout.columns : 80,
    rows: process.stdout.isTTY ? process.stdout.rows : 24,
  });
  flushAndExit(status);
}
