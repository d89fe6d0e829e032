import { expect, type Locator, type Page } from '@playwright/test';

/** The demo's test account (src/mock-provider/defaults.ts). */
export const ADA = { name: 'Ada Lovelace', email: 'ada@example.com', password: 'analytical-engine' };

export const EVENT_TYPES = ['connect-start', 'connect-success', 'connect-error', 'connect-cancel'] as const;

export interface RecordedEvent {
  type: (typeof EVENT_TYPES)[number];
  target: string;
  detail: Record<string, unknown>;
}

/** An address no other test uses: the tests share one provider. */
export const uniqueEmail = () => `e2e-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.com`;

/**
 * Opens the event-mode demo with a listener that records every event the elements fire.
 * It only observes: window.open, postMessage and the element are untouched.
 */
export const openDemo = async (page: Page, path = '/events.html') => {
  await page.addInitScript((types) => {
    const recorded: unknown[] = [];
    Object.assign(window, { __events: recorded });
    for (const type of types)
      document.addEventListener(type, (event) =>
        recorded.push({ type, target: (event.target as Element).id, detail: (event as CustomEvent).detail }),
      );
  }, EVENT_TYPES);
  await page.goto(path);
  // The element is defined and has rendered its button.
  await expect(signInButton(page, 'code-flow')).toBeVisible();
};

export const events = (page: Page): Promise<RecordedEvent[]> =>
  page.evaluate(() => (window as unknown as { __events: RecordedEvent[] }).__events);

/** The element's own button, inside its shadow root. */
export const signInButton = (page: Page, id: string): Locator => page.locator(`#${id}`).locator('[part="button"]');

/** A real click on the button, and the popup it opens. */
export const openPopup = async (page: Page, id: string): Promise<Page> => {
  const [popup] = await Promise.all([page.waitForEvent('popup'), signInButton(page, id).click()]);
  await popup.waitForLoadState();
  return popup;
};

export const signIn = async (popup: Page, email = ADA.email, password = ADA.password) => {
  await expect(popup.getByRole('heading', { name: /Sign in to continue to Demo Partner/ })).toBeVisible();
  const emailField = popup.getByLabel('Email');
  // After a failed attempt the form keeps the email. Firefox over BiDi appends to a prefilled
  // type=email field instead of replacing it (it cannot select its text), so fill only when needed.
  if ((await emailField.inputValue()) != email) await emailField.fill(email);
  await popup.getByLabel('Password').fill(password);
  await popup.getByRole('button', { name: 'Sign in' }).click();
};

export const expectConsent = async (popup: Page, userName: string) => {
  await expect(popup.getByRole('heading', { name: 'Demo Partner wants to access your account' })).toBeVisible();
  await expect(popup.getByText(userName, { exact: true })).toBeVisible();
};

/** Allow on the consent page; the popup goes back to the callback page, which closes it. */
export const allow = async (popup: Page) => {
  await Promise.all([popup.waitForEvent('close'), popup.getByRole('button', { name: 'Allow' }).click()]);
};

/** Waits for the flow to end and returns the events of one element. */
export const settledEvents = async (page: Page, id: string): Promise<RecordedEvent[]> => {
  await expect
    .poll(async () => (await events(page)).filter((e) => e.target == id && e.type != 'connect-start').length)
    .toBeGreaterThan(0);
  return (await events(page)).filter((e) => e.target == id);
};
