import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatGoTimeString, formatRfc3339, formatRfc3339Nano, nanosToMillis, parseRfc3339, toNanos } from './time';

describe('time', () => {
  it('formats RFC 3339 nano like Go', () => {
    expect(formatRfc3339Nano(1_763_887_145_106_433_719n)).toBe('2025-11-23T08:39:05.106433719Z');
    expect(formatRfc3339Nano(1_763_887_145_000_000_000n)).toBe('2025-11-23T08:39:05Z');
    expect(formatRfc3339Nano(1_763_887_145_100_000_000n)).toBe('2025-11-23T08:39:05.1Z');
    expect(formatRfc3339Nano(0)).toBe('1970-01-01T00:00:00Z');
    expect(formatRfc3339Nano(-1)).toBe('1969-12-31T23:59:59.999Z');
    expect(formatRfc3339Nano(951_782_400_000)).toBe('2000-02-29T00:00:00Z');
    expect(formatRfc3339(1_763_887_145_999)).toBe('2025-11-23T08:39:05Z');
  });

  it("formats Go's Time.String", () => {
    expect(formatGoTimeString(1_763_887_145_106n * 1_000_000n)).toBe('2025-11-23 08:39:05.106 +0000 UTC');
    expect(formatGoTimeString(1_763_887_145_000, { name: 'CET', offsetSeconds: 3600 })).toBe('2025-11-23 09:39:05 +0100 CET');
    expect(formatGoTimeString(0, { name: 'PST', offsetSeconds: -8 * 3600 })).toBe('1969-12-31 16:00:00 -0800 PST');
  });

  it('agrees with Date for millisecond instants (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -62135596800000, max: 253402300799999 }), (ms) => {
        const iso = new Date(ms).toISOString(); // 2025-11-23T08:39:05.106Z
        expect(formatRfc3339Nano(ms)).toBe(iso.replace(/\.?0*Z$/, 'Z').replace(/\.(\d*?)0*Z$/, '.$1Z'));
        expect(parseRfc3339(formatRfc3339Nano(ms))).toBe(toNanos(ms));
        expect(nanosToMillis(toNanos(ms))).toBe(ms);
      }),
    );
  });

  it('parses offsets and rejects nonsense', () => {
    expect(parseRfc3339('2025-11-23T09:39:05.5+01:00')).toBe(1_763_887_145_500_000_000n);
    expect(() => parseRfc3339('2025-11-23 09:39:05Z')).toThrow(/parsing time/);
    expect(() => parseRfc3339('2025-02-30T00:00:00Z')).toThrow(/out of range/);
  });
});
