import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { substitute, substituteWithMatches, substituteWords, SubstitutionError } from './substitute';

const env = (o: Record<string, string>) => new Map(Object.entries(o));

describe('substitute (lex.go ProcessWord)', () => {
  const cases: [string, Record<string, string>, string][] = [
    ['x', {}, 'x'],
    ['x ${UNUSED}', {}, 'x '],
    ['$FOO/${FOO}x', { FOO: 'y' }, 'y/yx'],
    ['${FOO-aaa} ${BAR-bbb} ${BAZ-ccc}', { FOO: 'xxx', BAR: '' }, 'xxx  ccc'],
    ['${FOO:-aaa} ${BAR:-bbb} ${BAZ:-ccc}', { FOO: 'xxx', BAR: '' }, 'xxx bbb ccc'],
    ['${FOO+aaa} ${BAR+bbb} ${BAZ+ccc}', { FOO: 'xxx', BAR: '' }, 'aaa bbb '],
    ['${FOO:+aaa} ${BAR:+bbb} ${BAZ:+ccc}', { FOO: 'xxx', BAR: '' }, 'aaa  '],
    ['${FOO?aaa}', { FOO: 'xxx' }, 'xxx'],
    ['${BAR?bbb}', { BAR: '' }, ''],
    ['${FOO:-$BAR}', { BAR: 'nested' }, 'nested'],
    ['${FOO#()[]{\\}^$.\\*\\?|\\\\}', { FOO: '()[]{}^$.*?|\\x' }, 'x'],
    ['${FOO%%\\**}', { FOO: 'xx**' }, 'xx'],
    ['${FOO#*x*y}', { FOO: 'xxyy' }, 'y'],
    ['${FOO#*}', { FOO: 'xxyy' }, 'xxyy'],
    ['${FOO#$BAR}', { FOO: 'xxyy', BAR: 'x' }, 'xyy'],
    ['${FOO##*x}', { FOO: 'xxyy' }, 'yy'],
    ['${FOO#?\\?}', { FOO: '???y' }, '?y'],
    ['${ABC:-.}${FOO%x}${ABC:-.}', { FOO: 'xxyy' }, '.xxyy.'],
    ['${FOO%%\\**\\*}', { FOO: 'a***yy*' }, 'a'],
    ['${FOO%.*} ${FOO%%.*} ${FOO#*.} ${FOO##*.}', { FOO: 'a.tar.gz' }, 'a.tar a tar.gz gz'],
    ['${FOO/$NEEDLE/.} - ${FOO//$NEEDLE/.}', { FOO: '/foo*/*/*.txt', NEEDLE: '\\*/' }, '/foo.*/*.txt - /foo..*.txt'],
    ['${FOO/$NEEDLE/} - ${FOO//$NEEDLE/}', { FOO: '/tmp/tmp/bar.txt', NEEDLE: '/tmp' }, '/tmp/bar.txt - /bar.txt'],
    ['${FOO/$N/$R} - ${FOO//$N/$R}', { FOO: '/a/foo/b/c.txt', N: '/?/', R: '/' }, '/foo/b/c.txt - /foo/c.txt'],
    ['${FOO//\\//\\/}', { FOO: '/tmp/foo.txt' }, '\\/tmp\\/foo.txt'],
    ['${FOO/$BAR/ww}', { FOO: 'xxyy', BAR: '' }, 'wwxxyy'],
    ['${FOO///}', { FOO: 'xxyy' }, 'xxyy'],
    ['\\$FOO \\${FOO} \'$FOO\' "$FOO"', { FOO: 'v' }, '$FOO ${FOO} $FOO v'],
    ['"a\\"b" \'c\\d\' e\\ f', {}, 'a"b c\\d e f'],
    ['$1 $@ $* $# $? $- $$ $! $0 $', {}, '         $'],
    ['$10x', { '10': 'ten' }, 'tenx'],
    ['${KOREAN}', { KOREAN: '한국어' }, '한국어'],
  ];
  for (const [word, vars, expected] of cases) {
    it(`${word} → ${JSON.stringify(expected)}`, () => {
      expect(substitute(word, env(vars))).toBe(expected);
    });
  }

  const errors: [string, Record<string, string>, string][] = [
    // lex.go reads the character after the name with Next(); at the end of input that is EOF, printed as U+FFFD.
    ['${FOO', {}, 'unsupported modifier (\ufffd) in substitution'],
    ['${', {}, "syntax error: missing '}'"],
    ['${FOO:-x', {}, "syntax error: missing '}'"],
    ['${}', {}, 'syntax error: bad substitution'],
    ['${:x}', {}, 'syntax error: bad substitution'],
    ['${{x}', {}, 'syntax error: bad substitution'],
    ['${FOO:#x}', {}, 'unsupported modifier (:#) in substitution'],
    ['${FOO:%%}', {}, 'unsupported modifier (:%) in substitution'],
    ['${FOO:x}', {}, 'unsupported modifier (:x) in substitution'],
    ['${FOO=aaa}', { FOO: 'x' }, 'unsupported modifier (=) in substitution'],
    ['${BAZ?}', {}, 'BAZ: is not allowed to be unset'],
    ['${BAR:?}', { BAR: '' }, 'BAR: is not allowed to be empty'],
    ['${BAZ:?ccc $X}', { X: 'y' }, 'BAZ: ccc y'],
    ['${FOO//ww}', { FOO: 'xxyy' }, "syntax error: missing '/' in ${}"],
    ['${FOO#\\x}', { FOO: 'a' }, "invalid pattern (\\x) in substitution: invalid escape '\\x'"],
    ["'abc", {}, 'unexpected end of statement while looking for matching single-quote'],
    ['"abc', {}, 'unexpected end of statement while looking for matching double-quote'],
  ];
  for (const [word, vars, reason] of errors) {
    it(`${word} fails: ${reason}`, () => {
      let err: unknown;
      try {
        substitute(word, env(vars));
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(SubstitutionError);
      expect((err as SubstitutionError).reason).toBe(reason);
      expect((err as SubstitutionError).message).toBe(`failed to process ${JSON.stringify(word)}: ${reason}`);
    });
  }

  it('reports which variables were used', () => {
    const r = substituteWithMatches('${FOO-aaa} ${BAR-bbb} ${BAZ-ccc}', env({ FOO: 'xxx', BAR: '' }));
    expect([...r.matched].sort()).toEqual(['BAR', 'FOO']);
    expect([...r.unmatched]).toEqual(['BAZ']);
  });
  it('backtick as the escape token', () => {
    expect(substitute('a`$b c`"d', env({ b: 'x' }), { escapeToken: '`' })).toBe('a$b c"d');
    expect(substitute('C:\\dir', env({}), { escapeToken: '`' })).toBe('C:\\dir');
  });
  it('skipUnsetEnv leaves unknown references as written', () => {
    expect(substitute('$A ${B} ${C:-d} ${E/f/g} $H', env({ H: 'h' }), { skipUnsetEnv: true })).toBe('$A ${B} ${C:-d} ${E/f/g} h');
  });
});

describe('substituteWords (ProcessWords)', () => {
  const cases: [string, Record<string, string>, string[]][] = [
    ['80 443/tcp', {}, ['80', '443/tcp']],
    ['$PORTS', { PORTS: '80   90' }, ['80', '90']],
    ['"$PORTS"', { PORTS: '80 90' }, ['80 90']],
    ["'a b' c\\ d", {}, ['a b', 'c d']],
    ['x$EMPTY y', { EMPTY: '' }, ['x', 'y']],
    ['""', {}, []],
    ['  lead  trail  ', {}, ['lead', 'trail']],
  ];
  for (const [word, vars, expected] of cases) {
    it(`${word} → ${JSON.stringify(expected)}`, () => {
      expect(substituteWords(word, env(vars))).toEqual(expected);
    });
  }
});

describe('properties', () => {
  const plain = fc.stringMatching(/^[a-zA-Z0-9_./:@=+-]*$/);
  it('text without $, quotes or escapes is unchanged, and splits like whitespace', () => {
    fc.assert(
      fc.property(fc.array(plain, { maxLength: 6 }), (parts) => {
        const word = parts.join(' ');
        expect(substitute(word, env({}))).toBe(word);
        expect(substituteWords(word, env({}))).toEqual(parts.filter((p) => p !== ''));
      }),
    );
  });
  it('a set variable expands to its value in every form that keeps it', () => {
    fc.assert(
      fc.property(plain.filter((v) => v !== ''), (v) => {
        const e = env({ V: v });
        for (const w of ['$V', '${V}', '${V:-x}', '${V-x}', '${V:?m}', '${V?m}', '"$V"']) expect(substitute(w, e)).toBe(v);
        expect(substitute('${V:+alt}', e)).toBe('alt');
      }),
    );
  });
  it('prefix/suffix removal of the literal value leaves the other part', () => {
    fc.assert(
      fc.property(plain, plain, (a, b) => {
        const e = env({ V: a + b, A: a, B: b });
        expect(substitute('${V#$A}', e)).toBe(b);
        expect(substitute('${V%$B}', e)).toBe(a);
      }),
    );
  });
  it('throws nothing but SubstitutionError', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.boolean(), (w, raw) => {
        try {
          substitute(w, env({ A: 'a b', B: '' }), { rawQuotes: raw, rawEscapes: raw });
          substituteWords(w, env({ A: 'a b' }), { skipUnsetEnv: raw });
        } catch (e) {
          expect(e).toBeInstanceOf(SubstitutionError);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
