import { expect, test, type Page } from '@playwright/test';
import { ADA, openDemo, signInButton } from './helpers.js';

/** Presses Tab until `isTarget` holds for the focused element, as a keyboard user would. */
const tabTo = async (page: Page, isTarget: () => boolean, most = 15) => {
  for (let i = 0; i < most; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(isTarget)) return;
  }
  throw new Error(`Not reached in ${most} Tab presses`);
};

test('keyboard only: Tab to the button, Enter, sign in and allow in the popup, focus is back on the button', async ({
  page,
}) => {
  await openDemo(page);
  const button = signInButton(page, 'code-flow');
  await tabTo(page, () => document.activeElement?.id == 'code-flow');
  await expect(button).toBeFocused();

  const [popup] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('Enter')]);
  await popup.waitForLoadState();
  await expect(popup.getByRole('heading', { name: /Sign in to continue to Demo Partner/ })).toBeVisible();
  // The email field has the focus (autofocus); the rest is typed.
  await expect(popup.getByLabel('Email')).toBeFocused();
  await popup.keyboard.type(ADA.email);
  await popup.keyboard.press('Tab');
  await expect(popup.getByLabel('Password')).toBeFocused();
  await popup.keyboard.type(ADA.password);
  await popup.keyboard.press('Enter');

  await expect(popup.getByRole('heading', { name: 'Demo Partner wants to access your account' })).toBeVisible();
  await tabTo(popup, () => document.activeElement?.textContent?.trim() == 'Allow');
  await Promise.all([popup.waitForEvent('close'), popup.keyboard.press('Enter')]);

  await expect(page.locator('#signed-in-as')).toHaveText(`Signed in as ${ADA.name}`);
  await expect(page.locator('#code-flow')).toHaveAttribute('status', 'success');
  await expect(button).toBeFocused();
});
