/**
 * Volumes: named or anonymous directories the daemon keeps outside any container's layers (`docker volume`,
 * `-v name:/path`, image `VOLUME`s). Each is an in-memory filesystem; containers mount it, `docker commit` and
 * `docker diff` never see what is written there, and it outlives the containers that used it.
 */
import { MemFs } from '../fs/MemFs';

export interface Volume {
  readonly name: string;
  readonly fs: MemFs;
  readonly createdMs: number;
  /** Made for one container (64-hex name): removed with it by `--rm` and `docker rm -v`. */
  readonly anonymous: boolean;
  readonly labels: Readonly<Record<string, string>>;
}

/** The label Docker puts on anonymous volumes. */
export const ANONYMOUS_LABEL = 'com.docker.volume.anonymous';

/** moby's volume name rule for the local driver. */
export const VOLUME_NAME = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;

export type VolumeStoreChange = { readonly kind: 'create' | 'remove'; readonly name: string };

export class VolumeStore {
  private readonly _volumes = new Map<string, Volume>();
  private readonly _listeners = new Set<(c: VolumeStoreChange) => void>();

  onDidChange(listener: (c: VolumeStoreChange) => void): () => void {
    this._listeners.add(listener);
    return () => this._listeners.delete(listener);
  }

  private _emit(c: VolumeStoreChange): void {
    for (const l of [...this._listeners]) l(c);
  }

  /** The volume `name`, made (empty) if it does not exist yet; `created` says which. */
  ensure(name: string, options: { now: number; anonymous?: boolean; labels?: Record<string, string> }): { volume: Volume; created: boolean } {
    const found = this._volumes.get(name);
    if (found) return { volume: found, created: false };
    const volume: Volume = {
      name,
      fs: new MemFs({ now: () => options.now }),
      createdMs: options.now,
      anonymous: options.anonymous ?? false,
      labels: options.labels ?? {},
    };
    volume.fs.chmod('/', 0o755);
    this._volumes.set(name, volume);
    this._emit({ kind: 'create', name });
    return { volume, created: true };
  }

  get(name: string): Volume | undefined {
    return this._volumes.get(name);
  }

  /** In creation order. */
  list(): Volume[] {
    return [...this._volumes.values()];
  }

  remove(name: string): void {
    if (this._volumes.delete(name)) this._emit({ kind: 'remove', name });
  }
}
