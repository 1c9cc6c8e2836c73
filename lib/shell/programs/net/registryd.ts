/**
 * `registry` (distribution 2.8, the `registry:2` image's /bin/registry): `registry serve CONFIG` listens on the
 * config's `http.addr` (`:5000`) and answers the Registry HTTP API v2 from /var/lib/registry in distribution's
 * on-disk layout (lib/engine/registry/distribution), so a `-v` volume there keeps the data. Log lines (logrus text
 * to stderr) and access lines (combined log format to stdout) as the real one prints them.
 */
import { registryApi } from '../../../engine/registry/distribution/api';
import { RegistryStorage } from '../../../engine/registry/distribution/storage';
import { formatRfc3339Nano } from '../../../engine/format/time';
import { serveHttp } from '../../../engine/network/http';
import { isNetError } from '../../../engine/network/errors';
import { NETWORK } from '../../../engine/network/Network';
import type { ProcessContext, Program } from '../../../engine/process/Types';
import { clfTime, stopSignal } from './daemon';

const VERSION = '2.8.3';

function uuid(ctx: ProcessContext): string {
  const h = ctx.sys.random.hex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function listenPort(ctx: ProcessContext, config: string | undefined): number {
  if (!config) return 5000;
  try {
    const text = new TextDecoder().decode(ctx.fs.readFile(config));
    const m = /^\s*addr:\s*[^\s:]*:(\d+)\s*$/m.exec(text);
    return m ? Number(m[1]) : 5000;
  } catch {
    return 5000;
  }
}

export const registry: Program = async (ctx) => {
  const [cmd, config] = ctx.argv.slice(1);
  if (cmd !== 'serve') {
    await ctx.stderr.write('Usage: \n  registry [flags]\n  registry [command]\n\nAvailable Commands:\n  garbage-collect `garbage-collect` deletes layers not referenced by any manifests\n  help            Help about any command\n  serve           `serve` stores and distributes Docker images\n\nFlags:\n  -h, --help=false: help for registry\n  -v, --version=false: show the version and exit\n\nUse "registry help [command]" for more information about a command.\n');
    return cmd === undefined || cmd === 'help' ? 0 : 1;
  }
  const instance = uuid(ctx);
  const log = (level: string, msg: string) =>
    ctx.stderr.write(`time="${formatRfc3339Nano(ctx.sys.clock.now())}" level=${level} msg=${JSON.stringify(msg)} go.version=go1.20.8 instance.id=${instance} service=registry version=${VERSION}\n`);
  const port = listenPort(ctx, config);
  const net = ctx.sys.service(NETWORK);
  let listener;
  try {
    if (!net) throw new Error('no network');
    listener = net.listen(port, undefined, ctx.pid);
  } catch (e) {
    await log('fatal', isNetError(e, 'EADDRINUSE') ? `listen tcp :${port}: bind: address already in use` : `listen tcp :${port}: socket: permission denied`);
    return 1;
  }
  await log(
    'warning',
    'No HTTP secret provided - generated random secret. This may cause problems with uploads if multiple registries are behind a load-balancer. To provide a shared secret, fill in http.secret in the configuration file or set the REGISTRY_HTTP_SECRET environment variable.',
  );
  await log('info', 'redis not configured');
  await log('info', 'Starting upload purge in 20m0s');
  await log('info', 'using inmemory blob descriptor cache');
  await log('info', `listening on [::]:${port}`);
  const api = registryApi(new RegistryStorage(ctx.fs), { newUuid: () => uuid(ctx) });
  const stop = stopSignal(ctx, ['SIGTERM', 'SIGINT']);
  const serving = serveHttp(
    listener,
    async (req, c) => {
      const res = api(req);
      const ua = req.headers.get('user-agent') ?? '';
      const sent = req.method === 'HEAD' ? 0 : res.body.length;
      await ctx.stdout.write(`${c.socket.remote.address} - - [${clfTime(ctx.sys.clock.now())}] "${req.method} ${req.target} ${req.version}" ${res.status} ${sent} "" "${ua}"\n`);
      return res;
    },
    ctx.signals,
  );
  // Killed (SIGKILL from docker rm -f): the accept loop ends with the same SignalExit that ends the program.
  serving.catch(() => undefined);
  await stop;
  listener.close();
  await serving;
  return 0;
};
