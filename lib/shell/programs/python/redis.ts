/**
 * redis-py as the classic Flask + Redis tutorial uses it (installed in site-packages): `Redis(host, port, ...)` /
 * `StrictRedis`, `incr`, `get`, `set`, `ping`, and the exceptions `RedisError` / `ConnectionError`, over RESP to a
 * simulated redis-server; a name that does not resolve or a refused connection raises redis-py's ConnectionError.
 */

import { builtin } from './builtins';
import { exceptionType } from './exceptions';
import { PyException } from './errors';
import type { Interpreter } from './interp';
import { type PyInstance, type PyModule, type PyValue, str } from './values';

export function redisModule(it: Interpreter): PyModule {
  const major = it.major;
  const make = ([host, port]: PyValue[], kw: Map<string, PyValue>): PyInstance => {
    const h = str(kw.get('host') ?? host ?? 'localhost', major);
    const p = Number(kw.get('port') ?? port ?? 6379n);
    const command = async (args: string[]): Promise<PyValue> => {
      const reply = await it.host.redis(h, p, args);
      switch (reply.t) {
        case 'int': return BigInt(reply.n);
        case 'bulk': return reply.s;
        case 'simple': return reply.s === 'OK' ? true : reply.s;
        case 'error': throw new PyException('redis.exceptions.ResponseError', reply.s);
        default: return null;
      }
    };
    const arg = (v: PyValue | undefined) => str(v ?? null, major);
    const client: PyInstance = { kind: 'instance', cls: 'Redis', attrs: new Map(), text: `Redis<ConnectionPool<Connection<host=${h},port=${p},db=0>>>` };
    client.attrs.set('incr', builtin('incr', ([k, by]) => command(by === undefined ? ['INCR', arg(k)] : ['INCRBY', arg(k), arg(by)])));
    client.attrs.set('get', builtin('get', ([k]) => command(['GET', arg(k)])));
    client.attrs.set('set', builtin('set', ([k, v]) => command(['SET', arg(k), arg(v)])));
    client.attrs.set('delete', builtin('delete', (keys) => command(['DEL', ...keys.map(arg)])));
    client.attrs.set('ping', builtin('ping', async () => (await command(['PING'])) === 'PONG'));
    return client;
  };
  const Redis = { kind: 'type' as const, name: 'Redis', call: make };
  return {
    kind: 'module',
    name: 'redis',
    attrs: new Map<string, PyValue>([
      ['Redis', Redis],
      ['StrictRedis', { kind: 'type', name: 'StrictRedis', call: make }],
      ['RedisError', exceptionType('redis.exceptions.RedisError', major)],
      ['ConnectionError', exceptionType('redis.exceptions.ConnectionError', major)],
      ['TimeoutError', exceptionType('redis.exceptions.TimeoutError', major)],
      ['ResponseError', exceptionType('redis.exceptions.ResponseError', major)],
      ['__opaque__', true],
    ]),
  };
}
