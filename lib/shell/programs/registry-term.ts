/** Full-screen terminal programs (vi, nano, less, more); `clear` is in registry-text. */
import type { Program } from '../../engine/process/Types';
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
