/**
 * `python2` / `python3`: the interpreters of the python images (their binaries name the program in their header).
 * `-V`, `-c CODE`, `SCRIPT [ARGS]`, a script on stdin, and Python 2.7's interactive prompt run a subset of Python
 * (parser.ts, interp.ts) with each version's output and errors; valid Python outside the subset says it is not
 * available in this simulation. pip scripts and `-m pip` never get here (pkg/dispatch.ts routes them to pip).
 */

import { ByteReader, HttpHeaders, STATUS_TEXT, serveHttp } from '../../../engine/network/http';
import { encodeCommand, readResp } from '../net/resp';
import { NETWORK } from '../../../engine/network/Network';
import { isNetError } from '../../../engine/network/errors';
import type { ProcessContext, Program } from '../../../engine/process/Types';
import { readLineFrom } from '../../../engine/process/streams';
import { decodeText } from '../../../engine/process/text';
import { exists } from '../pkg/common';
import { executableOf, pythonVersion } from '../pkg/dispatch';
import { PyException, PyExit, PyNotSimulated, PySyntaxError } from './errors';
import { type Frame, type Host, Interpreter } from './interp';
import type { Span } from './parser';
import { parse } from './parser';
import type { Major } from './values';

interface Flavor {
  readonly major: Major;
  readonly version: string;
  readonly build: string | undefined;
  /** `-u` or PYTHONUNBUFFERED: stdout is written as it comes even when it is not a terminal. */
  unbuffered: boolean;
}

/** The size of the buffer Python fills before writing a non-terminal stdout (io.DEFAULT_BUFFER_SIZE, BUFSIZ). */
const STDOUT_BUFFER = 8192;

/**
 * Ctrl-C: Python turns SIGINT into KeyboardInterrupt at the next bytecode (here: the next checkpoint) and wakes
 * whatever it waits on (a prompt, time.sleep, a server's accept). One line read is kept outstanding across an
 * interrupt so the next typed line is not lost to an abandoned read.
 */
class Interrupts {
  private pending = false;
  private readonly wakers = new Set<() => void>();
  private outstanding: Promise<Uint8Array | null> | undefined;

  constructor(private readonly ctx: ProcessContext) {
    ctx.signals.setDisposition('SIGINT', () => {
      this.pending = true;
      for (const w of [...this.wakers]) w();
    });
  }

  /** True once per Ctrl-C. */
  take(): boolean {
    const was = this.pending;
    this.pending = false;
    return was;
  }

  /** `p`, or INTERRUPTED when Ctrl-C comes first (the interrupt is then consumed). */
  race<T>(p: Promise<T>): Promise<T | typeof INTERRUPTED> {
    if (this.take()) return Promise.resolve(INTERRUPTED);
    return new Promise((resolve, reject) => {
      const wake = () => {
        this.wakers.delete(wake);
        this.pending = false;
        resolve(INTERRUPTED);
      };
      this.wakers.add(wake);
      p.then(
        (v) => {
          this.wakers.delete(wake);
          resolve(v);
        },
        (e: unknown) => {
          this.wakers.delete(wake);
          reject(e);
        },
      );
    });
  }

  onInterrupt(f: () => void): () => void {
    this.wakers.add(f);
    return () => this.wakers.delete(f);
  }

  readLine(): Promise<Uint8Array | null | typeof INTERRUPTED> {
    const read = (this.outstanding ??= readLineFrom(this.ctx.stdin).finally(() => {
      this.outstanding = undefined;
    }));
    return this.race(read);
  }
}

const INTERRUPTED = Symbol('interrupted');

function keyboardInterrupt(): PyException {
  return new PyException('KeyboardInterrupt', '');
}

/** python:2.7's interpreter as `sys.version` and the banner show it. */
const PY27_BUILD = '(default, Apr 20 2020, 19:27:10) \n[GCC 8.3.0]';

function flavor(ctx: ProcessContext, major: Major): Flavor {
  const v = pythonVersion(ctx);
  const unbuffered = (ctx.env.get('PYTHONUNBUFFERED') ?? '') !== '';
  if (major === 2) return { major, version: v.startsWith('2.') ? v : '2.7.18', build: PY27_BUILD, unbuffered };
  return { major, version: v.startsWith('3.') ? v : '3.11.2', build: undefined, unbuffered };
}

function siteDirs(ctx: ProcessContext): string[] {
  const out: string[] = [];
  for (const lib of ['/usr/local/lib', '/usr/lib']) {
    let names: string[] = [];
    try {
      names = ctx.fs.readdir(lib);
    } catch {
      continue;
    }
    for (const n of names) if (/^python\d(\.\d+)?$/.test(n)) out.push(`${lib}/${n}/site-packages`, `${lib}/${n}/dist-packages`);
  }
  return out;
}


function makeHost(ctx: ProcessContext, f: Flavor, argv: readonly string[], intr: Interrupts): Host {
  const sites = siteDirs(ctx);
  const script = argv[0] ?? '';
  const mainFile = script === '' || script === '-c' || script === '-' ? undefined : script.slice(script.lastIndexOf('/') + 1).replace(/\.py$/, '');
  const buffered = !ctx.stdout.isTTY && !f.unbuffered;
  let pending = '';
  const flush = async () => {
    const text = pending;
    pending = '';
    if (text !== '') await ctx.stdout.write(text);
  };
  return {
    major: f.major,
    version: f.version,
    build: f.build,
    argv,
    executable: executableOf(ctx),
    env: ctx.env,
    cwd: ctx.cwd,
    hostname: ctx.sys.hostname(),
    pid: ctx.pid,
    // A pipe or a container's log is block-buffered: output shows up in 8 KiB pieces or at exit (the classic
    // "docker logs shows nothing" of Python apps without -u / PYTHONUNBUFFERED).
    write: async (t) => {
      if (!buffered) return ctx.stdout.write(t);
      pending += t;
      if (pending.length >= STDOUT_BUFFER) await flush();
    },
    flush,
    writeErr: (t) => ctx.stderr.write(t),
    readLine: async () => {
      const line = await intr.readLine();
      if (line === INTERRUPTED) throw keyboardInterrupt();
      return line === null ? null : decodeText(line).replace(/\r?\n$/, '');
    },
    hasPackage: (name) => sites.some((d) => exists(ctx.fs, `${d}/${name}`) || exists(ctx.fs, `${d}/${name}.py`)),
    listdir: (p) => ctx.fs.readdir(p),
    packageVersion: (dist) => {
      const want = dist.toLowerCase().replace(/-/g, '_');
      for (const d of sites) {
        let names: string[] = [];
        try {
          names = ctx.fs.readdir(d);
        } catch {
          continue;
        }
        const hit = names.find((n) => n.toLowerCase().startsWith(`${want}-`) && n.endsWith('.dist-info'));
        if (hit) return hit.slice(want.length + 1, -'.dist-info'.length);
      }
      return undefined;
    },
    mainFile,
    stdoutIsTTY: ctx.stdout.isTTY,
    address: ctx.sys.service(NETWORK)?.addresses[0] ?? '127.0.0.1',
    randomInt: (n) => ctx.sys.random.int(n),
    redis: async (name, port, args) => {
      const net = ctx.sys.service(NETWORK);
      const address = net?.resolve(name) ?? null;
      // redis-py words socket errors as `Error <errno> connecting to <host>:<port>. <strerror>.`
      const fail = (errno: number, text: string) => new PyException('redis.exceptions.ConnectionError', `Error ${errno} connecting to ${name}:${port}. ${text}.`);
      if (!net || address === null) throw fail(-2, 'Name or service not known');
      let socket;
      try {
        socket = net.connect(address, port, ctx.signals);
      } catch (e) {
        if (!isNetError(e)) throw e;
        const errno = { ECONNREFUSED: 111, EHOSTUNREACH: 113, ENETUNREACH: 101, ECONNRESET: 104 }[e.code as string] ?? 111;
        throw fail(errno, e.message);
      }
      try {
        await socket.output.write(encodeCommand(args));
        const reply = await readResp(new ByteReader(socket.input));
        if (!reply) throw new PyException('redis.exceptions.ConnectionError', 'Connection closed by server.');
        return reply;
      } finally {
        socket.close();
      }
    },
    serve: async (host, port, handle, onBound) => {
      const net = ctx.sys.service(NETWORK);
      // A machine without a network (a bare test machine) cannot bind: socket.bind's EADDRNOTAVAIL.
      if (!net) throw new PyException(f.major === 2 ? 'socket.error' : 'OSError', '[Errno 99] Cannot assign requested address');
      let listener;
      try {
        listener = net.listen(port, host === '0.0.0.0' ? undefined : host, ctx.pid);
      } catch (e) {
        if (!isNetError(e)) throw e;
        // What socket.bind raises (the traceback's Werkzeug frames are not reproduced).
        const why = isNetError(e, 'EADDRINUSE') ? '[Errno 98] Address already in use' : '[Errno 13] Permission denied';
        throw new PyException(f.major === 2 ? 'socket.error' : 'OSError', why);
      }
      await onBound();
      // Werkzeug's serve_forever swallows KeyboardInterrupt: Ctrl-C closes the socket and app.run() returns.
      const off = intr.onInterrupt(() => {
        intr.take();
        listener.close();
      });
      await serveHttp(
        listener,
        async (req, conn) => {
          const r = await handle({ method: req.method, target: req.target, version: req.version, remote: conn.socket.remote.address, headers: req.headers.entries, body: decodeText(req.body) });
          return { version: r.version, status: r.status, reason: STATUS_TEXT[r.status] ?? '', headers: new HttpHeaders(r.headers), body: new TextEncoder().encode(r.body) };
        },
        ctx.signals,
      ).finally(off);
    },
    now: () => ctx.sys.clock.now(),
    sleep: async (s) => {
      if ((await intr.race(ctx.sys.clock.sleep(s * 1000, ctx.signals))) === INTERRUPTED) throw keyboardInterrupt();
    },
    checkpoint: async () => {
      await ctx.checkpoint();
      if (intr.take()) throw keyboardInterrupt();
    },
  };
}

/**
 * Python 3.11+'s position line under a traceback's source line: `^` under the failing expression, `~` under the
 * operands of a binary operator or the value of a subscript; nothing when the expression is the whole line.
 */
function carets(text: string, span: Span): string {
  const indent = text.length - text.trimStart().length;
  if (text.slice(span.col, span.end).trim() === text.trim()) return '';
  let marks = '';
  for (let c = span.col; c < span.end; c++) {
    if (span.op) marks += c >= span.op[0] && c < span.op[0] + span.op[1] ? '^' : '~';
    else if (span.bracket !== undefined) marks += c >= span.bracket ? '^' : '~';
    else marks += '^';
  }
  return `    ${' '.repeat(span.col - indent)}${marks}\n`;
}

/** How CPython reports what ended a run: traceback or syntax error on stderr, and the exit status. */
async function report(ctx: ProcessContext, it: Interpreter | undefined, e: unknown, file: string, source: string, name: string): Promise<number> {
  const lines = source.split('\n');
  const major = it?.major ?? 3;
  if (e instanceof PyExit) {
    if (e.text !== undefined) await ctx.stderr.write(`${e.text}\n`);
    return e.status;
  }
  if (e instanceof PySyntaxError) {
    const raw = e.text;
    const stripped = raw.replace(/^\s+/, '');
    const offset = raw.length - stripped.length;
    // Python 2 keeps the line's trailing text; 3.12 strips it and may underline more than one column.
    const shown = stripped.replace(/\s+$/, '');
    const caret = ' '.repeat(Math.max(0, e.col - offset)) + '^'.repeat(major === 2 ? 1 : Math.max(1, e.width));
    await ctx.stderr.write(`  File "${file}", line ${e.line}\n    ${shown}\n    ${caret}\n${e.type}: ${e.msg}\n`);
    return 1;
  }
  if (e instanceof PyException && it) {
    let out = 'Traceback (most recent call last):\n';
    const frames = (e as PyException & { frames?: Frame[] }).frames ?? it.stack;
    for (const fr of frames) {
      out += `  File "${file}", line ${fr.line}, in ${fr.name}\n`;
      // <string> and <stdin> have no source to quote.
      if (file.startsWith('<')) continue;
      const text = lines[fr.line - 1] ?? '';
      out += `    ${text.trim()}\n`;
      if (major === 3 && fr.span) out += carets(text, fr.span);
    }
    await ctx.stderr.write(`${out}${e.type}${e.detail === '' ? '' : `: ${e.detail}`}\n`);
    // Python 3.8+ ends an uncaught KeyboardInterrupt by SIGINT (status 130); Python 2 exits 1.
    return e.type === 'KeyboardInterrupt' && major === 3 ? 130 : 1;
  }
  if (e instanceof PyNotSimulated) {
    await ctx.stderr.write(`${name}: ${e.what} is not available in this simulation\n`);
    return 1;
  }
  throw e;
}

async function runSource(ctx: ProcessContext, f: Flavor, source: string, file: string, argv: readonly string[], name: string): Promise<number> {
  const host = makeHost(ctx, f, argv, new Interrupts(ctx));
  const it = new Interpreter(host);
  let status = 0;
  try {
    const stmts = parse(source, f.major);
    await withFrames(it, () => it.run(stmts));
  } catch (e) {
    status = await report(ctx, it, e, file, source, name);
  }
  // The traceback is written first; stdout's buffer goes out as the interpreter finalises.
  await host.flush();
  return status;
}

const framed = new WeakSet<Interpreter>();

/** Records the call stack at the moment an exception leaves the innermost frame. */
async function withFrames(it: Interpreter, run: () => Promise<void>): Promise<void> {
  const snapshot = (e: unknown) => {
    if (e instanceof PyException && !(e as { frames?: unknown }).frames) Object.assign(e, { frames: it.stack.map((fr) => ({ ...fr })) });
  };
  if (!framed.has(it)) {
    framed.add(it);
    const original = it.err.bind(it);
    it.err = (type, detail) => {
      const ex = original(type, detail);
      snapshot(ex);
      return ex;
    };
  }
  await run();
}

const INTERACTIVE_HELP = 'Type "help", "copyright", "credits" or "license" for more information.\n';

async function repl(ctx: ProcessContext, f: Flavor, name: string): Promise<number> {
  const intr = new Interrupts(ctx);
  const it = new Interpreter(makeHost(ctx, f, [''], intr));
  await ctx.stderr.write(`Python ${f.version} ${f.build ?? ''} on ${f.major === 2 ? 'linux2' : 'linux'}\n${INTERACTIVE_HELP}`);
  for (;;) {
    await ctx.stdout.write('>>> ');
    const first = await intr.readLine();
    if (first === INTERRUPTED) {
      // Ctrl-C at the prompt drops the line and asks again.
      await ctx.stderr.write('\nKeyboardInterrupt\n');
      continue;
    }
    if (first === null) {
      await ctx.stdout.write('\n');
      return 0;
    }
    let source = decodeText(first).replace(/\r?\n$/, '');
    if (source.trim() === '') continue;
    // A compound statement (even on one line) goes on until an empty line, as the prompt `... ` asks.
    let dropped = false;
    if (/:\s*(#.*)?$/.test(source) || /^\s*((if|for|while|def|class|with|try)\b|@)/.test(source)) {
      for (;;) {
        await ctx.stdout.write('... ');
        const more = await intr.readLine();
        if (more === INTERRUPTED) {
          await ctx.stderr.write('\nKeyboardInterrupt\n');
          dropped = true;
          break;
        }
        if (more === null) break;
        const text = decodeText(more).replace(/\r?\n$/, '');
        if (text.trim() === '') break;
        source += `\n${text}`;
      }
    }
    if (dropped) continue;
    try {
      it.stack.splice(1);
      await withFrames(it, async () => it.runInteractive(parse(source, f.major)));
    } catch (e) {
      if (e instanceof PyExit) return report(ctx, it, e, '<stdin>', source, name);
      await report(ctx, it, e, '<stdin>', source, name);
    }
  }
}

function usage(name: string): string {
  return `usage: ${name} [option] ... [-c cmd | -m mod | file | -] [arg] ...\nTry \`python -h' for more information.\n`;
}

export function pythonProgram(major: Major): Program {
  return async (ctx) => {
    const f = flavor(ctx, major);
    const argv0 = ctx.argv[0] ?? `python${major}`;
    const name = argv0.slice(argv0.lastIndexOf('/') + 1);
    const args = ctx.argv.slice(1);
    let i = 0;
    for (; i < args.length; i++) {
      const a = args[i]!;
      if (a === '-V' || a === '--version') {
        // Python 2 prints its version on stderr.
        await (major === 2 ? ctx.stderr : ctx.stdout).write(`Python ${f.version}\n`);
        return 0;
      }
      if (a === '-c') {
        const code = args[i + 1];
        if (code === undefined) {
          await ctx.stderr.write(`Argument expected for the -c option\n${usage(name)}`);
          return 2;
        }
        return runSource(ctx, f, code, '<string>', ['-c', ...args.slice(i + 2)], name);
      }
      if (a === '-m') {
        const mod = args[i + 1];
        if (mod === undefined) {
          await ctx.stderr.write(`Argument expected for the -m option\n${usage(name)}`);
          return 2;
        }
        // Which modules exist is not known here (http.server, venv... are real): say so rather than guess.
        await ctx.stderr.write(`${name}: -m ${mod} is not available in this simulation\n`);
        return 1;
      }
      if (/^-[uBOsSEdq]+$/.test(a) || a === '-OO') {
        if (a.includes('u')) f.unbuffered = true;
        continue;
      }
      if (a === '-') break;
      if (a.startsWith('-')) {
        await ctx.stderr.write(`Unknown option: ${a.slice(0, 2)}\n${usage(name)}`);
        return 2;
      }
      break;
    }
    const script = args[i];
    if (script === undefined || script === '-') {
      if (ctx.stdin.isTTY && script === undefined) {
        if (major === 3) {
          await ctx.stderr.write(`${name}: the interactive interpreter is not available in this simulation\n`);
          return 1;
        }
        return repl(ctx, f, name);
      }
      let source = '';
      for (let chunk = await ctx.stdin.read(); chunk !== null; chunk = await ctx.stdin.read()) source += decodeText(chunk);
      return runSource(ctx, f, source, '<stdin>', ['-', ...args.slice(i + 1)], name);
    }
    const abs = script.startsWith('/') ? script : `${ctx.cwd === '/' ? '' : ctx.cwd}/${script}`;
    let source: string;
    try {
      source = decodeText(ctx.fs.readFile(abs));
    } catch {
      // Python 3 names the absolute path; Python 2 the path as given.
      await ctx.stderr.write(major === 2 ? `${argv0}: can't open file '${script}': [Errno 2] No such file or directory\n` : `${argv0}: can't open file '${abs}': [Errno 2] No such file or directory\n`);
      return 2;
    }
    return runSource(ctx, f, source, major === 2 ? script : abs, [script, ...args.slice(i + 1)], name);
  };
}
