/**
 * Containers by ID and name. Lookup follows the daemon (daemon/container/view.go GetByPrefix): a full ID, an exact
 * name (with or without the leading `/`), then a unique ID prefix.
 */

import { noSuchContainer } from '../errors';
import type { Container } from '../container/Container';

export type ContainerStoreChange =
  | { readonly kind: 'added'; readonly id: string }
  | { readonly kind: 'removed'; readonly id: string }
  | { readonly kind: 'state'; readonly id: string }
  | { readonly kind: 'renamed'; readonly id: string };

export class ContainerStore {
  private readonly _byId = new Map<string, Container>();
  private readonly _listeners = new Set<(c: ContainerStoreChange) => void>();

  onDidChange(listener: (c: ContainerStoreChange) => void): () => void {
    this._listeners.add(listener);
    return () => this._listeners.delete(listener);
  }

  emit(c: ContainerStoreChange): void {
    for (const l of [...this._listeners]) l(c);
  }

  add(c: Container): void {
    this._byId.set(c.id, c);
    this.emit({ kind: 'added', id: c.id });
  }

  remove(id: string): void {
    if (this._byId.delete(id)) this.emit({ kind: 'removed', id });
  }

  get(id: string): Container | undefined {
    return this._byId.get(id);
  }

  /** Newest first (the order of `docker ps`). */
  list(): Container[] {
    return [...this._byId.values()].sort((a, b) => b.createdMs - a.createdMs || (a.id < b.id ? 1 : -1));
  }

  byName(name: string): Container | undefined {
    const n = name.startsWith('/') ? name.slice(1) : name;
    for (const c of this._byId.values()) if (c.name === n) return c;
    return undefined;
  }

  find(nameOrId: string): Container | undefined {
    const exact = this._byId.get(nameOrId);
    if (exact) return exact;
    const named = this.byName(nameOrId);
    if (named) return named;
    if (!/^[0-9a-f]+$/.test(nameOrId)) return undefined;
    let match: Container | undefined;
    for (const [id, c] of this._byId) {
      if (id.startsWith(nameOrId)) {
        if (match) return undefined;
        match = c;
      }
    }
    return match;
  }

  resolve(nameOrId: string): Container {
    const c = this.find(nameOrId);
    if (!c) throw noSuchContainer(nameOrId);
    return c;
  }

  /** Containers created from an image (any state). */
  usingImage(imageId: string): Container[] {
    return this.list().filter((c) => c.image.id === imageId);
  }
}
