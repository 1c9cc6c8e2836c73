import { describe, expect, it } from 'vitest';
import { EngineError, isEngineError, nameConflict, noSuchImage, removeRunningContainer, HTTP_STATUS } from './index';

describe('engine errors', () => {
  it('carry Docker wording and a kind', () => {
    const e = noSuchImage('foo:latest');
    expect(e.message).toBe('No such image: foo:latest');
    expect(e.kind).toBe('notFound');
    expect(HTTP_STATUS[e.kind]).toBe(404);
    expect(isEngineError(e, 'NoSuchImage')).toBe(true);
  });

  it('name conflict matches the daemon sentence', () => {
    const id = 'a'.repeat(64);
    expect(nameConflict('web', id).message).toBe(
      `Conflict. The container name "/web" is already in use by container "${id}". You have to remove (or rename) that container to be able to reuse that name.`,
    );
    expect(removeRunningContainer('web').message).toBe(
      'cannot remove container "web": container is running: stop the container before removing or force remove',
    );
  });

  it('round-trips through JSON (e.g. across a worker boundary)', () => {
    const e = nameConflict('x1', 'b'.repeat(64));
    const back = EngineError.fromJSON(JSON.parse(JSON.stringify(e)));
    expect(back).toBeInstanceOf(EngineError);
    expect(back.message).toBe(e.message);
    expect(back.code).toBe('NameConflict');
    expect(back.kind).toBe('conflict');
  });
});
