/** Full-screen terminal programs (vi, nano, less, more); `clear` is in registry-text. */
import type { Program } from '../../engine/process/Types';
import { less } from './less';
import { more } from './more';
import { nano } from './nano';
import { vi, vimBuild } from './vi';

export const termPrograms: Record<string, Program> = {
  vi,
  vim: vi,
  'vim.basic': vimBuild('vim.basic'),
  'vim.tiny': vimBuild('vim.tiny'),
  nano,
  less,
  more,
};
