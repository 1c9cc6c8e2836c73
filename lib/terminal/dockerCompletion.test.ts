import { describe, expect, it } from 'vitest';
import { parseDockerRef } from '../engine/format/reference';
import { tinyBusyboxImage } from '../engine/testing/tinyImages';
import { createHostSession } from './session';

const settle = () => new Promise((r) => setTimeout(r, 50));

describe('docker tab completion in the host session', () => {
  it('completes subcommands, image names and container names against the session engine', async () => {
    const s = createHostSession({ now: '2026-11-23T10:00:00Z', seed: 1 });
    const img = s.engine.images.add(tinyBusyboxImage());
    s.engine.images.tag(parseDockerRef('alpine:3.20'), img.id);
    s.engine.createContainer(img, { imageRef: 'alpine:3.20', name: 'webapp', cmd: ['true'] });
    let out = '';
    s.onOutput((d) => (out += d));
    await settle();
    out = '';
    s.input('docker ru\t');
    await settle();
    expect(out).toBe('docker run ');
    out = '';
    s.input('alp\t');
    await settle();
    // alpine and alpine:3.20 remain: bash inserts the common part and rings the bell.
    expect(out).toBe('alpine\x07');
    s.input('\x15'); // Ctrl-U: drop the line
    await settle();
    out = '';
    s.input('docker rm we\t');
    await settle();
    expect(out).toBe('docker rm webapp ');
    s.input('\x15exit\r');
    await s.exited;
  });
});
