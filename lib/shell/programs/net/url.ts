/** URLs as curl and wget take them: scheme optional (http assumed), host, optional port, path with query. */

export interface HttpUrl {
  readonly scheme: string;
  readonly host: string;
  /** Explicit or the scheme's default. */
  readonly port: number;
  readonly explicitPort: boolean;
  /** Path and query, at least `/`. */
  readonly path: string;
}

export type UrlProblem = { readonly kind: 'malformed' } | { readonly kind: 'unsupported'; readonly scheme: string };

const DEFAULT_PORTS: Readonly<Record<string, number>> = { http: 80, https: 443 };

export function parseUrl(raw: string): HttpUrl | UrlProblem {
  let rest = raw;
  let scheme = 'http';
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(rest);
  if (m) {
    scheme = m[1]!.toLowerCase();
    rest = rest.slice(m[0].length);
  }
  if (!(scheme in DEFAULT_PORTS)) return { kind: 'unsupported', scheme: m ? m[1]! : scheme };
  const slash = rest.search(/[/?#]/);
  const authority = slash < 0 ? rest : rest.slice(0, slash);
  let path = slash < 0 ? '/' : rest.slice(slash);
  path = path.replace(/#.*$/, '');
  if (path.startsWith('?')) path = `/${path}`;
  if (path === '') path = '/';
  const hostPort = authority.includes('@') ? authority.slice(authority.lastIndexOf('@') + 1) : authority;
  let host = hostPort;
  let port = DEFAULT_PORTS[scheme]!;
  let explicitPort = false;
  const pm = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(hostPort);
  if (!pm) return { kind: 'malformed' };
  host = pm[1]!;
  if (pm[2] !== undefined && pm[2] !== '') {
    port = Number(pm[2]);
    if (port > 65535) return { kind: 'malformed' };
    explicitPort = true;
  }
  if (host === '') return { kind: 'malformed' };
  return { scheme, host: host.toLowerCase(), port, explicitPort, path };
}

export function isUrlProblem(u: HttpUrl | UrlProblem): u is UrlProblem {
  return 'kind' in u;
}

/** `Host:` header value: the port only when not the default. */
export function hostHeader(u: HttpUrl): string {
  return u.explicitPort && u.port !== DEFAULT_PORTS[u.scheme] ? `${u.host}:${u.port}` : u.host;
}

export function formatUrl(u: HttpUrl): string {
  return `${u.scheme}://${hostHeader(u)}${u.path}`;
}

/** A Location header relative to the URL it came from. */
export function resolveLocation(base: HttpUrl, location: string): HttpUrl | UrlProblem {
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(location)) return parseUrl(location);
  if (location.startsWith('//')) return parseUrl(`${base.scheme}:${location}`);
  const origin = `${base.scheme}://${hostHeader(base)}`;
  if (location.startsWith('/')) return parseUrl(origin + location);
  const dir = base.path.replace(/[?#].*$/, '').replace(/[^/]*$/, '');
  return parseUrl(origin + dir + location);
}
