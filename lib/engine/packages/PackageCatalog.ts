/**
 * The package archives containers reach (Debian's mirror, Alpine's CDN, PyPI, the npm registry), as one lazily
 * loaded catalog: each index is fetched on first use, each file list when a package is installed.
 *
 *   const packages = new PackageCatalog(fetchPackageSource('/packages/'));   // nodePackageSource() in Node
 *   const deb = await packages.debian();  deb.get('nginx')
 *
 * The Engine takes a `PackageSource` as its `packages` option and provides the catalog to every container machine
 * under PACKAGE_CATALOG; without one the package managers print their real tools' network errors.
 */

import { serviceKey } from '../process/Types';
import {
  decodeFileListing,
  gunzipJson,
  PACKAGE_PATHS,
  type ApkIndex,
  type ApkPackage,
  type DebIndex,
  type DebPackage,
  type FileListing,
  type ListedFile,
  type NpmIndex,
  type PypiIndex,
  type RpmIndex,
  type RpmPackage,
} from './format';

/** Where package files come from: `path` is relative to the package root (`debian/index.json.gz`). */
export interface PackageSource {
  read(path: string): Promise<Uint8Array>;
}

/** A package file that is missing or unreadable. */
export class PackageSourceError extends Error {
  override readonly name = 'PackageSourceError';
}

type FetchLike = (url: string) => Promise<{ readonly ok: boolean; readonly status: number; arrayBuffer(): Promise<ArrayBuffer> }>;

/** The browser source: files under `baseUrl` (the site serves public/packages at `/packages/`). */
export function fetchPackageSource(baseUrl = '/packages/', fetchFn?: FetchLike): PackageSource {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  return {
    async read(path) {
      // lib/ compiles without the DOM: the page's fetch is looked up at call time.
      const f = fetchFn ?? (globalThis as { fetch?: FetchLike }).fetch;
      if (!f) throw new PackageSourceError('fetch is not available');
      const res = await f(base + path);
      if (!res.ok) throw new PackageSourceError(`${base}${path}: HTTP ${res.status}`);
      return new Uint8Array(await res.arrayBuffer());
    },
  };
}

/** The Debian archive: packages by name and by what they provide. */
export class DebArchive {
  private readonly _byName = new Map<string, DebPackage>();
  private readonly _providers = new Map<string, DebPackage[]>();
  constructor(readonly index: DebIndex) {
    for (const p of index.packages) {
      this._byName.set(p.name, p);
      for (const v of (p.provides ?? '').split(',')) {
        const name = v.trim().split(/[\s(]/)[0];
        if (name) this._providers.set(name, [...(this._providers.get(name) ?? []), p]);
      }
    }
  }
  get(name: string): DebPackage | undefined {
    return this._byName.get(name);
  }
  providers(name: string): readonly DebPackage[] {
    return this._providers.get(name) ?? [];
  }
}

export class ApkArchive {
  private readonly _byName = new Map<string, ApkPackage>();
  constructor(readonly index: ApkIndex) {
    for (const p of index.packages) {
      this._byName.set(p.name, p);
      for (const v of p.provides ?? []) if (!this._byName.has(v)) this._byName.set(v, p);
    }
  }
  get(name: string): ApkPackage | undefined {
    return this._byName.get(name);
  }
}

/** An Enterprise Linux release's repositories (base, updates, extras, epel; ol8_baseos_latest...) as yum/dnf see them. */
export class RpmArchive {
  private readonly _byName = new Map<string, RpmPackage>();
  private readonly _providers = new Map<string, RpmPackage>();
  constructor(readonly index: RpmIndex) {
    for (const p of index.packages) {
      this._byName.set(p.name, p);
      for (const v of p.provides ?? []) if (!this._providers.has(v)) this._providers.set(v, p);
    }
  }
  get(name: string): RpmPackage | undefined {
    return this._byName.get(name);
  }
  /** The package of that name, else the one providing it (`vim` → vim-enhanced), as dnf resolves an argument. */
  resolve(spec: string): RpmPackage | undefined {
    return this._byName.get(spec) ?? this._providers.get(spec);
  }
}

export class PackageCatalog {
  private readonly _cache = new Map<string, Promise<unknown>>();
  constructor(private readonly _source: PackageSource) {}

  private _load<T>(path: string, decode: (bytes: Uint8Array) => T): Promise<T> {
    let p = this._cache.get(path) as Promise<T> | undefined;
    if (!p) {
      p = this._source.read(path).then(decode);
      this._cache.set(path, p);
      p.catch(() => this._cache.delete(path));
    }
    return p;
  }

  debian(): Promise<DebArchive> {
    return this._load(PACKAGE_PATHS.debIndex, (b) => new DebArchive(gunzipJson<DebIndex>(b)));
  }
  /** The files of a Debian package (absolute paths), in archive order (directories before their contents). */
  debFiles(name: string): Promise<ListedFile[]> {
    return this._load(PACKAGE_PATHS.debFiles(name), (b) => decodeFileListing(gunzipJson<FileListing>(b)));
  }
  alpine(): Promise<ApkArchive> {
    return this._load(PACKAGE_PATHS.apkIndex, (b) => new ApkArchive(gunzipJson<ApkIndex>(b)));
  }
  pypi(): Promise<PypiIndex> {
    return this._load(PACKAGE_PATHS.pypiIndex, (b) => gunzipJson<PypiIndex>(b));
  }
  pypiFiles(key: string): Promise<ListedFile[]> {
    return this._load(PACKAGE_PATHS.pypiFiles(key), (b) => decodeFileListing(gunzipJson<FileListing>(b)));
  }
  /** The yum repositories of an Enterprise Linux release (`el7`, `el8`). */
  rpm(dist: string): Promise<RpmArchive> {
    return this._load(PACKAGE_PATHS.rpmIndex(dist), (b) => new RpmArchive(gunzipJson<RpmIndex>(b)));
  }
  npm(): Promise<NpmIndex> {
    return this._load(PACKAGE_PATHS.npmIndex, (b) => gunzipJson<NpmIndex>(b));
  }
}

/** The machine service package managers use; absent means the archives are unreachable. */
export const PACKAGE_CATALOG = serviceKey<PackageCatalog>('packages.catalog');
