import { expect, test } from '@playwright/test';
import { startMockProvider } from '../../src/mock-provider/index.js';
import { signInButton } from './helpers.js';
import { autoButton, openDemo, outcome, watch } from './security-helpers.js';

/**
 * A callback page that never answers: the page at redirect-uri loads but does
 * not run callback.js. The element can read the popup then (same origin), and
 * ends the flow with callback_failed instead of waiting out the timeout. A
 * callback page that is only slow to get its script still succeeds.
 */
test.describe.configure({ timeout: 60_000 });

test('a redirect page without callback.js ends with connect-error callback_failed, logged, popup closed', async ({
  page,
  baseURL,
}) => {
  const watched = watch(page);
  // The partner's first try: redirect-uri names a page of the site that does not load callback.js.
  const forgetful = `${baseURL}/examples/plain.html`;
  const provider = await startMockProvider({
    port: 0,
    autoApprove: true,
    clients: [{ clientId: 'forgetful', name: 'Forgetful', redirectUris: [forgetful] }],
  });
  try {
    await openDemo(page);
    await autoButton(page, 'silent', {
      'authorize-url': provider.authorizeUrl,
      'client-id': 'forgetful',
      'redirect-uri': forgetful,
    });
    const started = Date.now();
    const [popup] = await Promise.all([page.waitForEvent('popup'), signInButton(page, 'silent').click()]);
    const settled = await outcome(page, 'silent');
    // Well before the 300 s timeout: the provider's round trip, then the grace period.
    expect(Date.now() - started).toBeLessThan(15_000);
    const error = settled.at(-1)!;
    expect(error.type).toBe('connect-error');
    expect(error.detail.error).toBe('callback_failed');
    expect(error.detail.errorDescription).toBe(
      `oauth-connect: the callback page ${forgetful} sent nothing: does it load callback.js?`,
    );
    expect(watched.console).toContainEqual(error.detail.errorDescription);
    await expect.poll(() => popup.isClosed()).toBe(true);
    await expect(page.locator('#silent').locator('[part=status]')).toHaveText('Sign-in is not available on this page.');
  } finally {
    await provider.close();
  }
});

test('a callback page whose callback.js is slow to arrive still succeeds', async ({ page }) => {
  // Longer than the element's grace period: the page has not finished loading until its module script ran.
  await page.context().route(
    (url) => url.pathname == '/dist/callback.js',
    async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 5000));
      await route.continue();
    },
  );
  await openDemo(page);
  await autoButton(page, 'slow', { 'redirect-uri': '/script-tag-callback.html' });
  await signInButton(page, 'slow').click();
  const settled = await outcome(page, 'slow');
  expect(settled.map((event) => event.type)).toEqual(['connect-start', 'connect-success']);
});
