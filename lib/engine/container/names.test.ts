import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../process/random';
import { ADJECTIVES, SURNAMES, generateName, isValidContainerName, randomName } from './names';

describe('container names', () => {
  it('uses the upstream list sizes', () => {
    expect(ADJECTIVES.length).toBe(108);
    expect(SURNAMES.length).toBeGreaterThan(230);
    expect(new Set(SURNAMES).size).toBe(SURNAMES.length);
  });

  it('produces adjective_surname, deterministic per seed', () => {
    const a = randomName(new SeededRandom(5));
    expect(a).toMatch(/^[a-z]+_[a-z]+$/);
    expect(randomName(new SeededRandom(5))).toBe(a);
  });

  it('never produces boring_wozniak', () => {
    const r = new SeededRandom(1);
    for (let i = 0; i < 50_000; i++) expect(randomName(r)).not.toBe('boring_wozniak');
  });

  it('appends a digit after a collision and falls back to the short ID', () => {
    const r = new SeededRandom(9);
    const first = randomName(new SeededRandom(9));
    const name = generateName(r, (n) => n === first, 'abcdef012345');
    expect(name).not.toBe(first);
    expect(name).toMatch(/^[a-z]+_[a-z]+[0-9]$/);
    expect(generateName(new SeededRandom(1), () => true, 'abcdef012345')).toBe('abcdef012345');
  });

  it('validates user names like the daemon', () => {
    expect(isValidContainerName('web')).toBe(true);
    expect(isValidContainerName('my_app.v1-2')).toBe(true);
    expect(isValidContainerName('/web')).toBe(true);
    expect(isValidContainerName('x')).toBe(false);
    expect(isValidContainerName('x!')).toBe(false);
    expect(isValidContainerName('_x')).toBe(false);
  });
});
