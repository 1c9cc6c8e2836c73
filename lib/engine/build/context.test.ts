import { describe, expect, it } from 'vitest';
import { BuildContext, type ContextEntry } from './context';

const file = (path: string, text: string): ContextEntry => ({ path, type: 'file', mode: 0o644, mtimeMs: 0, data: new TextEncoder().encode(text), target: '' });
const dir = (path: string): ContextEntry => ({ path, type: 'dir', mode: 0o755, mtimeMs: 0, data: new Uint8Array(0), target: '' });

describe('BuildKit context transfer (FollowPaths)', () => {
  const ctx = new BuildContext([file('Dockerfile', 'FROM x\n'), file('package.json', '{}\n'), dir('src'), file('src/a.js', 'aaaa'), dir('src/lib'), file('src/lib/b.js', 'bb'), file('readme.md', 'r')]);
  it('syncs only the named files and directories, wildcards per path element, everything for the root', () => {
    expect(ctx.transferSizeOf(['package.json'])).toBe(3);
    expect(ctx.transferSizeOf(['src'])).toBe(6);
    expect(ctx.transferSizeOf(['src/*.js'])).toBe(4);
    expect(ctx.transferSizeOf(['*.json', 'readme.md'])).toBe(4);
    expect(ctx.transferSizeOf(['nope'])).toBe(0);
    expect(ctx.transferSizeOf([''])).toBe(ctx.transferSize);
    expect(ctx.transferSize).toBe(17);
  });
});
