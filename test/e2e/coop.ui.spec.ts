import { expect, test, type Page } from '@playwright/test';
import { ADA, allow, signIn, signInButton } from './helpers.js';
import { autoButton, events, openDemo, outcome, watch } from './security-helpers.js';

/**
 * Cross-Origin-Opener-Policy: same-origin on the partner's pages (the demo
 * under /coop/, demo/mock-provider-plugin.ts). The popup is then cut off from
 * the page: `popup.closed` reads true while the user is still signing in and
 * the callback page has no `window.opener`, so the result must come over the
 * flow's BroadcastChannel, and no `connect-cancel` may fire before it.
 */

// Several popups or page loads per test: Firefox on a busy two-core machine needs more than 30 s.
test.describe.configure({ timeout: 60_000 });

/**
 * The element reports `closed` only once the user is back on the page
 * (`document.hasFocus()`). Firefox answers that truthfully here: the page
 * behind the popup has no focus. Headless Chromium says every window has the
 * focus, even with Playwright's focus emulation turned off over CDP
 * (`Emulation.setFocusEmulationEnabled`; we checked), which no real browser
 * does for the page behind a popup. In Chromium only, `document.hasFocus()`
 * therefore answers as a desktop Chromium does: false from the click that
 * opens the popup (the popup takes the focus) on. Firefox runs unmodified.
 */
const realFocus = async (page: Page) => {
  if (page.context().browser()?.browserType().name() != 'chromium') return;
  await page.evaluate(() => {
    const hasFocus = Document.prototype.hasFocus;
    let inPopup = false;
    document.addEventListener('click', () => (inPopup = true), true);
    document.hasFocus = function () {
      return !inPopup && hasFocus.call(this);
    };
  });
};

/** A click on the button, and the popup window it opened (found by the context: COOP hides the opener). */
const clickForPopup = async (page: Page, id: string) => {
  const [popup] = await Promise.all([page.context().waitForEvent('page'), signInButton(page, id).click()]);
  return popup;
};

const expectNoCancel = async (page: Page, id: string) => {
  const settled = await outcome(page, id);
  expect(settled.map((e) => e.type)).toEqual(['connect-start', 'connect-success']);
  return settled[1]!;
};

test('host page with COOP: the popup reads as closed, yet the token flow completes without a cancel', async ({
  page,
}) => {
  const watched = watch(page);
  await openDemo(page, '/coop/events.html');
  await realFocus(page);
  await autoButton(page, 'coop-token', { 'response-type': 'token', 'redirect-uri': '/coop/callback.html' });
  const popup = await clickForPopup(page, 'coop-token');
  const success = await expectNoCancel(page, 'coop-token');
  expect(success.detail).toMatchObject({ responseType: 'token', tokenType: 'bearer' });
  expect(success.detail.accessToken).toMatch(/^mock_at_/);
  // The popup was cut off: the callback page closed itself.
  await expect.poll(() => popup.isClosed()).toBe(true);
  expect(watched.errors).toEqual([]);
});

test('host page with COOP: the code flow completes through the BroadcastChannel', async ({ page }) => {
  const watched = watch(page);
  await openDemo(page, '/coop/events.html');
  await realFocus(page);
  await autoButton(page, 'coop-code', { 'redirect-uri': '/coop/callback.html' });
  await clickForPopup(page, 'coop-code');
  const success = await expectNoCancel(page, 'coop-code');
  expect(success.detail).toMatchObject({
    responseType: 'code',
    redirectUri: expect.stringMatching(/\/coop\/callback\.html$/),
  });
  expect(success.detail.code).toMatch(/^mock_code_/);
  expect(watched.errors).toEqual([]);
});

test('host page with COOP: a user signs in through the UI, slowly, and no cancel fires', async ({ page }) => {
  await openDemo(page, '/coop/events.html');
  await realFocus(page);
  await page.evaluate(() => {
    document.querySelector('#code-flow')!.setAttribute('redirect-uri', '/coop/callback.html');
    // Only observes: keeps the handle the element gets, to show what COOP does to it.
    const open = window.open;
    window.open = (...args) => ((window as unknown as { handle: Window | null }).handle = open.apply(window, args));
  });
  const popup = await clickForPopup(page, 'code-flow');
  // The popup reads as closed from the start (COOP), yet the flow keeps waiting.
  expect(await page.evaluate(() => document.hasFocus())).toBe(false);
  await expect(popup.getByLabel('Email')).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { handle: Window }).handle.closed)).toBe(true);
  await signIn(popup, ADA.email, 'wrong password');
  await expect(popup.getByRole('alert')).toHaveText('The email or password is incorrect.');
  // Far beyond the element's poll (250 ms) and grace period (500 ms).
  await popup.waitForTimeout(1500);
  expect((await events(page)).map((e) => e.type)).toEqual(['connect-start']);
  await signIn(popup);
  await allow(popup);
  await expectNoCancel(page, 'code-flow');
  await expect(page.locator('#signed-in-as')).toHaveText(`Signed in as ${ADA.name}`);
});

test('callback page with COOP (host page without): opener is null there, the channel delivers', async ({ page }) => {
  const watched = watch(page);
  await openDemo(page);
  await realFocus(page);
  await autoButton(page, 'coop-callback', { 'redirect-uri': '/coop/callback.html' });
  const [popup] = await Promise.all([page.waitForEvent('popup'), signInButton(page, 'coop-callback').click()]);
  const success = await expectNoCancel(page, 'coop-callback');
  expect(success.detail.code).toMatch(/^mock_code_/);
  await expect.poll(() => popup.isClosed()).toBe(true);
  expect(watched.errors).toEqual([]);
});
