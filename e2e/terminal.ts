/**
 * Helpers that drive the playground's terminal like a person (keyboard into xterm's textarea) and read what it
 * shows through xterm's buffer, which the page exposes as window.__layerlabTerm to automated browsers only.
 */
import { expect, type Page } from '@playwright/test';

/** The screen and scrollback as text, one entry per logical line (soft-wrapped rows joined). */
export async function terminalLines(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const term = window.__layerlabTerm;
    if (!term) return [];
    const buf = term.buffer.active;
    const lines: string[] = [];
    for (let y = 0; y < buf.length; y++) {
      const line = buf.getLine(y);
      if (!line) continue;
      const text = line.translateToString(true);
      if (line.isWrapped && lines.length > 0) lines[lines.length - 1] += text;
      else lines.push(text);
    }
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    return lines;
  });
}

/** The text of the cursor's row left of the cursor: what a prompt looks like while the shell waits for input. */
export async function textBeforeCursor(page: Page): Promise<string> {
  return page.evaluate(() => {
    const term = window.__layerlabTerm;
    if (!term) return '';
    const buf = term.buffer.active;
    return buf.getLine(buf.baseY + buf.cursorY)?.translateToString(false, 0, buf.cursorX) ?? '';
  });
}

const PROMPT = /[$#] $/;

/** The cursor's row counted from the top of the scrollback: it only grows while output is appended. */
export async function cursorRow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const buf = window.__layerlabTerm?.buffer.active;
    return buf ? buf.baseY + buf.cursorY : -1;
  });
}

/** Opens a page with a terminal and waits for the session to be ready and the first prompt to be shown. */
export async function openTerminal(page: Page, path = '/play/'): Promise<void> {
  await page.goto(path);
  const terminal = page.locator('[data-terminal-state]');
  await expect(terminal).not.toHaveAttribute('data-terminal-state', 'starting', { timeout: 30_000 });
  // A terminal that failed to start says why in its status line; show that instead of a bare timeout.
  const state = await terminal.getAttribute('data-terminal-state');
  expect(state, await page.getByTestId('terminal-status').innerText()).toBe('ready');
  await expect.poll(() => textBeforeCursor(page), { timeout: 30_000 }).toMatch(PROMPT);
}

/** Waits until the shell shows an empty prompt on a row below `row` (the row the last command was typed on). */
export async function waitForPromptBelow(page: Page, row: number): Promise<void> {
  await expect
    .poll(async () => (await cursorRow(page)) > row && PROMPT.test(await textBeforeCursor(page)), { timeout: 20_000 })
    .toBe(true);
}

/** Types one line and presses Enter, then waits for the next prompt. Returns the lines printed in between. */
export async function run(page: Page, command: string): Promise<string[]> {
  await page.keyboard.type(command);
  const before = await terminalLines(page);
  const row = await cursorRow(page);
  await page.keyboard.press('Enter');
  await waitForPromptBelow(page, row);
  const after = await terminalLines(page);
  // `before` ends with the row holding the command; what follows up to the new prompt row is its output.
  return after.slice(before.length, -1);
}

/** Pastes text the way a browser does: a `paste` event with clipboard data on xterm's textarea. */
export async function paste(page: Page, text: string): Promise<void> {
  await page.locator('.xterm-helper-textarea').evaluate((textarea, t) => {
    const data = new DataTransfer();
    data.setData('text/plain', t);
    textarea.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}
