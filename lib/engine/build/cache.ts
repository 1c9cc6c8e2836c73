/**
 * BuildKit's build cache of one engine: step key → the layer the step produced (none when it changed nothing), and
 * history key → creation time, so a fully cached rebuild produces the same image ID. It lives beside the image store
 * (the classic builder's cache is the store's intermediate images), is kept in snapshots, and `docker builder prune`
 * empties it.
 */
import type { Engine } from '../Engine';
import { sha256 } from '../format/digest';
import type { Layer } from '../image/Layer';

const TEXT = new TextEncoder();

export interface RecordUsage {
  readonly created: number;
  readonly lastUsed: number | undefined;
  readonly count: number;
}

export interface CacheRecord {
  readonly id: string;
  readonly size: number;
  readonly shared: boolean;
  readonly created: number;
  readonly lastUsed: number | undefined;
  readonly count: number;
}

export class BuildCache {
  /** Step key → the layer it produced (undefined: no change). */
  readonly layers = new Map<string, Layer | undefined>();
  /** History key → creation time. */
  readonly times = new Map<string, string>();
  /** Step key → when the record was made and last used, and how often it was used (`docker system df -v`). */
  readonly usage = new Map<string, RecordUsage>();

  /** A step's result is now cached. */
  store(key: string, layer: Layer | undefined, now: number): void {
    this.layers.set(key, layer);
    this.usage.set(key, { created: now, lastUsed: now, count: 1 });
  }

  /** A build hit the record. */
  used(key: string, now: number): void {
    const u = this.usage.get(key);
    this.usage.set(key, { created: u?.created ?? now, lastUsed: now, count: (u?.count ?? 0) + 1 });
  }

  /**
   * The records as the daemon's disk usage reports them: a record whose layer a stored image holds is shared (its
   * bytes are the image's), the others are the cache's own.
   */
  records(inUse: ReadonlySet<Layer>): CacheRecord[] {
    return [...this.layers].map(([key, layer]) => {
      const u = this.usage.get(key);
      return { id: recordId(key), size: layer?.size ?? 0, shared: layer !== undefined && inUse.has(layer), created: u?.created ?? 0, lastUsed: u?.lastUsed, count: u?.count ?? 0 };
    });
  }

  get isEmpty(): boolean {
    return this.layers.size === 0 && this.times.size === 0;
  }

  /**
   * Empties the cache (`docker builder prune`): the record IDs removed (BuildKit's 25-character IDs) and the bytes
   * freed — layers no stored image uses any more (the others stay on disk with their image).
   */
  prune(inUse: ReadonlySet<Layer>): { readonly ids: string[]; readonly reclaimed: number } {
    const ids: string[] = [];
    let reclaimed = 0;
    const counted = new Set<Layer>();
    for (const [key, layer] of this.layers) {
      ids.push(recordId(key));
      if (layer && !inUse.has(layer) && !counted.has(layer)) {
        counted.add(layer);
        reclaimed += layer.size;
      }
    }
    this.layers.clear();
    this.times.clear();
    this.usage.clear();
    return { ids, reclaimed };
  }
}

/** A cache record's ID as BuildKit shows them (identity.NewID: 25 base-36 characters), derived from its key. */
export function recordId(key: string): string {
  const hex = sha256(TEXT.encode(key)).slice('sha256:'.length, 'sha256:'.length + 32);
  return BigInt(`0x${hex}`).toString(36).padStart(25, '0').slice(-25);
}

const CACHES = new WeakMap<Engine, BuildCache>();

export function buildCacheOf(engine: Engine): BuildCache {
  let c = CACHES.get(engine);
  if (!c) CACHES.set(engine, (c = new BuildCache()));
  return c;
}
