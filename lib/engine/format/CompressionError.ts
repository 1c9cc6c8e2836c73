/** Errors of the (de)compressors; `format` says which codec failed, the message follows Go's wording where it has one. */
export type Compression = 'none' | 'gzip' | 'bzip2' | 'xz' | 'zstd';

export class CompressionError extends Error {
  override readonly name = 'CompressionError';
  constructor(
    readonly format: Compression,
    message: string,
  ) {
    super(message);
  }
}

export interface DecompressOptions {
  /** Fail with CompressionError once the output would exceed this many bytes (decompression bombs). */
  readonly maxSize?: number;
}
