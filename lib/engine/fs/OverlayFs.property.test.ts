/**
 * Property tests: random operation sequences applied to an OverlayFs over layers and to a plain MemFs reference
 * must be indistinguishable through FsClient (same results, same errno, same trees), across commits that turn the
 * upper layer into a new image layer and continue on a fresh container. Along the way: committing then remounting
 * shows the same tree, a layer survives the trip through tar-like entries, and `diff` agrees with a brute-force
 * comparison of the whole container tree against the whole image tree (the go-archive algorithm).
 */

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { changesOf, type Change, layerFromMemNode } from './diff';
import { layerFromEntries, type LayerTree } from './LayerTree';
import { MemFs } from './MemFs';
import { mergeLayers, type MergedTree } from './MergedTree';
import { OverlayFs } from './OverlayFs';
import { snapshot } from './testing/snapshot';
import { type Cred, type FsClient, isFsError, type Stat } from './Types';

const ALICE: Cred = { uid: 1000, gid: 1000, groups: [1000] };
const T0 = 1_700_000_000_000;

type Op =
  | { k: 'mkdir'; p: string; mode: number; user: boolean }
  | { k: 'write'; p: string; data: Uint8Array; append: boolean; user: boolean }
  | { k: 'unlink'; p: string; user: boolean }
  | { k: 'rmdir'; p: string; user: boolean }
  | { k: 'rmrf'; p: string; user: boolean }
  | { k: 'rename'; from: string; to: string; user: boolean }
  | { k: 'symlink'; target: string; p: string; user: boolean }
  | { k: 'chmod'; p: string; mode: number; user: boolean }
  | { k: 'chown'; p: string; uid: number; user: boolean }
  | { k: 'truncate'; p: string; len: number; user: boolean }
  | { k: 'utimes'; p: string; t: number; user: boolean }
  | { k: 'link'; from: string; to: string; user: boolean }
  | { k: 'commit' };

const name = fc.constantFrom('a', 'b');
const pathOf = (depth: number) => fc.array(name, { minLength: depth, maxLength: depth }).map((p) => '/' + p.join('/'));
// Shallow paths dominate so that most operations find their parents and succeed.
const path = fc.oneof({ weight: 4, arbitrary: pathOf(1) }, { weight: 4, arbitrary: pathOf(2) }, { weight: 1, arbitrary: pathOf(3) });
const mode = fc.constantFrom(0o755, 0o777, 0o700, 0o644, 0o1777, 0o555, 0o000, 0o2775);
// Mostly root, so that most operations get past permission checks; sometimes a user, to exercise them.
const user = fc.integer({ min: 0, max: 4 }).map((n) => n === 0);
const target = fc.oneof(path, fc.constantFrom('a', 'b/c', '../a', '..', '.', '/', 'missing', '../../b/a'));

function opArb(withLinks: boolean, withCommits: boolean): fc.Arbitrary<Op> {
  const ops: fc.WeightedArbitrary<Op>[] = [
    { weight: 5, arbitrary: fc.record({ k: fc.constant('mkdir' as const), p: path, mode, user }) },
    { weight: 5, arbitrary: fc.record({ k: fc.constant('write' as const), p: path, data: fc.uint8Array({ maxLength: 6 }), append: fc.boolean(), user }) },
    { weight: 2, arbitrary: fc.record({ k: fc.constant('unlink' as const), p: path, user }) },
    { weight: 2, arbitrary: fc.record({ k: fc.constant('rmdir' as const), p: path, user }) },
    { weight: 2, arbitrary: fc.record({ k: fc.constant('rmrf' as const), p: path, user }) },
    { weight: 3, arbitrary: fc.record({ k: fc.constant('rename' as const), from: path, to: path, user }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constant('symlink' as const), target, p: path, user }) },
    { weight: 2, arbitrary: fc.record({ k: fc.constant('chmod' as const), p: path, mode, user }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constant('chown' as const), p: path, uid: fc.constantFrom(0, 1000), user }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constant('truncate' as const), p: path, len: fc.integer({ min: 0, max: 9 }), user }) },
    { weight: 1, arbitrary: fc.record({ k: fc.constant('utimes' as const), p: path, t: fc.integer({ min: 0, max: 3 }).map((n) => T0 + n * 500), user }) },
  ];
  if (withLinks) ops.push({ weight: 2, arbitrary: fc.record({ k: fc.constant('link' as const), from: path, to: path, user }) });
  if (withCommits) ops.push({ weight: 2, arbitrary: fc.constant({ k: 'commit' as const }) });
  return fc.oneof(...ops);
}

/** `rm -rf`: depth-first, stopping at the first error (so both filesystems stop at the same point). */
function rmrf(fs: FsClient, p: string): void {
  if (fs.lstat(p).type === 'dir') {
    for (const n of fs.readdir(p)) rmrf(fs, `${p}/${n}`);
    fs.rmdir(p);
  } else {
    fs.unlink(p);
  }
}

/** Runs one operation; the outcome is 'ok' or the errno. */
function apply(fs: FsClient, op: Exclude<Op, { k: 'commit' }>): string {
  const v = op.user ? fs.withCred(ALICE) : fs;
  try {
    switch (op.k) {
      case 'mkdir':
        v.mkdir(op.p, op.mode);
        break;
      case 'write':
        v.writeFile(op.p, op.data, { append: op.append, mode: 0o664 });
        break;
      case 'unlink':
        v.unlink(op.p);
        break;
      case 'rmdir':
        v.rmdir(op.p);
        break;
      case 'rmrf':
        rmrf(v, op.p);
        break;
      case 'rename':
        v.rename(op.from, op.to);
        break;
      case 'symlink':
        v.symlink(op.target, op.p);
        break;
      case 'chmod':
        v.chmod(op.p, op.mode);
        break;
      case 'chown':
        v.chown(op.p, op.uid, op.uid, true);
        break;
      case 'truncate':
        v.truncate(op.p, op.len);
        break;
      case 'utimes':
        v.utimes(op.p, op.t);
        break;
      case 'link':
        v.link(op.from, op.to);
        break;
    }
    return 'ok';
  } catch (e) {
    if (isFsError(e)) return e.code;
    throw e;
  }
}

interface Harness {
  tick(): void;
  ref: MemFs;
  ov: OverlayFs;
  /** Layers the overlay's image is made of. */
  layers: LayerTree[];
}

// ---------------------------------------------------------------------------------------------------------------
// Brute-force docker diff over whole trees (go-archive changes.go addChanges), as an oracle for `changesOf`.

interface FileInfo {
  st: Stat;
  children: Map<string, FileInfo>;
}

function collect(fs: FsClient, p = '/'): FileInfo {
  const st = fs.lstat(p);
  const children = new Map<string, FileInfo>();
  if (st.type === 'dir') for (const n of fs.readdir(p)) children.set(n, collect(fs, p === '/' ? `/${n}` : `${p}/${n}`));
  return { st, children };
}

function sameTime(a: number, b: number): boolean {
  const sa = Math.floor(a / 1000);
  const sb = Math.floor(b / 1000);
  return sa === sb && (a - sa * 1000 === b - sb * 1000 || a - sa * 1000 === 0 || b - sb * 1000 === 0);
}

function statDifferent(o: Stat, n: Stat): boolean {
  return (
    o.type !== n.type ||
    o.mode !== n.mode ||
    o.uid !== n.uid ||
    o.gid !== n.gid ||
    o.rdev !== n.rdev ||
    (o.type !== 'dir' && (!sameTime(o.mtimeMs, n.mtimeMs) || o.size !== n.size))
  );
}

function naiveChanges(oldRoot: FileInfo, newRoot: FileInfo): Change[] {
  const out: Change[] = [];
  const added = new Set<FileInfo>();
  const addChanges = (info: FileInfo, old: FileInfo | undefined, p: string) => {
    const at = out.length;
    if (old === undefined) {
      out.push({ kind: 'A', path: p });
      added.add(info);
    }
    const oldChildren = new Map(old !== undefined && info.st.type === 'dir' ? old.children : []);
    for (const n of [...info.children.keys()].sort()) {
      const child = info.children.get(n)!;
      const cp = p === '/' ? `/${n}` : `${p}/${n}`;
      const oc = oldChildren.get(n);
      if (oc !== undefined) {
        if (statDifferent(oc.st, child.st)) {
          out.push({ kind: 'C', path: cp });
          added.add(child);
        }
        oldChildren.delete(n);
      }
      addChanges(child, oc, cp);
    }
    for (const n of [...oldChildren.keys()].sort()) out.push({ kind: 'D', path: p === '/' ? `/${n}` : `${p}/${n}` });
    if (out.length > at && info.st.type === 'dir' && !added.has(info) && p !== '/') out.splice(at, 0, { kind: 'C', path: p });
  };
  addChanges(newRoot, oldRoot, '/');
  return out;
}

// ---------------------------------------------------------------------------------------------------------------

function checkCommitRoundTrips(h: Harness): void {
  const layer = h.ov.commit();
  const image: MergedTree = h.ov.image.append(layer);
  const remounted = new OverlayFs({ image });
  const o = { root: 'none' } as const;
  const expected = snapshot(h.ov, o);
  expect(snapshot(remounted, o)).toEqual(expected);
  // Through tar-like entries and back: the same tree.
  const reread = layerFromEntries(layer.toEntries());
  expect(reread.toEntries()).toEqual(layer.toEntries());
  expect(snapshot(new OverlayFs({ image: h.ov.image.append(reread) }), o)).toEqual(expected);
  // A fresh image built from all layers (no memoised prefix) agrees too.
  expect(snapshot(new OverlayFs({ image: mergeLayers([...h.layers.map((l) => layerFromEntries(l.toEntries())), reread]) }), o)).toEqual(expected);
}

function checkDiff(h: Harness): void {
  const pristine = new OverlayFs({ image: h.ov.image });
  expect(h.ov.diff()).toEqual(naiveChanges(collect(pristine), collect(h.ov)));
  expect(changesOf(h.ov.upper, h.ov.lower)).toEqual(h.ov.diff());
}

describe('OverlayFs vs MemFs reference', () => {
  it('agrees on random operation sequences across commits (no hard links)', () => {
    fc.assert(
      fc.property(fc.array(opArb(false, false), { maxLength: 20, size: 'max' }) as fc.Arbitrary<Exclude<Op, { k: 'commit' }>[]>, fc.array(opArb(false, true), { maxLength: 40, size: 'max' }), (setup, ops) => {
        runWithClock(setup, ops);
      }),
      { numRuns: Number(process.env.FS_PROP_RUNS ?? 200) },
    );
  });

  it('agrees with hard links within one container, and commit keeps them', () => {
    fc.assert(
      fc.property(fc.array(opArb(false, false), { maxLength: 20, size: 'max' }) as fc.Arbitrary<Exclude<Op, { k: 'commit' }>[]>, fc.array(opArb(true, false), { maxLength: 40, size: 'max' }), (setup, ops) => {
        runWithClock(setup, ops);
      }),
      { numRuns: Number(process.env.FS_PROP_RUNS ?? 200) },
    );
  });
});

describe('OverlayFs diff: shrunk counterexamples kept as regressions', () => {
  it('reports what a re-created directory inside an opaque one hides (rm -rf /b; mkdir -p /b/b)', () => {
    runWithClock(
      [
        { k: 'mkdir', p: '/b', mode: 0o777, user: false },
        { k: 'mkdir', p: '/b/b', mode: 0o755, user: true },
        { k: 'write', p: '/b/b/a', data: new Uint8Array(), append: false, user: true },
      ],
      [
        { k: 'rmrf', p: '/b', user: false },
        { k: 'mkdir', p: '/b', mode: 0o755, user: false },
        { k: 'mkdir', p: '/b/b', mode: 0o755, user: false },
      ],
    );
  });
});

/** Layers do not restate `/` (Docker's layer tars skip it): a new container's root has the image's metadata. */
function syncRoot(h: Harness): void {
  const root = h.ov.stat('/');
  Object.assign(h.ref.rootNode, { mode: root.mode, uid: root.uid, gid: root.gid });
}

/** `run` with one clock shared by the reference, the base and every overlay generation. */
function runWithClock(setup: Exclude<Op, { k: 'commit' }>[], ops: Op[]): void {
  let t = T0;
  const now = () => t;
  const ref = new MemFs({ now });
  const base = new MemFs({ now });
  for (const op of setup) {
    t += 1000;
    apply(ref, op);
    apply(base, op);
  }
  const layers: LayerTree[] = [layerFromMemNode(base.rootNode)];
  const h: Harness = { tick: () => (t += 1000), ref, ov: new OverlayFs({ image: mergeLayers(layers), now }), layers };
  syncRoot(h);
  expect(snapshot(h.ov)).toEqual(snapshot(h.ref));
  for (const op of ops) {
    h.tick();
    if (op.k === 'commit') {
      checkCommitRoundTrips(h);
      checkDiff(h);
      const layer = h.ov.commit();
      layers.push(layer);
      h.ov = new OverlayFs({ image: h.ov.image.append(layer), now });
      expect(h.ov.diff()).toEqual([]);
      syncRoot(h);
      continue;
    }
    const a = apply(h.ov, op);
    const b = apply(h.ref, op);
    if (a !== b) expect({ op, overlay: a }).toEqual({ op, overlay: b });
  }
  expect(snapshot(h.ov)).toEqual(snapshot(h.ref));
  checkDiff(h);
  checkCommitRoundTrips(h);
}
