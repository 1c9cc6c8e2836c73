/** SHA-512 crypt against openssl's implementation, and chpasswd/passwd on /etc/shadow. */
import { describe, expect, it } from 'vitest';
import { createTestMachine, runCommand } from '../../testing/harness';
import { hasTool, runReal } from '../testing/real-tools';
import { sha512Crypt } from './crypt';

describe('sha512Crypt', () => {
  const cases: [string, string][] = [
    ['hello', 'saltsalt'],
    ['a much longer password that is more than sixty-four bytes long, to cover the repeat paths', 'SaltWith16Chars.'],
    ['pässwörd', 'x/y'],
  ];
  for (const [pw, salt] of cases) {
    it.skipIf(!hasTool('openssl'))(`matches openssl passwd -6 for ${JSON.stringify(pw)}`, () => {
      expect(sha512Crypt(pw, salt)).toBe(runReal(['openssl', 'passwd', '-6', '-salt', salt, pw]).stdout.trim());
    });
  }
  it('matches a known vector', () => {
    expect(sha512Crypt('hello', 'saltsalt')).toBe('$6$saltsalt$YTeBOLnmm3CoeJTzBuijUEtOEWCqrw/nQ8/AeMmON4LGp3k0ZiMjC1OdqzWFUAfDQBvYkOch9BWtQTBcZ1E/p0');
  });
});

describe('chpasswd and passwd', () => {
  it('set, lock, show and refuse as shadow does', async () => {
    const tm = createTestMachine();
    tm.fs.writeFile('/etc/gshadow', new Uint8Array(0));
    tm.fs.writeFile('/etc/login.defs', new TextEncoder().encode('PASS_MAX_DAYS\t99999\nPASS_MIN_DAYS\t0\nPASS_WARN_AGE\t7\n'));
    expect((await runCommand(tm, ['useradd', 'bob'], { user: 'root' })).status).toBe(0);
    expect(await runCommand(tm, ['chpasswd'], { user: 'root', stdin: 'bob:secret\n' })).toMatchObject({ status: 0, stderr: '' });
    const line = new TextDecoder().decode(tm.fs.readFile('/etc/shadow')).split('\n').find((l) => l.startsWith('bob:'))!;
    const hash = line.split(':')[1]!;
    expect(hash).toBe(sha512Crypt('secret', hash.split('$')[2]!));
    expect(await runCommand(tm, ['chpasswd'], { user: 'root', stdin: 'nosuch:x\nbob\n' })).toMatchObject({ status: 1, stderr: "chpasswd: line 1: user 'nosuch' does not exist\nchpasswd: line 2: missing new password\nchpasswd: error detected, changes ignored\n" });
    expect(await runCommand(tm, ['passwd', '-l', 'bob'], { user: 'root' })).toMatchObject({ status: 0, stdout: 'passwd: password changed.\n' });
    expect((await runCommand(tm, ['passwd', '-S', 'bob'], { user: 'root' })).stdout).toBe('bob L 2026-11-23 0 99999 7 -1\n');
    expect(await runCommand(tm, ['passwd', '-S', 'nosuch'], { user: 'root' })).toMatchObject({ status: 1, stderr: "passwd: user 'nosuch' does not exist\n" });
    expect(await runCommand(tm, ['passwd', 'bob'], { user: 'root', stdin: 'a\nb\n' })).toMatchObject({ status: 10, stderr: 'Sorry, passwords do not match.\npasswd: Authentication token manipulation error\npasswd: password unchanged\n' });
    expect(await runCommand(tm, ['passwd', 'bob'], { user: 'root', stdin: 'pw\npw\n' })).toMatchObject({ status: 0, stdout: 'New password: Retype new password: passwd: password updated successfully\n' });
  });
});

describe('chsh', () => {
  it('changes the shell field, with shadow’s checks', async () => {
    const tm = createTestMachine();
    tm.fs.writeFile('/etc/shells', new TextEncoder().encode('# /etc/shells: valid login shells\n/bin/sh\n/bin/bash\n'));
    expect((await runCommand(tm, ['useradd', 'bob'], { user: 'root' })).status).toBe(0);
    expect(await runCommand(tm, ['chsh', '-s', '/bin/bash', 'bob'], { user: 'root' })).toMatchObject({ status: 0, stderr: '' });
    expect(new TextDecoder().decode(tm.fs.readFile('/etc/passwd'))).toMatch(/\nbob:x:\d+:\d+::\/home\/bob:\/bin\/bash\n$/);
    expect(await runCommand(tm, ['chsh', '-s', '/bin/zsh', 'bob'], { user: 'root' })).toMatchObject({ status: 0, stderr: 'chsh: Warning: /bin/zsh does not exist\n' });
    expect(await runCommand(tm, ['chsh', '-s', 'bash', 'bob'], { user: 'root' })).toMatchObject({ status: 1, stderr: 'chsh: bash is an invalid shell\n' });
    expect(await runCommand(tm, ['chsh', '-s', '/bin/bash', 'nosuch'], { user: 'root' })).toMatchObject({ status: 1, stderr: "chsh: user 'nosuch' does not exist\n" });
    expect(await runCommand(tm, ['chsh', '-s', '/bin/sh', 'bob'])).toMatchObject({ status: 1, stderr: "chsh: You may not change the shell for 'bob'.\n" });
  });
});
