import { expect, test } from '@playwright/test';

test.describe('home page', () => {
  test('renders in English at /', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page).toHaveTitle(/layerlab/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('See what an image is made of.');
    await expect(page.getByTestId('open-playground')).toHaveText(/Open the playground/);
  });

  test('renders in Chinese at /zh/', async ({ page }) => {
    await page.goto('/zh/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('看清一个镜像由什么构成。');
    await expect(page.getByTestId('open-playground')).toHaveText(/打开练习场/);
    await expect(page.getByText('只读层', { exact: false })).toBeVisible();
  });

  test('/en/ is the English home page too', async ({ page }) => {
    await page.goto('/en/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('See what an image is made of.');
  });

  test('the language switch goes to the same page in the other language and back', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: '中文' }).click();
    await expect(page).toHaveURL(/\/zh\/$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('看清一个镜像由什么构成。');
    await page.getByRole('navigation', { name: '语言' }).getByRole('link', { name: 'English' }).click();
    await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('See what an image is made of.');
  });

  test('"Open the playground" leads to /play/', async ({ page }) => {
    await page.goto('/');
    await page.getByTestId('open-playground').click();
    await expect(page).toHaveURL(/\/play\/$/);
    await expect(page.locator('[data-terminal-state]')).toBeVisible();
  });
});

test.describe('static export', () => {
  test('an address without its trailing slash is redirected', async ({ page }) => {
    const response = await page.goto('/zh/play');
    expect(response?.status()).toBe(200);
    await expect(page).toHaveURL(/\/zh\/play\/$/);
  });

  test('an unknown address gets the 404 page in both languages', async ({ page }) => {
    const response = await page.goto('/no/such/page/');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    await expect(page.getByRole('heading', { name: '找不到页面' })).toBeVisible();
  });

  test('an unknown locale is a 404', async ({ page }) => {
    const response = await page.goto('/fr/play/');
    expect(response?.status()).toBe(404);
  });
});
