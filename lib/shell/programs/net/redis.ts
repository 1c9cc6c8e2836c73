/**
 * redis-server 7.4 (in-memory strings and keys over RESP2 on port 6379: PING ECHO SET GET DEL EXISTS INCR DECR
 * KEYS DBSIZE FLUSHALL QUIT, others get Redis's unknown-command error) with its startup and shutdown log lines on
 * stdout; and redis-cli (-h -p, one command from the arguments or an interactive prompt on a terminal).
 */

import { ByteReader } from '../../../engine/network/http';
import { isNetError } from '../../../engine/network/errors';
import { NETWORK } from '../../../engine/network/Network';
import type { Socket } from '../../../engine/network/socket';
import type { ProcessContext, Program } from '../../../engine/process/Types';
import { networkOf } from './client';
import { stopSignal } from './daemon';
import { encodeCommand, encodeResp, formatReply, readResp, type RespValue } from './resp';

const VERSION = '7.4.2';
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `1:M 23 Nov 2026 10:00:00.000 * text` */
function logLine(pid: number, role: string, ms: number, level: string, text: string): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${pid}:${role} ${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${String(d.getUTCMilliseconds()).padStart(3, '0')} ${level} ${text}\n`;
}

function execute(db: Map<string, string>, args: readonly string[]): RespValue {
  const cmd = (args[0] ?? '').toUpperCase();
  const arity = (n: number) => args.length !== n;
  const wrongArgs = (): RespValue => ({ t: 'error', s: `ERR wrong number of arguments for '${(args[0] ?? '').toLowerCase()}' command` });
  switch (cmd) {
    case 'PING':
      return args.length > 1 ? { t: 'bulk', s: args[1]! } : { t: 'simple', s: 'PONG' };
    case 'ECHO':
      return arity(2) ? wrongArgs() : { t: 'bulk', s: args[1]! };
    case 'SET':
      if (args.length < 3) return wrongArgs();
      db.set(args[1]!, args[2]!);
      return { t: 'simple', s: 'OK' };
    case 'GET':
      return arity(2) ? wrongArgs() : { t: 'bulk', s: db.get(args[1]!) ?? null };
    case 'DEL':
    case 'EXISTS': {
      if (args.length < 2) return wrongArgs();
      let n = 0;
      for (const k of args.slice(1)) if (db.has(k)) n += cmd === 'DEL' ? (db.delete(k) ? 1 : 0) : 1;
      return { t: 'int', n };
    }
    case 'INCR':
    case 'DECR': {
      if (arity(2)) return wrongArgs();
      const cur = db.get(args[1]!) ?? '0';
      if (!/^-?\d+$/.test(cur)) return { t: 'error', s: 'ERR value is not an integer or out of range' };
      const next = Number(cur) + (cmd === 'INCR' ? 1 : -1);
      db.set(args[1]!, String(next));
      return { t: 'int', n: next };
    }
    case 'KEYS': {
      if (arity(2)) return wrongArgs();
      const re = new RegExp(`^${args[1]!.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
      return { t: 'array', items: [...db.keys()].filter((k) => re.test(k)).map((s) => ({ t: 'bulk', s })) };
    }
    case 'DBSIZE':
      return { t: 'int', n: db.size };
    case 'FLUSHALL':
    case 'FLUSHDB':
      db.clear();
      return { t: 'simple', s: 'OK' };
    case 'QUIT':
      return { t: 'simple', s: 'OK' };
    default:
      return { t: 'error', s: `ERR unknown command '${args[0] ?? ''}', with args beginning with: ${args.slice(1).map((a) => `'${a}' `).join('')}` };
  }
}

async function serveClient(socket: Socket, db: Map<string, string>): Promise<void> {
  const r = new ByteReader(socket.input);
  try {
    for (;;) {
      const v = await readResp(r);
      if (!v || v.t !== 'array' || !v.items) return;
      const args = v.items.map((i) => (i.t === 'bulk' || i.t === 'simple' ? (i.s ?? '') : ''));
      if (args.length === 0) continue;
      await socket.output.write(encodeResp(execute(db, args)));
      if (args[0]!.toUpperCase() === 'QUIT') return;
    }
  } catch (e) {
    if (!isNetError(e)) throw e;
  } finally {
    socket.close();
  }
}

export const redisServer: Program = async (ctx) => {
  const args = ctx.argv.slice(1);
  if (args[0] === '-v' || args[0] === '--version') {
    await ctx.stdout.write(`Redis server v=${VERSION} sha=00000000:0 malloc=jemalloc-5.3.0 bits=64 build=d6a9ac5a6a5da1f4\n`);
    return 0;
  }
  let port = 6379;
  const pi = args.indexOf('--port');
  if (pi >= 0) port = Number(args[pi + 1] ?? 6379);
  const pid = ctx.pid;
  const log = (role: string, level: string, text: string) => ctx.stdout.write(logLine(pid, role, ctx.sys.clock.now(), level, text));
  await log('C', '#', 'WARNING Memory overcommit must be enabled! Without it, a background save or replication may fail under low memory condition. Being disabled, it can also cause failures without low memory condition, see https://github.com/jemalloc/jemalloc/issues/1328. To fix this issue add \'vm.overcommit_memory = 1\' to /etc/sysctl.conf and then reboot or run the command \'sysctl vm.overcommit_memory=1\' for this to take effect.');
  await log('C', '*', 'oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo');
  await log('C', '*', `Redis version=${VERSION}, bits=64, commit=00000000, modified=0, pid=${pid}, just started`);
  if (!args.some((a) => !a.startsWith('--') && a.endsWith('.conf'))) await log('C', '#', 'Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf');
  const net = ctx.sys.service(NETWORK);
  let listener;
  try {
    if (!net) throw new Error('no network');
    listener = net.listen(port, undefined, ctx.pid);
  } catch {
    await log('M', '#', `Warning: Could not create server TCP listening socket *:${port}: bind: Address already in use`);
    await log('M', '#', `Failed listening on port ${port} (tcp), aborting.`);
    return 1;
  }
  const stop = stopSignal(ctx, ['SIGTERM', 'SIGINT']);
  await log('M', '*', 'monotonic clock: POSIX clock_gettime');
  await log('M', '*', `Running mode=standalone, port=${port}.`);
  await log('M', '*', 'Server initialized');
  await log('M', '*', 'Ready to accept connections tcp');
  const db = new Map<string, string>();
  const accepting = (async () => {
    for (;;) {
      const s = await listener.accept(ctx.signals);
      if (!s) return;
      void serveClient(s, db);
    }
  })();
  const sig = await stop;
  await ctx.stdout.write(`${pid}:signal-handler (${Math.floor(ctx.sys.clock.now() / 1000)}) Received ${sig} scheduling shutdown...\n`);
  listener.close();
  await accepting;
  await log('M', '*', 'User requested shutdown...');
  await log('M', '*', 'Saving the final RDB snapshot before exiting.');
  await log('M', '*', 'DB saved on disk');
  await log('M', '#', 'Redis is now ready to exit, bye bye...');
  return 0;
};

export const redisCli: Program = async (ctx: ProcessContext) => {
  const args = ctx.argv.slice(1);
  let host = '127.0.0.1';
  let port = 6379;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-h') host = args[++i] ?? host;
    else if (a === '-p') port = Number(args[++i] ?? port);
    else rest.push(a);
  }
  const net = networkOf(ctx);
  const address = net?.resolve(host) ?? null;
  let socket: Socket | null = null;
  const connectError = async (why: string) => {
    await ctx.stderr.write(`Could not connect to Redis at ${host}:${port}: ${why}\n`);
    return 1;
  };
  if (address === null) return connectError('Name or service not known');
  try {
    socket = net!.connect(address, port, ctx.signals);
  } catch (e) {
    if (isNetError(e)) return connectError(e.code === 'ECONNREFUSED' ? 'Connection refused' : e.message);
    throw e;
  }
  const reader = new ByteReader(socket.input);
  const call = async (cmd: readonly string[]): Promise<RespValue | null> => {
    try {
      await socket!.output.write(encodeCommand(cmd));
      return await readResp(reader);
    } catch (e) {
      if (isNetError(e)) return null;
      throw e;
    }
  };
  try {
    if (rest.length > 0) {
      const v = await call(rest);
      if (!v) return connectError('Connection reset by peer');
      await ctx.stdout.write(`${formatReply(v, ctx.stdout.isTTY)}\n`);
      return v.t === 'error' ? 1 : 0;
    }
    const tty = ctx.tty;
    if (!tty) return 0;
    const history: string[] = [];
    for (;;) {
      const line = await tty.readLine({ prompt: `${host}:${port}> `, history });
      if (line.kind !== 'line') return 0;
      const words = line.text.trim().split(/\s+/).filter((w) => w !== '');
      if (words.length === 0) continue;
      if (words[0]!.toLowerCase() === 'exit' || words[0]!.toLowerCase() === 'quit') return 0;
      const v = await call(words);
      if (!v) return connectError('Connection reset by peer');
      await ctx.stdout.write(`${formatReply(v, true)}\n`);
    }
  } finally {
    socket.close();
  }
};
