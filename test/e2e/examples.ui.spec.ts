import { expect, test } from '@playwright/test';
import { ADA, allow, expectConsent, signIn } from './helpers.js';

/**
 * The framework examples (demo/examples), end to end: a real click opens the
 * mock provider in a popup, the user signs in and allows, and the example shows
 * who signed in after its back end exchanged the code.
 */
for (const [example, title] of [
  ['react', 'React 19'],
  ['vue', 'Vue 3'],
  ['plain', 'Plain HTML'],
] as const)
  test(`${title} example: click, sign in, allow; the page shows the signed-in user`, async ({ page }) => {
    const errors: Error[] = [];
    page.on('pageerror', (error) => errors.push(error));
    await page.goto(`/examples/${example}.html`);
    const message = page.locator('p[role="status"]');
    await expect(message).toHaveText('Not signed in.');
    const button = page.locator('oauth-connect').locator('[part="button"]');
    // The name says what happens.
    await expect(button).toHaveAccessibleName('Sign in, opens a new window');

    const [popup] = await Promise.all([page.waitForEvent('popup'), button.click()]);
    await popup.waitForLoadState();
    await signIn(popup);
    await expectConsent(popup, ADA.name);
    await allow(popup);

    await expect(message).toHaveText(`Signed in as ${ADA.name}`);
    await expect(page.locator('oauth-connect')).toHaveAttribute('status', 'success');
    expect(errors).toEqual([]);
  });
