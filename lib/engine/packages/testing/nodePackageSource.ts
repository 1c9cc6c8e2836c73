/** The Node source: files of public/packages on disk (tests, benches and the headless CLI). */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PackageSource } from '../PackageCatalog';

/** The repository's public/packages directory. */
export const DEFAULT_PACKAGES_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../../public/packages');

export function nodePackageSource(root: string = DEFAULT_PACKAGES_DIR): PackageSource {
  return { read: async (path) => new Uint8Array(await readFile(join(root, path))) };
}
