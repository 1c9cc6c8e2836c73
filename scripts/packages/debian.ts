/**
 * Debian bookworm packages for apt-get inside containers. The set is what apt itself installs for the packages
 * learners ask for: `apt-get -s install <root>` against the debian:bookworm image's dpkg status (the real
 * resolver, Recommends included), one root at a time, unioned. For each package: its candidate stanza
 * (`apt-cache show`), the suite it comes from (`apt-cache policy`), its control file (`dpkg-deb -f`) and its real
 * file list (`dpkg-deb -x`, walked with the catalog's content policy: verbatim small texts under /etc, program
 * headers for binaries, synthetic bytes of the real size for the rest).
 */

import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DebPackage, DebSuite, ListedFile } from '../../lib/engine/packages/format';
import { fetchDebs } from '../catalog/packages';
import { BOOKWORM_ROOTFS, walkRootfs } from '../catalog/rootfs';
import { POSTINST_SOURCES, postinstOf, PURGE } from './postinst';

const DEB_CACHE = process.env.LAYERLAB_DEB_CACHE ?? '/tmp/layerlab-catalog/debs';
const SCRATCH = '/tmp/layerlab-packages/unpack';

/**
 * What tutorials and the seeds install with apt. Left out: Debian's npm (it pulls in 670 node-* packages) and nodejs
 * (this machine's apt prefers a NodeSource build over Debian's).
 */
export const APT_ROOTS = [
  'nginx', 'curl', 'wget', 'vim', 'nano', 'less', 'git', 'python3', 'iputils-ping', 'net-tools', 'procps', 'openssh-client',
  'ca-certificates', 'apache2', 'unzip', 'zip', 'jq', 'tree', 'sudo', 'iproute2', 'make', 'xz-utils', 'file',
  'python3-pip', 'python3-venv', 'build-essential', 'gcc', 'g++', 'gnupg', 'htop', 'dnsutils', 'telnet',
  'netcat-openbsd', 'lsof', 'strace', 'bzip2', 'vim-tiny',
];

const C = { encoding: 'utf8' as const, env: { ...process.env, LC_ALL: 'C' }, maxBuffer: 256 << 20 };

/** Package names apt installs for `roots` (together) on top of `statusFile`. */
function installSet(statusFile: string, roots: readonly string[]): string[] {
  const out = execFileSync('apt-get', ['-s', '-o', `Dir::State::status=${statusFile}`, '-o', 'Debug::NoLocking=1', 'install', ...roots], C);
  return [...out.matchAll(/^Inst (\S+)/gm)].map((m) => m[1]!.replace(/:amd64$/, ''));
}

function stanzas(text: string): Map<string, string>[] {
  return text
    .split(/\n\n+/)
    .filter((s) => s.trim() !== '')
    .map((s) => {
      const m = new Map<string, string>();
      let key = '';
      for (const line of s.split('\n')) {
        if (/^\s/.test(line) && key) m.set(key, `${m.get(key)}\n${line}`);
        else {
          const i = line.indexOf(':');
          key = line.slice(0, i);
          m.set(key, line.slice(i + 1).trim());
        }
      }
      return m;
    });
}

/** name → suite of its candidate version. */
function suites(names: readonly string[]): Map<string, DebSuite> {
  const out = execFileSync('apt-cache', ['policy', ...names], C);
  const res = new Map<string, DebSuite>();
  for (const block of out.split(/\n(?=\S)/)) {
    const name = /^(\S+):/.exec(block)?.[1];
    const cand = /Candidate: (\S+)/.exec(block)?.[1];
    if (!name || !cand) continue;
    const at = block.indexOf(`${cand} `, block.indexOf('Version table:'));
    const src = / (bookworm(?:-updates|-security)?)\/main/.exec(block.slice(at))?.[1] as DebSuite | undefined;
    res.set(name, src ?? 'bookworm');
  }
  return res;
}

function debPath(name: string, version: string): string {
  const prefix = `${name}_${version.replace(/:/g, '%3a')}_`;
  const hit = readdirSync(DEB_CACHE).find((f) => f.startsWith(prefix) && f.endsWith('.deb'));
  if (!hit) throw new Error(`${name}=${version}: .deb not in ${DEB_CACHE}`);
  return join(DEB_CACHE, hit);
}

export interface DebData {
  readonly packages: DebPackage[];
  readonly files: Map<string, ListedFile[]>;
}

export function debianData(roots: readonly string[] = APT_ROOTS): DebData {
  const status = join(BOOKWORM_ROOTFS, 'var/lib/dpkg/status');
  const names = [...new Set(installSet(status, roots))].sort();
  const show = stanzas(execFileSync('apt-cache', ['show', '--no-all-versions', ...names], C));
  const suiteOf = suites(names);
  const byName = new Map(show.map((s) => [s.get('Package')!, s]));
  fetchDebs(names.map((n) => `${n}=${byName.get(n)!.get('Version')!}`));
  const packages: DebPackage[] = [];
  const files = new Map<string, ListedFile[]>();
  for (const name of names) {
    const s = byName.get(name)!;
    const version = s.get('Version')!;
    const deb = debPath(name, version);
    const dir = join(SCRATCH, name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    execFileSync('dpkg-deb', ['-x', deb, dir]);
    const walked = walkRootfs(dir, { clampMtime: 2 ** 31 }).map((e) =>
      // pip prints this file's Error= text (PEP 668), and postinsts copy their sources where servers serve them
      // (nginx's welcome page), so those stay real text wherever they live.
      e.type === 'file' && (e.path.endsWith('/EXTERNALLY-MANAGED') || POSTINST_SOURCES.has(`/${e.path}`)) ? { ...e, content: { kind: 'text' as const, text: readFileSync(join(dir, e.path), 'utf8') } } : e,
    );
    rmSync(dir, { recursive: true, force: true });
    const list: ListedFile[] = walked.map((e) => ({
      path: `/${e.path}`,
      type: e.type === 'symlink' ? 'symlink' : e.type === 'hardlink' ? 'hardlink' : e.type === 'dir' ? 'dir' : 'file',
      mode: e.mode,
      ...(e.content ? { content: e.content } : {}),
      ...(e.linkTarget !== undefined ? { linkTarget: e.type === 'hardlink' ? `/${e.linkTarget}` : e.linkTarget } : {}),
    }));
    files.set(name, list);
    const control = execFileSync('dpkg-deb', ['-f', deb], C).replace(/\n*$/, '\n');
    const opt = (k: string) => s.get(k);
    const pkg: DebPackage = {
      name,
      version,
      arch: s.get('Architecture')!,
      size: Number(s.get('Size')),
      installedSize: Number(s.get('Installed-Size') ?? 0),
      suite: suiteOf.get(name) ?? 'bookworm',
      section: s.get('Section') ?? 'misc',
      priority: s.get('Priority') ?? 'optional',
      ...(opt('Multi-Arch') ? { multiArch: opt('Multi-Arch')! } : {}),
      ...(opt('Depends') ? { depends: opt('Depends')! } : {}),
      ...(opt('Pre-Depends') ? { preDepends: opt('Pre-Depends')! } : {}),
      ...(opt('Recommends') ? { recommends: opt('Recommends')! } : {}),
      ...(opt('Suggests') ? { suggests: opt('Suggests')! } : {}),
      ...(opt('Provides') ? { provides: opt('Provides')! } : {}),
      control,
      files: true,
      ...(list.some((f) => f.type !== 'dir' && /^\/(usr\/)?lib\/x86_64-linux-gnu\/[^/]+\.so(\.|$)/.test(f.path)) ? { ldconfig: true } : {}),
      ...(postinstOf(name, list) ? { postinst: postinstOf(name, list) } : {}),
      ...(PURGE[name] ? { purge: PURGE[name] } : {}),
    };
    packages.push(pkg);
  }
  return { packages, files };
}
