import { describe, expect, it } from 'vitest';
import { dockerTest } from '../testing/harness';
import { humanSize, humanSizeWithPrecision } from '../format/units';
import { parseDockerRef } from '../../format/reference';

async function setup() {
  const t = dockerTest();
  const { engine, busybox } = t;
  const writer = engine.createContainer(busybox, { imageRef: 'busybox', name: 'writer', cmd: ['sh', '-c', `i=0; while [ $i -lt 50 ]; do echo ${'x'.repeat(99)} >> /data.bin; i=$((i+1)); done`] });
  await writer.start();
  await writer.wait();
  const app = engine.commit(writer);
  engine.images.tag(parseDockerRef('app:v1'), app.id);
  const up = engine.createContainer(busybox, { imageRef: 'busybox', name: 'up', cmd: ['sleep', '1000'] });
  await up.start();
  t.tm.clock.advance(3_000);
  return { t, app, up, writer };
}

describe('docker system df', () => {
  it('summary: every layer once, active images and containers, reclaimable with percentages', async () => {
    const { t, app } = await setup();
    const base = t.busybox.size;
    const total = app.size; // busybox's layers + the 5000-byte layer, each once
    expect(total).toBe(base + 5000);
    // Only busybox is in use (by "up" and "writer"): its unique size is 0 since app shares all of its layers.
    const imagesReclaimable = `${humanSize(total)} (100%)`;
    const r = await t.run(['system', 'df']);
    expect(r.stderr).toBe('');
    const col = (s: string, w: number) => s.padEnd(w);
    const sizeW = Math.max(10, humanSize(total).length + 3);
    const line = (a: string, b: string, c: string, d: string, e: string) => `${col(a, 16)}${col(b, 10)}${col(c, 10)}${col(d, sizeW)}${e}`;
    expect(r.stdout).toBe(
      [
        line('TYPE', 'TOTAL', 'ACTIVE', 'SIZE', 'RECLAIMABLE'),
        line('Images', '2', '1', humanSize(total), imagesReclaimable),
        line('Containers', '2', '1', '5kB', '5kB (100%)'),
        line('Local Volumes', '0', '0', '0B', '0B'),
        line('Build Cache', '0', '0', '0B', '0B'),
        '',
      ].join('\n'),
    );
    expect((await t.run(['system', 'df', '--format', '{{.Type}}={{.Active}}/{{.TotalCount}}'])).stdout).toBe('Images=1/2\nContainers=1/2\nLocal Volumes=0/0\nBuild Cache=0/0\n');
  });

  it('-v: images with shared and unique sizes, containers with their writable layer', async () => {
    const { t, app, up, writer } = await setup();
    const r = await t.run(['system', 'df', '-v']);
    const out = r.stdout;
    expect(out.startsWith('Images space usage:\n\nREPOSITORY   TAG       IMAGE ID       CREATED')).toBe(true);
    const appRow = out.split('\n').find((l) => l.startsWith('app '))!;
    expect(appRow.split(/ {2,}/)).toEqual(['app', 'v1', app.shortId, '3 seconds ago', humanSizeWithPrecision(app.size, 3), humanSizeWithPrecision(t.busybox.size, 3), '5kB', '0']);
    expect(out).toContain('\nContainers space usage:\n\nCONTAINER ID   IMAGE     COMMAND                  LOCAL VOLUMES   SIZE      CREATED         STATUS                     NAMES\n');
    expect(out).toContain(`${up.shortId}   busybox   "sleep 1000"             0               0B        3 seconds ago   Up 3 seconds               up\n`);
    expect(out).toContain(`${writer.shortId}   busybox   "sh -c 'i=0; while […"   0               5kB       3 seconds ago   Exited (0) 3 seconds ago   writer\n`);
    expect(out.endsWith('\nLocal Volumes space usage:\n\nVOLUME NAME   LINKS     SIZE\n\nBuild cache usage: 0B\n\nCACHE ID   CACHE TYPE   SIZE      CREATED   LAST USED   USAGE     SHARED\n')).toBe(true);
  });

  it('takes no arguments', async () => {
    const t = dockerTest();
    expect((await t.run(['system', 'df', 'x'])).stderr).toBe("docker: 'docker system df' accepts no arguments\n\nUsage:  docker system df [OPTIONS]\n\nRun 'docker system df --help' for more information\n");
  });
});
