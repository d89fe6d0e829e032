import { expect, test } from '@playwright/test';
import {
  ADA,
  allow,
  events,
  expectConsent,
  openDemo,
  openPopup,
  settledEvents,
  signIn,
  signInButton,
  uniqueEmail,
} from './helpers.js';

/**
 * The whole workflow of the providers' documentation, through the real UI: the demo page
 * on one origin, the mock provider's pages in a real popup on another.
 */
test.beforeEach(async ({ page }) => {
  await openDemo(page);
});

test('sign up a new user, then the code flow ends with the user shown', async ({ page }) => {
  const email = uniqueEmail();
  const popup = await openPopup(page, 'code-flow');
  // As the providers document it: no account yet, the interface offers to create one.
  await popup.getByRole('link', { name: 'Create an account' }).click();
  await expect(popup.getByRole('heading', { name: /Create your account/ })).toBeVisible();
  await popup.getByLabel('Full name').fill('Grace Hopper');
  await popup.getByLabel('Email').fill(email);
  await popup.getByLabel('Password').fill('short');
  await popup.getByRole('button', { name: 'Create account' }).click();
  await expect(popup.getByRole('alert')).toHaveText('Choose a password of at least 8 characters.');
  await popup.getByLabel('Password').fill('compiler-1952');
  await popup.getByRole('button', { name: 'Create account' }).click();

  await expectConsent(popup, 'Grace Hopper');
  await expect(popup.getByText(email)).toBeVisible();
  await allow(popup);

  await expect(page.locator('#signed-in-as')).toHaveText('Signed in as Grace Hopper');
  await expect(page.locator('#account')).toContainText(email);
  const [start, success] = await settledEvents(page, 'code-flow');
  expect(start!.type).toBe('connect-start');
  expect(success!.type).toBe('connect-success');
  expect(success!.detail).toMatchObject({
    responseType: 'code',
    redirectUri: `${new URL(page.url()).origin}/callback.html`,
  });
});

test('sign in an existing user; the code is exchanged by the back end and /v1/me names the user', async ({ page }) => {
  const popup = await openPopup(page, 'code-flow');
  await signIn(popup, ADA.email, 'wrong password');
  await expect(popup.getByRole('alert')).toHaveText('The email or password is incorrect.');
  await signIn(popup);
  await expectConsent(popup, ADA.name);
  await expect(popup.getByText('See your email address')).toBeVisible();
  await expect(popup.getByText('See your name and your public profile')).toBeVisible();
  await allow(popup);

  await expect(page.locator('#signed-in-as')).toHaveText(`Signed in as ${ADA.name}`);
  await expect(page.locator('#account')).toContainText(`${ADA.email} · code exchanged on the server`);
  const [start, success] = await settledEvents(page, 'code-flow');
  // The authorization request carried PKCE S256 (RFC 7636), and the result the verifier for the exchange.
  const url = new URL(start!.detail.url as string);
  expect(url.searchParams.get('code_challenge_method')).toBe('S256');
  expect(url.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
  expect(success!.detail.code).toMatch(/^mock_code_/);
  expect(success!.detail.codeVerifier).toMatch(/^[\w-]{43,128}$/);
  expect(success!.detail.state).toBe(url.searchParams.get('state'));
  // The log shows the back end's answer: the user, never the tokens.
  const exchange = page.locator('#event-log li[data-event="exchange"]');
  await expect(exchange).toContainText('"status": 200');
  await expect(exchange).not.toContainText('access');
});

test('a remembered provider session skips the sign-in form', async ({ page }) => {
  const first = await openPopup(page, 'token-flow');
  await signIn(first);
  await allow(first);
  await expect(page.locator('#signed-in-as')).toHaveText(`Signed in as ${ADA.name}`);

  const second = await openPopup(page, 'code-flow');
  await expectConsent(second, ADA.name);
  await expect(second.getByLabel('Password')).toHaveCount(0);
  await allow(second);
  await expect(page.locator('#account')).toContainText('code exchanged on the server');
  const successes = (await events(page)).filter((e) => e.type == 'connect-success');
  expect(successes.map((e) => e.detail.responseType)).toEqual(['token', 'code']);
});

test('Deny ends the flow with connect-error access_denied', async ({ page }) => {
  const popup = await openPopup(page, 'code-flow');
  await signIn(popup);
  await expectConsent(popup, ADA.name);
  await Promise.all([popup.waitForEvent('close'), popup.getByRole('button', { name: 'Deny' }).click()]);

  const [, error] = await settledEvents(page, 'code-flow');
  expect(error).toMatchObject({
    type: 'connect-error',
    detail: { error: 'access_denied', errorDescription: 'The user denied the request.' },
  });
  await expect(page.locator('#account')).toHaveText('You declined the request in the popup.');
  // Declining is not a failure: the button is idle again, with a neutral word.
  await expect(page.locator('#code-flow')).toHaveAttribute('status', 'idle');
  await expect(page.locator('#code-flow').locator('[part=status]')).toHaveText('Sign-in cancelled.');
});

test('token flow: the access token arrives in the page and works at /v1/me', async ({ page }) => {
  const popup = await openPopup(page, 'token-flow');
  await signIn(popup);
  await expectConsent(popup, ADA.name);
  await allow(popup);

  const [start, success] = await settledEvents(page, 'token-flow');
  expect(new URL(start!.detail.url as string).searchParams.get('response_type')).toBe('token');
  expect(success!.type).toBe('connect-success');
  expect(success!.detail).toMatchObject({
    responseType: 'token',
    tokenType: 'bearer',
    expiresIn: 3600,
    scope: 'profile email',
  });
  expect(success!.detail.accessToken).toMatch(/^mock_at_/);
  // The implicit grant never carries a refresh token (RFC 6749 §4.2.2).
  expect(success!.detail.refreshToken).toBeUndefined();
  expect(success!.detail.expiresAt).toBeGreaterThan(Date.now() + 3500_000);
  await expect(page.locator('#signed-in-as')).toHaveText(`Signed in as ${ADA.name}`);
  await expect(page.locator('#account')).toContainText('token used in the browser');
});

test('the user closing the popup ends the flow with connect-cancel closed', async ({ page }) => {
  const popup = await openPopup(page, 'code-flow');
  await expect(popup.getByLabel('Email')).toBeVisible();
  await popup.close();

  const [start, cancel] = await settledEvents(page, 'code-flow');
  expect(start!.type).toBe('connect-start');
  expect(cancel).toMatchObject({ type: 'connect-cancel', detail: { reason: 'closed' } });
  await expect(page.locator('#code-flow')).toHaveAttribute('status', 'idle');
  // The button works again afterwards.
  const again = await openPopup(page, 'code-flow');
  await signIn(again);
  await allow(again);
  await expect(page.locator('#signed-in-as')).toHaveText(`Signed in as ${ADA.name}`);
});

test('an unregistered redirect URI: the popup shows the error and nothing reaches the page', async ({ page }) => {
  // A partner's misconfigured button: same page origin, but a redirect URI the provider does not know.
  await page.evaluate(() => {
    const button = document.createElement('oauth-connect');
    Object.assign(button, { id: 'misconfigured', textContent: 'Misconfigured' });
    button.setAttribute('authorize-url', document.querySelector('#code-flow')!.getAttribute('authorize-url')!);
    button.setAttribute('client-id', 'demo-client');
    button.setAttribute('redirect-uri', '/not-registered.html');
    document.querySelector('main')!.append(button);
  });
  const popup = await openPopup(page, 'misconfigured');
  await expect(popup.getByRole('heading', { name: "This sign-in request can't continue" })).toBeVisible();
  await expect(popup.getByRole('alert')).toContainText('/not-registered.html is not registered for Demo Partner');
  // RFC 6749 §4.1.2.1: the provider must not redirect to an unverified URI.
  expect(new URL(popup.url()).pathname).toBe('/oauth2/authorize/');
  await popup.waitForTimeout(1000);
  expect(popup.isClosed()).toBe(false);
  expect((await events(page)).map((e) => e.type)).toEqual(['connect-start']);
  await expect(page.locator('#misconfigured')).toHaveAttribute('status', 'pending');
});

test('a second click while the popup is open does not start another flow', async ({ page }) => {
  const popup = await openPopup(page, 'code-flow');
  let extraPopups = 0;
  page.on('popup', () => extraPopups++);
  await signInButton(page, 'code-flow').click();
  await signIn(popup);
  await allow(popup);
  await expect(page.locator('#signed-in-as')).toHaveText(`Signed in as ${ADA.name}`);
  expect(extraPopups).toBe(0);
  expect((await events(page)).filter((e) => e.type == 'connect-start')).toHaveLength(1);
});
