/**
 * wget over the simulated network, in both flavours: GNU Wget 1.21.3 (Debian hosts and images: the `--date--`
 * transcript, dot progress, `Saving to:`, numbered names instead of clobbering, exit 4 for network failures and 8 for
 * server errors) and BusyBox's applet (`Connecting to host:port (ip:port)`, the bar, `can't open ... File exists`,
 * exit 1). Options: -q -O FILE (`-` = stdout) -S --header, -U.
 */

import { basename, resolvePath } from '../../../engine/fs/path';
import { isFsError } from '../../../engine/fs/Types';
import { encodeResponseHead, type HttpResponse } from '../../../engine/network/http';
import { decodeText } from '../../../engine/process/text';
import type { ProcessContext, Program } from '../../../engine/process/Types';
import { BUSYBOX_BANNER } from '../lib/usage';
import { exchange } from './client';
import { formatUrl, isUrlProblem, parseUrl, resolveLocation, type HttpUrl } from './url';

interface Options {
  quiet: boolean;
  output: string | null;
  serverResponse: boolean;
  headers: string[];
  userAgent: string | null;
  urls: string[];
}

function parse(argv: readonly string[]): Options | string {
  const o: Options = { quiet: false, output: null, serverResponse: false, headers: [], userAgent: null, urls: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (inline: string) => (inline !== '' ? inline : argv[++i]);
    if (a === '--') {
      o.urls.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const [name, inline] = a.includes('=') ? [a.slice(2, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a.slice(2), ''];
      if (name === 'quiet') o.quiet = true;
      else if (name === 'server-response') o.serverResponse = true;
      else if (name === 'output-document' || name === 'header' || name === 'user-agent') {
        const v = value(inline);
        if (v === undefined) return `option '--${name}' requires an argument`;
        if (name === 'output-document') o.output = v;
        else if (name === 'header') o.headers.push(v);
        else o.userAgent = v;
      } else if (name === 'no-check-certificate' || name === 'spider' || name === 'no-verbose') continue;
      else return `unrecognized option '${a}'`;
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        if (c === 'q') o.quiet = true;
        else if (c === 'S') o.serverResponse = true;
        else if (c === 'c' || c === 'N') continue;
        else if (c === 'O' || c === 'U' || c === 'T' || c === 't') {
          const v = value(a.slice(j + 1));
          if (v === undefined) return `option requires an argument -- '${c}'`;
          if (c === 'O') o.output = v;
          else if (c === 'U') o.userAgent = v;
          break;
        } else return `invalid option -- '${c}'`;
      }
      continue;
    }
    o.urls.push(a);
  }
  return o;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
function stamp(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}`;
}

/** GNU's human rate: simulated transfers take no time, so rates assume wget's 10 ms floor. */
function rate(bytes: number, unitsLong: boolean): string {
  const bps = bytes * 100;
  const units = unitsLong ? ['B/s', 'KB/s', 'MB/s', 'GB/s'] : ['', 'K', 'M', 'G'];
  let v = bps;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  const num = v >= 99.95 ? v.toFixed(0) : v >= 9.995 ? v.toFixed(1) : v.toFixed(2);
  return unitsLong ? `${num} ${units[u]}` : `${num}${units[u]}`;
}

/** GNU dot progress: one dot per whole KiB, 50 per line in groups of ten, the last line ending in `100% RATE=0s`. */
function dots(size: number): string {
  const kib = Math.floor(size / 1024);
  const lines: string[] = [];
  for (let start = 0; start === 0 || start < kib; start += 50) {
    const n = Math.min(50, Math.max(0, kib - start));
    let line = `${String(start).padStart(6)}K`;
    for (let g = 0; g < 5; g++) line += ` ${'.'.repeat(Math.max(0, Math.min(10, n - g * 10))).padEnd(10)}`;
    const last = start + 50 > kib;
    line += last ? `100% ${rate(size, false).padStart(5)}=0s` : ` ${String(Math.floor(((start + 50) * 1024 * 100) / size)).padStart(2)}% ${rate(size, false).padStart(5)} 0s`;
    lines.push(line);
  }
  return `\n${lines.join('\n')}\n\n`;
}

function outputName(url: HttpUrl): string {
  const name = basename(url.path.replace(/[?#].*$/, ''));
  return name === '' || url.path.replace(/[?#].*$/, '').endsWith('/') ? 'index.html' : name;
}

export const wget: Program = async (ctx) => {
  const busybox = ctx.flavor === 'busybox';
  const parsed = parse(ctx.argv.slice(1));
  if (typeof parsed === 'string') {
    if (busybox) await ctx.stderr.write(`wget: ${parsed.replace(/^unrecognized option '(.*)'$/, "unrecognized option '$1'")}\n${BUSYBOX_BANNER}\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[--no-check-certificate] [-P DIR] [-U AGENT] [-T SEC] URL...\n\nRetrieve files via HTTP or FTP\n`);
    else await ctx.stderr.write(`wget: ${parsed}\nUsage: wget [OPTION]... [URL]...\n\nTry \`wget --help' for more options.\n`);
    return busybox ? 1 : 2;
  }
  const o = parsed;
  if (o.urls.length === 0) {
    if (busybox) {
      await ctx.stderr.write(`${BUSYBOX_BANNER}\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[--no-check-certificate] [-P DIR] [-U AGENT] [-T SEC] URL...\n\nRetrieve files via HTTP or FTP\n`);
      return 1;
    }
    await ctx.stderr.write("wget: missing URL\nUsage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.\n");
    return 1;
  }
  let status = 0;
  for (const raw of o.urls) {
    const s = busybox ? await fetchBusybox(ctx, o, raw) : await fetchGnu(ctx, o, raw);
    if (s !== 0) status = s;
  }
  return status;
};

function headersFor(o: Options, ua: string): Array<[string, string]> {
  const h: Array<[string, string]> = [
    ['User-Agent', o.userAgent ?? ua],
    ['Accept', '*/*'],
  ];
  for (const x of o.headers) {
    const c = x.indexOf(':');
    if (c > 0) h.push([x.slice(0, c), x.slice(c + 1).trim()]);
  }
  return h;
}

/** Follows up to 20 redirects (both flavours do), reporting each hop with `hop`. */
async function get(ctx: ProcessContext, url: HttpUrl, headers: Array<[string, string]>, hop: (url: HttpUrl) => Promise<void>, connected: (url: HttpUrl, address: string) => Promise<void>) {
  for (let i = 0; ; i++) {
    await hop(url);
    const r = await exchange(ctx, { method: 'GET', url, headers: [...headers, ['Connection', 'close']], body: new Uint8Array(0) }, { connected: (a) => connected(url, a) });
    if (!r.ok) return { url, result: r } as const;
    const loc = r.response.headers.get('location');
    if (i < 20 && loc && r.response.status >= 300 && r.response.status < 400) {
      const next = resolveLocation(url, loc);
      if (!isUrlProblem(next)) {
        url = next;
        continue;
      }
    }
    return { url, result: r } as const;
  }
}

function exists(ctx: ProcessContext, path: string): boolean {
  try {
    ctx.fs.lstat(resolvePath(ctx.cwd, path));
    return true;
  } catch {
    return false;
  }
}

async function write(ctx: ProcessContext, name: string, body: Uint8Array): Promise<string | null> {
  if (name === '-') {
    await ctx.stdout.write(body);
    return null;
  }
  try {
    ctx.fs.writeFile(resolvePath(ctx.cwd, name), body, { mode: 0o666 & ~ctx.umask });
    return null;
  } catch (e) {
    if (isFsError(e)) return e.text;
    throw e;
  }
}

async function fetchGnu(ctx: ProcessContext, o: Options, raw: string): Promise<number> {
  const log = (s: string) => (o.quiet ? Promise.resolve() : ctx.stderr.write(s));
  const locale = ctx.env.get('LC_ALL') || ctx.env.get('LC_MESSAGES') || ctx.env.get('LANG') || '';
  const q = (s: string) => (/utf-?8/i.test(locale) ? `‘${s}’` : `'${s}'`);
  const start = parseUrl(raw);
  if (isUrlProblem(start)) {
    await ctx.stderr.write(start.kind === 'unsupported' ? `${raw}: Unsupported scheme ${q(start.scheme)}.\n` : `${raw}: Invalid URL.\n`);
    return 1;
  }
  const now = stamp(ctx.sys.clock.now());
  let connectedTo = '';
  const { url, result } = await get(
    ctx,
    start,
    headersFor(o, 'Wget/1.21.3'),
    async (u) => {
      await log(`--${now}--  ${formatUrl(u)}\n`);
      // A redirect to the host already connected to reuses the connection: no new resolving line.
      if (u.host !== connectedTo) await log(`Resolving ${u.host} (${u.host})... `);
    },
    async (u, a) => {
      connectedTo = u.host;
      await log(`${a}\nConnecting to ${u.host} (${u.host})|${a}|:${u.port}... connected.\nHTTP request sent, awaiting response... `);
    },
  );
  if (!result.ok) {
    const f = result.failure;
    if (f.kind === 'resolve') {
      await log('failed: Name or service not known.\n');
      await ctx.stderr.write(`wget: unable to resolve host address ${q(url.host)}\n`);
      return 4;
    }
    if (f.kind === 'connect') {
      const why = f.code === 'EHOSTUNREACH' ? 'No route to host' : f.code === 'ENETUNREACH' ? 'Network is unreachable' : 'Connection refused';
      await log(`${f.address}\nConnecting to ${url.host} (${url.host})|${f.address}|:${url.port}... failed: ${why}.\n`);
      return 4;
    }
    await log(f.kind === 'empty' ? 'No data received.\nRetrying.\n\n' : 'Read error (Connection reset by peer) in headers.\nRetrying.\n\n');
    return 4;
  }
  const res = result.response;
  if (o.serverResponse) {
    const head = decodeText(encodeResponseHead(res)).split('\r\n').slice(0, -2);
    await ctx.stderr.write(`${o.quiet ? '' : '\n'}${head.map((l) => `  ${l}\n`).join('')}`);
  } else await log(`${res.status} ${res.reason}\n`);
  if (res.status >= 400) {
    await log(`${now} ERROR ${res.status}: ${res.reason}.\n\n`);
    return 8;
  }
  const type = res.headers.get('content-type');
  const len = res.headers.get('content-length');
  await log(`Length: ${len ?? 'unspecified'}${type ? ` [${type}]` : ''}\n`);
  let name = o.output ?? outputName(url);
  if (o.output === null && exists(ctx, name)) {
    let n = 1;
    while (exists(ctx, `${name}.${n}`)) n++;
    name = `${name}.${n}`;
  }
  await log(`Saving to: ${q(name === '-' ? 'STDOUT' : name)}\n`);
  const problem = await write(ctx, name, res.body);
  if (problem) {
    await ctx.stderr.write(`${name}: ${problem}\n`);
    return 3;
  }
  await log(dots(res.body.length));
  await log(`${now} (${rate(res.body.length, true)}) - ${name === '-' ? 'written to stdout' : `${q(name)} saved`} [${res.body.length}${len !== undefined ? `/${len}` : ''}]\n\n`);
  return 0;
}

async function fetchBusybox(ctx: ProcessContext, o: Options, raw: string): Promise<number> {
  const log = (s: string) => (o.quiet ? Promise.resolve() : ctx.stderr.write(s));
  const start = parseUrl(raw);
  if (isUrlProblem(start)) {
    await ctx.stderr.write(start.kind === 'unsupported' ? `wget: not an http or ftp url: ${raw}\n` : `wget: bad address '${raw}'\n`);
    return 1;
  }
  const name = o.output ?? outputName(start);
  const { url, result } = await get(
    ctx,
    start,
    headersFor(o, 'Wget'),
    async () => {},
    async (u, a) => log(`Connecting to ${u.explicitPort ? `${u.host}:${u.port}` : u.host} (${a}:${u.port})\n`),
  );
  if (!result.ok) {
    const f = result.failure;
    if (f.kind === 'resolve') await ctx.stderr.write(`wget: bad address '${url.host}'\n`);
    else if (f.kind === 'connect') {
      await log(`Connecting to ${url.explicitPort ? `${url.host}:${url.port}` : url.host} (${f.address}:${url.port})\n`);
      const why = f.code === 'EHOSTUNREACH' ? 'No route to host' : 'Connection refused';
      await ctx.stderr.write(`wget: can't connect to remote host (${f.address}): ${why}\n`);
    } else await ctx.stderr.write(f.kind === 'empty' ? 'wget: error getting response\n' : 'wget: error getting response: Connection reset by peer\n');
    return 1;
  }
  const res: HttpResponse = result.response;
  if (o.serverResponse) await ctx.stderr.write(decodeText(encodeResponseHead(res)).split('\r\n').slice(0, -1).map((l) => `  ${l}\n`).join(''));
  if (res.status >= 400) {
    await ctx.stderr.write(`wget: server returned error: ${res.version} ${res.status} ${res.reason}\n`);
    return 1;
  }
  if (name !== '-' && o.output === null && exists(ctx, name)) {
    await ctx.stderr.write(`wget: can't open '${name}': File exists\n`);
    return 1;
  }
  await log(name === '-' ? 'writing to stdout\n' : `saving to '${name}'\n`);
  const problem = await write(ctx, name, res.body);
  if (problem) {
    await ctx.stderr.write(`wget: can't open '${name}': ${problem}\n`);
    return 1;
  }
  const label = (name === '-' ? '-' : basename(name)).slice(0, 20).padEnd(20);
  await log(`${label} 100% |********************************| ${String(res.body.length).padStart(5)}  0:00:00 ETA\n`);
  await log(name === '-' ? 'written to stdout\n' : `'${name}' saved\n`);
  return 0;
}
