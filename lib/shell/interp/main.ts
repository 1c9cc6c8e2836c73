/**
 * The shell programs: `bash`, `dash`, and BusyBox's `sh`/`ash` applets. Invocation as the real shells take it:
 * `bash [-eux] [-o opt] [-i] [-l] [-s] [-c cmd [name [args]]] [script [args]]`. Interactive mode (a TTY on stdin
 * and nothing to run, or `-i`) runs a prompt loop on `tty.readLine`.
 */

import { resolvePath } from '../../engine/fs/path';
import { isFsError } from '../../engine/fs/Types';
import type { List } from '../parser/ast';
import { ShellSyntaxError } from '../parser/ShellSyntaxError';
import { readLineFrom } from '../../engine/process/streams';
import { decodeText, encodeText } from '../../engine/process/text';
import { SignalExit, type ProcessContext, type Program } from '../../engine/process/Types';
import { setOption } from '../builtins/set';
import { completeLine } from './completion';
import type { DialectName, InputKind } from './dialect';
import { ExitSignal, InterruptSignal, ShellError } from './errors';
import { renderPrompt } from './prompt';
import { OPTION_LETTERS } from './options';
import { Shell } from './Shell';

/** `sh` is dash on Debian-like systems and ash when BusyBox provides it. */
export function makeShellProgram(dialect: DialectName | 'sh'): Program {
  return (ctx) => runShell(ctx, dialect === 'sh' ? (ctx.flavor === 'busybox' ? 'ash' : 'dash') : dialect);
}

interface Invocation {
  command: string | null;
  script: string | null;
  args: string[];
  arg0: string | null;
  interactive: boolean | null;
  login: boolean;
  stdinMode: boolean;
  norc: boolean;
  set: [string, boolean][];
  version: boolean;
}

function parseInvocation(argv: readonly string[]): Invocation | { error: string } {
  const inv: Invocation = { command: null, script: null, args: [], arg0: null, interactive: null, login: false, stdinMode: false, norc: false, set: [], version: false };
  let wantCommand = false;
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--' || a === '-') {
      i++;
      break;
    }
    if (a.startsWith('--')) {
      if (a === '--norc' || a === '--noprofile') inv.norc = a === '--norc' || inv.norc;
      else if (a === '--login') inv.login = true;
      else if (a === '--version') inv.version = true;
      else if (a === '--posix' || a === '--noediting') {
        /* accepted */
      } else return { error: `${a}: invalid option` };
      continue;
    }
    if (!/^[-+]/.test(a) || a.length < 2) break;
    const on = a[0] === '-';
    for (const c of a.slice(1)) {
      if (c === 'c' && on) wantCommand = true;
      else if (c === 'i') inv.interactive = on;
      else if (c === 'l') inv.login = true;
      else if (c === 's') inv.stdinMode = true;
      else if (c === 'o') {
        const name = argv[++i];
        if (name === undefined) return { error: '-o: option requires an argument' };
        inv.set.push([name, on]);
      } else if (OPTION_LETTERS[c]) inv.set.push([OPTION_LETTERS[c]!, on]);
      else return { error: `${on ? '-' : '+'}${c}: invalid option` };
    }
  }
  const rest = argv.slice(i);
  if (wantCommand) {
    if (rest.length === 0) return { error: '-c: option requires an argument' };
    inv.command = rest[0]!;
    inv.arg0 = rest[1] ?? null;
    inv.args = rest.slice(2);
  } else if (!inv.stdinMode && rest.length > 0) {
    inv.script = rest[0]!;
    inv.args = rest.slice(1);
  } else inv.args = rest;
  return inv;
}

async function runShell(ctx: ProcessContext, dialect: DialectName): Promise<number> {
  const name = ctx.argv[0] ?? dialect;
  const inv = parseInvocation(ctx.argv);
  if ('error' in inv) {
    await ctx.stderr.write(`${name}: ${inv.error}\n`);
    if (dialect === 'bash') await ctx.stderr.write('Usage:\tbash [GNU long option] [option] ...\n\tbash [GNU long option] [option] script-file ...\n');
    return 2;
  }
  if (inv.version && dialect === 'bash') {
    await ctx.stdout.write('GNU bash, version 5.2.15(1)-release (x86_64-pc-linux-gnu)\nCopyright (C) 2022 Free Software Foundation, Inc.\nLicense GPLv3+: GNU GPL version 3 or later <http://gnu.org/licenses/gpl.html>\n\nThis is free software; you are free to change and redistribute it.\nThere is NO WARRANTY, to the extent permitted by law.\n');
    return 0;
  }
  const interactive = inv.interactive ?? (inv.command === null && inv.script === null && ctx.stdin.isTTY && ctx.tty !== null);
  const input: InputKind = inv.command !== null ? 'command' : inv.script !== null ? 'script' : interactive ? 'interactive' : 'stdin';
  const arg0 = inv.command !== null ? (inv.arg0 ?? name) : inv.script !== null ? inv.script : name;
  const sh = new Shell(ctx, { dialect, input, arg0, interactive });
  sh.shellPid = ctx.pid;
  sh.positional = inv.args;
  for (const [opt, on] of inv.set) {
    if (!setOption(sh, opt, on)) {
      await ctx.stderr.write(`${name}: ${opt}: invalid option name\n`);
      return 2;
    }
  }
  sh.flagsExtra = dialect === 'dash' ? (interactive ? 'i' : '') : (interactive ? 'i' : '') + (dialect === 'bash' ? 'B' : '') + (inv.command !== null ? 'c' : inv.script === null ? 's' : '');
  if (interactive) {
    sh.opts.monitor = true;
    if (dialect !== 'dash') sh.opts.emacs = true;
    for (const sig of ['INT', 'TERM', 'QUIT']) sh.applyTrap(sig);
  }
  let status = 0;
  try {
    // A login shell (`-l`, or argv[0] starting with `-` as login(1) runs it) reads the profile files first.
    if (inv.login || name.startsWith('-')) await sourceProfiles(sh, dialect);
    if (inv.command !== null) status = await sh.evalString(inv.command);
    else if (inv.script !== null) status = await runScriptFile(sh, inv.script);
    else if (interactive) status = await runInteractive(sh, inv.norc);
    else status = await runStdin(sh);
  } catch (e) {
    if (e instanceof ExitSignal) status = e.status;
    else if (e instanceof InterruptSignal) status = 130;
    else throw e;
  }
  sh.status = status;
  try {
    await sh.runExitTrap();
  } catch (e) {
    if (!(e instanceof ExitSignal)) throw e;
    sh.status = e.status;
  }
  return sh.status;
}

async function sourceProfiles(sh: Shell, dialect: DialectName): Promise<void> {
  const home = sh.getVar('HOME') ?? '/';
  const personal = dialect === 'bash' ? [`${home}/.bash_profile`, `${home}/.bash_login`, `${home}/.profile`] : [`${home}/.profile`];
  const files = ['/etc/profile'];
  for (const p of personal) {
    try {
      if (sh.ctx.fs.stat(p).type === 'file') {
        files.push(p);
        break;
      }
    } catch {
      // not there: try the next name
    }
  }
  for (const f of files) {
    let text: string;
    try {
      text = decodeText(sh.ctx.fs.readFile(f));
    } catch {
      continue;
    }
    try {
      await sh.sourceText(text);
    } catch (e) {
      if (!(e instanceof ShellError)) throw e;
    }
  }
}

async function runScriptFile(sh: Shell, script: string): Promise<number> {
  const path = resolvePath(sh.ctx.cwd, script);
  let bytes: Uint8Array;
  try {
    const fromDescriptor = await sh.readDescriptorPath(path);
    if (fromDescriptor) return sh.evalString(decodeText(fromDescriptor));
    const st = sh.ctx.fs.stat(path);
    if (st.type === 'dir') {
      await sh.stderr().write(sh.dialect.name === 'bash' ? `${sh.ctx.argv[0]}: ${script}: Is a directory\n` : `${sh.dialect.name === 'ash' ? 'sh' : sh.ctx.argv[0]}: ${sh.dialect.name === 'dash' ? '0: ' : ''}${sh.dialect.name === 'dash' ? `cannot open ${script}: Is a directory` : `can't open '${script}': Is a directory`}\n`);
      return 126;
    }
    bytes = sh.ctx.fs.readFile(path);
  } catch (e) {
    if (!isFsError(e)) throw e;
    const n = sh.ctx.argv[0];
    if (sh.dialect.name === 'bash') await sh.stderr().write(`${n}: ${script}: ${e.text}\n`);
    else if (sh.dialect.name === 'dash') await sh.stderr().write(`${n}: 0: cannot open ${script}: ${e.code === 'ENOENT' ? 'No such file' : e.text}\n`);
    else await sh.stderr().write(`sh: can't open '${script}': ${e.text}\n`);
    return sh.dialect.name === 'bash' ? 127 : 2;
  }
  return sh.evalString(decodeText(bytes));
}

/**
 * Commands from a non-terminal stdin (`echo 'echo hi' | sh`): read line by line, so a command that reads stdin
 * (`read`, `cat`) gets the lines after it, as with a real shell.
 */
async function runStdin(sh: Shell): Promise<number> {
  let buf = '';
  let firstLine = 1;
  let consumed = 0;
  for (;;) {
    const chunk = await readLineFrom(sh.ctx.stdin);
    const atEnd = chunk === null;
    if (chunk !== null) {
      buf += decodeText(chunk);
      consumed++;
    }
    if (buf === '' && atEnd) break;
    const parser = sh.parserFor(buf, firstLine);
    const lists: List[] = [];
    let error: ShellSyntaxError | null = null;
    try {
      for (let l = parser.parseNext(); l !== null; l = parser.parseNext()) lists.push(l);
      if (parser.unterminatedHeredocs.length && !atEnd) continue;
    } catch (e) {
      if (!(e instanceof ShellSyntaxError)) throw e;
      if (e.incomplete && !atEnd) continue;
      error = e;
    }
    for (const l of lists) await sh.runList(l);
    if (error) {
      await sh.reportSyntaxError(error);
      throw new ExitSignal(2);
    }
    buf = '';
    firstLine = consumed + 1;
    if (atEnd) break;
  }
  return sh.status;
}

/** The prompt loop. */
export async function runInteractive(sh: Shell, norc: boolean): Promise<number> {
  const tty = sh.ctx.tty;
  const home = sh.getVar('HOME') ?? '/';
  const histFile = sh.dialect.name === 'bash' ? (sh.getVar('HISTFILE') ?? `${home}/.bash_history`) : null;
  if (histFile) {
    try {
      const text = decodeText(sh.ctx.fs.readFile(histFile));
      sh.history.push(...text.split('\n').filter((l) => l !== ''));
    } catch {
      // no history yet
    }
  }
  if (sh.dialect.name === 'bash' && !norc) {
    try {
      const rc = decodeText(sh.ctx.fs.readFile(`${home}/.bashrc`));
      await sh.sourceText(rc);
    } catch (e) {
      if (e instanceof ExitSignal) return e.status;
      if (!isFsError(e) && !(e instanceof ShellError) && !(e instanceof InterruptSignal)) throw e;
    }
  }
  tty?.setForeground(sh.foreground);
  const readLine = async (prompt: string): Promise<{ kind: 'line'; text: string } | { kind: 'eof' } | { kind: 'interrupt' }> => {
    if (tty) return tty.readLine({ prompt, history: sh.history, complete: (line, cursor) => completeLine(sh, line, cursor) });
    await sh.stderr().write(prompt);
    const l = await readLineFrom(sh.ctx.stdin);
    if (l === null) return { kind: 'eof' };
    return { kind: 'line', text: decodeText(l).replace(/\n$/, '') };
  };
  const saveHistory = () => {
    if (!histFile) return;
    try {
      sh.ctx.fs.writeFile(histFile, encodeText(sh.history.slice(-500).map((l) => l + '\n').join('')), { mode: 0o600 });
    } catch {
      // read-only home: history is simply not kept
    }
  };
  try {
    for (;;) {
      await sh.reportJobs(false);
      let buf = '';
      let lists: List[] | null = null;
      while (lists === null) {
        const ps = buf === '' ? (sh.getVar('PS1') ?? '') : (sh.getVar('PS2') ?? '> ');
        const r = await readLine(renderPrompt(sh, ps));
        if (r.kind === 'interrupt') {
          buf = '';
          sh.status = 130;
          continue;
        }
        if (r.kind === 'eof') {
          if (buf !== '') {
            if (sh.dialect.name === 'bash') await sh.stderr().write(`${sh.arg0}: syntax error: unexpected end of file\n`);
            buf = '';
            sh.status = 2;
            continue;
          }
          if (sh.opts.ignoreeof) {
            await sh.stderr().write(`Use "exit" to leave the shell.\n`);
            continue;
          }
          if (sh.dialect.name === 'bash') await sh.stderr().write('exit\n');
          else await sh.stderr().write('\n');
          return sh.status;
        }
        buf += r.text + '\n';
        const parser = sh.parserFor(buf);
        try {
          const parsed: List[] = [];
          for (let l = parser.parseNext(); l !== null; l = parser.parseNext()) parsed.push(l);
          if (parser.unterminatedHeredocs.length || parser.endsInContinuation) continue;
          lists = parsed;
        } catch (e) {
          if (!(e instanceof ShellSyntaxError)) throw e;
          if (e.incomplete) continue;
          await sh.reportSyntaxError(e);
          sh.status = 2;
          buf = '';
        }
      }
      for (const list of lists) {
        try {
          await sh.runList(list);
        } catch (e) {
          // SignalExit without a terminating signal: a terminal read interrupted by Ctrl-C (EINTR).
          if (e instanceof InterruptSignal || (e instanceof SignalExit && sh.ctx.signals.terminating === null)) {
            sh.interruptRequested = false;
            sh.status = 130;
            await sh.stderr().write('\n');
            break;
          }
          throw e;
        }
      }
    }
  } catch (e) {
    if (e instanceof ExitSignal) return e.status;
    throw e;
  } finally {
    saveHistory();
    tty?.setForeground(null);
  }
}
