import { expect, test } from '@playwright/test';
import { startMockProvider } from '../../src/mock-provider/index.js';
import { signInWithPopup } from '../../src/testing/index.js';
import { ADA, openDemo, settledEvents, signInButton, uniqueEmail } from './helpers.js';

/**
 * oauth-connect/testing's signInWithPopup on the demo, against the shared
 * mock provider's real pages: what it answers, what it reports, and the
 * failures it turns into clear errors instead of a timeout.
 */
test.beforeEach(async ({ page }) => {
  await openDemo(page);
});

test('signs in, allows, and resolves once the popup is gone', async ({ page }) => {
  const popup = page.waitForEvent('popup');
  const result = await signInWithPopup(page, signInButton(page, 'code-flow'), ADA);
  expect(result).toEqual({ pages: ['sign-in', 'consent'] });
  expect((await popup).isClosed()).toBe(true);
  await expect(page.locator('#signed-in-as')).toHaveText(`Signed in as ${ADA.name}`);
});

test('denies on the consent page; a function can be the trigger', async ({ page }) => {
  const result = await signInWithPopup(page, () => signInButton(page, 'code-flow').click(), {
    ...ADA,
    consent: 'deny',
  });
  expect(result.pages).toEqual(['sign-in', 'consent']);
  const [, outcome] = await settledEvents(page, 'code-flow');
  expect(outcome).toMatchObject({ type: 'connect-error', detail: { error: 'access_denied' } });
});

test('signs up a new account from the sign-in page', async ({ page }) => {
  const email = uniqueEmail();
  const result = await signInWithPopup(page, signInButton(page, 'code-flow'), {
    signUp: true,
    name: 'Grace Hopper',
    email,
    password: 'cobol-1959',
  });
  expect(result.pages).toEqual(['sign-in', 'sign-up', 'consent']);
  await expect(page.locator('#signed-in-as')).toHaveText('Signed in as Grace Hopper');
});

test('a wrong password rejects with the page’s message', async ({ page }) => {
  await expect(signInWithPopup(page, signInButton(page, 'code-flow'), { ...ADA, password: 'wrong' })).rejects.toThrow(
    `signInWithPopup: signing in as ${ADA.email} failed: The email or password is incorrect.`,
  );
});

test('a trigger that matches no element says so, not that the popup timed out', async ({ page }) => {
  const missing = page.getByRole('button', { name: 'A button this page does not have' });
  await expect(signInWithPopup(page, missing, { timeout: 1000 })).rejects.toThrow(
    /^signInWithPopup: the trigger matched no element within 1000 ms \(.*A button this page does not have.*\)\.$/,
  );
});

test('the provider’s error page rejects with its words', async ({ page }) => {
  await page.evaluate(() => {
    const button = document.createElement('oauth-connect');
    button.id = 'misconfigured';
    button.setAttribute('authorize-url', document.querySelector('#code-flow')!.getAttribute('authorize-url')!);
    button.setAttribute('client-id', 'demo-client');
    button.setAttribute('redirect-uri', '/not-registered.html');
    document.querySelector('main')!.append(button);
  });
  await expect(signInWithPopup(page, signInButton(page, 'misconfigured'), ADA)).rejects.toThrow(
    /^signInWithPopup: the mock provider refused the request: .*\/not-registered\.html is not registered/,
  );
});

test('a remembered session goes straight to consent', async ({ page }) => {
  await signInWithPopup(page, signInButton(page, 'code-flow'), ADA);
  // The session cookie: no sign-in page this time.
  expect((await signInWithPopup(page, signInButton(page, 'code-flow'))).pages).toEqual(['consent']);
});

test('a popup that closes at once resolves with no pages; deny then rejects, as nothing was denied', async ({
  page,
}) => {
  const origin = new URL(page.url()).origin;
  const provider = await startMockProvider({
    autoApprove: true,
    clients: [{ clientId: 'auto', name: 'Auto', redirectUris: [`${origin}/callback.html`] }],
  });
  try {
    await page.evaluate((authorizeUrl) => {
      const button = document.createElement('oauth-connect');
      button.id = 'auto';
      button.setAttribute('authorize-url', authorizeUrl);
      button.setAttribute('client-id', 'auto');
      button.setAttribute('redirect-uri', '/callback.html');
      document.querySelector('main')!.append(button);
    }, provider.authorizeUrl);
    expect(await signInWithPopup(page, signInButton(page, 'auto'))).toEqual({ pages: [] });
    await expect(page.locator('#auto')).toHaveAttribute('status', 'success');
    await expect(signInWithPopup(page, signInButton(page, 'auto'), { consent: 'deny' })).rejects.toThrow(
      'signInWithPopup: the popup closed before the consent page, so nothing was denied.',
    );
  } finally {
    await provider.close();
  }
});

test('drives a server-bound sign-in: the element ends connected, the session at the server', async ({ page }) => {
  // The demo's home page: server="/auth", the demo's own createAuthHandler, the same mock provider.
  await page.goto('/');
  const element = page.locator('#server-bound');
  await expect(element.locator('[part="button"]')).toBeVisible();
  const popup = page.waitForEvent('popup');
  const result = await signInWithPopup(page, element.locator('[part="button"]'), ADA);
  expect(result).toEqual({ pages: ['sign-in', 'consent'] });
  expect((await popup).isClosed()).toBe(true);
  await expect(element).toHaveAttribute('status', 'connected');
  await expect(element.locator('[part="status"]')).toHaveText(`Connected as ${ADA.name}`);
  const session = await page.evaluate(() => fetch('/auth/session').then((response) => response.json()));
  expect(session).toMatchObject({ accounts: { mock: { name: ADA.name } } });
});
