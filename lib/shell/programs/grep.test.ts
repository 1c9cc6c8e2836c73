import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createTestMachine, runCommand } from '../testing/harness';
import { hasTool, runBusybox, runReal } from './testing/real-tools';

const tm = createTestMachine();
const enc = (s: string) => new TextEncoder().encode(s);
tm.fs.mkdir('/tmp/g');
tm.fs.mkdir('/tmp/g/sub');
tm.fs.writeFile('/tmp/g/a.txt', enc('hello world\nfoo\n'));
tm.fs.writeFile('/tmp/g/sub/b.log', enc('foo bar\nbaz\n'));
tm.fs.writeFile('/tmp/bin', enc('a\0b\nfoo\n'));
const grep = (args: string[], stdin?: string, flavor?: 'busybox') => runCommand(tm, ['grep', ...args], { stdin, cwd: '/tmp', ...(flavor ? { flavor } : {}) });

const TEXT = 'apple pie\nbanana split\nCherry tart\napple crumble\n\nfoo123 bar\na.b.c\nx+y=z\n(paren)\nword wordy sword\n';

describe('grep', () => {
  it('selects matching lines; status 0/1', async () => {
    expect(await grep(['apple'], TEXT)).toMatchObject({ stdout: 'apple pie\napple crumble\n', status: 0 });
    expect((await grep(['nomatch'], TEXT)).status).toBe(1);
  });
  it('-n -c -v -i -o -w -x', async () => {
    expect((await grep(['-n', 'an'], TEXT)).stdout).toBe('2:banana split\n');
    expect((await grep(['-c', 'a'], TEXT)).stdout).toBe('7\n');
    expect((await grep(['-ic', 'cherry'], TEXT)).stdout).toBe('1\n');
    expect((await grep(['-o', '[0-9]\\+'], TEXT)).stdout).toBe('123\n');
    expect((await grep(['-w', 'word'], TEXT)).stdout).toBe('word wordy sword\n');
    expect((await grep(['-ow', 'word'], TEXT)).stdout).toBe('word\n');
    expect((await grep(['-x', 'a.b.c'], TEXT)).stdout).toBe('a.b.c\n');
    expect((await grep(['-vc', 'a'], TEXT)).stdout).toBe('3\n');
  });
  it('labels standard input and files', async () => {
    expect((await grep(['-H', 'foo'], 'foo\n')).stdout).toBe('(standard input):foo\n');
    expect((await grep(['foo', 'g/a.txt', '-'], 'foo\n')).stdout).toBe('g/a.txt:foo\n(standard input):foo\n');
    expect((await grep(['-r', 'foo', 'g'])).stdout).toBe('g/a.txt:foo\ng/sub/b.log:foo bar\n');
    expect((await grep(['-rl', 'foo', 'g', '--include=*.log'])).stdout).toBe('g/sub/b.log\n');
    expect((await grep(['-L', 'hello', 'g/a.txt', 'g/sub/b.log'])).stdout).toBe('g/sub/b.log\n');
  });
  it('reports errors with exit 2 and binary matches', async () => {
    expect(await grep(['x', 'nofile'])).toMatchObject({ status: 2, stderr: 'grep: nofile: No such file or directory\n' });
    expect(await grep(['x', 'g'])).toMatchObject({ status: 2, stderr: 'grep: g: Is a directory\n' });
    expect(await grep(['-s', 'x', 'nofile'])).toMatchObject({ status: 2, stderr: '' });
    expect(await grep(['-q', 'foo', 'nofile', 'g/a.txt'])).toMatchObject({ status: 0 });
    expect(await grep(['foo', 'bin'])).toMatchObject({ status: 0, stdout: '', stderr: 'grep: bin: binary file matches\n' });
    expect(await grep(['-E', 'a('], 'x')).toMatchObject({ status: 2, stderr: 'grep: Unmatched ( or \\(\n' });
  });
  it('prints context with separators', async () => {
    const seq = Array.from({ length: 12 }, (_, i) => `${i + 1}`).join('\n') + '\n';
    expect((await grep(['-n', '-C1', '^[49]$'], seq)).stdout).toBe('3-3\n4:4\n5-5\n--\n8-8\n9:9\n10-10\n');
  });

  const cases: [string[], string][] = [
    [['-E', 'a|an'], TEXT],
    [['-o', '-E', 'an|ana'], TEXT],
    [['[[:digit:]]\\{2\\}'], TEXT],
    [['-o', '[[:upper:]][[:lower:]]*'], TEXT],
    [['\\(an\\)\\1'], TEXT],
    [['-E', '(an)\\1'], TEXT],
    [['x+y'], TEXT],
    [['-E', 'x\\+y'], TEXT],
    [['-F', 'a.b'], TEXT],
    [['(paren)'], TEXT],
    [['-E', '\\(paren\\)'], TEXT],
    [['^$'], TEXT],
    [['-c', ''], TEXT],
    [['-n', '-A1', 'apple'], TEXT],
    [['-B2', '-n', 'Cherry'], TEXT],
    [['-m1', '-n', 'apple'], TEXT],
    [['\\<word\\>'], TEXT],
    [['-o', '\\w\\+'], 'a-b c_d\n'],
    [['-e', 'pie', '-e', 'tart'], TEXT],
    [['*a'], 'x*a\n'],
    [['-E', 'a{2}'], 'aa\na{2}\n'],
    [['a\\{2\\}'], 'aa\na{2}\n'],
    [['-o', 'a*'], 'baaac\n'],
    [['-i', '-o', 'APPLE'], TEXT],
    [['[]a]'], ']\nb\n'],
    [['[^]a]'], ']\nb\n'],
    [['[a-c]\\.'], TEXT],
    [['-E', '^(a|b)+$'], 'abab\nabc\n'],
  ];
  it.each(cases)('matches GNU grep: %j', async (args, input) => {
    if (!hasTool('grep')) return;
    const real = runReal(['grep', ...args], { stdin: input });
    const ours = await grep(args, input);
    expect(ours.stdout).toBe(real.stdout);
    expect(ours.status).toBe(real.status);
  });
  it.each(cases.slice(0, 12))('matches BusyBox grep: %j', async (args, input) => {
    if (!hasTool('busybox')) return;
    const real = runBusybox(['grep', ...args], { stdin: input });
    expect((await grep(args, input, 'busybox')).stdout).toBe(real.stdout);
  });

  it('property: BRE/ERE translation agrees with GNU grep -o on random patterns', async () => {
    if (!hasTool('grep')) return;
    const atom = fc.constantFrom('a', 'b', '.', '[ab]', '[^a]', '[[:alpha:]]', 'x');
    const piece = fc.tuple(atom, fc.constantFrom('', '*', '+', '?', '{1,2}')).map(([a, q]) => [a, q] as const);
    const ere = fc.array(fc.array(piece, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 2 }).map((alts) => alts.map((seq) => seq.map(([a, q]) => a + q).join('')).join('|'));
    const toBre = (e: string) => e.replace(/\|/g, '\\|').replace(/\+/g, '\\+').replace(/\?/g, '\\?').replace(/\{/g, '\\{').replace(/\}/g, '\\}');
    const input = fc.array(fc.stringMatching(/^[abx ]{0,8}$/), { minLength: 1, maxLength: 4 }).map((l) => l.join('\n') + '\n');
    await fc.assert(
      fc.asyncProperty(ere, input, fc.boolean(), async (pat, text, basic) => {
        const args = basic ? ['-o', toBre(pat)] : ['-o', '-E', pat];
        const real = runReal(['grep', ...args], { stdin: text });
        const ours = await grep(args, text);
        expect(ours.stdout).toBe(real.stdout);
        expect(ours.status).toBe(real.status);
      }),
      { numRuns: 150 },
    );
  });
});

describe('grep -r naming', () => {
  it('prefixes ./ for an explicit . and not for the implicit one', async () => {
    const r1 = await runCommand(tm, ['grep', '-r', 'hello'], { cwd: '/tmp/g' });
    expect(r1.stdout).toBe('a.txt:hello world\n');
    const r2 = await runCommand(tm, ['grep', '-r', 'hello', '.'], { cwd: '/tmp/g' });
    expect(r2.stdout).toBe('./a.txt:hello world\n');
  });
});
