/**
 * The interpreter: shell state (variables, functions, options, traps, jobs, file descriptors) and the execution
 * of the syntax tree. One `Shell` runs per shell process; subshells, pipeline members and command substitutions
 * are new processes (`sys.start`) running a fork of the state, so they show in `ps` and take signals on their own.
 */

import { isElf } from '../../engine/fs/executable';
import { basename, resolvePath } from '../../engine/fs/path';
import { FsError, isFsError } from '../../engine/fs/Types';
import type { CaseItem, Command, CompoundCommand, CondExpr, List, Pipeline, Redir, SimpleCommand, Word, WordPart } from '../parser/ast';
import { Parser } from '../parser/Parser';
import { ShellSyntaxError } from '../parser/ShellSyntaxError';
import { descriptorOfPath } from '../../engine/process/descriptors';
import { bytesReader, CollectingWriter, emptyReader, nullWriter, Pipe, readAll } from '../../engine/process/streams';
import { decodeText } from '../../engine/process/text';
import { SignalExit, type ChildProcess, type ExecFailure, type ForegroundGroup, type ProcessContext, type Program, type ReadStream, type Signal, type WriteStream } from '../../engine/process/Types';
import { BUILTINS, SPECIAL_BUILTINS, builtinAvailable } from '../builtins';
import type { ArithEnv } from './arith';
import { DIALECTS, errorPrefix, notFoundText, redirErrorText, syntaxErrorText, type Dialect, type DialectName, type InputKind } from './dialect';
import { BreakSignal, ContinueSignal, ExitSignal, InterruptSignal, ReturnSignal, ShellError } from './errors';
import { arith, expandPattern, expandString, expandWords } from './expand';
import { compilePattern, matchPattern } from './pattern';
import { OPTION_LETTERS, type ShellOptionName } from './options';

export interface Var {
  value: string | undefined;
  array: string[] | null;
  exported: boolean;
  readonly: boolean;
}

export interface Fd {
  readonly r?: ReadStream;
  readonly w?: WriteStream;
}

export interface Job {
  readonly id: number;
  readonly pgid: number;
  readonly children: readonly ChildProcess[];
  readonly text: string;
  /** Exit status once every member has ended. */
  status: number | null;
  readonly done: Promise<number>;
  notified: boolean;
}

export interface ShellOptions {
  readonly dialect: DialectName;
  readonly input: InputKind;
  readonly arg0: string;
  readonly interactive: boolean;
}

export { OPTION_LETTERS, SHELL_OPTION_NAMES, type ShellOptionName } from './options';

export class Shell {
  ctx: ProcessContext;
  readonly dialect: Dialect;
  readonly input: InputKind;
  arg0: string;
  interactive: boolean;
  vars = new Map<string, Var>();
  private _locals: Map<string, Var | undefined>[] = [];
  functions = new Map<string, Command>();
  aliases = new Map<string, string>();
  positional: string[] = [];
  opts: Record<ShellOptionName, boolean> = { allexport: false, errexit: false, ignoreeof: false, monitor: false, noclobber: false, noexec: false, noglob: false, nounset: false, notify: false, pipefail: false, verbose: false, xtrace: false, emacs: false, vi: false, hashall: true };
  status = 0;
  lastBgPid: number | null = null;
  fds: (Fd | undefined)[] = [];
  traps = new Map<string, string>();
  jobs: Job[] = [];
  private _nextJobId = 1;
  line = 0;
  loopDepth = 0;
  funcDepth = 0;
  /** >0 while running an `if`/`while` condition or a non-final `&&`/`||` member: `set -e` does not apply. */
  errexitOff = 0;
  history: string[] = [];
  /** Extra single-letter flags for `$-` (i, s, c). */
  flagsExtra = '';
  /** Set by Ctrl-C (interactive) until the command line is abandoned. */
  interruptRequested = false;
  private _pendingTraps: string[] = [];
  private _runningTrap = false;
  /** Pids of processes started by this shell that are still running (for `wait` and `$!`). */
  readonly startTime: number;
  readonly isSubshell: boolean;

  constructor(ctx: ProcessContext, options: ShellOptions, parent?: Shell) {
    this.ctx = ctx;
    this.dialect = DIALECTS[options.dialect];
    this.input = options.input;
    this.arg0 = options.arg0;
    this.interactive = options.interactive;
    this.isSubshell = parent !== undefined;
    this.startTime = ctx.sys.clock.now();
    this.fds = [{ r: ctx.stdin }, { w: ctx.stdout }, { w: ctx.stderr }];
    // Inherited descriptors (`bash <(cmd)`: the script is /dev/fd/63 of the parent).
    for (const [n, f] of ctx.files ?? []) this.fds[n] = f;
    (this.arithEnv as { numbersOnly: boolean }).numbersOnly = this.dialect.name === 'dash';
    if (parent) return;
    for (const [k, v] of ctx.env) this.vars.set(k, { value: v, array: null, exported: true, readonly: false });
    const def = (k: string, v: string) => {
      if (!this.vars.has(k)) this.vars.set(k, { value: v, array: null, exported: false, readonly: false });
    };
    def('IFS', ' \t\n');
    def('PS2', '> ');
    def('PS4', '+ ');
    def('OPTIND', '1');
    this.vars.set('PPID', { value: String(ctx.ppid), array: null, exported: false, readonly: false });
    const pwd = this.vars.get('PWD')?.value;
    if (pwd === undefined || resolvePath('/', pwd) !== ctx.cwd) this.vars.set('PWD', { value: ctx.cwd, array: null, exported: true, readonly: false });
    if (this.dialect.name !== 'dash') {
      // Each new bash or ash counts one more shell level.
      const level = Number(ctx.env.get('SHLVL') ?? '0');
      this.vars.set('SHLVL', { value: String((Number.isInteger(level) ? level : 0) + 1), array: null, exported: true, readonly: false });
    }
    if (this.dialect.name === 'bash') {
      def('BASH', '/usr/bin/bash');
      def('BASH_VERSION', '5.2.15(1)-release');
      if (this.interactive) def('HISTFILE', `${this.getVar('HOME') ?? '/'}/.bash_history`);
      def('OPTERR', '1');
    }
    if (this.interactive) {
      const root = ctx.cred.uid === 0;
      if (this.dialect.name === 'bash') def('PS1', '\\u@\\h:\\w\\$ ');
      else if (this.dialect.name === 'ash') def('PS1', '\\w \\$ ');
      else def('PS1', root ? '# ' : '$ ');
    }
  }

  /** A copy of this shell for a subshell process. */
  fork(ctx: ProcessContext, fds?: (Fd | undefined)[]): Shell {
    const s = new Shell(ctx, { dialect: this.dialect.name, input: this.input, arg0: this.arg0, interactive: false }, this);
    for (const [k, v] of this.vars) s.vars.set(k, { ...v, array: v.array ? [...v.array] : null });
    s.functions = new Map(this.functions);
    s.aliases = new Map(this.aliases);
    s.positional = [...this.positional];
    s.opts = { ...this.opts };
    for (const [k, v] of this.traps) if (v === '') s.traps.set(k, v);
    s._parentTraps = this.traps;
    s.status = this.status;
    s.lastBgPid = this.lastBgPid;
    s.line = this.line;
    s.fds = fds ?? [...this.fds];
    s.loopDepth = this.loopDepth;
    s.funcDepth = this.funcDepth;
    s.history = this.history;
    if (this.dialect.name !== 'dash') s.jobs = [...this.jobs];
    s.flagsExtra = this.flagsExtra.replace('i', '');
    s.errexitOff = this.errexitOff;
    return s;
  }
  /** Names of the functions being run, innermost last (`$FUNCNAME`). */
  funcNames: string[] = [];
  /** `.` nesting: `return` is allowed in a sourced file. */
  sourceDepth = 0;
  /** getopts' position inside a bundle of flags (`-abc`). */
  getoptsState = { optind: 1, pos: 1 };

  /** `eval`: runs text in the current context; a syntax error fails the command, the shell goes on. */
  async evalNested(src: string, inEval = true): Promise<number> {
    const parser = this.parserFor(src, this.line || 1);
    let status = 0;
    for (;;) {
      let list: List | null;
      try {
        list = parser.parseNext();
      } catch (e) {
        if (!(e instanceof ShellSyntaxError)) throw e;
        await this.reportSyntaxError(e, inEval);
        if (this.dialect.name !== 'bash' && !this.interactive) throw new ExitSignal(2);
        return 2;
      }
      if (list === null) break;
      status = await this.runList(list);
    }
    return status;
  }

  /** `.`: runs a file's text in the current shell; `return` ends it. */
  async sourceText(src: string): Promise<number> {
    this.sourceDepth++;
    this.funcNames.push('source');
    const savedLine = this.line;
    try {
      return await this.evalNested(src, false);
    } catch (e) {
      if (e instanceof ReturnSignal) {
        this.status = e.status;
        return e.status;
      }
      throw e;
    } finally {
      this.sourceDepth--;
      this.funcNames.pop();
      this.line = savedLine;
    }
  }

  /** `exec cmd`: runs the command in place of the shell and returns its status (the caller exits with it). */
  async execReplace(argv: string[]): Promise<number> {
    const name = argv[0]!;
    if (this.isBuiltin(name)) return this.runBuiltin(name, argv);
    if (!name.includes('/')) {
      const r = this.ctx.sys.resolveCommand(name, this.exportedEnv(), this.ctx.cwd, this.ctx.fs);
      if (r.kind === 'not-found') {
        await this.builtinError('exec', `${name}: not found`);
        return 127;
      }
    }
    // execve: the program takes over this very process (same PID: a container's entrypoint script that ends in
    // `exec nginx` makes nginx PID 1, so `docker stop` signals nginx itself).
    const env = this.exportedEnv();
    const r = this.ctx.sys.execve(this.ctx, { argv, env, stdin: this.stdin(), stdout: this.stdout(), stderr: this.stderr(), files: this.inheritedFiles() ?? new Map(), fs: this.ctx.fs });
    if (r.ok) return r.status;
    // Files the kernel cannot exec (scripts without a shebang...) are the shell's business, as before.
    if (r.failure.kind === 'not-executable-format') return this.runExternal(argv, new Map());
    const status = await this.execFailure(name, argv, r.failure, env);
    if (status === 127 && !this.interactive) return 127;
    return status;
  }

  /** `trap` with no arguments in a subshell lists the parent's traps (bash), so `$(trap)` works. */
  _parentTraps: Map<string, string> | null = null;

  // -------------------------------------------------------------------------------------------------------------
  // Variables

  get cwd(): string {
    return this.ctx.cwd;
  }

  getVar(name: string): string | undefined {
    const v = this.vars.get(name);
    if (v !== undefined) return v.array ? v.array[0] : v.value;
    switch (name) {
      case 'RANDOM':
        return String(this.ctx.sys.random.int(32768));
      case 'LINENO':
        return String(this.line);
      case 'SECONDS':
        return String(Math.floor((this.ctx.sys.clock.now() - this.startTime) / 1000));
      case 'FUNCNAME':
        return this.dialect.name === 'bash' ? this.funcnameArray()[0] : undefined;
      case 'BASHPID':
        return this.dialect.name === 'bash' ? String(this.ctx.pid) : undefined;
      case 'BASH_SOURCE':
        // The script being run (entrypoints `exec gosu app "$BASH_SOURCE"` to re-run themselves); empty for -c.
        return this.dialect.name === 'bash' ? (this.input === 'script' ? this.arg0 : '') : undefined;
      case 'HOSTNAME':
        return this.dialect.name === 'bash' ? this.ctx.sys.hostname() : undefined;
      case 'UID':
      case 'EUID':
        return this.dialect.name === 'bash' ? String(this.ctx.cred.uid) : undefined;
    }
    return undefined;
  }

  /** Parameters including specials and positionals. */
  getParam(name: string): string | undefined {
    const c = name.charCodeAt(0);
    if (c >= 48 && c <= 57) {
      const n = Number(name);
      if (n === 0) return this.arg0;
      return this.positional[n - 1];
    }
    switch (name) {
      case '?':
        return String(this.status);
      case '#':
        return String(this.positional.length);
      case '$':
        return String(this.shellPid);
      case '!':
        return this.lastBgPid === null ? undefined : String(this.lastBgPid);
      case '-':
        return this.flags();
      case '@':
      case '*':
        return this.positional.join(' ');
    }
    return this.getVar(name);
  }

  /** `$$` is the main shell's pid even in subshells. */
  shellPid = 0;

  flags(): string {
    const letters: string[] = [];
    for (const [letter, name] of Object.entries(OPTION_LETTERS)) if (this.opts[name] && (name !== 'hashall' || this.dialect.name === 'bash') && (name !== 'monitor' || this.interactive)) letters.push(letter);
    const extra = this.flagsExtra.replace(/[cs]/g, '');
    for (const c of extra) letters.push(c);
    // bash lists lowercase flags alphabetically, then uppercase, then c/s.
    const order = 'abefhikmnptuvxBCEHPT';
    letters.sort((a, b) => order.indexOf(a) - order.indexOf(b));
    return letters.join('') + this.flagsExtra.replace(/[^cs]/g, '');
  }

  setVar(name: string, value: string, options: { export?: boolean } = {}): void {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)\[(.*)\]$/.exec(name);
    if (m) {
      this.setArrayElement(m[1]!, Number(arith(this, m[2]!)), value);
      return;
    }
    const v = this.vars.get(name);
    if (v?.readonly) throw new ShellError(this.dialect.name === 'bash' ? `${name}: readonly variable` : `${name}: is read only`, this.dialect.name === 'bash' ? 1 : 2, 'readonly');
    if (v) {
      if (v.array) v.array[0] = value;
      else v.value = value;
      if (options.export || this.opts.allexport) v.exported = true;
    } else this.vars.set(name, { value, array: null, exported: options.export === true || this.opts.allexport, readonly: false });
    if (name === 'PWD' && this.ctx) {
      /* keep ctx.cwd authoritative: cd sets both */
    }
  }

  unsetVar(name: string): boolean {
    const v = this.vars.get(name);
    if (v?.readonly) return false;
    this.vars.delete(name);
    return true;
  }

  /**
   * bash's FUNCNAME array, innermost first: the functions and `source` frames being run, with `main` at the bottom
   * in a script; empty while no function runs (entrypoints test `${FUNCNAME[1]}` = source to see if sourced).
   */
  funcnameArray(): string[] {
    if (this.funcDepth === 0) return [];
    const frames = [...this.funcNames].reverse();
    return this.input === 'script' ? [...frames, 'main'] : frames;
  }

  getArray(name: string): string[] | undefined {
    const v = this.vars.get(name);
    if (!v && name === 'FUNCNAME' && this.dialect.name === 'bash') return this.funcnameArray();
    if (!v) return undefined;
    if (v.array) return v.array.filter((x) => x !== undefined);
    return v.value === undefined ? [] : [v.value];
  }

  getArrayElement(name: string, i: number): string | undefined {
    const v = this.vars.get(name);
    if (!v && name === 'FUNCNAME' && this.dialect.name === 'bash') {
      const a = this.funcnameArray();
      return a[i < 0 ? a.length + i : i];
    }
    if (!v) return undefined;
    if (v.array) return v.array[i < 0 ? v.array.length + i : i];
    return i === 0 ? v.value : undefined;
  }

  setArrayElement(name: string, i: number, value: string): void {
    let v = this.vars.get(name);
    if (v?.readonly) throw new ShellError(`${name}: readonly variable`, 1, 'readonly');
    if (!v) {
      v = { value: undefined, array: [], exported: false, readonly: false };
      this.vars.set(name, v);
    }
    if (!v.array) v.array = v.value === undefined ? [] : [v.value];
    v.array[i] = value;
  }

  setArray(name: string, values: string[]): void {
    const v = this.vars.get(name);
    if (v?.readonly) throw new ShellError(`${name}: readonly variable`, 1, 'readonly');
    if (v) {
      v.array = values;
      v.value = undefined;
    } else this.vars.set(name, { value: undefined, array: values, exported: false, readonly: false });
  }

  /** `local`: remembers the current value to restore when the function returns. */
  makeLocal(name: string): void {
    const frame = this._locals[this._locals.length - 1];
    if (!frame) throw new ShellError('local: can only be used in a function', 1, 'other');
    if (!frame.has(name)) {
      const v = this.vars.get(name);
      frame.set(name, v ? { ...v } : undefined);
    }
  }

  get inFunction(): boolean {
    return this._locals.length > 0;
  }

  exportedEnv(extra?: ReadonlyMap<string, string>): Map<string, string> {
    const env = new Map<string, string>();
    for (const [k, v] of this.vars) if (v.exported && v.value !== undefined && !v.array) env.set(k, v.value);
    if (extra) for (const [k, v] of extra) env.set(k, v);
    return env;
  }

  readonly arithEnv: ArithEnv = {
    get: (name) => {
      const v = this.getVar(name);
      if (v === undefined && this.opts.nounset) {
        throw new ShellError(this.dialect.name === 'bash' ? `${name}: unbound variable` : `${name}: parameter not set`, this.dialect.paramErrorStatus, 'param');
      }
      return v;
    },
    set: (name, value) => this.setVar(name, value),
    numbersOnly: false,
  };

  userName(): string {
    return this.userEntry((f) => Number(f[2]) === this.ctx.cred.uid)?.[0] ?? String(this.ctx.cred.uid);
  }

  homeOf(user: string): string | undefined {
    return this.userEntry((f) => f[0] === user)?.[5];
  }

  private userEntry(pred: (fields: string[]) => boolean): string[] | undefined {
    try {
      const text = decodeText(this.ctx.sys.rootFs.readFile('/etc/passwd'));
      for (const line of text.split('\n')) {
        const f = line.split(':');
        if (f.length >= 7 && pred(f)) return f;
      }
    } catch {
      // No passwd file in a minimal image.
    }
    return undefined;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Streams and messages

  stdin(): ReadStream {
    return this.fds[0]?.r ?? emptyReader;
  }
  stdout(): WriteStream {
    return this.fds[1]?.w ?? badFdWriter;
  }
  stderr(): WriteStream {
    return this.fds[2]?.w ?? nullWriter;
  }

  prefix(): string {
    return errorPrefix({ dialect: this.dialect.name, input: this.interactive ? 'interactive' : this.input, arg0: this.arg0, line: this.line });
  }

  /** Writes `prefix message\n` to stderr. */
  async error(message: string): Promise<void> {
    try {
      await this.stderr().write(`${this.prefix()}${message}\n`);
    } catch (e) {
      if (e instanceof SignalExit) throw e;
    }
  }

  /** A builtin's error: `bash: line 3: cd: msg`, `dash: 3: cd: msg`, BusyBox `sh: cd: line 0: msg`. */
  async builtinError(name: string, message: string): Promise<void> {
    if (this.dialect.name !== 'ash') return this.error(`${name}: ${message}`);
    const script = this.input === 'script' && !this.interactive;
    try {
      await this.stderr().write(`${script ? this.arg0 : 'sh'}: ${name}: line ${script ? this.line : 0}: ${message}\n`);
    } catch (e) {
      if (e instanceof SignalExit) throw e;
    }
  }

  /** Yields when the time slice is used up, honours signals and runs trap handlers. */
  async checkpoint(): Promise<void> {
    await this.ctx.checkpoint();
    if (this._pendingTraps.length) await this.runPendingTraps();
    if (this.interruptRequested) {
      this.interruptRequested = false;
      throw new InterruptSignal();
    }
  }

  // -------------------------------------------------------------------------------------------------------------
  // Signals and traps

  /** Installs the disposition for a trapped (or reset) signal. */
  applyTrap(name: string): void {
    if (name === 'EXIT' || name === 'ERR' || name === 'DEBUG' || name === 'RETURN') return;
    const sig = `SIG${name}` as Signal;
    const action = this.traps.get(name);
    if (action === undefined) {
      if (sig === 'SIGINT' && this.interactive) this.ctx.signals.setDisposition(sig, () => (this.interruptRequested = true));
      else if ((sig === 'SIGTERM' || sig === 'SIGQUIT') && this.interactive) this.ctx.signals.setDisposition(sig, 'ignore');
      else this.ctx.signals.setDisposition(sig, 'default');
    } else if (action === '') this.ctx.signals.setDisposition(sig, 'ignore');
    else this.ctx.signals.setDisposition(sig, () => this._pendingTraps.push(name));
  }

  async runPendingTraps(): Promise<void> {
    if (this._runningTrap) return;
    this._runningTrap = true;
    try {
      while (this._pendingTraps.length) {
        const name = this._pendingTraps.shift()!;
        const action = this.traps.get(name);
        if (action) await this.evalString(action, true);
      }
    } finally {
      this._runningTrap = false;
    }
  }

  /** Runs the EXIT trap once. */
  async runExitTrap(): Promise<void> {
    const action = this.traps.get('EXIT');
    if (!action) return;
    this.traps.delete('EXIT');
    try {
      await this.evalString(action, true);
    } catch (e) {
      if (e instanceof ExitSignal) this.status = e.status;
      else if (!(e instanceof ShellError)) throw e;
    }
  }

  // -------------------------------------------------------------------------------------------------------------
  // Running source text

  parserFor(src: string, firstLine = 1): Parser {
    const alias = (n: string) => (this.dialect.name !== 'bash' || this.interactive || this.expandAliases ? this.aliases.get(n) : undefined);
    return new Parser(src, { features: this.dialect.features, firstLine, alias });
  }
  /** bash `shopt -s expand_aliases`. */
  expandAliases = false;

  /**
   * Runs source text command by command (scripts, `-c`, `eval`, `.`, traps). A syntax error is reported and
   * ends the run with status 2. `keepStatus`: traps do not change `$?`.
   */
  async evalString(src: string, keepStatus = false, firstLine?: number): Promise<number> {
    const saved = this.status;
    const parser = this.parserFor(src, firstLine ?? (this.input === 'command' || this.isSubshell ? this.line || 1 : 1));
    let status = 0;
    for (;;) {
      let list: List | null;
      try {
        list = parser.parseNext();
      } catch (e) {
        if (!(e instanceof ShellSyntaxError)) throw e;
        await this.reportSyntaxError(e);
        status = 2;
        this.status = 2;
        if (!this.interactive) throw new ExitSignal(2);
        break;
      }
      if (list === null) break;
      for (const h of parser.unterminatedHeredocs.splice(0)) {
        if (this.dialect.name === 'bash') await this.stderr().write(`${errorPrefix({ dialect: 'bash', input: this.input, arg0: this.arg0, line: parser.line })}warning: here-document at line ${h.line} delimited by end-of-file (wanted \`${h.delimiter}')\n`);
      }
      try {
        status = await this.runList(list);
      } catch (e) {
        if (!(e instanceof ShellError)) throw e;
        status = await this.handleShellError(e);
      }
    }
    if (keepStatus) this.status = saved;
    return status;
  }

  async reportSyntaxError(e: ShellSyntaxError, inEval = false): Promise<void> {
    const text = syntaxErrorText(e, { dialect: this.dialect.name, input: this.interactive ? 'interactive' : this.input, arg0: this.arg0, line: inEval ? this.line : e.line, inEval });
    if (text) await this.stderr().write(text);
  }

  /**
   * An expansion error abandons the current complete command. An interactive shell then prompts again; bash
   * running a script goes on with the next command after arithmetic, substitution and readonly errors, and exits
   * after `${x?}`/unbound-variable errors; dash and ash exit.
   */
  async handleShellError(e: ShellError): Promise<number> {
    await this.error(e.message);
    let status = e.status;
    if (this.dialect.name === 'bash' && e.kind === 'param') status = this.input === 'command' ? 127 : 1;
    this.status = status;
    if (this.interactive) return status;
    if (this.dialect.name === 'bash' && e.kind !== 'param') return status;
    throw new ExitSignal(status);
  }

  // -------------------------------------------------------------------------------------------------------------
  // Lists

  async runList(list: List): Promise<number> {
    for (const item of list) {
      if (item.background) {
        await this.startBackground(item.andOr.first.commands.length === 1 && item.andOr.rest.length === 0 ? item.andOr.first : null, item);
        this.status = 0;
      } else {
        await this.runAndOr(item.andOr);
      }
      // A signal delivered by a builtin (`kill $$`) takes effect before the next command.
      this.ctx.signals.check();
      if (this._pendingTraps.length) await this.runPendingTraps();
      if (this.interruptRequested) {
        this.interruptRequested = false;
        throw new InterruptSignal();
      }
    }
    return this.status;
  }

  private async runAndOr(ao: List[number]['andOr']): Promise<number> {
    const n = ao.rest.length;
    let status: number;
    let lastRan = 0;
    let negated = ao.first.negate;
    if (n > 0) this.errexitOff++;
    try {
      status = await this.runPipeline(ao.first);
    } finally {
      if (n > 0) this.errexitOff--;
    }
    for (let i = 0; i < n; i++) {
      const r = ao.rest[i]!;
      if ((r.op === '&&') !== (status === 0)) continue;
      const last = i === n - 1;
      if (!last) this.errexitOff++;
      try {
        status = await this.runPipeline(r.pipeline);
      } finally {
        if (!last) this.errexitOff--;
      }
      lastRan = i + 1;
      negated = r.pipeline.negate;
    }
    this.status = status;
    if (status !== 0 && this.opts.errexit && this.errexitOff === 0 && lastRan === n && !negated) {
      if (this.traps.get('ERR')) await this.evalString(this.traps.get('ERR')!, true);
      throw new ExitSignal(status);
    }
    if (status !== 0 && this.traps.get('ERR') && this.errexitOff === 0 && lastRan === n && !negated) await this.evalString(this.traps.get('ERR')!, true);
    return status;
  }

  async runPipeline(p: Pipeline): Promise<number> {
    let status: number;
    if (p.commands.length === 1) status = await this.runCommand(p.commands[0]!);
    else status = await this.runMultiPipeline(p);
    if (p.negate) status = status === 0 ? 1 : 0;
    this.status = status;
    return status;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Processes

  private _pgidFor(background: boolean): number | undefined {
    return this.interactive || (background && this.opts.monitor) ? undefined : this.ctx.pgid;
  }

  /** Starts `cmd` in a subshell process with the given standard streams. */
  startSubshell(run: (sh: Shell) => Promise<number>, io: { stdin: ReadStream; stdout: WriteStream; stderr: WriteStream }, pgid: number | undefined, argv?: readonly string[]): ChildProcess {
    const parent = this;
    const fds = [...this.fds];
    fds[0] = { r: io.stdin };
    fds[1] = { w: io.stdout };
    fds[2] = { w: io.stderr };
    const program: Program = async (cctx) => {
      const sh = parent.fork(cctx, fds);
      sh.shellPid = parent.shellPid;
      for (const name of ['INT', 'TERM', 'QUIT']) sh.applyTrap(name);
      let status: number;
      try {
        status = await run(sh);
      } catch (e) {
        if (e instanceof ExitSignal) status = e.status;
        else if (e instanceof ReturnSignal) status = e.status;
        else if (e instanceof BreakSignal || e instanceof ContinueSignal) status = sh.status;
        else if (e instanceof ShellError) {
          await sh.error(e.message);
          status = sh.dialect.name === 'bash' && e.kind === 'param' ? (sh.input === 'command' ? 127 : 1) : e.status;
        } else if (e instanceof InterruptSignal) status = 130;
        else throw e;
      }
      sh.status = status;
      await sh.runExitTrap();
      return sh.status;
    };
    return this.ctx.sys.start(program, {
      argv: argv ?? this.ctx.argv,
      env: this.exportedEnv(),
      cwd: this.ctx.cwd,
      cred: this.ctx.cred,
      umask: this.ctx.umask,
      stdin: io.stdin,
      stdout: io.stdout,
      stderr: io.stderr,
      tty: this.ctx.tty,
      pgid,
      ppid: this.ctx.pid,
      fs: this.ctx.fs,
      flavor: this.ctx.flavor,
    });
  }

  /** Waits for a foreground job, giving it the terminal (Ctrl-C goes to its process group). */
  async waitForeground(children: readonly ChildProcess[], pgid: number): Promise<number[]> {
    const tty = this.ctx.tty;
    const fg = this.interactive && tty !== null;
    if (fg) tty.setForeground({ deliver: (sig) => this.ctx.sys.killGroup(pgid, sig) });
    try {
      return await Promise.all(children.map((c) => c.exited));
    } finally {
      if (fg) tty.setForeground(this.foreground);
    }
  }

  /** The shell's own foreground group: Ctrl-C at the prompt or in a loop of builtins interrupts the command line. */
  readonly foreground: ForegroundGroup = {
    deliver: (sig) => {
      this.ctx.signals.getDisposition(sig);
      this.ctx.sys.kill(this.ctx.pid, sig, this.ctx.cred);
    },
  };

  /** After a foreground job: bash and ash name the signal that killed it (`Terminated`); Ctrl-C ends the line. */
  private async afterForeground(status: number): Promise<void> {
    if (status === 130 && this.interactive) this.interruptRequested = true;
    if (status <= 128 || status === 130 || status === 141 || this.dialect.name === 'dash') return;
    const text = SIGNAL_DEATH[status - 128];
    if (text) await this.stderr().write(`${text}\n`);
  }

  private async runMultiPipeline(p: Pipeline): Promise<number> {
    const n = p.commands.length;
    const children: ChildProcess[] = [];
    let pgid = this._pgidFor(false);
    let input: ReadStream = this.stdin();
    const closers: (() => void)[] = [];
    for (let i = 0; i < n; i++) {
      const cmd = p.commands[i]!;
      let output: WriteStream;
      let next: ReadStream | null = null;
      if (i < n - 1) {
        const pipe = new Pipe();
        output = pipe.writer();
        next = pipe.reader();
      } else output = this.stdout();
      const stderr = i < n - 1 && p.stderrToo[i] ? output : this.stderr();
      const child = await this.startMember(cmd, { stdin: input, stdout: output, stderr }, pgid);
      pgid ??= child.pgid;
      children.push(child);
      const inEnd = i > 0 ? input : null;
      const outEnd = i < n - 1 ? output : null;
      void child.exited.then(() => {
        outEnd?.close();
        inEnd?.close();
      });
      closers.push(() => {
        outEnd?.close();
        inEnd?.close();
      });
      if (next) input = next;
    }
    const statuses = await this.waitForeground(children, pgid!);
    for (const c of closers) c();
    let status = statuses[n - 1]!;
    if (this.opts.pipefail) for (const s of statuses) if (s !== 0) status = s;
    if (this.dialect.name === 'bash') this.setArray('PIPESTATUS', statuses.map(String));
    await this.afterForeground(statuses[n - 1]!);
    return status;
  }

  /**
   * Starts one pipeline member. A simple command naming an external program (no redirections, not a function or
   * builtin) is spawned directly, as `fork`+`exec` would leave it; everything else runs in a subshell process.
   */
  private async startMember(cmd: Command, io: { stdin: ReadStream; stdout: WriteStream; stderr: WriteStream }, pgid: number | undefined): Promise<ChildProcess> {
    // Words with a process substitution expand in the member's own process, which holds (and closes) its pipe.
    if (cmd.type === 'simple' && cmd.redirs.length === 0 && cmd.words.length > 0 && cmd.assigns.every((a) => !a.array) && !cmd.words.some(hasProcSub) && !cmd.assigns.some((a) => hasProcSub(a.value))) {
      this.line = cmd.line;
      const argv = await expandWords(this, cmd.words);
      const name = argv[0];
      if (name !== undefined && !this.functions.has(name) && !this.isBuiltin(name)) {
        const env = new Map<string, string>();
        for (const a of cmd.assigns) env.set(a.name, await expandString(this, a.value));
        const r = this.ctx.sys.resolveCommand(name, this.exportedEnv(env), this.ctx.cwd, this.ctx.fs);
        if (r.kind === 'program' || r.kind === 'script') {
          if (this.opts.xtrace) await this.trace(argv, cmd.assigns.map((a) => `${a.name}=${env.get(a.name)}`));
          const s = this.ctx.sys.spawn({ argv, env: this.exportedEnv(env), cwd: this.ctx.cwd, cred: this.ctx.cred, umask: this.ctx.umask, stdin: io.stdin, stdout: io.stdout, stderr: io.stderr, files: this.inheritedFiles(), tty: this.ctx.tty, pgid, ppid: this.ctx.pid, fs: this.ctx.fs });
          if (s.ok) return s.child;
        }
      }
      return this.startSubshell((sh) => sh.runSimpleExpanded(cmd, argv), io, pgid);
    }
    return this.startSubshell((sh) => sh.runCommand(cmd), io, pgid);
  }

  private async startBackground(single: Pipeline | null, item: List[number]): Promise<void> {
    const io = { stdin: this.interactive || !this.stdin().isTTY ? emptyReader : emptyReader, stdout: this.stdout(), stderr: this.stderr() };
    const pgid = this._pgidFor(true);
    let children: ChildProcess[];
    if (single && single.commands.length > 1 && !single.negate) {
      children = [];
      let jobPgid = pgid;
      let input: ReadStream = io.stdin;
      const n = single.commands.length;
      for (let i = 0; i < n; i++) {
        let output: WriteStream = io.stdout;
        let next: ReadStream | null = null;
        if (i < n - 1) {
          const pipe = new Pipe();
          output = pipe.writer();
          next = pipe.reader();
        }
        const child = await this.startMember(single.commands[i]!, { stdin: input, stdout: output, stderr: single.stderrToo[i] ? output : io.stderr }, jobPgid);
        jobPgid ??= child.pgid;
        const inEnd = i > 0 ? input : null;
        const outEnd = i < n - 1 ? output : null;
        void child.exited.then(() => {
          outEnd?.close();
          inEnd?.close();
        });
        children.push(child);
        if (next) input = next;
      }
    } else if (single && !single.negate) {
      children = [await this.startMember(single.commands[0]!, io, pgid)];
    } else {
      children = [this.startSubshell((sh) => sh.runAndOr(item.andOr), io, pgid)];
    }
    const last = children[children.length - 1]!;
    this.lastBgPid = last.pid;
    const done = Promise.all(children.map((c) => c.exited)).then((s) => s[s.length - 1]!);
    const job: Job = { id: this._nextJobId++, pgid: children[0]!.pgid, children, text: item.text, status: null, done, notified: false };
    void done.then((s) => (job.status = s));
    this.jobs.push(job);
    if (this.interactive) await this.stderr().write(`[${job.id}] ${last.pid}\n`);
  }

  /** Finished jobs' `[1]+  Done  cmd` lines (interactive shells print them before the prompt). */
  async reportJobs(all: boolean): Promise<void> {
    const lines: string[] = [];
    const current = this.jobs[this.jobs.length - 1];
    const previous = this.jobs[this.jobs.length - 2];
    const ash = this.dialect.name === 'ash';
    // BusyBox lists newest first, pads wider and keeps no command text outside interactive shells.
    for (const j of ash ? [...this.jobs].reverse() : this.jobs) {
      if (j.status === null && !all) continue;
      const mark = j === current ? '+' : j === previous ? '-' : ' ';
      if (ash) lines.push(`[${j.id}]${mark}  ${jobState(j, true).padEnd(27)}${this.interactive ? j.text : ''}\n`);
      else lines.push(`[${j.id}]${mark}  ${jobState(j, false).padEnd(24)}${j.text}${j.status === null ? ' &' : ''}\n`);
    }
    this.jobs = this.jobs.filter((j) => j.status === null);
    if (this.jobs.length === 0) this._nextJobId = 1;
    if (lines.length) await this.stdout().write(lines.join(''));
  }

  /** Jobs that finished since last asked are dropped silently (non-interactive shells). */
  reapJobs(): void {
    this.jobs = this.jobs.filter((j) => j.status === null);
    if (this.jobs.length === 0) this._nextJobId = 1;
  }

  findJob(spec: string): Job | undefined {
    if (spec === '%%' || spec === '%+' || spec === '%') return this.jobs[this.jobs.length - 1];
    if (spec === '%-') return this.jobs[this.jobs.length - 2];
    const n = Number(spec.slice(1));
    if (Number.isInteger(n)) return this.jobs.find((j) => j.id === n);
    const prefix = spec.slice(1);
    return this.jobs.find((j) => j.text.startsWith(prefix));
  }

  async commandSubstitution(body: List): Promise<string> {
    const out = new CollectingWriter();
    const child = this.startSubshell(
      (sh) => {
        sh.traceDepth = this.traceDepth + 1;
        return sh.runList(body);
      },
      { stdin: this.stdin(), stdout: out, stderr: this.stderr() },
      this._pgidFor(false),
    );
    const status = await child.exited;
    this.status = status;
    this.cmdsubStatus = status;
    return out.text();
  }

  /** Process substitutions open in this shell, oldest first: the descriptor and the shell's end of the pipe. */
  readonly procSubs: { readonly fd: number; readonly end: ReadStream | WriteStream }[] = [];

  /**
   * `<(list)` / `>(list)`: runs the list as a process writing to (reading from) a pipe whose other end this shell
   * holds as a descriptor, and names it `/dev/fd/N`. bash takes the highest free descriptor from 63 down, BusyBox
   * the lowest from 64 up. Commands the shell starts inherit the descriptor; `$!` is the list's process.
   */
  async processSubstitution(dir: '<' | '>', body: List): Promise<string> {
    let fd: number;
    if (this.dialect.name === 'bash') for (fd = 63; fd > 2 && this.fds[fd]; fd--);
    else for (fd = 64; this.fds[fd]; fd++);
    const pipe = new Pipe();
    const reading = dir === '<';
    const childEnd = reading ? pipe.writer() : pipe.reader();
    const ours = reading ? pipe.reader() : pipe.writer();
    const io = reading ? { stdin: this.stdin(), stdout: childEnd as WriteStream, stderr: this.stderr() } : { stdin: childEnd as ReadStream, stdout: this.stdout(), stderr: this.stderr() };
    const child = this.startSubshell((sh) => sh.runList(body), io, this._pgidFor(true));
    void child.exited.then(() => childEnd.close());
    this.fds[fd] = reading ? { r: ours as ReadStream } : { w: ours as WriteStream };
    this.procSubs.push({ fd, end: ours });
    // bash makes the list `$!` (so `wait $!` waits for it); BusyBox leaves `$!` alone.
    if (this.dialect.name === 'bash') {
      this.lastBgPid = child.pid;
      this.lastProcSub = child;
    }
    return `/dev/fd/${fd}`;
  }

  /** The last process substitution's process (bash's `wait $!`). */
  lastProcSub: ChildProcess | null = null;

  /** Closes the process substitutions opened since `mark`, unless a redirection (`exec 3< <(cmd)`) still holds one. */
  closeProcSubs(mark: number): void {
    for (const { fd, end } of this.procSubs.splice(mark)) {
      const slot = this.fds[fd];
      if (slot && (slot.r === end || slot.w === end)) this.fds[fd] = undefined;
      if (!this.fds.some((f) => f && (f.r === end || f.w === end))) end.close();
    }
  }

  /** The descriptors above 2 that commands started by this shell inherit. */
  inheritedFiles(): ReadonlyMap<number, Fd> | undefined {
    let files: Map<number, Fd> | undefined;
    for (let i = 3; i < this.fds.length; i++) {
      const f = this.fds[i];
      if (f) (files ??= new Map()).set(i, f);
    }
    return files;
  }

  /**
   * The whole content of `/dev/fd/N` (`source <(cmd)`, `bash <(cmd)`) read from this shell's descriptor; null when
   * `path` names no descriptor. Throws ENOENT when the descriptor is not open for reading.
   */
  async readDescriptorPath(path: string): Promise<Uint8Array | null> {
    if (descriptorOfPath(path) === null) return null;
    const r = this.descriptorAt(path)?.r;
    if (!r) throw new FsError('ENOENT', 'open', path);
    return readAll(r);
  }

  /** What a shell redirection to `/dev/fd/N`, `/dev/stdin`... names: this shell's own descriptor. */
  private descriptorAt(path: string): Fd | undefined {
    const n = descriptorOfPath(path);
    return n === null ? undefined : this.fds[n];
  }

  // -------------------------------------------------------------------------------------------------------------
  // Commands

  async runCommand(cmd: Command): Promise<number> {
    // Process substitutions expanded for this command stay open while it runs (`while ...; done < <(cmd)` reads
    // the pipe through the whole loop) and are closed when it ends, as bash closes its /dev/fd/63 then.
    const mark = this.procSubs.length;
    try {
      return await this.runCommandBody(cmd);
    } finally {
      if (this.procSubs.length > mark) this.closeProcSubs(mark);
    }
  }

  private async runCommandBody(cmd: Command): Promise<number> {
    switch (cmd.type) {
      case 'simple':
        return this.runSimple(cmd);
      case 'funcdef':
        if (this.dialect.name !== 'bash' && this.isSpecialBuiltin(cmd.name)) {
          await this.error(`${cmd.name}: bad function name`);
          return 2;
        }
        this.functions.set(cmd.name, cmd);
        this.status = 0;
        return 0;
      case 'compound': {
        this.line = cmd.line;
        if (cmd.body.type === 'subshell') {
          if (cmd.redirs.length === 0) return this.runSubshellBody(cmd.body.body);
        }
        const undo = await this.applyRedirs(cmd.redirs);
        if (undo === null) return (this.status = this.dialect.redirErrorStatus);
        try {
          return await this.runCompound(cmd.body);
        } finally {
          undo();
        }
      }
    }
  }

  private async runSubshellBody(body: List): Promise<number> {
    const child = this.startSubshell((sh) => sh.runList(body), { stdin: this.stdin(), stdout: this.stdout(), stderr: this.stderr() }, this._pgidFor(false));
    const [status] = await this.waitForeground([child], child.pgid);
    await this.afterForeground(status!);
    this.status = status!;
    return status!;
  }

  private async runCompound(c: CompoundCommand): Promise<number> {
    switch (c.type) {
      case 'subshell':
        return this.runSubshellBody(c.body);
      case 'group':
        return this.runList(c.body);
      case 'if': {
        for (const cl of c.clauses) {
          this.errexitOff++;
          let cond: number;
          try {
            cond = await this.runList(cl.cond);
          } finally {
            this.errexitOff--;
          }
          if (cond === 0) return this.runList(cl.body);
        }
        if (c.elseBody) return this.runList(c.elseBody);
        this.status = 0;
        return 0;
      }
      case 'while':
        return this.runWhile(c.cond, c.body, c.until);
      case 'for':
        return this.runFor(c.name, c.items, c.body);
      case 'arithfor':
        return this.runArithFor(c);
      case 'case':
        return this.runCase(c.word, c.items);
      case 'dbracket': {
        const r = (await this.evalCond(c.expr)) ? 0 : 1;
        if (this.opts.xtrace) await this.stderr().write(`${this.ps4()}[[ ... ]]\n`);
        this.status = r;
        return r;
      }
      case 'arithcmd': {
        const text = await expandString(this, c.expr);
        if (this.opts.xtrace) await this.stderr().write(`${this.ps4()}(( ${text.trim()} ))\n`);
        const v = arith(this, text);
        this.status = v !== 0n ? 0 : 1;
        return this.status;
      }
    }
  }

  /** Runs a loop body; returns 'break' or 'continue' when the body asked for it at this level. */
  private async loopBody(body: List): Promise<'break' | 'continue' | null> {
    try {
      await this.runList(body);
      return null;
    } catch (e) {
      if (e instanceof BreakSignal) {
        if (e.levels > 1) {
          e.levels--;
          throw e;
        }
        return 'break';
      }
      if (e instanceof ContinueSignal) {
        if (e.levels > 1) {
          e.levels--;
          throw e;
        }
        return 'continue';
      }
      throw e;
    }
  }

  private async runWhile(cond: List, body: List, until: boolean): Promise<number> {
    let status = 0;
    this.loopDepth++;
    try {
      for (;;) {
        await this.checkpoint();
        this.errexitOff++;
        let c: number;
        try {
          c = await this.runList(cond);
        } finally {
          this.errexitOff--;
        }
        if ((c === 0) === until) break;
        const r = await this.loopBody(body);
        status = this.status;
        if (r === 'break') break;
      }
    } finally {
      this.loopDepth--;
    }
    this.status = status;
    return status;
  }

  private async runFor(name: string, items: readonly Word[] | null, body: List): Promise<number> {
    const values = items === null ? [...this.positional] : await expandWords(this, items);
    let status = 0;
    this.loopDepth++;
    try {
      for (const v of values) {
        await this.checkpoint();
        this.setVar(name, v);
        const r = await this.loopBody(body);
        status = this.status;
        if (r === 'break') break;
      }
    } finally {
      this.loopDepth--;
    }
    this.status = status;
    return status;
  }

  private async runArithFor(c: Extract<CompoundCommand, { type: 'arithfor' }>): Promise<number> {
    let status = 0;
    this.loopDepth++;
    try {
      arith(this, await expandString(this, c.init));
      for (;;) {
        await this.checkpoint();
        const condText = (await expandString(this, c.cond)).trim();
        if (condText !== '' && arith(this, condText) === 0n) break;
        const r = await this.loopBody(c.body);
        status = this.status;
        if (r === 'break') break;
        arith(this, await expandString(this, c.step));
      }
    } finally {
      this.loopDepth--;
    }
    this.status = status;
    return status;
  }

  private async runCase(word: Word, items: readonly CaseItem[]): Promise<number> {
    const value = await expandString(this, word);
    this.status = 0;
    let fallthrough = false;
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      let hit = fallthrough;
      if (!hit) {
        for (const p of item.patterns) {
          if (matchPattern(await expandPattern(this, p), value)) {
            hit = true;
            break;
          }
        }
      }
      if (!hit) continue;
      await this.runList(item.body);
      if (item.body.length === 0) this.status = 0;
      if (item.term === ';;') return this.status;
      fallthrough = item.term === ';&';
    }
    return this.status;
  }

  async evalCond(e: CondExpr): Promise<boolean> {
    switch (e.type) {
      case 'and':
        return (await this.evalCond(e.left)) && this.evalCond(e.right);
      case 'or':
        return (await this.evalCond(e.left)) || this.evalCond(e.right);
      case 'not':
        return !(await this.evalCond(e.expr));
      case 'word':
        return (await expandString(this, e.arg)) !== '';
      case 'unary': {
        const arg = await expandString(this, e.arg);
        if (e.op === '-v') return this.getParam(arg) !== undefined;
        return (await this.testBuiltin([e.op, arg])) === 0;
      }
      case 'binary': {
        const left = await expandString(this, e.left);
        if (e.op === '==' || e.op === '=' || e.op === '!=') {
          const pat = await expandPattern(this, e.right);
          const m = matchPattern(pat, left);
          return e.op === '!=' ? !m : m;
        }
        if (e.op === '=~') {
          const re = await this.regexOf(e.right);
          let m: RegExpExecArray | null;
          try {
            m = new RegExp(re, 'u').exec(left);
          } catch {
            this.status = 2;
            return false;
          }
          this.setArray('BASH_REMATCH', m ? [...m].map((x) => x ?? '') : []);
          return m !== null;
        }
        const right = await expandString(this, e.right);
        if (e.op === '<') return left < right;
        if (e.op === '>') return left > right;
        if (/^-(eq|ne|lt|le|gt|ge)$/.test(e.op)) {
          const a = arith(this, left);
          const b = arith(this, right);
          switch (e.op) {
            case '-eq':
              return a === b;
            case '-ne':
              return a !== b;
            case '-lt':
              return a < b;
            case '-le':
              return a <= b;
            case '-gt':
              return a > b;
            default:
              return a >= b;
          }
        }
        return (await this.testBuiltin([left, e.op, right])) === 0;
      }
    }
  }

  /** The right side of `=~`: quoted parts match literally (ERE otherwise, which JS regexes mostly share). */
  private async regexOf(w: Word): Promise<string> {
    const pat = await expandPattern(this, w);
    let out = '';
    for (let i = 0; i < pat.length; i++) {
      const c = pat[i]!;
      if (c === '\\' && i + 1 < pat.length) {
        const n = pat[++i]!;
        out += /[\\^$.*+?()[\]{}|/]/.test(n) ? '\\' + n : n;
      } else out += c;
    }
    return out.replace(/\[\[:(\w+):\]\]/g, (m, cls: string) => {
      const src = compilePattern(`[[:${cls}:]]`).source;
      return src.slice(1, -1) || m;
    });
  }

  private testBuiltin(args: string[]): Promise<number> {
    return this.runBuiltin('test', ['test', ...args]);
  }

  isSpecialBuiltin(name: string): boolean {
    return SPECIAL_BUILTINS.has(name) && this.isBuiltin(name);
  }

  isBuiltin(name: string): boolean {
    return name in BUILTINS && builtinAvailable(name, this.dialect.name);
  }

  async runBuiltin(name: string, argv: string[]): Promise<number> {
    const b = BUILTINS[name]!;
    return b(this, argv);
  }

  async trace(argv: readonly string[], assigns: readonly string[] = []): Promise<void> {
    const words = [...assigns.map((a) => traceQuote(a, this.dialect.name, true)), ...argv.map((a) => traceQuote(a, this.dialect.name, false))];
    await this.stderr().write(`${this.ps4()}${words.join(' ')}\n`);
  }

  /** Command substitution depth: bash repeats PS4's first character once per level (`++ echo`). */
  traceDepth = 0;

  private ps4(): string {
    const ps4 = this.getVar('PS4') ?? '+ ';
    return this.dialect.name === 'bash' && this.traceDepth > 0 ? ps4.slice(0, 1).repeat(this.traceDepth) + ps4 : ps4;
  }

  /** Status of the last command substitution in the current command (`$(exit 4)` alone sets $? to 4). */
  cmdsubStatus: number | null = null;

  async runSimple(cmd: SimpleCommand): Promise<number> {
    this.line = cmd.line;
    this.cmdsubStatus = null;
    const argv = cmd.words.length ? await expandWords(this, cmd.words) : [];
    return this.runSimpleExpanded(cmd, argv);
  }

  async runSimpleExpanded(cmd: SimpleCommand, argv: string[]): Promise<number> {
    this.line = cmd.line;
    if (this.opts.noexec && !this.interactive) return 0;
    if (argv.length === 0) {
      // Assignments only (and maybe redirections): they change the shell itself.
      const fromWords = this.cmdsubStatus;
      this.cmdsubStatus = null;
      const traced: string[] = [];
      for (const a of cmd.assigns) {
        await this.assign(a);
        if (this.opts.xtrace) traced.push(`${a.name}${a.append ? '+' : ''}=${a.array ? '(...)' : this.getVar(a.name) ?? ''}`);
      }
      if (traced.length) await this.stderr().write(traced.map((t) => `${this.ps4()}${t}\n`).join(''));
      const cmdsubStatus = this.cmdsubStatus ?? fromWords ?? 0;
      if (cmd.redirs.length) {
        const undo = await this.applyRedirs(cmd.redirs);
        if (undo === null) return (this.status = this.dialect.redirErrorStatus);
        undo();
      }
      this.status = cmdsubStatus;
      return cmdsubStatus;
    }
    const name = argv[0]!;
    const assigned: [string, string][] = [];
    for (const a of cmd.assigns) assigned.push([a.name, a.array ? '' : await expandString(this, a.value)]);
    if (this.opts.xtrace) await this.trace(argv, assigned.map(([k, v]) => `${k}=${v}`));
    const fn = this.functions.get(name);
    const special = this.isSpecialBuiltin(name) && (this.dialect.name !== 'bash' || !fn);
    if (special || fn || this.isBuiltin(name)) {
      const undo = await this.applyRedirs(cmd.redirs);
      if (undo === null) return (this.status = this.dialect.redirErrorStatus);
      // Prefix assignments: permanent for POSIX special builtins in dash/ash, temporary otherwise.
      const restore = special && this.dialect.name !== 'bash' ? null : this.tempAssign(assigned);
      if (restore === null) for (const [k, v] of assigned) this.setVar(k, v);
      try {
        let status: number;
        if (!special && fn) status = await this.callFunction(fn, argv);
        else status = await this.runBuiltin(name, argv);
        this.status = status;
        return status;
      } finally {
        restore?.();
        if (name !== 'exec') undo();
      }
    }
    const undo = await this.applyRedirs(cmd.redirs);
    if (undo === null) return (this.status = this.dialect.redirErrorStatus);
    try {
      const status = await this.runExternal(argv, new Map(assigned));
      this.status = status;
      return status;
    } finally {
      undo();
    }
  }

  /** Sets prefix assignments for the duration of a builtin or function, exported. */
  private tempAssign(assigned: [string, string][]): (() => void) | null {
    if (assigned.length === 0) return () => {};
    const saved = assigned.map(([k]) => [k, this.vars.get(k)] as const);
    for (const [k, v] of assigned) {
      const old = this.vars.get(k);
      if (old?.readonly) throw new ShellError(this.dialect.name === 'bash' ? `${k}: readonly variable` : `${k}: is read only`, 1, 'readonly');
      this.vars.set(k, { value: v, array: null, exported: true, readonly: false });
    }
    return () => {
      for (const [k, v] of saved) {
        if (v) this.vars.set(k, v);
        else this.vars.delete(k);
      }
    };
  }

  async assign(a: SimpleCommand['assigns'][number]): Promise<void> {
    if (a.array) {
      const values = await expandWords(this, a.array);
      if (a.append) this.setArray(a.name, [...(this.getArray(a.name) ?? []), ...values]);
      else this.setArray(a.name, values);
      return;
    }
    let v = await expandString(this, a.value);
    if (a.append) v = (this.getVar(a.name) ?? '') + v;
    this.setVar(a.name, v);
  }

  async callFunction(fn: Command, argv: string[]): Promise<number> {
    if (fn.type !== 'funcdef') return 0;
    if (this.funcDepth > 1000) {
      await this.error(`${argv[0]}: maximum function nesting level exceeded (1000)`);
      return 1;
    }
    const savedPos = this.positional;
    const savedLine = this.line;
    this.positional = argv.slice(1);
    this.funcDepth++;
    this.funcNames.push(fn.name);
    const frame = new Map<string, Var | undefined>();
    this._locals.push(frame);
    try {
      return await this.runCommand(fn.body);
    } catch (e) {
      if (e instanceof ReturnSignal) {
        this.status = e.status;
        return e.status;
      }
      throw e;
    } finally {
      this._locals.pop();
      for (const [k, v] of frame) {
        if (v) this.vars.set(k, v);
        else this.vars.delete(k);
      }
      this.funcDepth--;
      this.funcNames.pop();
      this.positional = savedPos;
      this.line = savedLine;
    }
  }

  /** Runs a command found through PATH (or a path), reporting failures in the dialect's words. */
  async runExternal(argv: string[], assigned: ReadonlyMap<string, string>): Promise<number> {
    const name = argv[0]!;
    const env = this.exportedEnv(assigned);
    const r = this.ctx.sys.spawn({ argv, env, cwd: this.ctx.cwd, cred: this.ctx.cred, umask: this.ctx.umask, stdin: this.stdin(), stdout: this.stdout(), stderr: this.stderr(), files: this.inheritedFiles(), tty: this.ctx.tty, pgid: this._pgidFor(false), ppid: this.ctx.pid, fs: this.ctx.fs });
    if (r.ok) {
      const [status] = await this.waitForeground([r.child], r.child.pgid);
      await this.afterForeground(status!);
      return status!;
    }
    return this.execFailure(name, argv, r.failure, env);
  }

  private async execFailure(name: string, argv: string[], f: ExecFailure, env: Map<string, string>): Promise<number> {
    const d = this.dialect.name;
    switch (f.kind) {
      case 'not-found':
        await this.error(notFoundText(d, name));
        return 127;
      case 'no-such-file':
        await this.error(d === 'bash' ? `${name}: No such file or directory` : `${name}: not found`);
        return 127;
      case 'permission-denied':
        await this.error(`${name}: Permission denied`);
        return 126;
      case 'is-a-directory':
        await this.error(d === 'bash' ? `${name}: Is a directory` : `${name}: Permission denied`);
        return 126;
      case 'unsupported':
        await this.stderr().write(`${basename(name)}: command not available in this simulation\n`);
        return 127;
      case 'bad-interpreter':
        await this.error(d === 'bash' ? `${name}: cannot execute: required file not found` : `${name}: not found`);
        return 127;
      case 'not-executable-format': {
        let bytes: Uint8Array;
        try {
          bytes = this.ctx.fs.readFile(f.path);
        } catch (e) {
          await this.error(`${name}: ${isFsError(e) ? e.text : 'Permission denied'}`);
          return 126;
        }
        const head = bytes.subarray(0, 128);
        if (isElf(head) || (head.includes(0) && d !== 'ash')) {
          await this.error(d === 'bash' ? `${name}: cannot execute binary file: Exec format error` : `${name}: Exec format error`);
          return 126;
        }
        // ENOEXEC: the shell runs the file itself, in a subshell.
        const src = decodeText(bytes);
        const child = this.startSubshell(
          async (sh) => {
            sh.arg0 = name;
            (sh as { input: InputKind }).input = 'script';
            sh.positional = argv.slice(1);
            sh.functions = new Map();
            sh.traps = new Map();
            sh.line = 0;
            for (const [k, v] of env) sh.vars.set(k, { value: v, array: null, exported: true, readonly: false });
            return sh.evalString(src, false, 1);
          },
          { stdin: this.stdin(), stdout: this.stdout(), stderr: this.stderr() },
          this._pgidFor(false),
          argv,
        );
        const [status] = await this.waitForeground([child], child.pgid);
        await this.afterForeground(status!);
        return status!;
      }
    }
  }

  // -------------------------------------------------------------------------------------------------------------
  // Redirections

  /**
   * Applies redirections to the fd table; returns the undo function, or null after printing an error (the
   * command is then not run).
   */
  async applyRedirs(redirs: readonly Redir[]): Promise<(() => void) | null> {
    if (redirs.length === 0) return noop;
    const saved = [...this.fds];
    const opened: { close(): void }[] = [];
    const undo = () => {
      this.fds = saved;
      for (const s of opened) s.close();
    };
    for (const r of redirs) {
      const ok = await this.applyRedir(r, opened);
      if (!ok) {
        undo();
        return null;
      }
    }
    return () => undo();
  }

  /** `exec` redirections stay: opened streams are kept open. */
  async applyRedirsPermanently(redirs: readonly Redir[]): Promise<boolean> {
    const opened: { close(): void }[] = [];
    for (const r of redirs) if (!(await this.applyRedir(r, opened))) return false;
    return true;
  }

  private async applyRedir(r: Redir, opened: { close(): void }[]): Promise<boolean> {
    const op = r.op;
    const defaultFd = op === '<' || op === '<&' || op === '<>' || op === '<<' || op === '<<-' || op === '<<<' ? 0 : 1;
    const fd = r.fd ?? defaultFd;
    if (op === '<<' || op === '<<-') {
      const body = r.heredoc ? await expandString(this, r.heredoc) : '';
      this.fds[fd] = { r: bytesReader(body) };
      return true;
    }
    if (op === '<<<') {
      const text = await expandString(this, r.target);
      this.fds[fd] = { r: bytesReader(text + '\n') };
      return true;
    }
    const target = await expandString(this, r.target);
    if (op === '<&' || op === '>&') {
      if (target === '-') {
        this.fds[fd] = undefined;
        return true;
      }
      if (/^[0-9]+$/.test(target)) {
        const src = this.fds[Number(target)];
        if (!src) {
          await this.error(`${target}: Bad file descriptor`);
          return false;
        }
        this.fds[fd] = src;
        return true;
      }
      if (op === '>&' && r.fd === null) return this.openFile(target, '&>', 1, opened);
      await this.error(this.dialect.name === 'bash' ? `${target}: ambiguous redirect` : `${target}: Bad file descriptor`);
      return false;
    }
    return this.openFile(target, op, fd, opened);
  }

  private async openFile(target: string, op: string, fd: number, opened: { close(): void }[]): Promise<boolean> {
    const path = resolvePath(this.ctx.cwd, target);
    const sys = this.ctx.sys;
    const writing = op !== '<';
    if (target === '') {
      await this.error(this.dialect.name === 'bash' ? `: No such file or directory` : redirErrorText(this.dialect.name, '', 'ENOENT', writing, 'No such file or directory'));
      return false;
    }
    // `< /dev/fd/63`, `> /dev/stderr`: the shell's own descriptor table answers (there is no /proc to open).
    if (descriptorOfPath(path) !== null) {
      const d = this.descriptorAt(path);
      const stream = op === '<' ? d?.r : op === '<>' ? (d?.r && d.w ? d : undefined) : d?.w;
      if (!d || !stream) {
        await this.error(redirErrorText(this.dialect.name, target, 'ENOENT', writing, 'No such file or directory'));
        return false;
      }
      if (op === '<') this.fds[fd] = { r: d.r };
      else if (op === '<>') this.fds[fd] = d;
      else if (op === '&>' || op === '&>>') {
        this.fds[1] = { w: d.w };
        this.fds[2] = { w: d.w };
      } else this.fds[fd] = { w: d.w };
      return true;
    }
    try {
      if (op === '<') {
        const s = sys.openRead(this.ctx.fs, path, this.ctx.tty);
        opened.push(s);
        this.fds[fd] = { r: s };
      } else if (op === '<>') {
        let exists = true;
        try {
          this.ctx.fs.stat(path);
        } catch {
          exists = false;
        }
        const w = sys.openWrite(this.ctx.fs, path, { append: exists, umask: this.ctx.umask, tty: this.ctx.tty });
        const rd = sys.openRead(this.ctx.fs, path, this.ctx.tty);
        opened.push(w, rd);
        this.fds[fd] = { r: rd, w };
      } else {
        const append = op === '>>' || op === '&>>';
        const w = sys.openWrite(this.ctx.fs, path, { append, umask: this.ctx.umask, tty: this.ctx.tty, noClobber: this.opts.noclobber && op !== '>|' && !append });
        opened.push(w);
        if (op === '&>' || op === '&>>') {
          this.fds[1] = { w };
          this.fds[2] = { w };
        } else this.fds[fd] = { w };
      }
      return true;
    } catch (e) {
      if (!isFsError(e)) throw e;
      const fe = e as FsError;
      if (fe.code === 'EEXIST') {
        await this.error(this.dialect.name === 'bash' ? `${target}: cannot overwrite existing file` : this.dialect.name === 'dash' ? `cannot create ${target}: File exists` : `can't create ${target}: File exists`);
        return false;
      }
      await this.error(redirErrorText(this.dialect.name, target, fe.code, writing, fe.text));
      return false;
    }
  }
}

const noop = () => {};

/** The word has a process substitution outside quotes (`<(cmd)`, `--file=>(cmd)`, `${x:-<(cmd)}`). */
function hasProcSub(w: Word): boolean {
  const inParts = (parts: readonly WordPart[]): boolean =>
    parts.some((p) => p.type === 'procsub' || (p.type === 'dq' && inParts(p.parts)) || (p.type === 'param' && p.op.kind === 'default' && p.op.arg !== null && inParts(p.op.arg.parts)));
  return inParts(w.parts);
}

/** strsignal() text shells print for a job killed by a signal. */
const SIGNAL_DEATH: Readonly<Record<number, string>> = { 1: 'Hangup', 3: 'Quit (core dumped)', 4: 'Illegal instruction (core dumped)', 6: 'Aborted (core dumped)', 8: 'Floating point exception (core dumped)', 9: 'Killed', 10: 'User defined signal 1', 11: 'Segmentation fault (core dumped)', 12: 'User defined signal 2', 14: 'Alarm clock', 15: 'Terminated' };

/** Writing to a closed descriptor (`>&-`). */
const badFdWriter: WriteStream = {
  isTTY: false,
  write: async () => {},
  close: () => {},
};

function jobState(j: Job, busybox: boolean): string {
  if (j.status === null) return 'Running';
  if (j.status === 0) return 'Done';
  if (busybox && j.status <= 128) return `Done(${j.status})`;
  if (j.status > 128) {
    const names: Record<number, string> = { 129: 'Hangup', 130: 'Interrupt', 131: 'Quit', 137: 'Killed', 143: 'Terminated', 138: 'User defined signal 1', 140: 'User defined signal 2', 142: 'Alarm clock' };
    return names[j.status] ?? `Done(${j.status})`;
  }
  return `Exit ${j.status}`;
}

/** Quotes a word for `set -x` output as each shell does: bash quotes `[`, BusyBox also `=`, dash neither. */
export function traceQuote(s: string, dialect: DialectName = 'bash', assignment = false): string {
  if (s === '') return "''";
  const safe = dialect === 'bash' ? /^[A-Za-z0-9_@%+=:,./-]+$/ : dialect === 'dash' ? /^[A-Za-z0-9_@%+=:,./[\]-]+$/ : assignment ? /^[A-Za-z0-9_@%+=:,./\]-]+$/ : /^[A-Za-z0-9_@%+:,./\]-]+$/;
  if (safe.test(s)) return s;
  return `'${s.replace(/'/g, "'\\''")}'`;
}
