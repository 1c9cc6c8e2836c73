/**
 * HTTP/1.1 on simulated sockets, shared by the daemons (nginx, httpd, the registry) and the clients (curl, wget):
 * message parsing and writing (RFC 9112: request/status line, headers, Content-Length or chunked bodies, bodies
 * delimited by the connection closing) and a small accept loop that serves one connection at a time per request
 * with keep-alive.
 */

import { concatBytes, decodeText, encodeText } from '../process/text';
import type { ProcessSignals, ReadStream, WriteStream } from '../process/Types';
import { isNetError } from './errors';
import type { Listener } from './Listener';
import type { Socket } from './socket';

/** Header fields in order, looked up case-insensitively. */
export class HttpHeaders {
  readonly entries: Array<[string, string]> = [];
  constructor(init: Iterable<readonly [string, string]> = []) {
    for (const [k, v] of init) this.entries.push([k, v]);
  }
  get(name: string): string | undefined {
    const n = name.toLowerCase();
    return this.entries.find(([k]) => k.toLowerCase() === n)?.[1];
  }
  has(name: string): boolean {
    return this.get(name) !== undefined;
  }
  /** Replaces every field of that name (keeps the first one's position). */
  set(name: string, value: string): void {
    const n = name.toLowerCase();
    const i = this.entries.findIndex(([k]) => k.toLowerCase() === n);
    if (i < 0) {
      this.entries.push([name, value]);
      return;
    }
    this.entries[i] = [name, value];
    for (let j = this.entries.length - 1; j > i; j--) if (this.entries[j]![0].toLowerCase() === n) this.entries.splice(j, 1);
  }
  add(name: string, value: string): void {
    this.entries.push([name, value]);
  }
  delete(name: string): void {
    const n = name.toLowerCase();
    for (let j = this.entries.length - 1; j >= 0; j--) if (this.entries[j]![0].toLowerCase() === n) this.entries.splice(j, 1);
  }
}

export interface HttpRequest {
  readonly method: string;
  /** The request target as sent (`/index.html?x=1`). */
  readonly target: string;
  readonly version: string;
  readonly headers: HttpHeaders;
  readonly body: Uint8Array;
}

export interface HttpResponse {
  readonly version: string;
  readonly status: number;
  readonly reason: string;
  readonly headers: HttpHeaders;
  readonly body: Uint8Array;
}

/** The peer sent something that is not HTTP/1.x. */
export class HttpParseError extends Error {
  override readonly name = 'HttpParseError';
}

export const STATUS_TEXT: Readonly<Record<number, string>> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  206: 'Partial Content',
  301: 'Moved Permanently',
  302: 'Found',
  303: 'See Other',
  304: 'Not Modified',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Not Allowed',
  411: 'Length Required',
  413: 'Request Entity Too Large',
  416: 'Requested Range Not Satisfiable',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** Buffered reads over a byte stream: lines (for heads) and exact lengths (for bodies). */
export class ByteReader {
  private _buf: Uint8Array = new Uint8Array(0);
  private _eof = false;
  constructor(private readonly _stream: ReadStream) {}

  private async _fill(): Promise<boolean> {
    if (this._eof) return false;
    const chunk = await this._stream.read();
    if (chunk === null) {
      this._eof = true;
      return false;
    }
    this._buf = this._buf.length === 0 ? chunk : concatBytes([this._buf, chunk]);
    return true;
  }

  /** True when nothing is buffered and the stream has ended. */
  async atEnd(): Promise<boolean> {
    while (this._buf.length === 0) if (!(await this._fill())) return true;
    return false;
  }

  /** One line without its CRLF/LF (latin1, as header bytes are); null at end of input; a partial last line too. */
  async readLine(limit = 65536): Promise<string | null> {
    for (;;) {
      const nl = this._buf.indexOf(10);
      if (nl >= 0) {
        const end = nl > 0 && this._buf[nl - 1] === 13 ? nl - 1 : nl;
        const line = latin1(this._buf.subarray(0, end));
        this._buf = this._buf.subarray(nl + 1);
        return line;
      }
      if (this._buf.length > limit) throw new HttpParseError('line too long');
      if (!(await this._fill())) {
        if (this._buf.length === 0) return null;
        const line = latin1(this._buf);
        this._buf = new Uint8Array(0);
        return line;
      }
    }
  }

  /** Exactly n bytes (fewer at end of input). */
  async readExact(n: number): Promise<Uint8Array> {
    while (this._buf.length < n) if (!(await this._fill())) break;
    const out = this._buf.subarray(0, Math.min(n, this._buf.length));
    this._buf = this._buf.subarray(out.length);
    return out;
  }

  /** Everything up to the end of input. */
  async readAll(): Promise<Uint8Array> {
    while (await this._fill());
    const out = this._buf;
    this._buf = new Uint8Array(0);
    return out;
  }
}

function latin1(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]!);
  return s;
}

function latin1Bytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}

async function readHeaders(r: ByteReader): Promise<HttpHeaders> {
  const headers = new HttpHeaders();
  for (;;) {
    const line = await r.readLine();
    if (line === null) throw new HttpParseError('end of input in header');
    if (line === '') return headers;
    const colon = line.indexOf(':');
    if (colon <= 0) throw new HttpParseError(`bad header line: ${line}`);
    headers.add(line.slice(0, colon), line.slice(colon + 1).trim());
  }
}

async function readChunked(r: ByteReader): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for (;;) {
    const sizeLine = await r.readLine();
    if (sizeLine === null) throw new HttpParseError('end of input in chunked body');
    const size = parseInt(sizeLine.split(';')[0]!.trim(), 16);
    if (!Number.isFinite(size) || size < 0) throw new HttpParseError(`bad chunk size: ${sizeLine}`);
    if (size === 0) {
      // Trailer fields, then the empty line.
      while (((await r.readLine()) ?? '') !== '');
      return concatBytes(parts);
    }
    parts.push(await r.readExact(size));
    await r.readLine();
  }
}

function contentLength(headers: HttpHeaders): number | null {
  const v = headers.get('content-length');
  if (v === undefined) return null;
  if (!/^[0-9]+$/.test(v.trim())) throw new HttpParseError(`bad Content-Length: ${v}`);
  return Number(v.trim());
}

/** The next request on a connection; null when the client closed it before sending one. */
export async function readRequest(r: ByteReader): Promise<HttpRequest | null> {
  let line = await r.readLine();
  // RFC 9112 §2.2: a server ignores empty lines before the request line.
  while (line === '') line = await r.readLine();
  if (line === null) return null;
  const m = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+) (\S+) (HTTP\/\d\.\d)$/.exec(line);
  if (!m) throw new HttpParseError(`bad request line: ${line}`);
  const headers = await readHeaders(r);
  let body: Uint8Array = new Uint8Array(0);
  if ((headers.get('transfer-encoding') ?? '').toLowerCase().includes('chunked')) body = await readChunked(r);
  else {
    const n = contentLength(headers);
    if (n !== null) body = await r.readExact(n);
  }
  return { method: m[1]!, target: m[2]!, version: m[3]!, headers, body };
}

/** A response to `method` (HEAD, and 1xx/204/304 statuses, have no body). Throws HttpParseError on garbage. */
export async function readResponse(r: ByteReader, method: string): Promise<HttpResponse | null> {
  const line = await r.readLine();
  if (line === null) return null;
  const m = /^(HTTP\/\d(?:\.\d)?) (\d{3})(?: (.*))?$/.exec(line);
  if (!m) throw new HttpParseError(`bad status line: ${line}`);
  const status = Number(m[2]);
  const headers = await readHeaders(r);
  let body: Uint8Array = new Uint8Array(0);
  if (method !== 'HEAD' && status >= 200 && status !== 204 && status !== 304) {
    if ((headers.get('transfer-encoding') ?? '').toLowerCase().includes('chunked')) body = await readChunked(r);
    else {
      const n = contentLength(headers);
      body = n !== null ? await r.readExact(n) : await r.readAll();
    }
  }
  return { version: m[1]!, status, reason: m[3] ?? '', headers, body };
}

function head(first: string, headers: HttpHeaders): Uint8Array {
  let s = `${first}\r\n`;
  for (const [k, v] of headers.entries) s += `${k}: ${v}\r\n`;
  return latin1Bytes(`${s}\r\n`);
}

/** The request's bytes as sent (headers as given; the caller sets Host and Content-Length). */
export function encodeRequest(req: HttpRequest): Uint8Array {
  return concatBytes([head(`${req.method} ${req.target} ${req.version}`, req.headers), req.body]);
}

/** The response head alone (what `curl -I` and `-i` print come from it too). */
export function encodeResponseHead(res: Pick<HttpResponse, 'version' | 'status' | 'reason' | 'headers'>): Uint8Array {
  return head(`${res.version} ${res.status}${res.reason === '' ? '' : ` ${res.reason}`}`, res.headers);
}

/** The response's bytes; `bodyless` drops the body but keeps the headers (a HEAD request). */
export function encodeResponse(res: HttpResponse, bodyless = false): Uint8Array {
  const h = encodeResponseHead(res);
  return bodyless ? h : concatBytes([h, res.body]);
}

export function textBody(s: string): Uint8Array {
  return encodeText(s);
}

export function bodyText(b: Uint8Array): string {
  return decodeText(b);
}

/** Who asked: the socket's remote end, for access logs. */
export interface HttpConnection {
  readonly socket: Socket;
}

export type HttpHandler = (req: HttpRequest, conn: HttpConnection) => Promise<HttpResponse>;

/**
 * Serves HTTP on `listener` until the process is signalled (SignalExit propagates) or the listener closes.
 * Connections are served concurrently; each handles requests in turn while the client keeps it alive. A client
 * that sends garbage gets 400 and the connection closes. Blocks in accept/read: never spins.
 */
export async function serveHttp(listener: Listener, handler: HttpHandler, signals: ProcessSignals, onBadRequest?: (conn: HttpConnection) => Promise<HttpResponse>): Promise<void> {
  const connections = new Set<Promise<void>>();
  for (;;) {
    const socket = await listener.accept(signals);
    if (!socket) break;
    const p = serveConnection(socket, handler, onBadRequest).finally(() => connections.delete(p));
    connections.add(p);
  }
}

async function serveConnection(socket: Socket, handler: HttpHandler, onBadRequest?: (conn: HttpConnection) => Promise<HttpResponse>): Promise<void> {
  const r = new ByteReader(socket.input);
  const conn: HttpConnection = { socket };
  try {
    for (;;) {
      let req: HttpRequest | null;
      try {
        req = await readRequest(r);
      } catch (e) {
        if (!(e instanceof HttpParseError) || !onBadRequest) throw e;
        await socket.output.write(encodeResponse(await onBadRequest(conn)));
        return;
      }
      if (!req) return;
      const res = await handler(req, conn);
      await writeResponse(socket.output, res, req.method === 'HEAD');
      const connection = (req.headers.get('connection') ?? '').toLowerCase();
      const close = req.version === 'HTTP/1.0' ? connection !== 'keep-alive' : connection === 'close';
      if (close || (res.headers.get('connection') ?? '').toLowerCase() === 'close') return;
    }
  } catch (e) {
    // A client that goes away mid-request is the client's problem, not the server's.
    if (!isNetError(e) && !(e instanceof HttpParseError)) throw e;
  } finally {
    socket.close();
  }
}

export async function writeResponse(out: WriteStream, res: HttpResponse, bodyless = false): Promise<void> {
  await out.write(encodeResponse(res, bodyless));
}
