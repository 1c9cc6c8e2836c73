/**
 * Why an archive cannot be loaded or imported. The daemon reports it as is (`Error response from daemon: …`);
 * `toEngineError` gives it the engine's error shape (invalidParameter: the client sent a bad archive).
 */
import { EngineError } from '../errors';

export class ArchiveError extends Error {
  override readonly name = 'ArchiveError';
}

export function archiveEngineError(e: ArchiveError): EngineError {
  return new EngineError('InvalidArchive', 'invalidParameter', e.message);
}
