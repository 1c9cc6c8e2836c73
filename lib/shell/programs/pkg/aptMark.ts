/**
 * `apt-mark` (apt 2.6.1): auto/manual marks live in /var/lib/apt/extended_states (as apt-get install writes them),
 * holds in dpkg's selections (the Status field's first word). And `apt-key`, which bookworm deprecates.
 */

import type { Program } from '../../../engine/process/Types';
import { PACKAGE_CATALOG } from '../../../engine/packages/PackageCatalog';
import { APT_EXTENDED_STATES, aptListsPresent } from './apt';
import { exists, readText, writeText } from './common';
import { DpkgDb, parseStanzas, type Stanza } from './dpkgStatus';

const USAGE = `apt 2.6.1 (amd64)
Usage: apt-mark [options] {auto|manual} pkg1 [pkg2 ...]

apt-mark is a simple command line interface for marking packages
as manually or automatically installed. It can also be used to
manipulate the dpkg(1) selection states of packages, and to list
all packages with or without a certain marking.

Most used commands:
  auto - Mark the given packages as automatically installed
  manual - Mark the given packages as manually installed
  minimize-manual - Mark all dependencies of meta packages as automatically installed.
  hold - Mark a package as held back
  unhold - Unset a package set as held back
  showauto - Print the list of automatically installed packages
  showmanual - Print the list of manually installed packages
  showhold - Print the list of packages on hold

See apt-mark(8) for more information about the available commands.
Configuration options and syntax is detailed in apt.conf(5).
Information about how to configure sources can be found in sources.list(5).
Package and version choices can be expressed via apt_preferences(5).
Security details are available in apt-secure(8).
`;

const isInstalled = (s: Stanza) => (s.fields.get('Status') ?? '').endsWith(' installed');

export const aptMark: Program = async (ctx) => {
  const [cmd, ...names] = ctx.argv.slice(1);
  if (cmd === undefined) {
    await ctx.stdout.write(USAGE);
    return 1;
  }
  const db = new DpkgDb(ctx.fs);
  const ext = parseStanzas(readText(ctx.fs, APT_EXTENDED_STATES) ?? '');
  const auto = new Set(ext.filter((s) => s.fields.get('Auto-Installed') === '1').map((s) => s.name));
  const installed = db.stanzas.filter(isInstalled).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const held = (s: Stanza) => (s.fields.get('Status') ?? '').startsWith('hold ');
  const list = async (pick: (s: Stanza) => boolean) => {
    await ctx.stdout.write(installed.filter((s) => pick(s) && (names.length === 0 || names.includes(s.name))).map((s) => `${s.name}\n`).join(''));
    return 0;
  };
  switch (cmd) {
    case 'showauto':
      return list((s) => auto.has(s.name));
    case 'showmanual':
      return list((s) => !auto.has(s.name));
    case 'showhold':
      return list(held);
    case 'auto':
    case 'manual':
    case 'hold':
    case 'unhold':
      break;
    default:
      await ctx.stderr.write(`E: Invalid operation ${cmd}\n`);
      return 100;
  }
  if (names.length === 0) {
    await ctx.stderr.write('E: No packages found\n');
    return 100;
  }
  // Names the lists know but dpkg has not installed: auto/manual skip them (`can not be marked`).
  const catalog = ctx.sys.service(PACKAGE_CATALOG);
  const archive = catalog && aptListsPresent(ctx.fs) ? await catalog.debian() : undefined;
  const targets: Stanza[] = [];
  let notes = '';
  let unknown = 0;
  for (const n of names) {
    const s = installed.find((x) => x.name === n);
    if (s) targets.push(s);
    else if (archive?.get(n) && (cmd === 'auto' || cmd === 'manual')) notes += `${n} can not be marked as it is not installed.\n`;
    else {
      await ctx.stderr.write(`E: Unable to locate package ${n}\n`);
      unknown++;
    }
  }
  if (unknown > 0) {
    await ctx.stderr.write('E: No packages found\n');
    return 100;
  }
  if (ctx.cred.uid !== 0) {
    const file = cmd === 'hold' || cmd === 'unhold' ? '/var/lib/dpkg/lock-frontend' : `${APT_EXTENDED_STATES}.tmp`;
    await ctx.stderr.write(cmd === 'hold' || cmd === 'unhold' ? `E: Could not open lock file ${file} - open (13: Permission denied)\nE: Unable to acquire the dpkg frontend lock (${file}), are you root?\n` : `E: Could not create temporary file for ${APT_EXTENDED_STATES} - mkstemp (13: Permission denied)\n`);
    return 100;
  }
  let out = notes;
  if (cmd === 'hold' || cmd === 'unhold') {
    for (const s of targets) {
      const on = held(s);
      if (cmd === 'hold') out += on ? `${s.name} was already set on hold.\n` : `${s.name} set on hold.\n`;
      else out += on ? `Canceled hold on ${s.name}.\n` : `${s.name} was already not on hold.\n`;
      if (on === (cmd === 'hold')) continue;
      const text = s.text.replace(/^Status: \S+/m, `Status: ${cmd === 'hold' ? 'hold' : 'install'}`);
      db.stanzas.splice(db.stanzas.indexOf(s), 1, parseStanzas(text)[0]!);
    }
    db.save();
  } else {
    const want = cmd === 'auto';
    let changed = false;
    for (const s of targets) {
      const kind = want ? 'automatically' : 'manually';
      if (auto.has(s.name) === want) out += `${s.name} was already set to ${kind} installed.\n`;
      else {
        out += `${s.name} set to ${kind} installed.\n`;
        if (want) auto.add(s.name);
        else auto.delete(s.name);
        changed = true;
      }
    }
    if (changed || !exists(ctx.fs, APT_EXTENDED_STATES)) {
      // apt's writeStateFile: existing records keep their place with Auto-Installed rewritten to 0 or 1; packages
      // newly marked auto are appended.
      const arch = (n: string) => {
        const a = installed.find((s) => s.name === n)?.fields.get('Architecture') ?? 'amd64';
        return a === 'all' ? 'amd64' : a;
      };
      const record = (n: string) => `Package: ${n}\nArchitecture: ${arch(n)}\nAuto-Installed: ${auto.has(n) ? 1 : 0}\n\n`;
      const kept = ext.map((s) => s.name);
      const added = targets.map((s) => s.name).filter((n) => auto.has(n) && !kept.includes(n));
      writeText(ctx.fs, APT_EXTENDED_STATES, [...kept, ...added].map(record).join(''));
    }
  }
  await ctx.stdout.write(out);
  return 0;
};

/** apt-key: refuses without gnupg (Docker's bookworm image has none), otherwise warns that it is deprecated. */
export const aptKey: Program = async (ctx) => {
  const cmd = ctx.argv[1];
  const gpg = ['gpg', 'gpg2', 'gpg1'].some((g) => ['/usr/bin', '/bin', '/usr/local/bin'].some((d) => exists(ctx.fs, `${d}/${g}`)));
  if (cmd !== 'help' && cmd !== 'verify' && !gpg) {
    await ctx.stderr.write('E: gnupg, gnupg2 and gnupg1 do not seem to be installed, but one of them is required for this operation\n');
    return 255;
  }
  await ctx.stderr.write('Warning: apt-key is deprecated. Manage keyring files in trusted.gpg.d instead (see apt-key(8)).\n');
  // With no keyrings there is nothing to list; listing keys would need gpg's key parsing, which is not simulated.
  let keyrings: string[] = [];
  try {
    keyrings = ctx.fs.readdir('/etc/apt/trusted.gpg.d').filter((n) => /\.(gpg|asc)$/.test(n));
  } catch {
    /* no directory */
  }
  if ((cmd === 'list' || cmd === 'finger' || cmd === 'fingerprint') && keyrings.length === 0 && !exists(ctx.fs, '/etc/apt/trusted.gpg')) return 0;
  await ctx.stderr.write(`apt-key ${cmd ?? ''}: not simulated by layerlab (keys live in /etc/apt/trusted.gpg.d or Signed-By keyrings)\n`);
  return 1;
};
