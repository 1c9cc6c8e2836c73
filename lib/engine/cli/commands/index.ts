/** Every `docker` subcommand layerlab implements, one file each (STYLE §4). */
import type { CommandSpec } from '../command';
import { build } from './build';
import { commit } from './commit';
import { create } from './create';
import { diff } from './diff';
import { history } from './history';
import { images } from './images';
import { imagePrune } from './imagePrune';
import { containerInspectCommand, imageInspectCommand, inspect } from './inspect';
import { kill } from './kill';
import { load } from './load';
import { logs } from './logs';
import { port } from './port';
import { ps } from './ps';
import { pull } from './pull';
import { restart } from './restart';
import { rm } from './rm';
import { rmi } from './rmi';
import { run } from './run';
import { save } from './save';
import { search } from './search';
import { start } from './start';
import { stop } from './stop';
import { tag } from './tag';
import { version } from './version';
import { wait } from './wait';

export const COMMANDS: readonly CommandSpec[] = [run, create, port, ps, images, version, commit, diff, history, kill, logs, rm, start, stop, tag, inspect, imageInspectCommand, containerInspectCommand, restart, wait, pull, search, rmi, imagePrune, save, load, build];
