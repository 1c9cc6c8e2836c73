/** Which git the container has: the version its package database records (dpkg on Debian, apk on Alpine). */
import type { FsClient } from '../../../engine/fs/Types';
import { readTextOrNull } from './repo';

/** Upstream version (`2.39.5`) of the installed git package; bookworm's when no database names one. */
export function gitVersion(fs: FsClient): string {
  const status = readTextOrNull(fs, '/var/lib/dpkg/status');
  if (status !== null) {
    for (const stanza of status.split(/\n\n+/)) {
      if (!/^Package: git$/m.test(stanza) || !/^Status: .* installed$/m.test(stanza)) continue;
      const v = /^Version: (?:\d+:)?([^-\s]+)/m.exec(stanza);
      if (v) return v[1]!;
    }
  }
  const apk = readTextOrNull(fs, '/lib/apk/db/installed');
  if (apk !== null) {
    for (const stanza of apk.split(/\n\n+/)) {
      if (!/^P:git$/m.test(stanza)) continue;
      const v = /^V:([^-\s]+)/m.exec(stanza);
      if (v) return v[1]!;
    }
  }
  return '2.39.5';
}
