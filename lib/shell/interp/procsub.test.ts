import { describe, expect, it } from 'vitest';
import { createTestMachine, runCommand } from '../testing/harness';
import { bash, sh } from './testing/shell';

/** Process substitution beyond what the differential corpus (__fixtures__/diff/procsub) pins against real shells. */
describe('process substitution', () => {
  it('closes the pipe when the command ends, so an endless writer stops (head -n 1 <(yes) returns)', async () => {
    expect(await bash('head -n 1 <(yes); echo "st $?"')).toMatchObject({ status: 0, stdout: 'y\nst 0\n', stderr: '' });
  });

  it('gives programs run from the shell the descriptor: /dev/fd/N, /dev/stdin, /dev/stderr', async () => {
    expect(await bash('exec 3< <(echo three); cat /dev/fd/3; cat /dev/stdin <<< in; echo err > /dev/stderr')).toMatchObject({ stdout: 'three\nin\n', stderr: 'err\n' });
    expect(await bash('cat /dev/fd/5')).toMatchObject({ status: 1, stderr: 'cat: /dev/fd/5: No such file or directory\n' });
    expect(await bash('cat < /dev/fd/5')).toMatchObject({ status: 1, stderr: 'bash: line 1: /dev/fd/5: No such file or directory\n' });
  });

  it('runs a script named by /dev/fd/N (bash <(cmd)) and sources one', async () => {
    expect(await bash(`bash <(echo 'echo "$0 $1"; exit 3') x; echo "st $?"; . <(echo 'v=set'); echo $v`)).toMatchObject({ stdout: '/dev/fd/63 x\nst 3\nset\n', stderr: '' });
  });

  it('is a syntax error in dash, after the commands before it ran', async () => {
    const tm = createTestMachine();
    tm.fs.writeFile('/tmp/p.sh', new TextEncoder().encode('echo before\ncat <(echo x)\necho after\n'));
    expect(await runCommand(tm, ['dash', '/tmp/p.sh'])).toMatchObject({ status: 2, stdout: 'before\n', stderr: '/tmp/p.sh: 2: Syntax error: "(" unexpected\n' });
    expect(await sh('dash', 'diff <(echo a) <(echo b)')).toMatchObject({ status: 2, stdout: '', stderr: 'dash: 1: Syntax error: "(" unexpected\n' });
  });

  it('runs >(list) on what the command writes; bash waits for it with wait $!', async () => {
    expect(await bash('printf "a\\nb\\n" | tee >(wc -l) >(tr a-z A-Z) >/dev/null; wait; printf "x\\n" > >(sed s/x/y/); wait $!; echo "st $?"')).toMatchObject({ stdout: expect.stringMatching(/^(2\nA\nB\n|A\nB\n2\n)y\nst 0\n$/) });
  });

  it('in an entrypoint-style option (--pwfile=<(printf ...)) the program reads the secret', async () => {
    expect(await bash(`f() { echo "$1"; cat "\${1#--pwfile=}"; }; f --pwfile=<(printf '%s\\n' "s3cret")`)).toMatchObject({ stdout: '--pwfile=/dev/fd/63\ns3cret\n' });
  });
});
