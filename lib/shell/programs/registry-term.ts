/** Full-screen and terminal programs (vi, nano, less, more, clear). */
import type { Program } from '../process/Types';
import { nano } from './nano';
import { vi } from './vi';

export const termPrograms: Record<string, Program> = {
  vi,
  vim: vi,
  nano,
};
