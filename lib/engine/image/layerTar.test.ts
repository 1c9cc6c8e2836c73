import { describe, expect, it } from 'vitest';
import { textContent, syntheticContent } from '../fs/Content';
import { LayerBuilder, layerFromEntries } from '../fs/LayerTree';
import { EMPTY_LAYER_DIFF_ID, sha256Chunks } from '../format/digest';
import { readTar } from '../format/tar';
import { LayerTree } from '../fs/LayerTree';
import { Layer } from './Layer';
import { computeDiffId, layerTarChunks } from './layerTar';

function concat(chunks: Iterable<Uint8Array>): Uint8Array {
  const parts = [...chunks];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

describe('layer tar', () => {
  it('an empty layer hashes to the empty-tar diff_id Docker uses', () => {
    expect(computeDiffId(LayerTree.EMPTY)).toBe(EMPTY_LAYER_DIFF_ID);
  });

  it('is deterministic and round-trips through the tar reader with whiteouts and opaque markers', () => {
    const tree = layerFromEntries([
      { path: 'etc', type: 'dir', mode: 0o755, uid: 0, gid: 0, mtimeMs: 1_700_000_000_000 },
      { path: 'etc/motd', type: 'file', mode: 0o644, uid: 0, gid: 0, mtimeMs: 1_700_000_000_000, content: textContent('hello\n') },
      { path: 'etc/.wh.legal', type: 'file', mode: 0o600, uid: 0, gid: 0, mtimeMs: 0 },
      { path: 'data', type: 'dir', mode: 0o700, uid: 1000, gid: 1000, mtimeMs: 0 },
      { path: 'data/.wh..wh..opq', type: 'file', mode: 0o700, uid: 1000, gid: 1000, mtimeMs: 0 },
      { path: 'bin', type: 'dir', mode: 0o755, uid: 0, gid: 0, mtimeMs: 0 },
      { path: 'bin/sh', type: 'symlink', mode: 0o777, uid: 0, gid: 0, mtimeMs: 0, linkTarget: 'busybox' },
    ]);
    const bytes = concat(layerTarChunks(tree));
    expect(concat(layerTarChunks(tree))).toEqual(bytes);
    const names = [...readTar(bytes)].map((e) => `${e.type} ${e.name} ${e.mode.toString(8)} ${e.uid}`);
    expect(names).toEqual([
      'dir bin/ 755 0',
      'symlink bin/sh 777 0',
      'dir data/ 700 1000',
      'file data/.wh..wh..opq 700 1000',
      'dir etc/ 755 0',
      'file etc/.wh.legal 600 0',
      'file etc/motd 644 0',
    ]);
    const motd = [...readTar(bytes)].find((e) => e.name === 'etc/motd')!;
    expect(new TextDecoder().decode(motd.data)).toBe('hello\n');
  });

  it('streams synthetic content without changing the digest', () => {
    const b = new LayerBuilder();
    b.add('/usr/bin/big', { type: 'file', mode: 0o755, uid: 0, gid: 0, mtimeMs: 0, content: syntheticContent(3 * 1024 * 1024 + 17, 42) });
    const tree = b.freeze();
    const layer = new Layer(tree);
    const whole = concat(layerTarChunks(tree));
    expect(layer.diffId).toBe(sha256Chunks([whole]).digest);
    expect(layer.tarSize).toBe(whole.length);
    expect(layer.size).toBe(3 * 1024 * 1024 + 17);
  });

  it('a known diff_id is used without hashing', () => {
    const known = EMPTY_LAYER_DIFF_ID;
    const l = new Layer(LayerTree.EMPTY, known);
    expect(l.hasDiffId).toBe(true);
    expect(l.diffId).toBe(known);
  });
});
