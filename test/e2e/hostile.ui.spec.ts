import { expect, test, type Page } from '@playwright/test';
import { ADA, allow, expectConsent, openPopup, signIn } from './helpers.js';
import { autoButton, events, openDemo, outcome, recordStorageWrites, watch } from './security-helpers.js';

/**
 * Hostile and broken input: every case ends ignored or in a clear
 * connect-error, never in a success, and never in an uncaught exception
 * (each test fails on any page error, in the page or its popups).
 */

// Several popups or page loads per test: Firefox on a busy two-core machine needs more than 30 s.
test.describe.configure({ timeout: 60_000 });

const MESSAGE_TYPE = 'oauth-connect:callback';

const startState = async (page: Page, id: string) =>
  (await events(page)).filter((e) => e.target == id && e.type == 'connect-start').at(-1)!.detail.state as string;

test('forged messages are ignored while the flow waits; then the real result is used once', async ({ page }) => {
  const watched = watch(page);
  await openDemo(page);
  const popup = await openPopup(page, 'code-flow');
  await expect(popup.getByLabel('Email')).toBeVisible();
  const state = await startState(page, 'code-flow');
  const forged = (params: string[][]) => ({ type: MESSAGE_TYPE, params });
  const good = forged([
    ['code', 'mock_code_forged'],
    ['state', state],
  ]);

  // A cross-origin iframe (127.0.0.1 is another origin than localhost) posting with '*'.
  const origin = new URL(page.url());
  await page.evaluate((src) => {
    const frame = Object.assign(document.createElement('iframe'), { src, id: 'stranger' });
    document.body.append(frame);
    return new Promise((resolve) => frame.addEventListener('load', resolve));
  }, `http://127.0.0.1:${origin.port}/callback.html`);
  const stranger = page.frames().find((frame) => frame.url().startsWith('http://127.0.0.1'))!;
  await stranger.evaluate((message) => parent.postMessage(message, '*'), good);

  // A same-origin window that is not the popup: an iframe of the page, with the right state.
  await page.evaluate((message) => {
    const frame = document.createElement('iframe');
    document.body.append(frame);
    // Run in the iframe's own realm, so that the message's source is the iframe's window.
    (frame.contentWindow as unknown as { eval: (code: string) => void }).eval(
      'parent.postMessage(' + JSON.stringify(message) + ", '*')",
    );
  }, good);

  // The popup itself, but still on the provider's origin, not the redirect URI's.
  await popup.evaluate((message) => opener.postMessage(message, '*'), good);

  // Over the flow's own BroadcastChannel (same origin): wrong, missing, duplicated states,
  // non-objects, __proto__ keys, megabyte strings, too many parameters.
  await page.evaluate(
    ({ state, type }) => {
      const channel = new BroadcastChannel('oauth-connect:' + state);
      const big = 'x'.repeat(1 << 20);
      const posts: unknown[] = [
        {
          type,
          params: [
            ['code', 'c1'],
            ['state', 'wrong'],
          ],
        },
        { type, params: [['code', 'c2']] },
        {
          type,
          params: [
            ['code', 'c3'],
            ['state', state + 'x'],
          ],
        },
        {
          type,
          params: [
            ['code', 'c4'],
            ['state', big],
          ],
        },
        {
          type,
          params: [
            ['code', big],
            ['state', state],
          ],
        },
        { type, params: [['state', state], ...Array.from({ length: 40 }, (_, i) => ['p' + i, 'v'])] },
        {
          type,
          params: [
            ['state', state],
            ['code', { toString: () => 'c5' }],
          ],
        },
        JSON.parse(`{"__proto__": {"type": "${type}", "params": [["state", "${state}"], ["code", "c6"]]}}`),
        { type, params: JSON.parse(`{"__proto__": [["state", "${state}"], ["code", "c7"]]}`) },
        {
          type: 'something-else',
          params: [
            ['code', 'c8'],
            ['state', state],
          ],
        },
        'code=c9&state=' + state,
        42,
        null,
        [type, [['state', state]]],
      ];
      for (const post of posts)
        try {
          channel.postMessage(post);
        } catch {
          // A function cannot be cloned: the sender fails, the element sees nothing.
        }
      channel.close();
    },
    { state, type: MESSAGE_TYPE },
  );
  // Same-origin postMessage to the page itself (source: the page, not the popup).
  await page.evaluate((message) => postMessage(message, location.origin), good);

  await page.waitForTimeout(1000);
  expect((await events(page)).map((e) => e.type)).toEqual(['connect-start']);
  await expect(page.locator('#code-flow')).toHaveAttribute('status', 'pending');

  // The real popup still completes the flow, with the provider's code, not a forged one.
  await signIn(popup);
  await allow(popup);
  const [, success] = await outcome(page, 'code-flow');
  expect(success).toMatchObject({ type: 'connect-success', detail: { state } });
  expect(success!.detail.code).toMatch(/^mock_code_(?!forged)/);
  // Replayed: the same result again over the channel and by postMessage is not used twice.
  await page.evaluate(
    ({ state, type, code }) => {
      const message = {
        type,
        params: [
          ['code', code],
          ['state', state],
        ],
      };
      const channel = new BroadcastChannel('oauth-connect:' + state);
      channel.postMessage(message);
      channel.close();
      postMessage(message, location.origin);
    },
    { state, type: MESSAGE_TYPE, code: success!.detail.code as string },
  );
  await page.waitForTimeout(500);
  expect((await events(page)).map((e) => e.type)).toEqual(['connect-start', 'connect-success']);
  expect(watched.errors).toEqual([]);
});

type CallbackCase = { query: (state: string) => string; expected: Record<string, unknown> };
const HTML = '<img src=x onerror="window.__pwned=1"><b id="injected">bold</b>';

/** Runs one flow per case: the provider (or an attacker in its place) sends the popup to the callback page with that URL. */
const runCallbackCases = async (page: Page, cases: CallbackCase[]) => {
  const watched = watch(page);
  await openDemo(page);
  for (const [index, { query, expected }] of cases.entries()) {
    const popup = await openPopup(page, 'code-flow');
    const state = await startState(page, 'code-flow');
    const url = new URL(`/callback.html?${query(state)}`, page.url()).href;
    await Promise.all([
      popup.waitForEvent('close'),
      popup.evaluate((url) => void setTimeout(() => location.assign(url)), url),
    ]);
    // The user is back on the page (headless Firefox does not refocus the opener by itself).
    await page.bringToFront();
    await expect.poll(async () => (await events(page)).length).toBe(2 * (index + 1));
    expect((await events(page)).at(-1), query('S')).toMatchObject({ target: 'code-flow', ...expected });
  }
  expect((await events(page)).some((e) => e.type == 'connect-success')).toBe(false);
  expect(watched.errors).toEqual([]);
};

test('callback URLs with both code and error, or duplicated parameters, are invalid_response', async ({ page }) => {
  const invalid = { type: 'connect-error', detail: { error: 'invalid_response' } };
  await runCallbackCases(page, [
    { query: (s) => `code=c&error=access_denied&state=${s}`, expected: invalid },
    { query: (s) => `code=c1&code=c2&state=${s}`, expected: invalid },
    { query: (s) => `code=c&state=${s}&state=${s}`, expected: invalid },
    { query: (s) => `code=c&state=${s}#access_token=t&state=${s}`, expected: invalid },
  ]);
});

test("callback URLs without this flow's state are ignored; HTML in error_description stays text", async ({ page }) => {
  await runCallbackCases(page, [
    // Not this flow's answer: ignored; the popup closed itself, so `closed`.
    { query: () => `code=c`, expected: { type: 'connect-cancel', detail: { reason: 'closed' } } },
    { query: () => `code=c&state=someone-else`, expected: { type: 'connect-cancel', detail: { reason: 'closed' } } },
    {
      query: (s) => `error=server_error&error_description=${encodeURIComponent(HTML)}&state=${s}`,
      expected: { type: 'connect-error', detail: { error: 'server_error', errorDescription: HTML } },
    },
  ]);
  // The demo shows the description as text, never as markup.
  await expect(page.locator('#account')).toContainText(HTML);
  await expect(page.locator('#injected')).toHaveCount(0);
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
});

test('two elements and two tabs at once: each gets only its own result', async ({ page }) => {
  test.setTimeout(90_000); // three popups through the provider's pages, two tabs (slow in Firefox)
  const watched = watch(page);
  await openDemo(page);
  const codePopup = await openPopup(page, 'code-flow');
  const tokenPopup = await openPopup(page, 'token-flow');
  const other = await page.context().newPage();
  await openDemo(other);
  // Firefox only acts on the tab in front.
  await other.bringToFront();
  const otherPopup = await openPopup(other, 'code-flow');
  // The second tab's flow ends first, then the second element's, then the first.
  await signIn(otherPopup);
  await allow(otherPopup);
  const [otherStart, otherSuccess] = await outcome(other, 'code-flow');
  expect(otherSuccess).toMatchObject({ type: 'connect-success', detail: { state: otherStart!.detail.state } });
  expect((await events(page)).map((e) => e.type)).toEqual(['connect-start', 'connect-start']);
  await tokenPopup.reload();
  await expectConsent(tokenPopup, ADA.name); // the provider session of the other popup
  await allow(tokenPopup);
  const [tokenStart, tokenSuccess] = await outcome(page, 'token-flow');
  expect(tokenSuccess).toMatchObject({ type: 'connect-success', detail: { state: tokenStart!.detail.state } });
  expect((await events(page)).filter((e) => e.target == 'code-flow').map((e) => e.type)).toEqual(['connect-start']);
  await codePopup.reload();
  await allow(codePopup);
  const [codeStart, codeSuccess] = await outcome(page, 'code-flow');
  expect(codeSuccess).toMatchObject({ type: 'connect-success', detail: { state: codeStart!.detail.state } });
  expect((await events(other)).map((e) => e.type)).toEqual(['connect-start', 'connect-success']);
  expect(watched.errors).toEqual([]);
});

/** The page's DOM as text, shadow roots included, attributes and all. */
const serializeDom = (page: Page) =>
  page.evaluate(() => {
    const parts: string[] = [document.documentElement.outerHTML];
    const walk = (root: Document | ShadowRoot) => {
      for (const element of root.querySelectorAll('*'))
        if (element.shadowRoot) {
          parts.push(element.shadowRoot.innerHTML);
          walk(element.shadowRoot);
        }
    };
    walk(document);
    return parts.join('\n');
  });

test('hygiene: code and token never reach storage, the console, attributes or the DOM', async ({ page }) => {
  const writes = await recordStorageWrites(page);
  const watched = watch(page);
  // When the callback page posts, its address no longer carries the code or the token.
  const postedFrom: string[] = [];
  await page.context().exposeBinding('__postedFrom', (_source, href: string) => void postedFrom.push(href));
  await page.context().addInitScript(() => {
    const post = BroadcastChannel.prototype.postMessage;
    BroadcastChannel.prototype.postMessage = function (message: unknown) {
      (window as unknown as { __postedFrom: (href: string) => void }).__postedFrom(location.href);
      return post.call(this, message);
    };
  });
  await openDemo(page);
  await autoButton(page, 'auto-code');
  await autoButton(page, 'auto-token', { 'response-type': 'token' });
  await openPopup(page, 'auto-code').catch(() => {});
  const [, code] = await outcome(page, 'auto-code');
  await openPopup(page, 'auto-token').catch(() => {});
  const [, token] = await outcome(page, 'auto-token');
  const secrets = [code!.detail.code as string, token!.detail.accessToken as string];
  expect(secrets[0]).toMatch(/^mock_code_/);
  expect(secrets[1]).toMatch(/^mock_at_/);
  await expect(page.locator('#event-log li')).not.toHaveCount(0);

  const storage = await page.evaluate(() => JSON.stringify([{ ...localStorage }, { ...sessionStorage }]));
  const dom = await serializeDom(page);
  expect(postedFrom).toHaveLength(2);
  for (const secret of secrets) {
    expect(writes.join('\n')).not.toContain(secret);
    expect(storage).not.toContain(secret);
    expect(watched.console.join('\n')).not.toContain(secret);
    expect(dom).not.toContain(secret);
    expect(postedFrom.join('\n')).not.toContain(secret);
  }
  // The callback page posted from its bare path: no query, no fragment.
  for (const href of postedFrom) expect(new URL(href).search + new URL(href).hash).toBe('');
  expect(watched.errors).toEqual([]);
});

test('the popup is closed when the host page unloads', async ({ page }) => {
  const watched = watch(page);
  await openDemo(page);
  const popup = await openPopup(page, 'code-flow');
  await expect(popup.getByLabel('Email')).toBeVisible();
  await Promise.all([popup.waitForEvent('close'), page.goto('/script-tag.html')]);
  expect(popup.isClosed()).toBe(true);
  expect(watched.errors).toEqual([]);
});
