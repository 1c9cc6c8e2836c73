/**
 * One differential run over a fixture tree: the real tool in a temporary copy of the tree and ours in the same tree
 * under /root/w (as root), comparing stdout, stderr and the exit status, and optionally the files each side leaves
 * (names, and the text of every regular file not in `skip`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { createTestMachine, runCommand } from '../../testing/harness';
import { layoutReal, layoutSim, stampReal, type FixtureEntry } from './file-fixtures';
import { runReal } from './real-tools';

export interface TreeRunOptions {
  readonly stdin?: string;
  /** Both trees' modification times (ms), for tools that print them. */
  readonly mtime?: number;
  /** Compare the files left in the tree too, except these names (directories, symlinks). */
  readonly files?: { readonly skip: ReadonlySet<string> };
}

export async function expectSameAsReal(tree: readonly FixtureEntry[], argv: readonly string[], options: TreeRunOptions = {}): Promise<void> {
  const real = layoutReal(tree);
  try {
    if (options.mtime !== undefined) stampReal(real.dir, tree, options.mtime);
    const want = runReal(argv, { cwd: real.dir, ...(options.stdin !== undefined ? { stdin: options.stdin } : {}) });
    const tm = createTestMachine();
    layoutSim(tm.fs, '/root/w', tree, { uid: 0, gid: 0 }, options.mtime);
    const got = await runCommand(tm, argv, { cwd: '/root/w', user: 'root', ...(options.stdin !== undefined ? { stdin: options.stdin } : {}) });
    expect({ stdout: got.stdout, stderr: got.stderr, status: got.status }).toEqual({ stdout: want.stdout, stderr: want.stderr, status: want.status });
    if (!options.files) return;
    const names = readdirSync(real.dir).sort();
    expect(tm.fs.readdir('/root/w')).toEqual(names);
    for (const n of names) {
      if (options.files.skip.has(n)) continue;
      expect({ n, text: new TextDecoder().decode(tm.fs.readFile(`/root/w/${n}`)) }).toEqual({ n, text: readFileSync(`${real.dir}/${n}`, 'utf8') });
    }
  } finally {
    real.cleanup();
  }
}
