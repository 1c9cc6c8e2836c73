/**
 * The simulated Internet beyond the learner's machine: the sites of `webSites.ts`, answered without sockets. Two
 * users: the builders (`ADD <url>`, which follows redirects as Go's http client does) and curl/wget (through
 * `lib/shell/programs/net/client.ts`, one exchange at a time, redirects left to the client). A host that is not in
 * the table does not resolve.
 */
import { WEB_SITES, type WebSite } from './webSites';

export const STATUS_REASONS: Readonly<Record<number, string>> = { 200: 'OK', 301: 'Moved Permanently', 302: 'Found', 404: 'Not Found' };

export interface WebResponse {
  readonly status: number;
  /** Go's `resp.Status` text without the code (`Not Found`). */
  readonly reason: string;
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly body: Uint8Array;
}

export interface ParsedWebUrl {
  readonly scheme: 'http' | 'https';
  readonly host: string;
  readonly port: number;
  /** Path without query or fragment. */
  readonly path: string;
}

/** `http(s)://host[:port]/path?query` → its parts; null for anything else. */
export function parseWebUrl(url: string): ParsedWebUrl | null {
  const m = /^(https?):\/\/([^/?#:]+)(?::(\d+))?([^?#]*)/i.exec(url);
  if (!m) return null;
  const scheme = m[1]!.toLowerCase() as 'http' | 'https';
  return { scheme, host: m[2]!.toLowerCase(), port: m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80, path: m[4] === '' ? '/' : m[4]! };
}

const TEXT = new TextEncoder();

export class SimulatedWeb {
  constructor(private readonly _sites: Readonly<Record<string, WebSite>>) {}

  /** The address a public name resolves to, or null (NXDOMAIN). */
  resolve(host: string): string | null {
    return this._sites[host.toLowerCase()]?.address ?? null;
  }

  /** One GET (or HEAD) of `host` + `path`, as the site's server answers it. Null when the host does not resolve. */
  request(host: string, path: string, method = 'GET'): WebResponse | null {
    const site = this._sites[host.toLowerCase()];
    if (!site) return null;
    const clean = path.replace(/[?#].*$/, '') || '/';
    const r = site.paths[clean];
    if (!r) {
      const body = TEXT.encode(site.notFound.body);
      return { status: site.notFound.status, reason: STATUS_REASONS[site.notFound.status] ?? '', headers: [['Content-Type', site.notFound.contentType], ['Content-Length', String(body.length)]], body: method === 'HEAD' ? new Uint8Array(0) : body };
    }
    if (r.kind === 'redirect') {
      return { status: r.status!, reason: STATUS_REASONS[r.status!] ?? '', headers: [['Location', r.location!], ['Content-Length', '0']], body: new Uint8Array(0) };
    }
    const body = r.body!();
    const headers: [string, string][] = [['Content-Type', r.contentType ?? 'application/octet-stream'], ['Content-Length', String(body.length)]];
    if (r.lastModified) headers.push(['Last-Modified', r.lastModified]);
    return { status: 200, reason: 'OK', headers, body: method === 'HEAD' ? new Uint8Array(0) : body };
  }
}

/** The one simulated Internet every machine shares (it is read-only data). */
export const SIMULATED_WEB = new SimulatedWeb(WEB_SITES);

export type FetchResult =
  | { readonly ok: true; readonly response: WebResponse; readonly url: string }
  | { readonly ok: false; readonly error: string };

/** The header's value (case-insensitive name). */
export function headerOf(r: WebResponse, name: string): string | undefined {
  const n = name.toLowerCase();
  return r.headers.find(([k]) => k.toLowerCase() === n)?.[1];
}

/**
 * A GET as Go's net/http client does it for the builders: redirects followed (up to 10), failures worded as Go
 * words them (`Get "<url>": dial tcp: lookup <host> on 127.0.0.53:53: no such host`). Non-2xx final statuses are
 * returned, for each builder to word.
 */
export function webGet(url: string, web: SimulatedWeb = SIMULATED_WEB): FetchResult {
  let current = url;
  for (let hops = 0; hops <= 10; hops++) {
    const u = parseWebUrl(current);
    if (!u) return { ok: false, error: `Get ${JSON.stringify(current)}: unsupported protocol scheme` };
    const r = web.request(u.host, u.path);
    if (!r) return { ok: false, error: `Get ${JSON.stringify(current)}: dial tcp: lookup ${u.host} on 127.0.0.53:53: no such host` };
    if (r.status >= 300 && r.status < 400) {
      const loc = headerOf(r, 'Location');
      if (loc === undefined) return { ok: true, response: r, url: current };
      current = loc;
      continue;
    }
    return { ok: true, response: r, url: current };
  }
  return { ok: false, error: `Get ${JSON.stringify(current)}: stopped after 10 redirects` };
}
