import type { Locator, Page } from '@playwright/test';
import { DEMO_USER } from '../mock-provider/index.js';

export interface SignInWithPopupOptions {
  /** The account's email. Default: the mock's default user, `ada@example.com`. */
  email?: string;
  /** Its password. Default: the default user's, `analytical-engine`. */
  password?: string;
  /** What to answer on the consent page. Default `allow`. */
  consent?: 'allow' | 'deny';
  /** Create the account on the sign-up page instead of signing in (password: 8 characters or more). */
  signUp?: boolean;
  /** The name to sign up with. Default: the email's part before the `@`. */
  name?: string;
  /** Milliseconds to wait for the popup and for each of its pages. Default 15,000. */
  timeout?: number;
}

/** The provider's pages the popup went through, in order. */
export type PopupPage = 'sign-in' | 'sign-up' | 'consent';

export interface SignInWithPopupResult {
  pages: PopupPage[];
}

type State = PopupPage | 'error' | 'closed';

/*
 * The pages are told apart by their forms (the `action` each posts), not by
 * their words, which follow the user's language.
 */
const MARKERS: Record<Exclude<State, 'closed'>, string> = {
  'sign-in': 'form:has(input[name="action"][value="signin"])',
  'sign-up': 'form:has(input[name="action"][value="signup"])',
  consent: 'form:has(button[name="action"][value="allow"])',
  // The error page: an alert and no form (a form's own error sits next to its form).
  error: 'main:not(:has(form)) [role="alert"]',
};

/** Resolves on the popup's next document (its `load`) or its closing, whichever comes first. */
const nextDocument = (popup: Page): Promise<void> =>
  new Promise((resolve) => {
    const done = () => {
      popup.off('load', done);
      popup.off('close', done);
      resolve();
    };
    popup.on('load', done);
    popup.on('close', done);
  });

/** Resolves when the popup closes; with `ms`, false if it has not closed by then. */
const closing = (popup: Page, ms?: number): Promise<boolean> =>
  new Promise((resolve) => {
    if (popup.isClosed()) return resolve(true);
    popup.once('close', () => resolve(true));
    if (ms !== undefined) setTimeout(() => resolve(popup.isClosed()), ms).unref();
  });

/** Which page the popup shows, once it shows one of the provider's, or that it closed. */
const stateOf = async (popup: Page, timeout: number): Promise<State> => {
  if (popup.isClosed()) return 'closed';
  const any = popup.locator(Object.values(MARKERS).join(', ')).first();
  const shown = any.waitFor({ state: 'attached', timeout }).then(
    () => undefined,
    (error: unknown) => error,
  );
  const first = await Promise.race([closing(popup).then(() => 'closed' as const), shown]);
  if (first == 'closed' || popup.isClosed()) return 'closed';
  if (first !== undefined) {
    // The wait can fail because the page is going away before Playwright reports the popup
    // closed (Firefox over BiDi): give the close event a moment before calling it a failure.
    if (await closing(popup, 5000)) return 'closed';
    throw new Error(
      `signInWithPopup: the popup showed none of the mock provider's pages and did not close within ${timeout} ms ` +
        `(it is at ${popup.url()}).`,
      { cause: first },
    );
  }
  for (const [state, selector] of Object.entries(MARKERS))
    if (
      await popup
        .locator(selector)
        .count()
        .catch(() => 0)
    )
      return state as State;
  // It navigated on between the two looks: look again.
  return stateOf(popup, timeout);
};

/** The form's error message, if the page shows one. */
const formError = async (popup: Page): Promise<string | undefined> => {
  if (popup.isClosed()) return undefined;
  const alert = popup.locator('#form-error');
  return (await alert.count().catch(() => 0)) ? (await alert.innerText()).trim() : undefined;
};

/**
 * Fills a field. Firefox over WebDriver BiDi appends to a prefilled email field
 * instead of replacing its text, so a field that already holds the value is left alone.
 */
const fill = async (field: Locator, value: string) => {
  if ((await field.inputValue()) != value) await field.fill(value);
};

/** Submits a form with `button` and waits for what comes after it. */
const submit = async (popup: Page, button: Locator) => {
  const next = nextDocument(popup);
  await button.click();
  await next;
};

/**
 * Waits for the trigger to be in the page, so that a locator that matches nothing is said as
 * such rather than as the popup's timeout (the click and the wait for the popup share the timeout).
 */
const findTrigger = async (trigger: Locator, timeout: number) => {
  try {
    await trigger.first().waitFor({ state: 'attached', timeout });
  } catch (cause) {
    throw new Error(`signInWithPopup: the trigger matched no element within ${timeout} ms (${String(trigger)}).`, {
      cause,
    });
  }
};

/**
 * Signs in through the mock provider's popup: clicks `trigger` (a Locator, or a
 * function that clicks), then on the popup's pages signs in (or signs up), answers
 * the consent page, and resolves once the popup is gone. A popup that closes
 * before a page (auto-approve, a remembered session, a forced error) is fine,
 * except for `consent: 'deny'`, which needs the consent page. A wrong password,
 * a refused sign-up or the provider's error page rejects with its message.
 */
export async function signInWithPopup(
  page: Page,
  trigger: Locator | (() => unknown),
  options: SignInWithPopupOptions = {},
): Promise<SignInWithPopupResult> {
  const { email = DEMO_USER.email, password = DEMO_USER.password, consent = 'allow', timeout = 15_000 } = options;
  if (typeof trigger != 'function') await findTrigger(trigger, timeout);
  const opened = page.waitForEvent('popup', { timeout });
  // Its failure is reported below, after the click's own, which says more (hidden, disabled …).
  opened.catch(() => undefined);
  await (typeof trigger == 'function' ? trigger() : trigger.click({ timeout }));
  const popup = await opened;
  const pages: PopupPage[] = [];
  for (;;) {
    const state = await stateOf(popup, timeout);
    if (state == 'closed') break;
    if (pages.length > 8) throw new Error(`signInWithPopup: the popup goes round in circles (${pages.join(' → ')}).`);
    if (state == 'error') {
      const text = (
        await popup
          .locator('main')
          .innerText()
          .catch(() => '')
      )
        .replace(/\s+/g, ' ')
        .trim();
      throw new Error(`signInWithPopup: the mock provider refused the request: ${text}`);
    }
    if (state == 'sign-in' && options.signUp) {
      // The sign-up page of the same request: the link keeps its parameters.
      pages.push('sign-in');
      await submit(popup, popup.locator('a[href*="prompt=create"]'));
      continue;
    }
    pages.push(state);
    if (state == 'sign-in') {
      const form = popup.locator(MARKERS['sign-in']);
      await fill(form.locator('input[name="email"]'), email);
      await fill(form.locator('input[name="password"]'), password);
      await submit(popup, form.locator('button[type="submit"]'));
      const error = await formError(popup);
      if (error) throw new Error(`signInWithPopup: signing in as ${email} failed: ${error}`);
    } else if (state == 'sign-up') {
      const form = popup.locator(MARKERS['sign-up']);
      await fill(form.locator('input[name="name"]'), options.name ?? email.replace(/@.*/, ''));
      await fill(form.locator('input[name="email"]'), email);
      await fill(form.locator('input[name="password"]'), password);
      await submit(popup, form.locator('button[type="submit"]'));
      const error = await formError(popup);
      if (error) throw new Error(`signInWithPopup: signing up as ${email} failed: ${error}`);
    } else {
      await submit(popup, popup.locator(`${MARKERS.consent} button[name="action"][value="${consent}"]`));
    }
  }
  if (consent == 'deny' && !pages.includes('consent'))
    throw new Error('signInWithPopup: the popup closed before the consent page, so nothing was denied.');
  return { pages };
}
