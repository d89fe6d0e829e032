import { expect, test, type Page } from '@playwright/test';
import { ADA, allow, expectConsent, signIn } from './helpers.js';

/**
 * The server-bound mode (`server="/auth"`) on the demo's page, against the mock
 * provider through the demo's own createAuthHandler: the whole flow, the
 * connected look after a reload, Disconnect, and what the page may see. The
 * page's every event, message, storage write, fetch answer, DOM and cookie is
 * recorded and searched for tokens and verifiers.
 */

/** What must never reach the page: the mock's token prefixes and the names tokens and verifiers travel under. */
const SECRETS =
  /mock_at_|mock_rt_|code_verifier|codeVerifier|access_token|accessToken|refresh_token|refreshToken|id_token/;

const openServerBound = async (page: Page) => {
  await page.addInitScript(() => {
    const seen: unknown[] = [];
    Object.assign(window, { __seen: seen });
    for (const type of ['connect-start', 'connect-success', 'connect-error', 'connect-cancel', 'connect-disconnect'])
      document.addEventListener(type, (event) => seen.push({ type, detail: (event as CustomEvent).detail }));
    addEventListener('message', (event) => seen.push({ message: event.data }));
    for (const storage of [localStorage, sessionStorage]) {
      const setItem = storage.setItem.bind(storage);
      storage.setItem = (key, value) => (seen.push({ storage: [key, value] }), setItem(key, value));
    }
    const fetch = window.fetch.bind(window);
    window.fetch = async (...args) => {
      // What the page posts to /complete, kept apart from what the page could read (the searches below).
      if (String(args[0]).endsWith('/complete')) Object.assign(window, { __completeBody: args[1]?.body });
      const response = await fetch(...args);
      seen.push({ fetch: String(args[0]), answer: await response.clone().text() });
      return response;
    };
  });
  await page.goto('/');
};

/** Everything the page could read, as one string. */
const pageView = (page: Page) =>
  page.evaluate(() => {
    const shadow = [...document.querySelectorAll('oauth-connect')].map((el) => el.shadowRoot?.innerHTML);
    return JSON.stringify({
      seen: (window as unknown as { __seen: unknown[] }).__seen,
      dom: document.documentElement.outerHTML,
      shadow,
      cookie: document.cookie,
      local: { ...localStorage },
      session: { ...sessionStorage },
    });
  });

const seen = (page: Page) => page.evaluate(() => (window as unknown as { __seen: Record<string, unknown>[] }).__seen);

const element = (page: Page) => page.locator('#server-bound');

const signInThroughPopup = async (page: Page) => {
  const button = element(page).locator('[part="button"]');
  await button.hover(); // intent: the element asks /auth/start now
  const [popup] = await Promise.all([page.waitForEvent('popup'), button.click()]);
  await signIn(popup);
  await expectConsent(popup, ADA.name);
  await allow(popup);
};

test('a server-bound sign-in ends connected, with no token or verifier anywhere the page can read', async ({
  page,
  context,
}) => {
  await openServerBound(page);
  await signInThroughPopup(page);
  await expect(element(page)).toHaveAttribute('status', 'connected');
  await expect(element(page).locator('[part="status"]')).toHaveText(`Connected as ${ADA.name}`);
  // The callback's parameters cross as [name, value] pairs, so the server can refuse one sent twice.
  const { params } = JSON.parse(
    await page.evaluate(() => String((window as unknown as { __completeBody: unknown }).__completeBody)),
  ) as { params: unknown };
  expect(params).toEqual(
    expect.arrayContaining([
      ['code', expect.any(String)],
      ['state', expect.any(String)],
    ]),
  );
  expect((params as unknown[]).every((pair) => Array.isArray(pair) && pair.length == 2)).toBe(true);
  await expect(element(page).locator('[part="disconnect"]')).toBeVisible();
  const events = await seen(page);
  const success = events.find((item) => item.type == 'connect-success')?.detail as Record<string, unknown>;
  expect(success).toMatchObject({ responseType: 'session', provider: 'mock', account: { name: ADA.name } });
  expect(Object.keys(success).sort()).toEqual(['account', 'provider', 'responseType', 'state']);
  // The code crosses the page once: in the callback's message.
  const withCode = events.filter((item) => JSON.stringify(item).includes('"code"'));
  expect(withCode).toHaveLength(1);
  expect(withCode[0]).toHaveProperty('message');
  expect(await pageView(page)).not.toMatch(SECRETS);
  // The session cookie: HttpOnly, SameSite=Lax, Path=/ (on http://localhost without Secure and the __Host- prefix).
  const cookies = await context.cookies();
  expect(cookies.length).toBeGreaterThan(0);
  for (const cookie of cookies) expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
  expect(await page.evaluate(() => document.cookie)).toBe('');

  // A reload: one GET /auth/session, and the element shows who is connected.
  await page.reload();
  await expect(element(page)).toHaveAttribute('status', 'connected');
  await expect(element(page).locator('[part="status"]')).toHaveText(`Connected as ${ADA.name}`);
  expect((await seen(page)).filter((item) => String(item.fetch).endsWith('/auth/session'))).toHaveLength(1);

  // Disconnect: a cancelable event, then logout at the server and back to idle.
  await element(page).locator('[part="disconnect"]').click();
  await expect(element(page)).toHaveAttribute('status', 'idle');
  await expect(element(page).locator('[part="button"]')).toBeVisible();
  expect((await seen(page)).map((item) => item.type).filter(Boolean)).toEqual(['connect-disconnect']);
  const session = await page.evaluate(() => fetch('/auth/session').then((response) => response.json()));
  expect(session).toEqual({ accounts: {} });
  expect(await pageView(page)).not.toMatch(SECRETS);
});

test('a code and state replayed from another browser context are refused', async ({ page, browser }) => {
  await openServerBound(page);
  await signInThroughPopup(page);
  await expect(element(page)).toHaveAttribute('status', 'connected');
  const message = (await seen(page)).find((item) => item.message)?.message as { params: [string, string][] };
  const other = await browser.newContext();
  const attacker = await other.newPage();
  await attacker.goto(page.url());
  const answer = await attacker.evaluate(
    (params) =>
      fetch('/auth/complete', {
        method: 'POST',
        headers: { 'OAuth-Connect': '1', 'Content-Type': 'application/json' },
        body: JSON.stringify({ provider: 'mock', params: Object.fromEntries(params) }),
      }).then(async (response) => ({ status: response.status, body: await response.json() })),
    message.params,
  );
  expect(answer).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
  await other.close();
});

test('a cross-site form POST to the auth handler is refused', async ({ page, baseURL }) => {
  // 127.0.0.1 is another site than localhost: the form posts across sites.
  const crossSite = baseURL!.replace('localhost', '127.0.0.1');
  await page.goto(`${crossSite}/`);
  await page.evaluate((target) => {
    const form = Object.assign(document.createElement('form'), { method: 'post', action: `${target}/auth/start` });
    form.innerHTML = '<input name=provider value=mock>';
    document.body.append(form);
    form.submit();
  }, baseURL!);
  await page.waitForURL(`${baseURL}/auth/start`);
  expect(JSON.parse((await page.textContent('body')) ?? '')).toMatchObject({ error: expect.any(String) });
  expect(await page.textContent('body')).not.toContain('"url"');
});

test('a Disconnect cancelled by the page keeps the account', async ({ page }) => {
  await openServerBound(page);
  await signInThroughPopup(page);
  await expect(element(page)).toHaveAttribute('status', 'connected');
  await page.evaluate(() =>
    document.addEventListener('connect-disconnect', (event) => event.preventDefault(), { once: true }),
  );
  await element(page).locator('[part="disconnect"]').click();
  await expect(element(page)).toHaveAttribute('status', 'connected');
  const session = await page.evaluate(() => fetch('/auth/session').then((response) => response.json()));
  expect(session).toMatchObject({ accounts: { mock: { name: ADA.name } } });
});
