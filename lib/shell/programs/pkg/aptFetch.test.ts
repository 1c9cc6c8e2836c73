import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { kept, planUpdate, type UpdateOptions } from './aptFetch';
import type { AptSource } from './aptSources';

const HOSTS = ['http://archive.ubuntu.com/ubuntu', 'http://security.ubuntu.com/ubuntu', 'http://de.archive.ubuntu.com/ubuntu', 'http://nowhere.invalid/ubuntu'];
const SUITES = ['jammy', 'jammy-updates', 'jammy-security', 'jammy-backports', 'noble', 'focal-updates', 'trusty', 'jammmy'];
const COMPS = ['main', 'restricted', 'universe', 'multiverse', 'mian'];

const source = fc.record({ uri: fc.constantFrom(...HOSTS), suite: fc.constantFrom(...SUITES), components: fc.uniqueArray(fc.constantFrom(...COMPS), { minLength: 1, maxLength: 4 }) });
/** Distinct URI+suite pairs, as readSources merges them. */
const sources = fc.uniqueArray(source, { maxLength: 6, selector: (s) => `${s.uri} ${s.suite}` });

function options(listed: ReadonlySet<string>, o: Partial<UpdateOptions> = {}): UpdateOptions {
  return { languages: false, gz: true, gzipIndexes: true, online: true, listed: (n) => listed.has(n), ...o };
}

describe('planUpdate', () => {
  test('property: fetches are numbered 1, 2, 3... as they start, something is fetched iff Get lines show, a second update only hits', () => {
    fc.assert(
      fc.property(sources, fc.boolean(), (srcs: AptSource[], languages) => {
        const first = planUpdate(srcs, options(new Set(), { languages }));
        // apt numbers a fetch when it starts: in order of first appearance the numbers run 1, 2, 3... with no gap;
        // retries (Ign, then Err) repeat the number of their first attempt.
        const seen: number[] = [];
        for (const l of first.lines) {
          const n = Number(/^\w+:(\d+)/.exec(l)?.[1] ?? NaN);
          if (!Number.isNaN(n) && !seen.includes(n)) seen.push(n);
        }
        expect(seen).toEqual(seen.map((_, i) => i + 1));
        expect(first.fetched > 0).toBe(first.lines.some((l) => l.startsWith('Get:')));
        expect(first.write.every((f) => kept(f.name, first.keep))).toBe(true);
        expect(first.lines.some((l) => l.startsWith('Hit:'))).toBe(false);
        const disk = new Set(first.write.map((f) => f.name));
        const second = planUpdate(srcs, options(disk, { languages }));
        expect(second.lines.filter((l) => l.startsWith('Get:'))).toEqual([]);
        expect(second.fetched).toBe(0);
        expect(second.lines.filter((l) => l.startsWith('Hit:')).length).toBe(first.lines.filter((l) => /^Get:\d+ \S+ \S+ (InRelease|Release) /.test(l)).length);
        expect(second.stderr).toBe(first.stderr);
        expect(second.status).toBe(first.status);
      }),
    );
  });

  test('sizes: Order gz prints the .gz size, otherwise .xz; GzipIndexes keeps .lz4 files, without it the plain ones', () => {
    const src: AptSource[] = [{ uri: 'http://archive.ubuntu.com/ubuntu', suite: 'jammy', components: ['universe'] }];
    const gz = planUpdate(src, options(new Set()));
    const xz = planUpdate(src, options(new Set(), { gz: false, gzipIndexes: false }));
    expect(gz.lines[1]).toBe('Get:2 http://archive.ubuntu.com/ubuntu jammy/universe amd64 Packages [17.5 MB]\n');
    expect(xz.lines[1]).toBe('Get:2 http://archive.ubuntu.com/ubuntu jammy/universe amd64 Packages [14.1 MB]\n');
    expect(gz.write.map((f) => f.name)).toEqual(['archive.ubuntu.com_ubuntu_dists_jammy_InRelease', 'archive.ubuntu.com_ubuntu_dists_jammy_universe_binary-amd64_Packages.lz4']);
    // The uncompressed size jammy's InRelease gives universe's Packages.
    expect(xz.write[1]).toEqual({ name: 'archive.ubuntu.com_ubuntu_dists_jammy_universe_binary-amd64_Packages', size: 64332414 });
  });
});
