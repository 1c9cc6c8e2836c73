/**
 * Test helpers: build archives by hand (the older docker-archive layout, OCI layouts, hostile tars), snapshot the
 * engine's image state to prove a failed load changed nothing, and compress with the real tools.
 */
import { execFileSync } from 'node:child_process';
import { writeTar, type TarWriteEntry } from '../../format/tar';
import { referenceString } from '../../format/reference';
import type { ImageStore } from '../../store/ImageStore';

const utf8 = new TextEncoder();

export const file = (name: string, data: Uint8Array | string, extra: Partial<TarWriteEntry> = {}): TarWriteEntry => ({
  name,
  type: 'file',
  mode: 0o644,
  content: typeof data === 'string' ? utf8.encode(data) : data,
  ...extra,
});
export const dir = (name: string): TarWriteEntry => ({ name, type: 'dir', mode: 0o755 });
export const symlink = (name: string, target: string): TarWriteEntry => ({ name, type: 'symlink', linkname: target, mode: 0o777 });
export const hardlink = (name: string, target: string): TarWriteEntry => ({ name, type: 'hardlink', linkname: target });

export function tar(entries: TarWriteEntry[]): Uint8Array {
  return writeTar(entries);
}

/** Everything a load could change, as one comparable value. */
export function storeSnapshot(store: ImageStore): string {
  const images = store
    .list()
    .map((i) => `${i.id} ${i.parent ?? '-'} ${i.layers.map((l) => (l.hasDiffId ? l.diffId : '?')).join(',')}`)
    .sort();
  const refs = store.references().map(([r, id]) => `${referenceString(r)} -> ${id}`);
  return JSON.stringify({ images, refs });
}

/** Compresses with the real command-line tool (bzip2, xz, zstd, gzip). */
export function compressWith(tool: 'bzip2' | 'xz' | 'zstd' | 'gzip', data: Uint8Array): Uint8Array {
  return new Uint8Array(execFileSync(tool, ['-c'], { input: data, maxBuffer: 1 << 30 }));
}
