/**
 * chage -l against shadow 4.13 (`chage -R DIR` reads a copy of the account files), and chfn/newgrp against
 * shadow's documented behaviour (the real chfn needs PAM inside -R, and newgrp changes the caller's own groups).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestMachine, runCommand, type TestMachine } from '../../testing/harness';
import { hasTool, runReal } from '../testing/real-tools';

const enc = new TextEncoder();
const dec = new TextDecoder();
const PASSWD = 'root:x:0:0:root:/root:/bin/bash\nbob:x:1003:1003:Bob,1,2,3:/home/bob:/bin/sh\nann:x:1001:1001::/home/ann:/bin/sh\nlearner:x:1000:1000::/home/learner:/bin/bash\n';
const SHADOW = 'root:*:20228:0:99999:7:::\nbob:!:20000:1:90:14:30:21000:\nann:!:0:0:99999:7:::\nlearner:!::::::\n';
const GROUP = 'root:x:0:\nstaff:x:50:bob\nbob:x:1003:\nann:x:1001:\nlearner:x:1000:\n';

function machine(): TestMachine {
  const tm = createTestMachine();
  tm.fs.writeFile('/etc/passwd', enc.encode(PASSWD), { mode: 0o644 });
  tm.fs.writeFile('/etc/shadow', enc.encode(SHADOW), { mode: 0o640 });
  tm.fs.writeFile('/etc/group', enc.encode(GROUP), { mode: 0o644 });
  return tm;
}

const CASES: string[][] = [['-l', 'bob'], ['-l', 'root'], ['-l', '-i', 'bob'], ['-l', 'ann'], ['-l', 'learner'], ['-l', 'nosuch'], [], ['-l'], ['-x', 'bob']];

describe.skipIf(!hasTool('chage') || process.getuid?.() !== 0)('chage -l matches shadow 4.13', () => {
  for (const args of CASES) {
    it(['chage', ...args].join(' '), async () => {
      const dir = mkdtempSync(join(tmpdir(), 'layerlab-chage-'));
      try {
        mkdirSync(join(dir, 'etc'));
        writeFileSync(join(dir, 'etc/passwd'), PASSWD);
        writeFileSync(join(dir, 'etc/shadow'), SHADOW);
        writeFileSync(join(dir, 'etc/group'), GROUP);
        const want = runReal(['chage', '-R', dir, ...args]);
        const got = await runCommand(machine(), ['chage', ...args], { user: 'root' });
        expect({ stdout: got.stdout, stderr: got.stderr, status: got.status }).toEqual({ stdout: want.stdout, stderr: want.stderr, status: want.status });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});

describe('chage for users and unsimulated changes', () => {
  it('a user may list only their own ageing', async () => {
    const tm = machine();
    expect(await runCommand(tm, ['chage', '-l', 'bob'])).toMatchObject({ stderr: 'chage: Permission denied.\n', status: 1 });
    const own = await runCommand(tm, ['chage', '-l', 'learner']);
    expect(own.status).toBe(0);
    expect(own.stdout).toContain('Last password change\t\t\t\t\t: never\n');
  });
  it('changing ageing says it is not simulated and leaves /etc/shadow alone', async () => {
    const tm = machine();
    expect(await runCommand(tm, ['chage', '-M', '30', 'bob'], { user: 'root' })).toMatchObject({ status: 1 });
    expect(dec.decode(tm.fs.readFile('/etc/shadow'))).toBe(SHADOW);
  });
});

describe('chfn edits the GECOS field as shadow does', () => {
  it('-f/-r/-w/-h replace fields, trailing empty ones are dropped', async () => {
    const tm = machine();
    expect(await runCommand(tm, ['chfn', '-f', 'Robert B', 'bob'], { user: 'root' })).toMatchObject({ stdout: '', stderr: '', status: 0 });
    expect(dec.decode(tm.fs.readFile('/etc/passwd'))).toContain('bob:x:1003:1003:Robert B,1,2,3:/home/bob:/bin/sh\n');
    await runCommand(tm, ['chfn', '-f', 'Ann', '-w', '555', 'ann'], { user: 'root' });
    expect(dec.decode(tm.fs.readFile('/etc/passwd'))).toContain('ann:x:1001:1001:Ann,,555:/home/ann:/bin/sh\n');
  });
  it('asks for each field on its input without options', async () => {
    const tm = machine();
    const got = await runCommand(tm, ['chfn', 'bob'], { user: 'root', stdin: 'Bobby\n\n\n9\n\n' });
    expect(got.stdout).toBe('Changing the user information for bob\nEnter the new value, or press ENTER for the default\n\tFull Name [Bob]: \tRoom Number [1]: \tWork Phone [2]: \tHome Phone [3]: \tOther []: ');
    expect(dec.decode(tm.fs.readFile('/etc/passwd'))).toContain('bob:x:1003:1003:Bobby,1,2,9:/home/bob:/bin/sh\n');
  });
  it('errors: unknown user, other users, bad characters', async () => {
    const tm = machine();
    expect(await runCommand(tm, ['chfn', '-f', 'X', 'nosuch'], { user: 'root' })).toMatchObject({ stderr: "chfn: user 'nosuch' does not exist\n", status: 1 });
    expect(await runCommand(tm, ['chfn', '-f', 'X', 'bob'])).toMatchObject({ stderr: 'chfn: Permission denied.\n', status: 1 });
    expect(await runCommand(tm, ['chfn', '-f', 'a:b', 'bob'], { user: 'root' })).toMatchObject({ stderr: "chfn: invalid name: 'a:b'\n", status: 1 });
    expect(dec.decode(tm.fs.readFile('/etc/passwd'))).toBe(PASSWD);
  });
});

describe('newgrp starts a shell with the group', () => {
  it('a member gets the group as its gid; the shell runs as the same user', async () => {
    const tm = machine();
    tm.fs.writeFile('/etc/group', enc.encode(GROUP.replace('staff:x:50:bob', 'staff:x:50:bob,learner')), { mode: 0o644 });
    const got = await runCommand(tm, ['newgrp', 'staff'], { stdin: 'id -g; id -u\n' });
    expect(got).toMatchObject({ stdout: '50\n1000\n', status: 0 });
  });
  it('unknown group, and joining by password, fail', async () => {
    const tm = machine();
    expect(await runCommand(tm, ['newgrp', 'nosuch'])).toMatchObject({ stderr: "newgrp: group 'nosuch' does not exist\n", status: 1 });
    expect(await runCommand(tm, ['newgrp', 'ann'])).toMatchObject({ stderr: "newgrp: joining 'ann' with the group password is not simulated\n", status: 1 });
  });
});
