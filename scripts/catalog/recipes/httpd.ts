/**
 * httpd (2.4, bookworm): debian:bookworm-slim's layer (shared), `mkdir /usr/local/apache2`, the runtime apt
 * packages, the source build in /usr/local/apache2, httpd-foreground. The build is approximated by Debian's
 * apache2-bin and apache2-utils (same modules and tools, Debian's binaries' sizes) moved to the upstream layout;
 * httpd.conf is the upstream default as the official image edits it (content/catalog/files/httpd).
 */

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ListedEntry } from '../../../lib/engine/registry/catalog/format';
import { candidates, packageLayer, unpackDebs } from '../packages';
import { relocate } from './buildpack';
import { slimRemoves, type RootContext } from './debian';
import { dir, text } from './layout';

const FILES = join(dirname(fileURLToPath(import.meta.url)), '../../../content/catalog/files/httpd');
const PREFIX = 'usr/local/apache2';

export function httpdLayers(ctx: RootContext, mtime: number): ListedEntry[][] {
  const f = (name: string) => readFileSync(join(FILES, name), 'utf8');
  const mkdir = [dir('usr', mtime), dir('usr/local', mtime), dir(PREFIX, mtime, 0o755, 33, 33)];
  const deps = packageLayer('httpd-deps', join(ctx.root, 'var/lib/dpkg/status'), ['ca-certificates', 'libaprutil1-dbd-sqlite3', 'libaprutil1-ldap', 'libldap-common'], { clampMtime: mtime, exclude: slimRemoves });
  // The build layer stands in for a compiled httpd: apt's record of apache2-bin does not belong in it.
  const pkgs = packageLayer('httpd-build', deps.status, ['apache2-bin', 'apache2-utils'], { clampMtime: mtime, exclude: slimRemoves, dpkg: false });
  const build: ListedEntry[] = [];
  const tools = new Set(['ab', 'checkgid', 'fcgistarter', 'htcacheclean', 'htdbm', 'htdigest', 'htpasswd', 'httxt2dbm', 'logresolve', 'rotatelogs']);
  for (const e of pkgs.entries) {
    const base = e.path.slice(e.path.lastIndexOf('/') + 1);
    if (e.path.startsWith('usr/lib/apache2/modules/')) build.push({ ...e, path: `${PREFIX}/modules/${base}` });
    else if (e.path === 'usr/sbin/apache2') build.push({ ...e, path: `${PREFIX}/bin/httpd`, content: e.content?.kind === 'program' ? { ...e.content, program: 'httpd' } : e.content });
    else if (/^usr\/s?bin\//.test(e.path) && tools.has(base)) build.push({ ...e, path: `${PREFIX}/bin/${base}` });
    // Debian's packaging around the server (bug scripts, lintian, /var/lib/apache2, docs of apache2-*) has no
    // counterpart in a `make install`; the libraries apt pulled in are what the build keeps with apt-mark.
    // apache2-bin's perl dependency (for apxs and the like) is not in the official image, which has no perl.
    else if (/(^|\/)perl(5)?(\/|$)/.test(e.path) || /^usr\/lib\/x86_64-linux-gnu\/libperl/.test(e.path) || /^usr\/bin\/perl/.test(e.path) || /^usr\/share\/doc\/(libperl|perl)/.test(e.path)) continue;
    else if (e.path.startsWith('usr/lib/apache2') || e.path.startsWith('var/lib/apache2') || e.path.startsWith('usr/share/bug') || e.path.startsWith('usr/share/lintian') || /^usr\/share\/doc\/apache2/.test(e.path) || /^usr\/s?bin\//.test(e.path)) continue;
    else build.push(e);
  }
  // The rest of `make install`: icons and error documents, headers and build files, the manual (Debian's
  // apache2-data, apache2-dev and apache2-doc hold the same trees).
  const extra = unpackDebs('httpd-extra', candidates(['apache2-data', 'apache2-dev', 'apache2-doc']));
  build.push(
    ...relocate(extra, 'usr/share/apache2/icons', `${PREFIX}/icons`, mtime),
    ...relocate(extra, 'usr/share/apache2/error', `${PREFIX}/error`, mtime),
    ...relocate(extra, 'usr/include/apache2', `${PREFIX}/include`, mtime),
    ...relocate(extra, 'usr/share/apache2/build', `${PREFIX}/build`, mtime),
    ...relocate(extra, 'usr/share/doc/apache2-doc/manual', `${PREFIX}/manual`, mtime),
  );
  build.push(
    dir(`${PREFIX}/bin`, mtime), dir(`${PREFIX}/modules`, mtime), dir(`${PREFIX}/conf`, mtime), dir(`${PREFIX}/conf/extra`, mtime),
    dir(`${PREFIX}/htdocs`, mtime), dir(`${PREFIX}/cgi-bin`, mtime), dir(`${PREFIX}/logs`, mtime),
    text(`${PREFIX}/conf/httpd.conf`, f('httpd.conf'), mtime),
    text(`${PREFIX}/conf/mime.types`, readFileSync('/etc/mime.types', 'utf8'), mtime),
    text(`${PREFIX}/htdocs/index.html`, f('index.html'), mtime),
    text(`${PREFIX}/bin/apachectl`, f('apachectl'), mtime, 0o755),
    text(`${PREFIX}/bin/envvars`, '# envvars-std - default environment variables for apachectl\nif test "x$LD_LIBRARY_PATH" != "x" ; then\n  LD_LIBRARY_PATH="/usr/local/apache2/lib:$LD_LIBRARY_PATH"\nelse\n  LD_LIBRARY_PATH="/usr/local/apache2/lib"\nfi\nexport LD_LIBRARY_PATH\n', mtime, 0o644),
  );
  // `make install` into the directory the mkdir step created keeps its owner (www-data).
  for (let i = 0; i < build.length; i++) if (build[i]!.path === PREFIX) build[i] = { ...build[i]!, uid: 33, gid: 33 };
  const copy = [dir('usr', mtime), dir('usr/local', mtime), dir('usr/local/bin', mtime), text('usr/local/bin/httpd-foreground', f('httpd-foreground'), mtime, 0o755)];
  return [mkdir, deps.entries, build, copy];
}
