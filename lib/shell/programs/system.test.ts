/** env, printenv, id, whoami, groups, hostname, uname, nproc, clear, sleep, date, free, ps, sudo, su, timeout, nohup, xargs, expr. */
import { describe, expect, it } from 'vitest';
import { createTestMachine, runCommand, TEST_NOW } from '../testing/harness';
import { CollectingWriter, emptyReader } from '../../engine/process/streams';
import { LEARNER_CRED } from '../host/users';
import { hasTool, runBusybox, runReal } from './testing/real-tools';
import type { Program } from '../../engine/process/Types';

/** Prints uid, cwd and selected env: lets tests see what sudo/su/env hand to the child. */
const probe: Program = async (ctx) => {
  await ctx.stdout.write(`uid=${ctx.cred.uid} groups=${ctx.cred.groups.join(',')} cwd=${ctx.cwd} args=${ctx.argv.slice(1).join('|')} HOME=${ctx.env.get('HOME')} USER=${ctx.env.get('USER')} A=${ctx.env.get('A') ?? '-'}\n`);
  return Number(ctx.env.get('EXIT') ?? 0);
};
const sleeper: Program = async (ctx) => {
  await ctx.sys.clock.sleep(Number(ctx.argv[1] ?? 1e6) * 1000, ctx.signals);
  return 0;
};
const tm = createTestMachine({ extraPrograms: { probe, sleeper } });
const enc = (s: string) => new TextEncoder().encode(s);
const run = (argv: string[], o: { stdin?: string; flavor?: 'busybox'; user?: 'root'; env?: Record<string, string> } = {}) => runCommand(tm, argv, { cwd: '/tmp', ...o });

describe('identity', () => {
  it('id, whoami, groups for the learner and others', async () => {
    expect((await run(['id'])).stdout).toBe('uid=1000(learner) gid=1000(learner) groups=1000(learner),27(sudo),100(users),999(docker)\n');
    expect((await run(['id', '-u'])).stdout).toBe('1000\n');
    expect((await run(['id', '-Gn'])).stdout).toBe('learner sudo users docker\n');
    expect((await run(['id', 'root'])).stdout).toBe('uid=0(root) gid=0(root) groups=0(root)\n');
    expect((await run(['id', 'nobody'])).stdout).toBe('uid=65534(nobody) gid=65534(nogroup) groups=65534(nogroup)\n');
    expect(await run(['id', 'nosuch'])).toMatchObject({ status: 1, stderr: 'id: ‘nosuch’: no such user\n' });
    expect((await run(['id', 'nosuch'], { flavor: 'busybox' })).stderr).toBe('id: unknown user nosuch\n');
    expect((await run(['whoami'])).stdout).toBe('learner\n');
    expect((await run(['whoami'], { user: 'root' })).stdout).toBe('root\n');
    expect((await run(['groups'])).stdout).toBe('learner sudo users docker\n');
    expect((await run(['groups', 'learner'])).stdout).toBe('learner : learner sudo users docker\n');
  });
  it('hostname and uname', async () => {
    expect((await run(['hostname'])).stdout).toBe('layerlab\n');
    expect(await run(['hostname', 'x'])).toMatchObject({ status: 1, stderr: 'hostname: you must be root to change the host name\n' });
    const tm2 = createTestMachine();
    expect((await runCommand(tm2, ['hostname', 'box'], { user: 'root' })).status).toBe(0);
    expect((await runCommand(tm2, ['hostname'])).stdout).toBe('box\n');
    expect((await run(['uname'])).stdout).toBe('Linux\n');
    expect((await run(['uname', '-a'])).stdout).toBe('Linux layerlab 6.8.0-layerlab #1 SMP PREEMPT_DYNAMIC layerlab x86_64 GNU/Linux\n');
    expect((await run(['uname', '-srm'])).stdout).toBe('Linux 6.8.0-layerlab x86_64\n');
    expect((await run(['nproc'])).stdout).toBe('2\n');
  });
  it('env and printenv', async () => {
    expect((await run(['env', '-i', 'A=1', 'B=2'])).stdout).toBe('A=1\nB=2\n');
    expect((await run(['env', 'A=7', 'probe'])).stdout).toContain('A=7');
    expect(await run(['env', 'nosuch'])).toMatchObject({ status: 127, stderr: 'env: ‘nosuch’: No such file or directory\n' });
    expect(await run(['env', 'nosuch'], { flavor: 'busybox' })).toMatchObject({ status: 127, stderr: "env: can't execute 'nosuch': No such file or directory\n" });
    expect((await run(['printenv', 'HOME'])).stdout).toBe('/home/learner\n');
    expect((await run(['printenv', 'NOPE'])).status).toBe(1);
  });
  it('clear sends the xterm sequence', async () => {
    expect((await run(['clear'])).stdout).toBe('\x1b[H\x1b[2J\x1b[3J');
  });
});

describe('time', () => {
  it('date formats the machine clock in UTC', async () => {
    expect((await run(['date'])).stdout).toBe('Mon Nov 23 10:00:00 UTC 2026\n');
    expect((await run(['date', '+%Y-%m-%d %H:%M:%S %s %j %a %b %e'])).stdout).toBe(`2026-11-23 10:00:00 ${TEST_NOW / 1000} 327 Mon Nov 23\n`);
    expect((await run(['date', '-u', '-d', '@0'])).stdout).toBe('Thu Jan  1 00:00:00 UTC 1970\n');
    expect((await run(['date', '-d', '2024-02-29', '+%F %A'])).stdout).toBe('2024-02-29 Thursday\n');
    expect((await run(['date', '-Iseconds', '-d', '@0'])).stdout).toBe('1970-01-01T00:00:00+00:00\n');
    expect((await run(['date', '-R', '-d', '@0'])).stdout).toBe('Thu, 01 Jan 1970 00:00:00 +0000\n');
    expect(await run(['date', '-d', 'garbage'])).toMatchObject({ status: 1, stderr: 'date: invalid date ‘garbage’\n' });
  });
  it.each([['+%Y|%m|%d|%H|%M|%S|%j|%u|%w|%U|%W|%V|%G|%g|%C|%y|%e|%k|%l|%I|%p|%P|%D|%F|%T|%R|%r|%h|%n|%t|%%'], ['+%-d|%_m|%05Y|%^a|%#b|%:z|%z|%Z'], ['-I'], ['-Ihours'], ['-Iminutes']])('date %s matches GNU date', async (fmt) => {
    if (!hasTool('date')) return;
    for (const when of ['@0', '@1700000000', '@951782400', '@1104537600']) {
      const real = runReal(['date', '-u', '-d', when, fmt]);
      expect((await run(['date', '-u', '-d', when, fmt])).stdout).toBe(real.stdout);
    }
  });
  it('sleep waits on the virtual clock and stops on a signal', async () => {
    const tm2 = createTestMachine();
    const before = tm2.clock.now();
    expect((await runCommand(tm2, ['sleep', '1.5', '1m'])).status).toBe(0);
    expect(tm2.clock.now() - before).toBe(61_500);
    expect(await runCommand(tm2, ['sleep', 'x'])).toMatchObject({ status: 1, stderr: "sleep: invalid time interval ‘x’\nTry 'sleep --help' for more information.\n" });
    const r = tm2.machine.spawn({ argv: ['sleep', '100'], env: new Map(), cwd: '/', cred: LEARNER_CRED, umask: 0o022, stdin: emptyReader, stdout: new CollectingWriter(), stderr: new CollectingWriter(), tty: null, ppid: 1 });
    if (!r.ok) throw new Error('spawn');
    await Promise.resolve();
    r.child.kill('SIGINT');
    expect(await r.child.exited).toBe(130);
  });
  it('timeout kills a slow command with status 124 and leaves the clock alone for fast ones', async () => {
    const tm2 = createTestMachine({ extraPrograms: { sleeper } });
    const t0 = tm2.clock.now();
    expect((await runCommand(tm2, ['timeout', '2', 'sleeper', '10'])).status).toBe(124);
    expect(tm2.clock.now() - t0).toBe(2000);
    expect((await runCommand(tm2, ['timeout', '-s', 'KILL', '1', 'sleeper', '10'])).status).toBe(124);
    expect((await runCommand(tm2, ['timeout', '--preserve-status', '1', 'sleeper', '10'])).status).toBe(143);
    const t1 = tm2.clock.now();
    expect((await runCommand(tm2, ['timeout', '60', 'sleeper', '1'])).status).toBe(0);
    await new Promise((r) => setTimeout(r, 10));
    expect(tm2.clock.now() - t1).toBe(1000);
    expect(await runCommand(tm2, ['timeout', '5', 'nosuch'])).toMatchObject({ status: 127, stderr: 'timeout: failed to run command ‘nosuch’: No such file or directory\n' });
    expect((await runCommand(tm2, ['timeout', 'x', 'true'])).status).toBe(125);
  });
});

describe('processes and memory', () => {
  it('ps lists the machine processes in GNU and BusyBox formats', async () => {
    const tm2 = createTestMachine({ extraPrograms: { sleeper } });
    const bg = tm2.machine.spawn({ argv: ['sleeper', '100'], env: new Map(), cwd: '/', cred: LEARNER_CRED, umask: 0o022, stdin: emptyReader, stdout: new CollectingWriter(), stderr: new CollectingWriter(), tty: null, ppid: 1 });
    if (!bg.ok) throw new Error('spawn');
    await Promise.resolve();
    const d = await runCommand(tm2, ['ps']);
    expect(d.stdout).toBe(`  PID TTY          TIME CMD\n  ${bg.child.pid} ?        00:00:00 sleeper\n  ${bg.child.pid + 1} ?        00:00:00 ps\n`);
    const ef = await runCommand(tm2, ['ps', '-ef']);
    expect(ef.stdout.split('\n')[0]).toBe('UID        PID  PPID  C STIME TTY          TIME CMD');
    expect(ef.stdout).toContain(`learner    ${bg.child.pid}     1  0 10:00 ?        00:00:00 sleeper 100`);
    const aux = await runCommand(tm2, ['ps', 'aux']);
    expect(aux.stdout.split('\n')[0]).toBe('USER       PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND');
    const o = await runCommand(tm2, ['ps', '-o', 'pid,comm']);
    expect(o.stdout.split('\n')[0]).toBe('  PID COMMAND');
    const bb = await runCommand(tm2, ['ps'], { flavor: 'busybox' });
    expect(bb.stdout).toMatch(new RegExp(`^PID   USER     TIME  COMMAND\n  ${bg.child.pid} learner   0:00 sleeper 100\n  \\d+ learner   0:00 ps\n$`));
    bg.child.kill('SIGKILL');
  });
  it('free prints the documented memory model', async () => {
    const r = await run(['free']);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('               total        used        free      shared  buff/cache   available');
    expect(lines[1]).toMatch(/^Mem: {9}4028036 +\d+ +\d+ +1204 +1048576 +\d+$/);
    expect(lines[2]).toBe('Swap:              0           0           0');
    expect((await run(['free', '-h'])).stdout.split('\n')[1]).toMatch(/^Mem: +3\.8Gi +\d+Mi +\d+(\.\d)?[MG]i +1\.2Mi +1\.0Gi +\d+(\.\d)?[MG]i$/);
  });
});

describe('privilege', () => {
  it('sudo runs as root without a password and sets SUDO_* variables', async () => {
    const r = await run(['sudo', 'probe', 'x']);
    expect(r.stdout).toBe('uid=0 groups=0 cwd=/tmp args=x HOME=/root USER=root A=-\n');
    expect((await run(['sudo', 'whoami'])).stdout).toBe('root\n');
    expect((await run(['sudo', '-u', 'nobody', 'id', '-u'])).stdout).toBe('65534\n');
    expect((await run(['sudo', 'A=5', 'probe'])).stdout).toContain('A=5');
    expect(await run(['sudo', 'nosuch'])).toMatchObject({ status: 1, stderr: 'sudo: nosuch: command not found\n' });
    expect((await run(['sudo', 'probe'], { env: { EXIT: '3' } })).status).toBe(0);
  });
  it('sudo refuses users outside the sudo group', async () => {
    const r = await runCommand(tm, ['sudo', 'true'], { user: { uid: 65534, gid: 65534, groups: [65534] } });
    expect(r).toMatchObject({ status: 1, stderr: 'nobody is not in the sudoers file.\n' });
  });
  it('sudo writes root-owned files through a root fs view', async () => {
    expect((await run(['sudo', 'tee', '/etc/motd'], { stdin: 'hi\n' })).status).toBe(0);
    expect(tm.fs.stat('/etc/motd').uid).toBe(0);
  });
  it('su switches user only for root', async () => {
    expect((await run(['su', '-c', 'x', 'learner'], { user: 'root' })).status).not.toBe(0);
    expect((await run(['su', 'nosuch'], { user: 'root' })).stderr).toBe('su: user nosuch does not exist or the user entry does not contain all the required fields\n');
    const denied = await run(['su']);
    expect(denied).toMatchObject({ status: 1 });
    expect(denied.stderr).toContain('su: Authentication failure');
  });
});

describe('xargs, nohup, expr', () => {
  it('xargs builds command lines', async () => {
    expect((await run(['xargs', '-n1', 'echo', 'x'], { stdin: 'a b c\n' })).stdout).toBe('x a\nx b\nx c\n');
    expect((await run(['xargs', '-I{}', 'echo', '[{}]'], { stdin: 'a b\nc\n' })).stdout).toBe('[a b]\n[c]\n');
    expect((await run(['xargs', '-0', 'echo'], { stdin: 'a\0b c\0' })).stdout).toBe('a b c\n');
    expect((await run(['xargs'], { stdin: 'a "b c"\n' })).stdout).toBe('a b c\n');
    expect((await run(['xargs', '-r', 'echo', 'hi'], { stdin: '' })).stdout).toBe('');
    expect((await run(['xargs', 'echo', 'hi'], { stdin: '' })).stdout).toBe('hi\n');
    expect(await run(['xargs', 'nosuch'], { stdin: 'a\n' })).toMatchObject({ status: 127, stderr: 'xargs: nosuch: No such file or directory\n' });
    expect(await run(['xargs', '-t', 'echo'], { stdin: 'a b\n' })).toMatchObject({ stdout: 'a b\n', stderr: 'echo a b\n' });
    expect((await run(['xargs', 'false'], { stdin: 'a\n' })).status).toBe(123);
    expect(await run(['xargs'], { stdin: 'a "b\n' })).toMatchObject({ status: 1, stderr: 'xargs: unmatched double quote; by default quotes are special to xargs unless you use the -0 option\n' });
  });
  it('nohup runs the command', async () => {
    expect((await run(['nohup', 'echo', 'x'])).stdout).toBe('x\n');
    expect(await run(['nohup', 'nosuch'])).toMatchObject({ status: 127, stderr: 'nohup: failed to run command ‘nosuch’: No such file or directory\n' });
  });
  const exprCases = [
    ['1', '+', '2'],
    ['5', '*', '3'],
    ['10', '/', '3'],
    ['10', '%', '3'],
    ['length', 'hello'],
    ['substr', 'hello', '2', '3'],
    ['index', 'hello', 'l'],
    ['abc', ':', 'a\\(.\\)'],
    ['abc', ':', 'a.'],
    ['abc', ':', 'x'],
    ['1', '=', '1'],
    ['a', '<', 'b'],
    ['10', '<', '9'],
    ['0'],
    ['', '|', '5'],
    ['3', '&', '0'],
    ['(', '1', '+', '2', ')', '*', '3'],
    ['1', '/', '0'],
    ['x', '+', '1'],
    ['1', '+'],
    ['1', '2'],
    ['99999999999999999999', '+', '1'],
    ['match', 'abc', '[a-b]*'],
  ];
  it.each(exprCases)('expr %j matches GNU expr', async (...args) => {
    if (!hasTool('expr')) return;
    const real = runReal(['expr', ...args]);
    const ours = await run(['expr', ...args]);
    expect(ours.stdout).toBe(real.stdout);
    expect(ours.status).toBe(real.status);
    expect(ours.stderr).toBe(real.stderr);
  });
  it.each(exprCases.slice(0, 16))('expr %j matches BusyBox expr', async (...args) => {
    if (!hasTool('busybox')) return;
    const real = runBusybox(['expr', ...args]);
    expect((await run(['expr', ...args], { flavor: 'busybox' })).stdout).toBe(real.stdout);
  });
});
void enc;

describe('sleep infinity', () => {
  it('waits for a signal without moving the virtual clock', async () => {
    const tm2 = createTestMachine();
    const t0 = tm2.clock.now();
    const r = tm2.machine.spawn({ argv: ['sleep', 'infinity'], env: new Map(), cwd: '/', cred: LEARNER_CRED, umask: 0o022, stdin: emptyReader, stdout: new CollectingWriter(), stderr: new CollectingWriter(), tty: null, ppid: 1 });
    if (!r.ok) throw new Error('spawn');
    await new Promise((res) => setTimeout(res, 30));
    expect(tm2.clock.now()).toBe(t0);
    r.child.kill('SIGTERM');
    expect(await r.child.exited).toBe(143);
  });
});

describe('signal relaying', () => {
  it('killing env or sudo ends the command they run', async () => {
    const tm2 = createTestMachine({ extraPrograms: { sleeper } });
    for (const argv of [['env', 'sleep', 'infinity'], ['sudo', 'sleep', 'infinity']]) {
      const r = tm2.machine.spawn({ argv, env: new Map(), cwd: '/', cred: LEARNER_CRED, umask: 0o022, stdin: emptyReader, stdout: new CollectingWriter(), stderr: new CollectingWriter(), tty: null, ppid: 1 });
      if (!r.ok) throw new Error('spawn');
      await new Promise((res) => setTimeout(res, 10));
      expect(tm2.machine.processes().some((p) => p.argv[0] === 'sleep')).toBe(true);
      r.child.kill('SIGTERM');
      expect(await r.child.exited).toBe(143);
      await new Promise((res) => setTimeout(res, 10));
      expect(tm2.machine.processes().some((p) => p.argv[0] === 'sleep')).toBe(false);
    }
  });
});

describe('date with TZ', () => {
  it('uses POSIX offsets, zone files when present, and glibc fallback names', async () => {
    const tm2 = createTestMachine();
    const d = (tz: string, ...args: string[]) => runCommand(tm2, ['date', '-d', '@0', ...args], { env: { TZ: tz } });
    expect((await d('CST-8')).stdout).toBe('Thu Jan  1 08:00:00 CST 1970\n');
    expect((await d('Foo/Bar')).stdout).toBe('Thu Jan  1 00:00:00 Foo 1970\n');
    expect((await d('Asia/Shanghai')).stdout).toBe('Thu Jan  1 00:00:00 Asia 1970\n');
    expect((await d('Asia/Shanghai', '-u')).stdout).toBe('Thu Jan  1 00:00:00 UTC 1970\n');
    tm2.fs.mkdir('/usr/share/zoneinfo');
    tm2.fs.mkdir('/usr/share/zoneinfo/Asia');
    tm2.fs.writeFile('/usr/share/zoneinfo/Asia/Shanghai', new Uint8Array([84, 90, 105, 102]));
    expect((await d('Asia/Shanghai')).stdout).toBe('Thu Jan  1 08:00:00 CST 1970\n');
  });
  it.each(['America/New_York', 'Europe/London', 'Asia/Kolkata', 'Asia/Shanghai', 'Europe/Berlin', 'America/Los_Angeles', 'Asia/Tokyo'])('%s matches GNU date (with tzdata)', async (zone) => {
    if (!hasTool('date')) return;
    const tm2 = createTestMachine();
    tm2.fs.mkdir('/usr/share/zoneinfo');
    const [area] = zone.split('/');
    tm2.fs.mkdir(`/usr/share/zoneinfo/${area}`);
    tm2.fs.writeFile(`/usr/share/zoneinfo/${zone}`, new Uint8Array([84, 90, 105, 102]));
    for (const when of ['@0', '@1700000000', '@1720000000', '@1711846800']) {
      const real = runReal(['date', '-d', when, '+%F %T %Z %z %a'], { env: { TZ: zone } });
      if (real.status !== 0) return;
      expect((await runCommand(tm2, ['date', '-d', when, '+%F %T %Z %z %a'], { env: { TZ: zone } })).stdout).toBe(real.stdout);
    }
  });
});
