import { expect, test } from '@playwright/test';
import { ADA, allow, openDemo, openPopup, settledEvents, signIn } from './helpers.js';

/**
 * Runs only in the `chromium-popup-blocker` project, which keeps Chromium's
 * popup blocker on (Playwright turns it off by default). The element opens the
 * popup synchronously inside the click, with no await before window.open, so a
 * real click is enough even with PKCE's async hashing in the flow.
 */
test.beforeEach(async ({ page }) => {
  // Proof the blocker is on: while the page loads, with no user gesture, window.open is refused.
  // (Not page.evaluate: Playwright runs it as if from a user gesture.)
  await page.addInitScript(() =>
    addEventListener('DOMContentLoaded', () =>
      Object.assign(window, { __openedWithoutGesture: window.open('about:blank', '_blank', 'popup') !== null }),
    ),
  );
  await openDemo(page);
  expect(
    await page.evaluate(() => (window as unknown as { __openedWithoutGesture: boolean }).__openedWithoutGesture),
  ).toBe(false);
});

test('code flow: a real click opens the popup despite the blocker', async ({ page }) => {
  const popup = await openPopup(page, 'code-flow');
  await signIn(popup);
  await allow(popup);
  const [, success] = await settledEvents(page, 'code-flow');
  expect(success).toMatchObject({ type: 'connect-success', detail: { responseType: 'code' } });
  await expect(page.locator('#signed-in-as')).toHaveText(`Signed in as ${ADA.name}`);
});

test('token flow: a real click opens the popup despite the blocker', async ({ page }) => {
  const popup = await openPopup(page, 'token-flow');
  await signIn(popup);
  await allow(popup);
  const [, success] = await settledEvents(page, 'token-flow');
  expect(success).toMatchObject({ type: 'connect-success', detail: { responseType: 'token', tokenType: 'bearer' } });
  await expect(page.locator('#signed-in-as')).toHaveText(`Signed in as ${ADA.name}`);
});
