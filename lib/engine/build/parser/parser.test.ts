import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DockerfileParseError } from './DockerfileParseError';
import { classicEmptyDockerfileMessage, classicWarningLines, parseDockerfile } from './parseDockerfile';
import { detectSyntax } from './syntax';
import type { Instruction } from './Types';

function error(text: string): DockerfileParseError {
  try {
    parseDockerfile(text);
  } catch (e) {
    if (e instanceof DockerfileParseError) return e;
    throw e;
  }
  throw new Error(`parsed without error: ${JSON.stringify(text)}`);
}
const one = (text: string): Instruction => parseDockerfile(text).instructions.at(-1)!;

describe('errors, with Docker wording and line numbers', () => {
  const table: [string, string, number, string][] = [
    // [Dockerfile, reason, line, phase]
    ['FROM a\nRUNN x', 'unknown instruction: RUNN (did you mean RUN?)', 2, 'instruction'],
    ['from a\ncopyy a b', 'unknown instruction: copyy (did you mean copy?)', 2, 'instruction'],
    ['FROM a\nFOOBAR x', 'unknown instruction: FOOBAR', 2, 'instruction'],
    ['\n# only a comment\n\n', 'file with no instructions', 3, 'syntax'],
    ['RUN echo hi', 'no build stage in current context', 1, 'stage'],
    ['ARG X\nENV A=1\nFROM a', 'no build stage in current context', 2, 'stage'],
    ['FROM a\nWORKDIR', 'WORKDIR requires exactly one argument', 2, 'instruction'],
    ['FROM a\nUSER', 'USER requires exactly one argument', 2, 'instruction'],
    ['FROM a\nSTOPSIGNAL', 'STOPSIGNAL requires exactly one argument', 2, 'instruction'],
    ['FROM a\nMAINTAINER', 'MAINTAINER requires exactly one argument', 2, 'instruction'],
    ['FROM a\nEXPOSE', 'EXPOSE requires at least one argument', 2, 'instruction'],
    ['FROM a\nVOLUME', 'VOLUME requires at least one argument', 2, 'instruction'],
    ['FROM a\nVOLUME [""]', 'VOLUME specified can not be an empty string', 2, 'instruction'],
    ['FROM a\nARG', 'ARG requires at least one argument', 2, 'instruction'],
    ['FROM a\nARG =x', 'ARG names can not be blank', 2, 'instruction'],
    ['FROM a\nENV', 'ENV requires at least one argument', 2, 'instruction'],
    ['FROM a\nLABEL', 'LABEL requires at least one argument', 2, 'instruction'],
    ['FROM a\nONBUILD', 'ONBUILD requires at least one argument', 2, 'instruction'],
    ['FROM a\nHEALTHCHECK', 'HEALTHCHECK requires at least one argument', 2, 'instruction'],
    ['FROM a\nENV =x', 'ENV names can not be blank', 2, 'instruction'],
    ['FROM a\nLABEL =x', 'LABEL names can not be blank', 2, 'instruction'],
    ['FROM a\nENV PATH', 'ENV must have two arguments', 2, 'syntax'],
    ['FROM a\nLABEL x', 'LABEL must have two arguments', 2, 'syntax'],
    ['FROM a\nENV a=1 b', 'Syntax error - can\'t find = in "b". Must be of the form: name=value', 2, 'syntax'],
    ['FROM a\nCOPY x', 'COPY requires at least two arguments, but only one was provided. Destination could not be determined', 2, 'instruction'],
    ['FROM a\nADD x', 'ADD requires at least two arguments, but only one was provided. Destination could not be determined', 2, 'instruction'],
    ['FROM a\nCOPY a <<EOF\nx\nEOF', 'COPY cannot accept a heredoc as a destination', 2, 'instruction'],
    ['FROM a\nSHELL /bin/bash -c', 'SHELL requires the arguments to be in JSON form', 2, 'instruction'],
    ['FROM a\nSHELL []', 'SHELL requires at least one argument', 2, 'instruction'],
    ['FROM a\nCMD ["a", 1]', 'when using JSON array syntax, arrays must be comprised of strings only', 2, 'syntax'],
    ['FROM a\nRUN [["x"]]', 'when using JSON array syntax, arrays must be comprised of strings only', 2, 'syntax'],
    ['FROM', 'FROM requires either one or three arguments', 1, 'instruction'],
    ['FROM a b', 'FROM requires either one or three arguments', 1, 'instruction'],
    ['FROM a AS b c', 'FROM requires either one or three arguments', 1, 'instruction'],
    ['FROM a AS 1st', 'invalid name for build stage: "1st", name can\'t start with a number or contain symbols', 1, 'instruction'],
    ['FROM a AS b$c', 'invalid name for build stage: "b$c", name can\'t start with a number or contain symbols', 1, 'instruction'],
    ['FROM a\nONBUILD ONBUILD RUN x', 'Chaining ONBUILD via `ONBUILD ONBUILD` isn\'t allowed', 2, 'instruction'],
    ['FROM a\nONBUILD FROM b', "FROM isn't allowed as an ONBUILD trigger", 2, 'instruction'],
    ['FROM a\nonbuild maintainer me', "MAINTAINER isn't allowed as an ONBUILD trigger", 2, 'instruction'],
    ['FROM a\nHEALTHCHECK NONE x', 'HEALTHCHECK NONE takes no arguments', 2, 'instruction'],
    ['FROM a\nHEALTHCHECK CMD', 'Missing command after HEALTHCHECK CMD', 2, 'instruction'],
    ['FROM a\nHEALTHCHECK cmd []', 'Missing command after HEALTHCHECK CMD', 2, 'instruction'],
    ['FROM a\nHEALTHCHECK foo bar', 'Unknown type "FOO" in HEALTHCHECK (try CMD)', 2, 'instruction'],
    ['FROM a\nHEALTHCHECK --interval=abc CMD x', 'time: invalid duration "abc"', 2, 'instruction'],
    ['FROM a\nHEALTHCHECK --interval=1 CMD x', 'time: missing unit in duration "1"', 2, 'instruction'],
    ['FROM a\nHEALTHCHECK --timeout=10us CMD x', 'Interval "timeout" cannot be less than 1ms', 2, 'instruction'],
    ['FROM a\nHEALTHCHECK --retries=-1 CMD x', '--retries cannot be negative (-1)', 2, 'instruction'],
    ['FROM a\nHEALTHCHECK --retries=x CMD x', 'strconv.ParseInt: parsing "x": invalid syntax', 2, 'instruction'],
    ['FROM a\nCOPY --zzz a b', 'unknown flag: --zzz', 2, 'instruction'],
    // BuildKit suggests the closest declared flag at distance < 3, so --foo gets "from" for COPY.
    ['FROM a\nCOPY --foo a b', 'unknown flag: --foo (did you mean from?)', 2, 'instruction'],
    ['FROM a\nCOPY --form=x a b', 'unknown flag: --form (did you mean from?)', 2, 'instruction'],
    ['FROM a\nADD --from=x a b', 'unknown flag: --from', 2, 'instruction'],
    ['FROM a\nRUN --mont=type=cache x', 'unknown flag: --mont (did you mean mount?)', 2, 'instruction'],
    ['FROM a\nENV --x=1 a=b', 'unknown flag: --x', 2, 'instruction'],
    ['FROM a\nRUN --network=bridge x', 'invalid network mode "bridge"', 2, 'instruction'],
    ['FROM a\nRUN --security=root x', 'security "root" is not valid', 2, 'instruction'],
    ['FROM a\nCOPY --chown a b c', 'missing a value on flag: --chown', 2, 'instruction'],
    ['FROM a\nCOPY --link= a b', 'missing a value on flag: --link', 2, 'instruction'],
    ['FROM a\nCOPY --link=maybe a b', 'expecting boolean value for flag --link, not: maybe', 2, 'instruction'],
    ['FROM a\nCOPY --from=a --from=b x y', 'duplicate flag specified: --from', 2, 'instruction'],
    ['FROM a\nRUN <<EOF\necho', 'unterminated heredoc', 2, 'syntax'],
    ['# escape=x\nFROM a', "invalid escape token 'x' does not match ` or \\", 1, 'syntax'],
    ['# escape=`\n# escape=\\\nFROM a', 'only one escape parser directive can be used', 2, 'syntax'],
    ['# syntax=a\n# SYNTAX=b\nFROM a', 'only one syntax parser directive can be used', 2, 'syntax'],
    // A line that does not lex (unterminated quote) has no heredocs for BuildKit: the body lines are instructions.
    ['FROM a\nRUN <<"EOF\nx\nEOF', 'unknown instruction: x', 3, 'instruction'],
  ];
  for (const [text, reason, line, phase] of table) {
    it(reason + ` (${JSON.stringify(text)})`, () => {
      const e = error(text);
      expect(e.reason).toBe(reason);
      expect(e.line).toBe(line);
      expect(e.phase).toBe(phase);
    });
  }
  it('the line pass reports before the instruction pass, whatever the order in the file', () => {
    expect(error('FROM a\nRUNN x\nCMD ["a", 1]').reason).toBe('when using JSON array syntax, arrays must be comprised of strings only');
  });
  it('prints instruction errors with the dockerfile parse error prefix', () => {
    expect(error('FROM a\nRUNN x').dockerMessage).toBe('dockerfile parse error on line 2: unknown instruction: RUNN (did you mean RUN?)');
    expect(error('RUN x').dockerMessage).toBe('no build stage in current context');
  });
  it('an empty Dockerfile', () => {
    const e = error('');
    expect([e.reason, e.phase]).toEqual(['the Dockerfile cannot be empty', 'file']);
    expect(classicEmptyDockerfileMessage()).toBe('the Dockerfile (Dockerfile) cannot be empty');
  });
  it('a line over 65535 bytes (counted in UTF-8)', () => {
    const ok = 'FROM a\nRUN ' + 'x'.repeat(65535 - 4) + '\n';
    expect(parseDockerfile(ok).instructions).toHaveLength(2);
    const long = 'FROM a\nRUN ' + 'é'.repeat(40000) + '\n';
    expect(error(long).reason).toBe('dockerfile line greater than max allowed size of 65535');
    expect(error(long).line).toBe(1);
    // Before any instruction, the scanner error shows as an empty file.
    expect(error('#' + 'x'.repeat(70000)).reason).toBe('file with no instructions');
  });
  it('STOPSIGNAL and HEALTHCHECK NONE ignore flags, as BuildKit never parses them', () => {
    expect(one('FROM a\nSTOPSIGNAL --x=1 SIGKILL')).toMatchObject({ signal: 'SIGKILL' });
    expect(one('FROM a\nHEALTHCHECK --interval=5s NONE')).toMatchObject({ type: 'NONE' });
  });
  it('a heredoc-looking JSON argument that does not lex is just a path (MustParseHeredoc)', () => {
    expect(one('FROM a\nCOPY ["<<\\"x", "/d"]')).toMatchObject({ sources: ['<<"x'], dest: '/d' });
    expect(one('FROM a\nCOPY ["a", "<<\\"x"]')).toMatchObject({ dest: '<<"x' });
  });
  it('ONBUILD keeps a trigger that would fail in the child build, with the reason', () => {
    expect(one('FROM a\nONBUILD RUNN x')).toMatchObject({ trigger: undefined, triggerError: 'unknown instruction: RUNN (did you mean RUN?)' });
  });
});

describe('lines, continuations, directives', () => {
  it('joins continuations keeping indentation, drops comment lines, warns on empty lines', () => {
    const df = parseDockerfile('FROM a\nRUN apt-get update && \\\n\n    # comment\n    apt-get install -y curl\n');
    const run = df.instructions[1]!;
    expect(run).toMatchObject({ startLine: 2, endLine: 5, original: 'RUN apt-get update &&     apt-get install -y curl' });
    expect(df.warnings).toEqual([
      {
        rule: 'NoEmptyContinuation',
        short: 'Empty continuation line found in: RUN apt-get update &&     apt-get install -y curl',
        detail: 'Empty continuation lines will become errors in a future release',
        url: 'https://docs.docker.com/go/dockerfile/rule/no-empty-continuation/',
        line: 5,
      },
    ]);
    expect(classicWarningLines(df.warnings)).toEqual([
      '[WARNING]: Empty continuation line found in: RUN apt-get update &&     apt-get install -y curl',
      '[WARNING]: Empty continuation lines will become errors in a future release.',
    ]);
  });
  it('backtick escape: continuation and Windows paths', () => {
    const df = parseDockerfile('# escape=`\nFROM a\nRUN dir c:\\ `\n  && echo ok\nCOPY x c:\\\n');
    expect(df.escapeToken).toBe('`');
    expect(df.directives).toEqual([{ name: 'escape', value: '`', line: 1 }]);
    expect(df.instructions.map((i) => i.original)).toEqual(['FROM a', 'RUN dir c:\\   && echo ok', 'COPY x c:\\']);
  });
  it('directives stop at the first non-directive line', () => {
    expect(parseDockerfile('# hello\n# escape=`\nFROM a').escapeToken).toBe('\\');
    expect(parseDockerfile('# syntax = x/y:1\n# check=error=true\nFROM a').directives.map((d) => d.name)).toEqual(['syntax', 'check']);
  });
  it('a BOM and CRLF line endings', () => {
    const df = parseDockerfile('\ufeffFROM a\r\nRUN x \\\r\n  y\r\n');
    expect(df.instructions.map((i) => i.original)).toEqual(['FROM a', 'RUN x   y']);
  });
  it('keeps the keyword as written and upper-cases the keyword', () => {
    expect(one('from a\nRun x')).toMatchObject({ keyword: 'RUN', keywordAsWritten: 'Run' });
  });
  it('detects the syntax directive the way BuildKit picks a frontend', () => {
    expect(detectSyntax('#!/usr/bin/env buildctl\n# syntax=docker/dockerfile:1.7 opt\nFROM a')).toEqual({
      image: 'docker/dockerfile:1.7',
      cmdline: 'docker/dockerfile:1.7 opt',
      line: 2,
    });
    expect(detectSyntax('// syntax=x/y\n')?.image).toBe('x/y');
    expect(detectSyntax('{"syntax": "z"}')?.image).toBe('z');
    expect(detectSyntax('FROM a\n# syntax=x')).toBeUndefined();
  });
});

describe('typed arguments', () => {
  it('exec and shell forms; invalid JSON falls back to shell form; trailing text after JSON is ignored', () => {
    expect(one('FROM a\nCMD ["a", "b c"]')).toMatchObject({ command: { form: 'exec', args: ['a', 'b c'] } });
    expect(one("FROM a\nCMD ['sh','-c','echo hi']")).toMatchObject({ command: { form: 'shell', command: "['sh','-c','echo hi']" } });
    expect(one('FROM a\nCMD ["a"] tail')).toMatchObject({ command: { form: 'exec', args: ['a'] } });
  });
  it('ENV/LABEL pairs and the legacy form', () => {
    expect(one('FROM a\nENV A=1 B="x y"')).toMatchObject({ pairs: [{ key: 'A', value: '1', legacy: false }, { key: 'B', value: '"x y"', legacy: false }] });
    expect(one('FROM a\nENV ONE TWO= THREE=world')).toMatchObject({ pairs: [{ key: 'ONE', value: 'TWO= THREE=world', legacy: true }] });
  });
  it('ARG declarations', () => {
    expect(one('FROM a\nARG A B=2 C=')).toMatchObject({
      declarations: [{ name: 'A', defaultValue: undefined }, { name: 'B', defaultValue: '2' }, { name: 'C', defaultValue: '' }],
    });
  });
  it('FROM with stage and platform; stages and meta args', () => {
    const df = parseDockerfile('ARG V=1\nFROM --platform=linux/amd64 img:${V} AS Build\nRUN x\nFROM build\n');
    expect(df.metaArgs).toHaveLength(1);
    expect(df.stages.map((s) => [s.index, s.from.image, s.from.stageName, s.from.platform, s.instructions.length])).toEqual([
      [0, 'img:${V}', 'build', 'linux/amd64', 1],
      [1, 'build', undefined, undefined, 0],
    ]);
  });
  it('COPY/ADD flags and heredoc sources', () => {
    expect(one('FROM a\nCOPY --from=b --chown=1:1 --chmod=755 --link --parents --exclude=x --exclude=y s1 s2 /d/')).toMatchObject({
      sources: ['s1', 's2'],
      dest: '/d/',
      from: 'b',
      chown: '1:1',
      chmod: '755',
      link: true,
      parents: true,
      exclude: ['x', 'y'],
    });
    expect(one('FROM a\nADD --checksum=sha256:ab --keep-git-dir --unpack=false u /d')).toMatchObject({
      checksum: 'sha256:ab',
      keepGitDir: true,
      unpack: false,
    });
    expect(one('FROM a\nCOPY <<A <<-"B" /d/\none $x\nA\n\ttwo\n\tB\n')).toMatchObject({
      sources: [],
      inlineFiles: [
        { name: 'A', content: 'one $x\n', expand: true },
        { name: 'B', content: 'two\n', expand: false },
      ],
      endLine: 6,
    });
  });
  it('heredocs on RUN: fd, chomp, quoting, several per line', () => {
    const run = one('FROM a\nRUN 3<<X cat <<-\'Y\'\nx\nX\n\ty\n\tY\n');
    expect(run.heredocs).toEqual([
      { name: 'X', fd: 3, expand: true, chomp: false, content: 'x\n', body: 'x\n' },
      { name: 'Y', fd: 0, expand: false, chomp: true, content: '\ty\n', body: 'y\n' },
    ]);
    expect(one('FROM a\nRUN ["cat", "<<EOF"]\nRUN x').heredocs).toEqual([]);
  });
  it('ONBUILD: expression and parsed trigger', () => {
    const ob = one('FROM a\nONBUILD RUN <<EOF\necho hi\nEOF\n');
    expect(ob).toMatchObject({ keyword: 'ONBUILD', expression: 'RUN <<EOF\necho hi\nEOF', trigger: { keyword: 'RUN' } });
  });
  it('HEALTHCHECK options in nanoseconds', () => {
    expect(one('FROM a\nHEALTHCHECK --interval=1m30s --timeout=1.5s --start-period=0 --retries=3 CMD ["true"]')).toMatchObject({
      type: 'CMD',
      command: { form: 'exec', args: ['true'] },
      interval: 90e9,
      timeout: 1.5e9,
      startPeriod: 0,
      startInterval: 0,
      retries: 3,
    });
  });
  it('EXPOSE ports are sorted as BuildKit sorts them; RUN flags', () => {
    expect(one('FROM a\nEXPOSE 8080 443 53/udp')).toMatchObject({ ports: ['443', '53/udp', '8080'] });
    expect(one('FROM a\nRUN --mount=type=cache,target=/c --network=none --security=insecure make')).toMatchObject({
      mounts: ['type=cache,target=/c'],
      network: 'none',
      security: 'insecure',
      command: { form: 'shell', command: 'make' },
    });
  });
});

describe('property: the parser throws nothing but DockerfileParseError', () => {
  const piece = fc.oneof(
    fc.constantFrom('FROM a', 'FROM a AS b', 'RUN x', 'RUN ["a"]', 'CMD [1]', 'ENV a=1 b', 'ENV a', 'COPY <<EOF /d', 'EOF', 'RUN <<-"E"', '\tE', 'ONBUILD RUN <<X', 'X',
      '# escape=`', '# syntax=x', 'LABEL "a b"=c', 'ARG =', 'HEALTHCHECK --interval=1x CMD y', 'COPY --chown a b', 'EXPOSE ${P:-80}', '\\', '`', '  ', '#', 'ONBUILD', 'SHELL [', 'USER', '\ufeff', 'COPY ["<<\\"x", "<<$"]', 'RUN <<${', 'ADD <<\'a <<b'),
    fc.string({ maxLength: 20 }),
  );
  it('for line soup and random text', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), fc.constantFrom('\n', '\r\n', ' \\\n', ' `\n'), (parts, sep) => {
        try {
          parseDockerfile(parts.join(sep));
        } catch (e) {
          if (!(e instanceof DockerfileParseError)) throw e;
        }
      }),
      { numRuns: 3000 },
    );
  });
  it('for arbitrary unicode', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        try {
          parseDockerfile(text);
        } catch (e) {
          if (!(e instanceof DockerfileParseError)) throw e;
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('property: line accounting over continuations, comments and blank lines', () => {
  const word = fc.stringMatching(/^[a-z0-9_./][a-z0-9_./-]{0,5}$/); // no leading -- (those are flags)
  const indent = fc.constantFrom('', ' ', '    ', '\t');
  const instruction = fc.record({
    keyword: fc.constantFrom('RUN', 'run', 'Cmd', 'WORKDIR', 'USER'),
    // each part is one physical line; parts after the first are continuation lines
    parts: fc.array(fc.record({ indent, words: fc.array(word, { minLength: 1, maxLength: 3 }), commentsAfter: fc.nat(2), blankAfter: fc.boolean() }), {
      minLength: 1,
      maxLength: 4,
    }),
    gapBefore: fc.array(fc.constantFrom('', '# note', '   ', '  # indented note'), { maxLength: 2 }),
  });
  it('start/end lines, joined text and empty-continuation warnings match the construction', () => {
    fc.assert(
      fc.property(fc.array(instruction, { minLength: 1, maxLength: 5 }), (items) => {
        const lines: string[] = ['FROM a'];
        const expected: { start: number; end: number; original: string; warn: boolean }[] = [];
        for (const it of items) {
          lines.push(...it.gapBefore);
          const start = lines.length + 1;
          let original = '';
          let warn = false;
          it.parts.forEach((p, k) => {
            const last = k === it.parts.length - 1;
            const text = (k === 0 ? it.keyword + ' ' : p.indent) + p.words.join(' ');
            lines.push(last ? text : text + ' \\');
            original += last ? text : text + ' ';
            if (!last) {
              for (let c = 0; c < p.commentsAfter; c++) lines.push('# inside');
              if (p.blankAfter) {
                lines.push('');
                warn = true;
              }
            }
          });
          expected.push({ start, end: lines.length, original, warn });
        }
        const df = parseDockerfile(lines.join('\n') + '\n');
        const got = df.instructions.slice(1);
        expect(got.map((i) => [i.startLine, i.endLine, i.original])).toEqual(expected.map((e) => [e.start, e.end, e.original]));
        expect(df.warnings.map((w) => w.short)).toEqual(expected.filter((e) => e.warn).map((e) => `Empty continuation line found in: ${e.original}`));
      }),
      { numRuns: 1000 },
    );
  });
});
