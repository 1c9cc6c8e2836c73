import { describe, expect, it } from 'vitest';
import { createTestMachine, runCommand } from '../testing/harness';
import { hasTool, runBusybox, runReal } from './testing/real-tools';

const tm = createTestMachine();
const enc = (s: string) => new TextEncoder().encode(s);
const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const sed = (args: string[], stdin?: string, flavor?: 'busybox') => runCommand(tm, ['sed', ...args], { stdin, cwd: '/tmp', ...(flavor ? { flavor } : {}) });

const LINES = 'one\ntwo\nthree\nfour\nfive\nsix\nseven\n';

describe('sed', () => {
  it('substitutes, prints and deletes', async () => {
    expect((await sed(['s/o/0/g'], LINES)).stdout).toBe('0ne\ntw0\nthree\nf0ur\nfive\nsix\nseven\n');
    expect((await sed(['-n', '2,3p'], LINES)).stdout).toBe('two\nthree\n');
    expect((await sed(['/e/d'], LINES)).stdout).toBe('two\nfour\nsix\n');
  });
  it('edits in place with an optional backup suffix', async () => {
    tm.fs.writeFile('/tmp/conf', enc('port=80\nhost=a\n'));
    tm.fs.chown('/tmp/conf', 1000, 1000);
    expect(await sed(['-i.bak', 's/80/8080/', 'conf'])).toMatchObject({ stderr: '', status: 0 });
    expect(dec(tm.fs.readFile('/tmp/conf'))).toBe('port=8080\nhost=a\n');
    expect(dec(tm.fs.readFile('/tmp/conf.bak'))).toBe('port=80\nhost=a\n');
    await sed(['-i', '-e', '1d', 'conf']);
    expect(dec(tm.fs.readFile('/tmp/conf'))).toBe('host=a\n');
  });
  it('reports script errors with GNU positions', async () => {
    expect(await sed(['s/a/b'], 'a\n')).toMatchObject({ status: 1, stderr: "sed: -e expression #1, char 5: unterminated `s' command\n" });
    expect((await sed(['k'], 'a\n')).stderr).toBe("sed: -e expression #1, char 1: unknown command: `k'\n");
    expect((await sed(['-e', 'p', '-e', 's/x/y/q'], 'a\n')).stderr).toBe("sed: -e expression #2, char 7: unknown option to `s'\n");
    expect((await sed(['b foo'], 'a\n')).stderr).toBe("sed: can't find label for jump to `foo'\n");
    expect((await sed(['s/a/b'], 'a\n', 'busybox')).stderr).toBe("sed: unmatched '/'\n");
    expect(await sed(['p', 'nofile'])).toMatchObject({ status: 2, stderr: "sed: can't read nofile: No such file or directory\n" });
  });

  const cases: [string[], string][] = [
    [['s/\\(t\\)\\(w\\)/\\2\\1/'], LINES],
    [['-E', 's/(o+)/[\\1]/g'], 'foo boo\n'],
    [['s/o/0/2'], 'foo boo\n'],
    [['s/o/0/2g'], 'foo boo\n'],
    [['s/b*/X/g'], 'abc\n'],
    [['s/x*/-/g'], 'abc\n'],
    [['s/\\w\\+/\\u&/g'], 'hello big world\n'],
    [['s/.*/\\U&/'], 'shout\n'],
    [['s/\\(.\\)\\(.*\\)/\\2\\L\\1X/'], 'Abc\n'],
    [['-n', '/two/,/four/p'], LINES],
    [['-n', '2~2p'], LINES],
    [['-n', '0~3p'], LINES],
    [['3,+2d'], LINES],
    [['2,~4d'], LINES],
    [['0,/o/s//0/'], LINES],
    [['$!d'], LINES],
    [['-n', '$='], LINES],
    [['='], 'a\nb\n'],
    [['2q'], LINES],
    [['2Q'], LINES],
    [['q5'], LINES],
    [['/three/,$!d'], LINES],
    [['N;P;D'], LINES],
    [['$!N;s/\\n/ /'], LINES],
    [[':a;N;$!ba;s/\\n/,/g'], LINES],
    [['-n', 'h;n;G;p'], LINES],
    [['1!G;h;$!d'], LINES],
    [['x;$!d'], LINES],
    [['2i\\inserted'], LINES],
    [['2a appended'], 'a\nb\nc\n'],
    [['2c\\changed'], 'a\nb\nc\n'],
    [['2,3c\\changed'], 'a\nb\nc\n'],
    [['/b/{s/b/B/;p}'], 'a\nb\nc\n'],
    [['-n', '/a/,/c/{/b/!p}'], 'a\nb\nc\n'],
    [['y/abc/xyz/'], 'aabbcc\n'],
    [['-n', 'l'], 'a\tb\x01\\c\n'],
    [['-n', 'l 5'], 'abcdefghij\n'],
    [['s/a/b/;ta;s/$/ no/;b;:a;s/$/ yes/'], 'a\nc\n'],
    [['s/a/b/;Ta;s/$/ yes/;b;:a;s/$/ no/'], 'a\nc\n'],
    [['p'], 'one\ntwo'],
    [['$a\\end'], 'x\ny'],
    [['-s', '-n', '$p', '-', '-'], 'a\nb\n'],
    [['s|/|:|g'], '/usr/local/bin\n'],
    [['s/[/]/_/g'], 'a/b\n'],
    [['/^$/d'], 'a\n\nb\n\n'],
    [['s/^[ \\t]*//;s/[ \\t]*$//'], '  pad  \n'],
    [['-E', 's/^([^=]+)=(.*)$/\\2=\\1/'], 'k=v\n'],
    [['s/a\\|b/X/g'], 'abc\n'],
    [['n;d'], LINES],
    [['-n', '/t/{p;q}'], LINES],
    [['G'], 'a\nb\n'],
    [['s/e/E/3'], 'eeeee\n'],
    [['s/^^/<&>/g'], '^a\n\n'],
    [['s/^*/<&>/g'], '*a\n'],
    [['s/a\|^b/X/g'], 'bab\n'],
    [['1e echo hi'], 'a\nb\n'],
    [['s/.*/echo [&]/e'], 'a\nb\n'],
  ];
  it.each(cases)('matches GNU sed: %j', async (args, input) => {
    if (!hasTool('sed')) return;
    const real = runReal(['sed', ...args], { stdin: input });
    const ours = await sed(args, input);
    expect(ours.stdout).toBe(real.stdout);
    expect(ours.status).toBe(real.status);
  });
  it.each(cases.filter(([a]) => !a.some((x) => /\\[uUlLE]|~|0,|Q|\+|T|^l|q5|2g|^-s/.test(x))).slice(0, 30))('matches BusyBox sed: %j', async (args, input) => {
    if (!hasTool('busybox')) return;
    const real = runBusybox(['sed', ...args], { stdin: input });
    expect((await sed(args, input, 'busybox')).stdout).toBe(real.stdout);
  });
});

describe('sed W and R', () => {
  it('W writes the first line of the pattern space; R appends one line per cycle', async () => {
    tm.fs.writeFile('/tmp/rlines', enc('r1\nr2\n'));
    expect((await sed(['R rlines'], 'a\nb\nc\n')).stdout).toBe('a\nr1\nb\nr2\nc\n');
    await sed(['-n', 'N;W wout'], 'a\nb\nc\nd\n');
    expect(dec(tm.fs.readFile('/tmp/wout'))).toBe('a\nc\n');
  });
});

describe('sed -f errors', () => {
  it('locates errors in script files by line', async () => {
    tm.fs.writeFile('/tmp/s.sed', enc('p\nk\n'));
    tm.fs.writeFile('/tmp/s2.sed', enc('p\ns/a/b\n'));
    expect((await sed(['-f', 's.sed'], '')).stderr).toBe("sed: file s.sed line 2: unknown command: `k'\n");
    expect((await sed(['-f', 's2.sed'], '')).stderr).toBe("sed: file s2.sed line 2: unterminated `s' command\n");
    expect((await sed(['-e', 'p', '-f', 's.sed'], '')).stderr).toBe("sed: file s.sed line 2: unknown command: `k'\n");
  });
});
