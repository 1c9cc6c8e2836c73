/**
 * The ports seed workflow through the docker CLI: `docker run -d -p 8080:80 --name web nginx; docker port web;
 * curl localhost:8080`, then -P, ps, a clash, stop. The nginx image is the test image with the official image's
 * configuration files (testing/images.ts), tagged `nginx`.
 */
import { describe, expect, it } from 'vitest';
import { dockerTest } from '../../../engine/cli/testing/harness';
import { parseDockerRef } from '../../../engine/format/reference';
import { connectHost } from '../../../engine/host';
import { runCommand } from '../../testing/harness';
import { catalogFile, nginxImage } from './testing/images';
import { untilLogged } from './testing/wait';

function setup() {
  const t = dockerTest();
  connectHost(t.tm.machine, t.engine);
  const nginx = t.engine.images.add(nginxImage(t.busybox));
  t.engine.images.tag(parseDockerRef('nginx'), nginx.id);
  // The learner's terminal: curl shows no progress meter when the body goes to a terminal.
  const curl = (...args: string[]) => runCommand(t.tm, ['curl', ...args], { stdoutIsTTY: true });
  return { t, curl };
}

describe('ports seed workflow', () => {
  it('docker run -d -p 8080:80 --name web nginx; docker port web; curl localhost:8080', async () => {
    const { t, curl } = setup();
    const run = await t.run(['run', '-d', '-p', '8080:80', '--name', 'web', 'nginx']);
    expect(run).toMatchObject({ status: 0, stderr: '' });
    expect(run.stdout).toMatch(/^[0-9a-f]{64}\n$/);
    const web = t.engine.containers.resolve('web');
    await untilLogged(web, 'start worker process');
    expect(await t.run(['port', 'web'])).toMatchObject({ status: 0, stdout: '80/tcp -> 0.0.0.0:8080\n80/tcp -> [::]:8080\n' });
    expect(await curl('localhost:8080')).toMatchObject({ status: 0, stdout: catalogFile('nginx/index.html'), stderr: '' });
    expect((await t.run(['ps', '--format', '{{.Names}}\t{{.Ports}}\t{{.Status}}'])).stdout).toBe('web\t0.0.0.0:8080->80/tcp, [::]:8080->80/tcp\tUp Less than a second\n');
    expect((await t.run(['logs', 'web'])).stdout).toBe('172.17.0.1 - - [23/Nov/2026:10:00:00 +0000] "GET / HTTP/1.1" 200 615 "-" "curl/7.88.1" "-"\n');
  });

  it('-P picks 32768 then 32769; a second -p 8080 fails as Docker does; a stopped container refuses', async () => {
    const { t, curl } = setup();
    expect((await t.run(['run', '-d', '-p', '8080:80', '--name', 'web', 'nginx'])).status).toBe(0);
    expect((await t.run(['run', '-d', '-P', '--name', 'a1', 'nginx'])).status).toBe(0);
    expect((await t.run(['run', '-d', '-P', '--name', 'a2', 'nginx'])).status).toBe(0);
    expect((await t.run(['port', 'a1', '80'])).stdout).toBe('0.0.0.0:32768\n[::]:32768\n');
    expect((await t.run(['port', 'a2'])).stdout).toBe('80/tcp -> 0.0.0.0:32769\n80/tcp -> [::]:32769\n');
    await untilLogged(t.engine.containers.resolve('a2'), 'start worker process');
    expect((await curl('-s', '-o', '/dev/null', '-w', '%{http_code}', 'localhost:32769')).stdout).toBe('200');
    const clash = await t.run(['run', '-d', '-p', '8080:80', '--name', 'web2', 'nginx']);
    // (Docker's CLI prints the ID of the created container before the start fails; what run prints on stdout here is
    // the run command's business, so only the error is pinned.)
    expect(clash.status).toBe(125);
    expect(t.engine.containers.resolve('web2').state.status).toBe('created');
    expect(clash.stderr).toMatch(
      /^docker: Error response from daemon: failed to set up container networking: driver failed programming external connectivity on endpoint web2 \([0-9a-f]{64}\): Bind for 0\.0\.0\.0:8080 failed: port is already allocated\n\nRun 'docker run --help' for more information\n$/,
    );
    expect(await t.run(['run', '-p', '8080:abc', 'nginx'])).toMatchObject({ status: 125, stdout: '', stderr: "docker: invalid containerPort: abc\n\nRun 'docker run --help' for more information\n" });
    expect((await t.run(['stop', 'a2'])).status).toBe(0);
    expect((await curl('-sS', 'localhost:32769')).stderr).toBe("curl: (7) Failed to connect to localhost port 32769 after 0 ms: Couldn't connect to server\n");
    // Started again, it gets the next free port: the allocator does not go back to 32769 at once.
    expect((await t.run(['start', 'a2'])).status).toBe(0);
    expect((await t.run(['port', 'a2', '80/tcp'])).stdout).toBe('0.0.0.0:32770\n[::]:32770\n');
  });
});
