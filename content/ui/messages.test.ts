import { describe, expect, it } from 'vitest';
import en from './en.json';
import zh from './zh.json';

/** Every key path of a JSON value, arrays indexed, so a missing or extra string in one locale shows by name. */
function shape(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => shape(v, `${prefix}[${i}]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => shape(v, prefix ? `${prefix}.${k}` : k));
  }
  return [`${prefix}:${typeof value}`];
}

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value !== null && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

describe('UI strings', () => {
  it('zh has exactly the keys of en', () => {
    expect(shape(zh).sort()).toEqual(shape(en).sort());
  });

  it('no string is empty', () => {
    for (const s of [...strings(en), ...strings(zh)]) expect(s.trim()).not.toBe('');
  });

  it('placeholders match between locales', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    expect(placeholders(zh.terminal.exitedLine)).toEqual(placeholders(en.terminal.exitedLine));
    for (const [key, text] of Object.entries(en.terminals)) expect(placeholders(zh.terminals[key as keyof typeof zh.terminals]), key).toEqual(placeholders(text));
  });

  it('zh uses the glossary terms for the playground and layers', () => {
    expect(zh.nav.play).toBe('练习场');
    expect(zh.home.points[1]?.body).toContain('只读层');
    expect(zh.home.points[1]?.body).toContain('可写层（容器层）');
  });
});
