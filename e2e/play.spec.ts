import { expect, test } from '@playwright/test';
import { cursorRow, openTerminal, paste, run, terminalLines, textBeforeCursor, waitForPromptBelow } from './terminal';

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

  test('a multi-line paste reaches the line editor as a bracketed paste', async ({ page }) => {
    expect(await page.evaluate(() => window.__layerlabTerm?.modes.bracketedPasteMode)).toBe(true);
    const row = await cursorRow(page);
    // Inside a bracketed paste a tab is text (typed, it would ask for completion) and each line runs in turn.
    await paste(page, 'echo "a\tb"\necho two\n');
    await waitForPromptBelow(page, row + 3);
    expect((await terminalLines(page)).slice(-5, -1)).toEqual([
      expect.stringMatching(/[$#] echo "a.*b"$/),
      'a       b',
      expect.stringMatching(/[$#] echo two$/),
      'two',
    ]);
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
