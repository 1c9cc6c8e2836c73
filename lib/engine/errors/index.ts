/**
 * Every error the engine raises, with Docker's wording (../shared/reference/docker.md). One constructor per
 * situation so callers never compose message text themselves.
 */
import { EngineError } from './EngineError';

export { EngineError, isEngineError, HTTP_STATUS, type ErrorKind, type EngineErrorJSON } from './EngineError';

/** `No such image: foo:latest` (the reference as the user meant it, normalised with its tag). */
export const noSuchImage = (ref: string) => new EngineError('NoSuchImage', 'notFound', `No such image: ${ref}`, { ref });

export const noSuchContainer = (ref: string) => new EngineError('NoSuchContainer', 'notFound', `No such container: ${ref}`, { ref });

/** `docker inspect` on a name that is neither: `No such object: x`. */
export const noSuchObject = (ref: string) => new EngineError('NoSuchObject', 'notFound', `No such object: ${ref}`, { ref });

export const containerNotRunning = (id: string) =>
  new EngineError('ContainerNotRunning', 'conflict', `container ${id} is not running`, { id });

export const containerPaused = (id: string) =>
  new EngineError('ContainerPaused', 'conflict', `Container ${id} is paused, unpause the container before exec`, { id });

export const containerAlreadyPaused = (id: string) =>
  new EngineError('ContainerAlreadyPaused', 'conflict', `Container ${id} is already paused`, { id });

export const containerNotPaused = (id: string) => new EngineError('ContainerNotPaused', 'conflict', `Container ${id} is not paused`, { id });

export const containerStartPaused = () =>
  new EngineError('ContainerPaused', 'conflict', 'cannot start a paused container, try unpause instead');

export const nameConflict = (name: string, id: string) =>
  new EngineError(
    'NameConflict',
    'conflict',
    `Conflict. The container name "/${name}" is already in use by container "${id}". You have to remove (or rename) that container to be able to reuse that name.`,
    { name, id },
  );

export const invalidContainerName = (name: string) =>
  new EngineError('InvalidName', 'invalidParameter', `Invalid container name (${name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed`, { name });

export const removeRunningContainer = (name: string, state = 'running') =>
  new EngineError(
    'ContainerRunning',
    'conflict',
    `cannot remove container "${name}": container is ${state}: stop the container before removing or force remove`,
    { name },
  );

/** An image conflict (`conflict: unable to delete ...`); the caller passes Docker's full sentence. */
export const imageConflict = (message: string, data: Record<string, unknown> = {}) => new EngineError('ImageConflict', 'conflict', message, data);

export const invalidParameter = (message: string, data: Record<string, unknown> = {}) =>
  new EngineError('InvalidParameter', 'invalidParameter', message, data);

/** A CLI-side error (no `Error response from daemon: ` prefix), e.g. reference parse errors. */
export const clientError = (message: string, data: Record<string, unknown> = {}) =>
  new EngineError('ClientError', 'invalidParameter', message, data, false);

export const cancelled = () => new EngineError('Cancelled', 'cancelled', 'cancelled', {}, false);

export const systemError = (message: string, data: Record<string, unknown> = {}) => new EngineError('System', 'system', message, data);
