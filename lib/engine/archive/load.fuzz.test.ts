/**
 * Loader fuzzing: generated tars (members drawn from the names and contents a loader looks at, hostile ones
 * included) and mutated real archives (bit flips, cuts, spliced bytes, compressed or not). Whatever the input,
 * `planLoad` either succeeds or throws an ArchiveError, and an error leaves the engine's state as it was.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { gzip } from '../format/compression';
import { sha256 } from '../format/digest';
import type { TarWriteEntry } from '../format/tar';
import { dockerTest } from '../cli/testing/harness';
import { ArchiveError } from './ArchiveError';
import { applyLoad, planLoad } from './load';
import { saveImages } from './save';
import { storeSnapshot, tar } from './testing/archives';

const LIMITS = { maxBytes: 8 << 20 };

function attempt(t: ReturnType<typeof dockerTest>, bytes: Uint8Array): void {
  const before = storeSnapshot(t.engine.images);
  let plan;
  try {
    plan = planLoad(t.engine.images, bytes, LIMITS);
  } catch (e) {
    if (!(e instanceof ArchiveError)) throw e;
    expect(storeSnapshot(t.engine.images)).toBe(before);
    return;
  }
  applyLoad(t.engine.images, plan);
}

const t0 = dockerTest();
const good = saveImages(t0.engine.images, ['busybox']).bytes();
const cfgHex = t0.busybox.id.slice(7);
const layerHex = t0.busybox.layers[0]!.diffId.slice(7);

const names = fc.constantFrom(
  'manifest.json',
  'oci-layout',
  'index.json',
  'repositories',
  `blobs/sha256/${cfgHex}`,
  `blobs/sha256/${layerHex}`,
  `${cfgHex}.json`,
  'layer.tar',
  'blobs/',
  'blobs/sha256/',
  '../evil',
  '/abs',
  './manifest.json',
  'a/../../b',
  'x/.wh..wh..opq',
  '.wh.manifest.json',
);
const jsonish = fc.oneof(
  fc.constant('[]'),
  fc.constant('null'),
  fc.constant('{"imageLayoutVersion":"1.0.0"}'),
  fc.constant(`[{"Config":"blobs/sha256/${cfgHex}","RepoTags":["a:b"],"Layers":["blobs/sha256/${layerHex}"]}]`),
  fc.constant(`[{"Config":"${cfgHex}.json","RepoTags":null,"Layers":["layer.tar","layer.tar"]}]`),
  fc.constant(`{"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:${cfgHex}","size":3}]}`),
  fc.json(),
  fc.string(),
);
const entry: fc.Arbitrary<TarWriteEntry> = fc.oneof(
  fc.record({ name: names, type: fc.constant('file' as const), content: jsonish.map((s) => new TextEncoder().encode(s)) }),
  fc.record({ name: names, type: fc.constant('file' as const), content: fc.constantFrom(good, t0.busybox.rawConfig, gzip(good), new Uint8Array(0)) }),
  fc.record({ name: names, type: fc.constant('dir' as const) }),
  fc.record({ name: names, type: fc.constantFrom('symlink' as const, 'hardlink' as const), linkname: fc.oneof(names, fc.constantFrom('../../etc/passwd', '/etc/shadow', 'manifest.json')) }),
);

describe('docker load fuzzing', () => {
  test('generated archives: success or an ArchiveError, state unchanged on error', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 8 }), (entries) => {
        attempt(dockerTest(), tar(entries));
      }),
      { numRuns: 300 },
    );
  });

  test('mutated saves (plain and gzip): bit flips, cuts and splices', () => {
    const mutation = fc.oneof(
      fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), bit: fc.integer({ min: 0, max: 7 }) }),
      fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('splice' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 600 }) }),
    );
    fc.assert(
      fc.property(fc.boolean(), fc.array(mutation, { minLength: 1, maxLength: 4 }), (compressed, mutations) => {
        let b: Uint8Array = compressed ? gzip(good) : good.slice();
        for (const m of mutations) {
          const at = b.length === 0 ? 0 : m.at % b.length;
          if (m.kind === 'flip') {
            b = b.slice();
            if (b.length) b[at] = b[at]! ^ (1 << m.bit);
          } else if (m.kind === 'cut') b = b.slice(0, at);
          else {
            const out = new Uint8Array(b.length + m.bytes.length);
            out.set(b.subarray(0, at));
            out.set(m.bytes, at);
            out.set(b.subarray(at), at + m.bytes.length);
            b = out;
          }
        }
        const t = dockerTest();
        attempt(t, b);
        // A mutation that changes nothing that matters still loads the same image.
        if (sha256(b) === sha256(good)) expect(t.engine.images.resolve('busybox').id).toBe(t0.busybox.id);
      }),
      { numRuns: 200 },
    );
  });

  test('through the CLI: status 0 or 1, never an internal error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { maxLength: 6 }), async (entries) => {
        const t = dockerTest();
        const before = storeSnapshot(t.engine.images);
        const r = await t.run(['load'], { stdin: tar(entries) });
        expect([0, 1]).toContain(r.status);
        expect(r.stderr).not.toContain('internal error');
        if (r.status === 1) {
          expect(r.stderr.startsWith('Error response from daemon: ')).toBe(true);
          expect(storeSnapshot(t.engine.images)).toBe(before);
        }
      }),
      { numRuns: 40 },
    );
  });
});
