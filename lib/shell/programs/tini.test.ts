/** tini downloaded with ADD and used as the ENTRYPOINT, as Docker's docs show it. */
import { describe, expect, it } from 'vitest';
import { dockerTest } from '../../engine/cli/testing/harness';

describe('tini', () => {
  it('runs the command as its child, exits with its status, forwards docker stop; exec failures are 127', async () => {
    const t = dockerTest();
    t.tm.fs.mkdir('/home/learner/app', 0o755);
    t.tm.fs.writeFile(
      '/home/learner/app/Dockerfile',
      new TextEncoder().encode('FROM busybox\nADD https://github.com/krallin/tini/releases/download/v0.19.0/tini /tini\nRUN chmod +x /tini\nENTRYPOINT ["/tini", "--"]\nCMD ["echo", "hello from under tini"]\n'),
    );
    expect((await t.run(['build', '-q', '-t', 'withtini', '.'], { cwd: '/home/learner/app' })).status).toBe(0);
    expect(await t.run(['run', '--rm', 'withtini'])).toMatchObject({ status: 0, stdout: 'hello from under tini\n', stderr: '' });
    expect(await t.run(['run', '--rm', 'withtini', 'sh', '-c', 'exit 7'])).toMatchObject({ status: 7 });
    expect(await t.run(['run', '--rm', 'withtini', 'nope'])).toMatchObject({ status: 127, stderr: '[FATAL tini (2)] exec nope failed: No such file or directory\n' });
    expect((await t.run(['run', '--rm', '--entrypoint', '/tini', 'withtini', '--version'])).stdout).toBe('tini version 0.19.0 - git.de40ad0\n');
    // Not PID 1: the zombie-reaping warning; -e remaps an exit code to 0.
    const nested = await t.run(['run', '--rm', '--entrypoint', 'sh', 'withtini', '-c', '/tini -e 3 -- sh -c "exit 3"; echo $?']);
    expect(nested.stdout).toBe('0\n');
    expect(nested.stderr).toMatch(/^\[WARN {2}tini \(\d+\)\] Tini is not running as PID 1 and isn't registered as a child subreaper\.\n/);

    const c = await t.run(['run', '-d', 'withtini', 'sleep', '1000']);
    const id = c.stdout.trim();
    const stop = await t.run(['stop', '-t', '5', id]);
    expect(stop.status).toBe(0);
    expect((await t.run(['inspect', '--format', '{{.State.ExitCode}}', id])).stdout).toBe('143\n');
  });
});
