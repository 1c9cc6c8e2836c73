import { describe, expect, it } from 'vitest';
import { textContent } from './Content';
import { InvalidLayerError, LayerBuilder, layerFromEntries, LayerTree, type TarLikeEntry } from './LayerTree';
import { INO_STRIDE, mergeLayers, MergedTree } from './MergedTree';
import { OverlayFs } from './OverlayFs';

const T = 1_700_000_000_000;
const dir = (path: string, mode = 0o755): TarLikeEntry => ({ path, type: 'dir', mode, uid: 0, gid: 0, mtimeMs: T });
const file = (path: string, text = '', mode = 0o644): TarLikeEntry => ({ path, type: 'file', mode, uid: 0, gid: 0, mtimeMs: T, content: textContent(text) });
const link = (path: string, linkTarget: string): TarLikeEntry => ({ path, type: 'hardlink', mode: 0o644, uid: 0, gid: 0, mtimeMs: T, linkTarget });

describe('layerFromEntries', () => {
  it('reads whiteouts and opaque markers (OCI layer.md)', () => {
    const layer = layerFromEntries([dir('etc'), file('etc/.wh.legal'), dir('data'), file('data/.wh..wh..opq'), file('data/new', 'n'), file('.wh.tmp')]);
    expect(layer.get('/etc/legal')).toEqual({ type: 'whiteout' });
    expect(layer.get('/tmp')).toEqual({ type: 'whiteout' });
    const data = layer.get('/data');
    expect(data?.type === 'dir' && data.opaque).toBe(true);
    expect(layer.get('/etc/.wh.legal')).toBeUndefined();
  });

  it('applies an opaque marker wherever it appears among the directory entries', () => {
    const a = layerFromEntries([dir('d'), file('d/x'), file('d/.wh..wh..opq')]);
    const b = layerFromEntries([file('d/.wh..wh..opq'), dir('d'), file('d/x')]);
    expect(a.toEntries()).toEqual(b.toEntries());
  });

  it('rejects invalid whiteouts with the engine message and skips AUFS metadata', () => {
    expect(() => layerFromEntries([file('etc/.wh.')])).toThrow(new InvalidLayerError('invalid whiteout entry ".wh."'));
    expect(() => layerFromEntries([file('.wh..')])).toThrow('invalid whiteout entry ".wh.."');
    expect(() => layerFromEntries([file('.wh...')])).toThrow('invalid whiteout entry ".wh..."');
    const l = layerFromEntries([file('.wh..wh.plnk/1234'), file('.wh..wh.aufs'), file('.wh..hidden')]);
    expect([...l.walk()].map(([p, e]) => [p, e.type])).toEqual([['/.hidden', 'whiteout']]);
  });

  it('keeps an entry of the same layer that a whiteout names; a re-created directory becomes opaque', () => {
    const l = layerFromEntries([file('.wh.f'), file('f', 'new'), file('.wh.d'), dir('d'), file('d/x')]);
    expect(l.get('/f')?.type).toBe('file');
    const d = l.get('/d');
    expect(d?.type === 'dir' && d.opaque).toBe(true);
  });

  it('shares one inode between hard links of the layer, in any order', () => {
    const l = layerFromEntries([link('usr/bin/perl5', 'usr/bin/perl'), dir('usr'), dir('usr/bin'), file('usr/bin/perl', 'p', 0o755)]);
    expect(l.get('/usr/bin/perl5')).toBe(l.get('/usr/bin/perl'));
    expect(l.size).toBe(1);
    expect(l.toEntries().map((e) => [e.path, e.type, e.linkTarget])).toEqual([
      ['usr', 'dir', undefined],
      ['usr/bin', 'dir', undefined],
      ['usr/bin/perl', 'file', undefined],
      ['usr/bin/perl5', 'hardlink', 'usr/bin/perl'],
    ]);
  });

  it('normalises member paths and refuses to escape the root', () => {
    const l = layerFromEntries([file('./a/b/../c', 'x'), dir('/abs/')]);
    expect(l.get('/a/c')?.type).toBe('file');
    expect(l.get('/abs')?.type).toBe('dir');
    expect(() => layerFromEntries([file('../evil')])).toThrow(InvalidLayerError);
  });
});

describe('layerToEntries', () => {
  it('is deterministic: parents first, opaque marker after its dir, siblings by member name, implicit dirs left out', () => {
    const b = new LayerBuilder();
    b.add('/z/file', { type: 'file', mode: 0o644, uid: 0, gid: 0, mtimeMs: T, content: textContent('z') });
    b.add('/a', { type: 'dir', mode: 0o700, uid: 1, gid: 1, mtimeMs: T, opaque: true });
    b.add('/a/b', { type: 'symlink', mode: 0o777, uid: 0, gid: 0, mtimeMs: T, target: '../z' });
    b.whiteout('/a/gone');
    b.add('/dev/null', { type: 'chardev', mode: 0o666, uid: 0, gid: 0, mtimeMs: T, rdev: 259 });
    const l = b.freeze();
    expect(l.toEntries().map((e) => `${e.type} ${e.path}${e.linkTarget ? ' -> ' + e.linkTarget : ''}`)).toEqual([
      'dir a',
      'file a/.wh..wh..opq',
      'file a/.wh.gone',
      'symlink a/b -> ../z',
      'chardev dev/null',
      'file z/file',
    ]);
    const wh = l.toEntries().find((e) => e.path === 'a/.wh.gone')!;
    expect(wh).toMatchObject({ mode: 0o600, uid: 0, gid: 0, mtimeMs: T });
    expect(l.toEntries().find((e) => e.path === 'a/.wh..wh..opq')).toMatchObject({ mode: 0o700, uid: 1, gid: 1 });
    // Round trip.
    expect(layerFromEntries(l.toEntries()).toEntries()).toEqual(l.toEntries());
  });

  it('emits an explicit root as `.`', () => {
    const l = layerFromEntries([{ ...dir('.', 0o700) }, file('x')]);
    expect(l.toEntries().map((e) => e.path)).toEqual(['.', 'x']);
    expect(mergeLayers([l]).root.inode.mode).toBe(0o700);
  });
});

describe('MergedTree', () => {
  const base = layerFromEntries([dir('bin'), file('bin/a', 'a'), link('bin/b', 'bin/a'), dir('etc'), file('etc/x', 'x'), dir('opt'), dir('opt/sub'), file('opt/sub/y')]);

  it('tracks the origin layer, inode numbers and link counts', () => {
    const top = layerFromEntries([link('bin/c', 'bin/a'), file('etc/x', 'X'), file('bin/.wh.b')]);
    const t = mergeLayers([base, top]);
    expect(t.layerOf('/etc/x')).toBe(1);
    expect(t.layerOf('/bin/a')).toBe(0);
    expect(t.layerOf('/bin')).toBe(0); // not restated by the top layer
    expect(t.layerOf('/nope')).toBeUndefined();
    expect(t.get('/bin/c')).toBe(t.get('/bin/a'));
    expect(t.nlink(t.get('/bin/a')!)).toBe(2); // a + c; b was whited out
    expect(mergeLayers([base]).nlink(mergeLayers([base]).get('/bin/a')!)).toBe(2);
    expect(t.root.ino).toBe(2);
    expect(t.get('/etc/x')!.ino).toBeGreaterThanOrEqual(2 * INO_STRIDE);
    expect(t.get('/opt')!.subdirs).toBe(1);
  });

  it('shares untouched subtrees with the tree below and memoises appends', () => {
    const top = layerFromEntries([dir('etc'), file('etc/y')]);
    const below = mergeLayers([base]);
    const t = below.append(top);
    expect(t.get('/opt')).toBe(below.get('/opt'));
    expect(t.get('/etc')).not.toBe(below.get('/etc'));
    expect(below.append(top)).toBe(t);
    expect(mergeLayers([base, top])).toBe(t);
    expect(MergedTree.EMPTY.append(LayerTree.EMPTY).get('/')?.children?.size).toBe(0);
  });

  it('replaces directories by files and files by directories across layers', () => {
    const top = layerFromEntries([file('opt', 'now a file'), dir('etc/x'), file('etc/x/inner')]);
    const t = mergeLayers([base, top]);
    expect(t.get('/opt')!.children).toBeNull();
    expect(t.get('/opt/sub')).toBeUndefined();
    expect(t.get('/etc/x/inner')).toBeDefined();
    expect(t.root.subdirs).toBe(2);
  });

  it('rejects hard links to missing lower files', () => {
    expect(() => mergeLayers([base, layerFromEntries([link('x', 'nope')])])).toThrow(InvalidLayerError);
  });

  it('stat costs the same on a 100-layer image as on a 1-layer image (O(depth) lookups)', () => {
    const layers = [base];
    for (let i = 0; i < 99; i++) layers.push(layerFromEntries([dir('var'), file(`var/f${i}`, String(i))]));
    const deep = new OverlayFs({ image: mergeLayers(layers) });
    const shallow = new OverlayFs({ image: mergeLayers([base]) });
    // Count store lookups rather than time: both walk the same 3 components.
    const count = (fs: OverlayFs) => {
      let n = 0;
      const store = fs.nodeStore;
      const orig = store.lookup.bind(store);
      store.lookup = (d, name) => {
        n++;
        return orig(d, name);
      };
      fs.stat('/opt/sub/y');
      store.lookup = orig;
      return n;
    };
    expect(count(deep)).toBe(count(shallow));
  });
});
