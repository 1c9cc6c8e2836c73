/**
 * What the page adds to the learner's host: `download FILE` (host file → browser download), uploads into the
 * shell's working directory, and a second terminal on the same host and daemon.
 */
import { describe, expect, it } from 'vitest';
import { parseDockerRef } from '../engine/format/reference';
import { listTar } from '../engine/format/tar';
import { tinyBusyboxImage } from '../engine/testing/tinyImages';
import { createRegistry } from '../shell/programs';
import type { BrowserFiles } from './browserFiles';
import { createHostSession, type HostSession, type Shell } from './session';
import { Screen } from './testing/Screen';

const NOW = '2026-11-23T10:00:00Z';

/** Collects downloads the way the page's Blob would: the parts joined. */
function fakeBrowser(): BrowserFiles & { readonly got: Array<{ name: string; bytes: Uint8Array }> } {
  const got: Array<{ name: string; bytes: Uint8Array }> = [];
  return {
    got,
    download(name, parts, size) {
      const bytes = new Uint8Array(size);
      let o = 0;
      for (const p of parts) {
        bytes.set(p, o);
        o += p.length;
      }
      expect(o).toBe(size);
      got.push({ name, bytes });
    },
  };
}

/** Gives the event loop turns until `cond` holds. */
async function until(cond: () => boolean, turns = 5000): Promise<void> {
  for (let i = 0; i < turns && !cond(); i++) await new Promise((r) => setImmediate(r));
  if (!cond()) throw new Error('condition not reached');
}

/** Types `line` into `shell` once it waits for input, and resolves when it waits again (the command is done). */
function typeLine(shell: Shell, line: string): Promise<void> {
  return new Promise((resolve) => {
    let typed = false;
    const off = shell.pty.onInputWanted(() => {
      if (!typed) {
        typed = true;
        shell.input(`${line}\r`);
        return;
      }
      off();
      resolve();
    });
  });
}

function withBusybox(s: HostSession): void {
  const image = s.engine.images.add(tinyBusyboxImage());
  s.engine.images.tag(parseDockerRef('busybox'), image.id);
}

const hasBash = createRegistry().get('bash') !== undefined;

describe.skipIf(!hasBash)('the page: downloads, uploads, a second terminal', () => {
  it('download FILE hands the exact bytes of a docker save to the browser; errors read like coreutils', async () => {
    const browser = fakeBrowser();
    const s = createHostSession({ now: NOW, seed: 1, columns: 100, rows: 30, browserFiles: browser });
    withBusybox(s);
    const screen = new Screen(100, 30);
    s.onOutput((d) => screen.write(d));
    await typeLine(s, 'docker save -o img.tar busybox && download img.tar');
    expect(browser.got.map((g) => g.name)).toEqual(['img.tar']);
    const onHost = s.fs.readFile('/home/learner/img.tar');
    expect(browser.got[0]!.bytes).toEqual(onHost);
    const manifest = listTar(browser.got[0]!.bytes).find((e) => e.name === 'manifest.json')!;
    expect(JSON.parse(new TextDecoder().decode(manifest.data))[0].RepoTags).toEqual(['busybox:latest']);
    await typeLine(s, 'download nope /tmp; echo st=$?; download');
    expect(screen.toString()).toContain(
      [
        'download: nope: No such file or directory',
        'download: /tmp: Is a directory',
        'st=1',
        'download: missing file operand',
        "Try 'download --help' for more information.",
      ].join('\n'),
    );
    expect(browser.got).toHaveLength(1);
  });

  it('the host has no download command without a browser (the CLI)', async () => {
    const s = createHostSession({ now: NOW, seed: 1 });
    const screen = new Screen(80, 24);
    s.onOutput((d) => screen.write(d));
    await typeLine(s, 'download x');
    expect(screen.toString()).toContain('bash: download: command not found');
  });

  it('an upload lands in the shell’s working directory, owned by the learner, and docker load reads it', async () => {
    const browser = fakeBrowser();
    const s = createHostSession({ now: NOW, seed: 1, columns: 100, rows: 30, browserFiles: browser });
    withBusybox(s);
    const screen = new Screen(100, 30);
    s.onOutput((d) => screen.write(d));
    await typeLine(s, 'docker save busybox > /tmp/saved.tar && docker rmi -f busybox >/dev/null && mkdir work && cd work');
    const bytes = s.fs.readFile('/tmp/saved.tar');
    expect(s.upload('C:\\Users\\me\\from-my-pc.tar', bytes)).toBe('/home/learner/work/from-my-pc.tar');
    await typeLine(s, 'ls -l; docker load -i from-my-pc.tar');
    const text = screen.toString();
    expect(text).toMatch(new RegExp(`-rw-r--r-- 1 learner learner ${bytes.length} Nov 23 10:00 from-my-pc.tar`));
    expect(text).toContain('Loaded image: busybox:latest');
    expect(s.fs.readFile('/home/learner/work/from-my-pc.tar')).toEqual(bytes);
    await typeLine(s, 'cd /');
    expect(() => s.upload('x.tar', bytes)).toThrow('/x.tar: Permission denied');
    await typeLine(s, 'cd; mkdir taken');
    expect(() => s.upload('taken', bytes)).toThrow('/home/learner/taken: Is a directory');
  });

  it('a second terminal shares the daemon: docker kill ends a foreground run that Ctrl-C cannot stop', async () => {
    const s = createHostSession({ seed: 1, columns: 100, rows: 30 });
    withBusybox(s);
    const screen1 = new Screen(100, 30);
    s.onOutput((d) => screen1.write(d));
    const second = s.openShell({ columns: 100, rows: 30 });
    const screen2 = new Screen(100, 30);
    second.onOutput((d) => screen2.write(d));
    const running = typeLine(s, 'docker run --name spin busybox sleep 1000; echo st=$?');
    await until(() => s.engine.containers.list().some((c) => c.name === 'spin' && c.state.status === 'running'));
    // Ctrl-C reaches the docker client, which forwards SIGINT to PID 1: sleep as PID 1 ignores it.
    s.input('\x03');
    for (let i = 0; i < 200; i++) await new Promise((r) => setImmediate(r));
    expect(s.engine.containers.resolve('spin').state.status).toBe('running');
    await typeLine(second, 'docker kill spin');
    await running;
    expect(screen2.toString()).toContain('learner@layerlab:~$ docker kill spin\nspin');
    expect(screen1.toString()).toContain('st=137');
    expect(s.engine.containers.resolve('spin').state.status).toBe('exited');
    // Files are shared too: the second terminal is the same host.
    await typeLine(second, 'echo shared > /tmp/note');
    await typeLine(s, 'cat /tmp/note');
    expect(screen1.toString()).toContain('shared');
  });
});
