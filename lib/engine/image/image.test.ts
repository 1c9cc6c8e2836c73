import { describe, expect, it } from 'vitest';
import { textContent } from '../fs/Content';
import { LayerBuilder, LayerTree } from '../fs/LayerTree';
import { EMPTY_LAYER_DIFF_ID, sha256 } from '../format/digest';
import { decodeImageConfig } from '../format/imageConfig';
import { parseDockerRef } from '../format/reference';
import { ImageStore } from '../store/ImageStore';
import { append } from './append';
import { Layer } from './Layer';

function fileLayer(path: string, text: string): Layer {
  const b = new LayerBuilder();
  b.add(path, { type: 'file', mode: 0o644, uid: 0, gid: 0, mtimeMs: 0, content: textContent(text) });
  return new Layer(b.freeze());
}

const T0 = '2026-11-23T10:00:00Z';

describe('append', () => {
  it('adds layers and history; metadata steps are empty_layer entries', () => {
    const base = append({ base: null, addenda: [{ layer: fileLayer('/bin/sh', 'sh'), history: { created: T0, created_by: 'ADD rootfs' } }], config: { Cmd: ['sh'] }, created: T0 });
    const next = append({
      base,
      addenda: [
        { history: { created: T0, created_by: 'ENV A=1' } },
        { layer: fileLayer('/app/x', 'x'), history: { created: T0, created_by: 'COPY x /app/' } },
        { layer: new Layer(LayerTree.EMPTY), history: { created: T0, created_by: 'RUN true' } },
      ],
      config: { Cmd: ['sh'], Env: ['A=1'] },
      created: T0,
      parent: base.id,
    });
    expect(next.layers).toHaveLength(2);
    expect(next.diffIds).toHaveLength(2);
    expect(next.config.history!.map((h) => [h.created_by, h.empty_layer ?? false])).toEqual([
      ['ADD rootfs', false],
      ['ENV A=1', true],
      ['COPY x /app/', false],
      ['RUN true', true],
    ]);
    expect(next.diffIds).not.toContain(EMPTY_LAYER_DIFF_ID);
    expect(next.parent).toBe(base.id);
    expect(next.id).toBe(sha256(next.rawConfig));
    expect(decodeImageConfig(next.rawConfig).config?.Env).toEqual(['A=1']);
  });

  it('is deterministic: same inputs, same image ID', () => {
    const mk = () => append({ base: null, addenda: [{ layer: fileLayer('/f', 'same'), history: { created: T0 } }], config: {}, created: T0 });
    expect(mk().id).toBe(mk().id);
  });

  it('the merged tree shows every layer', () => {
    const a = append({ base: null, addenda: [{ layer: fileLayer('/a', '1'), history: {} }], config: {}, created: T0 });
    const b = append({ base: a, addenda: [{ layer: fileLayer('/b', '2'), history: {} }], config: {}, created: T0 });
    expect(b.merged().get('/a')).toBeDefined();
    expect(b.merged().get('/b')).toBeDefined();
    expect(b.size).toBe(2);
  });
});

describe('ImageStore', () => {
  const img = append({ base: null, addenda: [{ layer: fileLayer('/f', 'x'), history: {} }], config: {}, created: T0 });
  const other = append({ base: null, addenda: [{ layer: fileLayer('/g', 'y'), history: {} }], config: {}, created: '2026-11-24T10:00:00Z' });

  it('resolves by reference (default tag), full ID, sha256: ID and unique prefix', () => {
    const s = new ImageStore();
    s.add(img);
    s.add(other);
    s.tag(parseDockerRef('ubuntu'), img.id);
    expect(s.resolve('ubuntu').id).toBe(img.id);
    expect(s.resolve('ubuntu:latest').id).toBe(img.id);
    expect(s.resolve('docker.io/library/ubuntu').id).toBe(img.id);
    expect(s.resolve(img.id).id).toBe(img.id);
    expect(s.resolve(img.id.slice(7)).id).toBe(img.id);
    expect(s.resolve(img.id.slice(7, 19)).id).toBe(img.id);
  });

  it('reports a missing image the daemon way', () => {
    const s = new ImageStore();
    expect(() => s.resolve('foo')).toThrow('No such image: foo:latest');
    expect(() => s.resolve('alice/app:v2')).toThrow('No such image: alice/app:v2');
  });

  it('moves a tag between images and lists refs in order', () => {
    const s = new ImageStore();
    s.add(img);
    s.add(other);
    const events: string[] = [];
    s.onDidChange((c) => events.push(c.kind));
    s.tag(parseDockerRef('app:v1'), img.id);
    s.tag(parseDockerRef('app:latest'), img.id);
    s.tag(parseDockerRef('app:v1'), other.id);
    expect(s.tagsOf(img.id).map((r) => r.tag)).toEqual(['latest']);
    expect(s.tagsOf(other.id).map((r) => r.tag)).toEqual(['v1']);
    expect(events).toEqual(['tagged', 'tagged', 'untagged', 'tagged']);
    expect(s.list()[0]!.id).toBe(other.id);
  });
});
