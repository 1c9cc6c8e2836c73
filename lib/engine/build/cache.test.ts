/** BuildKit's build cache survives a snapshot and restore, and `docker builder prune` empties it. */
import { describe, expect, it } from 'vitest';
import { DOCKER_ENGINE } from '../cli/service';
import { dockerTest } from '../cli/testing/harness';
import { Engine } from '../Engine';
import { SeededRandom } from '../process/random';
import { createRegistry } from '../../shell/programs';

const APP = '/home/learner/app';

function setup() {
  const t = dockerTest();
  t.tm.fs.mkdir(APP, 0o755);
  t.tm.fs.writeFile(`${APP}/Dockerfile`, new TextEncoder().encode('FROM busybox\nCOPY app.sh /app/\nRUN echo built > /built\nWORKDIR /srv\n'));
  t.tm.fs.writeFile(`${APP}/app.sh`, new TextEncoder().encode('echo hi\n'));
  const build = () => t.run(['build', '--progress=plain', '-t', 'app', '.'], { cwd: APP });
  return { t, build };
}

describe('BuildKit build cache', () => {
  it('after Engine.restore a rebuild hits the cache and gives the same image', async () => {
    const { t, build } = setup();
    expect((await build()).status).toBe(0);
    const id = t.engine.images.resolve('app').id;
    const snap = JSON.parse(JSON.stringify(t.engine.snapshot())) as ReturnType<Engine['snapshot']>;
    const engine = await Engine.restore(snap, { clock: t.tm.clock, random: new SeededRandom(3), programs: createRegistry() });
    t.tm.machine.provide(DOCKER_ENGINE, engine);
    const again = await build();
    expect(again.stderr).toContain('#6 [2/4] COPY app.sh /app/\n#6 CACHED\n\n#7 [3/4] RUN echo built > /built\n#7 CACHED\n\n#8 [4/4] WORKDIR /srv\n#8 CACHED\n');
    expect(engine.images.resolve('app').id).toBe(id);
  });

  it('docker builder prune: confirmation, the deleted records, the space no image still uses; the next build runs every step', async () => {
    const { t, build } = setup();
    expect((await build()).status).toBe(0);
    expect(await t.run(['builder', 'prune'], { stdin: 'n\n' })).toMatchObject({ status: 0, stdout: 'WARNING! This will remove all dangling build cache. Are you sure you want to continue? [y/N] ' });
    // The layers belong to the tagged image: deleting the records frees nothing.
    const r = await t.run(['builder', 'prune', '-f']);
    expect(r.stdout).toMatch(/^Deleted build cache objects:\n[0-9a-z]{25}\n[0-9a-z]{25}\n[0-9a-z]{25}\n\nTotal reclaimed space: 0B\n$/);
    expect((await t.run(['builder', 'prune', '-af'])).stdout).toBe('Total reclaimed space: 0B\n');
    const again = await build();
    expect(again.stderr).toContain('#7 [3/4] RUN echo built > /built\n#7 DONE 0.0s\n');

    // Once the image is gone, its layers are only the cache's: pruning reclaims them.
    await t.run(['rmi', 'app']);
    const freed = await t.run(['builder', 'prune', '--all', '--force']);
    expect(freed.stdout).toMatch(/\n\nTotal reclaimed space: \d+(\.\d+)?[kM]?B\n$/);
    expect(freed.stdout).not.toContain('Total reclaimed space: 0B');
  });

  it('docker builder build is docker build', async () => {
    const { t } = setup();
    const r = await t.run(['builder', 'build', '--progress=plain', '-t', 'viab', '.'], { cwd: APP });
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('naming to docker.io/library/viab:latest done');
    expect((await t.run(['builder', 'build', '--help'])).stdout).toContain('Usage:  docker builder build [OPTIONS] PATH | URL | -');
  });

  it('docker system df counts the records: shared with an image they cost nothing, on their own they are reclaimable', async () => {
    const { t, build } = setup();
    expect((await build()).status).toBe(0);
    t.tm.clock.advance(3_600_000);
    expect((await build()).status).toBe(0);
    const df = async () => (await t.run(['system', 'df', '--format', '{{.Type}}|{{.TotalCount}}|{{.Active}}|{{.Size}}|{{.Reclaimable}}'])).stdout.split('\n')[3];
    expect(await df()).toBe('Build Cache|3|0|0B|0B');
    const v = (await t.run(['system', 'df', '-v'])).stdout;
    const rows = v.slice(v.indexOf('Build cache usage: 0B\n')).split('\n').slice(2, -1);
    expect(rows[0]).toBe('CACHE ID       CACHE TYPE   SIZE      CREATED             LAST USED                USAGE     SHARED');
    expect(rows.slice(1).map((r) => r.replace(/^[0-9a-z]{12} +/, '').replace(/ +/g, ' '))).toEqual([
      'regular 8B About an hour ago Less than a second ago 2 true',
      'regular 6B About an hour ago Less than a second ago 2 true',
      'regular 0B About an hour ago Less than a second ago 2 true',
    ]);
    await t.run(['rmi', 'app']);
    expect(await df()).toBe('Build Cache|3|0|14B|14B');
  });

  it('docker system prune removes the build cache too, after the images', async () => {
    const { t, build } = setup();
    expect((await build()).status).toBe(0);
    await t.run(['rmi', 'app']);
    const r = await t.run(['system', 'prune', '-f']);
    expect(r.stdout).toMatch(/^Deleted build cache objects:\n(?:[0-9a-z]{25}\n){3}\nTotal reclaimed space: 14B\n$/);
    expect((await t.run(['system', 'prune', '-f'])).stdout).toBe('Total reclaimed space: 0B\n');
  });
});

