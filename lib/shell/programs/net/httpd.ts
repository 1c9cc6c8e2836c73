/**
 * Apache httpd 2.4 as the official image runs it (`httpd-foreground` → `httpd -DFOREGROUND`): Listen and
 * DocumentRoot from /usr/local/apache2/conf/httpd.conf, the AH00558/AH00489/AH00094 startup lines on stderr, common
 * log format access lines on stdout (the image's CustomLog is /proc/self/fd/1), static files with Apache's headers
 * and error pages. SIGTERM/SIGINT stop it (AH00491), SIGWINCH (the image's STOPSIGNAL) gracefully (AH00492), exit 0.
 */

import { isFsError } from '../../../engine/fs/Types';
import { HttpHeaders, serveHttp, STATUS_TEXT, type HttpRequest, type HttpResponse } from '../../../engine/network/http';
import { isNetError } from '../../../engine/network/errors';
import { NETWORK } from '../../../engine/network/Network';
import { decodeText, encodeText } from '../../../engine/process/text';
import type { ProcessContext, Program } from '../../../engine/process/Types';
import { clfTime, httpDate, mimeType, requestPath, stopSignal } from './daemon';

const VERSION = 'Apache/2.4.62 (Unix)';
const SERVER_ROOT = '/usr/local/apache2';

const ERROR_TEXT: Readonly<Record<number, string>> = {
  403: "<p>You don't have permission to access this resource.</p>",
  404: '<p>The requested URL was not found on this server.</p>',
  405: '<p>The requested method is not allowed for this URL.</p>',
  400: '<p>Your browser sent a request that this server could not understand.<br />\n</p>',
};

function errorBody(status: number, path: string): string {
  const reason = STATUS_TEXT[status] ?? '';
  const title = `${status} ${status === 405 ? 'Method Not Allowed' : reason}`;
  if (status === 301) {
    return `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>301 Moved Permanently</title>\n</head><body>\n<h1>Moved Permanently</h1>\n<p>The document has moved <a href="${path}">here</a>.</p>\n</body></html>\n`;
  }
  return `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>${title}</title>\n</head><body>\n<h1>${title.slice(4)}</h1>\n${ERROR_TEXT[status] ?? ''}\n</body></html>\n`;
}

interface Conf {
  readonly port: number;
  readonly root: string;
}

function readConf(ctx: ProcessContext): Conf {
  let text = '';
  try {
    text = decodeText(ctx.fs.readFile(`${SERVER_ROOT}/conf/httpd.conf`)).replace(/^\s*#.*$/gm, '');
  } catch {
    // No configuration: Apache's compiled-in defaults.
  }
  const listen = /^\s*Listen\s+(?:[\d.]+:)?(\d+)/m.exec(text);
  const root = /^\s*DocumentRoot\s+"?([^"\s]+)"?/m.exec(text);
  return { port: listen ? Number(listen[1]) : 80, root: root ? root[1]! : `${SERVER_ROOT}/htdocs` };
}

function reply(ctx: ProcessContext, status: number, extra: Array<[string, string]>, body: Uint8Array): HttpResponse {
  const headers = new HttpHeaders([['Date', httpDate(ctx.sys.clock.now())], ['Server', VERSION], ...extra]);
  return { version: 'HTTP/1.1', status, reason: STATUS_TEXT[status] === 'Not Allowed' ? 'Method Not Allowed' : (STATUS_TEXT[status] ?? ''), headers, body };
}

function errorReply(ctx: ProcessContext, status: number, path: string, extra: Array<[string, string]> = []): HttpResponse {
  const body = encodeText(errorBody(status, path));
  return reply(ctx, status, [...extra, ['Content-Length', String(body.length)], ['Content-Type', 'text/html; charset=iso-8859-1']], body);
}

function handle(ctx: ProcessContext, conf: Conf, req: HttpRequest): HttpResponse {
  const path = requestPath(req.target);
  if (path === null) return errorReply(ctx, 400, req.target);
  if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'POST') return errorReply(ctx, 405, path, [['Allow', 'POST,OPTIONS,HEAD,GET']]);
  let file = `${conf.root}${path}`;
  let st;
  try {
    st = ctx.fs.stat(file);
  } catch (e) {
    return errorReply(ctx, isFsError(e, 'EACCES') ? 403 : 404, path);
  }
  if (st.type === 'dir') {
    if (!path.endsWith('/')) {
      const location = `http://${req.headers.get('host') ?? 'localhost'}${path}/`;
      return errorReply(ctx, 301, location, [['Location', location]]);
    }
    file = `${file}index.html`;
    try {
      st = ctx.fs.stat(file);
    } catch {
      return errorReply(ctx, 403, path);
    }
  }
  let body: Uint8Array;
  try {
    body = ctx.fs.readFile(file);
  } catch {
    return errorReply(ctx, 403, path);
  }
  const mtimeUs = Math.floor(st.mtimeMs) * 1000;
  return reply(
    ctx,
    200,
    [
      ['Last-Modified', httpDate(st.mtimeMs)],
      ['ETag', `"${body.length.toString(16)}-${mtimeUs.toString(16)}"`],
      ['Accept-Ranges', 'bytes'],
      ['Content-Length', String(body.length)],
      ['Content-Type', mimeType(file)],
    ],
    body,
  );
}

/** `[Mon Nov 23 10:00:00.000000 2026]` */
function errorLogTime(ms: number): string {
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `[${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${String(d.getUTCMilliseconds() * 1000).padStart(6, '0')} ${d.getUTCFullYear()}]`;
}

export const httpd: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  if (args.includes('-v')) {
    await ctx.stdout.write(`Server version: ${VERSION}\nServer built:   Jul 17 2024 18:04:13\n`);
    return 0;
  }
  const foreground = args.some((a, i) => a === '-DFOREGROUND' || (a === '-D' && args[i + 1] === 'FOREGROUND'));
  const conf = readConf(ctx);
  const net = ctx.sys.service(NETWORK);
  const pid = ctx.pid;
  const ip = net?.addresses[0] ?? '127.0.0.1';
  const err = (module: string, msg: string) => ctx.stderr.write(`${errorLogTime(ctx.sys.clock.now())} [${module}] [pid ${pid}:tid ${pid}] ${msg}\n`);
  let listener;
  try {
    if (!net) throw new Error('no network');
    listener = net.listen(conf.port, undefined, ctx.pid);
  } catch (e) {
    const why = isNetError(e, 'EADDRINUSE') ? '(98)Address in use: AH00072: make_sock: could not bind to address 0.0.0.0:' : '(99)Cannot assign requested address: AH00072: make_sock: could not bind to address 0.0.0.0:';
    await ctx.stderr.write(`${why}${conf.port}\nno listening sockets available, shutting down\nAH00015: Unable to open logs\n`);
    return 1;
  }
  const fqdn = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${ip}. Set the 'ServerName' directive globally to suppress this message\n`;
  // Apache says it twice: once while parsing the configuration, once more when the server starts.
  await ctx.stderr.write(fqdn + fqdn);
  const serve = async (sctx: ProcessContext): Promise<number> => {
    const stop = stopSignal(sctx, ['SIGTERM', 'SIGINT', 'SIGWINCH', 'SIGHUP']);
    await err('mpm_event:notice', `AH00489: ${VERSION} configured -- resuming normal operations`);
    await err('core:notice', `AH00094: Command line: '${['httpd', ...args.map((a) => (a === '-DFOREGROUND' ? '-D FOREGROUND' : a))].join(' ')}'`);
    const serving = serveHttp(
      listener,
      async (req, c) => {
        const res = handle(sctx, conf, req);
        const sent = req.method === 'HEAD' ? '-' : String(res.body.length);
        await sctx.stdout.write(`${c.socket.remote.address} - - [${clfTime(sctx.sys.clock.now())}] "${req.method} ${req.target} ${req.version}" ${res.status} ${sent}\n`);
        return res;
      },
      sctx.signals,
      async () => errorReply(sctx, 400, '/'),
    );
    const sig = await stop;
    listener.close();
    await serving;
    await err('mpm_event:notice', sig === 'SIGWINCH' ? 'AH00492: caught SIGWINCH, shutting down gracefully' : 'AH00491: caught SIGTERM, shutting down');
    return 0;
  };
  if (!foreground) {
    ctx.sys.start(serve, { argv: ['httpd', ...args], env: ctx.env, cwd: '/', cred: ctx.cred, umask: ctx.umask, stdin: ctx.stdin, stdout: ctx.stdout, stderr: ctx.stderr, tty: null, ppid: 1 });
    return 0;
  }
  return serve(ctx);
};
