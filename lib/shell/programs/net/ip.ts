/**
 * ip (iproute2): `ip addr`, `ip link` and `ip route` for the machine's interfaces: loopback plus one Ethernet
 * interface per address the network gives it (a container's eth0 on a Docker bridge, /16, gateway .1, MAC
 * 02:42 followed by the IPv4 bytes as Docker assigns them). Changing interfaces needs CAP_NET_ADMIN, which a
 * container does not have: `RTNETLINK answers: Operation not permitted`.
 */

import type { Program, ProcessContext } from '../../../engine/process/Types';
import { NETWORK } from '../../../engine/network/Network';
import { isContainer } from '../lib/machine';

interface Iface {
  readonly name: string;
  readonly index: number;
  readonly address: string;
}

function interfaces(ctx: ProcessContext): Iface[] {
  const addrs = ctx.sys.service(NETWORK)?.addresses ?? [];
  return addrs.map((address, i) => ({ name: `eth${i}`, index: i + 2, address }));
}

const mac = (ip: string) => `02:42:${ip.split('.').map((n) => Number(n).toString(16).padStart(2, '0')).join(':')}`;
const net16 = (ip: string) => ip.split('.').slice(0, 2).join('.');

function linkLines(ctx: ProcessContext, i: Iface): string {
  const peer = isContainer(ctx) ? `@if${i.index + 5}` : '';
  return `${i.index}: ${i.name}${peer}: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP ${isContainer(ctx) ? 'group default ' : 'mode DEFAULT group default qlen 1000'}\n    link/ether ${mac(i.address)} brd ff:ff:ff:ff:ff:ff${isContainer(ctx) ? ' link-netnsid 0' : ''}\n`;
}

const LO_LINK = '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n';
const LO_ADDR = '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n    inet 127.0.0.1/8 scope host lo\n       valid_lft forever preferred_lft forever\n';

export const ip: Program = async (ctx) => {
  const args = ctx.argv.slice(1).filter((a) => !/^-(4|6|c|color|br|brief)$/.test(a));
  const [object = 'help', command = 'show'] = args;
  const ifaces = interfaces(ctx);
  const match = (o: string, full: string) => o.length > 0 && full.startsWith(o);
  if (match(object, 'address') || object === 'a' || object === 'addr') {
    if (!['show', 'list', 'ls', 'sh', 's', 'l'].includes(command)) return refuse(ctx);
    let out = LO_ADDR;
    for (const i of ifaces) {
      const withPeer = linkLines(ctx, i).replace(' mode DEFAULT', '');
      out += `${withPeer}    inet ${i.address}/16 brd ${net16(i.address)}.255.255 scope global ${i.name}\n       valid_lft forever preferred_lft forever\n`;
    }
    await ctx.stdout.write(out);
    return 0;
  }
  if (match(object, 'link') || object === 'l') {
    if (!['show', 'list', 'ls', 'sh', 's', 'l'].includes(command)) return refuse(ctx);
    await ctx.stdout.write(LO_LINK + ifaces.map((i) => linkLines(ctx, i).replace('group default ', 'mode DEFAULT group default ')).join(''));
    return 0;
  }
  if (match(object, 'route') || object === 'r') {
    if (!['show', 'list', 'ls', 'sh', 's', 'l'].includes(command)) return refuse(ctx);
    let out = '';
    const first = ifaces[0];
    if (first) out += `default via ${net16(first.address)}.0.1 dev ${first.name} \n`;
    for (const i of ifaces) out += `${net16(i.address)}.0.0/16 dev ${i.name} proto kernel scope link src ${i.address} \n`;
    await ctx.stdout.write(out);
    return 0;
  }
  if (object === 'help' || object === '-h') {
    await ctx.stderr.write('Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n       ip [ -force ] -batch filename\nwhere  OBJECT := { address | addrlabel | amt | fou | help | ila | ioam | l2tp | link |\n                   macsec | maddress | monitor | mptcp | mroute | mrule |\n                   neighbor | neighbour | netconf | netns | nexthop | ntable |\n                   ntbl | route | rule | sr | tap | tcpmetrics |\n                   token | tunnel | tuntap | vrf | xfrm }\n');
    return object === 'help' ? 0 : 255;
  }
  await ctx.stderr.write(`Object "${object}" is unknown, try "ip help".\n`);
  return 1;
};

async function refuse(ctx: ProcessContext): Promise<number> {
  await ctx.stderr.write('RTNETLINK answers: Operation not permitted\n');
  return 2;
}
