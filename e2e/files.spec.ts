import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { cursorRow, openTerminal, run, terminalLines, textBeforeCursor, waitForPromptBelow } from './terminal';

/**
 * Files between the learner's computer and the simulated host, and a second terminal on the same host:
 * `docker save` + `download` gives a real archive in the browser's downloads; a docker-archive written by skopeo,
 * uploaded from the computer, loads with `docker load -i`; `docker kill` typed in another tab ends a foreground
 * `docker run` that Ctrl-C cannot stop.
 */

function have(tool: string): boolean {
  try {
    execFileSync(tool, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * A docker-archive made by real tools (umoci builds a one-layer OCI image, skopeo copies it to docker-archive:), or
 * the committed one made the same way (e2e/fixtures/skopeo-docker-archive.tar) where the tools are missing.
 */
function skopeoArchive(dir: string): { path: string; made: boolean } {
  if (!have('skopeo') || !have('umoci')) return { path: fileURLToPath(new URL('./fixtures/skopeo-docker-archive.tar', import.meta.url)), made: false };
  const layout = join(dir, 'layout');
  const src = join(dir, 'src');
  mkdirSync(src);
  writeFileSync(join(src, 'hello.txt'), 'uploaded from my computer\n');
  const umoci = (...args: string[]) => execFileSync('umoci', args, { stdio: 'pipe' });
  umoci('init', '--layout', layout);
  umoci('new', '--image', `${layout}:v1`);
  umoci('insert', '--rootless', '--image', `${layout}:v1`, join(src, 'hello.txt'), '/hello.txt');
  umoci('config', '--image', `${layout}:v1`, '--config.cmd', 'cat', '--config.cmd', '/hello.txt', '--author', 'e2e');
  const out = join(dir, 'skopeo-made.tar');
  execFileSync('skopeo', ['copy', '-q', `oci:${layout}:v1`, `docker-archive:${out}:e2e/uploaded:v1`], { stdio: 'pipe' });
  return { path: out, made: true };
}

const PROMPT_AT_END = /[$#] $/;

/** Types a command and presses Enter without waiting for the prompt (for commands that keep running). */
async function start(page: Page, command: string): Promise<number> {
  await page.keyboard.type(command);
  const row = await cursorRow(page);
  await page.keyboard.press('Enter');
  return row;
}

test.describe('files and terminals in the playground', () => {
  let work = '';
  test.beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'layerlab-e2e-files-'));
  });
  test.afterAll(() => rmSync(work, { recursive: true, force: true }));

  test.beforeEach(async ({ page }) => {
    await openTerminal(page, '/play/');
  });

  test('docker save, then download: the browser gets a tar whose manifest.json names the image', async ({ page }) => {
    const pulled = await run(page, 'docker pull busybox');
    expect(pulled.at(-1)).toBe('docker.io/library/busybox:latest');
    expect(await run(page, 'docker save -o img.tar busybox')).toEqual([]);
    const size = (await run(page, 'stat -c %s img.tar'))[0];
    const downloaded = page.waitForEvent('download');
    expect(await run(page, 'download img.tar')).toEqual([]);
    const download = await downloaded;
    expect(download.suggestedFilename()).toBe('img.tar');
    const file = join(work, 'img.tar');
    await download.saveAs(file);
    expect(String(readFileSync(file).length)).toBe(size);
    // GNU tar is the judge of the bytes.
    const names = execFileSync('tar', ['-tf', file]).toString().trim().split('\n');
    expect(names).toEqual(expect.arrayContaining(['blobs/', 'blobs/sha256/', 'index.json', 'manifest.json', 'oci-layout', 'repositories']));
    const manifest = JSON.parse(execFileSync('tar', ['-xOf', file, 'manifest.json']).toString()) as Array<{ RepoTags: string[]; Layers: string[] }>;
    expect(manifest).toHaveLength(1);
    expect(manifest[0]!.RepoTags).toEqual(['busybox:latest']);
    for (const layer of manifest[0]!.Layers) expect(names).toContain(layer);
    expect(await run(page, 'download nope.tar')).toEqual(['download: nope.tar: No such file or directory']);
  });

  test('upload a docker-archive written by skopeo, then docker load -i prints Loaded image', async ({ page }) => {
    const archive = skopeoArchive(work);
    test.info().annotations.push({ type: 'archive', description: archive.made ? 'made by umoci + skopeo now' : 'committed fixture (skopeo/umoci missing)' });
    await run(page, 'mkdir -p uploads && cd uploads');
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Upload a file' }).click();
    await (await chooser).setFiles(archive.path);
    const bytes = readFileSync(archive.path).length;
    const name = archive.path.split('/').at(-1)!;
    await expect(page.getByTestId('files-notice')).toHaveText(`Uploaded ${name} to /home/learner/uploads/${name} (${bytes} bytes).`);
    await page.locator('.xterm-helper-textarea').focus();
    expect(await run(page, `stat -c '%s %U %a' ${name}`)).toEqual([`${bytes} learner 644`]);
    const loaded = await run(page, `docker load -i ${name}`);
    expect(loaded.at(-1)).toBe('Loaded image: e2e/uploaded:v1');
    expect(await run(page, 'docker images --format "{{.Repository}}:{{.Tag}} {{.Size}}"')).toEqual(['e2e/uploaded:v1 26B']);
    // Files dropped on the terminal go to the same place.
    await page.locator('[role="tabpanel"]:visible').evaluate((panel) => {
      const data = new DataTransfer();
      data.items.add(new File(['dropped on the terminal\n'], 'dropped.txt'));
      panel.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    });
    await expect(page.getByTestId('files-notice')).toHaveText('Uploaded dropped.txt to /home/learner/uploads/dropped.txt (24 bytes).');
    await page.locator('.xterm-helper-textarea').focus();
    expect(await run(page, 'cat dropped.txt')).toEqual(['dropped on the terminal']);
  });

  test('a second terminal: docker kill there ends a foreground docker run that ignores Ctrl-C', async ({ page }) => {
    expect((await run(page, 'docker pull busybox')).at(-1)).toBe('docker.io/library/busybox:latest');
    const row = await start(page, 'docker run --name spin busybox sleep 1000; echo "status $?"');
    await page.keyboard.press('Control+C');
    // The client forwards SIGINT to PID 1, and sleep as PID 1 has no handler for it: nothing ends.
    await expect.poll(async () => (await terminalLines(page)).at(-1)).toContain('^C');
    await page.waitForTimeout(300);
    expect(PROMPT_AT_END.test(await textBeforeCursor(page))).toBe(false);

    await page.getByRole('button', { name: 'New terminal' }).click();
    await expect(page.getByRole('tab', { name: 'Terminal 2' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.locator('[data-terminal-active="true"]')).toHaveAttribute('data-terminal-state', 'ready', { timeout: 30_000 });
    await expect.poll(() => textBeforeCursor(page)).toMatch(/[$#] $/);
    expect(await run(page, 'docker ps --format "{{.Names}} {{.Command}}"')).toEqual(['spin "sleep 1000"']);
    expect(await run(page, 'docker kill spin')).toEqual(['spin']);

    await page.getByRole('tab', { name: 'Terminal 1' }).click();
    await waitForPromptBelow(page, row);
    expect((await terminalLines(page)).at(-2)).toMatch(/status 137$/);
    // The same host: a file written in one terminal is there in the other.
    await run(page, 'echo from-terminal-1 > /tmp/shared');
    await page.getByRole('tab', { name: 'Terminal 2' }).click();
    expect(await run(page, 'cat /tmp/shared')).toEqual(['from-terminal-1']);
    // Closing a terminal ends its shell; the other keeps going.
    await page.getByRole('button', { name: 'Close terminal 2' }).click();
    await expect(page.getByRole('tab')).toHaveCount(1);
    expect(await run(page, 'echo still-here')).toEqual(['still-here']);
  });
});
