/** How the `docker` program finds its daemon: the host machine provides the engine as a service. */
import type { Engine } from '../Engine';
import { serviceKey } from '../process/Types';

export const DOCKER_ENGINE = serviceKey<Engine>('docker.engine');
