import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ASH_FEATURES, BASH_FEATURES, DASH_FEATURES, Parser } from './Parser';
import { ShellSyntaxError } from './ShellSyntaxError';
import type { Command, List, SimpleCommand } from './ast';

const first = (src: string): Command => Parser.parse(src)[0]!.andOr.first.commands[0]!;
const simple = (src: string): SimpleCommand => first(src) as SimpleCommand;

function syntaxError(src: string, features = BASH_FEATURES): ShellSyntaxError {
  try {
    Parser.parse(src, { features });
  } catch (e) {
    if (e instanceof ShellSyntaxError) return e;
    throw e;
  }
  throw new Error(`no syntax error for ${JSON.stringify(src)}`);
}

describe('Parser', () => {
  it('parses lists, pipelines and and-or chains', () => {
    const l = Parser.parse('a | b && c || d; e &');
    expect(l).toHaveLength(2);
    expect(l[0]!.andOr.first.commands).toHaveLength(2);
    expect(l[0]!.andOr.rest.map((r) => r.op)).toEqual(['&&', '||']);
    expect(l[1]!.background).toBe(true);
    expect(l[0]!.text).toBe('a | b && c || d');
  });

  it('parses compound commands', () => {
    const kinds = ['if a; then b; elif c; then d; else e; fi', 'for i in 1 2; do :; done', 'for i do :; done', 'while a; do b; done', 'until a; do b; done', 'case x in a|b) :;; (c) :;; esac', '{ a; }', '(a)', '[[ -f x && $a == b* ]]', '(( i++ ))', 'for ((i=0;i<3;i++)); do :; done'].map((s) => {
      const c = first(s);
      return c.type === 'compound' ? c.body.type : c.type;
    });
    expect(kinds).toEqual(['if', 'for', 'for', 'while', 'while', 'case', 'group', 'subshell', 'dbracket', 'arithcmd', 'arithfor']);
  });

  it('parses function definitions in both forms', () => {
    const a = first('f() { echo; }');
    const b = first('function g { echo; }');
    expect(a.type === 'funcdef' && a.name).toBe('f');
    expect(b.type === 'funcdef' && b.name).toBe('g');
  });

  it('keeps quoting in word parts', () => {
    const c = simple(`echo a'b c'"d $x"\\e ~/f`);
    expect(c.words[1]!.parts.map((p) => p.type)).toEqual(['lit', 'sq', 'dq', 'sq']);
    expect(c.words[2]!.parts[0]).toEqual({ type: 'tilde', user: '' });
  });

  it('parses parameter expansions', () => {
    const ops = simple('echo ${a:-x} ${#a} ${a##*/} ${a%.c} ${a/b/c} ${a:1:2} ${a^^} ${x!}').words.slice(1).map((w) => {
      const p = w.parts[0]!;
      return p.type === 'param' ? p.op.kind : p.type;
    });
    expect(ops).toEqual(['default', 'length', 'trim', 'trim', 'replace', 'substr', 'case', 'bad']);
  });

  it('distinguishes $(( )) from $( ( ) )', () => {
    expect(simple('echo $((1+2))').words[1]!.parts[0]!.type).toBe('arith');
    expect(simple('echo $( (echo a) )').words[1]!.parts[0]!.type).toBe('cmdsub');
    expect(simple('echo $((echo a) | cat)').words[1]!.parts[0]!.type).toBe('cmdsub');
  });

  it('parses nested command substitutions and backticks', () => {
    const w = simple('echo $(echo $(echo a) `echo \\`echo b\\``)').words[1]!;
    expect(w.parts[0]!.type).toBe('cmdsub');
  });

  it('reads here-documents, several on one line, with <<- tab stripping', () => {
    const c = simple('cat <<A <<-"B"\nline $x\nA\n\tliteral $y\n\tB\n');
    expect(c.redirs[0]!.heredoc!.parts.map((p) => p.type)).toEqual(['sq', 'param', 'sq']);
    expect(c.redirs[1]!.heredoc!.raw).toBe('literal $y\n');
  });

  it('reports a here-doc that runs to end of input', () => {
    const p = new Parser('cat <<EOF\nabc\n');
    p.parseNext();
    expect(p.unterminatedHeredocs).toEqual([{ line: 1, delimiter: 'EOF' }]);
  });

  it('parses assignments and redirections with fds', () => {
    const c = simple('A=1 B+=2 cmd 2>&1 >>out <in 3<&- &>all');
    expect(c.assigns.map((a) => [a.name, a.append])).toEqual([
      ['A', false],
      ['B', true],
    ]);
    expect(c.redirs.map((r) => [r.fd, r.op])).toEqual([
      [2, '>&'],
      [null, '>>'],
      [null, '<'],
      [3, '<&'],
      [null, '&>'],
    ]);
  });

  it('parses one complete command at a time', () => {
    const p = new Parser('echo 1\necho 2; if fi\n');
    expect(p.parseNext()).toHaveLength(1);
    expect(() => p.parseNext()).toThrow(ShellSyntaxError);
  });

  it('expands aliases in command position', () => {
    const l = Parser.parse('ll /tmp', { alias: (n) => (n === 'll' ? 'ls -l' : undefined) });
    expect((l[0]!.andOr.first.commands[0] as SimpleCommand).words.map((w) => w.raw)).toEqual(['ls', '-l', '/tmp']);
    const rec = Parser.parse('ls', { alias: (n) => (n === 'ls' ? 'ls --color' : undefined) });
    expect((rec[0]!.andOr.first.commands[0] as SimpleCommand).words.map((w) => w.raw)).toEqual(['ls', '--color']);
  });

  it('reports syntax errors like bash', () => {
    expect(syntaxError('if fi').problem).toEqual({ kind: 'token', token: 'fi' });
    expect(syntaxError('if fi').lineText).toBe('if fi');
    expect(syntaxError('echo >').problem).toEqual({ kind: 'token', token: 'newline' });
    expect(syntaxError('( )').problem).toEqual({ kind: 'token', token: ')' });
    expect(syntaxError('echo a &; b').problem).toEqual({ kind: 'token', token: ';' });
    const eof = syntaxError('if true; then');
    expect([eof.problem.kind, eof.line, eof.incomplete]).toEqual(['eof', 2, true]);
    expect(syntaxError('echo "abc').problem).toEqual({ kind: 'unterminated', quote: '"' });
    expect(syntaxError('a |').incomplete).toBe(true);
    expect(syntaxError('x\ny\nif fi').line).toBe(3);
  });

  it('knows what dash and ash expect at end of file', () => {
    expect(syntaxError('if true; then', DASH_FEATURES).problem).toEqual({ kind: 'eof', expecting: 'fi' });
    expect(syntaxError('while', DASH_FEATURES).problem).toEqual({ kind: 'eof', expecting: 'do' });
    expect(syntaxError('echo >', ASH_FEATURES).problem).toEqual({ kind: 'eof', expecting: null });
    expect(syntaxError('a=(1 2)', DASH_FEATURES).problem).toEqual({ kind: 'token', token: '(' });
  });

  it('reads <(list) and >(list) as parts of a word in bash and ash, where bash does (not after an operator letter)', () => {
    const parts = (src: string, features = BASH_FEATURES) =>
      (Parser.parse(src, { features })[0]!.andOr.first.commands[0] as SimpleCommand).words.map((w) => w.parts.map((p) => (p.type === 'procsub' ? `${p.dir}(${p.text})` : p.type === 'lit' || p.type === 'sq' ? p.text : p.type)));
    expect(parts('diff <(ls a) >(wc -l)')).toEqual([['diff'], ['<(ls a)'], ['>(wc -l)']]);
    expect(parts('initdb --pwfile=<(printf x) a<(b)c 2<(d)')).toEqual([['initdb'], ['--pwfile=', '<(printf x)'], ['a', '<(b)', 'c'], ['2', '<(d)']]);
    expect(parts('cat <(echo x)', ASH_FEATURES)).toEqual([['cat'], ['<(echo x)']]);
    // Quoted, it is text; a quoted `<` followed by `(` is a syntax error, as in bash.
    expect(parts(`echo "<(x)" '>(y)'`)).toEqual([['echo'], ['dq'], ['>(y)']]);
    expect(syntaxError('echo \\<(z)').problem).toEqual({ kind: 'token', token: '(' });
    // `< <(cmd)`: a redirection whose target is a process substitution; `<<(` stays a syntax error as in bash.
    const c = simple('while2 < <(cmd)');
    expect(c.redirs.map((r) => [r.op, r.target.parts[0]!.type])).toEqual([['<', 'procsub']]);
    expect(syntaxError('cat <<(true)').problem).toEqual({ kind: 'token', token: '(' });
    expect(simple('x=<(true)').assigns[0]!.value.parts.map((p) => p.type)).toEqual(['procsub']);
    const loop = first('while read l; do :; done < <(printf "a\\n")');
    expect(loop.type === 'compound' && loop.redirs[0]!.target.parts[0]!.type).toBe('procsub');
    // Arithmetic keeps `<(` as less-than and a parenthesis.
    expect(simple('echo $(( 1 <(2) ))').words[1]!.parts[0]!.type).toBe('arith');
    // dash has no process substitution: the `(` after the redirection is the unexpected token.
    expect(syntaxError('cat <(echo x)', DASH_FEATURES).problem).toEqual({ kind: 'token', token: '(' });
    expect(syntaxError('echo a<(true)', DASH_FEATURES).problem).toEqual({ kind: 'token', token: '(' });
  });

  it('never throws anything but ShellSyntaxError (property)', () => {
    const alphabet = fc.constantFrom(...'ab $\'"`\\(){}[];&|<>\n\t#=~*?!-:%/0123456789'.split(''), 'if ', 'then ', 'fi', 'do ', 'done', 'case ', ' in ', 'esac', 'for ', 'while ', '$((', '))', '${', '<<EOF\n', '\nEOF\n', '[[ ', ' ]]', 'function ', '$(', ';;', '<(', '>(');
    for (const features of [BASH_FEATURES, DASH_FEATURES, ASH_FEATURES]) {
      fc.assert(
        fc.property(fc.array(alphabet, { maxLength: 40 }).map((a) => a.join('')), (src) => {
          try {
            Parser.parse(src, { features });
          } catch (e) {
            if (!(e instanceof ShellSyntaxError)) throw e;
            expect(e.line).toBeGreaterThanOrEqual(1);
          }
        }),
        { numRuns: 3000 },
      );
    }
  });

  it('parses the text of each list item stably (property: re-parsing an item gives the same shape)', () => {
    const word = fc.constantFrom('echo', 'a', '"b c"', "'d'", '$x', '${y:-z}', '$(e f)', '1>&2', '>o', '<(e f)', '>(g | h)', '--o=<(i)', '< <(j)');
    const cmd = fc.array(word, { minLength: 1, maxLength: 4 }).map((ws) => (ws[0]!.startsWith('1') || ws[0]!.startsWith('>') ? ['echo', ...ws] : ws).join(' '));
    const list = fc.array(fc.tuple(cmd, fc.constantFrom(' | ', ' && ', ' || ')), { minLength: 1, maxLength: 4 }).map((xs) => xs.map(([c, op], i) => (i < xs.length - 1 ? c + op : c)).join(''));
    fc.assert(
      fc.property(list, (src) => {
        const a: List = Parser.parse(src);
        const b: List = Parser.parse(a.map((i) => i.text).join('\n'));
        expect(JSON.stringify(b)).toBe(JSON.stringify(a));
      }),
      { numRuns: 500 },
    );
  });
});
