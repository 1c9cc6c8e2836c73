/**
 * ping over the simulated network: iputils (Debian/Ubuntu) or BusyBox wording. A running machine at the address
 * answers, and so does a public IPv4 address (echo replies from the Internet are simulated; names other than
 * localhost and /etc/hosts entries do not resolve). Sends once a second until -c COUNT or -w DEADLINE is
 * reached or Ctrl-C (SIGINT) arrives, then prints the statistics; exits 0 when any reply came, 1 when none, 2 on a
 * usage or name error. Round-trip times are small random values from the machine's (seeded) random source.
 */

import { SignalExit, type Program } from '../../../engine/process/Types';
import { BUSYBOX_BANNER } from '../lib/usage';
import { networkOf } from './client';

const BUSYBOX_USAGE = `${BUSYBOX_BANNER}\n\nUsage: ping [OPTIONS] HOST\n\nSend ICMP ECHO_REQUESTs to HOST\n\n\t-4,-6\t\tForce IP or IPv6 name resolution\n\t-c CNT\t\tSend only CNT pings\n\t-s SIZE\t\tSend SIZE data bytes in packets (default 56)\n\t-i SECS\t\tInterval\n\t-A\t\tPing as soon as reply is received\n\t-t TTL\t\tSet TTL\n\t-I IFACE/IP\tSource interface or IP address\n\t-W SEC\t\tSeconds to wait for the first response (default 10)\n\t\t\t(after all -c CNT packets are sent)\n\t-w SEC\t\tSeconds until ping exits (default:infinite)\n\t\t\t(can exit earlier with -c CNT)\n\t-q\t\tQuiet, only display output at start/finish\n\t-p HEXBYTE\tPattern to use for payload\n`;

export const ping: Program = async (ctx) => {
  const busybox = ctx.flavor === 'busybox';
  let count = Infinity;
  let deadline = Infinity;
  let interval = 1000;
  let quiet = false;
  let size = 56;
  let host: string | undefined;
  const args = ctx.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const m = /^-([cwWisqt4]+)(.*)$/.exec(a);
    if (m && a !== '-') {
      const letter = m[1]![0]!;
      if (letter === 'q' || letter === '4') {
        if (letter === 'q') quiet = true;
        continue;
      }
      const v = m[2] !== '' ? m[2]! : (m[1]!.length > 1 ? m[1]!.slice(1) : args[++i]);
      const n = Number(v);
      if (v === undefined || !Number.isFinite(n)) {
        await ctx.stderr.write(busybox ? `ping: invalid number '${v ?? ''}'\n` : `ping: invalid argument: '${v ?? ''}'\n`);
        return busybox ? 1 : 2;
      }
      if (letter === 'c') count = n;
      else if (letter === 'w') deadline = n * 1000;
      else if (letter === 'i') interval = n * 1000;
      else if (letter === 's') size = n;
      continue;
    }
    if (a.startsWith('-') && a !== '-') {
      await ctx.stderr.write(busybox ? `ping: unrecognized option '${a}'\n${BUSYBOX_USAGE}` : `ping: invalid option -- '${a.slice(1, 2)}'\n`);
      return busybox ? 1 : 2;
    }
    host = a;
  }
  if (host === undefined) {
    await ctx.stderr.write(busybox ? BUSYBOX_USAGE : 'ping: usage error: Destination address required\n');
    return busybox ? 1 : 2;
  }
  const net = networkOf(ctx);
  const address = net?.resolve(host) ?? (host === 'localhost' ? '127.0.0.1' : /^\d+\.\d+\.\d+\.\d+$/.test(host) ? host : null);
  if (address === null) {
    await ctx.stderr.write(busybox ? `ping: bad address '${host}'\n` : `ping: ${host}: Name or service not known\n`);
    return busybox ? 1 : 2;
  }
  await ctx.stdout.write(busybox ? `PING ${host} (${address}): ${size} data bytes\n` : `PING ${host} (${address}) ${size}(${size + 28}) bytes of data.\n`);
  const rtts: number[] = [];
  let sent = 0;
  const started = ctx.sys.clock.now();
  // Ctrl-C ends the run with the statistics, as both pings catch SIGINT.
  let interrupted = false;
  let wake: (() => void) | null = null;
  ctx.signals.setDisposition('SIGINT', () => {
    interrupted = true;
    wake?.();
  });
  const pause = (ms: number) =>
    new Promise<void>((resolve, reject) => {
      wake = resolve;
      ctx.sys.clock.sleep(ms, ctx.signals).then(resolve, (e: unknown) => (e instanceof SignalExit ? reject(e) : resolve()));
    });
  while (!interrupted && sent < count && ctx.sys.clock.now() - started < deadline) {
    const seq = sent;
    sent++;
    const where = net?.reachable(address) ?? null;
    if (where) {
      // Loopback answers faster than the bridge; Internet hosts are milliseconds away, several hops down (TTL).
      const [base, spread, ttl] = where === 'internet' ? [11, 4, 116] : address.startsWith('127.') ? [0.03, 0.06, 64] : [0.06, 0.06, 64];
      const rtt = Math.round((base + ctx.sys.random.next() * spread) * 1000) / 1000;
      rtts.push(rtt);
      // iputils prints fewer decimals as the time grows.
      const shown = rtt >= 100 ? rtt.toFixed(0) : rtt >= 10 ? rtt.toFixed(1) : rtt >= 1 ? rtt.toFixed(2) : rtt.toFixed(3);
      if (!quiet) await ctx.stdout.write(busybox ? `64 bytes from ${address}: seq=${seq} ttl=${ttl} time=${rtt.toFixed(3)} ms\n` : `64 bytes from ${address}: icmp_seq=${seq + 1} ttl=${ttl} time=${shown} ms\n`);
    }
    if (sent >= count) break;
    await pause(interval);
  }
  const received = rtts.length;
  const loss = sent === 0 ? 0 : Math.round(((sent - received) * 100) / sent);
  const min = Math.min(...rtts);
  const max = Math.max(...rtts);
  const avg = rtts.reduce((a, b) => a + b, 0) / Math.max(1, received);
  let out = `\n--- ${host} ping statistics ---\n`;
  if (busybox) {
    out += `${sent} packets transmitted, ${received} packets received, ${loss}% packet loss\n`;
    if (received > 0) out += `round-trip min/avg/max = ${min.toFixed(3)}/${avg.toFixed(3)}/${max.toFixed(3)} ms\n`;
  } else {
    const time = Math.max(0, ctx.sys.clock.now() - started) + (sent > 1 ? 1 : 0);
    out += `${sent} packets transmitted, ${received} received, ${loss}% packet loss, time ${time}ms\n`;
    if (received > 0) {
      const mdev = Math.sqrt(rtts.reduce((a, r) => a + (r - avg) ** 2, 0) / received);
      out += `rtt min/avg/max/mdev = ${min.toFixed(3)}/${avg.toFixed(3)}/${max.toFixed(3)}/${mdev.toFixed(3)} ms\n`;
    }
  }
  await ctx.stdout.write(out);
  return received > 0 ? 0 : 1;
};
