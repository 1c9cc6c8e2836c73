/**
 * A registry's storage on a filesystem, in distribution's own layout (registry 2.x `storage/paths.go`), so a
 * `registry:2` container keeps its data in `/var/lib/registry` (a volume survives `docker rm -f`) and a learner can
 * look at it with `ls`:
 *
 *   docker/registry/v2/blobs/sha256/<2 hex>/<hex>/data
 *   docker/registry/v2/repositories/<name>/_layers/sha256/<hex>/link               (text: sha256:<hex>)
 *   docker/registry/v2/repositories/<name>/_manifests/revisions/sha256/<hex>/link
 *   docker/registry/v2/repositories/<name>/_manifests/tags/<tag>/current/link
 *   docker/registry/v2/repositories/<name>/_manifests/tags/<tag>/index/sha256/<hex>/link
 *   docker/registry/v2/repositories/<name>/_uploads/<uuid>/data
 */
import { sha256, type Digest } from '../../format/digest';
import { isFsError, type FsClient } from '../../fs/Types';

const utf8 = new TextEncoder();
const decode = (b: Uint8Array) => new TextDecoder().decode(b);

export class RegistryStorage {
  private readonly _v2: string;

  constructor(
    private readonly _fs: FsClient,
    root = '/var/lib/registry',
  ) {
    this._v2 = `${root}/docker/registry/v2`;
  }

  private _mkdirp(path: string): void {
    let p = '';
    for (const part of path.split('/').filter(Boolean)) {
      p += `/${part}`;
      try {
        this._fs.mkdir(p, 0o755);
      } catch (e) {
        if (!isFsError(e, 'EEXIST')) throw e;
      }
    }
  }

  private _write(path: string, data: Uint8Array): void {
    this._mkdirp(path.slice(0, path.lastIndexOf('/')));
    this._fs.writeFile(path, data, { mode: 0o644 });
  }

  private _read(path: string): Uint8Array | undefined {
    try {
      return this._fs.readFile(path);
    } catch (e) {
      if (isFsError(e)) return undefined;
      throw e;
    }
  }

  private _list(path: string): string[] {
    try {
      return this._fs.readdir(path);
    } catch (e) {
      if (isFsError(e)) return [];
      throw e;
    }
  }

  private _blobPath(d: Digest): string {
    const hex = d.slice(7);
    return `${this._v2}/blobs/sha256/${hex.slice(0, 2)}/${hex}/data`;
  }

  private _repo(name: string): string {
    return `${this._v2}/repositories/${name}`;
  }

  blob(d: Digest): Uint8Array | undefined {
    return this._read(this._blobPath(d));
  }

  /** Stores content-addressed bytes (verified by the caller) and links them into `name`. */
  putBlob(name: string, data: Uint8Array): Digest {
    const d = sha256(data);
    if (this.blob(d) === undefined) this._write(this._blobPath(d), data);
    this.linkLayer(name, d);
    return d;
  }

  linkLayer(name: string, d: Digest): void {
    this._write(`${this._repo(name)}/_layers/sha256/${d.slice(7)}/link`, utf8.encode(d));
  }

  repoHasLayer(name: string, d: Digest): boolean {
    return this._read(`${this._repo(name)}/_layers/sha256/${d.slice(7)}/link`) !== undefined;
  }

  putManifest(name: string, reference: string, bytes: Uint8Array): Digest {
    const d = sha256(bytes);
    if (this.blob(d) === undefined) this._write(this._blobPath(d), bytes);
    const repo = this._repo(name);
    this._write(`${repo}/_manifests/revisions/sha256/${d.slice(7)}/link`, utf8.encode(d));
    if (!reference.startsWith('sha256:')) {
      this._write(`${repo}/_manifests/tags/${reference}/current/link`, utf8.encode(d));
      this._write(`${repo}/_manifests/tags/${reference}/index/sha256/${d.slice(7)}/link`, utf8.encode(d));
    }
    return d;
  }

  /** The manifest a tag or digest names in `name`. */
  manifest(name: string, reference: string): { digest: Digest; bytes: Uint8Array } | undefined {
    const repo = this._repo(name);
    let digest: Digest | undefined;
    if (reference.startsWith('sha256:')) {
      const link = this._read(`${repo}/_manifests/revisions/sha256/${reference.slice(7)}/link`);
      digest = link ? (decode(link) as Digest) : undefined;
    } else {
      const link = this._read(`${repo}/_manifests/tags/${reference}/current/link`);
      digest = link ? (decode(link) as Digest) : undefined;
    }
    if (!digest) return undefined;
    const bytes = this.blob(digest);
    return bytes ? { digest, bytes } : undefined;
  }

  /** Repository names with at least one manifest, sorted (names may contain `/`). */
  repositories(): string[] {
    const out: string[] = [];
    const walk = (dir: string, prefix: string) => {
      for (const n of this._list(dir)) {
        if (n.startsWith('_')) continue;
        const name = prefix ? `${prefix}/${n}` : n;
        if (this._list(`${dir}/${n}/_manifests`).length) out.push(name);
        walk(`${dir}/${n}`, name);
      }
    };
    walk(`${this._v2}/repositories`, '');
    return out.sort();
  }

  hasRepository(name: string): boolean {
    return this._list(`${this._repo(name)}/_manifests`).length > 0;
  }

  tags(name: string): string[] {
    return this._list(`${this._repo(name)}/_manifests/tags`).sort();
  }

  /** Upload sessions: bytes appended under `_uploads/<uuid>/data`. */
  startUpload(name: string, uuid: string): void {
    this._write(`${this._repo(name)}/_uploads/${uuid}/data`, new Uint8Array(0));
  }

  appendUpload(name: string, uuid: string, data: Uint8Array): number | undefined {
    const path = `${this._repo(name)}/_uploads/${uuid}/data`;
    if (this._read(path) === undefined) return undefined;
    if (data.length) this._fs.writeFile(path, data, { append: true });
    return this._fs.stat(path).size;
  }

  /** Ends an upload: its bytes, and the session removed. */
  finishUpload(name: string, uuid: string): Uint8Array | undefined {
    const dir = `${this._repo(name)}/_uploads/${uuid}`;
    const data = this._read(`${dir}/data`);
    if (data === undefined) return undefined;
    this._fs.unlink(`${dir}/data`);
    this._fs.rmdir(dir);
    return data;
  }
}
