/**
 * The Docker Registry HTTP API v2 as `registry:2` (distribution 2.8) answers it, over a `RegistryStorage`: the base
 * check, `_catalog`, tags, manifests (GET/HEAD/PUT), blobs (GET/HEAD) and uploads (monolithic POST with
 * `?digest=`, cross-repository mount, POST + PATCH + PUT sessions). Errors use distribution's JSON error bodies
 * and codes. Digests are verified on every write.
 */
import { isDigest, sha256, type Digest } from '../../format/digest';
import { decodeManifest } from '../../format/manifest';
import { HttpHeaders, STATUS_TEXT, type HttpRequest, type HttpResponse } from '../../network/http';
import type { RegistryStorage } from './storage';

const JSON_TYPE = 'application/json; charset=utf-8';
const utf8 = new TextEncoder();

function response(status: number, headers: Array<[string, string]>, body: Uint8Array = new Uint8Array(0)): HttpResponse {
  const h = new HttpHeaders([['Docker-Distribution-Api-Version', 'registry/2.0'], ...headers]);
  if (!h.has('Content-Length')) h.set('Content-Length', String(body.length));
  return { version: 'HTTP/1.1', status, reason: STATUS_TEXT[status] ?? '', headers: h, body };
}

function json(status: number, value: unknown, headers: Array<[string, string]> = []): HttpResponse {
  return response(status, [['Content-Type', JSON_TYPE], ...headers], utf8.encode(`${JSON.stringify(value)}\n`));
}

function error(status: number, code: string, message: string, detail: unknown = null): HttpResponse {
  return json(status, { errors: [{ code, message, detail }] });
}

const NAME = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*';
const ROUTES = {
  tags: new RegExp(`^/v2/(${NAME})/tags/list$`),
  manifest: new RegExp(`^/v2/(${NAME})/manifests/([^/]+)$`),
  blob: new RegExp(`^/v2/(${NAME})/blobs/(sha256:[a-f0-9]{64})$`),
  uploads: new RegExp(`^/v2/(${NAME})/blobs/uploads/?$`),
  upload: new RegExp(`^/v2/(${NAME})/blobs/uploads/([a-f0-9-]+)$`),
};

/** `a=1&b=x%3Ay` → lookups (what the registry reads: digest, mount, from). */
function queryParams(query: string): { get(name: string): string | null } {
  const map = new Map<string, string>();
  for (const part of query.split('&')) {
    if (!part) continue;
    const i = part.indexOf('=');
    const dec = (s: string) => {
      try {
        return decodeURIComponent(s.replace(/\+/g, ' '));
      } catch {
        return s;
      }
    };
    const k = dec(i < 0 ? part : part.slice(0, i));
    if (!map.has(k)) map.set(k, dec(i < 0 ? '' : part.slice(i + 1)));
  }
  return { get: (name) => map.get(name) ?? null };
}

export interface RegistryApiOptions {
  /** Upload session IDs (the daemon's random source). */
  readonly newUuid: () => string;
}

export function registryApi(storage: RegistryStorage, options: RegistryApiOptions): (req: HttpRequest) => HttpResponse {
  return (req) => {
    const q = req.target.indexOf('?');
    const path = q < 0 ? req.target : req.target.slice(0, q);
    const params = queryParams(q < 0 ? '' : req.target.slice(q + 1));
    const get = req.method === 'GET' || req.method === 'HEAD';
    let m: RegExpExecArray | null;

    if (path === '/v2/' || path === '/v2') return json(200, {});
    if (path === '/v2/_catalog' && get) return json(200, { repositories: storage.repositories() });
    if ((m = ROUTES.tags.exec(path)) && get) {
      const name = m[1]!;
      if (!storage.hasRepository(name)) return error(404, 'NAME_UNKNOWN', 'repository name not known to registry', { name });
      return json(200, { name, tags: storage.tags(name) });
    }
    if ((m = ROUTES.manifest.exec(path))) {
      const [name, reference] = [m[1]!, m[2]!];
      if (get) {
        const found = storage.manifest(name, reference);
        if (!found) return error(404, 'MANIFEST_UNKNOWN', 'manifest unknown', { Tag: reference });
        let mediaType = 'application/vnd.docker.distribution.manifest.v2+json';
        try {
          mediaType = decodeManifest(found.bytes).mediaType ?? mediaType;
        } catch {
          // stored as pushed; serve it with the default type
        }
        return response(200, [['Content-Type', mediaType], ['Docker-Content-Digest', found.digest], ['Etag', `"${found.digest}"`]], found.bytes);
      }
      if (req.method === 'PUT') {
        let manifest;
        try {
          manifest = decodeManifest(req.body);
        } catch (e) {
          return error(400, 'MANIFEST_INVALID', 'manifest invalid', e instanceof Error ? e.message : String(e));
        }
        for (const d of [manifest.config, ...manifest.layers]) {
          if (!storage.repoHasLayer(name, d.digest)) return error(400, 'MANIFEST_BLOB_UNKNOWN', 'blob unknown to registry', d.digest);
        }
        if (reference.startsWith('sha256:') && sha256(req.body) !== reference) return error(400, 'DIGEST_INVALID', 'provided digest did not match uploaded content');
        const d = storage.putManifest(name, reference, req.body);
        return response(201, [['Docker-Content-Digest', d], ['Location', `/v2/${name}/manifests/${d}`]]);
      }
    }
    if ((m = ROUTES.blob.exec(path)) && get) {
      const [name, digest] = [m[1]!, m[2]! as Digest];
      const data = storage.repoHasLayer(name, digest) ? storage.blob(digest) : undefined;
      if (!data) return error(404, 'BLOB_UNKNOWN', 'blob unknown to registry', digest);
      return response(200, [['Content-Type', 'application/octet-stream'], ['Docker-Content-Digest', digest], ['Etag', `"${digest}"`]], data);
    }
    if ((m = ROUTES.uploads.exec(path)) && req.method === 'POST') {
      const name = m[1]!;
      const mount = params.get('mount');
      const from = params.get('from');
      if (mount && from && isDigest(mount) && storage.repoHasLayer(from, mount)) {
        storage.linkLayer(name, mount);
        return response(201, [['Docker-Content-Digest', mount], ['Location', `/v2/${name}/blobs/${mount}`]]);
      }
      const digest = params.get('digest');
      if (digest) {
        if (sha256(req.body) !== digest) return error(400, 'DIGEST_INVALID', 'provided digest did not match uploaded content');
        storage.putBlob(name, req.body);
        return response(201, [['Docker-Content-Digest', digest], ['Location', `/v2/${name}/blobs/${digest}`]]);
      }
      const uuid = options.newUuid();
      storage.startUpload(name, uuid);
      return response(202, [['Docker-Upload-Uuid', uuid], ['Location', `/v2/${name}/blobs/uploads/${uuid}`], ['Range', '0-0']]);
    }
    if ((m = ROUTES.upload.exec(path)) && (req.method === 'PATCH' || req.method === 'PUT')) {
      const [name, uuid] = [m[1]!, m[2]!];
      const size = storage.appendUpload(name, uuid, req.body);
      if (size === undefined) return error(404, 'BLOB_UPLOAD_UNKNOWN', 'blob upload unknown to registry');
      if (req.method === 'PATCH') return response(202, [['Docker-Upload-Uuid', uuid], ['Location', `/v2/${name}/blobs/uploads/${uuid}`], ['Range', `0-${Math.max(0, size - 1)}`]]);
      const digest = params.get('digest') ?? '';
      const data = storage.finishUpload(name, uuid)!;
      if (sha256(data) !== digest) return error(400, 'DIGEST_INVALID', 'provided digest did not match uploaded content');
      storage.putBlob(name, data);
      return response(201, [['Docker-Content-Digest', digest], ['Location', `/v2/${name}/blobs/${digest}`]]);
    }
    return error(404, 'UNSUPPORTED', 'The operation is unsupported.');
  };
}
