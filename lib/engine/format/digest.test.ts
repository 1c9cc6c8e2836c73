import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DigestError,
  EMPTY_LAYER_DIFF_ID,
  chainId,
  chainIds,
  createSha256,
  digestFromHex,
  digestHex,
  isDigest,
  isFullHexId,
  parseDigest,
  sha256,
  sha256Chunks,
  shortId,
  type Digest,
} from './digest';
import { writeTar } from './tar';

const hex = (c: string): string => c.repeat(64);
const nodeSha = (b: Uint8Array | string): string => `sha256:${createHash('sha256').update(b).digest('hex')}`;

function digestError(s: string): string {
  try {
    parseDigest(s);
  } catch (e) {
    expect(e).toBeInstanceOf(DigestError);
    return (e as Error).message;
  }
  return 'ok';
}

describe('parseDigest', () => {
  it.each([
    [`sha256:${hex('a')}`, 'ok'],
    [`sha256:${'0123456789abcdef'.repeat(4)}`, 'ok'],
    ['', 'invalid checksum digest format'],
    ['sha256', 'invalid checksum digest format'],
    ['sha256:', 'invalid checksum digest format'],
    [`:${hex('a')}`, 'invalid checksum digest format'],
    ['sha256:abc', 'invalid checksum digest length'],
    [`sha256:${hex('a')}0`, 'invalid checksum digest length'],
    [`sha256:${hex('A')}`, 'invalid checksum digest format'],
    [`sha256:${hex('g')}`, 'invalid checksum digest format'],
    [`md5:${'a'.repeat(32)}`, 'unsupported digest algorithm'],
    [`sha512:${'a'.repeat(128)}`, 'unsupported digest algorithm'],
    [`sha512:${'a'.repeat(12)}`, 'invalid checksum digest length'],
    [`SHA256:${hex('a')}`, 'invalid checksum digest format'],
    ['foo bar:baz', 'invalid checksum digest format'],
  ])('%s → %s', (input, want) => {
    expect(digestError(input)).toBe(want);
  });

  it('accepts exactly sha256 + 64 lower-case hex', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => {
        const ok = /^sha256:[0-9a-f]{64}$/.test(s);
        expect(digestError(s) === 'ok').toBe(ok);
        expect(isDigest(s)).toBe(ok);
      }),
    );
  });
});

describe('sha256', () => {
  it('matches node:crypto, whole and chunked', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 6 }), (chunks) => {
        const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
        let p = 0;
        for (const c of chunks) {
          all.set(c, p);
          p += c.length;
        }
        expect(sha256(all)).toBe(nodeSha(all));
        const h = createSha256();
        for (const c of chunks) h.update(c);
        expect(h.size).toBe(all.length);
        expect(h.digest()).toBe(nodeSha(all));
        expect(sha256Chunks(chunks)).toEqual({ digest: nodeSha(all), size: all.length });
      }),
    );
  });

  it('knows the empty-layer diff_id (sha256 of an empty tar = 1024 NULs)', () => {
    expect(sha256(new Uint8Array(1024))).toBe(EMPTY_LAYER_DIFF_ID);
    expect(sha256(writeTar([]))).toBe(EMPTY_LAYER_DIFF_ID);
  });
});

describe('chainIds', () => {
  const a = `sha256:${hex('a')}` as Digest;
  const b = `sha256:${hex('b')}` as Digest;
  const c = `sha256:${hex('c')}` as Digest;

  it('follows the image-spec definition', () => {
    const ids = chainIds([a, b, c]);
    expect(ids[0]).toBe(a);
    expect(ids[1]).toBe(nodeSha(`${a} ${b}`));
    expect(ids[2]).toBe(nodeSha(`${ids[1]} ${c}`));
    expect(chainId([a, b, c])).toBe(ids[2]);
    expect(chainIds([])).toEqual([]);
    expect(chainId([])).toBeUndefined();
  });

  const hasSha256sum = spawnSync('sha256sum', ['--version']).status === 0;
  if (!hasSha256sum) console.warn('chain ID differential test skipped: sha256sum is not installed');
  it.skipIf(!hasSha256sum)('agrees with `printf "%s %s" | sha256sum`', () => {
    const out = execFileSync('sh', ['-c', `printf '%s %s' "$1" "$2" | sha256sum`, 'sh', a, b], { encoding: 'utf8' });
    expect(chainIds([a, b])[1]).toBe(`sha256:${out.split(' ')[0]}`);
  });
});

describe('IDs', () => {
  it('shortId is Docker TruncateID', () => {
    expect(shortId(`sha256:${'0123456789abcdef'.repeat(4)}`)).toBe('0123456789ab');
    expect(shortId('0123456789abcdef')).toBe('0123456789ab');
    expect(shortId('abc')).toBe('abc');
    expect(shortId('sha512:abc')).toBe('abc');
  });

  it('converts between hex and digests', () => {
    const d = digestFromHex(hex('f'));
    expect(d).toBe(`sha256:${hex('f')}`);
    expect(digestHex(d)).toBe(hex('f'));
    expect(() => digestFromHex('abc')).toThrow('invalid checksum digest length');
    expect(() => digestFromHex(hex('F'))).toThrow('invalid checksum digest format');
    expect(isFullHexId(hex('0'))).toBe(true);
    expect(isFullHexId(`sha256:${hex('0')}`)).toBe(false);
  });
});
