/** Our ports of Go standard-library behaviour, checked against Go itself on generated inputs. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { goClean } from '../dockerignore/goPath';
import { DockerignoreError, PatternMatcher } from '../dockerignore/index';
import { GoDurationError, parseGoDuration } from './goDuration';
import { goQuote } from './goQuote';
import { parseDockerfile } from './parseDockerfile';
import { DockerfileParseError } from './DockerfileParseError';
import { goMinorVersion, goStdlib } from './testing/stdlibOracle';

const go = goStdlib();

const sample = <T>(arb: fc.Arbitrary<T>, n: number) => fc.sample(arb, { numRuns: n, seed: 42 });

describe.skipIf(!go)('Go standard library differential', () => {
  it('filepath.Clean', () => {
    const inputs = [...sample(fc.stringMatching(/^[a-z./]{0,14}$/), 3000), '', '/', '//', '/..', '../..', 'a/../..', './a/./b/'];
    const answers = go!(inputs.map((s) => ({ op: 'clean', s })));
    inputs.forEach((s, i) => expect(goClean(s), JSON.stringify(s)).toBe(answers[i]!.out));
  });
  it('filepath.Match syntax errors', () => {
    const inputs = [...sample(fc.stringMatching(/^[a\\[\]^*?-]{0,7}$/), 3000), '[', '[]', '[a-]', '[^]', 'a\\', '[\\]]', '[a-b-c]'];
    const answers = go!(inputs.map((s) => ({ op: 'match', s })));
    // Go before 1.21 stops checking a pattern at the first chunk that fails to match; Docker is built with a newer
    // Go that checks the whole pattern (as we do). With an older toolchain, only Go's errors must be ours too.
    const wholePattern = goMinorVersion() >= 21;
    inputs.forEach((s, i) => {
      let ours = '';
      try {
        new PatternMatcher([s]);
      } catch (e) {
        if (!(e instanceof DockerignoreError)) throw e;
        ours = e.message;
      }
      if (wholePattern || answers[i]!.err) expect(ours, JSON.stringify(s)).toBe(answers[i]!.err ?? '');
    });
  });
  it('time.ParseDuration', () => {
    const inputs = [
      ...sample(fc.stringMatching(/^[-+]?([0-9]{0,3}(\.[0-9]{0,3})?(ns|us|µs|ms|s|m|h|x)?){1,3}$/), 3000),
      '0', '', '1', '.5s', '1.5h', '9223372036854775807ns', '9223372036854775808ns', '2562047h', '2562048h', '1e3s',
    ];
    const answers = go!(inputs.map((s) => ({ op: 'duration', s })));
    inputs.forEach((s, i) => {
      let ours: { out: string; err?: string };
      try {
        ours = { out: String(parseGoDuration(s)) };
      } catch (e) {
        if (!(e instanceof GoDurationError)) throw e;
        ours = { out: '', err: e.message };
      }
      const a = answers[i]!;
      // Durations above 2^53 ns lose precision as JS numbers; compare those approximately.
      if (!a.err && Math.abs(Number(a.out)) > Number.MAX_SAFE_INTEGER) expect(Number(ours.out)).toBe(Number(a.out));
      else expect(ours, JSON.stringify(s)).toEqual(a.err ? { out: '', err: a.err } : { out: a.out });
    });
  });
  it('strconv.Quote', () => {
    const inputs = [...sample(fc.string({ unit: 'binary', maxLength: 8 }), 3000), '\u0000\u007f\u0085\u00a0\u200b\ufeff', 'é日本😀'];
    // Printability follows the Unicode version of each runtime; compare where Go's and V8's tables agree.
    const wellFormed = inputs.filter((s) => !/[\uD800-\uDFFF]/.test(s) && [...s].every((c) => c.codePointAt(0)! < 0x3000));
    const answers = go!(wellFormed.map((s) => ({ op: 'quote', s })));
    wellFormed.forEach((s, i) => expect(goQuote(s), JSON.stringify(s)).toBe(answers[i]!.out));
  });
  it('exec-form JSON as encoding/json reads it (first value only, strings only)', () => {
    const tok = fc.constantFrom('[', ']', '"a"', '"b c"', ',', ' ', '1', 'null', '{}', '"\\u00e9"', '"\\"', 'x', '"\\n"', "'q'", '[]', '"]"');
    const inputs = [...sample(fc.array(tok, { maxLength: 7 }).map((a) => '[' + a.join('')), 4000), '["a"] trailing', '["a",]', '[ ]', '["a"]]'];
    const answers = go!(inputs.map((s) => ({ op: 'jsonarray', s })));
    inputs.forEach((s, i) => {
      let ours: { out: string; err?: string };
      try {
        const ins = parseDockerfile(`FROM a\nCMD ${s}`).instructions[1]!;
        if (ins.keyword !== 'CMD') throw new Error('not CMD');
        ours = ins.command.form === 'exec' ? { out: JSON.stringify(ins.command.args) } : { out: '', err: 'invalid' };
      } catch (e) {
        if (!(e instanceof DockerfileParseError)) throw e;
        ours = { out: '', err: e.reason === 'when using JSON array syntax, arrays must be comprised of strings only' ? 'notstring' : e.reason };
      }
      const a = answers[i]!;
      expect(ours, JSON.stringify(s)).toEqual(a.err ? { out: '', err: a.err } : { out: a.out });
    });
  });
});
