/** Network clients and the daemons that serve on the simulated network (their binaries name them by basename). */
import type { Program } from '../../../engine/process/Types';
import { curl } from './curl';
import { nginx } from './nginx';

export const netPrograms: Record<string, Program> = {
  curl,
  nginx,
};
