import { expect, test } from '@playwright/test';
import { cursorRow, openTerminal, run, terminalLines, textBeforeCursor, waitForPromptBelow } from './terminal';

test.describe('the playground terminal', () => {
  test.beforeEach(async ({ page }) => {
    await openTerminal(page, '/play/');
  });

  test('runs a pipeline', async ({ page }) => {
    expect(await run(page, 'echo hi | tr a-z A-Z')).toEqual(['HI']);
  });

  test('takes a here-doc typed over several lines', async ({ page }) => {
    await page.keyboard.type('cat <<EOF');
    const row = await cursorRow(page);
    await page.keyboard.press('Enter');
    for (const line of ['first line', '  second, indented', 'EOF']) {
      await expect.poll(() => textBeforeCursor(page)).toBe('> ');
      await page.keyboard.type(line);
      await page.keyboard.press('Enter');
    }
    await waitForPromptBelow(page, row);
    const lines = await terminalLines(page);
    const at = lines.findIndex((l) => l.endsWith('cat <<EOF'));
    expect(lines.slice(at + 1, -1)).toEqual(['> first line', '>   second, indented', '> EOF', 'first line', '  second, indented']);
  });

  test('Ctrl-C interrupts a busy loop and the next command works', async ({ page }) => {
    await page.keyboard.type('while :; do :; done');
    const row = await cursorRow(page);
    await page.keyboard.press('Enter');
    // The loop is running once the cursor has left the command's row without a new prompt.
    await expect.poll(() => cursorRow(page)).toBeGreaterThan(row);
    await page.waitForTimeout(300);
    expect(await textBeforeCursor(page)).not.toMatch(/[$#] $/);
    await page.keyboard.press('Control+C');
    await waitForPromptBelow(page, row);
    expect(await run(page, 'echo still here')).toEqual(['still here']);
  });

  test('a multi-line paste arrives as one bracketed paste', async ({ page }) => {
    // The line editor turns on bracketed paste (mode 2004) while it waits at the prompt.
    expect(await page.evaluate(() => window.__layerlabTerm?.modes.bracketedPasteMode)).toBe(true);
    const row = await cursorRow(page);
    await page.locator('.xterm-helper-textarea').evaluate((textarea) => {
      const data = new DataTransfer();
      data.setData('text/plain', 'echo one\necho two');
      textarea.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    });
    // Pasted newlines are text in the line being edited: nothing has run yet.
    await page.waitForTimeout(300);
    expect(await terminalLines(page)).not.toContain('one');
    await page.keyboard.press('Enter');
    await waitForPromptBelow(page, row);
    const lines = await terminalLines(page);
    expect(lines).toContain('one');
    expect(lines).toContain('two');
    expect(lines.indexOf('one')).toBeLessThan(lines.indexOf('two'));
  });

  test('exit ends the session and Enter starts a new one', async ({ page }) => {
    await page.keyboard.type('exit');
    await page.keyboard.press('Enter');
    await expect(page.locator('[data-terminal-state]')).toHaveAttribute('data-terminal-state', 'exited');
    expect((await terminalLines(page)).at(-1)).toBe('[session ended with status 0; press Enter to start a new one]');
    const row = await cursorRow(page);
    await page.keyboard.press('Enter');
    await expect(page.locator('[data-terminal-state]')).toHaveAttribute('data-terminal-state', 'ready');
    await waitForPromptBelow(page, row - 1);
    expect(await run(page, 'echo again')).toEqual(['again']);
  });

  test('the terminal has keyboard focus on load', async ({ page }) => {
    await expect(page.locator('.xterm-helper-textarea')).toBeFocused();
  });
});

test('the embed page runs a command with minimal chrome', async ({ page }) => {
  await openTerminal(page, '/embed/');
  await expect(page.locator('header')).toHaveCount(0);
  expect(await run(page, 'echo embedded')).toEqual(['embedded']);
});

test('the Chinese playground has its own terminal', async ({ page }) => {
  await openTerminal(page, '/zh/play/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('region', { name: '终端：模拟主机上的 shell' })).toBeVisible();
  expect(await run(page, 'echo 你好')).toEqual(['你好']);
});
