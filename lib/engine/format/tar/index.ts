/** Tar codec: a deterministic writer (Go archive/tar's PAX-when-needed output) and a hardened streaming reader. */
export { TarFormatError, type TarFormatErrorKind } from './TarFormatError';
export type { ContentSource, TarEntry, TarEntryType, TarWriteEntry } from './Types';
export { encodeEntryHeader, tarChunks, tarSize, writeTar } from './writeTar';
export { listTar, readTar, type ReadTarOptions } from './readTar';
