import { describe, expect, it } from 'vitest';
import { goDurationString, goQuoteSlice, goSlice } from './stage';

describe('Go formatting used in created_by strings', () => {
  it.each([
    [0, '0s'],
    [500, '500ns'],
    [1_500, '1.5µs'],
    [250e6, '250ms'],
    [1.5e9, '1.5s'],
    [30e9, '30s'],
    [300e9, '5m0s'],
    [3630e9, '1h0m30s'],
    [90061e9, '25h1m1s'],
  ])('time.Duration(%d).String() = %s', (ns, want) => {
    expect(goDurationString(ns)).toBe(want);
  });

  it('%q and %v of string slices', () => {
    expect(goQuoteSlice(['nginx', '-g', 'daemon off;'])).toBe('["nginx" "-g" "daemon off;"]');
    expect(goQuoteSlice(['a"b'])).toBe('["a\\"b"]');
    expect(goSlice(['/data', '/logs'])).toBe('[/data /logs]');
  });
});
