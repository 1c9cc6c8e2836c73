import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  InvalidContainerNameError,
  InvalidReferenceError,
  familiarName,
  familiarString,
  isDigestReference,
  isImageIdentifier,
  isValidTag,
  parseAnyReference,
  parseDockerRef,
  parseNormalizedNamed,
  parseReference,
  referenceString,
  splitDockerDomain,
  tagNameOnly,
  validateContainerName,
  withDigest,
  withTag,
} from './reference';

const HEX = '0123456789abcdef'.repeat(4);

function err(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidReferenceError);
    return (e as Error).message;
  }
  return 'ok';
}

describe('normalisation (docker.md §1.2 table)', () => {
  it.each([
    ['ubuntu', 'docker.io/library/ubuntu:latest', 'ubuntu:latest'],
    ['ubuntu:22.04', 'docker.io/library/ubuntu:22.04', 'ubuntu:22.04'],
    ['alice/app', 'docker.io/alice/app:latest', 'alice/app:latest'],
    ['index.docker.io/library/redis', 'docker.io/library/redis:latest', 'redis:latest'],
    ['localhost:5000/app', 'localhost:5000/app:latest', 'localhost:5000/app:latest'],
    ['localhost/app', 'localhost/app:latest', 'localhost/app:latest'],
    ['ghcr.io/o/r:1', 'ghcr.io/o/r:1', 'ghcr.io/o/r:1'],
    [`ubuntu@sha256:${HEX}`, `docker.io/library/ubuntu@sha256:${HEX}`, `ubuntu@sha256:${HEX}`],
    ['docker.io/ubuntu', 'docker.io/library/ubuntu:latest', 'ubuntu:latest'],
    ['docker.io/library/ubuntu', 'docker.io/library/ubuntu:latest', 'ubuntu:latest'],
    ['library/ubuntu', 'docker.io/library/ubuntu:latest', 'ubuntu:latest'],
    ['docker.io/library/a/b', 'docker.io/library/a/b:latest', 'library/a/b:latest'],
    ['example.com/x', 'example.com/x:latest', 'example.com/x:latest'],
    ['myreg:5000/x', 'myreg:5000/x:latest', 'myreg:5000/x:latest'],
    ['127.0.0.1/x', '127.0.0.1/x:latest', '127.0.0.1/x:latest'],
    ['Registry/x', 'Registry/x:latest', 'Registry/x:latest'],
    ['[::1]:5000/img', '[::1]:5000/img:latest', '[::1]:5000/img:latest'],
    ['a/b/c', 'docker.io/a/b/c:latest', 'a/b/c:latest'],
    ['a__b.c---d', 'docker.io/library/a__b.c---d:latest', 'a__b.c---d:latest'],
  ])('%s → %s / %s', (input, canonical, familiar) => {
    const r = tagNameOnly(parseNormalizedNamed(input));
    expect(referenceString(r)).toBe(canonical);
    expect(familiarString(r)).toBe(familiar);
  });

  it('adds latest only when neither tag nor digest is given, keeps both on parse', () => {
    const both = parseNormalizedNamed(`busybox:1.36@sha256:${HEX}`);
    expect(referenceString(tagNameOnly(both))).toBe(`docker.io/library/busybox:1.36@sha256:${HEX}`);
    expect(referenceString(parseDockerRef(`busybox:1.36@sha256:${HEX}`))).toBe(`docker.io/library/busybox@sha256:${HEX}`);
    expect(referenceString(parseDockerRef('busybox'))).toBe('docker.io/library/busybox:latest');
    expect(familiarName(both)).toBe('busybox');
  });

  it('splits domains like splitDockerDomain', () => {
    expect(splitDockerDomain('localhost')).toEqual(['docker.io', 'library/localhost']);
    expect(splitDockerDomain('example.com')).toEqual(['docker.io', 'library/example.com']);
    expect(splitDockerDomain('localhost/a')).toEqual(['localhost', 'a']);
    expect(splitDockerDomain('index.docker.io/x')).toEqual(['docker.io', 'library/x']);
    expect(splitDockerDomain('alice/app')).toEqual(['docker.io', 'alice/app']);
    expect(splitDockerDomain('A/app')).toEqual(['A', 'app']);
  });
});

describe('errors (docker.md §1.3)', () => {
  it.each([
    ['', 'invalid reference format'], // "" becomes docker.io/library/, which Parse rejects
    [':bad', 'invalid reference format'],
    ['Ubuntu', 'invalid reference format: repository name (library/Ubuntu) must be lowercase'],
    ['alice/App', 'invalid reference format: repository name (alice/App) must be lowercase'],
    ['ubuntu:', 'invalid reference format'],
    ['ubuntu:-x', 'invalid reference format'],
    ['ubuntu:.x', 'invalid reference format'],
    [`ubuntu:${'t'.repeat(129)}`, 'invalid reference format'],
    ['a//b', 'invalid reference format'],
    ['a/', 'invalid reference format'],
    ['-a', 'invalid reference format'],
    ['a_-b', 'invalid reference format'],
    ['a___b', 'invalid reference format'],
    ['ubuntu@sha256:abc', 'invalid reference format'],
    [`ubuntu@sha256:${'a'.repeat(40)}`, 'invalid checksum digest length'],
    [`ubuntu@sha256:${HEX.toUpperCase()}`, 'invalid checksum digest format'],
    [`ubuntu@md5:${'a'.repeat(32)}`, 'unsupported digest algorithm'],
    [HEX, `invalid repository name (${HEX}), cannot specify 64-byte hexadecimal strings`],
    [`a/${'b'.repeat(254)}`, 'repository name must not be more than 255 characters'],
    ['[::1%eth0]:5000/x', 'invalid reference format'],
    ['::1:5000/x', 'invalid reference format'],
  ])('ParseNormalizedNamed(%j) → %s', (input, message) => {
    expect(err(() => parseNormalizedNamed(input))).toBe(message);
  });

  it.each([
    ['', 'repository name must have at least one component'],
    ['Ubuntu', 'repository name must be lowercase'],
    ['docker.io/library/Ubuntu', 'repository name must be lowercase'],
    ['UPPER/x', 'ok'],
    ['a!', 'invalid reference format'],
    [`${'b'.repeat(256)}`, 'repository name must not be more than 255 characters'],
    [`${'b'.repeat(255)}`, 'ok'],
  ])('Parse(%j) → %s', (input, message) => {
    expect(err(() => parseReference(input))).toBe(message);
  });

  it('path length counts the path only', () => {
    expect(err(() => parseNormalizedNamed(`${'d'.repeat(300)}.com/x`))).toBe('ok');
  });
});

describe('ParseAnyReference, WithTag, WithDigest, IDs', () => {
  it('turns 64-hex IDs and digests into digest references', () => {
    expect(parseAnyReference(HEX)).toEqual({ digest: `sha256:${HEX}` });
    expect(parseAnyReference(`sha256:${HEX}`)).toEqual({ digest: `sha256:${HEX}` });
    const r = parseAnyReference('alpine');
    expect(isDigestReference(r)).toBe(false);
    expect(referenceString(tagNameOnly(r as never))).toBe('docker.io/library/alpine:latest');
    // not a valid digest, so it is read as the name library/sha256 with tag abc, as Go does
    expect(referenceString(parseAnyReference('sha256:abc') as never)).toBe('docker.io/library/sha256:abc');
  });

  it('validates tags and digests', () => {
    const r = parseNormalizedNamed('alpine');
    expect(referenceString(withTag(r, 'v1.0_rc-2'))).toBe('docker.io/library/alpine:v1.0_rc-2');
    expect(err(() => withTag(r, '-x'))).toBe('invalid tag format');
    expect(err(() => withDigest(r, 'sha256:xyz'))).toBe('invalid digest format');
    expect(referenceString(withDigest(r, `sha256:${HEX}`))).toBe(`docker.io/library/alpine@sha256:${HEX}`);
    expect(isValidTag('a'.repeat(128))).toBe(true);
    expect(isValidTag('a'.repeat(129))).toBe(false);
    expect(isImageIdentifier(HEX)).toBe(true);
    expect(isImageIdentifier(HEX.slice(1))).toBe(false);
  });

  it('round-trips canonical strings and never throws anything else (property)', () => {
    const comp = fc.stringMatching(/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/);
    fc.assert(
      fc.property(fc.array(comp, { minLength: 1, maxLength: 3 }), fc.option(fc.stringMatching(/^\w[\w.-]{0,20}$/)), (parts, tag) => {
        const s = parts.join('/') + (tag ? `:${tag}` : '');
        if (s.length > 200) return;
        const r = parseNormalizedNamed(s);
        expect(parseNormalizedNamed(referenceString(r))).toEqual(r);
        expect(tagNameOnly(parseNormalizedNamed(familiarString(tagNameOnly(r))))).toEqual(tagNameOnly(r));
      }),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        try {
          parseNormalizedNamed(s);
        } catch (e) {
          expect(e).toBeInstanceOf(InvalidReferenceError);
        }
      }),
    );
  });
});

describe('container names (§1.4)', () => {
  it.each([
    ['web', '/web'],
    ['/web', '/web'],
    ['a1', '/a1'],
    ['My_app.v2-1', '/My_app.v2-1'],
  ])('%s is valid', (name, stored) => {
    expect(validateContainerName(name)).toBe(stored);
  });

  it.each(['x', 'x!', '_web', '-web', '.web', '', 'a b', 'wéb'])('%j is rejected with Docker wording', (name) => {
    expect(() => validateContainerName(name)).toThrow(InvalidContainerNameError);
    expect(() => validateContainerName(name)).toThrow(`Invalid container name (${name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`);
  });
});
