/** head, tail, wc, sort, uniq, tr, cut, paste, tee, seq, yes, tac, rev, fold, nl: unit and differential tests. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTestMachine, runCommand } from '../testing/harness';
import { CollectingWriter, Pipe } from '../../engine/process/streams';
import { LEARNER_CRED } from '../host/users';
import { hasTool, runBusybox, runReal } from './testing/real-tools';

const tm = createTestMachine();
const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);
tm.fs.writeFile('/tmp/w1', enc('hello world\nfoo\n'));
tm.fs.writeFile('/tmp/w2', enc('x\n'));
const run = (argv: string[], stdin?: string, flavor?: 'busybox') => runCommand(tm, argv, { stdin, cwd: '/tmp', ...(flavor ? { flavor } : {}) });

const TEN = Array.from({ length: 10 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
const MIXED = 'banana 3\napple 10\ncherry 2\nApple 1\nbanana 3\n date 7\n\n10K x\n2M y\n';

describe('text filters', () => {
  it('head and tail select lines and bytes', async () => {
    expect((await run(['head', '-n', '2'], TEN)).stdout).toBe('line 1\nline 2\n');
    expect((await run(['head', '-3'], TEN)).stdout).toBe('line 1\nline 2\nline 3\n');
    expect((await run(['head', '-n', '-8'], TEN)).stdout).toBe('line 1\nline 2\n');
    expect((await run(['tail', '-n', '+9'], TEN)).stdout).toBe('line 9\nline 10\n');
    expect((await run(['tail', '-c', '3'], TEN)).stdout).toBe('10\n');
    expect((await run(['head', 'nofile'])).stderr).toBe("head: cannot open 'nofile' for reading: No such file or directory\n");
    expect((await run(['head', '-n', '1', 'w1', 'w2'])).stdout).toBe('==> w1 <==\nhello world\n\n==> w2 <==\nx\n');
  });
  it('wc aligns columns like GNU', async () => {
    expect((await run(['wc', 'w1', 'w2'])).stdout).toBe(' 2  3 16 w1\n 1  1  2 w2\n 3  4 18 total\n');
    expect((await run(['wc', '-l', 'w1'])).stdout).toBe('2 w1\n');
    expect((await run(['wc'], 'hi\n')).stdout).toBe('      1       1       3\n');
    expect((await run(['wc', '-l'], 'hi\n')).stdout).toBe('1\n');
  });
  it('yes | head -3 terminates through SIGPIPE', async () => {
    const pipe = new Pipe();
    const out = new CollectingWriter();
    const base = { env: new Map(), cwd: '/', cred: LEARNER_CRED, umask: 0o022, stderr: new CollectingWriter(), tty: null, ppid: 1 };
    const yesP = tm.machine.spawn({ ...base, argv: ['yes'], stdin: pipe.reader(), stdout: pipe.writer(), pgid: undefined });
    const reader = pipe.reader();
    const headP = tm.machine.spawn({ ...base, argv: ['head', '-3'], stdin: reader, stdout: out });
    if (!yesP.ok || !headP.ok) throw new Error('spawn');
    expect(await headP.child.exited).toBe(0);
    reader.close();
    expect(await yesP.child.exited).toBe(141);
    expect(out.text()).toBe('y\ny\ny\n');
  });
  it('tail -f follows appended data until a signal', async () => {
    const tm2 = createTestMachine();
    tm2.fs.writeFile('/tmp/log', enc('a\nb\n'));
    const out = new CollectingWriter();
    const r = tm2.machine.spawn({ argv: ['tail', '-f', '/tmp/log'], env: new Map(), cwd: '/', cred: LEARNER_CRED, umask: 0o022, stdin: new Pipe().reader(), stdout: out, stderr: new CollectingWriter(), tty: null, ppid: 1 });
    if (!r.ok) throw new Error('spawn');
    await new Promise((res) => setTimeout(res, 20));
    tm2.fs.writeFile('/tmp/log', enc('c\n'), { append: true });
    await new Promise((res) => setTimeout(res, 50));
    r.child.kill('SIGINT');
    expect(await r.child.exited).toBe(130);
    expect(out.text()).toBe('a\nb\nc\n');
  });
  it('tee copies to files', async () => {
    const r = await run(['tee', '/tmp/t1', '/nodir/x'], 'data\n');
    expect(r).toMatchObject({ stdout: 'data\n', stderr: 'tee: /nodir/x: No such file or directory\n', status: 1 });
    expect(dec(tm.fs.readFile('/tmp/t1'))).toBe('data\n');
  });
  it('sort -o writes the output file, -c reports disorder', async () => {
    await run(['sort', '-o', '/tmp/sorted'], 'b\na\n');
    expect(dec(tm.fs.readFile('/tmp/sorted'))).toBe('a\nb\n');
    expect(await run(['sort', '-c'], 'b\na\n')).toMatchObject({ status: 1, stderr: 'sort: -:2: disorder: a\n' });
    expect(await run(['sort', 'nofile'])).toMatchObject({ status: 2, stderr: 'sort: cannot read: nofile: No such file or directory\n' });
  });

  const cases: [string[], string][] = [
    [['head', '-c', '5'], TEN],
    [['head', '-n', '0'], TEN],
    [['head', '-c', '-5'], TEN],
    [['tail', '-3'], TEN],
    [['tail', '-n', '2'], 'a\nb\nc'],
    [['tail', '-c', '+5'], 'abcdefg\n'],
    [['tail', '+3'], TEN],
    [['wc', '-w'], TEN],
    [['wc', '-c'], 'é\n'],
    [['wc', '-m'], 'é\n'],
    [['wc', '-L'], 'a\tbb\nccc\n'],
    [['wc', '-lc'], TEN],
    [['sort'], MIXED],
    [['sort', '-r'], MIXED],
    [['sort', '-n'], MIXED],
    [['sort', '-k2n'], MIXED],
    [['sort', '-k2,2n', '-k1,1'], MIXED],
    [['sort', '-k2', '-r'], MIXED],
    [['sort', '-u'], MIXED],
    [['sort', '-f'], MIXED],
    [['sort', '-fu'], MIXED],
    [['sort', '-h', '-k1,1'], MIXED],
    [['sort', '-t', ' ', '-k2', '-n'], MIXED],
    [['sort', '-b', '-k1,1'], MIXED],
    [['sort', '-V'], 'v1.10\nv1.9\nv1.2\nv1.2a\n'],
    [['sort', '-n', '-r', '-s'], '2 a\n1 b\n2 c\n'],
    [['sort', '-t:', '-k3,3n'], 'root:x:0\nwww:x:33\nlearner:x:1000\nbin:x:2\n'],
    [['sort', '-k1.2,1.3'], 'xbz\nyay\nzcx\n'],
    [['uniq'], 'a\na\nb\na\n'],
    [['uniq', '-c'], 'a\na\nb\na\n'],
    [['uniq', '-d'], 'a\na\nb\nc\nc\n'],
    [['uniq', '-u'], 'a\na\nb\nc\nc\n'],
    [['uniq', '-i', '-c'], 'A\na\nb\n'],
    [['uniq', '-f', '1'], 'x a\ny a\nz b\n'],
    [['uniq', '-s', '1', '-w', '1'], 'xab\nyac\nzbc\n'],
    [['tr', 'a-z', 'A-Z'], 'hello World\n'],
    [['tr', '[:lower:]', '[:upper:]'], 'hello\n'],
    [['tr', '-d', '[:digit:]'], 'a1b22c\n'],
    [['tr', '-s', ' '], 'a   b  c\n'],
    [['tr', '-cd', '[:alnum:]\\n'], 'a-b_c!\n'],
    [['tr', '-c', 'a', 'x'], 'abc\n'],
    [['tr', 'abc', 'x'], 'aabbcc\n'],
    [['tr', '-t', 'abc', 'x'], 'aabbcc\n'],
    [['tr', '-s', 'a-c', 'x'], 'aabbcc\n'],
    [['tr', '\\n', ' '], 'a\nb\n'],
    [['tr', 'a-y', 'b-z'], 'hello\n'],
    [['tr', '-ds', 'a', 'b'], 'aabbcc\n'],
    [['tr', '[a*3]', 'x'], 'aaa\n'],
    [['cut', '-d:', '-f1,3'], 'root:x:0:0\nbin:x:2:2\n'],
    [['cut', '-d:', '-f2-'], 'a:b:c\nnodelim\n'],
    [['cut', '-s', '-d:', '-f2'], 'a:b:c\nnodelim\n'],
    [['cut', '-c', '2-4,6'], 'abcdefgh\n'],
    [['cut', '-c', '-3'], 'abcdefgh\n'],
    [['cut', '-b', '1-2'], 'abc\n'],
    [['cut', '-d', ' ', '-f', '2', '--complement'], 'a b c\n'],
    [['cut', '-d:', '-f1,3', '--output-delimiter= '], 'a:b:c\n'],
    [['cut', '-f2'], 'a\tb\tc\n'],
    [['paste', '-s', '-d,'], '1\n2\n3\n'],
    [['paste', '-', '-'], '1\n2\n3\n4\n5\n'],
    [['paste', '-d', ':', 'w1', 'w2'], ''],
    [['seq', '5'], ''],
    [['seq', '2', '5'], ''],
    [['seq', '5', '-2', '1'], ''],
    [['seq', '0', '0.1', '0.5'], ''],
    [['seq', '-w', '8', '10'], ''],
    [['seq', '-s', ',', '3'], ''],
    [['seq', '-f', '%03g', '3'], ''],
    [['seq', '1.5', '3'], ''],
    [['seq', '10', '1'], ''],
    [['tac'], 'a\nb\nc\n'],
    [['tac'], 'abc\nd'],
    [['rev'], 'abc\nxy\n'],
    [['fold', '-w', '5'], 'hello world foo\n'],
    [['fold', '-s', '-w', '7'], 'hello world foo\n'],
    [['fold', '-w', '4'], 'a\tb\n'],
    [['nl'], 'a\n\nb\n'],
    [['nl', '-b', 'a', '-n', 'rz', '-w', '3'], 'a\n\nb\n'],
    [['nl', '-n', 'ln', '-s', ': '], 'a\nb\n'],
  ];
  it.each(cases)('matches GNU: %j', async (argv, input) => {
    if (!hasTool(argv[0]!)) return;
    const real = runReal(argv, { stdin: input, cwd: '/tmp' });
    if (argv.includes('w1')) return;
    const ours = await run(argv, input);
    expect(ours.stdout).toBe(real.stdout);
    expect(ours.status).toBe(real.status);
  });
  const busyboxCases = cases.filter(([a]) => (!['sort', 'seq', 'nl', 'cut', 'tr', 'paste', 'fold'].includes(a[0]!) || /^(sort -[rnu]$|cut -d:|tr a-z)/.test(a.join(' '))) && !a.some((x) => x.startsWith('--output')));
  it.each(busyboxCases)('matches BusyBox: %j', async (argv, input) => {
    if (!hasTool('busybox')) return;
    const real = runBusybox(argv, { stdin: input });
    if (real.stderr.includes('applet not found')) return;
    expect((await run(argv, input, 'busybox')).stdout).toBe(real.stdout);
  });

  it('property: sort output is a sorted permutation; sort -u equals uniq of sort', async () => {
    const lines = fc.array(fc.stringMatching(/^[a-cA-C0-9 ]{0,4}$/), { maxLength: 12 });
    await fc.assert(
      fc.asyncProperty(lines, fc.constantFrom([], ['-n'], ['-r'], ['-f'], ['-k2']), async (ls, flags) => {
        const input = ls.map((l) => l + '\n').join('');
        const sorted = (await run(['sort', ...flags], input)).stdout;
        const outLines = sorted === '' ? [] : sorted.slice(0, -1).split('\n');
        expect([...outLines].sort()).toEqual([...ls].sort());
        const u = (await run(['sort', '-u', ...flags], input)).stdout;
        if (flags.length === 0) expect(u).toBe((await run(['uniq'], sorted)).stdout);
        if (hasTool('sort')) expect(sorted).toBe(runReal(['sort', ...flags], { stdin: input, env: { LC_ALL: 'C' } }).stdout);
      }),
      { numRuns: 60 },
    );
  });
  it('property: uniq -c counts add up to the line count and uniq is idempotent', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom('a', 'b', 'A', ''), { maxLength: 15 }), async (ls) => {
        const input = ls.map((l) => l + '\n').join('');
        const counted = (await run(['uniq', '-c'], input)).stdout;
        const total = counted === '' ? 0 : counted.trimEnd().split('\n').reduce((n, l) => n + Number(l.slice(0, 7)), 0);
        expect(total).toBe(ls.length);
        const once = (await run(['uniq'], input)).stdout;
        expect((await run(['uniq'], once)).stdout).toBe(once);
      }),
      { numRuns: 60 },
    );
  });
});

describe('missing-file wording', () => {
  const progs: string[][] = [['grep', 'x'], ['sed', 'p'], ['awk', '1'], ['head'], ['tail'], ['wc'], ['sort'], ['uniq'], ['cut', '-f1'], ['paste'], ['tac'], ['rev'], ['fold'], ['nl']];
  it.each(progs)('%s matches GNU and BusyBox for a missing file', async (...argv) => {
    const ours = await run([...argv, 'no-such-file']);
    if (hasTool(argv[0]!)) {
      const real = runReal([...argv, 'no-such-file'], { cwd: '/tmp' });
      expect(ours.stderr).toBe(real.stderr.replace(/^mawk:/, 'awk:'));
      expect(ours.status).toBe(real.status);
    }
    if (hasTool('busybox')) {
      const bb = runBusybox([...argv, 'no-such-file'], { cwd: '/tmp' });
      const mine = await run([...argv, 'no-such-file'], undefined, 'busybox');
      expect(mine.stderr).toBe(bb.stderr.replace(/\ntail: no files\n$/, '\n'));
    }
  });
});

describe('sort -R and grep -I', () => {
  it('sort -R keeps every line and groups equal lines', async () => {
    const out = (await run(['sort', '-R'], 'a\nb\na\nc\nb\na\n')).stdout.trimEnd().split('\n');
    expect([...out].sort()).toEqual(['a', 'a', 'a', 'b', 'b', 'c']);
    const firstA = out.indexOf('a');
    expect(out.slice(firstA, firstA + 3)).toEqual(['a', 'a', 'a']);
  });
  it('grep -I treats binary files as non-matching', async () => {
    tm.fs.writeFile('/tmp/binfile', enc('a\0b\nfoo\n'));
    expect(await run(['grep', '-I', 'foo', 'binfile'])).toMatchObject({ status: 1, stdout: '', stderr: '' });
    expect(await run(['grep', '-a', 'foo', 'binfile'])).toMatchObject({ status: 0, stdout: 'foo\n' });
  });
});
