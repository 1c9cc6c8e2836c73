/** Network clients and the daemons that serve on the simulated network (their binaries name them by basename). */
import type { Program } from '../../../engine/process/Types';
import { curl } from './curl';
import { httpd } from './httpd';
import { initdb } from './initdb';
import { mysqld } from './mysqld';
import { nginx } from './nginx';
import { ifconfig, netstat, route } from './nettools';
import { ping } from './ping';
import { ss } from './ss';
import { postgres } from './postgres';
import { redisCli, redisServer } from './redis';
import { registry } from './registryd';
import { top } from './top';
import { wget } from './wget';
import { gosu } from '../gosu';
import { tini } from '../tini';

export const netPrograms: Record<string, Program> = {
  curl,
  wget,
  ping,
  top,
  netstat,
  route,
  ifconfig,
  ss,
  nginx,
  httpd,
  'redis-server': redisServer,
  'redis-cli': redisCli,
  mysqld,
  postgres,
  initdb,
  registry,
  // The entrypoints of redis, mysql and postgres drop root with it before exec'ing their daemon.
  gosu,
  // The init Dockerfiles download with ADD (krallin/tini releases) and make the ENTRYPOINT.
  tini,
};
