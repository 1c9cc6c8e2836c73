/**
 * Every program layerlab simulates, by the name a binary's header carries (see engine/fs/executable.ts).
 * The engine adds its own (docker on the host, daemons in containers) through `register`.
 */
import { SimpleRegistry } from '../../engine/process/Machine';
import type { ProgramRegistry } from '../../engine/process/Types';
import { filePrograms } from './registry-files';
import { shellPrograms } from './registry-shells';
import { termPrograms } from './registry-term';
import { textPrograms } from './registry-text';
import { coreutilsPrograms } from './registry-coreutils';
import { accountPrograms } from './registry-accounts';
import { sysPrograms } from './registry-sys';
import { busybox } from './busybox';
import { netPrograms } from './net/registry-net';
import { registerPackagePrograms } from './pkg/registry-pkg';
import { git } from './git/lazy';
import { HELLO_PROGRAM_NAME, helloProgram } from '../../engine/registry/catalog/helloProgram';

export function createRegistry(): ProgramRegistry {
  const registry = new SimpleRegistry();
  for (const table of [filePrograms, textPrograms, coreutilsPrograms, accountPrograms, sysPrograms, termPrograms, shellPrograms, netPrograms]) {
    for (const [name, program] of Object.entries(table)) registry.register(name, program);
  }
  registry.register('busybox', busybox(registry));
  registry.register('git', git);
  registerPackagePrograms(registry);
  // hello-world's /hello: the image's one binary.
  registry.register(HELLO_PROGRAM_NAME, helloProgram);
  return registry;
}
