/**
 * redis:alpine from the catalog as a tutorial runs it: `docker run -d -p 6379:6379 redis:alpine`, redis-cli from
 * the host, docker logs, docker exec (BusyBox ps shows the server stepped down to the redis user by gosu).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { dockerTest } from '../../../engine/cli/testing/harness';
import { connectHost } from '../../../engine/host';
import { Catalog } from '../../../engine/registry/catalog';
import { nodeCatalogSource } from '../../../engine/registry/catalog/testing/nodeCatalogSource';
import { runCommand } from '../../testing/harness';
import { logText, untilLogged } from './testing/wait';

let catalog: Catalog;
beforeAll(async () => {
  catalog = await Catalog.open(nodeCatalogSource());
});

describe('redis:alpine from the catalog', () => {
  it('run -d -p 6379:6379: redis-cli from the host, the startup log, exec as the redis user, SIGTERM saves and exits 0', async () => {
    const t = dockerTest({ catalog });
    connectHost(t.tm.machine, t.engine);
    expect((await t.run(['pull', '-q', 'redis:7.4-alpine'])).status).toBe(0);
    expect(await t.run(['run', '-d', '-p', '6379:6379', '--name', 'cache', 'redis:7.4-alpine'])).toMatchObject({ status: 0, stderr: '' });
    const c = t.engine.containers.byName('cache')!;
    await untilLogged(c, 'Ready to accept connections tcp');
    const sh = (cmd: string) => runCommand(t.tm, ['bash', '-c', cmd]);
    expect(await sh('redis-cli ping && redis-cli set greeting hello && redis-cli get greeting')).toMatchObject({ status: 0, stdout: 'PONG\nOK\nhello\n' });
    const logs = await t.run(['logs', 'cache']);
    expect(logs.stderr).toBe('');
    expect(logs.stdout.split('\n').slice(1, 3)).toEqual(['1:C 23 Nov 2026 10:00:00.000 * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo', '1:C 23 Nov 2026 10:00:00.000 * Redis version=7.4.2, bits=64, commit=00000000, modified=0, pid=1, just started']);
    const ex = await t.run(['exec', 'cache', 'sh', '-c', 'pwd; ls -ld /data; ps | grep [r]edis-server; redis-cli get greeting; apk info | tail -n 2']);
    expect(ex).toMatchObject({ status: 0, stderr: '', stdout: '/data\ndrwxr-xr-x    2 redis    redis         4096 Nov 23 10:00 /data\n    1 redis     0:00 redis-server\nhello\ntzdata\n.redis-rundeps\n' });
    await c.stop();
    expect(c.state.exitCode).toBe(0);
    expect(logText(c).split('\n').slice(-3)).toEqual(['1:M 23 Nov 2026 10:00:00.000 * DB saved on disk', '1:M 23 Nov 2026 10:00:00.000 # Redis is now ready to exit, bye bye...', '']);
  });
});
