import { describe, expect, it } from 'vitest';
import { parseDockerRef } from '../../format/reference';
import { humanSizeWithPrecision } from '../format/units';
import { dockerTest } from '../testing/harness';

describe('docker images --tree', () => {
  it('Docker 29 compact layout: names newest first, one line per tag, U for images in use, <untagged>', async () => {
    const t = dockerTest();
    const { engine, busybox } = t;
    t.tm.clock.advance(60_000);
    const w = engine.createContainer(busybox, { imageRef: 'busybox', name: 'writer', cmd: ['sh', '-c', 'echo hi > /hi'] });
    await w.start();
    await w.wait();
    const app = engine.commit(w);
    engine.images.tag(parseDockerRef('myapp:latest'), app.id);
    engine.images.tag(parseDockerRef('myapp:v1'), app.id);
    t.tm.clock.advance(60_000);
    const loose = engine.commit(w, { message: 'untagged' });
    const size = (n: number) => humanSizeWithPrecision(n, 3).padStart(10);
    const r = await t.run(['images', '--tree']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(
      [
        'IMAGE            ID             DISK USAGE   CONTENT SIZE   EXTRA',
        `<untagged>       ${loose.shortId}   ${size(loose.size)}             0B        `,
        'myapp:latest  ',
        `myapp:v1         ${app.shortId}   ${size(app.size)}             0B        `,
        `busybox:latest   ${busybox.shortId}   ${size(busybox.size)}             0B   U    `,
        '',
      ].join('\n'),
    );
  });
});
