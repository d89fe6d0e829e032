import { expect, test } from '@playwright/test';

/**
 * Screenshots of demo/gallery.html against committed baselines
 * (gallery.screenshot.spec.ts-snapshots/), in Chromium only (project
 * chromium-screenshots). After an intended change of the looks, look at the
 * new pictures and update them: `npm run test:screenshots -- --update-snapshots`.
 */
test.beforeEach(async ({ page }) => {
  await page.goto('/gallery.html');
  await page.waitForSelector('html[data-ready]');
  await page.evaluate(() => document.fonts.ready);
});

const panels = [
  'light-filled',
  'light-outline',
  'dark-filled',
  'dark-outline',
  'light-layout-and-languages',
  'dark-layout-and-languages',
  'page-scheme-and-pending',
];

for (const [index, name] of panels.entries())
  test(`gallery: ${name}`, async ({ page }) => {
    await expect(page.locator('#gallery > .panel').nth(index)).toHaveScreenshot(`${name}.png`);
  });

test.describe('under a dark OS preference', () => {
  test.use({ colorScheme: 'dark' });
  test('gallery: the elements without a theme stay light on the light page', async ({ page }) => {
    await expect(page.locator('#gallery > .panel').nth(panels.indexOf('page-scheme-and-pending'))).toHaveScreenshot(
      'page-scheme-and-pending-dark-os.png',
    );
  });
});

test('gallery: the whole page', async ({ page }) => {
  // 1600 × 5000+ px, taken until two shots match: slow on a busy machine.
  test.setTimeout(90_000);
  await expect(page).toHaveScreenshot('gallery.png', { fullPage: true, timeout: 60_000 });
});
