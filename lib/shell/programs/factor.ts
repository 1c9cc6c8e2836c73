/**
 * factor (coreutils): prime factors of each number (operands, or whitespace-separated words on stdin), in
 * ascending order. Arbitrary size through BigInt: trial division by small primes, then Miller-Rabin and
 * Pollard's rho for what is left.
 */

import type { Program } from '../../engine/process/Types';
import { readAll } from '../../engine/process/streams';
import { Tool } from './lib/tool';

function modPow(b: bigint, e: bigint, m: bigint): bigint {
  let r = 1n;
  b %= m;
  while (e > 0n) {
    if (e & 1n) r = (r * b) % m;
    b = (b * b) % m;
    e >>= 1n;
  }
  return r;
}

function isPrime(n: bigint): boolean {
  if (n < 2n) return false;
  for (const p of [2n, 3n, 5n, 7n, 11n, 13n, 17n, 19n, 23n, 29n, 31n, 37n]) {
    if (n === p) return true;
    if (n % p === 0n) return false;
  }
  let d = n - 1n;
  let s = 0;
  while ((d & 1n) === 0n) {
    d >>= 1n;
    s++;
  }
  // These bases decide every n below 3.3e24 exactly; beyond that the test is probabilistic (as GMP's is).
  for (const a of [2n, 3n, 5n, 7n, 11n, 13n, 17n, 19n, 23n, 29n, 31n, 37n, 41n]) {
    let x = modPow(a, d, n);
    if (x === 1n || x === n - 1n) continue;
    let composite = true;
    for (let r = 1; r < s; r++) {
      x = (x * x) % n;
      if (x === n - 1n) {
        composite = false;
        break;
      }
    }
    if (composite) return false;
  }
  return true;
}

function gcd(a: bigint, b: bigint): bigint {
  while (b) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}

function rho(n: bigint): bigint {
  if (n % 2n === 0n) return 2n;
  for (let c = 1n; ; c++) {
    let x = 2n;
    let y = 2n;
    let d = 1n;
    while (d === 1n) {
      x = (x * x + c) % n;
      y = (y * y + c) % n;
      y = (y * y + c) % n;
      d = gcd(x - y, n);
    }
    if (d !== n) return d;
  }
}

export function primeFactors(n: bigint): bigint[] {
  const out: bigint[] = [];
  for (let p = 2n; p < 1000n && p * p <= n; p += p === 2n ? 1n : 2n) {
    while (n % p === 0n) {
      out.push(p);
      n /= p;
    }
  }
  const stack = n > 1n ? [n] : [];
  while (stack.length > 0) {
    const m = stack.pop()!;
    if (isPrime(m)) out.push(m);
    else {
      const d = rho(m);
      stack.push(d, m / d);
    }
  }
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export const factor: Program = async (ctx) => {
  const t = new Tool(ctx);
  const parsed = await t.parse({});
  if (typeof parsed === 'number') return parsed;
  let words = parsed.operands;
  if (words.length === 0) words = new TextDecoder().decode(await readAll(ctx.stdin)).split(/\s+/).filter((w) => w !== '');
  for (const w of words) {
    await ctx.checkpoint();
    const digits = w.replace(/^\+/, '');
    if (!/^\d+$/.test(digits)) {
      await t.error(`${t.ql(w)} is not a valid positive integer`);
      continue;
    }
    const n = BigInt(digits);
    const fs = primeFactors(n);
    await t.out(`${n}:${fs.map((f) => ` ${f}`).join('')}\n`);
  }
  return t.status;
};
