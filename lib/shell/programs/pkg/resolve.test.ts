import { describe, expect, test } from 'vitest';
import { DebArchive } from '../../../engine/packages/PackageCatalog';
import type { DebPackage } from '../../../engine/packages/format';
import { parseDepends, resolve } from './apt';
import { aptList, aptSize, aptTime } from './common';
import { parseRequirement, pipSize, satisfies } from './pip';
import { markerHolds } from './pipEnv';
import { maxSatisfying, satisfiesRange } from './semver';
import { buildTree } from './npm';

const deb = (name: string, more: Partial<DebPackage> = {}): DebPackage => ({ name, version: '1.0', arch: 'amd64', size: 1000, installedSize: 10, suite: 'bookworm', section: 'misc', priority: 'optional', ...more });

describe('apt pieces', () => {
  test("apt's SizeToStr and TimeToStr", () => {
    expect([8808, 12_500, 174_000, 5_084_000, 16_100_000, 15_800_000].map(aptSize)).toEqual(['8808 ', '12.5 k', '174 k', '5084 k', '16.1 M', '15.8 M']);
    expect([0.4, 59, 61, 3700].map(aptTime)).toEqual(['0s', '59s', '1min 1s', '1h 1min 40s']);
  });

  test('lists wrap at 79 columns with a two-space indent', () => {
    const names = 'iproute2 krb5-locales libatm1 libbpf1 libbsd0 libcap2-bin libelf1 libgssapi-krb5-2 libk5crypto3'.split(' ');
    expect(aptList(names)).toBe('  iproute2 krb5-locales libatm1 libbpf1 libbsd0 libcap2-bin libelf1\n  libgssapi-krb5-2 libk5crypto3\n');
  });

  test('Depends fields: alternatives, versions and arch qualifiers', () => {
    expect(parseDepends('libc6 (>= 2.34), python3:any | python3-minimal, nginx-common (<< 1.2~)')).toEqual([['libc6'], ['python3', 'python3-minimal'], ['nginx-common']]);
  });

  test('resolution: installed and chosen packages satisfy groups, first available alternative, providers, Recommends after', () => {
    const archive = new DebArchive({
      v: 1,
      packages: [
        deb('web', { depends: 'libc6, missing | libx, httpd-conf', recommends: 'extra', suggests: 'web-doc, libc6' }),
        deb('libx', { depends: 'liby' }),
        deb('liby'),
        deb('conf-a', { provides: 'httpd-conf' }),
        deb('extra', { depends: 'liby' }),
      ],
    });
    const plan = resolve(archive, [archive.get('web')!], new Set(['libc6']), true);
    expect(plan.order.map((p) => p.name)).toEqual(['liby', 'libx', 'conf-a', 'web', 'extra']);
    expect(plan.suggested).toEqual(['web-doc']);
    expect(resolve(archive, [archive.get('web')!], new Set(['libc6']), false).order.map((p) => p.name)).toEqual(['liby', 'libx', 'conf-a', 'web']);
  });
});

describe('pip pieces', () => {
  test('requirements lines and PEP 440 specifiers', () => {
    expect(parseRequirement('Flask[async]>=2.0, <4 ; python_version >= "3.8"  # web')).toEqual({ name: 'Flask', spec: '>=2.0,<4', marker: 'python_version >= "3.8"' });
    expect(markerHolds('python_version < "3"', '2.7.18')).toBe(true);
    expect(markerHolds('python_version < "3"', '3.12.9')).toBe(false);
    expect(markerHolds('python_version >= "3.8" and python_full_version != "3.12.9"', '3.12.9')).toBe(false);
    expect(satisfies('2.7.18', '>=2.7, !=3.0.*, !=3.1.*')).toBe(true);
    expect(satisfies('3.1.4', '>=2.7, !=3.0.*, !=3.1.*')).toBe(false);
    expect(parseRequirement('# comment')).toBeUndefined();
    expect(satisfies('3.1.0', '>=2.0,<4')).toBe(true);
    expect(satisfies('3.1.0', '==3.*')).toBe(true);
    expect(satisfies('3.1.0', '~=3.0')).toBe(true);
    expect(satisfies('3.1.0', '!=3.1.0')).toBe(false);
    expect(satisfies('2.9.0.post0', '>=2.8.2')).toBe(true);
  });
  test("pip's format_size", () => {
    expect([900, 8458, 102_979, 16_104_524].map(pipSize)).toEqual(['900 bytes', '8.5 kB', '102 kB', '16.1 MB']);
  });
});

describe('npm pieces', () => {
  test('semver ranges', () => {
    expect(satisfiesRange('4.21.2', '^4.18.2')).toBe(true);
    expect(satisfiesRange('5.0.0', '^4.18.2')).toBe(false);
    expect(satisfiesRange('0.2.5', '^0.2.1')).toBe(true);
    expect(satisfiesRange('0.3.0', '^0.2.1')).toBe(false);
    expect(satisfiesRange('1.2.9', '~1.2.3')).toBe(true);
    expect(satisfiesRange('2.0.0', '>=1.0.0 <2.0.0 || 2.x')).toBe(true);
    expect(satisfiesRange('1.5.0', '1.2.0 - 1.4.0')).toBe(false);
    expect(maxSatisfying(['1.0.0', '1.4.2', '2.0.0', '1.5.0-beta.1'], '^1.0.0')).toBe('1.4.2');
    expect(maxSatisfying(['1.0.0-beta.2'], '^1.0.0-beta.2')).toBe('1.0.0-beta.2');
  });

  test('hoisting: one version at the top, a conflicting one nested under its dependent', () => {
    const v = (deps: Record<string, string> = {}) => ({ deps, unpackedSize: 100, fileCount: 2 });
    const index = { v: 1, latest: { a: '1.0.0', b: '1.0.0', c: '2.0.0' }, versions: { 'a@1.0.0': v({ c: '1.0.0' }), 'b@1.0.0': v({ c: '2.0.0' }), 'c@1.0.0': v(), 'c@2.0.0': v() } };
    const tree = buildTree(index, new Map([['a', '1.0.0'], ['b', '1.0.0']]));
    expect(tree.map((n) => `${n.location}@${n.version}`)).toEqual(['node_modules/a@1.0.0', 'node_modules/b@1.0.0', 'node_modules/b/node_modules/c@2.0.0', 'node_modules/c@1.0.0']);
  });
});
