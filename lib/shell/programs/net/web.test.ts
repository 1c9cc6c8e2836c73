/** curl and wget reach the simulated web (engine/network/web.ts) by name, from the host and from containers. */
import { describe, expect, it } from 'vitest';
import { dockerTest } from '../../../engine/cli/testing/harness';
import { connectHost } from '../../../engine/host';
import { runCommand } from '../../testing/harness';

const RAW = 'https://raw.githubusercontent.com/docker-library/hello-world/master/amd64/hello-world/Dockerfile';
const GOSU = 'https://github.com/tianon/gosu/releases/download/1.17/gosu-amd64';

function host() {
  const t = dockerTest();
  connectHost(t.tm.machine, t.engine);
  return (cmd: string) => runCommand(t.tm, ['bash', '-c', cmd]);
}

describe('the simulated web', () => {
  it('curl fetches a known URL, shows a redirect without -L and follows it with -L', async () => {
    const sh = host();
    expect(await sh(`curl -s ${RAW}`)).toMatchObject({ status: 0, stdout: 'FROM scratch\nCOPY hello /\nCMD ["/hello"]\n' });
    const head = await sh(`curl -sI ${GOSU}`);
    expect(head.stdout).toBe('HTTP/1.1 302 Found\r\nLocation: https://objects.githubusercontent.com/github-production-release-asset-2e65be/19708981/gosu-amd64\r\nContent-Length: 0\r\n\r\n');
    expect((await sh(`curl -sL ${GOSU} | wc -c`)).stdout).toBe('2375680\n');
  });

  it('an unknown path is the site’s 404; an unknown name does not resolve', async () => {
    const sh = host();
    expect(await sh('curl -s -w " %{http_code}" https://github.com/nope')).toMatchObject({ stdout: 'Not Found 404' });
    expect(await sh('curl -sS https://nosuch.example/')).toMatchObject({ status: 6, stderr: 'curl: (6) Could not resolve host: nosuch.example\n' });
  });
});
