import { expect, test } from '@playwright/test';
import { cursorRow, openTerminal, run, terminalLines, textBeforeCursor, waitForPromptBelow } from './terminal';

/**
 * The engine in the page: `docker` pulls from the catalog the site serves (/catalog/), runs containers, and hands
 * the terminal to an interactive container and back.
 */
test.describe('docker in the playground', () => {
  test.beforeEach(async ({ page }) => {
    await openTerminal(page, '/play/');
  });

  test('run pulls the image from the site and prints the container output', async ({ page }) => {
    const out = await run(page, 'docker run --rm hello-world');
    expect(out[0]).toBe("Unable to find image 'hello-world:latest' locally");
    expect(out).toContain('Status: Downloaded newer image for hello-world:latest');
    expect(out).toContain('Hello from Docker!');
    const images = await run(page, 'docker images --format "{{.Repository}}:{{.Tag}}"');
    expect(images).toEqual(['hello-world:latest']);
  });

  test('run -it gives a shell in the container; exit returns to the host; diff shows the change', async ({ page }) => {
    await page.keyboard.type('docker run -it --name box alpine sh');
    const row = await cursorRow(page);
    await page.keyboard.press('Enter');
    await expect.poll(() => textBeforeCursor(page), { timeout: 30_000 }).toBe('/ # ');
    await page.keyboard.type('echo made-in-container > /note.txt; cat /etc/os-release | head -1');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await terminalLines(page)).some((l) => l.includes('NAME="Alpine Linux"'))).toBe(true);
    await page.keyboard.type('exit');
    await page.keyboard.press('Enter');
    await waitForPromptBelow(page, row);
    expect(await run(page, 'docker diff box')).toEqual(['A /note.txt']);
    expect(await run(page, 'docker ps -a --format "{{.Names}} {{.Status}}"')).toEqual([expect.stringMatching(/^box Exited \(0\) /)]);
  });

  test('Ctrl-P Ctrl-Q detaches from run -it and the container keeps running', async ({ page }) => {
    await page.keyboard.type('docker run -it --name bg busybox sh');
    const row = await cursorRow(page);
    await page.keyboard.press('Enter');
    await expect.poll(() => textBeforeCursor(page), { timeout: 30_000 }).toBe('/ # ');
    await page.keyboard.press('Control+P');
    await page.keyboard.press('Control+Q');
    await waitForPromptBelow(page, row);
    expect(await run(page, 'docker ps --format "{{.Names}} {{.Command}}"')).toEqual(['bg "sh"']);
  });
});
