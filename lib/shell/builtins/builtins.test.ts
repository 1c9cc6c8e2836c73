import { describe, expect, it } from 'vitest';
import { bash, sh } from '../interp/testing/shell';

describe('cd and pwd', () => {
  it('changes directory, keeps OLDPWD, cd - prints, cd goes HOME', async () => {
    expect((await bash('cd /tmp; pwd; cd /; cd -; echo $OLDPWD; cd; pwd; echo $PWD')).stdout).toBe('/tmp\n/tmp\n/\n/home/learner\n/home/learner\n');
  });
  it('words failures per dialect', async () => {
    expect(await bash('cd /nope; echo $?')).toMatchObject({ stdout: '1\n', stderr: 'bash: line 1: cd: /nope: No such file or directory\n' });
    expect((await bash('cd /etc/hostname')).stderr).toBe('bash: line 1: cd: /etc/hostname: Not a directory\n');
    expect(await sh('dash', 'cd /nope; echo $?')).toMatchObject({ stdout: '2\n', stderr: "dash: 1: cd: can't cd to /nope\n" });
    expect((await sh('ash', 'cd /nope')).stderr).toBe("sh: cd: line 0: can't cd to /nope: No such file or directory\n");
    expect((await bash('unset HOME; cd')).stderr).toBe('bash: line 1: cd: HOME not set\n');
  });
});

describe('variables: export, unset, readonly, local, declare', () => {
  it('exports to children and lists', async () => {
    expect((await bash('export A=1 B; B=2; sh -c \'echo $A$B\'; export -p | grep " A="')).stdout).toBe('12\ndeclare -x A="1"\n');
    expect((await sh('dash', 'export A=1; export -p | grep " A="')).stdout).toBe("export A='1'\n");
  });
  it('refuses bad names and readonly changes', async () => {
    expect(await bash('export 1a=b; echo $?')).toMatchObject({ stdout: '1\n', stderr: "bash: line 1: export: `1a=b': not a valid identifier\n" });
    expect(await sh('dash', 'export 1a=b; echo $?')).toMatchObject({ status: 2, stdout: '', stderr: 'dash: 1: export: 1a: bad variable name\n' });
    expect(await bash('readonly r=1; r=2; echo after')).toMatchObject({ status: 1, stderr: 'bash: line 1: r: readonly variable\n' });
    expect(await sh('dash', 'readonly r=1; r=2')).toMatchObject({ status: 2, stderr: 'dash: 1: r: is read only\n' });
  });
  it('unsets variables and functions', async () => {
    expect((await bash('x=1; f() { echo f; }; unset x; unset -f f; echo ${x-gone}; type f >/dev/null 2>&1; echo $?')).stdout).toBe('gone\n1\n');
  });
  it('scopes local variables to the function (bash: unset inside until assigned)', async () => {
    expect((await bash('x=g; f() { local x; echo "[${x-unset}]"; x=l; g; }; g() { echo $x; }; f; echo $x')).stdout).toBe('[unset]\nl\ng\n');
    expect((await sh('dash', 'x=g; f() { local x; echo "[${x-unset}]"; }; f')).stdout).toBe('[g]\n');
    expect((await bash('local x')).stderr).toBe('bash: line 1: local: can only be used in a function\n');
  });
  it('declares attributes in bash', async () => {
    expect((await bash('declare -x X=1; declare -r R=2; declare -p X R; declare -a a=(1 2); echo ${a[1]}')).stdout).toBe('declare -x X="1"\ndeclare -r R="2"\n2\n');
  });
});

describe('set and shift', () => {
  it('sets positional parameters and options', async () => {
    expect((await bash('set -- a b c; echo $# $2; shift; echo $1; shift 5; echo $?; set -u; echo $-')).stdout).toBe('3 b\nb\n1\nhuBc\n');
    expect((await bash('set -o | head -2; set +o | grep pipefail')).stdout).toBe('allexport      \toff\nbraceexpand    \ton\nset +o pipefail\n');
    expect((await sh('dash', 'set -o | head -2')).stdout).toBe('Current option settings\nerrexit         off\n');
  });
  it('lists variables with set', async () => {
    expect((await bash('x="a b"; y=plain; set | grep -E "^(x|y)="')).stdout).toBe("x='a b'\ny=plain\n");
    expect((await sh('dash', 'y=plain; set | grep "^y="')).stdout).toBe("y='plain'\n");
  });
  it('traces with set -x', async () => {
    expect((await bash('set -x; echo "a b" c; x=1; set +x')).stderr).toBe("+ echo 'a b' c\n+ x=1\n+ set +x\n");
  });
  it('rejects unknown options', async () => {
    expect(await bash('set -o nope')).toMatchObject({ status: 1, stderr: 'bash: line 1: set: nope: invalid option name\n' });
  });
});

describe('read', () => {
  it('splits a line over names, the last taking the rest', async () => {
    expect((await bash('echo "a b  c d" | { read x y; echo "$x|$y"; }')).stdout).toBe('a|b  c d\n');
    expect((await bash("printf 'a:b:c\\n' | { IFS=: read -r x y; echo \"$x|$y\"; }")).stdout).toBe('a|b:c\n');
  });
  it('leaves the rest of the input for the next command', async () => {
    expect((await bash("printf 'l1\\nl2\\nl3\\n' | { read a; cat; }")).stdout).toBe('l2\nl3\n');
    expect((await bash("printf 'one\\ntwo\\n' | { read a; read b; echo $b$a; }")).stdout).toBe('twoone\n');
  });
  it('handles backslashes, -r, REPLY, -a, -n, -d and end of input', async () => {
    expect((await bash("printf 'x\\\\\\ny\\n' | { read v; echo \"$v\"; }; printf 'a\\\\b\\n' | { read -r v; echo \"$v\"; }")).stdout).toBe('xy\na\\b\n');
    expect((await bash('echo "  lead  " | { read; echo "[$REPLY]"; }')).stdout).toBe('[  lead  ]\n');
    expect((await bash('echo "1 2 3" | { read -a arr; echo ${arr[2]} ${#arr[@]}; }')).stdout).toBe('3 3\n');
    expect((await bash('echo abcdef | { read -n 3 v; echo $v; }; echo "a,b" | { read -d , v; echo $v; }')).stdout).toBe('abc\na\n');
    expect((await bash("printf 'no newline' | { read a; echo \"$? $a\"; }; read x < /dev/null; echo $?")).stdout).toBe('1 no newline\n1\n');
  });
});

describe('echo, printf, test (shared with the programs)', () => {
  it('follows each dialect', async () => {
    expect((await bash("echo -n a; echo -e 'b\\tc'; echo 'd\\ne'")).stdout).toBe('ab\tc\nd\\ne\n');
    expect((await sh('dash', "echo 'd\\ne'")).stdout).toBe('d\ne\n');
    expect((await sh('ash', "echo 'd\\ne'")).stdout).toBe('d\\ne\n');
    expect((await bash("printf '%s-%d\\n' a 1 b 2; printf -v v '%03d' 7; echo $v")).stdout).toBe('a-1\nb-2\n007\n');
    expect((await bash('[ 2 -gt 1 ] && test -f /etc/passwd && [ ! -d /etc/passwd ] && echo ok; [ a = ]; echo $?')).stdout).toBe('ok\n2\n');
  });
});

describe('control builtins', () => {
  it('exit, return, break and continue', async () => {
    expect(await bash('exit abc')).toMatchObject({ status: 2, stderr: 'bash: line 1: exit: abc: numeric argument required\n' });
    expect(await bash('return 2; echo $?')).toMatchObject({ stdout: '2\n', stderr: "bash: line 1: return: can only `return' from a function or sourced script\n" });
    expect((await sh('dash', 'return 3; echo no')).status).toBe(3);
    expect((await bash('break; echo $?')).stderr).toBe("bash: line 1: break: only meaningful in a `for', `while', or `until' loop\n");
  });
  it('eval runs text in the current shell', async () => {
    expect((await bash("eval 'x=9; echo evaled'; echo $x; eval 'if'; echo $?")).stdout).toBe('evaled\n9\n2\n');
    expect((await bash("eval 'if'")).stderr).toBe('bash: eval: line 2: syntax error: unexpected end of file\n');
  });
  it('sources files with arguments and return', async () => {
    expect((await bash("printf 'x=src; echo \"$1\"; return 3; echo no\\n' > /tmp/s.sh; . /tmp/s.sh arg; echo $? $x; source /nonexistent")).stdout).toBe('arg\n3 src\n');
    expect((await bash('source /nonexistent')).stderr).toBe('bash: line 1: /nonexistent: No such file or directory\n');
  });
  it('exec replaces the shell or keeps redirections', async () => {
    expect((await bash('exec echo replaced; echo no')).stdout).toBe('replaced\n');
    expect((await bash('exec 3>/tmp/e3; echo x >&3; exec 3>&-; cat /tmp/e3; exec >/tmp/e4; echo hidden; cat /tmp/e4 >&2')).stderr).toBe('hidden\n');
  });
  it('let evaluates arithmetic', async () => {
    expect((await bash('let x=3+4 y=x*2; echo $x $y; let z=0; echo $?')).stdout).toBe('7 14\n1\n');
  });
});

describe('alias, type, command, hash', () => {
  it('defines, lists and removes aliases', async () => {
    expect(await bash("alias a1='echo x' b1=y; alias; unalias a1; alias a1")).toMatchObject({ stdout: "alias a1='echo x'\nalias b1='y'\n", stderr: 'bash: line 1: alias: a1: not found\n' });
    expect((await sh('dash', "alias a1='echo x'\na1")).stdout).toBe('x\n');
    expect((await bash("alias q='echo no'\nq")).status).toBe(127);
    expect((await bash("shopt -s expand_aliases; alias q='echo yes'\nq")).stdout).toBe('yes\n');
  });
  it('describes names', async () => {
    expect(await bash('f() { :; }; alias l=ls; type cd if f l ls nope')).toMatchObject({ status: 1, stdout: "cd is a shell builtin\nif is a shell keyword\nf is a function\nf () \n{ \n    :\n}\nl is aliased to `ls'\nls is /usr/bin/ls\n", stderr: 'bash: line 1: type: nope: not found\n' });
    expect((await sh('dash', 'type exit f; f() { :; }; type f')).stdout).toBe('exit is a special shell builtin\nf: not found\nf is a shell function\n');
    expect((await bash('command -v cd ls nope; echo $?; command -V cd')).stdout).toBe('cd\n/usr/bin/ls\n1\ncd is a shell builtin\n');
    expect((await bash('echo() { echo no; }; command echo yes')).stdout).toBe('yes\n');
    expect((await bash('hash; hash nope')).stdout).toBe('hash: hash table empty\n');
  });
});

describe('umask, getopts, trap, jobs, kill, wait, history', () => {
  it('umask in octal and symbolic forms', async () => {
    expect((await bash('umask; umask 077; umask; umask -S; umask u=rwx,g=rx,o=; umask; cd /tmp; touch um; ls -l um | cut -c1-10')).stdout).toBe('0022\n0077\nu=rwx,g=,o=\n0027\n-rw-r-----\n');
  });
  it('getopts parses options, bundles and arguments', async () => {
    expect((await bash('set -- -ab -c val rest; while getopts abc: o; do echo "$o ${OPTARG-}"; done; shift $((OPTIND-1)); echo "$@"')).stdout).toBe('a \nb \nc val\nrest\n');
    expect(await bash('getopts a o -z; echo "$o"')).toMatchObject({ stdout: '?\n', stderr: 'bash: illegal option -- z\n' });
    expect((await bash('getopts :x: o -x; echo "$o $OPTARG"')).stdout).toBe(': x\n');
  });
  it('trap sets, prints and resets', async () => {
    expect((await bash("trap 'echo i' INT; trap '' TERM; trap; trap - INT; trap -p")).stdout).toBe("trap -- 'echo i' SIGINT\ntrap -- '' SIGTERM\ntrap -- '' SIGTERM\n");
    expect((await bash('trap x BADSIG')).stderr).toBe('bash: line 1: trap: BADSIG: invalid signal specification\n');
    expect((await bash("trap 'echo exiting' EXIT; exit 4")).stdout).toBe('exiting\n');
  });
  it('kill by job spec and list signals', async () => {
    expect((await bash('kill -l 9; kill -l | head -1')).stdout).toBe('KILL\n 1) SIGHUP\t 2) SIGINT\t 3) SIGQUIT\t 4) SIGILL\t 5) SIGTRAP\n');
    expect((await bash('while :; do :; done & kill -9 %1; wait; jobs; echo $?')).stdout).toBe('0\n');
  });
  it('jobs lists running background jobs', async () => {
    expect((await bash('while :; do :; done & jobs; kill %1')).stdout).toBe('[1]+  Running                 while :; do :; done &\n');
  });
});
