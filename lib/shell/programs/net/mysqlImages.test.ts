/**
 * The catalog's mysql images run through their own entrypoint (content/catalog/files/mysql/docker-entrypoint.sh):
 * without a password option each tag refuses in its own entrypoint's words — 5.5's two plain `error:` lines of
 * 2018, 5.7's and 8.0's time-stamped notes on stdout (started, the gosu restart as mysql, started again) and the
 * `[ERROR] [Entrypoint]` block on stderr — and with MYSQL_ROOT_PASSWORD the first start initialises the data
 * directory and the server listens.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { dockerTest } from '../../../engine/cli/testing/harness';
import { Catalog } from '../../../engine/registry/catalog';
import { nodeCatalogSource } from '../../../engine/registry/catalog/testing/nodeCatalogSource';
import { untilLogged } from './testing/wait';

let catalog: Catalog;
beforeAll(async () => {
  catalog = await Catalog.open(nodeCatalogSource());
});

const STAMP = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\+00:00 /;
const unstamped = (text: string) => text.split('\n').map((l) => l.replace(STAMP, '')).join('\n');
const REFUSAL =
  '[ERROR] [Entrypoint]: Database is uninitialized and password option is not specified\n' +
  '    You need to specify one of the following as an environment variable:\n    - MYSQL_ROOT_PASSWORD\n    - MYSQL_ALLOW_EMPTY_PASSWORD\n    - MYSQL_RANDOM_ROOT_PASSWORD\n';

describe('mysql images without a password option', () => {
  for (const [tag, version] of [
    ['8', '8.0.35-1.el8'],
    ['5.7', '5.7.44-1.el7'],
  ] as const) {
    it(`mysql:${tag}: notes on stdout, the [ERROR] block on stderr, exit 1`, async () => {
      const t = dockerTest({ catalog });
      expect((await t.run(['pull', '-q', `mysql:${tag}`])).status).toBe(0);
      const r = await t.run(['run', '--name', 'db', `mysql:${tag}`]);
      expect(r.status).toBe(1);
      const started = `[Note] [Entrypoint]: Entrypoint script for MySQL Server ${version} started.\n`;
      expect(unstamped(r.stdout)).toBe(`${started}[Note] [Entrypoint]: Switching to dedicated user 'mysql'\n${started}`);
      expect(unstamped(r.stderr)).toBe(REFUSAL);
      expect(r.stdout.split('\n')[0]).toMatch(STAMP);
    }, 60_000);
  }

  it("mysql:5.5: the 2018 entrypoint's two lines (with its trailing space), no notes", async () => {
    const t = dockerTest({ catalog });
    expect((await t.run(['pull', '-q', 'mysql:5.5'])).status).toBe(0);
    const r = await t.run(['run', '--name', 'db', 'mysql:5.5']);
    expect(r).toMatchObject({
      status: 1,
      stdout: '',
      stderr: 'error: database is uninitialized and password option is not specified \n  You need to specify one of MYSQL_ROOT_PASSWORD, MYSQL_ALLOW_EMPTY_PASSWORD and MYSQL_RANDOM_ROOT_PASSWORD\n',
    });
  }, 60_000);
});

describe('mysql:8 with MYSQL_ROOT_PASSWORD', () => {
  it('initialises the data directory as mysql, then the server is ready on 3306', async () => {
    const t = dockerTest({ catalog });
    expect((await t.run(['pull', '-q', 'mysql:8'])).status).toBe(0);
    expect((await t.run(['run', '-d', '--name', 'db', '-e', 'MYSQL_ROOT_PASSWORD=pw', 'mysql:8'])).status).toBe(0);
    const db = t.engine.containers.byName('db')!;
    await untilLogged(db, 'ready for connections');
    const logs = await t.run(['logs', 'db']);
    const notes = unstamped(logs.stdout).split('\n').filter((l) => l.startsWith('[Note]'));
    expect(notes).toEqual([
      '[Note] [Entrypoint]: Entrypoint script for MySQL Server 8.0.35-1.el8 started.',
      "[Note] [Entrypoint]: Switching to dedicated user 'mysql'",
      '[Note] [Entrypoint]: Entrypoint script for MySQL Server 8.0.35-1.el8 started.',
      '[Note] [Entrypoint]: Initializing database files',
      '[Note] [Entrypoint]: Database files initialized',
      '[Note] [Entrypoint]: MySQL init process done. Ready for start up.',
    ]);
    expect(logs.stderr).toContain("/usr/sbin/mysqld: ready for connections. Version: '8.0.35'");
    const exec = await t.run(['exec', 'db', 'sh', '-c', 'id -un; ls -d /var/lib/mysql/mysql']);
    expect(exec.stdout).toBe('root\n/var/lib/mysql/mysql\n');
    expect((await t.run(['stop', 'db'])).status).toBe(0);
  }, 60_000);
});
