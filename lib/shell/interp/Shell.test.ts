import { describe, expect, it } from 'vitest';
import { createTestMachine, runCommand } from '../testing/harness';
import { emptyReader, nullWriter } from '../../engine/process/streams';
import { bash, sh } from './testing/shell';

describe('expansion', () => {
  it('expands parameters with every operator', async () => {
    const r = await bash('x=abc; unset u; e=; echo ${x:-d} ${u-d} ${e:-d} ${e-d}. ${x:+a} ${u:+a}. ${#x} ${u:=set} $u');
    expect(r.stdout).toBe('abc d d . a . 3 set set\n');
    const t = await bash('s=/usr/local/lib.tar.gz; echo ${s#*/} ${s##*/} ${s%.*} ${s%%.*}');
    expect(t.stdout).toBe('usr/local/lib.tar.gz lib.tar.gz /usr/local/lib.tar /usr/local/lib\n');
    const b = await bash('x=hello; echo ${x:1:3} ${x: -2} ${x/l/L} ${x//l/L} ${x^^} ${x^} ${x,,}');
    expect(b.stdout).toBe('ell lo heLlo heLLo HELLO Hello hello\n');
  });

  it('reports ${x:?} and set -u errors with the dialect wording and exits', async () => {
    expect(await bash('echo ${nope:?gone}; echo after')).toMatchObject({ status: 127, stdout: '', stderr: 'bash: line 1: nope: gone\n' });
    expect(await bash('set -u; echo $zz')).toMatchObject({ status: 127, stderr: 'bash: line 1: zz: unbound variable\n' });
    expect(await sh('dash', 'set -u; echo $zz')).toMatchObject({ status: 2, stderr: 'dash: 1: zz: parameter not set\n' });
    expect(await sh('ash', 'echo ${x:?}')).toMatchObject({ status: 2, stderr: 'sh: x: parameter not set or null\n' });
  });

  it('handles special parameters and "$@"', async () => {
    const r = await bash('for a in "$@"; do echo "<$a>"; done; echo $# "$*" $0 $1', { args: ['name', 'a b', 'c'] });
    expect(r.stdout).toBe('<a b>\n<c>\n2 a b c name a b\n');
    const e = await bash('set --; for a in "$@"; do echo x; done; echo "${@:-none}" $?');
    expect(e.stdout).toBe('none 0\n');
    const big = await bash('set -- 1 2 3 4 5 6 7 8 9 10; echo ${10} $10');
    expect(big.stdout).toBe('10 10\n');
  });

  it('splits fields on IFS', async () => {
    expect((await bash('x="  a  b  "; set -- $x; echo $#')).stdout).toBe('2\n');
    expect((await bash('IFS=:; x="a::b:"; set -- $x; echo $#; echo "$1|$2|$3"')).stdout).toBe('3\na||b\n');
    expect((await bash('IFS=; x="a b"; set -- $x; echo $#')).stdout).toBe('1\n');
    expect((await bash('x=; set -- $x "$x"; echo $#')).stdout).toBe('1\n');
  });

  it('does command substitution, nested and with backticks', async () => {
    const r = await bash('echo $(echo a $(echo b)) `echo c \\`echo d\\``; v=$(printf "x\\n\\n"); echo "[$v]"');
    expect(r.stdout).toBe('a b c d\n[x]\n');
    expect((await bash('x=$(exit 3); echo $?')).stdout).toBe('3\n');
  });

  it('expands tildes from HOME and /etc/passwd', async () => {
    expect((await bash('echo ~ ~/x ~root ~nobody ~nouser; a=x:~/y; echo $a')).stdout).toBe('/home/learner /home/learner/x /root /nonexistent ~nouser\nx:/home/learner/y\n');
  });

  it('globs with *, ?, [...], classes; hides dotfiles; leaves non-matching words', async () => {
    const r = await bash('cd /tmp && touch a1 a2 b1 .hidden && echo a* ?1 [ab]2 [!a]1 [[:alpha:]]2 * nomatch* "a*"');
    expect(r.stdout).toBe('a1 a2 a1 b1 a2 b1 a2 a1 a2 b1 nomatch* a*\n');
    expect((await bash('echo /et?/host*')).stdout).toBe('/etc/hostname /etc/hosts\n');
  });

  it('expands braces in bash only', async () => {
    expect((await bash('echo x{a,b}y {1..3} {c..a}')).stdout).toBe('xay xby 1 2 3 c b a\n');
    expect((await sh('dash', 'echo x{a,b}y')).stdout).toBe('x{a,b}y\n');
  });
});

describe('arithmetic', () => {
  it('evaluates the C operator set', async () => {
    const r = await bash('x=5; echo $((1+2*3)) $((7/2)) $((-7%3)) $((2**10)) $((1<<4)) $((0x1f)) $((010)) $((2#101)) $((x>3?1:0)) $((~0)) $((!x)) $((x+=2)) $x $((x++)) $x $((--x)) $((a=b=3)) $((3,4))');
    expect(r.stdout).toBe('7 3 -1 1024 16 31 8 5 1 -1 0 7 7 7 8 7 3 4\n');
  });

  it('reads variables without $ and recursively', async () => {
    expect((await bash('a=2; b=a+3; echo $((b*2)) $((unset_var+1))')).stdout).toBe('10 1\n');
  });

  it('reports errors per dialect', async () => {
    expect(await bash('echo $((1/0)); echo after')).toMatchObject({ status: 1, stderr: 'bash: line 1: 1/0: division by 0 (error token is "0")\n' });
    expect(await bash('echo $((1+))')).toMatchObject({ status: 1, stderr: 'bash: line 1: 1+: syntax error: operand expected (error token is "+")\n' });
    expect(await sh('dash', 'echo $((1/0))')).toMatchObject({ status: 2, stderr: 'dash: 1: arithmetic expression: division by zero: "1/0"\n' });
    expect(await sh('ash', 'echo $((1/0))')).toMatchObject({ status: 2, stderr: 'sh: divide by zero\n' });
  });

  it('runs (( )) and for (( )) in bash', async () => {
    expect((await bash('((x=3+4)); echo $x; (( 0 )); echo $?; for ((i=0;i<3;i++)); do echo $i; done')).stdout).toBe('7\n1\n0\n1\n2\n');
  });
});

describe('commands and control flow', () => {
  it('runs if/elif/else, loops with break and continue, case with fallthrough', async () => {
    const r = await bash('if false; then echo a; elif true; then echo b; fi; for i in 1 2 3 4; do [ $i = 2 ] && continue; [ $i = 4 ] && break; echo $i; done; case ab in a|x) echo no;; a*) echo yes;& z) echo fell;; esac');
    expect(r.stdout).toBe('b\n1\n3\nyes\nfell\n');
    expect((await bash('for i in 1 2; do for j in a b; do [ $j = b ] && continue 2; echo $i$j; done; done')).stdout).toBe('1a\n2a\n');
    expect((await bash('until [ "$x" = aaa ]; do x=a$x; done; echo $x')).stdout).toBe('aaa\n');
  });

  it('defines functions with local variables and return', async () => {
    const r = await bash('x=g; f() { local x=l; echo $x $1; return 4; }; f arg; echo $? $x; function g { echo g; }; g');
    expect(r.stdout).toBe('l arg\n4 g\ng\n');
  });

  it('keeps subshell changes out of the parent, groups in', async () => {
    expect((await bash('x=1; (x=2; cd /; echo $x $PWD); echo $x; { x=3; }; echo $x')).stdout).toBe('2 /\n1\n3\n');
  });

  it('applies temporary assignments to one command', async () => {
    expect((await bash('FOO=tmp sh -c \'echo $FOO\'; echo "[$FOO]"')).stdout).toBe('tmp\n[]\n');
  });

  it('follows set -e rules', async () => {
    expect(await bash('set -e; false; echo no')).toMatchObject({ status: 1, stdout: '' });
    expect((await bash('set -e; false || true; if false; then :; fi; ! true; false && true; echo survived')).stdout).toBe('survived\n');
    expect((await bash('set -e; f() { false; echo inner; }; f && echo cond')).stdout).toBe('inner\ncond\n');
  });

  it('exits with the right status', async () => {
    expect((await bash('echo a; exit 3; echo b')).status).toBe(3);
    expect((await bash('exit 300')).status).toBe(44);
    expect((await bash('false')).status).toBe(1);
  });

  it('runs [[ ]] with globs and regexes in bash', async () => {
    const r = await bash('x=5; [[ $x -gt 3 && $x == 5 ]] && echo big; [[ foo == f* ]] && echo glob; [[ foo == "f*" ]] || echo lit; [[ abc =~ ^a(b)c$ ]] && echo ${BASH_REMATCH[1]}; [[ -d /tmp ]] && echo dir');
    expect(r.stdout).toBe('big\nglob\nlit\nb\ndir\n');
  });

  it('supports bash arrays', async () => {
    expect((await bash('a=(x "y z" w); a[3]=v; a+=(u); echo ${a[1]} ${#a[@]}; for i in "${a[@]}"; do echo "<$i>"; done')).stdout).toBe('y z 5\n<x>\n<y z>\n<w>\n<v>\n<u>\n');
  });

  it('reports syntax errors exactly like each shell', async () => {
    expect(await bash('if fi')).toMatchObject({ status: 2, stderr: "bash: -c: line 1: syntax error near unexpected token `fi'\nbash: -c: line 1: `if fi'\n" });
    expect(await bash('if true; then')).toMatchObject({ status: 2, stderr: 'bash: -c: line 2: syntax error: unexpected end of file\n' });
    expect(await sh('dash', 'if fi')).toMatchObject({ status: 2, stderr: 'dash: 1: Syntax error: "fi" unexpected\n' });
    expect(await sh('dash', 'if true; then')).toMatchObject({ stderr: 'dash: 1: Syntax error: end of file unexpected (expecting "fi")\n' });
    expect(await sh('ash', 'echo "abc')).toMatchObject({ status: 2, stderr: 'sh: syntax error: unterminated quoted string\n' });
    // Commands before the error line run.
    expect(await bash('echo first\nif fi')).toMatchObject({ stdout: 'first\n', status: 2 });
  });

  it('words command-not-found per dialect', async () => {
    expect(await bash('nope')).toMatchObject({ status: 127, stderr: 'bash: line 1: nope: command not found\n' });
    expect(await sh('dash', 'echo; nope')).toMatchObject({ status: 127, stderr: 'dash: 1: nope: not found\n' });
    expect(await sh('ash', 'nope')).toMatchObject({ status: 127, stderr: 'sh: nope: not found\n' });
  });

  it('words exec failures: permission, directory, binary, bad interpreter, ENOEXEC scripts', async () => {
    const tm = createTestMachine();
    const setup = "cd /tmp && printf 'echo hi\\n' > noexec.sh && mkdir -p d && printf '#!/bin/nonexist\\necho\\n' > badi.sh && chmod +x badi.sh && printf 'echo script $0 $1\\n' > plain.sh && chmod +x plain.sh && ";
    const run = (s: string) => runCommand(tm, ['bash', '-c', setup + s]);
    expect((await run('./noexec.sh')).stderr).toBe('bash: line 1: ./noexec.sh: Permission denied\n');
    expect((await run('./d')).stderr).toBe('bash: line 1: ./d: Is a directory\n');
    expect((await run('./badi.sh')).stderr).toBe('bash: line 1: ./badi.sh: cannot execute: required file not found\n');
    expect((await run('./plain.sh arg')).stdout).toBe('script ./plain.sh arg\n');
    expect((await run('./nope')).stderr).toBe('bash: line 1: ./nope: No such file or directory\n');
  });

  it('runs a script file with its name in messages', async () => {
    const tm = createTestMachine();
    await runCommand(tm, ['bash', '-c', "printf 'echo one\\nnope\\nif fi\\n' > /tmp/s.sh"]);
    const r = await runCommand(tm, ['bash', '/tmp/s.sh']);
    expect(r).toMatchObject({ status: 2, stdout: 'one\n', stderr: "/tmp/s.sh: line 2: nope: command not found\n/tmp/s.sh: line 3: syntax error near unexpected token `fi'\n/tmp/s.sh: line 3: `if fi'\n" });
  });

  it('reads commands from stdin line by line, sharing stdin with the commands', async () => {
    const tm = createTestMachine();
    const r = await runCommand(tm, ['bash'], { stdin: 'read x\nhello\necho got $x\n' });
    expect(r.stdout).toBe('got hello\n');
    const d = await runCommand(tm, ['sh'], { stdin: 'echo from dash\n' });
    expect(d.stdout).toBe('from dash\n');
  });
});

describe('redirections', () => {
  it('writes, appends, reads, duplicates and closes', async () => {
    const r = await bash('cd /tmp; echo a > f; echo b >> f; cat < f; echo err >&2 2>/dev/null; { echo out; echo err >&2; } > both 2>&1; cat both; echo x 1>&2 2>/dev/null');
    expect(r.stdout).toBe('a\nb\nout\nerr\n');
    expect(r.stderr).toBe('err\nx\n');
  });

  it('supports &>, here-docs (quoted, <<-, several), here-strings, <> and exec redirections', async () => {
    const r = await bash("cd /tmp; ls /nope &> e; cat e; x=v; cat <<A <<-'B'\n$x\nA\n\t$x\n\tB\ncat <<< \"s $x\"; exec 3> g; echo three >&3; exec 3>&-; cat g");
    expect(r.stdout).toContain('No such file or directory');
    expect(r.stdout).toContain('$x\ns v\nthree\n');
  });

  it('reports redirection errors per dialect', async () => {
    expect(await bash('echo a > /nonexist/x; echo $?')).toMatchObject({ stdout: '1\n', stderr: 'bash: line 1: /nonexist/x: No such file or directory\n' });
    expect(await sh('dash', 'cat < /nope; echo $?')).toMatchObject({ stdout: '2\n', stderr: 'dash: 1: cannot open /nope: No such file\n' });
    expect(await sh('ash', 'echo > /nonexist/x')).toMatchObject({ stderr: "sh: can't create /nonexist/x: nonexistent directory\n" });
  });

  it('refuses to clobber with set -C', async () => {
    expect((await bash('cd /tmp; echo a > c1; set -C; echo b > c1; echo $?; echo c >| c1; cat c1')).stdout).toBe('1\nc\n');
  });
});

describe('pipelines and processes', () => {
  it('streams through concurrent members and takes the last status (or pipefail)', async () => {
    expect((await bash('printf "b\\na\\n" | sort | head -1; true | false; echo $?; set -o pipefail; false | true; echo $?; ! true; echo $?')).stdout).toBe('a\n1\n1\n1\n');
  });

  it('ends writers with SIGPIPE silently when the reader leaves', async () => {
    const r = await bash('yes | head -2; echo ${PIPESTATUS[@]}');
    expect(r).toMatchObject({ stdout: 'y\ny\n141 0\n', stderr: '' });
  });

  it('pipes into a while-read loop in a subshell', async () => {
    expect((await bash('printf "1 a\\n2 b\\n" | while read n w; do echo "$w$n"; done; x=1; echo 2 | read x; echo $x')).stdout).toBe('a1\nb2\n1\n');
  });

  it('runs background jobs with $! and wait', async () => {
    const r = await bash('(exit 5) & p=$!; wait $p; echo $?; { echo bg; } & wait; echo done; wait 99999; echo $?');
    expect(r.stdout).toBe('5\nbg\ndone\n127\n');
    expect(r.stderr).toBe('bash: line 1: wait: pid 99999 is not a child of this shell\n');
  });

  it('shows pipeline members in the process table', async () => {
    const r = await bash('f() { cat; }; echo x | f');
    expect(r.stdout).toBe('x\n');
  });
});

describe('signals', () => {
  // The SIGINT comes from a timer scheduled while the loop runs: the test can only finish if the loop yields to the
  // event loop. (A starved loop would hit the timeout.)
  it('ends a busy loop with SIGINT (130) without starving the event loop', { timeout: 5000 }, async () => {
    const tm = createTestMachine();
    const r = tm.machine.spawn({ argv: ['bash', '-c', 'while :; do :; done'], env: new Map([['PATH', '/usr/bin']]), cwd: '/', cred: { uid: 0, gid: 0, groups: [0] }, umask: 0o22, stdin: emptyReader, stdout: nullWriter, stderr: nullWriter, tty: null, ppid: 1 });
    if (!r.ok) throw new Error('spawn failed');
    let exitedBeforeTimer = false;
    void r.child.exited.then(() => (exitedBeforeTimer = true));
    setTimeout(() => {
      expect(exitedBeforeTimer).toBe(false);
      r.child.kill('SIGINT');
    }, 5);
    expect(await r.child.exited).toBe(130);
  });

  it('runs trap handlers for signals and EXIT, and lists them', async () => {
    const r = await bash("trap 'echo got TERM' TERM; trap 'echo bye' EXIT; kill -TERM $$; echo after; trap");
    expect(r.stdout).toBe("got TERM\nafter\ntrap -- 'echo bye' EXIT\ntrap -- 'echo got TERM' SIGTERM\nbye\n");
    expect((await bash("trap 'echo x' INT; trap - INT; trap")).stdout).toBe('');
  });

  it('kills background jobs by job spec', async () => {
    const r = await bash('while :; do :; done & kill %1; wait %1; echo $?');
    expect(r.stdout).toBe('143\n');
  });
});
