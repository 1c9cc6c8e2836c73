/** Which display `docker build` picks (buildx: auto = the TTY view on a terminal, else plain). */
import { describe, expect, it } from 'vitest';
import { dockerTest } from '../testing/harness';

describe('docker build --progress', () => {
  it('tty needs a terminal; plain and auto off a terminal print #n lines; a bad mode is refused', async () => {
    const t = dockerTest();
    t.tm.fs.mkdir('/home/learner/app', 0o755);
    t.tm.fs.writeFile('/home/learner/app/Dockerfile', new TextEncoder().encode('FROM busybox\n'));
    const build = (...args: string[]) => t.run(['build', ...args, '.'], { cwd: '/home/learner/app' });
    expect(await build('--progress=tty')).toMatchObject({ status: 1, stdout: '', stderr: 'ERROR: failed to get console: provided file is not a console\n' });
    for (const mode of ['plain', 'auto']) {
      const r = await build(`--progress=${mode}`);
      expect(r.status).toBe(0);
      expect(r.stderr.startsWith('#0 building with "default" instance using docker driver\n\n#1 [internal] load build definition from Dockerfile\n')).toBe(true);
    }
    expect(await build('--progress=fancy')).toMatchObject({ status: 1, stderr: 'ERROR: failed to build: invalid progress mode "fancy"\n' });
  });
});
