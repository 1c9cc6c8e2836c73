import { describe, expect, test } from 'vitest';
import { listTar } from '../format/tar';
import { dockerTest } from '../cli/testing/harness';
import { file, storeSnapshot, symlink, tar } from './testing/archives';

const utf8 = new TextEncoder();
const text = (b: Uint8Array) => new TextDecoder().decode(b);

function containerWithChanges() {
  const t = dockerTest();
  const c = t.engine.createContainer(t.busybox, { imageRef: 'busybox', name: 'box', cmd: ['sh'] });
  c.overlay.writeFile('/root/new.txt', utf8.encode('made in the container\n'));
  c.overlay.unlink('/etc/motd');
  c.overlay.link('/root/new.txt', '/root/again.txt');
  return { t, c };
}

describe('docker export', () => {
  test('the flattened filesystem: image + init layer + changes, deletions applied, hard links kept', async () => {
    const { t } = containerWithChanges();
    expect(await t.run(['export', '-o', 'box.tar', 'box'])).toMatchObject({ status: 0, stdout: '', stderr: '' });
    expect(t.tm.fs.stat('/home/learner/box.tar').mode).toBe(0o600);
    const entries = listTar(t.tm.fs.readFile('/home/learner/box.tar'));
    const names = entries.map((e) => e.name);
    expect(names.slice(0, 3)).toEqual(['.dockerenv', 'bin/', 'bin/[']);
    expect(names).toContain('etc/passwd');
    expect(names).toContain('etc/hosts');
    expect(names).toContain('dev/console');
    expect(names).not.toContain('etc/motd');
    expect(names.some((n) => n.includes('.wh.'))).toBe(false);
    // Walk order meets again.txt first: it carries the data, new.txt links to it.
    const again = entries.find((e) => e.name === 'root/again.txt')!;
    const made = entries.find((e) => e.name === 'root/new.txt')!;
    expect(made.type).toBe('hardlink');
    expect(made.linkname).toBe('root/again.txt');
    expect(text(again.data)).toBe('made in the container\n');
    const piped = await t.run(['container', 'export', 'box']);
    expect(piped.stdoutBytes).toEqual(t.tm.fs.readFile('/home/learner/box.tar'));
  });

  test('a terminal is refused; a missing container is the daemon error', async () => {
    const { t } = containerWithChanges();
    expect(await t.run(['export', 'box'], { stdoutIsTTY: true })).toMatchObject({
      status: 1,
      stderr: 'cowardly refusing to save to a terminal. Use the -o flag or redirect\n',
    });
    expect(await t.run(['export', '-o', 'x.tar', 'nope'])).toMatchObject({ status: 1, stderr: 'Error response from daemon: No such container: nope\n' });
  });
});

describe('docker import', () => {
  test('export | import: one layer with the same files; -c and -m shape the config', async () => {
    const { t } = containerWithChanges();
    await t.run(['export', '-o', 'box.tar', 'box']);
    const r = await t.run(['import', '-c', 'CMD ["sh"]', '-c', 'ENV A=1', '-m', 'flattened', 'box.tar', 'flat:1']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^sha256:[0-9a-f]{64}\n$/);
    const img = t.engine.images.resolve('flat:1');
    expect(img.id).toBe(r.stdout.trim());
    expect(img.layers).toHaveLength(1);
    expect(img.runConfig.Cmd).toEqual(['sh']);
    expect(img.runConfig.Env).toEqual(['A=1']);
    expect(img.config.comment).toBe('flattened');
    expect(img.config.history).toEqual([{ created: img.config.created, comment: 'flattened' }]);
    const merged = img.merged();
    expect(merged.get('/root/new.txt')?.type).toBe('file');
    expect(merged.get('/etc/motd')).toBeUndefined();
    expect(merged.nlink(merged.get('/root/again.txt')!)).toBe(2);
  });

  test('stdin (-) and the default comment; gzip input', async () => {
    const { t } = containerWithChanges();
    const exported = (await t.run(['export', 'box'])).stdoutBytes;
    const r = await t.run(['image', 'import', '-'], { stdin: exported });
    expect(r.status).toBe(0);
    expect(t.engine.images.resolve(r.stdout.trim()).config.comment).toBe('Imported from -');
    const { gzip } = await import('../format/compression');
    const z = await t.run(['import', '-', 'z'], { stdin: gzip(exported) });
    expect(t.engine.images.resolve('z').id).toBe(z.stdout.trim());
  });

  test('bad input changes nothing', async () => {
    const { t } = containerWithChanges();
    const before = storeSnapshot(t.engine.images);
    const evil = tar([symlink('etc', '/etc'), file('etc/passwd', 'x')]);
    expect(await t.run(['import', '-', 'evil'], { stdin: evil })).toMatchObject({
      status: 1,
      stderr: 'Error response from daemon: invalid tar: member "etc/passwd" goes through the symlink "etc"\n',
    });
    expect(await t.run(['import', 'nosuch.tar'])).toMatchObject({ status: 1, stderr: 'open nosuch.tar: no such file or directory\n' });
    expect(await t.run(['import', '-c', 'FROM x', '-'], { stdin: tar([file('a', 'b')]) })).toMatchObject({
      status: 1,
      stderr: 'Error response from daemon: FROM is not a valid change command\n',
    });
    expect(storeSnapshot(t.engine.images)).toBe(before);
  });
});
