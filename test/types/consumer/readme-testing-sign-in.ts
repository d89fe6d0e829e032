// A README.md snippet, type-checked by test/types/run.js against the packed package
// (test/e2e/readme-snippets.api.spec.ts checks the region is in the README as is).
// "Test your sign-in in CI"; test/testing/run.js runs it in a consumer project.
// #region readme
// tests/sign-in.spec.ts
import { expect, signInWithPopup, test } from 'oauth-connect/testing';

test.beforeEach(async ({ page }) => {
  await page.goto('/');
});

const button = (page: import('@playwright/test').Page) =>
  page.getByRole('button', { name: 'Sign in with the provider' });

test('signs in and consents', async ({ page, mockProvider }) => {
  const { pages } = await signInWithPopup(page, button(page), {
    email: 'ada@example.com',
    password: 'analytical-engine',
  });
  expect(pages).toEqual(['sign-in', 'consent']);
  await expect(page.locator('#status')).toHaveText('Signed in as Ada Lovelace');
  expect((await mockProvider.lastAuthorization())?.params).toMatchObject({
    client_id: 'partner-site',
    scope: 'profile email',
    code_challenge_method: 'S256',
  });
});

test('the user denies', async ({ page }) => {
  await signInWithPopup(page, button(page), { consent: 'deny' });
  await expect(page.locator('#status')).toHaveText('Sign-in failed: access_denied');
});

test('a new user signs up', async ({ page }) => {
  await signInWithPopup(page, button(page), {
    signUp: true,
    name: 'Grace Hopper',
    email: 'grace@example.com',
    password: 'cobol-1959',
  });
  await expect(page.locator('#status')).toHaveText('Signed in as Grace Hopper');
});

test('the provider is down', async ({ page, mockProvider }) => {
  await mockProvider.failNextRequest({ error: 'temporarily_unavailable', endpoint: 'authorize' });
  const { pages } = await signInWithPopup(page, button(page));
  expect(pages).toEqual([]);
  await expect(page.locator('#status')).toHaveText('Sign-in failed: temporarily_unavailable');
});
// #endregion readme

export {};
