/**
 * curl 7.88.1 (Debian 12's, on the host and in Debian-based images) over the simulated network: GET/HEAD/POST,
 * -s -S -i -I -o -O -L -f -X -d -H -A -v -w, the progress meter when the body does not go to a terminal, and
 * curl's error lines and exit codes (6 resolve, 7 connect, 22 -f, 23 write, 52 empty reply, 56 reset).
 * Transfers take no time on the simulated network, so the meter's time columns stay `--:--:--`.
 */

import { resolvePath } from '../../../engine/fs/path';
import { isFsError } from '../../../engine/fs/Types';
import { encodeResponseHead, type HttpResponse } from '../../../engine/network/http';
import { decodeText, encodeText } from '../../../engine/process/text';
import type { ProcessContext, Program } from '../../../engine/process/Types';
import { exchange, type ExchangeFailure } from './client';
import { formatUrl, isUrlProblem, parseUrl, resolveLocation, type HttpUrl } from './url';

const VERSION = '7.88.1';

/**
 * `curl --version` / `-V`: Debian bookworm's curl (the host and Debian-based images; checked against
 * 7.88.1-10+deb12u14) and Alpine 3.21's curl 8.11.1-r0, which `apk add curl` installs.
 */
const VERSION_TEXT = {
  debian:
    'curl 7.88.1 (x86_64-pc-linux-gnu) libcurl/7.88.1 OpenSSL/3.0.19 zlib/1.2.13 brotli/1.0.9 zstd/1.5.4 libidn2/2.3.3 libpsl/0.21.2 (+libidn2/2.3.3) libssh2/1.10.0 nghttp2/1.52.0 librtmp/2.3 OpenLDAP/2.5.13\n' +
    'Release-Date: 2023-02-20, security patched: 7.88.1-10+deb12u14\n' +
    'Protocols: dict file ftp ftps gopher gophers http https imap imaps ldap ldaps mqtt pop3 pop3s rtmp rtsp scp sftp smb smbs smtp smtps telnet tftp\n' +
    'Features: alt-svc AsynchDNS brotli GSS-API HSTS HTTP2 HTTPS-proxy IDN IPv6 Kerberos Largefile libz NTLM NTLM_WB PSL SPNEGO SSL threadsafe TLS-SRP UnixSockets zstd\n',
  alpine:
    'curl 8.11.1 (x86_64-alpine-linux-musl) libcurl/8.11.1 OpenSSL/3.3.2 zlib/1.3.1 brotli/1.1.0 zstd/1.5.6 c-ares/1.34.3 libidn2/2.3.7 libpsl/0.21.5 nghttp2/1.64.0\n' +
    'Release-Date: 2024-12-11\n' +
    'Protocols: dict file ftp ftps gopher gophers http https imap imaps ipfs ipns mqtt pop3 pop3s rtsp smb smbs smtp smtps telnet tftp ws wss\n' +
    'Features: alt-svc AsynchDNS brotli HSTS HTTP2 HTTPS-proxy IDN IPv6 Largefile libz NTLM PSL SSL threadsafe TLS-SRP UnixSockets zstd\n',
};

/** Which build this is: Alpine's where /etc/alpine-release exists, Debian's everywhere else. */
function versionText(ctx: ProcessContext): string {
  try {
    ctx.fs.stat('/etc/alpine-release');
    return VERSION_TEXT.alpine;
  } catch {
    return VERSION_TEXT.debian;
  }
}
const TRY_HELP = "curl: try 'curl --help' or 'curl --manual' for more information\n";

interface Options {
  silent: boolean;
  showError: boolean;
  include: boolean;
  head: boolean;
  output: string | null;
  remoteName: boolean;
  location: boolean;
  fail: boolean;
  method: string | null;
  data: string[];
  headers: string[];
  userAgent: string | null;
  verbose: boolean;
  writeOut: string | null;
  urls: string[];
  version: boolean;
}

/** Options that take a value, short and long. */
const VALUE_SHORT = new Set(['o', 'X', 'd', 'H', 'A', 'w', 'm', 'u', 'e', 'T', 'x', 'b', 'c', 'F', 'r', 'C']);
const LONG: Readonly<Record<string, { key: string; value: boolean }>> = {
  silent: { key: 's', value: false },
  'show-error': { key: 'S', value: false },
  include: { key: 'i', value: false },
  head: { key: 'I', value: false },
  output: { key: 'o', value: true },
  'remote-name': { key: 'O', value: false },
  location: { key: 'L', value: false },
  fail: { key: 'f', value: false },
  request: { key: 'X', value: true },
  data: { key: 'd', value: true },
  'data-raw': { key: 'd', value: true },
  'data-binary': { key: 'd', value: true },
  'data-ascii': { key: 'd', value: true },
  header: { key: 'H', value: true },
  'user-agent': { key: 'A', value: true },
  verbose: { key: 'v', value: false },
  'write-out': { key: 'w', value: true },
  'max-time': { key: 'm', value: true },
  'connect-timeout': { key: 'connect-timeout', value: true },
  retry: { key: 'retry', value: true },
  insecure: { key: 'k', value: false },
  compressed: { key: 'compressed', value: false },
  url: { key: 'url', value: true },
  version: { key: 'V', value: false },
};
const FLAG_SHORT = new Set(['s', 'S', 'i', 'I', 'O', 'L', 'f', 'v', 'k', '#', 'N', 'g', '4', '6', 'V']);

type Parsed = { ok: true; options: Options } | { ok: false; message: string };

function parse(argv: readonly string[]): Parsed {
  const o: Options = { silent: false, showError: false, include: false, head: false, output: null, remoteName: false, location: false, fail: false, method: null, data: [], headers: [], userAgent: null, verbose: false, writeOut: null, urls: [], version: false };
  const set = (key: string, value: string | undefined) => {
    switch (key) {
      case 's': o.silent = true; break;
      case 'S': o.showError = true; break;
      case 'i': o.include = true; break;
      case 'I': o.head = true; break;
      case 'o': o.output = value!; break;
      case 'O': o.remoteName = true; break;
      case 'L': o.location = true; break;
      case 'f': o.fail = true; break;
      case 'X': o.method = value!; break;
      case 'd': o.data.push(value!); break;
      case 'H': o.headers.push(value!); break;
      case 'A': o.userAgent = value!; break;
      case 'v': o.verbose = true; break;
      case 'w': o.writeOut = value!; break;
      case 'url': o.urls.push(value!); break;
      case 'V': o.version = true; break;
      default: break; // accepted and without effect here (timeouts, retries, -k, --compressed)
    }
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = a.slice(2, eq < 0 ? undefined : eq);
      const spec = LONG[name];
      if (!spec) return { ok: false, message: `curl: option ${a}: is unknown\n` };
      if (spec.value) {
        const v = eq >= 0 ? a.slice(eq + 1) : argv[++i];
        if (v === undefined) return { ok: false, message: `curl: option ${a}: requires parameter\n` };
        set(spec.key, v);
      } else set(spec.key, undefined);
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        if (VALUE_SHORT.has(c)) {
          const v = j + 1 < a.length ? a.slice(j + 1) : argv[++i];
          if (v === undefined) return { ok: false, message: `curl: option -${c}: requires parameter\n` };
          set(c, v);
          break;
        }
        if (!FLAG_SHORT.has(c)) return { ok: false, message: `curl: option ${a}: is unknown\n` };
        set(c, undefined);
      }
      continue;
    }
    o.urls.push(a);
  }
  return { ok: true, options: o };
}

/** curl's max5data: a number in at most five cells. */
function max5(n: number): string {
  const K = 1024;
  const M = K * K;
  if (n < 100000) return String(n).padStart(5);
  if (n < 10000 * K) return `${String(Math.floor(n / K)).padStart(4)}k`;
  if (n < 100 * M) return `${String(Math.floor(n / M)).padStart(2)}.${Math.floor((n % M) / (M / 10))}M`;
  return `${String(Math.floor(n / M)).padStart(4)}M`;
}

const METER_HEAD = '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n';

/** One meter line. Speeds assume the 10 ms curl's meter divides by at least, since simulated transfers take none. */
function meterLine(total: number, received: number): string {
  const pct = (part: number) => String(total > 0 ? Math.floor((part * 100) / total) : 0).padStart(3);
  const speed = received * 100;
  return `${pct(received)} ${max5(total)}  ${pct(received)} ${max5(received)}    0     0  ${max5(speed)}      0 --:--:-- --:--:-- --:--:-- ${max5(speed)}`;
}

const FAILURE_CODES: Readonly<Record<ExchangeFailure['kind'], number>> = { resolve: 6, connect: 7, reset: 56, empty: 52, garbage: 1 };

function failureText(f: ExchangeFailure, url: HttpUrl): string {
  switch (f.kind) {
    case 'resolve':
      return `Could not resolve host: ${url.host}`;
    case 'connect':
      return `Failed to connect to ${url.host} port ${url.port} after 0 ms: Couldn't connect to server`;
    case 'reset':
      return 'Recv failure: Connection reset by peer';
    case 'empty':
      return 'Empty reply from server';
    case 'garbage':
      return 'Unsupported HTTP/1 subversion in response';
  }
}

/** -w: `%{name}` variables and `\n`-style escapes. */
function writeOut(format: string, vars: Readonly<Record<string, string>>): string {
  return format
    .replace(/%\{([a-z_]+)\}/g, (_m, name: string) => vars[name] ?? '')
    .replace(/\\([nrt\\])/g, (_m, c: string) => ({ n: '\n', r: '\r', t: '\t', '\\': '\\' })[c]!);
}

export const curl: Program = async (ctx: ProcessContext) => {
  const parsed = parse(ctx.argv.slice(1));
  if (!parsed.ok) {
    await ctx.stderr.write(parsed.message + TRY_HELP);
    return 2;
  }
  const o = parsed.options;
  // Like curl, -V prints the version and exits before any transfer.
  if (o.version) {
    await ctx.stdout.write(versionText(ctx));
    return 0;
  }
  if (o.urls.length === 0) {
    await ctx.stderr.write(TRY_HELP);
    return 2;
  }
  const showErrors = !o.silent || o.showError;
  const fail = async (code: number, message: string): Promise<number> => {
    if (showErrors) await ctx.stderr.write(`curl: (${code}) ${message}\n`);
    return code;
  };
  let status = 0;
  for (const raw of o.urls) {
    const first = parseUrl(raw);
    if (isUrlProblem(first)) {
      status = first.kind === 'malformed' ? await fail(3, `URL using bad/illegal format or missing URL`) : await fail(1, `Protocol "${first.scheme}" not supported or disabled in libcurl`);
      continue;
    }
    status = await transfer(ctx, o, first, fail);
  }
  return status;
};

async function transfer(ctx: ProcessContext, o: Options, start: HttpUrl, fail: (code: number, message: string) => Promise<number>): Promise<number> {
  const toFile = o.output !== null || o.remoteName;
  const meter = !o.silent && (toFile || !ctx.stdout.isTTY);
  const err = (s: string) => ctx.stderr.write(s);
  const verbose = async (s: string) => {
    if (o.verbose) await err(s);
  };
  const data = encodeText(o.data.join('&'));
  const method = o.method ?? (o.head ? 'HEAD' : o.data.length > 0 ? 'POST' : 'GET');
  const headers: Array<[string, string]> = [
    ['User-Agent', o.userAgent ?? `curl/${VERSION}`],
    ['Accept', '*/*'],
  ];
  if (o.data.length > 0) {
    headers.push(['Content-Length', String(data.length)]);
    headers.push(['Content-Type', 'application/x-www-form-urlencoded']);
  }
  for (const h of o.headers) {
    const colon = h.indexOf(':');
    if (colon <= 0) continue;
    const name = h.slice(0, colon);
    const value = h.slice(colon + 1).trim();
    const i = headers.findIndex(([k]) => k.toLowerCase() === name.toLowerCase());
    if (i >= 0) headers.splice(i, 1);
    // `-H 'Accept:'` removes a default header; `-H 'X;'` would send it empty (not modelled).
    if (value !== '' || h.slice(colon + 1) !== '') headers.push([name, value]);
  }
  if (meter) await err(`${METER_HEAD}\r${meterLine(0, 0)}`);
  let url = start;
  let response: HttpResponse | null = null;
  let remoteIp = '';
  for (let redirects = 0; ; redirects++) {
    const result = await exchange(
      ctx,
      { method, url, headers, body: method === 'HEAD' || method === 'GET' ? (o.data.length > 0 ? data : new Uint8Array(0)) : data },
      {
        trying: (a) => verbose(`*   Trying ${a}:${url.port}...\n`),
        connected: (a) => verbose(`* Connected to ${url.host} (${a}) port ${url.port} (#0)\n`),
        sent: (lines) => verbose(lines.map((l) => `> ${l}\r\n`).join('') + '> \r\n'),
      },
    );
    if (!result.ok) {
      const f = result.failure;
      if (f.kind === 'connect') await verbose(`* connect to ${f.address} port ${url.port} failed: Connection refused\n* Failed to connect to ${url.host} port ${url.port} after 0 ms: Couldn't connect to server\n`);
      if (meter && f.kind !== 'resolve') await err(`\r${meterLine(0, 0)}\n`);
      await verbose(`* Closing connection 0\n`);
      return fail(FAILURE_CODES[f.kind], failureText(f, url));
    }
    response = result.response;
    remoteIp = result.address;
    await verbose(
      decodeText(encodeResponseHead(response))
        .split('\r\n')
        .slice(0, -1)
        .map((l) => `< ${l}\r\n`)
        .join(''),
    );
    const location = response.headers.get('location');
    if (o.location && location !== undefined && response.status >= 300 && response.status < 400) {
      const next = resolveLocation(url, location);
      if (redirects >= 50) return fail(47, 'Maximum (50) redirects followed');
      if (!isUrlProblem(next)) {
        await verbose(`* Connection #0 to host ${url.host} left intact\n* Issue another request to this URL: '${formatUrl(next)}'\n`);
        url = next;
        continue;
      }
    }
    break;
  }
  const res = response;
  const total = Number(res.headers.get('content-length') ?? res.body.length);
  if (o.fail && res.status >= 400) {
    if (meter) await err(`\r${meterLine(total, 0)}\n`);
    await verbose(`* The requested URL returned error: ${res.status}\n* Closing connection 0\n`);
    return fail(22, `The requested URL returned error: ${res.status}`);
  }
  const head = o.include || o.head ? encodeResponseHead(res) : new Uint8Array(0);
  const body = method === 'HEAD' ? new Uint8Array(0) : res.body;
  if (o.verbose && body.length > 0 && meter) await err(`{ [${body.length} bytes data]\n`);
  if (toFile) {
    let name = o.output;
    if (name === null) {
      name = url.path.replace(/[?#].*$/, '').replace(/^.*\//, '');
      if (name === '') {
        if (meter) await err(`\r${meterLine(0, 0)}\n`);
        return fail(23, 'Failure writing output to destination');
      }
    }
    const payload = new Uint8Array(head.length + body.length);
    payload.set(head, 0);
    payload.set(body, head.length);
    try {
      if (name === '-') await ctx.stdout.write(payload);
      else ctx.fs.writeFile(resolvePath(ctx.cwd, name), payload);
    } catch (e) {
      if (!isFsError(e)) throw e;
      if (meter) await err(`\r${meterLine(total, 0)}\n`);
      return fail(23, 'Failure writing output to destination');
    }
  } else {
    if (head.length > 0) await ctx.stdout.write(head);
    if (body.length > 0) await ctx.stdout.write(body);
  }
  if (meter) await err(`\r${meterLine(method === 'HEAD' ? 0 : total, body.length)}\n`);
  const keepAlive = res.version === 'HTTP/1.1' && (res.headers.get('connection') ?? '').toLowerCase() !== 'close';
  await verbose(keepAlive ? `* Connection #0 to host ${url.host} left intact\n` : `* Closing connection 0\n`);
  if (o.writeOut !== null) {
    await ctx.stdout.write(
      writeOut(o.writeOut, {
        http_code: String(res.status).padStart(3, '0'),
        response_code: String(res.status).padStart(3, '0'),
        size_download: String(body.length),
        size_header: String(encodeResponseHead(res).length),
        content_type: res.headers.get('content-type') ?? '',
        url_effective: formatUrl(url),
        remote_ip: remoteIp,
        time_total: '0.000000',
        num_redirects: '0',
      }),
    );
  }
  return 0;
}
