/** `ADD <url>` over the simulated web, in both builders (docker.md §5.1, §6.6). */
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../format/digest';
import { OverlayFs } from '../../fs/OverlayFs';
import { SIMULATED_WEB } from '../../network/web';
import { dockerTest, type DockerTest } from '../testing/harness';

const APP = '/home/learner/app';
const CLASSIC = { DOCKER_BUILDKIT: '0' };
const GOSU = 'https://github.com/tianon/gosu/releases/download/1.17/gosu-amd64';
const NODE = 'https://nodejs.org/dist/v20.18.3/node-v20.18.3-linux-x64.tar.gz';

function setup(dockerfile: string): DockerTest {
  const t = dockerTest();
  t.tm.fs.mkdir(APP, 0o755);
  t.tm.fs.writeFile(`${APP}/Dockerfile`, new TextEncoder().encode(dockerfile));
  return t;
}

const build = (t: DockerTest, args: string[], env: Record<string, string> = {}) => t.run(['build', '--progress=plain', ...args], { cwd: APP, env });
/** A file of a built image, read through its merged layers (the tiny BusyBox has no stat or tar). */
function fileIn(t: DockerTest, image: string, path: string) {
  const fs = new OverlayFs({ image: t.engine.images.resolve(image).merged(), now: () => 0 });
  const st = fs.lstat(path);
  return { mode: (st.mode & 0o7777).toString(8), size: st.size, mtime: st.mtimeMs / 1000, uid: st.uid, data: fs.readFile(path) };
}

describe('ADD <url> (BuildKit)', () => {
  it('downloads through its own vertex, writes the file 0600 with Last-Modified as mtime, and caches by content', async () => {
    const t = setup(`FROM busybox\nADD ${GOSU} /usr/local/bin/gosu\nRUN chmod +x /usr/local/bin/gosu\n`);
    const r = await build(t, ['-t', 'g', '.']);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`#4 CACHED\n\n#5 ${GOSU}\n#5 DONE 0.0s\n\n#6 [2/3] ADD ${GOSU} /usr/local/bin/gosu\n#6 DONE 0.0s\n`);
    // gosu-amd64's Last-Modified: Thu, 26 Oct 2023 17:22:45 GMT.
    const f = fileIn(t, 'g', '/usr/local/bin/gosu');
    // 0600 as downloaded, then chmod +x: 0711.
    expect([f.mode, f.size, f.uid]).toEqual(['711', 2375680, 0]);
    expect(fileIn(t, 'g', '/usr/local/bin/gosu').mtime).toBe(Date.UTC(2023, 9, 26, 17, 22, 45) / 1000);
    // The download is the real program: its usage text.
    expect((await t.run(['run', '--rm', 'g', 'gosu'])).stderr).toContain('Usage: gosu user-spec command [args]');

    const again = await build(t, ['-t', 'g', '.']);
    expect(again.stderr).toContain(`#5 ${GOSU}\n#5 DONE 0.0s\n\n#6 [2/3] ADD ${GOSU} /usr/local/bin/gosu\n#6 CACHED\n`);
    const h = await t.run(['history', '--format', '{{.CreatedBy}}', '--no-trunc', 'g']);
    expect(h.stdout.split('\n')[1]).toBe(`ADD ${GOSU} /usr/local/bin/gosu # buildkit`);
  });

  it('never extracts a downloaded archive; a trailing-slash destination keeps the URL file name; --chmod applies', async () => {
    const t = setup(`FROM busybox\nADD --chmod=644 ${NODE} /opt/\n`);
    expect((await build(t, ['-t', 'n', '.'])).status).toBe(0);
    expect((await t.run(['run', '--rm', 'n', 'ls', '-l', '/opt'])).stdout).toMatch(/^total \d+\n-rw-r--r-- +1 root +root +\d+ Feb 11 {2}2025 node-v20\.18\.3-linux-x64\.tar\.gz\n$/);
    const body = SIMULATED_WEB.request('nodejs.org', '/dist/v20.18.3/node-v20.18.3-linux-x64.tar.gz')!.body;
    expect(fileIn(t, 'n', '/opt/node-v20.18.3-linux-x64.tar.gz').data).toEqual(body);
  });

  it('--checksum: the right digest builds, a wrong one fails with digest mismatch; non-URL sources are refused', async () => {
    const body = SIMULATED_WEB.request('nodejs.org', '/dist/v20.18.3/node-v20.18.3-linux-x64.tar.gz')!.body;
    const good = sha256(body);
    const bad = `sha256:${'0'.repeat(64)}`;
    const t = setup(`FROM busybox\nADD --checksum=${good} ${NODE} /node.tgz\n`);
    expect((await build(t, ['.'])).status).toBe(0);

    t.tm.fs.writeFile(`${APP}/Dockerfile`, new TextEncoder().encode(`FROM busybox\nADD --checksum=${bad} ${NODE} /node.tgz\n`));
    const r = await build(t, ['.']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`#5 ${NODE}\n#5 ERROR: digest mismatch ${good}: ${bad}\n------\n > ${NODE}:\n------\n`);
    expect(r.stderr.endsWith(`ERROR: failed to build: failed to solve: digest mismatch ${good}: ${bad}\n`)).toBe(true);

    t.tm.fs.writeFile(`${APP}/Dockerfile`, new TextEncoder().encode(`FROM busybox\nADD --checksum=${good} Dockerfile /x\n`));
    const local = await build(t, ['.']);
    expect(local.status).toBe(1);
    expect(local.stderr.endsWith('ERROR: failed to build: failed to solve: checksum requires HTTP(S) or Git sources\n')).toBe(true);
  });

  it('a 404 fails the http source vertex: invalid response status 404, with the Dockerfile excerpt', async () => {
    const url = 'https://github.com/tianon/gosu/releases/download/9.9/gosu-amd64';
    const t = setup(`FROM busybox\nADD ${url} /gosu\n`);
    const r = await build(t, ['-t', 'x', '.']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      [
        `#5 ${url}`,
        '#5 ERROR: invalid response status 404',
        '------',
        ` > ${url}:`,
        '------',
        'Dockerfile:2',
        '--------------------',
        '   1 |     FROM busybox',
        `   2 | >>> ADD ${url} /gosu`,
        '   3 |     ',
        '--------------------',
        'ERROR: failed to build: failed to solve: failed to load cache key: invalid response status 404',
        '',
      ].join('\n'),
    );
    expect((await t.run(['image', 'inspect', 'x'])).status).toBe(1);
  });

  it('an unknown host does not resolve', async () => {
    const t = setup('FROM busybox\nADD https://nosuch.example/f /f\n');
    const r = await build(t, ['.']);
    expect(r.stderr.endsWith('ERROR: failed to build: failed to solve: failed to load cache key: Get "https://nosuch.example/f": dial tcp: lookup nosuch.example on 127.0.0.53:53: no such host\n')).toBe(true);
  });
});

describe('ADD <url> (classic builder)', () => {
  it('downloads on every build (the content is the cache key) and shows the download', async () => {
    const t = setup(`FROM busybox\nADD ${GOSU} /gosu\n`);
    const r = await build(t, ['-t', 'g', '.'], CLASSIC);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Sending build context to Docker daemon {2}2\.048kB\nStep 1\/2 : FROM busybox\n ---> [0-9a-f]{12}\nStep 2\/2 : ADD https:\/\/github\.com\/tianon\/gosu\/releases\/download\/1\.17\/gosu-amd64 \/gosu\n\n ---> [0-9a-f]{12}\nSuccessfully built/);
    const f = fileIn(t, 'g', '/gosu');
    expect([f.mode, f.size]).toEqual(['600', 2375680]);
    const h = await t.run(['history', '--format', '{{.CreatedBy}}', '--no-trunc', 'g']);
    expect(h.stdout.split('\n')[0]).toMatch(/^\/bin\/sh -c #\(nop\) ADD file:[0-9a-f]{64} in \/gosu $/);
    const again = await build(t, ['-t', 'g', '.'], CLASSIC);
    expect(again.stdout).toContain(' ---> Using cache\n');
  });

  it('a 404 is ADD failed: failed to GET … with status 404 Not Found: <body>', async () => {
    const url = 'https://raw.githubusercontent.com/docker-library/hello-world/master/nope.txt';
    const t = setup(`FROM busybox\nADD ${url} /x\n`);
    const r = await build(t, ['.'], CLASSIC);
    expect(r.status).toBe(1);
    expect(r.stderr.endsWith(`ADD failed: failed to GET ${url} with status 404 Not Found: 404: Not Found\n`)).toBe(true);
  });

  it('COPY refuses URLs in both builders', async () => {
    const t = setup(`FROM busybox\nCOPY ${GOSU} /gosu\n`);
    expect((await build(t, ['.'], CLASSIC)).stderr.endsWith("source can't be a URL for COPY\n")).toBe(true);
    expect((await build(t, ['.'])).stderr.endsWith("ERROR: failed to build: failed to solve: source can't be a URL for COPY\n")).toBe(true);
  });
});
