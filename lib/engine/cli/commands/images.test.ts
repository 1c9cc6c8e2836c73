import { describe, expect, it } from 'vitest';
import { parseDockerRef } from '../../format/reference';
import { dockerTest } from '../testing/harness';
import { pathMatch } from './images';

async function withCommit() {
  const t = dockerTest();
  const c = t.engine.createContainer(t.busybox, { imageRef: 'busybox', name: 'box', cmd: ['sh', '-c', 'echo hello > /hello.txt'] });
  await c.start();
  await c.wait();
  t.tm.clock.advance(3_000);
  const r = await t.run(['commit', '-m', 'say hello', 'box', 'myapp:v1']);
  const img = t.engine.images.resolve(r.stdout.trim());
  t.tm.clock.advance(10_000);
  return { t, img };
}

describe('docker images', () => {
  it('classic table, newest first, one row per tag; -q; --no-trunc; --digests', async () => {
    const { t, img } = await withCommit();
    await t.run(['tag', 'myapp:v1', 'myapp:latest']);
    const bb = t.busybox;
    const size = (n: number) => (n < 1000 ? `${n}B` : `${Number((n / 1000).toPrecision(3))}kB`);
    expect((await t.run(['images'])).stdout).toBe(
      [
        'REPOSITORY   TAG       IMAGE ID       CREATED          SIZE',
        `myapp        v1        ${img.shortId}   10 seconds ago   ${size(img.size)}`,
        `myapp        latest    ${img.shortId}   10 seconds ago   ${size(img.size)}`,
        `busybox      latest    ${bb.shortId}   10 months ago    ${size(bb.size)}`,
        '',
      ].join('\n'),
    );
    expect((await t.run(['image', 'ls', '-q'])).stdout).toBe(`${img.shortId}\n${img.shortId}\n${bb.shortId}\n`);
    expect((await t.run(['image', 'list', '--no-trunc', '--format', '{{.ID}} {{.Repository}}:{{.Tag}} {{.Digest}}', 'busybox'])).stdout).toBe(
      `${bb.id} busybox:latest <none>\n`,
    );
    const dig = await t.run(['images', '--digests', 'busybox']);
    expect(dig.stdout.split('\n')[0]).toBe('REPOSITORY   TAG       DIGEST    IMAGE ID       CREATED         SIZE');
  });

  it('reference filter globs, dangling images, intermediate images with -a', async () => {
    const { t, img } = await withCommit();
    expect((await t.run(['images', '--format', '{{.Repository}}:{{.Tag}}', 'my*'])).stdout).toBe('myapp:v1\n');
    expect((await t.run(['images', '--format', '{{.Repository}}:{{.Tag}}', '-f', 'reference=*:latest'])).stdout).toBe('busybox:latest\n');
    expect((await t.run(['images', '-q', '-f', 'since=busybox'])).stdout).toBe(`${img.shortId}\n`);
    expect((await t.run(['images', '-q', '-f', 'before=myapp:v1'])).stdout).toBe(`${t.busybox.shortId}\n`);
    expect((await t.run(['images', '-q', '-f', 'label=nope'])).stdout).toBe('');
    // Untag busybox: it has a child (myapp), so it is an intermediate image, shown only with -a.
    t.engine.images.untag(parseDockerRef('busybox'));
    expect((await t.run(['images', '-q'])).stdout).toBe(`${img.shortId}\n`);
    expect((await t.run(['images', '-aq'])).stdout).toBe(`${img.shortId}\n${t.busybox.shortId}\n`);
    // Untag myapp: no children, so it is dangling and listed as <none> <none>.
    t.engine.images.untag(parseDockerRef('myapp:v1'));
    expect((await t.run(['images', '--format', '{{.Repository}} {{.Tag}} {{.ID}}'])).stdout).toBe(`<none> <none> ${img.shortId}\n`);
    expect((await t.run(['images', '-q', '-f', 'dangling=false'])).stdout).toBe('');
    expect((await t.run(['images', '-f', 'dangling=maybe'])).stderr).toBe("Error response from daemon: invalid filter 'dangling=maybe'\n");
    expect((await t.run(['images', 'a', 'b'])).stderr).toBe(
      "docker: 'docker images' requires at most 1 argument\n\nUsage:  docker images [OPTIONS] [REPOSITORY[:TAG]]\n\nRun 'docker images --help' for more information\n",
    );
  });

  it('digest references: one DIGEST per tag with --digests, digest-only repositories as <none>', async () => {
    const t = dockerTest();
    const d = `sha256:${'ab'.repeat(32)}`;
    t.engine.images.tag(parseDockerRef(`busybox@${d}`), t.busybox.id);
    t.engine.images.tag(parseDockerRef(`mirror/box@${d}`), t.busybox.id);
    // A format using {{.Digest}} shows the digests of tagged repositories; digest-only ones get an empty DIGEST.
    const f = ['--format', '{{.Repository}} {{.Tag}} [{{.Digest}}]'];
    expect((await t.run(['images', ...f])).stdout).toBe(`busybox latest [${d}]\nmirror/box <none> []\n`);
    expect((await t.run(['images', '--format', '{{.Repository}} {{.Tag}}'])).stdout).toBe('busybox latest\nmirror/box <none>\n');
    expect((await t.run(['images', '--digests', ...f])).stdout).toBe(`busybox latest [${d}]\nmirror/box <none> [${d}]\n`);
    // --digests adds the DIGEST column to a custom table.
    expect((await t.run(['images', '--digests', '--format', 'table {{.Repository}}', 'busybox'])).stdout).toBe(`REPOSITORY   DIGEST\nbusybox      ${d}\n`);
  });

  it('empty store: just the header', async () => {
    const t = dockerTest();
    t.engine.images.untag(parseDockerRef('busybox'));
    t.engine.images.delete(t.busybox.id);
    expect((await t.run(['images'])).stdout).toBe('REPOSITORY   TAG       IMAGE ID   CREATED   SIZE\n');
  });

  it('json format marshals the fields in name order', async () => {
    const t = dockerTest();
    expect((await t.run(['images', '--format', 'json'])).stdout).toBe(
      `{"Containers":"N/A","CreatedAt":"2026-01-01 00:00:00 +0000 UTC","CreatedSince":"10 months ago","Digest":"<none>","ID":"${t.busybox.shortId}","Repository":"busybox","SharedSize":"N/A","Size":"${(await t.run(['images', '--format', '{{.Size}}'])).stdout.trim()}","Tag":"latest","UniqueSize":"N/A","VirtualSize":"${(await t.run(['images', '--format', '{{.Size}}'])).stdout.trim()}"}\n`,
    );
  });

  it('path.Match', () => {
    expect(pathMatch('my*', 'myapp')).toBe(true);
    expect(pathMatch('*', 'library/ubuntu')).toBe(false);
    expect(pathMatch('*/*', 'library/ubuntu')).toBe(true);
    expect(pathMatch('ubuntu:2?.04', 'ubuntu:24.04')).toBe(true);
    expect(pathMatch('[a-c]*', 'busybox')).toBe(true);
    expect(pathMatch('[^a-c]*', 'busybox')).toBe(false);
  });
});

describe('docker tag', () => {
  it('tags, moves tags, rejects bad targets and missing sources', async () => {
    const t = dockerTest();
    expect(await t.run(['tag', 'busybox', 'me/box:1.0'])).toMatchObject({ status: 0, stdout: '', stderr: '' });
    expect(t.engine.images.resolve('me/box:1.0').id).toBe(t.busybox.id);
    expect((await t.run(['tag', 'nope', 'x'])).stderr).toBe('Error response from daemon: No such image: nope:latest\n');
    expect((await t.run(['tag', 'busybox', `x@sha256:${'a'.repeat(64)}`])).stderr).toBe('refusing to create a tag with a digest reference\n');
    expect((await t.run(['tag', 'busybox', 'a:b:c'])).stderr).toBe('Error parsing reference: "a:b:c" is not a valid repository/tag: invalid reference format\n');
  });
});

describe('docker history', () => {
  it('committed image: IDs along the parent chain, then <missing>', async () => {
    const { t, img } = await withCommit();
    const bb = t.busybox;
    const out = (await t.run(['history', 'myapp:v1'])).stdout;
    const baseSize = bb.layers[0]!.size;
    const human = (n: number) => (n < 1000 ? `${n}B` : `${Number((n / 1000).toPrecision(3))}kB`);
    const lines = [
      ['IMAGE', 'CREATED', 'CREATED BY', 'SIZE', 'COMMENT'],
      [img.shortId, '10 seconds ago', 'sh -c echo hello > /hello.txt', '6B', 'say hello'],
      [bb.shortId, '10 months ago', '/bin/sh -c #(nop)  CMD ["sh"]', '0B', ''],
      ['<missing>', '10 months ago', '/bin/sh -c #(nop) ADD file:tiny in / ', human(baseSize), ''],
    ];
    const widths = [0, 1, 2, 3].map((i) => Math.max(10, ...lines.map((l) => l[i]!.length + 3)));
    const expected = lines.map((l) => l.map((c, i) => (i < 4 ? c.padEnd(widths[i]!) : c)).join('')).join('\n') + '\n';
    expect(out).toBe(expected);
    expect((await t.run(['history', '-q', 'myapp:v1'])).stdout).toBe(`${img.shortId}\n${bb.shortId}\n<missing>\n`);
    expect((await t.run(['image', 'history', '--no-trunc', '--format', '{{.ID}}', 'myapp:v1'])).stdout).toBe(`${img.id}\n${bb.id}\n<missing>\n`);
    expect((await t.run(['history', '-H=false', '--format', '{{.CreatedSince}}|{{.CreatedAt}}|{{.Size}}', 'myapp:v1'])).stdout).toBe(
      `2026-11-23T10:00:03Z|2026-11-23T10:00:03Z|6\n2026-01-01T00:00:00Z|2026-01-01T00:00:00Z|0\n2026-01-01T00:00:00Z|2026-01-01T00:00:00Z|${baseSize}\n`,
    );
    expect((await t.run(['history', '-H=false', 'busybox'])).stdout.split('\n')[0]).toBe(
      'IMAGE          CREATED AT             CREATED BY                              SIZE      COMMENT',
    );
  });

  it('CREATED BY is ellipsised to 45 cells unless --no-trunc', async () => {
    const t = dockerTest();
    const c = t.engine.createContainer(t.busybox, { imageRef: 'busybox', cmd: ['sh', '-c', 'echo a very long command line that goes on and on > /f'] });
    await c.start();
    await c.wait();
    await t.run(['commit', c.id, 'long']);
    expect((await t.run(['history', '--format', '{{.CreatedBy}}', 'long'])).stdout.split('\n')[0]).toBe('sh -c echo a very long command line that goe…');
    expect((await t.run(['history', '--no-trunc', '--format', '{{.CreatedBy}}', 'long'])).stdout.split('\n')[0]).toBe(
      'sh -c echo a very long command line that goes on and on > /f',
    );
  });
});

describe('docker history times', () => {
  it('entries at or before 2000-01-01 have a blank CREATED; CREATED AT is always RFC 3339', async () => {
    const { append } = await import('../../image/append');
    const t = dockerTest();
    const img = t.engine.images.add(
      append({ base: t.busybox, addenda: [{ history: { created: '1970-01-01T00:00:00Z', created_by: 'old step' } }], config: t.busybox.runConfig, created: '1970-01-01T00:00:00Z' }),
    );
    expect((await t.run(['history', '--format', '[{{.CreatedSince}}] {{.CreatedAt}}', img.id])).stdout.split('\n')[0]).toBe('[] 1970-01-01T00:00:00Z');
  });
});
