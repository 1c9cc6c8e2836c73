/** The Node source: files of public/catalog on disk (tests, benches and the headless CLI). */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readerCatalogSource, type CatalogSource } from '../Catalog';

/** The repository's public/catalog directory. */
export const DEFAULT_CATALOG_DIR = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../../../public/catalog');

export function nodeCatalogSource(root: string = DEFAULT_CATALOG_DIR): CatalogSource {
  return readerCatalogSource(async (path) => new Uint8Array(await readFile(join(root, path))));
}
