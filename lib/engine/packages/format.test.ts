import { describe, expect, test } from 'vitest';
import { decodeFileListing, encodeFileListing, gunzipJson, gzipJson, type FileListing, type ListedFile } from './format';
import { DebArchive, PackageCatalog } from './PackageCatalog';

describe('package file listings', () => {
  const files: ListedFile[] = [
    { path: '/etc/nginx', type: 'dir', mode: 0o755 },
    { path: '/etc/nginx/nginx.conf', type: 'file', mode: 0o644, content: { kind: 'text', text: 'user www-data;\n\tworker_processes auto;\n' } },
    { path: '/usr/sbin/nginx', type: 'file', mode: 0o755, content: { kind: 'program', size: 1264552, seed: 0xdeadbeef, program: 'nginx' } },
    { path: '/usr/lib/x86_64-linux-gnu/libssl.so.3', type: 'file', mode: 0o644, content: { kind: 'elf', size: 700_000, seed: 7 } },
    { path: '/usr/share/doc/nginx/copyright', type: 'file', mode: 0o644, content: { kind: 'synthetic', size: 5, seed: 1 } },
    { path: '/usr/share/doc/nginx/empty', type: 'file', mode: 0o644, content: { kind: 'empty' } },
    { path: '/usr/lib/x86_64-linux-gnu/libelf.so.1', type: 'symlink', mode: 0o777, linkTarget: 'libelf-0.188.so' },
    { path: '/usr/bin/pkill', type: 'hardlink', mode: 0o755, linkTarget: '/usr/bin/pgrep' },
    { path: '/odd\tname\nwith\\escapes', type: 'file', mode: 0o600, content: { kind: 'text', text: 'same text' } },
    { path: '/again', type: 'file', mode: 0o600, content: { kind: 'text', text: 'same text' } },
  ];

  test('round-trips every entry kind through gzip JSON; equal texts are stored once', () => {
    const listing = encodeFileListing(files);
    expect(listing.texts).toEqual(['user www-data;\n\tworker_processes auto;\n', 'same text']);
    const back = decodeFileListing(gunzipJson<FileListing>(gzipJson(listing)));
    expect(back).toEqual(files);
  });

  test('gzip output does not depend on when it is made', () => {
    expect(gzipJson({ a: 1 })).toEqual(gzipJson({ a: 1 }));
  });
});

describe('PackageCatalog', () => {
  test('reads each file once and finds packages by name and by what they provide', async () => {
    const reads: string[] = [];
    const index = { v: 1, packages: [{ name: 'nginx', version: '1', arch: 'amd64', size: 1, installedSize: 1, suite: 'bookworm', section: 'httpd', priority: 'optional', provides: 'httpd, httpd-cgi (= 1)' }] };
    const catalog = new PackageCatalog({
      read: async (path) => {
        reads.push(path);
        return gzipJson(index);
      },
    });
    const [a, b] = await Promise.all([catalog.debian(), catalog.debian()]);
    expect(a).toBe(b);
    expect(reads).toEqual(['debian/index.json.gz']);
    expect(a).toBeInstanceOf(DebArchive);
    expect(a.get('nginx')?.version).toBe('1');
    expect(a.providers('httpd-cgi').map((p) => p.name)).toEqual(['nginx']);
    expect(a.get('httpd')).toBeUndefined();
  });
});
