/**
 * nginx 1.27 as the official image runs it (`nginx -g 'daemon off;'`): reads /etc/nginx/nginx.conf and its
 * includes for `listen`, `root`, `index` and `return`, prints its startup notices to the error log (stderr in the
 * image), forks one worker per CPU that serves static files over the simulated network and writes access-log lines
 * in the `main` format (stdout in the image, so `docker logs` shows them). SIGTERM/SIGINT stop it fast, SIGQUIT
 * gracefully, both with nginx's notices and exit 0. Without `daemon off;` the command returns at once and the
 * server keeps running in the background (so as a container's command it exits, the classic mistake).
 */

import { basename, dirname, resolvePath } from '../../../engine/fs/path';
import { isFsError, type FsClient } from '../../../engine/fs/Types';
import type { Listener } from '../../../engine/network/Listener';
import { isNetError } from '../../../engine/network/errors';
import { HttpHeaders, serveHttp, STATUS_TEXT, type HttpRequest, type HttpResponse } from '../../../engine/network/http';
import { NETWORK } from '../../../engine/network/Network';
import { decodeText, encodeText } from '../../../engine/process/text';
import { SIGNAL_NUMBERS, type ProcessContext, type Program, type Signal } from '../../../engine/process/Types';
import { SIMULATED_CPUS } from '../nproc';
import { clfTime, httpDate, mimeType, requestPath, slashTime, stopSignal } from './daemon';

const VERSION = '1.27.4';
const CONF = '/etc/nginx/nginx.conf';

interface Server {
  readonly address: string;
  readonly port: number;
  readonly root: string;
  readonly index: readonly string[];
  /** `return 404;` in `location /` (Alpine's default http.d/default.conf). */
  readonly fixedStatus: number | null;
}

interface Config {
  readonly servers: Server[];
  readonly workers: number;
  readonly accessLog: string | null;
  readonly errorLog: string;
  readonly daemon: boolean;
  readonly pidFile: string;
}

/** The configuration text with `include` directives expanded (globs like `conf.d/*.conf`). */
function expandIncludes(fs: FsClient, path: string, depth = 0): string {
  const text = decodeText(fs.readFile(path)).replace(/#[^\n]*/g, '');
  if (depth > 8) return text;
  return text.replace(/\binclude\s+([^;]+);/g, (_m, arg: string) => {
    const target = resolvePath('/etc/nginx', arg.trim());
    if (/mime\.types$/.test(target)) return '';
    const dir = dirname(target);
    const pattern = basename(target);
    if (!pattern.includes('*')) {
      try {
        return expandIncludes(fs, target, depth + 1);
      } catch {
        return '';
      }
    }
    const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
    let names: string[] = [];
    try {
      names = fs.readdir(dir).filter((n) => re.test(n)).sort();
    } catch {
      return '';
    }
    return names.map((n) => expandIncludes(fs, `${dir}/${n}`, depth + 1)).join('\n');
  });
}

/** The blocks `server { ... }` of an expanded configuration (brace matching). */
function serverBlocks(text: string): string[] {
  const out: string[] = [];
  const re = /\bserver\s*\{/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let depth = 1;
    let i = m.index + m[0].length;
    for (; i < text.length && depth > 0; i++) {
      if (text[i] === '{') depth++;
      else if (text[i] === '}') depth--;
    }
    out.push(text.slice(m.index + m[0].length, i - 1));
    re.lastIndex = i;
  }
  return out;
}

function parseConfig(fs: FsClient, globalDirectives: string): Config {
  const text = expandIncludes(fs, CONF);
  const all = `${text}\n${globalDirectives}`;
  const directive = (src: string, name: string) => new RegExp(`(?:^|[;{}\\s])${name}\\s+([^;]+);`).exec(src)?.[1]?.trim();
  const workersText = directive(all.replace(/\bhttp\s*\{[\s\S]*$/, ''), 'worker_processes') ?? '1';
  const workers = workersText === 'auto' ? SIMULATED_CPUS : Math.max(1, parseInt(workersText, 10) || 1);
  const servers: Server[] = [];
  for (const block of serverBlocks(text)) {
    const listen = directive(block, 'listen') ?? '80';
    const m = /^(?:\[([^\]]*)\]:|([\d.]+|\*):)?(\d+)/.exec(listen);
    const port = m ? Number(m[3]) : 80;
    const address = m?.[2] && m[2] !== '*' ? m[2] : '0.0.0.0';
    const root = directive(block, 'root') ?? '/etc/nginx/html';
    const index = (directive(block, 'index') ?? 'index.html').split(/\s+/);
    const ret = /location\s+\/\s*\{[^}]*\breturn\s+(\d{3})/.exec(block);
    if (!servers.some((s) => s.port === port && s.address === address)) servers.push({ address, port, root: resolvePath('/etc/nginx', root), index, fixedStatus: ret ? Number(ret[1]) : null });
  }
  const access = directive(text, 'access_log');
  const errorLog = directive(text.replace(/\bhttp\s*\{[\s\S]*$/, ''), 'error_log')?.split(/\s+/)[0] ?? '/var/log/nginx/error.log';
  const daemonOff = /(?:^|[;\s])daemon\s+off\s*;/.test(all);
  const pidFile = directive(all.replace(/\bhttp\s*\{[\s\S]*$/, ''), 'pid') ?? '/run/nginx.pid';
  return { servers, workers, accessLog: access === undefined ? '/var/log/nginx/access.log' : access === 'off' ? null : access.split(/\s+/)[0]!, errorLog, daemon: !daemonOff, pidFile: resolvePath('/etc/nginx', pidFile) };
}

/** A log target: the process's stdout/stderr when the path is (a link to) /dev/stdout or /dev/stderr, else the file. */
function logWriter(ctx: ProcessContext, path: string): (line: string) => Promise<void> {
  let target = path;
  for (let i = 0; i < 8; i++) {
    try {
      const link = ctx.fs.readlink(target);
      target = resolvePath(dirname(target), link);
    } catch {
      break;
    }
  }
  if (target === '/dev/stdout' || target === '/proc/self/fd/1') return (l) => ctx.stdout.write(l);
  if (target === '/dev/stderr' || target === '/proc/self/fd/2') return (l) => ctx.stderr.write(l);
  return async (l) => {
    try {
      ctx.fs.writeFile(target, encodeText(l), { append: true });
    } catch {
      // A log that cannot be written is dropped, as nginx keeps serving.
    }
  };
}

function errorPage(status: number): string {
  const title = `${status} ${STATUS_TEXT[status] ?? ''}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx/${VERSION}</center>\r\n</body>\r\n</html>\r\n`;
}

function respond(ctx: ProcessContext, status: number, extra: Array<[string, string]>, body: Uint8Array): HttpResponse {
  const headers = new HttpHeaders([
    ['Server', `nginx/${VERSION}`],
    ['Date', httpDate(ctx.sys.clock.now())],
    ...extra,
    ['Connection', 'keep-alive'],
  ]);
  return { version: 'HTTP/1.1', status, reason: STATUS_TEXT[status] ?? '', headers, body };
}

function errorResponse(ctx: ProcessContext, status: number, extra: Array<[string, string]> = []): HttpResponse {
  const body = encodeText(errorPage(status));
  return respond(ctx, status, [['Content-Type', 'text/html'], ['Content-Length', String(body.length)], ...extra], body);
}

/** Static file serving as nginx's index and static modules do it. */
function handle(ctx: ProcessContext, server: Server, req: HttpRequest): HttpResponse {
  if (server.fixedStatus !== null) return errorResponse(ctx, server.fixedStatus);
  if (req.method !== 'GET' && req.method !== 'HEAD') return errorResponse(ctx, 405);
  const path = requestPath(req.target);
  if (path === null) return errorResponse(ctx, 400);
  let file = `${server.root}${path}`;
  let st;
  try {
    st = ctx.fs.stat(file);
  } catch (e) {
    if (isFsError(e, 'EACCES')) return errorResponse(ctx, 403);
    return errorResponse(ctx, 404);
  }
  if (st.type === 'dir') {
    if (!path.endsWith('/')) {
      const host = req.headers.get('host') ?? 'localhost';
      return errorResponse(ctx, 301, [['Location', `http://${host}${path}/`]]);
    }
    const index = server.index.map((i) => `${file}${i}`).find((f) => {
      try {
        return ctx.fs.stat(f).type === 'file';
      } catch {
        return false;
      }
    });
    if (!index) return errorResponse(ctx, 403);
    file = index;
    st = ctx.fs.stat(file);
  }
  let body: Uint8Array;
  try {
    body = ctx.fs.readFile(file);
  } catch {
    return errorResponse(ctx, 403);
  }
  const mtime = Math.floor(st.mtimeMs / 1000);
  const res = respond(ctx, 200, [['Content-Type', mimeType(file)], ['Content-Length', String(body.length)], ['Last-Modified', httpDate(mtime * 1000)]], body);
  return withEtag(res, mtime, body.length);
}

function withEtag(res: HttpResponse, mtime: number, size: number): HttpResponse {
  res.headers.add('ETag', `"${mtime.toString(16)}-${size.toString(16)}"`);
  res.headers.add('Accept-Ranges', 'bytes');
  return res;
}

/** `nginx: worker process`: serves every listener until told to stop (SIGQUIT from the master). */
/** The configuration the workers serve with; `nginx -s reload` replaces it (roots, indexes; not the ports). */
interface Live {
  config: Config;
}

function current(live: Live, server: Server): Server {
  return live.config.servers.find((s) => s.port === server.port && s.address === server.address) ?? server;
}

/**
 * Who sent a signal, as the kernel's siginfo tells nginx (`signal 1 (SIGHUP) received from 45`): `nginx -s` records
 * itself here before signalling the master of the same machine.
 */
const signalSenders = new WeakMap<object, number>();

function worker(servers: ReadonlyArray<{ server: Server; listener: Listener }>, live: Live, access: ((line: string) => Promise<void>) | null, log: (pid: number, msg: string) => Promise<void>): Program {
  return async (ctx) => {
    ctx.signals.setDisposition('SIGQUIT', () => {
      for (const s of servers) s.listener.close();
    });
    ctx.signals.setDisposition('SIGTERM', () => {
      for (const s of servers) s.listener.close();
    });
    await Promise.all(
      servers.map(({ server, listener }) =>
        serveHttp(
          listener,
          async (req, conn) => {
            const res = handle(ctx, current(live, server), req);
            if (access) {
              const ua = req.headers.get('user-agent') ?? '-';
              const ref = req.headers.get('referer') ?? '-';
              const xff = req.headers.get('x-forwarded-for') ?? '-';
              const sent = req.method === 'HEAD' ? 0 : res.body.length;
              await access(`${conn.socket.remote.address} - - [${clfTime(ctx.sys.clock.now())}] "${req.method} ${req.target} ${req.version}" ${res.status} ${sent} "${ref}" "${ua}" "${xff}"\n`);
            }
            return res;
          },
          ctx.signals,
          async () => errorResponse(ctx, 400),
        ),
      ),
    );
    await log(ctx.pid, 'exiting');
    await log(ctx.pid, 'exit');
    return 0;
  };
}

function parseArgs(argv: readonly string[]): { globals: string; test: boolean; version: boolean; signal?: string; error?: string } {
  let globals = '';
  let test = false;
  let version = false;
  let signal: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '-s') {
      signal = argv[++i];
      if (signal === undefined) return { globals, test, version, error: 'option "-s" requires parameter' };
      if (!['stop', 'quit', 'reopen', 'reload'].includes(signal)) return { globals, test, version, error: `invalid option: "-s ${signal}"` };
    } else if (a === '-g') globals += `${argv[++i] ?? ''}\n`;
    else if (a === '-t' || a === '-T') test = true;
    else if (a === '-v' || a === '-V') version = true;
    else if (a === '-c' || a === '-p' || a === '-e') i++;
    else if (a === '-q') continue;
    else return { globals, test, version, error: `invalid option: "${a.replace(/^-/, '')}"` };
  }
  return { globals, test, version, ...(signal ? { signal } : {}) };
}

const SIGNAL_OF: Readonly<Record<string, Signal>> = { stop: 'SIGTERM', quit: 'SIGQUIT', reopen: 'SIGUSR1', reload: 'SIGHUP' };

/** `nginx -s stop|quit|reopen|reload`: signals the master whose PID is in the pid file. */
async function sendSignal(ctx: ProcessContext, config: Config, name: string): Promise<number> {
  const emerg = (msg: string) => ctx.stderr.write(`${slashTime(ctx.sys.clock.now())} [error] ${ctx.pid}#${ctx.pid}: ${msg}\nnginx: [error] ${msg}\n`);
  await ctx.stderr.write(`${slashTime(ctx.sys.clock.now())} [notice] ${ctx.pid}#${ctx.pid}: signal process started\n`);
  let text: string;
  try {
    text = decodeText(ctx.fs.readFile(config.pidFile));
  } catch {
    await emerg(`open() "${config.pidFile}" failed (2: No such file or directory)`);
    return 1;
  }
  const pid = parseInt(text, 10);
  signalSenders.set(ctx.sys, ctx.pid);
  const r = ctx.sys.kill(pid, SIGNAL_OF[name]!, ctx.cred);
  if (r !== 'ok') {
    await emerg(`kill(${pid}, ${SIGNAL_NUMBERS[SIGNAL_OF[name]!]}) failed (${r === 'not-permitted' ? '1: Operation not permitted' : '3: No such process'})`);
    return 1;
  }
  return 0;
}

export const nginx: Program = async (ctx) => {
  const args = parseArgs(ctx.argv);
  if (args.error) {
    await ctx.stderr.write(`nginx: ${args.error}\n`);
    return 1;
  }
  if (args.version) {
    await ctx.stderr.write(`nginx version: nginx/${VERSION}\n`);
    return 0;
  }
  let config: Config;
  try {
    config = parseConfig(ctx.fs, args.globals);
  } catch (e) {
    if (!isFsError(e)) throw e;
    await ctx.stderr.write(`${slashTime(ctx.sys.clock.now())} [emerg] ${ctx.pid}#${ctx.pid}: open() "${CONF}" failed (2: No such file or directory)\nnginx: [emerg] open() "${CONF}" failed (2: No such file or directory)\n`);
    return 1;
  }
  if (args.signal) return sendSignal(ctx, config, args.signal);
  if (args.test) {
    await ctx.stderr.write(`nginx: the configuration file ${CONF} syntax is ok\nnginx: configuration file ${CONF} test is successful\n`);
    return 0;
  }
  const errorLog = logWriter(ctx, config.errorLog);
  const log = (pid: number, msg: string) => errorLog(`${slashTime(ctx.sys.clock.now())} [notice] ${pid}#${pid}: ${msg}\n`);
  const net = ctx.sys.service(NETWORK);
  const bound: Array<{ server: Server; listener: Listener }> = [];
  for (const server of config.servers) {
    try {
      if (!net) throw new Error('no network');
      bound.push({ server, listener: net.listen(server.port, server.address, ctx.pid) });
    } catch (e) {
      for (const b of bound) b.listener.close();
      const why = isNetError(e, 'EADDRINUSE') ? '98: Address already in use' : '99: Cannot assign requested address';
      const line = `bind() to ${server.address}:${server.port} failed (${why})`;
      await ctx.stderr.write(`nginx: [emerg] ${line}\n`);
      return 1;
    }
  }
  if (config.daemon) {
    // The master forks into the background and the command returns; the daemon carries on without a terminal.
    const master = masterProgram(config, args.globals, bound, log, errorLog);
    const child = ctx.sys.start(master, { argv: ['nginx: master process nginx'], env: ctx.env, cwd: '/', cred: ctx.cred, umask: ctx.umask, stdin: ctx.stdin, stdout: ctx.stdout, stderr: ctx.stderr, tty: null, ppid: 1 });
    // The forked master holds the listening sockets now.
    for (const b of bound) b.listener.owner = child.pid;
    return 0;
  }
  return masterProgram(config, args.globals, bound, log, errorLog)(ctx);
};

/**
 * The compiler line of nginx.org's build for the image's distribution: the bookworm packages were built with
 * Debian's gcc 12, the Alpine 3.21 apks (nginx:alpine) with Alpine's gcc 14.
 */
function builtBy(fs: FsClient): string {
  try {
    fs.stat('/etc/alpine-release');
    return 'built by gcc 14.2.0 (Alpine 14.2.0) ';
  } catch (e) {
    if (!isFsError(e)) throw e;
    return 'built by gcc 12.2.0 (Debian 12.2.0-14) ';
  }
}

function masterProgram(config: Config, globals: string, bound: ReadonlyArray<{ server: Server; listener: Listener }>, log: (pid: number, msg: string) => Promise<void>, errorLog: (line: string) => Promise<void>): Program {
  return async (ctx) => {
    const stop = stopSignal(ctx, ['SIGTERM', 'SIGINT', 'SIGQUIT']);
    const me = ctx.pid;
    // nginx rewrites its argv: ps and netstat -p show `nginx: master process` and the command line it ran.
    if (ctx.argv[0] !== 'nginx: master process nginx') ctx.sys.setTitle?.(me, `nginx: master process ${ctx.argv.join(' ')}`);
    const live: Live = { config };
    const from = () => {
      const sender = signalSenders.get(ctx.sys);
      signalSenders.delete(ctx.sys);
      return sender === undefined ? '' : ` from ${sender}`;
    };
    // reload: read the configuration again (a bad one keeps the old, as nginx does); reopen: nothing to reopen.
    ctx.signals.setDisposition('SIGHUP', () => {
      void (async () => {
        await log(me, `signal 1 (SIGHUP) received${from()}, reconfiguring`);
        await log(me, 'reconfiguring');
        try {
          live.config = parseConfig(ctx.fs, globals);
        } catch {
          await errorLog(`${slashTime(ctx.sys.clock.now())} [emerg] ${me}#${me}: open() "${CONF}" failed (2: No such file or directory)\n`);
        }
      })();
    });
    ctx.signals.setDisposition('SIGUSR1', () => {
      void (async () => {
        await log(me, `signal 10 (SIGUSR1) received${from()}, reopening logs`);
        await log(me, 'reopening logs');
      })();
    });
    try {
      ctx.fs.writeFile(config.pidFile, encodeText(`${me}\n`), { mode: 0o644 });
    } catch {
      // No pid file directory: `nginx -s` will not find us, as with a real nginx.
    }
    await log(me, 'using the "epoll" event method');
    await log(me, `nginx/${VERSION}`);
    await log(me, builtBy(ctx.fs));
    await log(me, `OS: Linux ${ctx.sys.uname.release}`);
    await log(me, 'getrlimit(RLIMIT_NOFILE): 1048576:1048576');
    await log(me, 'start worker processes');
    const access = config.accessLog === null ? null : logWriter(ctx, config.accessLog);
    const workers: Array<{ pid: number; exited: Promise<number>; kill: (s: Signal) => void }> = [];
    for (let i = 0; i < config.workers; i++) {
      const w = ctx.sys.start(worker(bound, live, access, log), {
        argv: ['nginx: worker process'],
        env: ctx.env,
        cwd: ctx.cwd,
        cred: ctx.cred,
        umask: ctx.umask,
        stdin: ctx.stdin,
        stdout: ctx.stdout,
        stderr: ctx.stderr,
        tty: null,
        ppid: me,
        pgid: ctx.pgid,
      });
      workers.push(w);
      await log(me, `start worker process ${w.pid}`);
    }
    let sig: Signal;
    try {
      sig = await stop;
    } catch (e) {
      for (const w of workers) w.kill('SIGKILL');
      throw e;
    }
    const n = SIGNAL_NUMBERS[sig];
    await log(me, sig === 'SIGQUIT' ? `signal ${n} (${sig}) received${from()}, shutting down` : `signal ${n} (${sig}) received${from()}, exiting`);
    for (const w of workers) {
      if (sig === 'SIGQUIT') await log(w.pid, 'gracefully shutting down');
      w.kill(sig === 'SIGQUIT' ? 'SIGQUIT' : 'SIGTERM');
    }
    for (const w of workers) {
      const code = await w.exited;
      await log(me, `signal 17 (SIGCHLD) received from ${w.pid}`);
      await log(me, `worker process ${w.pid} exited with code ${code}`);
    }
    for (const b of bound) b.listener.close();
    try {
      ctx.fs.unlink(config.pidFile);
    } catch {
      // already gone
    }
    await log(me, 'exit');
    return 0;
  };
}

