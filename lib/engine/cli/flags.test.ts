import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FlagSet, parseGoDuration, parseGoInt, type FlagSpec } from './flags';

const RUN_FLAGS: FlagSpec[] = [
  { name: 'detach', short: 'd', kind: 'bool', usage: 'Run container in background and print container ID' },
  { name: 'interactive', short: 'i', kind: 'bool', usage: 'Keep STDIN open even if not attached' },
  { name: 'tty', short: 't', kind: 'bool', usage: 'Allocate a pseudo-TTY' },
  { name: 'rm', kind: 'bool', usage: 'Automatically remove the container and its associated anonymous volumes when it exits' },
  { name: 'name', kind: 'string', usage: 'Assign a name to the container' },
  { name: 'env', short: 'e', kind: 'list', usage: 'Set environment variables' },
  { name: 'publish', short: 'p', kind: 'list', usage: "Publish a container's port(s) to the host" },
  { name: 'last', short: 'n', kind: 'int', usage: 'Show n last created containers (includes all states)', default: -1 },
  { name: 'time', kind: 'duration', usage: 'Wait' },
  { name: 'platforms', kind: 'stringSlice', usage: 'Platforms' },
  { name: 'filter', short: 'f', kind: 'filter', usage: 'Filter output based on conditions provided' },
];
const set = new FlagSet(RUN_FLAGS);
const err = (argv: string[], interspersed = true) => {
  try {
    set.parse(argv, { interspersed });
  } catch (e) {
    return (e as Error).message;
  }
  return 'no error';
};

describe('flag parsing (pflag semantics)', () => {
  it('long forms, shorthands, bundles, attached values', () => {
    const r = set.parse(['--name', 'web', '-it', '-p80:80', '-p', '8080:80', '--env=A=1', '-e', 'B', '--rm', 'img']);
    expect(r.string('name')).toBe('web');
    expect(r.bool('interactive')).toBe(true);
    expect(r.bool('tty')).toBe(true);
    expect(r.bool('detach')).toBe(false);
    expect(r.bool('rm')).toBe(true);
    expect(r.list('publish')).toEqual(['80:80', '8080:80']);
    expect(r.list('env')).toEqual(['A=1', 'B']);
    expect(r.args).toEqual(['img']);
    expect([...r.changed].sort()).toEqual(['env', 'interactive', 'name', 'publish', 'rm', 'tty']);
  });

  it('bools take =value only; a separate word is a positional', () => {
    expect(set.parse(['--rm=false']).bool('rm')).toBe(false);
    expect(set.parse(['--rm', 'false']).args).toEqual(['false']);
    expect(set.parse(['-d=false']).bool('detach')).toBe(false);
    expect(set.parse(['-itd']).bool('detach')).toBe(true);
  });

  it('shorthand with a value inside a bundle takes the rest of the word', () => {
    const r = set.parse(['-ite', 'X=1', '-de=Y']);
    expect(r.list('env')).toEqual(['X=1', 'Y']);
    expect(set.parse(['-n=3']).int('last')).toBe(3);
    expect(set.parse(['-n3']).int('last')).toBe(3);
    expect(set.parse([]).int('last')).toBe(-1);
  });

  it('interspersed vs non-interspersed, -- and a lone -', () => {
    expect(set.parse(['a', '-d', 'b']).args).toEqual(['a', 'b']);
    const run = set.parse(['-d', 'busybox', 'sh', '-c', 'echo --rm'], { interspersed: false });
    expect(run.bool('detach')).toBe(true);
    expect(run.bool('rm')).toBe(false);
    expect(run.args).toEqual(['busybox', 'sh', '-c', 'echo --rm']);
    const dash = set.parse(['-d', '--', '-x', '--rm']);
    expect(dash.args).toEqual(['-x', '--rm']);
    expect(dash.argsLenAtDash).toBe(0);
    expect(set.parse(['-', '-d']).args).toEqual(['-']);
  });

  it('ints, durations, string slices', () => {
    expect(set.parse(['--last', '0x10']).int('last')).toBe(16);
    expect(set.parse(['--time', '1m30s']).duration('time')).toBe(90_000);
    expect(set.parse(['--platforms', 'a,b', '--platforms', '"c,d"']).list('platforms')).toEqual(['a', 'b', 'c,d']);
    expect(parseGoDuration('1.5h')).toBe(5_400_000);
    expect(parseGoDuration('-2s')).toBe(-2000);
    expect(parseGoInt('-0b101')).toBe(-5);
    expect(parseGoInt('1_000')).toBe(1000);
  });

  it("errors carry pflag's exact text", () => {
    expect(err(['--foo'])).toBe('unknown flag: --foo');
    expect(err(['--foo=1'])).toBe('unknown flag: --foo');
    expect(err(['-z'])).toBe("unknown shorthand flag: 'z' in -z");
    expect(err(['-dz'])).toBe("unknown shorthand flag: 'z' in -z");
    expect(err(['--name'])).toBe('flag needs an argument: --name');
    expect(err(['-e'])).toBe("flag needs an argument: 'e' in -e");
    expect(err(['-ie'])).toBe("flag needs an argument: 'e' in -e");
    expect(err(['-n', 'x'])).toBe('invalid argument "x" for "-n, --last" flag: strconv.ParseInt: parsing "x": invalid syntax');
    expect(err(['--last=99999999999999999999'])).toBe(
      'invalid argument "99999999999999999999" for "-n, --last" flag: strconv.ParseInt: parsing "99999999999999999999": value out of range',
    );
    expect(err(['--rm=yes'])).toBe('invalid argument "yes" for "--rm" flag: strconv.ParseBool: parsing "yes": invalid syntax');
    expect(err(['--time', '5'])).toBe('invalid argument "5" for "--time" flag: time: missing unit in duration "5"');
    expect(err(['--time', 'x'])).toBe('invalid argument "x" for "--time" flag: time: invalid duration "x"');
    expect(err(['-f', 'dangling'])).toBe('invalid argument "dangling" for "-f, --filter" flag: bad format of filter (expected name=value)');
    expect(err(['---x'])).toBe('bad flag syntax: ---x');
    expect(err(['--=x'])).toBe('bad flag syntax: --=x');
    // Non-interspersed: flags after the image are the command's, so no error.
    expect(err(['img', '--foo'], false)).toBe('no error');
  });

  it('help lines are pflag FlagUsagesWrapped: sorted, aligned, defaults, wrapped at 79', () => {
    const s = new FlagSet([
      { name: 'all', short: 'a', kind: 'bool', usage: 'Show all containers (default shows just running)' },
      { name: 'last', short: 'n', kind: 'int', usage: 'Show n last created containers (includes all states)', default: -1 },
      { name: 'format', kind: 'string', usage: 'Pretty-print using a Go template' },
      { name: 'tail', kind: 'string', usage: 'Number of lines to show from the end of the logs', default: 'all' },
      { name: 'help', kind: 'bool', usage: 'Print usage', hidden: true },
    ]);
    expect(s.usages()).toBe(
      [
        '  -a, --all             Show all containers (default shows just running)',
        '      --format string   Pretty-print using a Go template',
        '  -n, --last int        Show n last created containers (includes all',
        '                        states) (default -1)',
        '      --tail string     Number of lines to show from the end of the logs',
        '                        (default "all")',
        '',
      ].join('\n'),
    );
  });

  it('property: any interleaving of known bool flags and words keeps the words in order', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom('-d', '-i', '-t', '--rm', '-it'), fc.stringMatching(/^[a-z][a-z0-9]{0,5}$/))), (argv) => {
        const r = set.parse(argv);
        expect(r.args).toEqual(argv.filter((a) => !a.startsWith('-')));
      }),
    );
  });
});
