/** ip addr/link/route in a container on a Docker bridge, and changes refused without CAP_NET_ADMIN. */
import { describe, expect, it } from 'vitest';
import { createTestMachine, runCommand } from '../../testing/harness';
import { NETWORK, type NetStack } from '../../../engine/network/Network';

const unused = (): never => {
  throw new Error('not used by ip');
};

function container(addresses: string[]) {
  const tm = createTestMachine();
  tm.fs.writeFile('/.dockerenv', new Uint8Array(0));
  const net: NetStack = { addresses, resolve: () => null, listen: unused, connect: unused, reachable: () => null };
  tm.machine.provide(NETWORK, net);
  return tm;
}

describe('ip', () => {
  it('shows lo and eth0 with the container address', async () => {
    const tm = container(['172.17.0.2']);
    expect((await runCommand(tm, ['ip', 'addr'])).stdout).toBe(
      '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n    inet 127.0.0.1/8 scope host lo\n       valid_lft forever preferred_lft forever\n' +
        '2: eth0@if7: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default \n    link/ether 02:42:ac:11:00:02 brd ff:ff:ff:ff:ff:ff link-netnsid 0\n    inet 172.17.0.2/16 brd 172.17.255.255 scope global eth0\n       valid_lft forever preferred_lft forever\n',
    );
    expect((await runCommand(tm, ['ip', 'route'])).stdout).toBe('default via 172.17.0.1 dev eth0 \n172.17.0.0/16 dev eth0 proto kernel scope link src 172.17.0.2 \n');
    expect((await runCommand(tm, ['ip', 'link'])).stdout).toContain('2: eth0@if7: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default \n');
    expect(await runCommand(tm, ['ip', 'link', 'set', 'eth0', 'down'], { user: 'root' })).toMatchObject({ status: 2, stderr: 'RTNETLINK answers: Operation not permitted\n' });
    expect(await runCommand(tm, ['ip', 'bogus'])).toMatchObject({ status: 1, stderr: 'Object "bogus" is unknown, try "ip help".\n' });
  });
  it('with --network none there is only lo', async () => {
    const tm = container([]);
    expect((await runCommand(tm, ['ip', 'route'])).stdout).toBe('');
    expect((await runCommand(tm, ['ip', 'a'])).stdout.split('\n')[0]).toBe('1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000');
  });
});
