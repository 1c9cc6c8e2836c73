/**
 * `ADD <url>` sources (docker.md §6.6): the file is downloaded from the simulated web (redirects followed), named
 * after the URL's last path element, mode 0600, owned by root, its mtime the response's Last-Modified (the epoch when
 * there is none), and never extracted. Each builder words the failures its own way (BuildKit's http source:
 * `invalid response status 404`; the classic builder: `failed to GET <url> with status 404 Not Found: <body>`).
 */
import { sha256 } from '../../format/digest';
import { headerOf, webGet } from '../../network/web';
import type { CopyMatch } from './copy';

export interface RemoteFile {
  readonly url: string;
  readonly filename: string;
  readonly data: Uint8Array;
  readonly mtimeMs: number;
  /** `sha256:<hex>` of the content (BuildKit's cache key and `--checksum`). */
  readonly digest: string;
  readonly lastModified: string | undefined;
}

export type RemoteResult = { readonly ok: true; readonly file: RemoteFile } | { readonly ok: false; readonly error: string };

export const isUrl = (s: string) => /^https?:\/\//i.test(s);

/** The file name a download gets: the URL path's last element (`path.Base`), `__unnamed__` when there is none. */
export function remoteFileName(url: string): string {
  const path = url.replace(/^https?:\/\/[^/?#]*/i, '').replace(/[?#].*$/, '');
  const parts = path.split('/').filter((p) => p !== '');
  return parts.length === 0 ? '__unnamed__' : parts[parts.length - 1]!;
}

export function fetchRemote(url: string, classic: boolean): RemoteResult {
  const r = webGet(url);
  if (!r.ok) return { ok: false, error: r.error };
  const res = r.response;
  if (res.status < 200 || res.status >= 400) {
    if (classic) {
      const body = new TextDecoder().decode(res.body).trim();
      return { ok: false, error: `failed to GET ${url} with status ${res.status} ${res.reason}: ${body}` };
    }
    return { ok: false, error: `invalid response status ${res.status}` };
  }
  const lastModified = headerOf(res, 'Last-Modified');
  const parsed = lastModified !== undefined ? Date.parse(lastModified) : NaN;
  return {
    ok: true,
    file: {
      url,
      filename: remoteFileName(url),
      data: res.body,
      mtimeMs: Number.isNaN(parsed) ? 0 : parsed,
      digest: sha256(res.body),
      lastModified,
    },
  };
}

/** A downloaded file as a COPY/ADD source match (a file node that ADD must not extract). */
export function remoteMatch(f: RemoteFile): CopyMatch {
  return {
    path: f.filename,
    node: { type: 'file', mode: 0o600, uid: 0, gid: 0, mtimeMs: f.mtimeMs, target: '', data: () => f.data },
    remote: true,
    hash: `url:${f.filename}:${f.digest}:${f.lastModified ?? ''}`,
  };
}
