import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { programOf } from '../../fs/executable';
import type { LayerFile } from '../../fs/LayerTree';
import type { MergedNode } from '../../fs/MergedTree';
import { decodeImageConfig } from '../../format/imageConfig';
import { decodeManifest } from '../../format/manifest';
import { sha256 } from '../../format/digest';
import { computeDiffId } from '../../image/layerTar';
import type { Image } from '../../image/Image';
import { ImageStore } from '../../store/ImageStore';
import { Catalog, CatalogNotFoundError, loadCatalogImage } from './Catalog';
import { HELLO_MESSAGE, helloProgram } from './helloProgram';
import { nodeCatalogSource } from './testing/nodeCatalogSource';

let catalog: Catalog;
beforeAll(async () => {
  catalog = await Catalog.open(nodeCatalogSource());
});

function node(image: Image, path: string): MergedNode {
  const n = image.merged().get(path);
  if (!n) throw new Error(`${path}: missing`);
  return n;
}
function textOf(image: Image, path: string): string {
  let n = node(image, path);
  for (let i = 0; n.type === 'symlink' && i < 8; i++) {
    const target = (n.inode as { target: string }).target;
    const dir = path.slice(0, path.lastIndexOf('/')) || '/';
    path = target.startsWith('/') ? target : resolveRel(dir, target);
    n = node(image, path);
  }
  return new TextDecoder().decode((n.inode as LayerFile).content.bytes());
}
function resolveRel(dir: string, rel: string): string {
  const parts = dir.split('/').filter(Boolean);
  for (const p of rel.split('/')) {
    if (p === '..') parts.pop();
    else if (p !== '.' && p !== '') parts.push(p);
  }
  return '/' + parts.join('/');
}
function programAt(image: Image, path: string): string | null {
  const n = node(image, path);
  return n.type === 'file' ? programOf((n.inode as LayerFile).content.read(0, 128)) : null;
}
function expectSize(image: Image, real: number): void {
  expect(Math.abs(image.size - real) / real).toBeLessThanOrEqual(0.1);
}

describe('catalog index', () => {
  it('resolves names, tags and digests the way docker.io references normalise', () => {
    expect(catalog.resolve('ubuntu')?.tag).toBe('latest');
    expect(catalog.resolve('docker.io/library/ubuntu:24.04')?.manifestDigest).toBe(catalog.resolve('ubuntu:latest')?.manifestDigest);
    const hit = catalog.resolve('alpine:3.20')!;
    expect(catalog.resolve(`alpine@${hit.manifestDigest}`)?.image.config).toBe(hit.image.config);
    expect(catalog.resolve('ubuntu:99.04')).toBeUndefined();
    expect(catalog.resolve('quay.io/ubuntu')).toBeUndefined();
  });

  it('no image is dated before its history, and images built on a shared base come after it', async () => {
    const configOf = async (ref: string) => decodeImageConfig(await catalog.config(catalog.resolve(ref)!.image.config));
    for (const repo of catalog.repositories()) {
      for (const tag of Object.keys(repo.tags)) {
        const config = await configOf(`${repo.name}:${tag}`);
        const dates = (config.history ?? []).map((h) => Date.parse(h.created!));
        expect(dates.length, `${repo.name}:${tag}`).toBeGreaterThan(0);
        expect(dates, `${repo.name}:${tag}`).toEqual([...dates].sort((a, b) => a - b));
        expect(Math.max(...dates), `${repo.name}:${tag}`).toBeLessThanOrEqual(Date.parse(config.created!));
      }
    }
    const created = async (ref: string) => Date.parse((await configOf(ref)).created!);
    const debian = await created('debian:bookworm');
    const slim = await created('debian:bookworm-slim');
    for (const ref of ['node:20', 'node:22', 'node:18', 'python:3.12', 'python:3.11']) expect(await created(ref), ref).toBeGreaterThan(debian);
    for (const ref of ['nginx', 'httpd', 'redis', 'postgres:16', 'postgres:17', 'python:3.12-slim']) expect(await created(ref), ref).toBeGreaterThan(slim);
  });

  it('search matches names and descriptions, most stars first', () => {
    const names = catalog.search('linux').map((r) => r.name);
    expect(names).toContain('alpine');
    expect(names.indexOf('ubuntu')).toBeLessThan(names.indexOf('alpine'));
  });

  it('manifests are content-addressed and list the config and layers by diff_id', async () => {
    const hit = catalog.resolve('debian:bookworm')!;
    const bytes = await catalog.manifest(hit.manifestDigest);
    expect(sha256(bytes)).toBe(hit.manifestDigest);
    const m = decodeManifest(bytes);
    expect(m.config.digest).toBe(hit.image.config);
    expect(m.layers.map((l) => l.digest)).toEqual(hit.image.layers.map((l) => l.diffId));
  });

  it('unknown repositories and tags fail with Docker Hub wording', async () => {
    await expect(loadCatalogImage(catalog, 'nosuchimage')).rejects.toThrow(new CatalogNotFoundError("pull access denied for nosuchimage, repository does not exist or may require 'docker login': denied: requested access to the resource is denied"));
    await expect(loadCatalogImage(catalog, 'ubuntu:1.0')).rejects.toThrow('manifest for ubuntu:1.0 not found: manifest unknown: manifest unknown');
  });
});

describe('stored diff_ids equal a fresh computation from our layer tar', () => {
  for (const ref of ['hello-world', 'busybox', 'alpine:3.20', 'registry:2']) {
    it(ref, async () => {
      const image = await loadCatalogImage(catalog, ref);
      for (const layer of image.layers) {
        expect(layer.hasDiffId).toBe(true);
        expect(computeDiffId(layer.tree)).toBe(layer.diffId);
      }
    });
  }
});

describe('hello-world', () => {
  it('is /hello, a binary naming the hello program, run by CMD', async () => {
    const image = await loadCatalogImage(catalog, 'hello-world');
    expect(image.layers).toHaveLength(1);
    expect(image.runConfig.Cmd).toEqual(['/hello']);
    expect([...image.merged().root.children!.keys()]).toEqual(['hello']);
    expect(programAt(image, '/hello')).toBe('hello');
    expectSize(image, 13256);
  });

  it('the hello program prints the real message', async () => {
    let out = '';
    const ctx = { argv: ['/hello'], stdout: { write: async (d: string | Uint8Array) => void (out += String(d)), close() {}, isTTY: false } };
    expect(await helloProgram(ctx as unknown as Parameters<typeof helloProgram>[0])).toBe(0);
    expect(out).toBe(HELLO_MESSAGE);
    expect(out.split('\n')[1]).toBe('Hello from Docker!');
    expect(out).toContain(' $ docker run -it ubuntu bash\n');
  });
});

describe('busybox', () => {
  it('has one multi-call binary hard-linked under every applet name', async () => {
    const image = await loadCatalogImage(catalog, 'busybox');
    expect(image.layers).toHaveLength(1);
    expect(image.runConfig.Cmd).toEqual(['sh']);
    expect(programAt(image, '/bin/busybox')).toBe('busybox');
    const ls = node(image, '/bin/ls');
    expect(ls.inode).toBe(node(image, '/bin/busybox').inode);
    expect(image.merged().nlink(ls)).toBeGreaterThan(200);
    expect(textOf(image, '/etc/passwd')).toMatch(/^root:x:0:0:root:\/root:\/bin\/sh\n/);
    expectSize(image, 4_260_000);
  });
});

describe('alpine', () => {
  it('3.20: busybox applets are symlinks, musl, os-release', async () => {
    const image = await loadCatalogImage(catalog, 'alpine:3.20');
    expect(image.layers).toHaveLength(1);
    expect(image.runConfig.Cmd).toEqual(['/bin/sh']);
    expect(node(image, '/bin/ls').type).toBe('symlink');
    expect((node(image, '/bin/sh').inode as { target: string }).target).toBe('/bin/busybox');
    expect(programAt(image, '/bin/busybox')).toBe('busybox');
    expect(node(image, '/lib/ld-musl-x86_64.so.1').type).toBe('file');
    expect(textOf(image, '/etc/os-release')).toContain('PRETTY_NAME="Alpine Linux v3.20"\n');
    expect(textOf(image, '/etc/alpine-release')).toBe('3.20.3\n');
    expectSize(image, 7_800_000);
  });

  it('latest is 3.21', async () => {
    const image = await loadCatalogImage(catalog, 'alpine');
    expect(textOf(image, '/etc/alpine-release')).toBe('3.21.2\n');
  });
});

describe('debian', () => {
  it('bookworm: the minbase file list, real config text, binaries naming their programs', async () => {
    const image = await loadCatalogImage(catalog, 'debian:bookworm');
    expect(image.layers).toHaveLength(1);
    expect(image.runConfig.Cmd).toEqual(['bash']);
    expect(image.config.history?.map((h) => h.empty_layer ?? false)).toEqual([false, true]);
    expect(textOf(image, '/etc/os-release')).toContain('PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n');
    expect(textOf(image, '/etc/debian_version')).toMatch(/^12\.\d+\n$/);
    expect(textOf(image, '/etc/passwd')).toMatch(/^root:x:0:0:root:\/root:\/bin\/bash\n/);
    expect(node(image, '/bin').type).toBe('symlink');
    expect(programAt(image, '/usr/bin/ls')).toBe('ls');
    expect(programAt(image, '/usr/bin/bash')).toBe('bash');
    expect(programAt(image, '/usr/bin/dash')).toBe('dash');
    expect(node(image, '/usr/share/doc/bash/copyright').type).toBe('file');
    expect(image.merged().get('/var/lib/apt/lists/partial')?.type).toBe('dir');
    expect(image.merged().get('/etc/hostname')).toBeUndefined();
    expectSize(image, 117_000_000);
  });

  it("dpkg's database is real text in every Debian-family image (what dpkg -L and dpkg -S read)", async () => {
    for (const ref of ['debian:bookworm', 'debian:bookworm-slim', 'debian:bullseye', 'ubuntu:24.04', 'ubuntu:22.04', 'ubuntu:20.04', 'ubuntu:18.04', 'ubuntu:16.04', 'ubuntu:14.04', 'node:20', 'python:3.12', 'python:2.7', 'nginx', 'httpd', 'redis', 'mysql:5.5', 'postgres']) {
      const image = await loadCatalogImage(catalog, ref);
      const list = textOf(image, '/var/lib/dpkg/info/coreutils.list');
      expect(list, ref).toMatch(/^\/\.\n/);
      expect(list, ref).toContain('\n/bin/ls\n');
      expect(textOf(image, '/var/lib/dpkg/info/bash.list'), ref).toContain('\n/bin/bash\n');
      expect(textOf(image, '/var/lib/dpkg/info/bash.md5sums'), ref).toMatch(/^[0-9a-f]{32} {2}bin\/bash$/m);
      expect(textOf(image, '/var/lib/dpkg/info/bash.conffiles'), ref).toBe('/etc/bash.bashrc\n/etc/skel/.bash_logout\n/etc/skel/.bashrc\n/etc/skel/.profile\n');
    }
    // Package layers write the lists of what they install (buildpack-deps' curl).
    expect(textOf(await loadCatalogImage(catalog, 'node:20'), '/var/lib/dpkg/info/curl.list')).toContain('\n/usr/bin/curl\n');
  });

  it('bookworm: info files are the ones dpkg writes (differential against the host for the package versions it shares)', async () => {
    if (!existsSync('/var/lib/dpkg/status')) {
      console.warn('skipped: no dpkg database on this host');
      return;
    }
    const versions = (status: string) => new Map([...status.matchAll(/^Package: (\S+)\n(?:.+\n)*?Version: (.+)$/gm)].map((m) => [m[1]!, m[2]!]));
    const image = await loadCatalogImage(catalog, 'debian:bookworm');
    const host = versions(readFileSync('/var/lib/dpkg/status', 'utf8'));
    const same = [...versions(textOf(image, '/var/lib/dpkg/status'))].filter(([p, v]) => host.get(p) === v && existsSync(`/var/lib/dpkg/info/${p}.list`)).map(([p]) => p);
    if (same.length === 0) {
      console.warn('skipped: the host shares no package version with the image');
      return;
    }
    for (const p of same) {
      expect(textOf(image, `/var/lib/dpkg/info/${p}.list`), p).toBe(readFileSync(`/var/lib/dpkg/info/${p}.list`, 'utf8'));
      if (existsSync(`/var/lib/dpkg/info/${p}.md5sums`)) expect(textOf(image, `/var/lib/dpkg/info/${p}.md5sums`), p).toBe(readFileSync(`/var/lib/dpkg/info/${p}.md5sums`, 'utf8'));
    }
  });

  it('bookworm-slim drops docs, man pages and locales but keeps copyright files', async () => {
    const image = await loadCatalogImage(catalog, 'debian:bookworm-slim');
    expect(node(image, '/usr/share/doc/bash/copyright').type).toBe('file');
    expect(image.merged().get('/usr/share/man/man1/ls.1.gz')).toBeUndefined();
    expect(textOf(image, '/etc/dpkg/dpkg.cfg.d/docker')).toContain('path-exclude /usr/share/man/*\n');
    expectSize(image, 74_800_000);
  });
});

describe('ubuntu', () => {
  it('24.04 (latest): Ubuntu identity, ubuntu user, Launchpad history', async () => {
    const image = await loadCatalogImage(catalog, 'ubuntu');
    expect(image).toBe(await loadCatalogImage(catalog, 'ubuntu:24.04'));
    expect(image.layers).toHaveLength(1);
    expect(image.runConfig.Cmd).toEqual(['/bin/bash']);
    expect(image.runConfig.Labels).toEqual({ 'org.opencontainers.image.ref.name': 'ubuntu', 'org.opencontainers.image.version': '24.04' });
    expect(image.config.history).toHaveLength(6);
    expect(image.config.history![4]!.created_by).toBe(`/bin/sh -c #(nop) ADD file:${image.diffIds[0]!.slice(7)} in / `);
    expect(textOf(image, '/etc/os-release')).toContain('PRETTY_NAME="Ubuntu 24.04.3 LTS"\n');
    expect(textOf(image, '/etc/passwd')).toContain('ubuntu:x:1000:1000:Ubuntu:/home/ubuntu:/bin/bash\n');
    expect(programAt(image, '/usr/bin/ls')).toBe('ls');
    expectSize(image, 78_100_000);
  });
});

describe('memory', () => {
  it('every catalog image fits in one ImageStore; layers are shared, not copied', async () => {
    const store = new ImageStore();
    const seen = new Set<string>();
    for (const repo of catalog.repositories()) {
      for (const tag of Object.keys(repo.tags)) {
        const image = await loadCatalogImage(catalog, `${repo.name}:${tag}`);
        store.add(image);
        seen.add(image.id);
      }
    }
    expect(store.list()).toHaveLength(seen.size);
    const a = await loadCatalogImage(catalog, 'alpine:latest');
    expect(a).toBe(await loadCatalogImage(catalog, 'alpine:3.21'));
  });
});

describe('nginx', () => {
  it('latest: bookworm-slim base layer shared, RUN + five COPY layers, nginx.org layout, nginx binary', async () => {
    const image = await loadCatalogImage(catalog, 'nginx');
    const slim = await loadCatalogImage(catalog, 'debian:bookworm-slim');
    expect(image.layers).toHaveLength(7);
    expect(image.layers[0]).toBe(slim.layers[0]);
    expect(catalog.resolve('nginx')!.image.layers[0]!.diffId).toBe(slim.diffIds[0]);
    expect(image.runConfig.Entrypoint).toEqual(['/docker-entrypoint.sh']);
    expect(image.runConfig.Cmd).toEqual(['nginx', '-g', 'daemon off;']);
    expect(image.runConfig.ExposedPorts).toEqual({ '80/tcp': {} });
    expect(image.runConfig.StopSignal).toBe('SIGQUIT');
    expect(image.config.history?.filter((h) => !h.empty_layer)).toHaveLength(7);
    expect(programAt(image, '/usr/sbin/nginx')).toBe('nginx');
    expect(programAt(image, '/usr/bin/curl')).toBe('curl');
    expect(textOf(image, '/etc/nginx/nginx.conf')).toMatch(/^\nuser  nginx;\n/);
    expect(textOf(image, '/etc/nginx/conf.d/default.conf')).toContain('root   /usr/share/nginx/html;');
    expect(textOf(image, '/usr/share/nginx/html/index.html')).toContain('<h1>Welcome to nginx!</h1>');
    expect(textOf(image, '/etc/passwd')).toContain('nginx:x:101:101:nginx user:/nonexistent:/bin/false\n');
    expect((node(image, '/var/log/nginx/access.log').inode as { target: string }).target).toBe('/dev/stdout');
    expect(textOf(image, '/etc/os-release')).toContain('VERSION_CODENAME=bookworm\n');
    expect(node(image, '/docker-entrypoint.d/20-envsubst-on-templates.sh').mode).toBe(0o775);
    expectSize(image, 192_000_000);
  });

  it('alpine: alpine:3.21 layer shared, alpine-slim RUN + five COPY layers, the modules RUN layer, apk database', async () => {
    const image = await loadCatalogImage(catalog, 'nginx:alpine');
    const slim = await loadCatalogImage(catalog, 'nginx:alpine-slim');
    const alpine = await loadCatalogImage(catalog, 'alpine:3.21');
    expect(image.layers).toHaveLength(8);
    expect(image.layers[0]).toBe(alpine.layers[0]);
    expect(image.layers.slice(0, 7)).toEqual(slim.layers);
    expect(slim.layers).toHaveLength(7);
    const digest = catalog.resolve('nginx:alpine')!.manifestDigest;
    for (const tag of ['mainline-alpine', '1.27-alpine', '1.27.4-alpine', 'alpine3.21', '1.27.4-alpine3.21']) expect(catalog.resolve(`nginx:${tag}`)!.manifestDigest, tag).toBe(digest);
    expect(catalog.resolve('nginx:1.27.4-alpine-slim')!.manifestDigest).toBe(catalog.resolve('nginx:alpine-slim')!.manifestDigest);
    expect(image.runConfig.Entrypoint).toEqual(['/docker-entrypoint.sh']);
    expect(image.runConfig.Cmd).toEqual(['nginx', '-g', 'daemon off;']);
    expect(image.runConfig.ExposedPorts).toEqual({ '80/tcp': {} });
    expect(image.runConfig.StopSignal).toBe('SIGQUIT');
    expect(image.runConfig.Labels).toEqual({ maintainer: 'NGINX Docker Maintainers <docker-maint@nginx.com>' });
    expect(image.runConfig.Env).toEqual(['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'NGINX_VERSION=1.27.4', 'PKG_RELEASE=1', 'DYNPKG_RELEASE=1', 'NJS_VERSION=0.8.9', 'NJS_RELEASE=1']);
    const steps = (image.config.history ?? []).map((h) => (h.created_by ?? '').replace(/^(RUN \/bin\/sh -c set -x {5}&& \S+).*$/, '$1 ...'));
    expect(steps).toEqual([
      'ADD alpine-minirootfs-3.21.2-x86_64.tar.gz / # buildkit',
      'CMD ["/bin/sh"]',
      'LABEL maintainer=NGINX Docker Maintainers <docker-maint@nginx.com>',
      'ENV NGINX_VERSION=1.27.4',
      'ENV PKG_RELEASE=1',
      'ENV DYNPKG_RELEASE=1',
      'RUN /bin/sh -c set -x     && addgroup ...',
      'COPY docker-entrypoint.sh / # buildkit',
      'COPY 10-listen-on-ipv6-by-default.sh /docker-entrypoint.d # buildkit',
      'COPY 15-local-resolvers.envsh /docker-entrypoint.d # buildkit',
      'COPY 20-envsubst-on-templates.sh /docker-entrypoint.d # buildkit',
      'COPY 30-tune-worker-processes.sh /docker-entrypoint.d # buildkit',
      'ENTRYPOINT ["/docker-entrypoint.sh"]',
      'EXPOSE map[80/tcp:{}]',
      'STOPSIGNAL SIGQUIT',
      'CMD ["nginx" "-g" "daemon off;"]',
      'ENV NJS_VERSION=0.8.9',
      'ENV NJS_RELEASE=1',
      'RUN /bin/sh -c set -x     && apkArch="$(cat ...',
    ]);
    expect(image.config.history?.filter((h) => !h.empty_layer)).toHaveLength(8);
    expect(programAt(image, '/usr/sbin/nginx')).toBe('nginx');
    expect(programAt(image, '/usr/sbin/nginx-debug')).toBe('nginx');
    expect(programAt(image, '/usr/bin/curl')).toBe('curl');
    expect(programAt(image, '/usr/local/bin/envsubst')).toBe('envsubst');
    expect((node(image, '/bin/sh').inode as { target: string }).target).toBe('/bin/busybox');
    expect(textOf(image, '/etc/os-release')).toContain('VERSION_ID=3.21.2\n');
    expect(textOf(image, '/etc/passwd')).toContain('\nnginx:x:101:101:nginx:/var/cache/nginx:/sbin/nologin\n');
    expect(textOf(image, '/etc/group')).toContain('\nnginx:x:101:nginx\n');
    expect(textOf(image, '/etc/nginx/nginx.conf')).toBe(textOf(await loadCatalogImage(catalog, 'nginx'), '/etc/nginx/nginx.conf'));
    expect(textOf(image, '/etc/nginx/conf.d/default.conf')).toContain('root   /usr/share/nginx/html;');
    expect(textOf(image, '/etc/nginx/mime.types')).toContain('text/html');
    expect(textOf(image, '/usr/share/nginx/html/index.html')).toContain('<h1>Welcome to nginx!</h1>');
    expect((node(image, '/var/log/nginx/error.log').inode as { target: string }).target).toBe('/dev/stderr');
    expect((node(image, '/etc/nginx/modules').inode as { target: string }).target).toBe('/usr/lib/nginx/modules');
    expect(node(image, '/usr/lib/nginx/modules/ngx_http_js_module.so').type).toBe('file');
    expect(node(slim, '/usr/lib/nginx/modules').type).toBe('dir');
    expect(slim.merged().get('/usr/lib/nginx/modules/ngx_http_js_module.so')).toBeUndefined();
    expect(node(image, '/docker-entrypoint.sh').mode).toBe(0o775);
    // apk's database after each RUN step: the base packages, then what the step installed.
    const db = textOf(image, '/lib/apk/db/installed');
    const installed = [...db.matchAll(/^P:(.*)\nV:(.*)$/gm)].map((m) => `${m[1]}-${m[2]}`);
    expect(installed.slice(0, 2)).toEqual(['alpine-baselayout-3.6.8-r1', 'alpine-baselayout-data-3.6.8-r1']);
    expect(installed).toEqual(expect.arrayContaining(['pcre2-10.43-r0', 'nginx-1.27.4-r1', 'tzdata-2025a-r0', 'nginx-module-njs-1.27.4.0.8.9-r1', 'nginx-module-xslt-1.27.4-r1', 'libgd-2.3.3-r9', 'curl-8.11.1-r0']));
    expect(textOf(slim, '/lib/apk/db/installed')).not.toContain('P:nginx-module-njs\n');
    expect(textOf(image, '/etc/apk/world').split('\n')).toEqual(expect.arrayContaining(['nginx=1.27.4-r1', 'nginx-module-njs=1.27.4.0.8.9-r1', 'curl', 'tzdata']));
    expectSize(image, 47_900_000);
    expectSize(slim, 12_900_000);
  });
});

describe('node', () => {
  it('20: debian:bookworm layer shared, buildpack-deps layers, node binary, npm and yarn links', async () => {
    const image = await loadCatalogImage(catalog, 'node:20');
    const debian = await loadCatalogImage(catalog, 'debian:bookworm');
    expect(image.layers).toHaveLength(8);
    expect(image.layers[0]).toBe(debian.layers[0]);
    expect(image.runConfig.Entrypoint).toEqual(['docker-entrypoint.sh']);
    expect(image.runConfig.Cmd).toEqual(['node']);
    expect(image.runConfig.Env).toContain('NODE_VERSION=20.18.3');
    expect(programAt(image, '/usr/local/bin/node')).toBe('node');
    expect(programAt(image, '/usr/bin/git')).toBe('git');
    expect((node(image, '/usr/bin/gcc-12').inode as { target: string }).target).toBe('x86_64-linux-gnu-gcc-12');
    expect(programAt(image, '/usr/bin/x86_64-linux-gnu-gcc-12')).toBe('x86_64-linux-gnu-gcc-12');
    expect(textOf(image, '/usr/local/bin/yarn')).toMatch(/^#!/);
    expect(textOf(image, '/usr/local/bin/npm')).toMatch(/^#!/);
    expect(node(image, '/usr/local/include/node/node.h').type).toBe('file');
    expect(textOf(image, '/etc/passwd')).toContain('node:x:1000:1000::/home/node:/bin/bash\n');
    expect(node(image, '/home/node').uid).toBe(1000);
    expectSize(image, 1_100_000_000);
  });
});

describe('python', () => {
  it('3.12: shares debian and buildpack-deps layers with node:20, /usr/local python, CMD python3', async () => {
    const image = await loadCatalogImage(catalog, 'python:3.12');
    const nodeImage = await loadCatalogImage(catalog, 'node:20');
    expect(image.layers).toHaveLength(7);
    expect(image.layers.slice(0, 4)).toEqual(nodeImage.layers.slice(0, 4));
    expect(image.runConfig.Cmd).toEqual(['python3']);
    expect(image.runConfig.Env).toContain('PYTHON_VERSION=3.12.9');
    expect(programAt(image, '/usr/local/bin/python3.12')).toBe('python3');
    expect((node(image, '/usr/local/bin/python').inode as { target: string }).target).toBe('python3');
    expect(node(image, '/usr/local/lib/python3.12/os.py').type).toBe('file');
    expect(node(image, '/usr/local/lib/python3.12/site-packages/pip').type).toBe('dir');
    expect(textOf(image, '/usr/local/bin/pip')).toMatch(/^#!\/usr\/local\/bin\/python3\.12\n/);
    expectSize(image, 1_020_000_000);
  });
});

describe('registry', () => {
  it('2: alpine layer shared, registry binary, config, volume, port 5000', async () => {
    const image = await loadCatalogImage(catalog, 'registry:2');
    const alpine = await loadCatalogImage(catalog, 'alpine:3.20');
    expect(image.layers).toHaveLength(5);
    expect(image.layers[0]).toBe(alpine.layers[0]);
    expect(image.runConfig.Entrypoint).toEqual(['/entrypoint.sh']);
    expect(image.runConfig.Cmd).toEqual(['/etc/docker/registry/config.yml']);
    expect(image.runConfig.ExposedPorts).toEqual({ '5000/tcp': {} });
    expect(image.runConfig.Volumes).toEqual({ '/var/lib/registry': {} });
    expect(programAt(image, '/bin/registry')).toBe('registry');
    expect(textOf(image, '/etc/docker/registry/config.yml')).toContain('  addr: :5000\n');
    expect(textOf(image, '/etc/os-release')).toContain('ID=alpine\n');
    expectSize(image, 25_400_000);
  });
});

describe('redis', () => {
  it('latest (7.4): bookworm-slim layer shared, redis-server, /data volume and workdir, port 6379', async () => {
    const image = await loadCatalogImage(catalog, 'redis');
    const slim = await loadCatalogImage(catalog, 'debian:bookworm-slim');
    expect(image.layers).toHaveLength(7);
    expect(image.layers[0]).toBe(slim.layers[0]);
    expect(image.runConfig.Entrypoint).toEqual(['docker-entrypoint.sh']);
    expect(image.runConfig.Cmd).toEqual(['redis-server']);
    expect(image.runConfig.WorkingDir).toBe('/data');
    expect(image.runConfig.Volumes).toEqual({ '/data': {} });
    expect(image.runConfig.ExposedPorts).toEqual({ '6379/tcp': {} });
    expect(programAt(image, '/usr/local/bin/redis-server')).toBe('redis-server');
    expect(programAt(image, '/usr/local/bin/redis-cli')).toBe('redis-cli');
    expect(node(image, '/data').uid).toBe(999);
    expect(textOf(image, '/etc/passwd')).toContain('redis:x:999:999::/home/redis:/bin/sh\n');
    expect(node(image, '/usr/share/zoneinfo/Europe/Paris').type).toBe('file');
    expectSize(image, 117_000_000);
  });

  it('alpine (7.4.2): alpine:3.21 layer shared, BusyBox-made redis user, tzdata and gosu, the build, WORKDIR empty layer', async () => {
    const image = await loadCatalogImage(catalog, 'redis:alpine');
    const alpine = await loadCatalogImage(catalog, 'alpine:3.21');
    expect(image.layers).toHaveLength(8);
    expect(image.layers[0]).toBe(alpine.layers[0]);
    for (const tag of ['7-alpine', '7.4-alpine', '7.4.2-alpine', 'alpine3.21']) expect(catalog.resolve(`redis:${tag}`)!.manifestDigest, tag).toBe(catalog.resolve('redis:alpine')!.manifestDigest);
    expect(image.runConfig.Entrypoint).toEqual(['docker-entrypoint.sh']);
    expect(image.runConfig.Cmd).toEqual(['redis-server']);
    expect(image.runConfig.WorkingDir).toBe('/data');
    expect(image.runConfig.Volumes).toEqual({ '/data': {} });
    expect(image.runConfig.ExposedPorts).toEqual({ '6379/tcp': {} });
    expect(image.runConfig.Env).toContain('REDIS_DOWNLOAD_SHA=4ddebbf09061cbb589011786febdb34f29767dd7f89dbe712d2b68e808af6a1f');
    expect(catalog.resolve('redis:alpine')!.image.layers[6]!.size).toBe(0);
    const cut = (s: string) => s.slice(0, 40);
    expect(image.config.history?.filter((h) => !h.empty_layer).map((h) => cut(h.created_by!))).toEqual(
      [
        'ADD alpine-minirootfs-3.21.2-x86_64.tar.gz / # buildkit',
        'RUN /bin/sh -c set -eux; \taddgroup -S -g 1000 redis; \tadduser -S -G redis -u 999 redis # buildkit',
        'RUN /bin/sh -c set -eux; \tapk add --no-cache \t\ttzdata \t; # buildkit',
        'RUN /bin/sh -c set -eux; \tapk add --no-cache --virtual .gosu-fetch gnupg;',
        'RUN /bin/sh -c set -eux; \t\tapk add --no-cache --virtual .build-deps',
        'RUN /bin/sh -c mkdir /data && chown redis:redis /data # buildkit',
        'WORKDIR /data',
        'COPY docker-entrypoint.sh /usr/local/bin/ # buildkit',
      ].map(cut),
    );
    expect(textOf(image, '/etc/passwd')).toContain('\nredis:x:999:1000:Linux User,,,:/home/redis:/sbin/nologin\n');
    expect(textOf(image, '/etc/group')).toContain('\nredis:x:1000:redis\n');
    expect(node(image, '/data').uid).toBe(999);
    expect(programAt(image, '/usr/local/bin/redis-server')).toBe('redis-server');
    expect(programAt(image, '/usr/local/bin/gosu')).toBe('gosu');
    expect((node(image, '/usr/local/bin/redis-sentinel').inode as { target: string }).target).toBe('redis-server');
    expect(node(image, '/usr/share/zoneinfo/Europe/Paris').type).toBe('file');
    expect(textOf(image, '/lib/apk/db/installed')).toMatch(/\nP:tzdata\nV:2025a-r0\n[^]*\nP:\.redis-rundeps\n/);
    expectSize(image, 45_000_000);
  });
});

describe('older releases and user images', () => {
  it('ubuntu 22.04 and 20.04 carry their own identity and no ubuntu user', async () => {
    const jammy = await loadCatalogImage(catalog, 'ubuntu:22.04');
    expect(textOf(jammy, '/etc/os-release')).toContain('VERSION="22.04.5 LTS (Jammy Jellyfish)"\n');
    expect(textOf(jammy, '/etc/passwd')).not.toContain('ubuntu:x:1000');
    const focal = await loadCatalogImage(catalog, 'ubuntu:focal');
    expect(textOf(focal, '/etc/lsb-release')).toContain('DISTRIB_CODENAME=focal\n');
    expectSize(focal, 72_800_000);
  });

  it('alpine 3.18 and 3.19', async () => {
    expect(textOf(await loadCatalogImage(catalog, 'alpine:3.18'), '/etc/alpine-release')).toBe('3.18.12\n');
    expect(textOf(await loadCatalogImage(catalog, 'alpine:3.19'), '/etc/os-release')).toContain('PRETTY_NAME="Alpine Linux v3.19"\n');
  });

  it('user repositories are searchable', () => {
    const hit = catalog.search('tutorial').map((r) => r.name);
    expect(hit).toContain('learn/tutorial');
    expect(catalog.repository('learn/tutorial')?.official).toBe(false);
  });
});

describe('ubuntu before 20.04', () => {
  it('18.04: one layer, split /usr, bionic identity, no tzdata data', async () => {
    const image = await loadCatalogImage(catalog, 'ubuntu:18.04');
    expect(image).toBe(await loadCatalogImage(catalog, 'ubuntu:bionic'));
    expect(image.layers).toHaveLength(1);
    expect(image.config.history?.map((h) => h.empty_layer ?? false)).toEqual([false, true]);
    expect(node(image, '/bin').type).toBe('dir');
    expect(programAt(image, '/bin/bash')).toBe('bash');
    expect(programAt(image, '/bin/ls')).toBe('ls');
    expect(programAt(image, '/usr/bin/env')).toBe('env');
    expect(node(image, '/lib/x86_64-linux-gnu/libc.so.6').type).toBe('file');
    expect(image.merged().get('/usr/share/zoneinfo/UTC')).toBeUndefined();
    expect(textOf(image, '/etc/os-release')).toContain('VERSION="18.04.6 LTS (Bionic Beaver)"\n');
    expect(textOf(image, '/etc/debian_version')).toBe('buster/sid\n');
    expect(textOf(image, '/etc/apt/sources.list')).toContain('deb http://archive.ubuntu.com/ubuntu/ bionic main restricted\n');
    expectSize(image, 63_100_000);
  });

  it('16.04: the four layers of the old Dockerfile (policy-rc.d, apt settings, /run/systemd/container)', async () => {
    const image = await loadCatalogImage(catalog, 'ubuntu:xenial');
    expect(image.layers).toHaveLength(4);
    expect(image.config.history?.map((h) => h.empty_layer ?? false)).toEqual([false, false, false, false, true]);
    expect(image.config.history![2]!.created_by).toBe('/bin/sh -c [ -z "$(apt-get indextargets)" ]');
    expect(textOf(image, '/usr/sbin/policy-rc.d')).toBe('#!/bin/sh\nexit 101\n');
    expect(textOf(image, '/sbin/initctl')).toBe('#!/bin/sh\nexit 0\n');
    expect(textOf(image, '/etc/apt/apt.conf.d/docker-no-languages')).toBe('Acquire::Languages "none";\n');
    expect(textOf(image, '/run/systemd/container')).toBe('docker\n');
    expect(textOf(image, '/etc/os-release')).toContain('PRETTY_NAME="Ubuntu 16.04.7 LTS"\n');
    expect(programAt(image, '/bin/systemctl')).toBe('systemctl');
    expect(programAt(image, '/bin/ps')).toBe('ps');
    expectSize(image, 135_000_000);
  });

  it('14.04: five layers, upstart initctl diverted, universe enabled by the sed layer', async () => {
    const image = await loadCatalogImage(catalog, 'ubuntu:14.04');
    expect(image.layers).toHaveLength(5);
    expect(programAt(image, '/sbin/initctl.distrib')).toBe('initctl');
    expect(textOf(image, '/var/lib/dpkg/diversions')).toContain('/sbin/initctl\n/sbin/initctl.distrib\n:\n');
    expect(textOf(image, '/etc/apt/sources.list')).toContain('\ndeb http://archive.ubuntu.com/ubuntu/ trusty universe\n');
    expect(image.merged().get('/usr/lib/os-release')).toBeUndefined();
    expect(node(image, '/etc/os-release').type).toBe('file');
    expect(textOf(image, '/etc/os-release')).toContain('VERSION="14.04.6 LTS, Trusty Tahr"\n');
    expect(textOf(image, '/etc/debian_version')).toBe('jessie/sid\n');
    expectSize(image, 197_000_000);
  });

  it('latest is still 24.04 and 22.04/20.04 name their Debian base', async () => {
    expect(catalog.resolve('ubuntu')!.manifestDigest).toBe(catalog.resolve('ubuntu:24.04')!.manifestDigest);
    expect(textOf(await loadCatalogImage(catalog, 'ubuntu:22.04'), '/etc/debian_version')).toBe('bookworm/sid\n');
    expect(textOf(await loadCatalogImage(catalog, 'ubuntu:20.04'), '/etc/debian_version')).toBe('bullseye/sid\n');
  });
  it("apt's sources: the classic sources.list up to 22.04, deb822 ubuntu.sources from 24.04", async () => {
    const jammy = await loadCatalogImage(catalog, 'ubuntu:22.04');
    const list = textOf(jammy, '/etc/apt/sources.list');
    expect(list.startsWith('# See http://help.ubuntu.com/community/UpgradeNotes for how to upgrade to\n# newer versions of the distribution.\ndeb http://archive.ubuntu.com/ubuntu/ jammy main restricted\n# deb-src http://archive.ubuntu.com/ubuntu/ jammy main restricted\n\n')).toBe(true);
    expect(list.split('\n').filter((l) => l.startsWith('deb '))).toEqual([
      'deb http://archive.ubuntu.com/ubuntu/ jammy main restricted',
      'deb http://archive.ubuntu.com/ubuntu/ jammy-updates main restricted',
      'deb http://archive.ubuntu.com/ubuntu/ jammy universe',
      'deb http://archive.ubuntu.com/ubuntu/ jammy-updates universe',
      'deb http://archive.ubuntu.com/ubuntu/ jammy multiverse',
      'deb http://archive.ubuntu.com/ubuntu/ jammy-updates multiverse',
      'deb http://archive.ubuntu.com/ubuntu/ jammy-backports main restricted universe multiverse',
      'deb http://security.ubuntu.com/ubuntu/ jammy-security main restricted',
      'deb http://security.ubuntu.com/ubuntu/ jammy-security universe',
      'deb http://security.ubuntu.com/ubuntu/ jammy-security multiverse',
    ]);
    expect(list).toContain('\n# deb http://archive.canonical.com/ubuntu jammy partner\n');
    expect(jammy.merged().get('/etc/apt/sources.list.d/ubuntu.sources')).toBeUndefined();
    expect(node(jammy, '/etc/apt/sources.list.d').type).toBe('dir');
    for (const [ref, codename] of [['ubuntu:20.04', 'focal'], ['ubuntu:18.04', 'bionic'], ['ubuntu:16.04', 'xenial']] as const) {
      const image = await loadCatalogImage(catalog, ref);
      expect(textOf(image, '/etc/apt/sources.list'), ref).toBe(list.replaceAll('jammy', codename));
      expect(image.merged().get('/etc/apt/sources.list.d/ubuntu.sources'), ref).toBeUndefined();
    }
    const noble = await loadCatalogImage(catalog, 'ubuntu:24.04');
    expect(textOf(noble, '/etc/apt/sources.list')).toBe(
      '# Ubuntu sources have moved to the /etc/apt/sources.list.d/ubuntu.sources\n# file, which uses the deb822 format. Use deb822-formatted .sources files\n# to manage package sources in the /etc/apt/sources.list.d/ directory.\n# See the sources.list(5) manual page for details.\n',
    );
    const sources = textOf(noble, '/etc/apt/sources.list.d/ubuntu.sources');
    expect(sources).toContain('\n## See the sources.list(5) manual page for further settings.\nTypes: deb\nURIs: http://archive.ubuntu.com/ubuntu/\nSuites: noble noble-updates noble-backports\nComponents: main universe restricted multiverse\nSigned-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg\n\n');
    expect(sources.endsWith('Types: deb\nURIs: http://security.ubuntu.com/ubuntu/\nSuites: noble-security\nComponents: main universe restricted multiverse\nSigned-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg\n')).toBe(true);
  });
});

describe('debian bullseye', () => {
  it('a real bullseye minbase root with split /usr and a one-line sources.list', async () => {
    const image = await loadCatalogImage(catalog, 'debian:bullseye');
    expect(image).toBe(await loadCatalogImage(catalog, 'debian:11'));
    expect(image.layers).toHaveLength(1);
    expect(image.runConfig.Cmd).toEqual(['bash']);
    expect(textOf(image, '/etc/os-release')).toContain('PRETTY_NAME="Debian GNU/Linux 11 (bullseye)"\n');
    expect(textOf(image, '/etc/debian_version')).toMatch(/^11\.\d+\n$/);
    expect(textOf(image, '/etc/apt/sources.list')).toContain('deb http://deb.debian.org/debian bullseye main\n');
    expect(node(image, '/bin').type).toBe('dir');
    expect(programAt(image, '/bin/bash')).toBe('bash');
    expect(image.config.history![0]!.created_by).toMatch(/^# debian\.sh --arch 'amd64' out\/ 'bullseye' '@\d+'$/);
    expectSize(image, 124_000_000);
  });

  it('bullseye-slim', async () => {
    const image = await loadCatalogImage(catalog, 'debian:bullseye-slim');
    expect(image.merged().get('/usr/share/man/man1/ls.1.gz')).toBeUndefined();
    expect(textOf(image, '/etc/dpkg/dpkg.cfg.d/docker')).toContain('path-exclude /usr/share/doc/*\n');
    expectSize(image, 80_600_000);
  });
});

describe('node 18, 22 and the alpine variants', () => {
  it('18 and 22 share debian:bookworm and buildpack-deps layers with node:20 and differ in their own', async () => {
    const n20 = await loadCatalogImage(catalog, 'node:20');
    for (const [ref, version] of [['node:22', '22.14.0'], ['node:18', '18.20.6'], ['node:lts', '22.14.0']] as const) {
      const image = await loadCatalogImage(catalog, ref);
      expect(image.layers).toHaveLength(8);
      expect(image.layers.slice(0, 4)).toEqual(n20.layers.slice(0, 4));
      expect(image.runConfig.Env).toContain(`NODE_VERSION=${version}`);
      expect(image.config.history?.find((h) => h.created_by?.startsWith('ENV NODE_VERSION'))?.created_by).toBe(`ENV NODE_VERSION=${version}`);
      expect(programAt(image, '/usr/local/bin/node')).toBe('node');
    }
    expectSize(await loadCatalogImage(catalog, 'node:22'), 1_120_000_000);
    expectSize(await loadCatalogImage(catalog, 'node:18'), 1_090_000_000);
  });

  it('9.4 (the seeds\' FROM node:9.4): 8 layers of the 2018 legacy build, NODE_VERSION/YARN_VERSION, CMD node, no entrypoint, 676 MB', async () => {
    const image = await loadCatalogImage(catalog, 'node:9.4');
    const debian = await loadCatalogImage(catalog, 'debian:bookworm');
    expect(image.layers).toHaveLength(8);
    expect(image.layers[0]).toBe(debian.layers[0]);
    expect(image.config.history).toHaveLength(13);
    expect(image.config.history?.filter((h) => !h.empty_layer)).toHaveLength(8);
    expect(image.config.history?.[8]?.created_by).toBe('/bin/sh -c #(nop)  ENV NODE_VERSION=9.4.0');
    expect(image.runConfig.Env).toEqual(['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', 'NODE_VERSION=9.4.0', 'YARN_VERSION=1.3.2']);
    expect(image.runConfig.Cmd).toEqual(['node']);
    expect(image.runConfig.Entrypoint ?? null).toBeNull();
    expect(programAt(image, '/usr/local/bin/node')).toBe('node');
    expect(node(image, '/usr/local/bin/yarn').type).toBe('symlink');
    expect(programAt(image, '/usr/bin/git')).toBe('git');
    expect(textOf(image, '/etc/passwd')).toContain('node:x:1000:1000::/home/node:/bin/bash\n');
    expect(textOf(image, '/var/lib/dpkg/status')).toContain('Package: git\nStatus: install ok installed\n');
    expect(image.config.created).toBe('2018-01-11T01:34:06Z');
    expectSize(image, 676_000_000);
  });

  it('22-alpine: alpine:3.21 layer shared, node user via busybox adduser, musl node, yarn, entrypoint', async () => {
    const image = await loadCatalogImage(catalog, 'node:22-alpine');
    const alpine = await loadCatalogImage(catalog, 'alpine:3.21');
    expect(image.layers).toHaveLength(4);
    expect(image.layers[0]).toBe(alpine.layers[0]);
    expect(image.runConfig.Entrypoint).toEqual(['docker-entrypoint.sh']);
    expect(image.runConfig.Cmd).toEqual(['node']);
    expect(programAt(image, '/usr/local/bin/node')).toBe('node');
    expect(programAt(image, '/bin/busybox')).toBe('busybox');
    expect(textOf(image, '/etc/passwd')).toContain('node:x:1000:1000:Linux User,,,:/home/node:/bin/sh\n');
    expect(textOf(image, '/usr/local/bin/npm')).toMatch(/^#!/);
    expect(textOf(image, '/usr/local/bin/docker-entrypoint.sh')).toMatch(/^#!\/bin\/sh\n/);
    expect(node(image, '/usr/lib/libstdc++.so.6').type).toBe('symlink');
    expectSize(image, 159_000_000);
    expectSize(await loadCatalogImage(catalog, 'node:20-alpine'), 137_000_000);
    expectSize(await loadCatalogImage(catalog, 'node:18-alpine'), 127_000_000);
  });
});

describe('python 3.11, slim variants and 2.7', () => {
  it('3.11 over the shared buildpack-deps layers', async () => {
    const image = await loadCatalogImage(catalog, 'python:3.11');
    const nodeImage = await loadCatalogImage(catalog, 'node:20');
    expect(image.layers).toHaveLength(7);
    expect(image.layers.slice(0, 4)).toEqual(nodeImage.layers.slice(0, 4));
    expect(image.runConfig.Env).toContain('PYTHON_VERSION=3.11.11');
    expect(programAt(image, '/usr/local/bin/python3.11')).toBe('python3');
    expect(node(image, '/usr/local/lib/python3.11/os.py').type).toBe('file');
    expectSize(image, 1_010_000_000);
  });

  it('3.12-slim and 3.11-slim: bookworm-slim layer shared, ca-certificates/netbase/tzdata, no compilers', async () => {
    const slim = await loadCatalogImage(catalog, 'debian:bookworm-slim');
    for (const [ref, mm, real] of [['python:3.12-slim', '3.12', 124_000_000], ['python:3.11-slim', '3.11', 130_000_000]] as const) {
      const image = await loadCatalogImage(catalog, ref);
      expect(image.layers).toHaveLength(4);
      expect(image.layers[0]).toBe(slim.layers[0]);
      expect(image.runConfig.Cmd).toEqual(['python3']);
      expect(programAt(image, `/usr/local/bin/python${mm}`)).toBe('python3');
      expect(node(image, '/usr/share/zoneinfo/Europe/Paris').type).toBe('file');
      expect(image.merged().get('/usr/bin/gcc')).toBeUndefined();
      expectSize(image, real);
    }
    expect(catalog.resolve('python:slim')!.manifestDigest).toBe(catalog.resolve('python:3.12-slim')!.manifestDigest);
  });

  it('2.7: python2 from the 2.7.18 tree, pip from get-pip, CMD python2', async () => {
    const image = await loadCatalogImage(catalog, 'python:2.7');
    expect(image.layers).toHaveLength(7);
    expect(image.runConfig.Cmd).toEqual(['python2']);
    expect(image.runConfig.Env).toContain('PYTHON_VERSION=2.7.18');
    expect(programAt(image, '/usr/local/bin/python2.7')).toBe('python2');
    expect((node(image, '/usr/local/bin/python').inode as { target: string }).target).toBe('python2');
    expect(node(image, '/usr/local/lib/python2.7/os.py').type).toBe('file');
    expect(node(image, '/usr/local/lib/python2.7/site-packages/pip/__init__.py').type).toBe('file');
    expect(textOf(image, '/usr/local/bin/pip')).toBe(
      "#!/usr/local/bin/python\n# -*- coding: utf-8 -*-\nimport re\nimport sys\nfrom pip._internal.cli.main import main\nif __name__ == '__main__':\n    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])\n    sys.exit(main())\n",
    );
    for (const script of ['pip2', 'pip2.7']) expect(textOf(image, `/usr/local/bin/${script}`)).toBe(textOf(image, '/usr/local/bin/pip'));
    expect((node(image, '/usr/local/bin/python2').inode as { target: string }).target).toBe('python2.7');
    expect(textOf(image, '/usr/local/bin/smtpd.py')).toMatch(/^#!\/usr\/local\/bin\/python2\.7\n"""An RFC 2821 smtp proxy\./);
    // get-pip's pip carries its dependencies (Debian's debundled wheel is rebundled) and says who installed it.
    const site = '/usr/local/lib/python2.7/site-packages';
    expect(node(image, `${site}/pip/_vendor/requests/__init__.py`).type).toBe('file');
    expect(node(image, `${site}/pip/_vendor/pkg_resources/__init__.py`).type).toBe('file');
    for (const d of ['pip-20.3.4', 'setuptools-44.1.1', 'wheel-0.34.2']) expect(node(image, `${site}/${d}.dist-info/INSTALLER`).type).toBe('file');
    expectSize(image, 902_000_000);
  });
});

describe('httpd', () => {
  it('latest (2.4): bookworm-slim layer shared, /usr/local/apache2 layout, httpd binary, default config and page', async () => {
    const image = await loadCatalogImage(catalog, 'httpd');
    const slim = await loadCatalogImage(catalog, 'debian:bookworm-slim');
    expect(image.layers).toHaveLength(5);
    expect(image.layers[0]).toBe(slim.layers[0]);
    expect(image.runConfig.Cmd).toEqual(['httpd-foreground']);
    expect(image.runConfig.WorkingDir).toBe('/usr/local/apache2');
    expect(image.runConfig.StopSignal).toBe('SIGWINCH');
    expect(image.runConfig.ExposedPorts).toEqual({ '80/tcp': {} });
    expect(image.runConfig.Env).toContain('PATH=/usr/local/apache2/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin');
    expect(programAt(image, '/usr/local/apache2/bin/httpd')).toBe('httpd');
    expect(programAt(image, '/usr/local/apache2/bin/htpasswd')).toBe('htpasswd');
    expect(node(image, '/usr/local/apache2/modules/mod_mpm_event.so').type).toBe('file');
    const conf = textOf(image, '/usr/local/apache2/conf/httpd.conf');
    expect(conf).toContain('\nListen 80\n');
    expect(conf).toContain('\nDocumentRoot "/usr/local/apache2/htdocs"\n');
    expect(conf).toContain('\nUser www-data\n');
    expect(conf).toContain('\n    CustomLog /proc/self/fd/1 common\n');
    expect(textOf(image, '/usr/local/apache2/htdocs/index.html')).toBe('<html><body><h1>It works!</h1></body></html>\n');
    expect(textOf(image, '/usr/local/bin/httpd-foreground')).toContain('exec httpd -DFOREGROUND "$@"\n');
    expect(image.merged().get('/usr/share/perl')).toBeUndefined();
    expect(node(image, '/usr/local/apache2').uid).toBe(33);
    expectSize(image, 148_000_000);
  });
});

describe('postgres', () => {
  it('latest (17): fourteen layers, postgres binary under /usr/lib/postgresql/17, PGDATA volume, port 5432', async () => {
    const image = await loadCatalogImage(catalog, 'postgres');
    const slim = await loadCatalogImage(catalog, 'debian:bookworm-slim');
    expect(image.layers).toHaveLength(14);
    expect(image.layers[0]).toBe(slim.layers[0]);
    expect(image.runConfig.Entrypoint).toEqual(['docker-entrypoint.sh']);
    expect(image.runConfig.Cmd).toEqual(['postgres']);
    expect(image.runConfig.StopSignal).toBe('SIGINT');
    expect(image.runConfig.ExposedPorts).toEqual({ '5432/tcp': {} });
    expect(image.runConfig.Volumes).toEqual({ '/var/lib/postgresql/data': {} });
    expect(image.runConfig.Env).toContain('PGDATA=/var/lib/postgresql/data');
    expect(image.runConfig.Env).toContain('PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/lib/postgresql/17/bin');
    expect(programAt(image, '/usr/lib/postgresql/17/bin/postgres')).toBe('postgres');
    expect(programAt(image, '/usr/lib/postgresql/17/bin/initdb')).toBe('initdb');
    expect(textOf(image, '/usr/share/postgresql/postgresql.conf.sample')).toMatch(/^listen_addresses = '\*'/m);
    expect((node(image, '/usr/share/postgresql/17/postgresql.conf.sample').inode as { target: string }).target).toBe('../postgresql.conf.sample');
    expect(textOf(image, '/etc/postgresql-common/createcluster.conf')).toMatch(/^create_main_cluster = false$/m);
    expect(textOf(image, '/etc/passwd')).toContain('postgres:x:999:999::/var/lib/postgresql:/bin/bash\n');
    expect(textOf(image, '/etc/locale.gen')).toMatch(/\nen_US\.UTF-8 UTF-8\n$/);
    expect(node(image, '/var/lib/postgresql/data').mode).toBe(0o1777);
    expect((node(image, '/usr/local/bin/docker-enforce-initdb.sh').inode as { target: string }).target).toBe('docker-ensure-initdb.sh');
    expectSize(image, 438_000_000);
  });

  it('16 shares the version-independent layers with 17', async () => {
    const p16 = await loadCatalogImage(catalog, 'postgres:16');
    const p17 = await loadCatalogImage(catalog, 'postgres:17');
    expect(p16.layers.slice(0, 8)).toEqual(p17.layers.slice(0, 8));
    expect(p16.layers[8]).not.toBe(p17.layers[8]);
    expect(programAt(p16, '/usr/lib/postgresql/16/bin/postgres')).toBe('postgres');
    expect(p16.runConfig.Env).toContain('PG_MAJOR=16');
    expectSize(p16, 432_000_000);
  });
});

describe('mysql', () => {
  it('8.0 (latest here): Oracle Linux 8-slim base, eleven layers, mysqld, my.cnf, ports 3306 and 33060', async () => {
    const image = await loadCatalogImage(catalog, 'mysql:8.0');
    expect(image).toBe(await loadCatalogImage(catalog, 'mysql'));
    expect(image.layers).toHaveLength(11);
    expect(image.runConfig.Entrypoint).toEqual(['docker-entrypoint.sh']);
    expect(image.runConfig.Cmd).toEqual(['mysqld']);
    expect(image.runConfig.ExposedPorts).toEqual({ '3306/tcp': {}, '33060/tcp': {} });
    expect(image.runConfig.Volumes).toEqual({ '/var/lib/mysql': {} });
    expect(programAt(image, '/usr/sbin/mysqld')).toBe('mysqld');
    expect(programAt(image, '/usr/bin/mysql')).toBe('mysql');
    expect(programAt(image, '/usr/bin/mysqlcheck')).toBe('mysqlcheck');
    expect(programAt(image, '/usr/bin/mysqldump')).toBe('mysqldump');
    expect(programAt(image, '/usr/bin/mysqladmin')).toBe('mysqladmin');
    expect(programAt(image, '/usr/bin/mysqlsh')).toBe('mysqlsh');
    expect(programAt(image, '/usr/bin/microdnf')).toBe('microdnf');
    expect(textOf(image, '/etc/my.cnf')).toContain('\nsocket=/var/run/mysqld/mysqld.sock\n');
    expect(textOf(image, '/etc/my.cnf')).toMatch(/\n!includedir \/etc\/mysql\/conf\.d\/\n$/);
    expect(textOf(image, '/etc/os-release')).toContain('PRETTY_NAME="Oracle Linux Server 8.9"\n');
    expect(textOf(image, '/etc/passwd')).toContain('mysql:x:999:999::/var/lib/mysql:/bin/bash\n');
    expect((node(image, '/entrypoint.sh').inode as { target: string }).target).toBe('usr/local/bin/docker-entrypoint.sh');
    expect(node(image, '/var/lib/mysql').mode).toBe(0o1777);
    expect(image.merged().get('/usr/bin/dpkg')).toBeUndefined();
    expectSize(image, 577_000_000);
  });

  it('5.7 on Oracle Linux 7-slim with yum; 5.5 on Debian with /usr/local/mysql', async () => {
    const m57 = await loadCatalogImage(catalog, 'mysql:5.7');
    expect(m57.layers).toHaveLength(11);
    expect(programAt(m57, '/usr/bin/yum')).toBe('yum');
    expect(textOf(m57, '/etc/oracle-release')).toBe('Oracle Linux Server release 7.9\n');
    expect(m57.runConfig.Env).toContain('MYSQL_VERSION=5.7.44-1.el7');
    expectSize(m57, 501_000_000);
    const m55 = await loadCatalogImage(catalog, 'mysql:5.5');
    expect(m55.layers).toHaveLength(11);
    expect(m55.layers[0]).toBe((await loadCatalogImage(catalog, 'debian:bookworm-slim')).layers[0]);
    expect(programAt(m55, '/usr/local/mysql/bin/mysqld')).toBe('mysqld');
    expect(textOf(m55, '/etc/mysql/my.cnf')).toBe('[mysqld]\nskip-host-cache\nskip-name-resolve\ndatadir = /var/lib/mysql\n!includedir /etc/mysql/conf.d/\n');
    expect(m55.runConfig.ExposedPorts).toEqual({ '3306/tcp': {} });
    expectSize(m55, 205_000_000);
  });
});

describe('centos', () => {
  it('7 (latest here): one layer, EL layout (lib64, yum, rpm), CentOS identity and users', async () => {
    const image = await loadCatalogImage(catalog, 'centos:7');
    expect(image).toBe(await loadCatalogImage(catalog, 'centos'));
    expect(image.layers).toHaveLength(1);
    expect(image.runConfig.Cmd).toEqual(['/bin/bash']);
    expect(image.runConfig.Labels?.['org.label-schema.name']).toBe('CentOS Base Image');
    expect(textOf(image, '/etc/centos-release')).toBe('CentOS Linux release 7.9.2009 (Core)\n');
    expect(textOf(image, '/etc/redhat-release')).toBe('CentOS Linux release 7.9.2009 (Core)\n');
    expect(textOf(image, '/etc/os-release')).toContain('PRETTY_NAME="CentOS Linux 7 (Core)"\n');
    expect(textOf(image, '/etc/passwd')).toMatch(/^root:x:0:0:root:\/root:\/bin\/bash\nbin:x:1:1:bin:\/bin:\/sbin\/nologin\n/);
    expect(textOf(image, '/etc/yum.conf')).toContain('\ntsflags=nodocs\n');
    expect(textOf(image, '/etc/yum.repos.d/CentOS-Base.repo')).toContain('[base]\nname=CentOS-$releasever - Base\n');
    expect(programAt(image, '/usr/bin/yum')).toBe('yum');
    expect(programAt(image, '/usr/bin/rpm')).toBe('rpm');
    expect(programAt(image, '/usr/bin/bash')).toBe('bash');
    expect(programAt(image, '/usr/bin/python2.7')).toBe('python2');
    expect(node(image, '/usr/lib64/libc.so.6').type).toBe('file');
    expect(image.merged().get('/usr/lib/x86_64-linux-gnu')).toBeUndefined();
    expect(image.merged().get('/etc/debian_version')).toBeUndefined();
    expect(image.merged().get('/var/lib/dpkg')).toBeUndefined();
    expect(image.merged().get('/usr/bin/apt-get')).toBeUndefined();
    expectSize(image, 204_000_000);
  });

  it('6: split /usr, no os-release', async () => {
    const image = await loadCatalogImage(catalog, 'centos:6');
    expect(textOf(image, '/etc/redhat-release')).toBe('CentOS release 6.10 (Final)\n');
    expect(image.merged().get('/etc/os-release')).toBeUndefined();
    expect(node(image, '/bin').type).toBe('dir');
    expect(programAt(image, '/bin/bash')).toBe('bash');
    expectSize(image, 194_000_000);
  });
  it("EL roots: /bin/sh is bash, no dash, awk is gawk, none of Debian's own tools", async () => {
    for (const [ref, sh] of [['centos:7', '/usr/bin/sh'], ['centos:6', '/bin/sh'], ['mysql:8.0', '/usr/bin/sh'], ['mysql:5.7', '/usr/bin/sh']] as const) {
      const image = await loadCatalogImage(catalog, ref);
      expect((node(image, sh).inode as { target: string }).target, ref).toBe('bash');
      const paths = image.layers.flatMap((l) => l.tree.toEntries().map((e) => e.path));
      expect(paths.filter((p) => /(^|\/)dash(\.\S*)?$/.test(p)), ref).toEqual([]);
      for (const gone of ['/usr/bin/mawk', '/usr/sbin/start-stop-daemon', '/usr/sbin/update-rc.d', '/usr/bin/run-parts', '/etc/adduser.conf', '/etc/bash.bashrc', '/etc/timezone', '/etc/alternatives', '/usr/bin/perl']) {
        expect(image.merged().get(gone), `${ref} ${gone}`).toBeUndefined();
      }
    }
    const seven = await loadCatalogImage(catalog, 'centos:7');
    expect((node(seven, '/usr/bin/awk').inode as { target: string }).target).toBe('gawk');
    expect(programAt(seven, '/usr/bin/gawk')).toBe('awk');
    expect(programAt(seven, '/usr/bin/which')).toBe('which');
    expect((node(seven, '/usr/sbin/adduser').inode as { target: string }).target).toBe('useradd');
    expect((node(seven, '/etc/init.d').inode as { target: string }).target).toBe('rc.d/init.d');
  });
});

describe('user images', () => {
  it('learn/tutorial: one Ubuntu 12.04 layer and no CMD', async () => {
    const image = await loadCatalogImage(catalog, 'learn/tutorial');
    expect(image.layers).toHaveLength(1);
    expect(image.runConfig.Cmd).toBeUndefined();
    expect(textOf(image, '/etc/lsb-release')).toContain('DISTRIB_RELEASE=12.04\n');
    expect(programAt(image, '/bin/echo')).toBe('echo');
    expectSize(image, 128_000_000);
  });

  it('docker/whalesay: ubuntu:14.04 layers shared, cowsay with the whale as default cow', async () => {
    const image = await loadCatalogImage(catalog, 'docker/whalesay');
    const trusty = await loadCatalogImage(catalog, 'ubuntu:14.04');
    expect(image.layers).toHaveLength(8);
    expect(image.layers.slice(0, 5)).toEqual(trusty.layers);
    expect(image.runConfig.Env).toContain('PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/games');
    expect(programAt(image, '/usr/games/cowsay')).toBe('cowsay');
    expect(textOf(image, '/usr/share/cowsay/cows/default.cow')).toContain('## Docker Cow\n');
    expect(image.merged().get('/usr/share/cowsay/cows/docker.cow')).toBeUndefined();
    expect(node(image, '/usr/share/cowsay/cows/orig-default.cow').type).toBe('file');
    expectSize(image, 247_000_000);
  });

  it('search-only user repositories have no tags', async () => {
    for (const name of ['training/webapp', 'dockersamples/static-site']) {
      expect(catalog.repository(name)?.official).toBe(false);
      await expect(loadCatalogImage(catalog, name)).rejects.toThrow(`manifest for ${name}:latest not found: manifest unknown: manifest unknown`);
    }
  });
});

describe('search over the new repositories', () => {
  it('official descriptions and star order', () => {
    expect(catalog.search('database').map((r) => `${r.name} ${r.stars} ${r.official}`)).toEqual(['mysql 15900 true', 'postgres 14000 true', 'redis 13000 true']);
    expect(catalog.repository('httpd')?.description).toBe('The Apache HTTP Server Project');
    expect(catalog.repository('centos')?.description).toBe('DEPRECATED; The official build of CentOS.');
    expect(catalog.search('whalesay').map((r) => r.name)).toEqual(['docker/whalesay']);
  });
});
