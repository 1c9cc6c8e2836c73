import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentId } from '../../fs/Content';
import { programOf } from '../../fs/executable';
import { layerFromEntries } from '../../fs/LayerTree';
import { computeDiffId } from '../../image/layerTar';
import type { Digest } from '../../format/digest';
import { decodeLayerListing, encodeLayerListing, listingEntries, listingNeedsSharedTexts, type ListedEntry } from './format';

const D = ('sha256:' + '0'.repeat(64)) as Digest;
const name = fc.stringMatching(/^[a-zA-Z0-9._\t\n\\ -]{1,12}$/).filter((s) => s !== '.' && s !== '..' && !s.startsWith('.wh.'));

describe('layer listing codec', () => {
  it('round-trips names with tabs, newlines and backslashes, and every content kind', () => {
    fc.assert(
      fc.property(fc.uniqueArray(name, { minLength: 1, maxLength: 8 }), fc.string(), fc.nat(100_000), (names, text, size) => {
        const entries: ListedEntry[] = names.map((n, i) => {
          const base = { path: `d/${n}`, mode: 0o644, uid: i, gid: 0, mtime: 1_700_000_000 + i };
          switch (i % 5) {
            case 0: return { ...base, type: 'file', content: { kind: 'text', text } };
            case 1: return { ...base, type: 'file', content: { kind: 'synthetic', size, seed: i * 977 } };
            case 2: return { ...base, type: 'file', content: { kind: 'program', size: size + 64, seed: i, program: 'ls' } };
            case 3: return { ...base, type: 'symlink', linkTarget: `../x\t${n}` };
            default: return { ...base, type: 'file', content: { kind: 'elf', size: size + 16, seed: 7 } };
          }
        });
        const listing = decodeLayerListing(encodeLayerListing(D, entries, () => undefined));
        expect(listingNeedsSharedTexts(listing)).toBe(false);
        const decoded = listingEntries(listing, undefined);
        expect(decoded.map((e) => [e.path, e.type, e.uid, e.mtimeMs, e.linkTarget])).toEqual(entries.map((e) => [e.path, e.type, e.uid, e.mtime * 1000, e.linkTarget]));
        decoded.forEach((e, i) => {
          const c = entries[i]!.content;
          if (c?.kind === 'text') expect(new TextDecoder().decode(e.content!.bytes())).toBe(text);
          if (c?.kind === 'program') expect(programOf(e.content!.read(0, 128))).toBe('ls');
          if (c?.kind === 'synthetic') expect(contentId(e.content!)).toBe(`syn:${size}:${i * 977}:`);
        });
      }),
      { numRuns: 50 },
    );
  });

  it('shared texts are referenced by key and resolved from the table', () => {
    const entries: ListedEntry[] = [{ path: 'etc/a', type: 'file', mode: 0o644, uid: 0, gid: 0, mtime: 0, content: { kind: 'text', text: 'shared\n' } }];
    const listing = decodeLayerListing(encodeLayerListing(D, entries, () => 'abc123'));
    expect(listingNeedsSharedTexts(listing)).toBe(true);
    const [e] = listingEntries(listing, { abc123: 'shared\n' });
    expect(new TextDecoder().decode(e!.content!.bytes())).toBe('shared\n');
    expect(() => listingEntries(listing, {})).toThrow('shared text abc123 missing');
  });

  it('the encoding is a pure function of the entries (same bytes twice), and decoding preserves the diff_id', () => {
    const entries: ListedEntry[] = [
      { path: 'bin', type: 'dir', mode: 0o755, uid: 0, gid: 0, mtime: 5 },
      { path: 'bin/sh', type: 'file', mode: 0o755, uid: 0, gid: 0, mtime: 5, content: { kind: 'program', size: 100_000, seed: 3, program: 'busybox' } },
      { path: 'bin/ls', type: 'hardlink', mode: 0o755, uid: 0, gid: 0, mtime: 5, linkTarget: 'bin/sh' },
    ];
    const a = encodeLayerListing(D, entries, () => undefined);
    expect(encodeLayerListing(D, entries, () => undefined)).toEqual(a);
    const tree = layerFromEntries(listingEntries(decodeLayerListing(a), undefined));
    const again = layerFromEntries(listingEntries(decodeLayerListing(a), undefined));
    expect(computeDiffId(tree)).toBe(computeDiffId(again));
    expect(tree.get('/bin/ls')).toBe(tree.get('/bin/sh'));
  });
});
