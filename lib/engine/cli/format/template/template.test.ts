import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { GO_TYPE, TemplateExecError, TemplateParseError, parseDockerTemplate, preFormat, sprintf, templateParsingError } from './index';

const run = (tpl: string, data: unknown): string => parseDockerTemplate(tpl).execute(data);

function failure(tpl: string, data: unknown = {}): string {
  try {
    run(tpl, data);
  } catch (e) {
    expect(e instanceof TemplateParseError || e instanceof TemplateExecError).toBe(true);
    return (e as Error).message;
  }
  return 'no error';
}

class ImageContext {
  readonly [GO_TYPE] = '*formatter.ImageContext';
  constructor(private readonly _id: string) {}
  ID(): string {
    return this._id.slice(0, 12);
  }
  get Repository(): string {
    return 'ubuntu';
  }
}

const inspect = {
  Id: 'sha256:abc',
  RepoTags: ['ubuntu:latest', 'ubuntu:22.04'],
  Size: 77_812_345,
  Config: { Cmd: ['/bin/sh', '-c', 'echo hi'], Env: ['PATH=/bin', 'X=<a&b>'], Labels: { b: '2', a: '1' }, Entrypoint: null, ExposedPorts: { '80/tcp': {} } },
  Architecture: 'amd64',
  Empty: '',
};

describe('text/template output', () => {
  it.each([
    ['{{.Architecture}}', 'amd64'],
    ['{{.Config.Cmd}}', '[/bin/sh -c echo hi]'],
    ['{{json .Config.Env}}', '["PATH=/bin","X=<a&b>"]'],
    ['{{json .Config.Labels}}', '{"a":"1","b":"2"}'],
    ['{{json .Config.Entrypoint}}', 'null'],
    ['{{join .Config.Cmd ","}}', '/bin/sh,-c,echo hi'],
    ['{{.Config.Labels}}', 'map[a:1 b:2]'],
    ['{{.Config.ExposedPorts}}', 'map[80/tcp:map[]]'],
    ['{{.Config.Entrypoint}}', '<no value>'], // a nil interface prints as no value (Go unwraps it)
    ['{{.Nope}}', '<no value>'],
    ['{{.Nope.Deeper}}', '<no value>'],
    ['{{.Size}}', '77812345'],
    ['{{index .RepoTags 1}}', 'ubuntu:22.04'],
    ['{{index .Config.Labels "a"}}', '1'],
    ['[{{index .Config.Labels "zz"}}]', '[<no value>]'], // plain objects are map[string]interface {}
    ['{{len .RepoTags}}', '2'],
    ['{{len "héllo"}}', '6'],
    ['{{range .RepoTags}}<{{.}}>{{end}}', '<ubuntu:latest><ubuntu:22.04>'],
    ['{{range $i, $t := .RepoTags}}{{$i}}={{$t}} {{end}}', '0=ubuntu:latest 1=ubuntu:22.04 '],
    ['{{range $k, $v := .Config.Labels}}{{$k}}:{{$v}};{{end}}', 'a:1;b:2;'],
    ['{{range $t := .RepoTags}}{{$t}}|{{end}}', 'ubuntu:latest|ubuntu:22.04|'],
    ['{{range .Config.Entrypoint}}x{{else}}none{{end}}', 'none'],
    ['{{range .RepoTags}}{{if eq . "ubuntu:22.04"}}{{break}}{{end}}{{.}}{{end}}', 'ubuntu:latest'],
    ['{{range .RepoTags}}{{if eq . "ubuntu:latest"}}{{continue}}{{end}}{{.}}{{end}}', 'ubuntu:22.04'],
    ['{{range 3}}{{.}}{{end}}', '012'],
    ['{{if .Empty}}a{{else if .Architecture}}b{{else}}c{{end}}', 'b'],
    ['{{with .Config}}{{.Cmd}}{{end}}', '[/bin/sh -c echo hi]'],
    ['{{with .Empty}}x{{else}}empty{{end}}', 'empty'],
    ['{{with .Empty}}x{{else with .Architecture}}{{.}}{{end}}', 'amd64'],
    ['{{.Architecture | upper}}', 'AMD64'],
    ['{{upper .Architecture | lower}}', 'amd64'],
    ['{{title "hello wide-world foo_bar"}}', 'Hello Wide-World Foo_bar'],
    ['{{split "a,b,c" ","}}', '[a b c]'],
    ['{{pad "x" 2 1}}|', '  x |'],
    ['{{pad "" 2 1}}|', '|'],
    ['{{truncate "abcdef" 3}}', 'abc'],
    ['{{truncate "ab" 3}}', 'ab'],
    ['{{printf "%s-%d" .Architecture .Size}}', 'amd64-77812345'],
    ['{{printf "%5.2f|%-4s|%q|%x|%05d|%t|%v" 3.14159 "ab" "q" 255 -42 true .RepoTags}}', ' 3.14|ab  |"q"|ff|-0042|true|[ubuntu:latest ubuntu:22.04]'],
    ['{{printf "%d %s" "x"}}', '%!d(string=x) %!s(MISSING)'],
    ['{{printf "%s" 1 2}}', '%!s(int=1)%!(EXTRA int=2)'],
    ['{{print 1 2 "a" 3}}', '1 2a3'],
    ['{{println 1 "a"}}', '1 a\n'],
    ['{{eq .Architecture "arm64" "amd64"}}', 'true'],
    ['{{ne 1 2}} {{lt 1 2}} {{le 2 2}} {{gt "b" "a"}} {{ge 1 2}}', 'true true true true false'],
    ['{{and 1 0 2}} {{or 0 "" "x"}} {{or .Empty "default"}} {{not .Empty}}', '0 x default true'],
    ['{{$x := .Architecture}}{{$x}}{{$x = "z"}}-{{$x}}', 'amd64-z'],
    ['{{$}}', ''],
    ['a  {{- .Architecture -}}  b', 'aamd64b'],
    ['a {{- /* comment */ -}} b', 'ab'],
    ['{{/* c */}}x', 'x'],
    ['{{"quote\\t\\u00e9"}}|{{`raw\\n`}}|{{\'a\'}}|{{0x1F}}|{{1.5}}|{{1e3}}|{{-2}}', 'quote\té|raw\\n|97|31|1.5|1000|-2'],
    ['{{(index .RepoTags 0)}}', 'ubuntu:latest'],
    ['{{(.Config).Cmd}}', '[/bin/sh -c echo hi]'],
    ['{{html "<a&b>"}} {{js "it\'s"}} {{urlquery "a b&c"}}', "&lt;a&amp;b&gt; it\\'s a+b%26c"],
    ['{{slice "hello" 1 3}} {{slice .RepoTags 1}}', 'el [ubuntu:22.04]'],
    ['{{.}}', ''],
  ])('%s', (tpl, want) => {
    const data = tpl === '{{$}}' || tpl === '{{.}}' ? '' : inspect;
    expect(run(tpl, data)).toBe(want);
  });

  it('prints values the way Go does', () => {
    expect(run('{{.}}', [{ a: 1 }, null, true, 1.5, 'x', [1, [2]]])).toBe('[map[a:1] <nil> true 1.5 x [1 [2]]]');
    expect(run('{{.}}', 1234567.5)).toBe('1.2345675e+06');
    expect(run('{{.}}', 0.00001)).toBe('1e-05');
    expect(run('{{.}}', 12345678901234567890n)).toBe('12345678901234567890');
  });

  it('calls struct methods and getters, and names struct types in errors', () => {
    const ctx = new ImageContext('0123456789abcdef');
    expect(run('{{.ID}} {{.Repository}}', ctx)).toBe('0123456789ab ubuntu');
    expect(failure('{{.Foo}}', ctx)).toBe('template: :1:2: executing "" at <.Foo>: can\'t evaluate field Foo in type *formatter.ImageContext');
  });

  it('outputs docker json of a struct in field order', () => {
    class C {
      readonly [GO_TYPE] = 'C';
      Z = 1;
      A = '<x>';
    }
    expect(run('{{json .}}', new C())).toBe('{"Z":1,"A":"<x>"}');
  });
});

describe('parse errors (Go wording)', () => {
  it.each([
    ['{{.Foo } }}', 'template: :1: unexpected "}" in operand'],
    ['{{.Foo}', "template: :1: bad character U+007D '}'"],
    ['{{ } }}', 'template: :1: unexpected "}" in command'],
    ['{{foo}}', 'template: :1: function "foo" not defined'],
    ['{{.Foo', 'template: :1: unclosed action'],
    ['{{end}}', 'template: :1: unexpected {{end}}'],
    ['{{else}}', 'template: :1: unexpected {{else}}'],
    ['{{if .A}}x', 'template: :1: unexpected EOF'],
    ['{{$x}}', 'template: :1: undefined variable "$x"'],
    ['{{}}', 'template: :1: missing value for command'],
    ['{{if}}{{end}}', 'template: :1: missing value for if'],
    ['{{"abc}}', 'template: :1: unterminated quoted string'],
    ['{{.A | 1}}', 'template: :1: non executable command in pipeline stage 2'],
    ['{{break}}', 'template: :1: {{break}} outside {{range}}'],
    ['{{.A!}}', "template: :1: bad character U+0021 '!'"],
    ['{{3x}}', 'template: :1: bad number syntax: "3x"'],
    ['{{(.A}}', 'template: :1: unclosed left paren'],
    ['{{.A)}}', 'template: :1: unexpected ")" in command'],
    ['{{/* x }}', 'template: :1: unclosed comment'],
    ['a\n{{.A } }}\nb', 'template: :2: unexpected "}" in operand'],
    ['{{range $a, $b, $c := .}}{{end}}', 'template: :1: too many declarations in range'],
    ['{{"x".A}}', 'template: :1: unexpected . after term "\\"x\\""'],
    ['{{.A "x" | upper 1 2 3 4 5 6 7 8 9}}', 'no error'],
  ])('%j → %s', (tpl, message) => {
    if (message === 'no error') {
      expect(() => parseDockerTemplate(tpl)).not.toThrow();
      return;
    }
    expect(failure(tpl)).toBe(message);
  });

  it('is what docker prints after "template parsing error: "', () => {
    try {
      parseDockerTemplate('{{.Foo } }}');
    } catch (e) {
      expect(templateParsingError(e as Error)).toBe('template parsing error: template: :1: unexpected "}" in operand');
    }
  });

  it('never throws anything but template errors on random input (property)', () => {
    const tok = fc.constantFrom('{{', '}}', '{{-', '-}}', ' ', '.', 'A', '$x', ':=', '|', 'if', 'end', 'range', 'else', '"s"', '(', ')', 'upper', '1', 'eq', 'x', '\n');
    fc.assert(
      fc.property(fc.array(tok, { maxLength: 14 }).map((t) => t.join('')), (tpl) => {
        try {
          parseDockerTemplate(tpl).execute({ A: 'a' });
        } catch (e) {
          if (!(e instanceof TemplateParseError || e instanceof TemplateExecError)) throw e;
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('execution errors (Go wording)', () => {
  it.each([
    ['{{join .Architecture ","}}', 'template: :1:7: executing "" at <.Architecture>: wrong type for value; expected []string; got string'],
    ['{{index .RepoTags 5}}', 'template: :1:2: executing "" at <index .RepoTags 5>: error calling index: index out of range: 5'],
    ['{{upper}}', 'template: :1:2: executing "" at <upper>: wrong number of args for upper: want 1 got 0'],
    ['{{pad "x" "a" 1}}', 'template: :1:10: executing "" at <"a">: expected integer; found "a"'],
    ['{{.Config.Entrypoint.X}}', 'template: :1:9: executing "" at <.Config.Entrypoint.X>: nil pointer evaluating interface {}.X'],
    ['{{.Architecture.X}}', 'template: :1:15: executing "" at <.Architecture.X>: can\'t evaluate field X in type interface {}'],
    ['{{lt 1 "a"}}', 'template: :1:2: executing "" at <lt 1 "a">: error calling lt: incompatible types for comparison'],
    ['{{lt true false}}', 'template: :1:2: executing "" at <lt true false>: error calling lt: invalid type for comparison'],
    ['{{range $i, $v := 3}}{{end}}', 'template: :1:18: executing "" at <3>: can\'t use 3 to iterate over more than one variable'],
    ['{{range .Architecture}}{{end}}', 'template: :1:8: executing "" at <.Architecture>: range can\'t iterate over amd64'],
    ['{{.Architecture 1}}', 'template: :1:2: executing "" at <.Architecture>: Architecture is not a method but has arguments'],
    ['{{1 2}}', 'template: :1:2: executing "" at <1>: can\'t give argument to non-function 1'],
    ['{{len 3}}', 'template: :1:2: executing "" at <len 3>: error calling len: len of type int'],
    ['x\n{{.A.B}}', 'template: :2:4: executing "" at <.A.B>: can\'t evaluate field B in type interface {}'],
  ])('%j → %s', (tpl, message) => {
    const data = tpl.startsWith('x\n') ? { A: 'a' } : inspect;
    if (message === 'no error') {
      expect(() => run(tpl, data)).not.toThrow();
      return;
    }
    expect(failure(tpl, data)).toBe(message);
  });
});

describe('docker helpers', () => {
  it('preFormat', () => {
    expect(preFormat('table {{.ID}}\\t{{.Name}}  ')).toEqual({ table: true, template: '{{.ID}}\t{{.Name}}' });
    expect(preFormat('  {{.ID}}\\n')).toEqual({ table: false, template: '{{.ID}}\n' });
    expect(preFormat('json')).toEqual({ table: false, template: '{{json .}}' });
  });

  it('renders header rows with the header functions', () => {
    const t = parseDockerTemplate('{{.Repository | upper}}\t{{json .Tag}}\t{{truncate .ID 3}}', { header: true });
    expect(t.execute({ Repository: 'REPOSITORY', Tag: 'TAG', ID: 'IMAGE ID' })).toBe('REPOSITORY\tTAG\tIMAGE ID');
  });

  it('sprintf width/precision/flags', () => {
    expect(sprintf('%-8s|%8s|%.2s|%+d|% d|%x|%X|%o|%b|%c|%U|%e|%g|%G|%%', ['ab', 'cd', 'xyz', 5, 5, 'hi', 254, 8, 5, 65, 0x1f600, 1234.5678, 0.00001234, 1e21])).toBe(
      'ab      |      cd|xy|+5| 5|6869|FE|10|101|A|U+1F600|1.234568e+03|1.234e-05|1E+21|%',
    );
    expect(sprintf('%*d|%-*d|', [4, 7, 3, 1])).toBe('   7|1  |');
    expect(sprintf('%d', [null])).toBe('%!d(<nil>)');
    expect(sprintf('%', [])).toBe('%!(NOVERB)');
  });
});
