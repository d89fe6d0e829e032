import { expect, type Page } from '@playwright/test';
import { events, openDemo, type RecordedEvent } from './helpers.js';

/**
 * Helpers of the security suites (COOP, redirect fallback, hostile input).
 * They reuse the demo page and its event recorder (helpers.ts).
 */

/** The second mock provider, which approves at once (demo/mock-provider-plugin.ts, playwright.config.ts). */
export const autoProvider = () => `http://localhost:${process.env.E2E_AUTO_PROVIDER_PORT}`;
export const AUTO_AUTHORIZE = () => `${autoProvider()}/oauth2/authorize/`;

/** Every uncaught page error and every console message of a page (and of the popups it opens). */
export const watch = (page: Page) => {
  const watched = { errors: [] as string[], console: [] as string[] };
  const attach = (target: Page) => {
    target.on('pageerror', (error) => {
      // Firefox reports the mock provider pages' own CSP refusing /favicon.ico as a page error;
      // that is the browser's report of a policy doing its job, not an exception in a script.
      if (!/^The page’s settings blocked the loading of a resource/.test(error.message))
        watched.errors.push(`${target.url()}: ${error.message}`);
    });
    target.on('console', (message) => watched.console.push(message.text()));
  };
  attach(page);
  page.context().on('page', attach);
  return watched;
};

/** Every sessionStorage/localStorage write in the page's context (its popups too), across navigations. */
export const recordStorageWrites = async (page: Page) => {
  const writes: string[] = [];
  await page.context().exposeBinding('__storageWrite', (_source, entry: string) => void writes.push(entry));
  await page.context().addInitScript(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key: string, value: string) {
      (window as unknown as { __storageWrite: (entry: string) => void }).__storageWrite(`${key}=${value}`);
      return setItem.call(this, key, value);
    };
  });
  return writes;
};

/** Adds an `<oauth-connect>` to the demo page with these attributes, and waits for its button. */
export const addButton = async (page: Page, id: string, attributes: Record<string, string>) => {
  await page.evaluate(
    ({ id, attributes }) => {
      const button = document.createElement('oauth-connect');
      button.id = id;
      button.textContent = id;
      for (const [name, value] of Object.entries(attributes)) button.setAttribute(name, value);
      document.querySelector('main')!.append(button);
    },
    { id, attributes },
  );
  await expect(page.locator(`#${id}`).locator('[part="button"]')).toBeVisible();
};

/** An element on the auto-approving provider (client demo-client, the demo's callback page unless given). */
export const autoButton = (page: Page, id: string, attributes: Record<string, string> = {}) =>
  addButton(page, id, {
    'authorize-url': AUTO_AUTHORIZE(),
    'client-id': 'demo-client',
    'redirect-uri': '/callback.html',
    scope: 'profile email',
    ...attributes,
  });

/** The events of one element, once it has settled. */
export const outcome = async (page: Page, id: string): Promise<RecordedEvent[]> => {
  await expect
    .poll(async () => (await events(page)).filter((e) => e.target == id && e.type != 'connect-start').length, {
      timeout: 15_000,
    })
    .toBeGreaterThan(0);
  return (await events(page)).filter((e) => e.target == id);
};

export { events, openDemo };
