/**
 * Differential tests against the real kernel: the same random operations on MemFs and on a fresh real directory
 * (through node:fs, i.e. the syscalls themselves) must give the same results and errno, for the user running the
 * tests and, when that is root, also for an unprivileged user (a child process started with setpriv), so both
 * root's bypass rules and the ordinary permission checks are compared with Linux's.
 */

import { spawnSync } from 'node:child_process';
import { buildSync } from 'esbuild';
import fc from 'fast-check';
import * as nodeFs from 'node:fs';
import os from 'node:os';
import nodePath from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemFs } from './MemFs';
import { type KernelOp, kernelOp, onFsClient, onKernel, removeTree } from './testing/kernelOps';
import type { Cred } from './Types';

const onLinux = process.platform === 'linux' && typeof process.getuid === 'function';
if (!onLinux) console.log(`MemFs.linux.test: skipped, needs Linux (platform is ${process.platform})`);

const NOBODY = 65534;
const setpriv = onLinux && process.getuid!() === 0 ? ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => nodeFs.existsSync(p)) : undefined;
if (onLinux && process.getuid!() === 0 && setpriv === undefined) console.log('MemFs.linux.test: unprivileged run skipped, setpriv not found');

/** A MemFs laid out like the real run directory: `/` plays `<root>/r<i>` (0700) and `/t` its child (0755). */
function memFor(uid: number, gid: number): MemFs {
  const mem = new MemFs({ now: () => 0 });
  mem.chmod('/', 0o700);
  mem.chown('/', uid, gid);
  mem.mkdir('/t', 0o755);
  mem.chown('/t', uid, gid);
  const cred: Cred = { uid, gid, groups: [gid] };
  return mem.withCred(cred);
}

describe.skipIf(!onLinux)('MemFs against the Linux kernel', () => {
  let root = '';
  let oldUmask = 0;
  beforeAll(() => {
    root = nodeFs.realpathSync(nodeFs.mkdtempSync(nodePath.join(os.tmpdir(), 'layerlab-memfs-')));
    nodeFs.chmodSync(root, 0o755);
    oldUmask = process.umask(0); // MemFs takes modes as given; make the kernel do the same
  });
  afterAll(() => {
    process.umask(oldUmask);
    removeTree(root);
  });

  it('gives the same results and errno as the kernel for the current user', () => {
    const uid = process.getuid!();
    const gid = process.getgid!();
    let run = 0;
    fc.assert(
      fc.property(fc.array(kernelOp, { maxLength: 30, size: 'max' }), (ops) => {
        const outer = nodePath.join(root, `r${run++}`);
        nodeFs.mkdirSync(outer, 0o700);
        const real = nodePath.join(outer, 't');
        nodeFs.mkdirSync(real, 0o755);
        const fs = memFor(uid, gid);
        try {
          for (const o of ops) {
            const want = onKernel(real, o);
            const got = onFsClient(fs, '/t', o);
            if (got !== want) expect({ op: o, memfs: got }).toEqual({ op: o, memfs: want });
          }
        } finally {
          removeTree(outer);
        }
      }),
      { numRuns: Number(process.env.FS_PROP_RUNS ?? 300) },
    );
  });

  it.skipIf(setpriv === undefined)('gives the same results and errno as the kernel for an unprivileged user', () => {
    const sequences: KernelOp[][] = fc.sample(fc.array(kernelOp, { maxLength: 30, size: 'max' }), { numRuns: Number(process.env.FS_PROP_RUNS ?? 300), seed: Number(process.env.FS_PROP_SEED ?? 20261123) });
    const dir = nodePath.join(root, 'nobody');
    nodeFs.mkdirSync(dir, 0o777);
    const input = nodePath.join(root, 'ops.json');
    nodeFs.writeFileSync(input, JSON.stringify(sequences), { mode: 0o644 });
    // The checkout may sit under a directory `nobody` cannot enter (a clone in `mktemp -d` is 0700), so the child
    // runs a bundle of the runner placed in the world-readable run directory rather than the sources through tsx.
    const runner = nodePath.join(root, 'kernelOpsRunner.mjs');
    buildSync({
      entryPoints: [nodePath.join(import.meta.dirname, 'testing', 'kernelOpsRunner.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: runner,
      logLevel: 'silent',
    });
    nodeFs.chmodSync(runner, 0o644);
    const r = spawnSync(setpriv!, [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', process.execPath, runner, input, dir], {
      encoding: 'utf8',
      cwd: root,
    });
    expect(r.status, r.stderr).toBe(0);
    const outcomes = JSON.parse(r.stdout) as string[][];
    for (let i = 0; i < sequences.length; i++) {
      const fs = memFor(NOBODY, NOBODY);
      const ops = sequences[i]!;
      for (let j = 0; j < ops.length; j++) {
        const got = onFsClient(fs, '/t', ops[j]!);
        const want = outcomes[i]![j];
        if (got !== want) expect(got, `MemFs differs from Linux after:\n${ops.slice(0, j + 1).map((o) => JSON.stringify(o)).join('\n')}\n`).toBe(want);
      }
    }
  });
});
