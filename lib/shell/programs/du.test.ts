import { afterAll, describe, expect, it } from 'vitest';
import { createTestMachine, runCommand } from '../testing/harness';
import { layoutReal, layoutSim, SAMPLE_TREE } from './testing/file-fixtures';
import { hasTool, runBusybox, runReal } from './testing/real-tools';

const tm = createTestMachine();
layoutSim(tm.fs, '/tmp/d', SAMPLE_TREE, { uid: 1000, gid: 1000 });
const du = (args: string[], flavor?: 'busybox') => runCommand(tm, ['du', ...args], { cwd: '/tmp/d', ...(flavor ? { flavor } : {}) });

describe('du', () => {
  it('counts 4K blocks, directories after their contents', async () => {
    expect((await du(['sub'])).stdout).toBe('4\tsub/deeper\n12\tsub\n');
    expect((await du(['-a', 'sub'])).stdout).toBe('0\tsub/deeper/z\n4\tsub/deeper\n4\tsub/inner.txt\n12\tsub\n');
    expect((await du(['-s', '.'])).stdout).toBe('32\t.\n');
    expect((await du(['-sh', '.'])).stdout).toBe('32K\t.\n');
    expect((await du(['-sh', '.'], 'busybox')).stdout).toBe('32.0K\t.\n');
    expect((await du(['-c', 'big', 'a.txt'])).stdout).toBe('8\tbig\n4\ta.txt\n12\ttotal\n');
    expect((await du(['-d', '0', 'sub'])).stdout).toBe('12\tsub\n');
  });
  it('counts hard links and nested operands once', async () => {
    tm.fs.link('/tmp/d/big', '/tmp/d/sub/biglink');
    try {
    expect((await du(['-s', '.'])).stdout).toBe('32\t.\n');
    expect((await du(['-c', '.', 'sub'])).stdout.split('\n').pop()).toBe('');
    expect((await du(['-cs', '.', 'sub'])).stdout).toBe('32\t.\n32\ttotal\n');
    } finally {
      tm.fs.unlink('/tmp/d/sub/biglink');
    }
  });
  it('errors', async () => {
    expect(await du(['nope'])).toMatchObject({ status: 1, stderr: "du: cannot access 'nope': No such file or directory\n" });
    expect((await du(['nope'], 'busybox')).stderr).toBe('du: nope: No such file or directory\n');
  });
});

describe('du differential', () => {
  const real = layoutReal(SAMPLE_TREE);
  afterAll(real.cleanup);
  for (const args of [['-s', '.'], ['-sh', 'sub'], ['-c', 'big', 'a.txt'], ['-s', 'nope']]) {
    it(`du ${args.join(' ')}`, async () => {
      if (!hasTool('du')) return;
      const want = runReal(['du', ...args], { cwd: real.dir });
      const got = await du(args);
      expect(got.stdout).toBe(want.stdout);
      expect(got.stderr).toBe(want.stderr);
    });
    it(`busybox du ${args.join(' ')}`, async () => {
      if (!hasTool('busybox')) return;
      const want = runBusybox(['du', ...args], { cwd: real.dir });
      const got = await du(args, 'busybox');
      expect(got.stdout).toBe(want.stdout);
    });
  }
});
