/**
 * One HTTP exchange over the machine's simulated network, for curl and wget: resolve, connect, send, read the
 * response. Failures come back as values so each client words them its own way.
 */

import { ByteReader, encodeRequest, HttpHeaders, HttpParseError, readResponse, type HttpResponse } from '../../../engine/network/http';
import { isNetError, type NetErrorCode } from '../../../engine/network/errors';
import { NETWORK, type NetStack } from '../../../engine/network/Network';
import { SIMULATED_WEB } from '../../../engine/network/web';
import type { ProcessContext } from '../../../engine/process/Types';
import { hostHeader, type HttpUrl } from './url';

export type ExchangeFailure =
  | { readonly kind: 'resolve' }
  | { readonly kind: 'connect'; readonly address: string; readonly code: NetErrorCode }
  /** The connection was reset while waiting for the response. */
  | { readonly kind: 'reset' }
  /** The server closed without answering. */
  | { readonly kind: 'empty' }
  | { readonly kind: 'garbage' };

export interface ExchangeRequest {
  readonly method: string;
  readonly url: HttpUrl;
  /** Fields after Host (curl: User-Agent, Accept; then the user's). */
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly body: Uint8Array;
}

export interface ExchangeHooks {
  /** After name resolution, before connecting. */
  readonly trying?: (address: string) => Promise<void>;
  readonly connected?: (address: string) => Promise<void>;
  /** The request head as sent, lines without CRLF. */
  readonly sent?: (headLines: readonly string[]) => Promise<void>;
}

export type ExchangeResult = { readonly ok: true; readonly response: HttpResponse; readonly address: string } | { readonly ok: false; readonly failure: ExchangeFailure; readonly address?: string };

export function networkOf(ctx: ProcessContext): NetStack | undefined {
  return ctx.sys.service(NETWORK);
}

export async function exchange(ctx: ProcessContext, req: ExchangeRequest, hooks: ExchangeHooks = {}): Promise<ExchangeResult> {
  const net = networkOf(ctx);
  const host = req.url.host.replace(/^\[|\]$/g, '');
  const address = net?.resolve(host) ?? (host === 'localhost' ? '127.0.0.1' : null);
  // Public names are the simulated web's (engine/network/web.ts): answered from its table, no socket needed.
  if (address === null && net) return webExchange(req, host, hooks);
  if (address === null) return { ok: false, failure: { kind: 'resolve' } };
  await hooks.trying?.(address);
  if (!net) return { ok: false, failure: { kind: 'connect', address, code: 'ECONNREFUSED' }, address };
  let socket;
  try {
    socket = net.connect(address, req.url.port, ctx.signals);
  } catch (e) {
    if (isNetError(e)) return { ok: false, failure: { kind: 'connect', address, code: e.code }, address };
    throw e;
  }
  await hooks.connected?.(address);
  // A Host given by the user (curl -H 'Host: x') replaces the URL's, in the first position as curl sends it.
  const userHost = req.headers.find(([k]) => k.toLowerCase() === 'host');
  const headers = new HttpHeaders([['Host', userHost?.[1] ?? hostHeader(req.url)], ...req.headers.filter(([k]) => k.toLowerCase() !== 'host')]);
  const request = { method: req.method, target: req.url.path, version: 'HTTP/1.1', headers, body: req.body };
  await hooks.sent?.([`${req.method} ${req.url.path} HTTP/1.1`, ...headers.entries.map(([k, v]) => `${k}: ${v}`)]);
  try {
    await socket.output.write(encodeRequest(request));
    const response = await readResponse(new ByteReader(socket.input), req.method);
    if (!response) return { ok: false, failure: { kind: 'empty' }, address };
    return { ok: true, response, address };
  } catch (e) {
    if (isNetError(e)) return { ok: false, failure: e.code === 'EPIPE' ? { kind: 'empty' } : { kind: 'reset' }, address };
    if (e instanceof HttpParseError) return { ok: false, failure: { kind: 'garbage' }, address };
    throw e;
  } finally {
    socket.close();
  }
}

async function webExchange(req: ExchangeRequest, host: string, hooks: ExchangeHooks): Promise<ExchangeResult> {
  const address = SIMULATED_WEB.resolve(host);
  if (address === null) return { ok: false, failure: { kind: 'resolve' } };
  await hooks.trying?.(address);
  await hooks.connected?.(address);
  const userHost = req.headers.find(([k]) => k.toLowerCase() === 'host');
  const headers = new HttpHeaders([['Host', userHost?.[1] ?? hostHeader(req.url)], ...req.headers.filter(([k]) => k.toLowerCase() !== 'host')]);
  await hooks.sent?.([`${req.method} ${req.url.path} HTTP/1.1`, ...headers.entries.map(([k, v]) => `${k}: ${v}`)]);
  const r = SIMULATED_WEB.request(host, req.url.path, req.method)!;
  return { ok: true, response: { version: 'HTTP/1.1', status: r.status, reason: r.reason, headers: new HttpHeaders(r.headers), body: r.body }, address };
}
