/** A seedable random source (xoshiro128**), so `--seed` gives the same IDs, names and ports every run. */

import type { Random } from './Types';

export class SeededRandom implements Random {
  private _s0: number;
  private _s1: number;
  private _s2: number;
  private _s3: number;
  constructor(seed: number) {
    // splitmix32 to spread the seed over the state.
    let x = seed >>> 0;
    const next = () => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this._s0 = next();
    this._s1 = next();
    this._s2 = next();
    this._s3 = next();
  }
  private _u32(): number {
    const result = Math.imul(rotl(Math.imul(this._s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (this._s1 << 9) >>> 0;
    this._s2 ^= this._s0;
    this._s3 ^= this._s1;
    this._s1 ^= this._s2;
    this._s0 ^= this._s3;
    this._s2 ^= t;
    this._s3 = rotl(this._s3, 11);
    this._s0 >>>= 0;
    this._s1 >>>= 0;
    this._s2 >>>= 0;
    return result;
  }
  next(): number {
    return this._u32() / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = this._u32() & 0xff;
    return out;
  }
  /** The generator's state (saved with an engine snapshot so IDs and names continue the same sequence). */
  getState(): [number, number, number, number] {
    return [this._s0, this._s1, this._s2, this._s3];
  }
  setState(s: readonly [number, number, number, number]): void {
    [this._s0, this._s1, this._s2, this._s3] = s.map((x) => x >>> 0) as [number, number, number, number];
  }
  hex(n: number): string {
    let s = '';
    while (s.length < n) s += this._u32().toString(16).padStart(8, '0');
    return s.slice(0, n);
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/** A random seed when the user gave none. */
export function freshSeed(): number {
  return (Date.now() ^ Math.floor(Math.random() * 0xffffffff)) >>> 0;
}
