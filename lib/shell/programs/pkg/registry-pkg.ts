/**
 * The package managers (apt-get, apt, apk, pip, npm, dpkg, yum, dnf, microdnf, rpm) and the interpreter wrappers that route pip/npm
 * scripts to them. `registerPackagePrograms` runs after the other tables so it can wrap an existing python3/node.
 */

import type { ProgramRegistry } from '../../../engine/process/Types';
import { apk } from './apk';
import { apt, aptGet } from './apt';
import { aptCache } from './aptCache';
import { aptConfig } from './aptConfig';
import { aptKey, aptMark } from './aptMark';
import { nodeWithNpm, pythonWithPip } from './dispatch';
import { dpkg } from './dpkg';
import { dnf } from './dnf';
import { dpkgQuery } from './dpkgQuery';
import { microdnf } from './microdnf';
import { npm } from './npm';
import { pip } from './pip';
import { pythonProgram } from '../python/python';
import { rpm } from './rpm';
import { yum } from './yum';

export function registerPackagePrograms(registry: ProgramRegistry): void {
  for (const [name, program] of Object.entries({ 'apt-get': aptGet, apt, dpkg, 'dpkg-query': dpkgQuery, 'apt-cache': aptCache, 'apt-mark': aptMark, 'apt-key': aptKey, 'apt-config': aptConfig, apk, pip, pip3: pip, npm, yum, dnf, microdnf, rpm })) registry.register(name, program);
  // The python images' binaries name `python3` or `python2` (python:2.7) in their header.
  for (const [name, major] of [['python3', 3], ['python2', 2]] as const) registry.register(name, pythonWithPip(pip, registry.get(name) ?? pythonProgram(major)));
  registry.register('node', nodeWithNpm(npm, registry.get('node')));
}
