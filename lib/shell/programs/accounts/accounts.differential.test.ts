/**
 * useradd, groupadd, usermod, userdel and groupdel against shadow 4.13 itself: the real tools run as root with
 * --prefix on a copy of the same account files, and the files each side leaves must be identical (the
 * "last change" day is masked, as the two may straddle midnight), as must messages and exit statuses.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestMachine, runCommand } from '../../testing/harness';
import { hasTool, runReal } from '../testing/real-tools';

const FILES: Record<string, string> = {
  'etc/passwd': 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n_apt:x:42:65534::/nonexistent:/usr/sbin/nologin\n',
  'etc/group': 'root:x:0:\ndaemon:x:1:\naudio:x:29:\nsudo:x:27:\nusers:x:100:\nnogroup:x:65534:\n',
  'etc/shadow': 'root:*:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\nnobody:*:19000:0:99999:7:::\n_apt:*:19000:0:99999:7:::\n',
  'etc/gshadow': 'root:*::\ndaemon:*::\naudio:*::\nsudo:*::\nusers:*::\nnogroup:*::\n',
  'etc/login.defs': 'MAIL_DIR /var/mail\nPASS_MAX_DAYS\t99999\nPASS_MIN_DAYS\t0\nPASS_WARN_AGE\t7\nUID_MIN\t\t\t 1000\nUID_MAX\t\t\t60000\nGID_MIN\t\t\t 1000\nGID_MAX\t\t\t60000\nUSERGROUPS_ENAB yes\nENCRYPT_METHOD SHA512\n',
  'etc/default/useradd': 'SHELL=/bin/sh\n',
};

const SCRIPTS: string[][][] = [
  [['useradd', 'app']],
  [['useradd', 'app'], ['useradd', 'app']],
  [['useradd', '-r', 'svc'], ['useradd', '--system', 'svc2']],
  [['useradd', '-u', '1500', '-s', '/bin/bash', '-c', 'Bob B', '-G', 'audio,sudo', 'bob'], ['useradd', 'next']],
  [['useradd', '-g', 'nogroup', 'x1'], ['useradd', '-g', 'nosuch', 'x2'], ['useradd', '-G', 'nosuch', 'x3']],
  [['useradd', 'Bad Name'], ['useradd', '-u', 'abc', 'z'], ['useradd', '-s', 'nosh', 'z']],
  [['useradd', '-u', '1500', 'a'], ['useradd', '-u', '1500', 'b'], ['useradd', '-o', '-u', '1500', 'c']],
  [['useradd', '-N', 'nogrp'], ['useradd', '-U', '-N', 'z']],
  [['useradd', '-d', '/srv/app', 'app'], ['useradd', '-b', '/opt', 'b']],
  [['groupadd', 'app'], ['useradd', 'app']],
  [['groupadd', 'g1'], ['groupadd', 'g1'], ['groupadd', '-f', 'g1'], ['groupadd', '-g', '1000', 'g2'], ['groupadd', '-r', 'sg'], ['groupadd', 'Bad Name']],
  [['useradd', 'app'], ['usermod', '-aG', 'audio', 'app'], ['usermod', '-aG', 'sudo', 'app'], ['usermod', '-G', 'sudo', 'app']],
  [['useradd', 'app'], ['usermod', '-s', '/bin/bash', '-c', 'hi', 'app'], ['usermod', 'app'], ['usermod', '-a', 'app'], ['usermod', 'nosuch', '-s', '/bin/sh']],
  [['useradd', 'app'], ['usermod', '-l', 'app2', 'app'], ['usermod', '-L', 'app2']],
  [['useradd', '-G', 'audio', 'app'], ['userdel', 'app'], ['userdel', 'app']],
  [['useradd', 'app'], ['groupdel', 'app'], ['groupdel', 'nosuch'], ['groupadd', 'g'], ['groupdel', 'g']],
  [['useradd', 'a'], ['useradd', '-g', 'a', 'b'], ['userdel', 'a']],
  [['useradd', 'bob'], ['gpasswd', '-a', 'bob', 'users'], ['gpasswd', '-a', 'bob', 'users'], ['gpasswd', '-d', 'bob', 'users'], ['gpasswd', '-d', 'bob', 'users']],
  [['useradd', 'bob'], ['groupmod', '-n', 'x', 'nosuch'], ['groupmod', '-g', '27', 'users'], ['groupmod', '-n', 'sudo', 'users'], ['groupmod', 'users'], ['groupmod', '-g', '2000', 'bob'], ['groupmod', '-n', 'team', 'bob'], ['groupmod', '-g', '27', '-o', 'audio']],
  [['useradd', 'bob'], ['gpasswd', '-a', 'bob', 'nogrp'], ['gpasswd', '-a', 'nosuch', 'users'], ['gpasswd', '-M', 'bob,root', 'audio'], ['gpasswd', 'users']],
];

const mask = (s: string) => s.replace(/^([^:\n]*:[^:\n]*:)\d+:/gm, '$1D:');


describe('shadow tools match shadow 4.13 (useradd --prefix)', () => {
  for (const script of SCRIPTS) {
    it.skipIf(!hasTool('useradd'))(script.map((c) => c.join(' ')).join(' ; '), async () => {
      const dir = mkdtempSync(join(tmpdir(), 'layerlab-shadow-'));
      try {
        mkdirSync(join(dir, 'etc/default'), { recursive: true });
        for (const [path, text] of Object.entries(FILES)) writeFileSync(join(dir, path), text);
        const tm = createTestMachine();
        try {
          tm.fs.mkdir('/etc/default');
        } catch {
          // already there
        }
        for (const [path, text] of Object.entries(FILES)) tm.fs.writeFile(`/${path}`, new TextEncoder().encode(text));
        for (const argv of script) {
          const want = runReal([argv[0]!, argv[0] === 'gpasswd' ? '-Q' : '--prefix', dir, ...argv.slice(1)]);
          const got = await runCommand(tm, argv, { user: 'root' });
          expect({ argv, stdout: got.stdout, stderr: got.stderr, status: got.status }).toEqual({ argv, stdout: want.stdout, stderr: want.stderr, status: want.status });
        }
        for (const path of ['etc/passwd', 'etc/group', 'etc/shadow', 'etc/gshadow']) {
          const real = readFileSync(join(dir, path), 'utf8');
          const ours = new TextDecoder().decode(tm.fs.readFile(`/${path}`));
          expect({ path, text: mask(ours) }).toEqual({ path, text: mask(real) });
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
