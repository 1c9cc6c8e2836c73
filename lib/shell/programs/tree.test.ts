import { afterAll, describe, expect, it } from 'vitest';
import { createTestMachine, runCommand } from '../testing/harness';
import { layoutReal, layoutSim, SAMPLE_TREE } from './testing/file-fixtures';
import { hasTool, runReal } from './testing/real-tools';

const tm = createTestMachine();
layoutSim(tm.fs, '/tmp/tr', SAMPLE_TREE, { uid: 1000, gid: 1000 });
const tree = (args: string[]) => runCommand(tm, ['tree', ...args], { cwd: '/tmp/tr' });

describe('tree', () => {
  it('draws the tree and counts the root directory', async () => {
    expect((await tree(['sub'])).stdout).toBe('sub\n├── deeper\n│\u00a0\u00a0 └── z\n└── inner.txt\n\n2 directories, 2 files\n');
    const r = await tree([]);
    expect(r.stdout).toContain('├── link -> a.txt\n');
    expect(r.stdout).toContain('└── sub\n    ├── deeper\n    │\u00a0\u00a0 └── z\n    └── inner.txt\n');
    expect(r.stdout.endsWith('\n3 directories, 9 files\n')).toBe(true);
  });
  it('-a, -d, -L', async () => {
    expect((await tree(['-a'])).stdout).toContain('├── .hidden\n');
    expect((await tree(['-d'])).stdout).toBe('.\n└── sub\n    └── deeper\n\n3 directories\n');
    expect((await tree(['-L', '1', 'sub'])).stdout).toBe('sub\n├── deeper\n└── inner.txt\n\n2 directories, 1 file\n');
  });
  it('errors', async () => {
    expect(await tree(['nope'])).toMatchObject({ status: 2, stdout: 'nope  [error opening dir]\n\n0 directories, 0 files\n' });
    expect(await tree(['-L', 'x'])).toMatchObject({ status: 1, stderr: 'tree: Invalid level, must be greater than 0.\n' });
  });
});

describe('tree differential', () => {
  const real = layoutReal(SAMPLE_TREE);
  afterAll(real.cleanup);
  for (const args of [[], ['-a'], ['-d'], ['-L', '1'], ['sub', 'nope'], ['-F']]) {
    it(`tree ${args.join(' ')}`, async () => {
      if (!hasTool('tree')) return;
      const want = runReal(['tree', ...args], { cwd: real.dir });
      const got = await tree(args);
      expect(got.stdout).toBe(want.stdout);
      expect(got.status).toBe(want.status);
    });
  }
});
