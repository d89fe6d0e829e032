import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { ADA, EVENT_TYPES, expectConsent, signIn, signInButton } from './helpers.js';
import { PAGE_BLOCKS, readmeBlock } from './readme-blocks.js';
import { AUTO_AUTHORIZE, autoButton, autoProvider, events, openDemo, outcome, watch } from './security-helpers.js';

/**
 * `mode="auto"` where the visitor is: an app's in-app browser and a web app on an iOS home screen
 * sign in by a redirect of the page (a popup fails there), an ordinary browser by the popup. The
 * user agent is set on the browser context; the home screen's `navigator.standalone` and
 * `display-mode: standalone` are set by an init script, which stands in for a device (nothing here
 * runs on a real phone).
 */

// A page load to the provider and back per test: Firefox on a busy two-core machine needs more than 30 s.
test.describe.configure({ timeout: 60_000 });

const INSTAGRAM_IOS =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/22B83 Instagram 354.0.0.29.90 (iPhone12,8; iOS 18_1; en_US; en; scale=2.00; 750x1334; 654111336; IABMV/1)';
const FACEBOOK_ANDROID =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP2A.240805.005; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/127.0.6533.103 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/480.0.0.50.95;]';
const SAFARI_IOS =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/22B5045g Safari/604.1';

/** Records every `connect-environment` of the page (each load) in `window.__environments`. */
const recordEnvironments = (page: Page) =>
  page.addInitScript(() => {
    const seen: unknown[] = ((window as unknown as { __environments: unknown[] }).__environments = []);
    document.addEventListener('connect-environment', (event) =>
      seen.push({ target: (event.target as Element).id, detail: (event as CustomEvent).detail }),
    );
  });
const environments = (page: Page) =>
  page.evaluate(() => (window as unknown as { __environments: unknown[] }).__environments);

/**
 * Clicks the `mode="auto"` element `id` and follows the page to the provider and back: no popup,
 * one visit to the provider, and the element on the returned page fires the result.
 */
const signInByRedirect = async (page: Page, id: string, attributes: Record<string, string> = {}) => {
  const watched = watch(page);
  let popups = 0;
  page.on('popup', () => popups++);
  const providerVisits: string[] = [];
  page.on('request', (request) => {
    if (request.isNavigationRequest() && request.url().startsWith(autoProvider())) providerVisits.push(request.url());
  });
  await Promise.all([page.waitForURL((url) => url.pathname == '/callback.html'), signInButton(page, id).click()]);
  await page.waitForURL((url) => url.pathname == '/events.html');
  await expect(page.locator('#code-flow')).toBeVisible();
  // The returned page: the partner's markup has the element again.
  await autoButton(page, id, { mode: 'auto', ...attributes });
  const settled = await outcome(page, id);
  expect(popups).toBe(0);
  expect(providerVisits).toHaveLength(1);
  expect(watched.errors).toEqual([]);
  return settled;
};

test.describe('an Instagram visitor on iOS', () => {
  test.use({ userAgent: INSTAGRAM_IOS });

  test('the README’s mode="auto" element, as pasted under the script-tag bundle, shows the hint and Instagram’s way out', async ({
    page,
  }) => {
    // The bundle loads dist/modes/auto.js (and the table it imports) from beside itself, as on a partner's site.
    await page.route('**/readme-auto.html', (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html lang="en"><body>${readmeBlock(...PAGE_BLOCKS.auto)}<script type="module" src="/assets/oauth-connect.js"></script></body></html>`,
      }),
    );
    await page.route('**/assets/**/*.js', (route) => {
      const file = new URL(route.request().url()).pathname.replace(/^.*\/assets\//, '');
      return route.fulfill({
        contentType: 'text/javascript',
        body: readFileSync(new URL(`../../dist/${file}`, import.meta.url)),
      });
    });
    await recordEnvironments(page);
    await page.goto('/readme-auto.html');
    const hint = page.locator('oauth-connect').locator('[part=hint]');
    await expect(hint).toContainText('Signing in may not work in this app.');
    await expect(hint.locator('[part=escape]')).toHaveAttribute(
      'href',
      'instagram://extbrowser/?url=' + encodeURIComponent(page.url()),
    );
    expect(await environments(page)).toEqual([
      { target: '', detail: { kind: 'in-app', app: 'instagram', action: 'redirect' } },
    ]);
  });

  test('is told before any click, sees the hint with Instagram’s way out, and signs in by redirect', async ({
    page,
  }) => {
    await recordEnvironments(page);
    await openDemo(page);
    await autoButton(page, 'auto-instagram', { mode: 'auto' });
    expect(await environments(page)).toEqual([
      { target: 'auto-instagram', detail: { kind: 'in-app', app: 'instagram', action: 'redirect' } },
    ]);
    // A click leaves the page for the provider: the button's name (its text, the id here) says no new window.
    await expect(signInButton(page, 'auto-instagram')).toHaveAttribute('aria-label', 'auto-instagram');
    const hint = page.locator('#auto-instagram').locator('[part=hint]');
    await expect(hint).toContainText('Signing in may not work in this app.');
    const link = hint.locator('[part=escape]');
    await expect(link).toHaveText('Open in your browser');
    // This page, in the system browser: Instagram's extbrowser with the page's address as its url.
    expect(await link.getAttribute('href')).toBe(
      'instagram://extbrowser/?url=' + encodeURIComponent(new URL('/events.html', page.url()).href),
    );
    const settled = await signInByRedirect(page, 'auto-instagram');
    expect(settled.map((e) => e.type)).toEqual(['connect-success']);
    expect(settled[0]!.detail).toMatchObject({ responseType: 'code' });
    expect(settled[0]!.detail.code).toMatch(/^mock_code_/);
    // The returned page's element told the page again where it is; the hint's link has no result in it.
    expect(await environments(page)).toEqual([
      { target: 'auto-instagram', detail: { kind: 'in-app', app: 'instagram', action: 'redirect' } },
    ]);
    expect(await link.getAttribute('href')).not.toContain('oauth-connect');
  });

  test('webviews="escape": told before any click that the way out is the action, with the hint and Instagram’s way out', async ({
    page,
  }) => {
    await recordEnvironments(page);
    await openDemo(page);
    await autoButton(page, 'auto-escape', { mode: 'auto', webviews: 'escape' });
    expect(await environments(page)).toEqual([
      { target: 'auto-escape', detail: { kind: 'in-app', app: 'instagram', action: 'escape' } },
    ]);
    await expect(page.locator('#auto-escape').locator('[part=hint]')).toContainText(
      'Signing in may not work in this app.',
    );
    const way = 'instagram://extbrowser/?url=' + encodeURIComponent(new URL('/events.html', page.url()).href);
    await expect(page.locator('#auto-escape').locator('[part=escape]')).toHaveAttribute('href', way);
  });

  test('webviews="escape": the click starts no flow and opens the way out', async ({ page }) => {
    const asked = await wayOutPage(
      page,
      'instagram',
      autoMarkup('escape-only', `webviews="escape" authorize-url="${AUTO_AUTHORIZE()}"`),
    );
    await clickTheWayOut(page, 'escape-only', asked, { kind: 'in-app', app: 'instagram', action: 'escape' });
  });
});

/** Serves the built files of dist/ under /assets/, as a partner's site serves the script-tag bundle. */
const serveDist = (page: Page) =>
  page.route('**/assets/**/*.js', (route) => {
    const file = new URL(route.request().url()).pathname.replace(/^.*\/assets\//, '');
    return route.fulfill({
      contentType: 'text/javascript',
      body: readFileSync(new URL(`../../dist/${file}`, import.meta.url)),
    });
  });

/**
 * A partner's page under the script-tag bundle whose module script runs `setup` (it may import
 * from /assets/oauth-connect.js) and then adds `element`. For the click, `app`'s entry gets a way
 * out the test can follow (registerInAppBrowser): a desktop browser cannot open `instagram:` or
 * `intent:` (Firefox stops at its "open the application?" prompt), so the way out is a page of the
 * test server. Returns the URLs the page asked it for and the element events, recorded across the
 * page's leaving.
 */
const wayOutPage = async (page: Page, app: string, element: string, setup = '') => {
  const asked: string[] = [];
  const recorded: unknown[] = [];
  await page.route('**/way-out?**', (route) => {
    asked.push(route.request().url());
    return route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>The system browser</title>' });
  });
  await page.route('**/partner-page.html', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><body><main></main><script type="module">
        import { registerInAppBrowser } from '/assets/modes/auto.js';
        import { inAppBrowsers } from '/assets/in-app-browsers.js';
        const entry = inAppBrowsers.find((known) => known.app == ${JSON.stringify(app)});
        registerInAppBrowser({ ...entry, escape: { ios: '/way-out?url=$<url>', android: '/way-out?url=$<url>' } });
        ${setup}
        document.querySelector('main').innerHTML = ${JSON.stringify(element)};
      </script></body></html>`,
    }),
  );
  await serveDist(page);
  await page.exposeBinding('__record', (_source, item: unknown) => void recorded.push(item));
  await page.addInitScript(
    (types) => {
      for (const type of types)
        document.addEventListener(type, (event) =>
          (window as unknown as { __record: (item: unknown) => void }).__record({
            type,
            target: (event.target as Element).id,
            detail: (event as CustomEvent).detail,
          }),
        );
    },
    [...EVENT_TYPES, 'connect-environment'],
  );
  await page.goto('/partner-page.html');
  return { asked, recorded };
};

/**
 * Clicks the `mode="auto"` element `id` whose only action is the way out: the click starts no flow
 * (no popup, no visit to the provider, no connect-start), the element fires `connect-cancel` with
 * `reason: 'aborted'` (README, "Visitors in in-app browsers and home-screen apps") and the page
 * opens the way out for itself. `connect-environment` came once, before the click.
 */
const clickTheWayOut = async (
  page: Page,
  id: string,
  { asked, recorded }: Awaited<ReturnType<typeof wayOutPage>>,
  environment: object,
) => {
  const watched = watch(page);
  let popups = 0;
  page.on('popup', () => popups++);
  const providerVisits: string[] = [];
  page.on('request', (request) => {
    if (request.url().startsWith(autoProvider())) providerVisits.push(request.url());
  });
  const here = page.url();
  const way = '/way-out?url=' + encodeURIComponent(here);
  await expect(page.locator(`#${id}`).locator('[part=hint]')).toContainText('Signing in may not work in this app.');
  await expect(page.locator(`#${id}`).locator('[part=escape]')).toHaveAttribute('href', way);
  expect(recorded).toEqual([{ type: 'connect-environment', target: id, detail: environment }]);
  await Promise.all([page.waitForURL('**/way-out?**'), signInButton(page, id).click()]);
  expect(asked).toEqual([new URL(way, here).href]);
  await expect.poll(() => recorded.length).toBeGreaterThan(1);
  expect(recorded).toEqual([
    { type: 'connect-environment', target: id, detail: environment },
    { type: 'connect-cancel', target: id, detail: { reason: 'aborted' } },
  ]);
  expect(popups).toBe(0);
  expect(providerVisits).toEqual([]);
  expect(watched.errors).toEqual([]);
};

/** A mode="auto" element on the auto-approving provider, as the partner's markup has it. */
const autoMarkup = (id: string, attributes: string) =>
  `<oauth-connect id="${id}" mode="auto" ${attributes} client-id="demo-client" redirect-uri="/callback.html"></oauth-connect>`;

test.describe('a Facebook visitor on Android', () => {
  test.use({ userAgent: FACEBOOK_ANDROID });

  test('sees an intent: way out to the system browser for this page', async ({ page }) => {
    await recordEnvironments(page);
    await openDemo(page, '/events.html?ref=ad');
    await autoButton(page, 'auto-facebook', { mode: 'auto' });
    expect(await environments(page)).toEqual([
      { target: 'auto-facebook', detail: { kind: 'in-app', app: 'facebook', action: 'redirect' } },
    ]);
    const { host } = new URL(page.url());
    // The test server is http: the intent carries the page's own scheme.
    await expect(page.locator('#auto-facebook').locator('[part=escape]')).toHaveAttribute(
      'href',
      `intent://${host}/events.html?ref=ad#Intent;scheme=http;end`,
    );
  });

  test("a preset that says webviews: 'refused': the click starts no flow and opens the way out", async ({ page }) => {
    // The partner's own preset for a provider that answers a web view with an error page (as Google does).
    const asked = await wayOutPage(
      page,
      'facebook',
      autoMarkup('refused', 'provider="refuses-webviews"'),
      `import { registerProvider } from '/assets/oauth-connect.js';
        registerProvider('refuses-webviews', { name: 'Refuser', authorizeUrl: ${JSON.stringify(AUTO_AUTHORIZE())}, responseTypes: ['code'], webviews: 'refused' });`,
    );
    await clickTheWayOut(page, 'refused', asked, { kind: 'in-app', app: 'facebook', action: 'escape' });
  });
});

test.describe('a visitor of a web app on an iOS home screen', () => {
  test.use({ userAgent: SAFARI_IOS });

  test('signs in by redirect inside the app, with no hint', async ({ page }) => {
    // Stands in for a device: iOS sets navigator.standalone and display-mode: standalone in a home-screen app.
    await page.addInitScript(() => {
      Object.defineProperty(navigator, 'standalone', { value: true });
      const matchMedia = window.matchMedia.bind(window);
      window.matchMedia = (query: string) =>
        query.includes('display-mode: standalone')
          ? ({ ...matchMedia(query), matches: true } as MediaQueryList)
          : matchMedia(query);
    });
    await recordEnvironments(page);
    await openDemo(page);
    await autoButton(page, 'auto-home', { mode: 'auto' });
    expect(await environments(page)).toEqual([
      { target: 'auto-home', detail: { kind: 'standalone', action: 'redirect' } },
    ]);
    await expect(page.locator('#auto-home').locator('[part=hint]')).toHaveCount(0);
    await expect(signInButton(page, 'auto-home')).toHaveAttribute('aria-label', 'auto-home');
    const settled = await signInByRedirect(page, 'auto-home');
    expect(settled.map((e) => e.type)).toEqual(['connect-success']);
    expect(settled[0]!.detail.code).toMatch(/^mock_code_/);
  });
});

test('an ordinary visitor gets the popup, the same events as mode="popup"', async ({ page }) => {
  await recordEnvironments(page);
  await openDemo(page);
  await autoButton(page, 'auto-browser', { mode: 'auto' });
  expect(await environments(page)).toEqual([{ target: 'auto-browser', detail: { kind: 'browser', action: 'popup' } }]);
  await expect(page.locator('#auto-browser').locator('[part=hint]')).toHaveCount(0);
  await expect(signInButton(page, 'auto-browser')).toHaveAttribute('aria-label', 'auto-browser, opens a new window');
  const [popup] = await Promise.all([page.waitForEvent('popup'), signInButton(page, 'auto-browser').click()]);
  expect(popup.url()).not.toBe('');
  const settled = await outcome(page, 'auto-browser');
  expect(settled.map((e) => e.type)).toEqual(['connect-start', 'connect-success']);
  expect(new URL(page.url()).pathname).toBe('/events.html');
  expect((await events(page)).filter((e) => e.target == 'auto-browser')).toHaveLength(2);
});

/**
 * The demo's server-bound element (`server="/auth"`, the mock provider through the demo's own
 * createAuthHandler), with these attributes set before it first renders, on every load.
 */
const openServerBound = async (page: Page, attributes: Record<string, string>) => {
  await page.addInitScript((attributes) => {
    const seen: unknown[] = [];
    Object.assign(window, { __seen: seen });
    for (const type of ['connect-start', 'connect-success', 'connect-error', 'connect-cancel', 'connect-environment'])
      document.addEventListener(type, (event) => seen.push({ type, detail: (event as CustomEvent).detail }));
    // The partner's markup says so: set as the parser inserts the element, before the bundle upgrades it.
    new MutationObserver((_, observer) => {
      const el = document.querySelector('#server-bound');
      if (!el) return;
      for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  }, attributes);
  await page.goto('/');
};

/**
 * Clicks the server-bound element: the page itself goes to the provider (no popup), signs in
 * there, and comes back through the callback page, which never calls the server: the page posts
 * the pairs to /auth/complete and shows who is connected.
 */
const serverBoundByRedirect = async (page: Page) => {
  const watched = watch(page);
  let popups = 0;
  page.on('popup', () => popups++);
  const posted: string[] = [];
  page.on('request', (request) => {
    if (request.method() == 'POST') posted.push(`${new URL(request.url()).pathname} from ${request.frame().url()}`);
  });
  const button = page.locator('#server-bound').locator('[part="button"]');
  await button.click();
  await signIn(page);
  await expectConsent(page, ADA.name);
  await page.getByRole('button', { name: 'Allow' }).click();
  await expect(page.locator('#server-bound')).toHaveAttribute('status', 'connected');
  await expect(page.locator('#server-bound').locator('[part="status"]')).toHaveText(`Connected as ${ADA.name}`);
  expect(popups).toBe(0);
  // start before leaving, complete once back home: both from the partner's page, none from the callback page.
  const home = new URL('/', page.url()).href;
  const calls = posted.filter((call) => call.startsWith('/auth/'));
  expect(calls.map((call) => call.replace(/#.*$/, ''))).toEqual([
    `/auth/start from ${home}`,
    `/auth/complete from ${home}`,
  ]);
  expect(new URL(page.url()).hash).toBe('');
  expect(
    await page.evaluate(() => Object.keys(sessionStorage).filter((key) => key.startsWith('oauth-connect'))),
  ).toEqual([]);
  expect(watched.errors).toEqual([]);
  const seen = await page.evaluate(() => (window as unknown as { __seen: { type: string; detail: unknown }[] }).__seen);
  const success = seen.find((item) => item.type == 'connect-success')?.detail;
  expect(success).toMatchObject({ responseType: 'session', provider: 'mock', account: { name: ADA.name } });
  return seen;
};

test.describe('an Instagram visitor on a server-bound page', () => {
  test.use({ userAgent: INSTAGRAM_IOS });

  test('mode="auto" with server: signs in by redirect, the page posts the pairs to complete', async ({ page }) => {
    await openServerBound(page, { mode: 'auto' });
    await expect(page.locator('#server-bound').locator('[part=escape]')).toHaveAttribute(
      'href',
      /^instagram:\/\/extbrowser\/\?url=/,
    );
    const seen = await serverBoundByRedirect(page);
    // On the returned page: where the visitor is, then the result.
    expect(seen.map((item) => item.type)).toEqual(['connect-environment', 'connect-success']);
    expect(seen[0]!.detail).toEqual({ kind: 'in-app', app: 'instagram', action: 'redirect' });
  });
});

test('mode="redirect" with server: the same round trip in an ordinary browser', async ({ page }) => {
  await openServerBound(page, { mode: 'redirect' });
  const seen = await serverBoundByRedirect(page);
  expect(seen.map((item) => item.type)).toEqual(['connect-success']);
});
