import { describe, expect, it } from 'vitest';
import { connectHost } from '../host';
import { dockerTest } from '../cli/testing/harness';
import { NETWORK } from './Network';
import { readAll } from '../process/streams';
import { decodeText } from '../process/text';
import { isNetError } from './errors';

function setup() {
  const t = dockerTest();
  connectHost(t.tm.machine, t.engine);
  const create = (name: string, hostConfig: Parameters<typeof t.engine.createContainer>[1]['hostConfig'], exposedPorts?: string[]) =>
    t.engine.createContainer(t.busybox, { imageRef: 'busybox', name, cmd: ['sleep', 'infinity'], hostConfig, ...(exposedPorts ? { exposedPorts } : {}) });
  return { t, create };
}

describe('published ports', () => {
  it('random host ports come sequentially from 32768, IPv4 and IPv6 alike; docker port and ps show them', async () => {
    const { t, create } = setup();
    const a = create('aa', { publishAllPorts: true }, ['80/tcp', '443/tcp']);
    const b = create('bb', { portBindings: { '80/tcp': [{ hostIp: '', hostPort: '' }] } });
    await a.start();
    await b.start();
    expect((await t.run(['port', 'aa'])).stdout).toBe('80/tcp -> 0.0.0.0:32768\n80/tcp -> [::]:32768\n443/tcp -> 0.0.0.0:32769\n443/tcp -> [::]:32769\n');
    expect((await t.run(['port', 'bb', '80'])).stdout).toBe('0.0.0.0:32770\n[::]:32770\n');
    expect((await t.run(['ps', '--format', '{{.Names}} {{.Ports}}'])).stdout).toBe(
      'bb 0.0.0.0:32770->80/tcp, [::]:32770->80/tcp\naa 0.0.0.0:32768->80/tcp, [::]:32768->80/tcp, 0.0.0.0:32769->443/tcp, [::]:32769->443/tcp\n',
    );
    expect((await t.run(['inspect', '-f', '{{json .NetworkSettings.Ports}} {{.NetworkSettings.IPAddress}}', 'bb'])).stdout).toBe(
      '{"80/tcp":[{"HostIp":"0.0.0.0","HostPort":"32770"},{"HostIp":"::","HostPort":"32770"}]} 172.17.0.3\n',
    );
    // HostConfig keeps what was asked for.
    expect((await t.run(['inspect', '-f', '{{json .HostConfig.PortBindings}}', 'bb'])).stdout).toBe('{"80/tcp":[{"HostIp":"","HostPort":""}]}\n');
  });

  it('docker port errors; a stopped container has no ports and releases them, the allocator moves on', async () => {
    const { t, create } = setup();
    const web = create('web', { portBindings: { '80/tcp': [{ hostIp: '', hostPort: '8080' }] } });
    await web.start();
    expect(await t.run(['port', 'web', '443'])).toMatchObject({ status: 1, stdout: '', stderr: "no public port '443' published for web\n" });
    expect(await t.run(['port', 'web', '80/udp'])).toMatchObject({ status: 1, stderr: "no public port '80/udp' published for web\n" });
    expect(await t.run(['port', 'web', 'http'])).toMatchObject({ status: 1, stderr: 'invalid port (http): strconv.ParseUint: parsing "http": invalid syntax\n' });
    expect(await t.run(['port', 'nope'])).toMatchObject({ status: 1, stderr: 'Error response from daemon: No such container: nope\n' });
    expect((await t.run(['port', 'web', '80/tcp'])).stdout).toBe('0.0.0.0:8080\n[::]:8080\n');
    await web.stop(0);
    expect(await t.run(['port', 'web'])).toMatchObject({ status: 0, stdout: '' });
    expect((await t.run(['inspect', '-f', '{{json .NetworkSettings.Ports}}', 'web'])).stdout).toBe('{}\n');
    const again = create('again', { portBindings: { '80/tcp': [{ hostIp: '', hostPort: '8080' }] } });
    await again.start();
    expect((await t.run(['port', 'again'])).stdout).toBe('80/tcp -> 0.0.0.0:8080\n80/tcp -> [::]:8080\n');
  });

  it('a taken host port fails the start with the daemon error and holds nothing', async () => {
    const { t, create } = setup();
    const one = create('one', { portBindings: { '80/tcp': [{ hostIp: '', hostPort: '8080' }] } });
    await one.start();
    const two = create('two', { portBindings: { '81/tcp': [{ hostIp: '', hostPort: '' }], '80/tcp': [{ hostIp: '', hostPort: '8080' }] } });
    const err = await two.start().then(
      () => null,
      (e: unknown) => e,
    );
    expect(String((err as Error).message)).toMatch(
      /^failed to set up container networking: driver failed programming external connectivity on endpoint two \([0-9a-f]{64}\): Bind for 0\.0\.0\.0:8080 failed: port is already allocated$/,
    );
    expect(two.running).toBe(false);
    // The random port tried for 81 was given back: the next random binding still gets 32768.
    const three = create('three', { portBindings: { '80/tcp': [{ hostIp: '127.0.0.1', hostPort: '' }] } });
    await three.start();
    expect((await t.run(['port', 'three'])).stdout).toBe('80/tcp -> 127.0.0.1:32768\n');
    // A specific address does not clash with another specific address, but does with the wildcard.
    const four = create('four', { portBindings: { '80/tcp': [{ hostIp: '127.0.0.2', hostPort: '32768' }] } });
    await four.start();
    const five = create('five', { portBindings: { '80/tcp': [{ hostIp: '', hostPort: '32768' }] } });
    await expect(five.start()).rejects.toThrow(/Bind for 0\.0\.0\.0:32768 failed: port is already allocated$/);
  });
});

describe('sockets', () => {
  it('a container that stops mid-request closes its connections: the client reads end of input', async () => {
    const { t, create } = setup();
    const web = create('web', {});
    await web.start();
    const listener = web.machine!.service(NETWORK)!.listen(80);
    const host = t.tm.machine.service(NETWORK)!;
    const c = host.connect(web.ipAddress, 80);
    const accepted = await listener.accept();
    expect(accepted).not.toBe(null);
    await c.output.write('GET / HTTP/1.1\r\n\r\n');
    await web.stop(0);
    expect(await c.input.read()).toBe(null);
  });

  it('host → container by IP and through a published port; refused when nothing listens; reset behind a published port', async () => {
    const { t, create } = setup();
    const web = create('web', { portBindings: { '80/tcp': [{ hostIp: '', hostPort: '8080' }] } });
    await web.start();
    const inside = web.machine!.service(NETWORK)!;
    const host = t.tm.machine.service(NETWORK)!;
    // Nothing listens yet: docker-proxy accepts and resets.
    const early = host.connect('127.0.0.1', 8080);
    await expect(early.input.read()).rejects.toSatisfy((e: unknown) => isNetError(e, 'ECONNRESET'));
    expect(() => host.connect('127.0.0.1', 9999)).toThrow(expect.objectContaining({ code: 'ECONNREFUSED' }));
    expect(() => host.connect('172.17.0.99', 80)).toThrow(expect.objectContaining({ code: 'EHOSTUNREACH' }));
    const listener = inside.listen(80);
    expect(() => inside.listen(80, '127.0.0.1')).toThrow(expect.objectContaining({ code: 'EADDRINUSE' }));
    const serve = (async () => {
      for (;;) {
        const s = await listener.accept();
        if (!s) return;
        const got = decodeText((await s.input.read())!);
        await s.output.write(`echo ${got} from ${s.remote.address}`);
        s.close();
      }
    })();
    for (const [addr, port] of [
      ['127.0.0.1', 8080],
      [web.ipAddress, 80],
    ] as const) {
      const c = host.connect(addr, port);
      await c.output.write('hi');
      c.output.close();
      // docker-proxy connects from the gateway, so the container sees 172.17.0.1 either way.
      expect(decodeText(await readAll(c.input))).toBe('echo hi from 172.17.0.1');
    }
    // Inside the container, localhost is the container itself; the host's published port is at the gateway.
    const self = inside.connect('127.0.0.1', 80);
    await self.output.write('me');
    expect(decodeText(await readAll(self.input))).toBe('echo me from 127.0.0.1');
    expect(inside.resolve('localhost')).toBe('127.0.0.1');
    expect(inside.resolve(web.shortId)).toBe(web.ipAddress);
    expect(inside.resolve('web')).toBe(null);
    await web.stop(0);
    await serve;
    expect(() => host.connect('127.0.0.1', 8080)).toThrow(expect.objectContaining({ code: 'ECONNREFUSED' }));
    expect(() => host.connect(web.ipAddress, 80)).toThrow(expect.objectContaining({ code: 'EHOSTUNREACH' }));
  });
});
