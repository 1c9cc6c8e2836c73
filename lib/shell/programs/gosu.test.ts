import { describe, expect, it } from 'vitest';
import { dockerTest } from '../../engine/cli/testing/harness';
import { parseDockerRef } from '../../engine/format/reference';
import { imageWith } from './net/testing/images';

/** busybox plus a gosu binary, tagged `gosubox` (gosu ships in the images whose entrypoints use it). */
function setup() {
  const t = dockerTest();
  const img = t.engine.images.add(imageWith(t.busybox, { '/usr/local/bin/gosu': { program: 'gosu' } }, { Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], Cmd: ['sh'] }));
  t.engine.images.tag(parseDockerRef('gosubox'), img.id);
  return t;
}

describe('gosu', () => {
  it('runs the command as the user in the same process (an entrypoint keeps its daemon PID 1)', async () => {
    const t = setup();
    const r = await t.run(['run', '--rm', 'gosubox', 'sh', '-c', 'exec gosu nobody sh -c \'echo $$ $(id -u) $HOME\'']);
    expect(r).toMatchObject({ status: 0, stdout: '1 65534 /home\n' });
  });

  it('errors: usage, unknown user, missing command', async () => {
    const t = setup();
    const usage = await t.run(['run', '--rm', 'gosubox', 'gosu']);
    expect(usage.status).toBe(1);
    expect(usage.stderr.split('\n')[0]).toBe('Usage: gosu user-spec command [args]');
    expect(await t.run(['run', '--rm', 'gosubox', 'gosu', 'bob', 'true'])).toMatchObject({
      status: 1,
      stderr: 'error: failed switching to "bob": unable to find user bob: no matching entries in passwd file\n',
    });
    expect(await t.run(['run', '--rm', 'gosubox', 'gosu', 'nobody', 'nope'])).toMatchObject({ status: 1, stderr: 'error: exec: "nope": executable file not found in $PATH\n' });
  });
});
