/** Public API of the Docker Hub catalog (see README.md in this folder). */
export { Catalog, CatalogNotFoundError, CatalogSourceError, fetchCatalogSource, loadCatalogImage, readerCatalogSource, SCRATCH_RESERVED_MESSAGE } from './Catalog';
export type { CatalogHit, CatalogSource } from './Catalog';
export type { CatalogImageInfo, CatalogIndex, CatalogLayerInfo, CatalogRepository } from './format';
export { helloProgram, HELLO_MESSAGE, HELLO_PROGRAM_NAME } from './helloProgram';
