/**
 * Connecting the learner's host to the engine: the host machine gets the daemon (the `docker` program finds it under
 * DOCKER_ENGINE) and every service features registered with `Engine.addMachineSetup` (network, ...).
 */
import { DOCKER_ENGINE } from './cli/service';
import type { Engine } from './Engine';
import type { Machine } from './process/Machine';

export function connectHost(machine: Machine, engine: Engine): void {
  machine.provide(DOCKER_ENGINE, engine);
  // Bind mounts name paths on this host.
  engine.hostFs = machine.rootFs;
  engine.setUpMachine(machine, { kind: 'host' });
}
