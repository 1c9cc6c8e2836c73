/**
 * nginx:<version>-alpine-slim and nginx:<version>-alpine (docker-library's nginx, mainline/alpine-slim and
 * mainline/alpine). alpine-slim is alpine:3.21's layer (shared) plus one RUN layer (the nginx user made by BusyBox's
 * addgroup/adduser, nginx.org's nginx apk with pcre2, envsubst moved to /usr/local/bin with its libintl, tzdata, the
 * log symlinks, /docker-entrypoint.d) and one COPY layer per entrypoint script (the Debian variant's texts).
 * alpine adds one RUN layer: nginx.org's xslt, geoip, image-filter and njs module packages with the Alpine libraries
 * they pull in, then curl and ca-certificates. Both RUN layers carry apk's installed database and world as they are
 * after the step, so `apk info` in a container lists nginx. File sizes are Alpine 3.21's where the package index
 * in public/packages/alpine has them, estimates otherwise (content/catalog/APPROXIMATIONS.md).
 */

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ListedEntry } from '../../../lib/engine/registry/catalog/format';
import { candidates, unpackDebs } from '../packages';
import { seedOf } from '../rootfs';
import { ALPINE_LIB, apkDb, BASE_WORLD, baseStanzas, dbStanza, fromIndex, indexPackages, pkgEntries, tzdata, type Pkg } from './alpinePackages';
import { dir, link, mergeEntries, text } from './layout';
import { ALPINE_GROUP, ALPINE_PASSWD } from './small';

const FILES = join(dirname(fileURLToPath(import.meta.url)), '../../../content/catalog/files/nginx');

export interface NginxAlpineRelease {
  readonly nginx: string; // 1.27.4
  readonly pkgRelease: string; // 1
  readonly njs: string; // 0.8.9
  readonly njsRelease: string; // 1
}

/** nginx.org's packages for Alpine 3.21 (x86_64): the server and the four dynamic modules the image installs. */
function nginxOrg(rel: NginxAlpineRelease): { nginx: Pkg; modules: Pkg[] } {
  const v = `${rel.nginx}-r${rel.pkgRelease}`;
  const mod = (name: string, description: string, depends: string[], files: Array<[string, number]>, version = v): Pkg => ({
    name: `nginx-module-${name}`,
    version,
    description,
    url: 'https://nginx.org/',
    license: '2-clause BSD-like license',
    depends: ['nginx', ...depends],
    files: files.map(([f, size]) => ({ path: `usr/lib/nginx/modules/${f}`, size })),
  });
  return {
    nginx: {
      name: 'nginx',
      version: v,
      description: 'High performance web server',
      url: 'https://nginx.org/',
      license: '2-clause BSD-like license',
      depends: ['musl', 'libcrypto3', 'libssl3', 'pcre2', 'zlib'],
      // nginx-debug is the same server built with --with-debug: the image's `nginx-debug -g 'daemon off;'` runs it.
      files: [
        { path: 'usr/sbin/nginx', size: 1_439_688, program: 'nginx' },
        { path: 'usr/sbin/nginx-debug', size: 1_513_560, program: 'nginx' },
      ],
      links: { 'etc/nginx/modules': '/usr/lib/nginx/modules' },
    },
    modules: [
      mod('xslt', 'nginx xslt dynamic module', ['libxml2', 'libxslt'], [['ngx_http_xslt_filter_module.so', 23_800], ['ngx_http_xslt_filter_module-debug.so', 71_216]]),
      mod('geoip', 'nginx GeoIP dynamic modules', ['geoip'], [['ngx_http_geoip_module.so', 22_904], ['ngx_http_geoip_module-debug.so', 61_360], ['ngx_stream_geoip_module.so', 18_768], ['ngx_stream_geoip_module-debug.so', 53_104]]),
      mod('image-filter', 'nginx image filter dynamic module', ['libgd'], [['ngx_http_image_filter_module.so', 27_936], ['ngx_http_image_filter_module-debug.so', 84_472]]),
      mod('njs', 'nginx njs dynamic modules', ['libxml2', 'libxslt'], [['ngx_http_js_module.so', 1_912_472], ['ngx_http_js_module-debug.so', 2_907_944], ['ngx_stream_js_module.so', 1_851_256], ['ngx_stream_js_module-debug.so', 2_812_288]], `${rel.nginx}.${rel.njs}-r${rel.njsRelease}`),
    ],
  };
}

/** The Alpine libraries the modules pull in that public/packages/alpine does not index (sizes: Alpine 3.21's, rounded). */
const MODULE_LIBS: readonly Pkg[] = [
  ALPINE_LIB('libgpg-error', '1.51-r0', 'Support library for libgcrypt', 'GPL-2.0-or-later LGPL-2.1-or-later', ['musl'], ['usr/lib/libgpg-error.so.0.38.0', 174_352]),
  ALPINE_LIB('libgcrypt', '1.10.3-r1', 'General purpose crypto library based on the code used in GnuPG', 'LGPL-2.1-or-later AND GPL-2.0-or-later', ['libgpg-error', 'musl'], ['usr/lib/libgcrypt.so.20.4.3', 1_182_424]),
  ALPINE_LIB('libxml2', '2.13.4-r3', 'XML parsing library, version 2', 'MIT', ['xz-libs', 'zlib', 'musl'], ['usr/lib/libxml2.so.2.13.4', 1_329_952]),
  ALPINE_LIB('libxslt', '1.1.42-r1', 'XML stylesheet transformation library', 'X11 MIT', ['libgcrypt', 'libxml2', 'musl'], ['usr/lib/libxslt.so.1.1.42', 219_776], ['usr/lib/libexslt.so.0.8.24', 80_632]),
  ALPINE_LIB('geoip', '1.6.12-r5', 'Lookup countries by IP addresses', 'LGPL-2.1-or-later', ['musl'], ['usr/lib/libGeoIP.so.1.6.12', 63_960]),
  ALPINE_LIB('libpng', '1.6.44-r0', 'Portable Network Graphics library', 'Libpng', ['zlib', 'musl'], ['usr/lib/libpng16.so.16.44.0', 210_104]),
  ALPINE_LIB('freetype', '2.13.3-r0', 'TrueType font rendering library', 'FTL OR GPL-2.0-or-later', ['brotli-libs', 'libbz2', 'libpng', 'zlib', 'musl'], ['usr/lib/libfreetype.so.6.20.2', 751_280]),
  ALPINE_LIB('fontconfig', '2.15.0-r1', 'Library for configuring and customizing font access', 'MIT', ['freetype', 'libexpat', 'musl'], ['usr/lib/libfontconfig.so.1.14.0', 293_656]),
  ALPINE_LIB('libjpeg-turbo', '3.0.4-r0', 'Accelerated baseline JPEG compression and decompression library', 'BSD-3-Clause IJG Zlib', ['musl'], ['usr/lib/libjpeg.so.8.3.2', 477_640], ['usr/lib/libturbojpeg.so.0.3.0', 563_352]),
  ALPINE_LIB('libsharpyuv', '1.4.0-r0', 'Library for sharp RGB to YUV conversion', 'BSD-3-Clause', ['musl'], ['usr/lib/libsharpyuv.so.0.1.0', 30_024]),
  ALPINE_LIB('libwebp', '1.4.0-r0', 'Libraries for working with WebP images', 'BSD-3-Clause', ['libsharpyuv', 'musl'], ['usr/lib/libwebp.so.7.1.9', 422_400]),
  ALPINE_LIB('tiff', '4.7.0-r0', 'Provides support for the Tag Image File Format or TIFF', 'libtiff', ['libjpeg-turbo', 'libwebp', 'xz-libs', 'zlib', 'zstd-libs', 'musl'], ['usr/lib/libtiff.so.6.1.0', 484_632]),
  ALPINE_LIB('libxau', '1.0.11-r4', 'X11 authorisation library', 'MIT', ['musl'], ['usr/lib/libXau.so.6.0.0', 14_064]),
  ALPINE_LIB('libmd', '1.1.0-r0', 'Message Digest functions from BSD systems', 'BSD-3-Clause', ['musl'], ['usr/lib/libmd.so.0.1.0', 51_112]),
  ALPINE_LIB('libbsd', '0.12.2-r0', 'commonly-used BSD functions not implemented by all libcs', 'BSD-3-Clause', ['libmd', 'musl'], ['usr/lib/libbsd.so.0.12.2', 88_400]),
  ALPINE_LIB('libxdmcp', '1.1.5-r1', 'X11 Display Manager Control Protocol library', 'MIT', ['libbsd', 'musl'], ['usr/lib/libXdmcp.so.6.0.0', 26_232]),
  ALPINE_LIB(
    'libxcb',
    '1.16.1-r0',
    'X11 client-side library',
    'MIT',
    ['libxau', 'libxdmcp', 'musl'],
    ['usr/lib/libxcb.so.1.1.0', 170_176],
    ...['composite', 'damage', 'dbe', 'dpms', 'dri2', 'dri3', 'glx', 'present', 'randr', 'record', 'render', 'res', 'screensaver', 'shape', 'shm', 'sync', 'xf86dri', 'xfixes', 'xinerama', 'xinput', 'xkb', 'xtest', 'xv', 'xvmc'].map(
      (e): [string, number] => [`usr/lib/libxcb-${e}.so.0.0.0`, e === 'xkb' ? 181_904 : e === 'xinput' ? 218_528 : e === 'glx' ? 182_360 : e === 'randr' ? 96_624 : 34_840],
    ),
  ),
  ALPINE_LIB('libx11', '1.8.10-r0', 'X11 client-side library', 'XFree86-1.1', ['libxcb', 'musl'], ['usr/lib/libX11.so.6.4.0', 1_330_776], ['usr/lib/libX11-xcb.so.1.0.0', 6_016]),
  ALPINE_LIB('libxpm', '3.5.17-r0', 'X11 pixmap library', 'X11', ['libx11', 'musl'], ['usr/lib/libXpm.so.4.11.0', 75_328]),
  ALPINE_LIB('aom-libs', '3.11.0-r0', 'Alliance for Open Media (AOM) AV1 codec SDK (libraries)', 'BSD-2-Clause AND custom', ['musl'], ['usr/lib/libaom.so.3.11.0', 5_268_880]),
  ALPINE_LIB('libdav1d', '1.5.0-r0', 'small and fast AV1 Decoder (libraries)', 'BSD-2-Clause', ['musl'], ['usr/lib/libdav1d.so.7.0.0', 1_909_280]),
  ALPINE_LIB('libavif', '1.1.1-r1', 'Library for encoding and decoding .avif files', 'BSD-2-Clause', ['aom-libs', 'libdav1d', 'libsharpyuv', 'musl'], ['usr/lib/libavif.so.16.1.1', 231_968]),
  ALPINE_LIB('libgd', '2.3.3-r9', 'Library for the dynamic creation of images by programmers (libraries)', 'GD', ['fontconfig', 'freetype', 'libavif', 'libjpeg-turbo', 'libpng', 'libwebp', 'libxpm', 'tiff', 'zlib', 'musl'], ['usr/lib/libgd.so.3.0.11', 400_248]),
];


/** alpine-slim's own layers (RUN + five COPY), built at `slimTime`; alpine's RUN layer on top, built at `modulesTime`. */
export function nginxAlpineSlimLayers(root: string, rel: NginxAlpineRelease, time: number): ListedEntry[][] {
  return nginxAlpine(root, rel, time, time).slim;
}
export function nginxAlpineModulesLayer(root: string, rel: NginxAlpineRelease, time: number): ListedEntry[] {
  return nginxAlpine(root, rel, time, time).modules;
}

function nginxAlpine(root: string, rel: NginxAlpineRelease, slimTime: number, modulesTime: number): { slim: ListedEntry[][]; modules: ListedEntry[] } {
  const index = indexPackages();
  const { nginx, modules } = nginxOrg(rel);
  const f = (name: string) => readFileSync(join(FILES, name), 'utf8');
  const t = slimTime;
  const days = Math.floor(t / 86400);

  // RUN 1 (alpine-slim): BusyBox's addgroup -S / adduser -S -D -H append the nginx group and user.
  const shadow = ALPINE_PASSWD.split('\n').filter((l) => l !== '').map((l) => `${l.split(':')[0]}:${l.startsWith('root:') ? '*' : '!'}::0:::::`).join('\n') + '\n';
  const user: ListedEntry[] = [
    dir('etc', t),
    text('etc/passwd', ALPINE_PASSWD + 'nginx:x:101:101:nginx:/var/cache/nginx:/sbin/nologin\n', t),
    text('etc/group', ALPINE_GROUP + 'nginx:x:101:nginx\n', t),
    text('etc/shadow', shadow + `nginx:!:${days}:0:99999:7:::\n`, t, 0o640, 0, 42),
  ];
  // nginx.org's configuration files: nginx.conf, default.conf and the html pages are the Debian variant's (the same
  // nginx.org texts); mime.types and the *_params files come from Debian's nginx-common (upstream's, lightly edited).
  const common = unpackDebs('nginx-alpine-common', candidates(['nginx-common']));
  const upstream = (name: string) => readFileSync(join(common, 'etc/nginx', name), 'utf8');
  const confs: ListedEntry[] = [
    dir('etc/nginx', t),
    dir('etc/nginx/conf.d', t),
    text('etc/nginx/nginx.conf', f('nginx.conf'), t),
    text('etc/nginx/conf.d/default.conf', f('default.conf'), t),
    ...['mime.types', 'fastcgi_params', 'scgi_params', 'uwsgi_params'].map((n) => text(`etc/nginx/${n}`, upstream(n), t)),
    dir('usr/lib/nginx', t),
    dir('usr/lib/nginx/modules', t),
    dir('usr/share/nginx', t),
    dir('usr/share/nginx/html', t),
    text('usr/share/nginx/html/index.html', f('index.html'), t),
    text('usr/share/nginx/html/50x.html', f('50x.html'), t),
    dir('var/cache/nginx', t),
    dir('var/log/nginx', t),
    // ln -sf /dev/stdout /var/log/nginx/access.log, /dev/stderr error.log: the logs go to docker logs.
    link('var/log/nginx/access.log', '/dev/stdout', t),
    link('var/log/nginx/error.log', '/dev/stderr', t),
    dir('docker-entrypoint.d', t),
  ];
  const pcre2 = fromIndex(index, 'pcre2');
  const libintl = ALPINE_LIB('libintl', '0.22.5-r0', 'GNU gettext runtime library', 'LGPL-2.1-or-later', ['musl'], ['usr/lib/libintl.so.8.4.0', 55_040]);
  const tz = tzdata(root, index.get('tzdata')?.installedSize ?? 1_486_848);
  // envsubst: gettext's, moved to /usr/local/bin before gettext is deleted (so apk does not list it).
  const envsubst: ListedEntry[] = [dir('usr/local', t), dir('usr/local/bin', t), { path: 'usr/local/bin/envsubst', type: 'file', mode: 0o755, uid: 0, gid: 0, mtime: t, content: { kind: 'program', size: 22_712, seed: seedOf('nginx-alpine/envsubst'), program: 'envsubst' } }];
  const slimPkgs = [pcre2, nginx, libintl, tz];
  const slimDb = baseStanzas(index) + slimPkgs.map(dbStanza).join('');
  const slimWorld = [...BASE_WORLD, 'libintl', `nginx=${nginx.version}`, 'tzdata'];
  const run = mergeEntries(user, ...slimPkgs.map((p) => pkgEntries(p, t)), confs, envsubst, apkDb(slimDb, slimWorld, t));

  const copy = (dest: string, name: string): ListedEntry[] => {
    const parts = dest.split('/');
    return [...parts.slice(0, -1).map((_p, i) => dir(parts.slice(0, i + 1).join('/'), t)), text(dest, f(name), t, 0o775)];
  };
  const slim = [
    run,
    copy('docker-entrypoint.sh', 'docker-entrypoint.sh'),
    copy('docker-entrypoint.d/10-listen-on-ipv6-by-default.sh', '10-listen-on-ipv6-by-default.sh'),
    copy('docker-entrypoint.d/15-local-resolvers.envsh', '15-local-resolvers.envsh'),
    copy('docker-entrypoint.d/20-envsubst-on-templates.sh', '20-envsubst-on-templates.sh'),
    copy('docker-entrypoint.d/30-tune-worker-processes.sh', '30-tune-worker-processes.sh'),
  ];

  // RUN 2 (alpine): apk installs each module's dependencies before it, then curl and ca-certificates.
  const m = modulesTime;
  const lib = (name: string) => MODULE_LIBS.find((p) => p.name === name) ?? fromIndex(index, name);
  const [xslt, geoip, imageFilter, njs] = modules as [Pkg, Pkg, Pkg, Pkg];
  const order: Pkg[] = [
    ...['libgpg-error', 'libgcrypt', 'xz-libs', 'libxml2', 'libxslt'].map(lib),
    xslt,
    lib('geoip'),
    geoip,
    ...['libbz2', 'libpng', 'brotli-libs', 'freetype', 'libexpat', 'fontconfig', 'libjpeg-turbo', 'libsharpyuv', 'libwebp', 'zstd-libs', 'tiff', 'libxau', 'libmd', 'libbsd', 'libxdmcp', 'libxcb', 'libx11', 'libxpm', 'aom-libs', 'libdav1d', 'libavif', 'libgd'].map(lib),
    imageFilter,
    njs,
    ...['c-ares', 'libunistring', 'libidn2', 'nghttp2-libs', 'libpsl', 'libcurl', 'curl', 'ca-certificates'].map(lib),
  ];
  const world = [...slimWorld, ...modules.map((p) => `${p.name}=${p.version}`), 'curl', 'ca-certificates'];
  const modulesLayer = mergeEntries(...order.map((p) => pkgEntries(p, m)), apkDb(slimDb + order.map(dbStanza).join(''), world, m));
  return { slim, modules: modulesLayer };
}
