/**
 * Alpine 3.21 packages. Alpine's CDN is not reachable from the machines that generate the catalog, so this table
 * was written from the v3.21 package pages (pkgs.alpinelinux.org): names, versions, repositories, dependencies,
 * the packages' main files; sizes are rounded (documented in content/packages/APPROXIMATIONS.md). The base rows
 * are the 15 packages of the alpine:3.21 image.
 */

import { PACKAGES_FORMAT_VERSION, type ApkIndex, type ApkPackage } from '../../lib/engine/packages/format';

type Row = Omit<ApkPackage, 'repo' | 'size'> & { repo?: string; size?: number };

const BB = 'busybox';
/** Entry-point scripts as the packages ship them (pip's console script; npm's bin files). */
const PIP_SCRIPT = "#!/usr/bin/python3\n# -*- coding: utf-8 -*-\nimport re\nimport sys\nfrom pip._internal.cli.main import main\nif __name__ == '__main__':\n    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])\n    sys.exit(main())\n";
const PYDOC312 = '#!/usr/bin/python3.12\n\nimport pydoc\nif __name__ == \'__main__\':\n    pydoc.cli()\n';
const NPM_CLI = "#!/usr/bin/env node\nrequire('../lib/cli.js')(process)\n";
const ROWS: readonly Row[] = [
  // The image's own packages.
  { name: 'alpine-baselayout', version: '3.6.8-r1', installedSize: 8_192, depends: ['alpine-baselayout-data', '/bin/sh'], description: 'Alpine base dir structure and init scripts', bins: {}, base: true },
  { name: 'alpine-baselayout-data', version: '3.6.8-r1', installedSize: 20_480, depends: [], description: 'Alpine base dir structure and init scripts', bins: {}, base: true },
  { name: 'alpine-keys', version: '2.5-r0', installedSize: 90_112, depends: [], description: 'Public keys for Alpine Linux packages', bins: {}, base: true },
  { name: 'alpine-release', version: '3.21.2-r0', installedSize: 8_192, depends: [], description: 'Alpine release data', bins: {}, base: true },
  { name: 'apk-tools', version: '2.14.6-r2', installedSize: 258_048, depends: ['musl', 'ca-certificates-bundle', 'libcrypto3', 'libssl3', 'zlib'], description: 'Alpine Package Keeper - package manager for alpine', bins: { '/sbin/apk': 'apk' }, base: true },
  { name: 'busybox', version: '1.37.0-r9', installedSize: 819_200, depends: ['musl'], description: 'Size optimized toolbox of many common UNIX utilities', bins: { '/bin/busybox': BB }, base: true },
  { name: 'busybox-binsh', version: '1.37.0-r9', installedSize: 4_096, depends: ['busybox'], provides: ['/bin/sh'], description: 'busybox ash /bin/sh', bins: {}, base: true },
  { name: 'ca-certificates-bundle', version: '20241121-r1', installedSize: 229_376, depends: [], description: 'Pre generated bundle of Mozilla certificates', bins: {}, base: true },
  { name: 'libcrypto3', version: '3.3.2-r4', installedSize: 4_788_224, depends: ['musl'], description: 'Crypto library from openssl', bins: {}, files: { '/usr/lib/libcrypto.so.3': 4_788_224 }, base: true },
  { name: 'libssl3', version: '3.3.2-r4', installedSize: 774_144, depends: ['musl', 'libcrypto3'], description: 'SSL shared libraries', bins: {}, files: { '/usr/lib/libssl.so.3': 774_144 }, base: true },
  { name: 'musl', version: '1.2.5-r8', installedSize: 667_648, depends: [], description: 'the musl c library (libc) implementation', bins: {}, files: { '/lib/ld-musl-x86_64.so.1': 667_648 }, base: true },
  { name: 'musl-utils', version: '1.2.5-r8', installedSize: 69_632, depends: ['scanelf', 'musl'], description: 'the musl c library (libc) implementation', bins: { '/usr/bin/getconf': '', '/usr/bin/getent': '', '/usr/bin/iconv': '', '/usr/bin/ldd': '' }, base: true },
  { name: 'scanelf', version: '1.3.8-r1', installedSize: 81_920, depends: ['musl'], description: 'Scan ELF binaries for stuff', bins: { '/usr/bin/scanelf': '' }, base: true },
  { name: 'ssl_client', version: '1.37.0-r9', installedSize: 28_672, depends: ['musl', 'libcrypto3', 'libssl3'], description: 'EXternal ssl_client for busybox wget', bins: { '/usr/bin/ssl_client': '' }, base: true },
  { name: 'zlib', version: '1.3.1-r2', installedSize: 102_400, depends: ['musl'], description: 'A compression/decompression Library', bins: {}, files: { '/lib/libz.so.1.3.1': 102_400 }, base: true },
  // iputils (the seed's `apk add iputils`).
  { name: 'iputils', version: '20240905-r0', installedSize: 4_096, depends: ['iputils-arping', 'iputils-clockdiff', 'iputils-ping', 'iputils-tracepath'], description: 'IP Configuration Utilities (and Ping)', bins: {} },
  { name: 'iputils-arping', version: '20240905-r0', installedSize: 32_768, depends: ['musl'], description: 'IP Configuration Utilities (and Ping) - arping', bins: { '/usr/sbin/arping': 'arping' }, trigger: BB },
  { name: 'iputils-clockdiff', version: '20240905-r0', installedSize: 24_576, depends: ['musl'], description: 'IP Configuration Utilities (and Ping) - clockdiff', bins: { '/usr/sbin/clockdiff': 'clockdiff' }, trigger: BB },
  { name: 'iputils-ping', version: '20240905-r0', installedSize: 57_344, depends: ['musl'], description: 'IP Configuration Utilities (and Ping) - ping', bins: { '/bin/ping': 'ping' }, trigger: BB },
  { name: 'iputils-tracepath', version: '20240905-r0', installedSize: 24_576, depends: ['musl'], description: 'IP Configuration Utilities (and Ping) - tracepath', bins: { '/usr/sbin/tracepath': 'tracepath' }, trigger: BB },
  // curl.
  { name: 'brotli-libs', version: '1.1.0-r2', installedSize: 970_752, depends: ['musl'], description: 'Generic lossless compressor (libraries)', bins: {}, files: { '/usr/lib/libbrotlicommon.so.1.1.0': 139_264, '/usr/lib/libbrotlidec.so.1.1.0': 53_248, '/usr/lib/libbrotlienc.so.1.1.0': 778_240 } },
  { name: 'c-ares', version: '1.34.3-r0', installedSize: 212_992, depends: ['musl'], description: 'An asynchronously DNS/names resolver library', bins: {}, files: { '/usr/lib/libcares.so.2.19.2': 212_992 } },
  { name: 'libunistring', version: '1.2-r0', installedSize: 1_720_320, depends: ['musl'], description: 'Library for manipulating Unicode strings and C strings', bins: {}, files: { '/usr/lib/libunistring.so.5.1.0': 1_720_320 } },
  { name: 'libidn2', version: '2.3.7-r0', installedSize: 180_224, depends: ['musl', 'libunistring'], description: 'Encoding/decoding library for internationalized domain names', bins: {}, files: { '/usr/lib/libidn2.so.0.4.0': 180_224 } },
  { name: 'nghttp2-libs', version: '1.64.0-r0', installedSize: 167_936, depends: ['musl'], description: 'Experimental HTTP/2 client, server and proxy (libraries)', bins: {}, files: { '/usr/lib/libnghttp2.so.14.28.3': 167_936 } },
  { name: 'libpsl', version: '0.21.5-r3', installedSize: 98_304, depends: ['musl', 'libidn2', 'libunistring'], description: 'C library for the Publix Suffix List', bins: {}, files: { '/usr/lib/libpsl.so.5.3.5': 98_304 } },
  { name: 'zstd-libs', version: '1.5.6-r2', installedSize: 700_416, depends: ['musl'], description: 'Zstandard - Fast real-time compression algorithm (libraries)', bins: {}, files: { '/usr/lib/libzstd.so.1.5.6': 700_416 } },
  { name: 'libcurl', version: '8.11.1-r0', installedSize: 684_032, depends: ['brotli-libs', 'c-ares', 'libidn2', 'libpsl', 'nghttp2-libs', 'zlib', 'zstd-libs', 'libcrypto3', 'libssl3', 'ca-certificates-bundle'], description: 'The multiprotocol file transfer library', bins: {}, files: { '/usr/lib/libcurl.so.4.8.0': 684_032 } },
  { name: 'curl', version: '8.11.1-r0', installedSize: 262_144, depends: ['libcurl', 'musl'], description: 'URL retrival utility and library', bins: { '/usr/bin/curl': 'curl' }, trigger: BB },
  { name: 'ca-certificates', version: '20241121-r1', installedSize: 696_320, depends: ['musl', 'libcrypto3'], description: 'Common CA certificates PEM files from Mozilla', bins: { '/usr/sbin/update-ca-certificates': '' }, trigger: 'ca-certificates' },
  { name: 'wget', version: '1.25.0-r0', installedSize: 491_520, depends: ['libidn2', 'libunistring', 'pcre2', 'zlib', 'libssl3', 'libcrypto3'], description: 'Network utility to retrieve files from the Web', bins: { '/usr/bin/wget': 'wget' }, trigger: BB },
  // Shells and editors.
  { name: 'ncurses-terminfo-base', version: '6.5_p20241006-r3', installedSize: 40_960, depends: [], description: 'Descriptions of common terminals', bins: {} },
  { name: 'libncursesw', version: '6.5_p20241006-r3', installedSize: 286_720, depends: ['ncurses-terminfo-base', 'musl'], description: 'Console display library (libncursesw)', bins: {}, files: { '/usr/lib/libncursesw.so.6.5': 286_720 } },
  { name: 'readline', version: '8.2.13-r0', installedSize: 290_816, depends: ['libncursesw', 'musl'], description: 'GNU readline library', bins: {}, files: { '/usr/lib/libreadline.so.8.2': 290_816 } },
  { name: 'bash', version: '5.2.37-r0', installedSize: 1_327_104, depends: ['/bin/sh', 'readline', 'musl'], description: 'The GNU Bourne Again shell', bins: { '/bin/bash': 'bash' }, scripts: ['post-install'], trigger: BB },
  { name: 'nano', version: '8.2-r0', installedSize: 716_800, depends: ['libncursesw', 'musl'], description: 'Enhanced clone of the Pico text editor', bins: { '/usr/bin/nano': 'nano' }, trigger: BB },
  { name: 'xxd', version: '9.1.0707-r0', installedSize: 24_576, depends: ['musl'], description: 'Tool to make (or reverse) a hex dump', bins: { '/usr/bin/xxd': '' }, trigger: BB },
  { name: 'vim-common', version: '9.1.0707-r0', installedSize: 36_147_200, depends: [], description: 'Common files for Vi IMproved', bins: {}, files: { '/usr/share/vim/vim91/filetype.vim': 36_147_200 } },
  { name: 'libsodium', version: '1.0.20-r0', installedSize: 372_736, depends: ['musl'], description: 'P(ortable|ackageable) NaCl-based crypto library', bins: {}, files: { '/usr/lib/libsodium.so.26.2.0': 372_736 } },
  { name: 'vim', version: '9.1.0707-r0', installedSize: 3_596_288, depends: ['vim-common', 'xxd', 'libncursesw', 'libsodium', 'musl'], description: 'Improved vi-style text editor', bins: { '/usr/bin/vim': 'vi' }, trigger: BB, links: { '/usr/bin/ex': 'vim', '/usr/bin/rview': 'vim', '/usr/bin/rvim': 'vim', '/usr/bin/view': 'vim', '/usr/bin/vimdiff': 'vim' } },
  // Web servers and tools.
  { name: 'pcre2', version: '10.43-r0', installedSize: 700_416, depends: ['musl'], description: 'Perl-compatible regular expression library', bins: {}, files: { '/usr/lib/libpcre2-8.so.0.12.0': 700_416 } },
  { name: 'nginx', version: '1.26.2-r4', installedSize: 1_376_256, depends: ['pcre2', 'libssl3', 'libcrypto3', 'zlib', 'musl'], description: 'HTTP and reverse proxy server (stable version)', bins: { '/usr/sbin/nginx': 'nginx' }, scripts: ['pre-install', 'post-install'], trigger: BB },
  { name: 'libexpat', version: '2.6.4-r0', installedSize: 192_512, depends: ['musl'], description: 'XML Parser library written in C', bins: {}, files: { '/usr/lib/libexpat.so.1.9.3': 192_512 } },
  { name: 'git', version: '2.47.2-r0', installedSize: 14_241_792, depends: ['libcurl', 'libexpat', 'pcre2', 'zlib', 'musl'], description: 'Distributed version control system', bins: { '/usr/bin/git': 'git' }, files: { '/usr/libexec/git-core/git-remote-http': 6_000_000 }, trigger: BB },
  { name: 'oniguruma', version: '6.9.9-r0', installedSize: 577_536, depends: ['musl'], description: 'a regular expressions library', bins: {}, files: { '/usr/lib/libonig.so.5.4.0': 577_536 } },
  { name: 'jq', version: '1.7.1-r0', installedSize: 339_968, depends: ['oniguruma', 'musl'], description: 'A lightweight and flexible command-line JSON processor', bins: { '/usr/bin/jq': 'jq' }, trigger: BB },
  { name: 'tzdata', version: '2025a-r0', installedSize: 1_486_848, depends: [], description: 'Timezone data', bins: {}, files: { '/usr/share/zoneinfo/UTC': 114, '/usr/share/zoneinfo/Asia/Shanghai': 561 } },
  { name: 'make', version: '4.4.1-r2', installedSize: 274_432, depends: ['musl'], description: 'GNU make utility to maintain groups of programs', bins: { '/usr/bin/make': 'make' }, trigger: BB },
  // Languages.
  { name: 'libbz2', version: '1.0.8-r6', installedSize: 73_728, depends: ['musl'], description: 'Shared library for bz2', bins: {}, files: { '/usr/lib/libbz2.so.1.0.8': 73_728 } },
  { name: 'libffi', version: '3.4.6-r0', installedSize: 45_056, depends: ['musl'], description: 'portable, high level programming interface to various calling conventions.', bins: {}, files: { '/usr/lib/libffi.so.8.1.4': 45_056 } },
  { name: 'gdbm', version: '1.24-r0', installedSize: 212_992, depends: ['readline', 'musl'], description: 'GNU dbm is a set of database routines that use extensible hashing', bins: {}, files: { '/usr/lib/libgdbm.so.6.0.0': 212_992 } },
  { name: 'xz-libs', version: '5.6.3-r0', installedSize: 217_088, depends: ['musl'], description: 'Library and CLI tools for XZ and LZMA compressed files (libraries)', bins: {}, files: { '/usr/lib/liblzma.so.5.6.3': 217_088 } },
  { name: 'mpdecimal', version: '4.0.0-r0', installedSize: 233_472, depends: ['musl'], description: 'complete implementation of the General Decimal Arithmetic Specification', bins: {}, files: { '/usr/lib/libmpdec.so.4.0.0': 233_472 } },
  { name: 'sqlite-libs', version: '3.47.1-r0', installedSize: 1_548_288, depends: ['musl'], description: 'Sqlite3 library', bins: {}, files: { '/usr/lib/libsqlite3.so.0.8.6': 1_548_288 } },
  { name: 'libpanelw', version: '6.5_p20241006-r3', installedSize: 16_384, depends: ['libncursesw', 'musl'], description: 'Console display library (libpanelw)', bins: {}, files: { '/usr/lib/libpanelw.so.6.5': 16_384 } },
  { name: 'python3', version: '3.12.8-r1', installedSize: 58_974_208, depends: ['libbz2', 'libffi', 'gdbm', 'xz-libs', 'mpdecimal', 'libpanelw', 'readline', 'sqlite-libs', 'libcrypto3', 'libssl3', 'zlib', 'musl'], description: 'A high-level scripting language', bins: { '/usr/bin/python3.12': 'python3' }, files: { '/usr/lib/libpython3.12.so.1.0': 5_000_000, '/usr/lib/python3.12/os.py': 41_000 }, trigger: BB, texts: { '/usr/bin/pydoc3.12': PYDOC312 }, links: { '/usr/bin/python3': 'python3.12', '/usr/bin/pydoc3': 'pydoc3.12' } },
  { name: 'py3-pip', version: '24.3.1-r0', installedSize: 13_803_520, depends: ['python3'], description: 'Tool for installing and managing Python packages', bins: {}, texts: { '/usr/bin/pip': PIP_SCRIPT, '/usr/bin/pip3': PIP_SCRIPT, '/usr/bin/pip3.12': PIP_SCRIPT, '/usr/lib/python3.12/site-packages/pip-24.3.1.dist-info/INSTALLER': 'apk\n' }, files: { '/usr/lib/python3.12/site-packages/pip/__init__.py': 357 }, trigger: BB },
  { name: 'libgcc', version: '14.2.0-r4', installedSize: 155_648, depends: ['musl'], description: 'GNU C compiler runtime libraries', bins: {}, files: { '/usr/lib/libgcc_s.so.1': 155_648 } },
  { name: 'libstdc++', version: '14.2.0-r4', installedSize: 2_740_224, depends: ['libgcc', 'musl'], description: 'GNU C++ standard runtime library', bins: {}, files: { '/usr/lib/libstdc++.so.6.0.33': 2_740_224 } },
  { name: 'icu-data-en', version: '74.2-r0', installedSize: 2_887_680, depends: [], description: 'Stripped down ICU data with only en_US/GB locale', bins: {}, files: { '/usr/share/icu/74.2/icudt74l.dat': 2_887_680 } },
  { name: 'icu-libs', version: '74.2-r0', installedSize: 3_846_144, depends: ['icu-data-en', 'libgcc', 'libstdc++', 'musl'], description: 'International Components for Unicode library (libraries)', bins: {}, files: { '/usr/lib/libicuuc.so.74.2': 2_000_000, '/usr/lib/libicui18n.so.74.2': 1_846_144 } },
  { name: 'ada-libs', version: '2.9.2-r1', installedSize: 245_760, depends: ['libgcc', 'libstdc++', 'musl'], description: 'WHATWG-compliant and fast URL parser written in modern C++ (libraries)', bins: {}, files: { '/usr/lib/libada.so.2': 245_760 } },
  { name: 'libuv', version: '1.49.2-r0', installedSize: 172_032, depends: ['musl'], description: 'Cross-platform asychronous I/O', bins: {}, files: { '/usr/lib/libuv.so.1.0.0': 172_032 } },
  { name: 'simdjson', version: '3.10.1-r0', installedSize: 204_800, depends: ['libgcc', 'libstdc++', 'musl'], description: 'Parsing gigabytes of JSON per second', bins: {}, files: { '/usr/lib/libsimdjson.so.24.0.0': 204_800 } },
  { name: 'simdutf', version: '5.6.3-r0', installedSize: 184_320, depends: ['libgcc', 'libstdc++', 'musl'], description: 'Unicode validation and transcoding at billions of characters per second', bins: {}, files: { '/usr/lib/libsimdutf.so.18': 184_320 } },
  { name: 'nodejs', version: '22.11.0-r1', installedSize: 45_297_664, depends: ['ada-libs', 'brotli-libs', 'c-ares', 'icu-libs', 'libuv', 'nghttp2-libs', 'simdjson', 'simdutf', 'libcrypto3', 'libssl3', 'zlib', 'libgcc', 'libstdc++', 'musl', 'ca-certificates'], description: 'JavaScript runtime built on V8 engine - LTS version', bins: { '/usr/bin/node': 'node' }, trigger: BB },
  { name: 'npm', version: '10.9.1-r0', repo: 'community', installedSize: 9_330_688, depends: ['nodejs'], description: 'The package manager for JavaScript', bins: {}, files: { '/usr/lib/node_modules/npm/package.json': 2_000 }, texts: { '/usr/lib/node_modules/npm/bin/npm-cli.js': NPM_CLI }, links: { '/usr/bin/npm': '../lib/node_modules/npm/bin/npm-cli.js' } },
  // ssh.
  { name: 'libedit', version: '20240808.3.1-r0', installedSize: 200_704, depends: ['libncursesw', 'musl'], description: 'BSD line editing library', bins: {}, files: { '/usr/lib/libedit.so.0.0.73': 200_704 } },
  { name: 'openssh-keygen', version: '9.9_p1-r2', installedSize: 507_904, depends: ['libcrypto3', 'musl'], description: 'ssh helper program for generating keys', bins: { '/usr/bin/ssh-keygen': '' }, trigger: BB },
  { name: 'openssh-client-common', version: '9.9_p1-r2', installedSize: 2_854_912, depends: ['openssh-keygen', 'libcrypto3', 'musl', 'zlib'], description: 'OpenBSD\'s SSH client common files', bins: { '/usr/bin/scp': '', '/usr/bin/sftp': '', '/usr/bin/ssh-add': '', '/usr/bin/ssh-agent': '' }, trigger: BB },
  { name: 'openssh-client-default', version: '9.9_p1-r2', installedSize: 884_736, depends: ['openssh-client-common', 'libedit', 'libcrypto3', 'musl', 'zlib'], provides: ['openssh-client'], description: 'OpenBSD\'s SSH client', bins: { '/usr/bin/ssh': 'ssh' }, trigger: BB },
];

/** Compressed sizes are about 40% of installed ones for these packages (binaries and libraries). */
export function apkIndex(): ApkIndex {
  const packages: ApkPackage[] = ROWS.map((r) => ({ ...r, repo: r.repo ?? 'main', size: r.size ?? Math.round(r.installedSize * 0.42) }));
  return { v: PACKAGES_FORMAT_VERSION, branch: 'v3.21', packages };
}
