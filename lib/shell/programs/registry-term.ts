/** Full-screen and terminal programs (vi, nano, less, more, clear). */
import type { Program } from '../process/Types';
import { less } from './less';
import { more } from './more';
import { nano } from './nano';
import { vi } from './vi';

export const termPrograms: Record<string, Program> = {
  vi,
  vim: vi,
  nano,
  less,
  more,
};
