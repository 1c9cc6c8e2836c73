/** netstat, route and ifconfig inside a container running nginx, as `docker exec` shows them (net-tools 2.10). */
import { describe, expect, it } from 'vitest';
import { dockerTest } from '../../../engine/cli/testing/harness';
import { yieldNow } from '../../../engine/process/scheduler';
import { imageWith, nginxImage } from './testing/images';
import { NETSTAT_USAGE, ROUTE_AF_TAIL, ROUTE_USAGE } from './nettools-usage';
import { SS_USAGE } from './ss-usage';

async function nginxWithNetTools(cmd: string[] = ['nginx', '-g', 'daemon off;']) {
  const t = dockerTest();
  const tools = { '/bin/netstat': { program: 'netstat' }, '/sbin/route': { program: 'route' }, '/sbin/ifconfig': { program: 'ifconfig' }, '/bin/ss': { program: 'ss' }, '/etc/services': 'http\t\t80/tcp\t\t\t\t# WorldWideWeb HTTP\n' };
  const image = imageWith(nginxImage(t.busybox), tools, { Env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], Cmd: cmd });
  const web = t.engine.createContainer(image, { imageRef: 'nginx', name: 'web' });
  await web.start();
  for (let i = 0; i < 50 && !web.logs.all().some((e) => new TextDecoder().decode(e.data).includes('start worker process')); i++) await yieldNow();
  const exec = (...argv: string[]) => t.run(['exec', 'web', ...argv]);
  return { t, web, exec };
}

const SERVERS = 'Active Internet connections (only servers)\n';
const HEAD = 'Proto Recv-Q Send-Q Local Address           Foreign Address         State      ';

describe('netstat', () => {
  it('-tlnp shows nginx listening on 0.0.0.0:80 as PID 1 with its retitled command line', async () => {
    const { exec } = await nginxWithNetTools();
    expect(await exec('netstat', '-tlnp')).toMatchObject({
      status: 0,
      stderr: '',
      stdout: `${SERVERS}${HEAD} PID/Program name    \ntcp        0      0 0.0.0.0:80              0.0.0.0:*               LISTEN      1/nginx: master pro \n`,
    });
    expect((await exec('netstat', '-tln')).stdout).toBe(`${SERVERS}${HEAD}\ntcp        0      0 0.0.0.0:80              0.0.0.0:*               LISTEN     \n`);
    // Without -n the port is named from /etc/services.
    expect((await exec('netstat', '--tcp', '--listening')).stdout).toBe(`${SERVERS}${HEAD}\ntcp        0      0 0.0.0.0:http            0.0.0.0:*               LISTEN     \n`);
  });

  it('a daemonized nginx: the forked master holds the socket', async () => {
    const { exec } = await nginxWithNetTools(['sh', '-c', 'nginx && exec sleep 1000']);
    const r = await exec('netstat', '-tlnp');
    expect(r.stdout.split('\n')[2]).toBe('tcp        0      0 0.0.0.0:80              0.0.0.0:*               LISTEN      3/nginx: master pro ');
  });

  it('-p as another user: no process info, and the warning net-tools prints', async () => {
    const { t } = await nginxWithNetTools();
    const r = await t.run(['exec', '-u', '65534', 'web', 'netstat', '-tlnp']);
    expect(r.stderr).toBe('(No info could be read for "-p": geteuid()=65534 but you should be root.)\n');
    expect(r.stdout.split('\n')[2]).toBe('tcp        0      0 0.0.0.0:80              0.0.0.0:*               LISTEN      -                   ');
  });

  it('-an adds the (empty) UNIX socket section; -r and -rn print the routing table', async () => {
    const { exec } = await nginxWithNetTools();
    expect((await exec('netstat', '-an')).stdout).toBe(
      'Active Internet connections (servers and established)\n' +
        `${HEAD}\ntcp        0      0 0.0.0.0:80              0.0.0.0:*               LISTEN     \n` +
        'Active UNIX domain sockets (servers and established)\nProto RefCnt Flags       Type       State         I-Node   Path\n',
    );
    const table = (dest: string) =>
      'Kernel IP routing table\nDestination     Gateway         Genmask         Flags   MSS Window  irtt Iface\n' +
      `${dest.padEnd(15)} 172.17.0.1      0.0.0.0         UG        0 0          0 eth0\n172.17.0.0      0.0.0.0         255.255.0.0     U         0 0          0 eth0\n`;
    expect((await exec('netstat', '-r')).stdout).toBe(table('default'));
    expect((await exec('netstat', '-rn')).stdout).toBe(table('0.0.0.0'));
  });

  it('a bad option prints the usage and exits 3', async () => {
    const { exec } = await nginxWithNetTools();
    expect(await exec('netstat', '-z')).toMatchObject({ status: 3, stdout: '', stderr: `netstat: invalid option -- 'z'\n${NETSTAT_USAGE}` });
  });
});

describe('route', () => {
  it('route -n: the default route via the bridge gateway and the bridge subnet', async () => {
    const { exec } = await nginxWithNetTools();
    const body = 'Destination     Gateway         Genmask         Flags Metric Ref    Use Iface\n';
    expect((await exec('route', '-n')).stdout).toBe(
      `Kernel IP routing table\n${body}0.0.0.0         172.17.0.1      0.0.0.0         UG    0      0        0 eth0\n172.17.0.0      0.0.0.0         255.255.0.0     U     0      0        0 eth0\n`,
    );
    expect((await exec('route')).stdout.split('\n')[2]).toBe('default         172.17.0.1      0.0.0.0         UG    0      0        0 eth0');
    expect(await exec('route', '-z')).toMatchObject({ status: 0, stdout: ROUTE_USAGE, stderr: `route: invalid option -- 'z'\n${ROUTE_AF_TAIL}` });
  });
});

describe('ifconfig', () => {
  it('eth0 with the container address and MAC, then lo; one interface by name; unknown ones', async () => {
    const { exec } = await nginxWithNetTools();
    const eth0 =
      'eth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500\n        inet 172.17.0.2  netmask 255.255.0.0  broadcast 172.17.255.255\n        ether 02:42:ac:11:00:02  txqueuelen 0  (Ethernet)\n' +
      '        RX packets 0  bytes 0 (0.0 B)\n        RX errors 0  dropped 0  overruns 0  frame 0\n        TX packets 0  bytes 0 (0.0 B)\n        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0\n\n';
    const all = await exec('ifconfig');
    expect(all.stdout.startsWith(eth0)).toBe(true);
    expect(all.stdout.slice(eth0.length).split('\n').slice(0, 3)).toEqual(['lo: flags=73<UP,LOOPBACK,RUNNING>  mtu 65536', '        inet 127.0.0.1  netmask 255.0.0.0', '        loop  txqueuelen 1000  (Local Loopback)']);
    expect((await exec('ifconfig', 'eth0')).stdout).toBe(eth0);
    expect(await exec('ifconfig', 'eth9')).toMatchObject({ status: 1, stdout: '', stderr: 'eth9: error fetching interface information: Device not found\n' });
    expect(await exec('ifconfig', '-z')).toMatchObject({ status: 1, stderr: "ifconfig: option `-z' not recognised.\nifconfig: `--help' gives usage information.\n" });
  });
});

describe('ss', () => {
  it('-tln / -tlnp / -tl: columns as wide as their widest cell, the backlog nginx asked for, its process (root only)', async () => {
    const { t, exec } = await nginxWithNetTools();
    expect((await exec('ss', '-tln')).stdout).toBe('State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\nLISTEN 0      511          0.0.0.0:80        0.0.0.0:*          \n');
    expect((await exec('ss', '-tlnp')).stdout).toBe(
      'State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess                      \nLISTEN 0      511          0.0.0.0:80        0.0.0.0:*    users:(("nginx",pid=1,fd=3))\n',
    );
    expect((await t.run(['exec', '-u', '65534', 'web', 'ss', '-tlnp'])).stdout).toBe((await exec('ss', '-tln')).stdout);
    expect((await exec('ss', '-tl')).stdout.split('\n')[1]).toBe('LISTEN 0      511          0.0.0.0:http      0.0.0.0:*          ');
    // Two socket types asked for: the Netid column appears. Nothing is connected, so plain ss lists nothing.
    expect((await exec('ss', '-tuln')).stdout).toBe('Netid State  Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\ntcp   LISTEN 0      511          0.0.0.0:80        0.0.0.0:*          \n');
    expect((await exec('ss', '-tn')).stdout).toBe('State Recv-Q Send-Q Local Address:Port Peer Address:PortProcess\n');
  });

  it('-s sums the sockets; a bad option prints the usage and exits 255', async () => {
    const { exec } = await nginxWithNetTools();
    expect((await exec('ss', '-s')).stdout).toBe(
      'Total: 1\nTCP:   1 (estab 0, closed 0, orphaned 0, timewait 0)\n\nTransport Total     IP        IPv6\n' +
        'RAW\t  0         0         0        \nUDP\t  0         0         0        \nTCP\t  1         1         0        \nINET\t  1         1         0        \nFRAG\t  0         0         0        \n\n',
    );
    expect(await exec('ss', '-j')).toMatchObject({ status: 255, stdout: '', stderr: `ss: invalid option -- 'j'\n${SS_USAGE}` });
    expect((await exec('ss', '--bogus')).stderr.split('\n')[0]).toBe("ss: unrecognized option '--bogus'");
  });
});
