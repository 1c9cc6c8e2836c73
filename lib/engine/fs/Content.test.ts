import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  appendContent,
  bytesContent,
  type Content,
  contentEquals,
  contentId,
  contentSize,
  EMPTY_CONTENT,
  SYNTHETIC_BLOCK,
  syntheticContent,
  syntheticParams,
  textContent,
  truncateContent,
  writeAt,
  zerosContent,
} from './Content';
import { executableHeader, programOf } from './executable';

/** Byte equality without vitest's per-element deep diff (too slow on 100 KB arrays). */
function same(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

describe('synthetic content', () => {
  it('is deterministic, O(1) in size and starts with its head', () => {
    const a = syntheticContent(10 * 2 ** 30, 42, executableHeader('ls'));
    const b = syntheticContent(10 * 2 ** 30, 42, executableHeader('ls'));
    expect(contentSize(a)).toBe(10 * 2 ** 30);
    expect(programOf(a.read(0, 128))).toBe('ls');
    expect(a.read(5 * 2 ** 30, 64)).toEqual(b.read(5 * 2 ** 30, 64));
    expect(a.read(0, 64)).not.toEqual(syntheticContent(10 * 2 ** 30, 43, executableHeader('ls')).read(0, 64));
    expect(contentId(a)).toBe(contentId(b));
    expect(contentId(a)).toMatch(/^syn:10737418240:42:7f454c46/);
    expect(a.isSynthetic).toBe(true);
    expect(syntheticParams(a)).toMatchObject({ size: 10 * 2 ** 30, seed: 42 });
  });

  it('reads any range equal to the same range of the whole', () => {
    const c = syntheticContent(3 * SYNTHETIC_BLOCK + 17, 7, new Uint8Array([1, 2, 3]));
    const whole = c.bytes();
    expect(whole.length).toBe(c.size);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: c.size + 10 }), fc.integer({ min: 0, max: 2 * SYNTHETIC_BLOCK }), (off, len) => {
        expect(same(c.read(off, len), whole.slice(off, off + len))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('clips the head to the size', () => {
    expect(syntheticContent(2, 1, new Uint8Array([9, 8, 7])).bytes()).toEqual(new Uint8Array([9, 8]));
    expect(() => syntheticContent(-1, 1)).toThrow(RangeError);
  });
});

describe('real bytes', () => {
  it('hashes lazily to a sha256 identity', () => {
    expect(contentId(textContent('abc'))).toBe('sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(contentId(EMPTY_CONTENT)).toBe('sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(textContent('abc').isSynthetic).toBe(false);
  });

  it('never lets an append change an older value', () => {
    const a = textContent('ab');
    const b = appendContent(a, new TextEncoder().encode('cd'));
    const c = appendContent(a, new TextEncoder().encode('XY')); // appends to the same older value
    const d = appendContent(b, new TextEncoder().encode('ef'));
    const dec = (x: Content) => new TextDecoder().decode(x.bytes());
    expect([dec(a), dec(b), dec(c), dec(d)]).toEqual(['ab', 'abcd', 'abXY', 'abcdef']);
  });
});

type Edit = { k: 'append'; data: Uint8Array } | { k: 'truncate'; len: number } | { k: 'write'; off: number; data: Uint8Array };

describe('content operations (model: a plain byte array)', () => {
  const BIG = 200 * 1024; // above the materialisation limit, so composites are exercised
  const start = fc.oneof(
    fc.uint8Array({ maxLength: 100 }).map((b) => ({ c: bytesContent(b), model: b.slice() })),
    fc.integer({ min: 0, max: BIG }).map((n) => {
      const c = syntheticContent(n, n, new Uint8Array([0x7f, 0x45]));
      return { c, model: c.bytes() };
    }),
    fc.integer({ min: 0, max: BIG }).map((n) => ({ c: zerosContent(n), model: new Uint8Array(n) })),
  );
  const edit: fc.Arbitrary<Edit> = fc.oneof(
    fc.record({ k: fc.constant('append' as const), data: fc.uint8Array({ maxLength: 50 }) }),
    fc.record({ k: fc.constant('truncate' as const), len: fc.integer({ min: 0, max: BIG + 1000 }) }),
    fc.record({ k: fc.constant('write' as const), off: fc.integer({ min: 0, max: BIG + 100 }), data: fc.uint8Array({ maxLength: 50 }) }),
  );

  it('append, truncate and writeAt agree with the model, and so does every range read', () => {
    fc.assert(
      fc.property(start, fc.array(edit, { maxLength: 8 }), fc.integer({ min: 0, max: BIG }), fc.integer({ min: 0, max: 5000 }), (s, edits, off, len) => {
        let { c, model } = s;
        for (const e of edits) {
          if (e.k === 'append') {
            c = appendContent(c, e.data);
            const m = new Uint8Array(model.length + e.data.length);
            m.set(model);
            m.set(e.data, model.length);
            model = m;
          } else if (e.k === 'truncate') {
            c = truncateContent(c, e.len);
            const m = new Uint8Array(e.len);
            m.set(model.subarray(0, Math.min(e.len, model.length)));
            model = m;
          } else {
            c = writeAt(c, e.off, e.data);
            const m = new Uint8Array(Math.max(model.length, e.off + e.data.length));
            m.set(model);
            m.set(e.data, e.off);
            model = m;
          }
          expect(c.size).toBe(model.length);
        }
        expect(same(c.read(off, len), model.slice(off, off + len))).toBe(true);
        expect(contentEquals(c, bytesContent(model))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('keeps big synthetic values synthetic through edits', () => {
    const big = syntheticContent(50 * 2 ** 20, 1);
    expect(truncateContent(big, 40 * 2 ** 20).isSynthetic).toBe(true);
    expect(truncateContent(big, 60 * 2 ** 20).size).toBe(60 * 2 ** 20);
    expect(writeAt(big, 10, new Uint8Array([1])).isSynthetic).toBe(true);
    expect(truncateContent(big, 10).isSynthetic).toBe(false); // small results are materialised
  });
});
