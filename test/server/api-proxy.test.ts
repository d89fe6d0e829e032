/**
 * The page's API proxy, `{basePath}/api/{provider}/{path}`: off by default;
 * every guard runs before a token is looked up, so a refused request never
 * reaches the provider; only listed headers cross; a 401 leads to one refresh
 * and one retry; no answer carries a token.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { RunningMockProvider } from '../../src/mock-provider/index.js';
import { createAuthHandler } from '../../src/server/index.js';
import { handlerAs, profiled, startNodeServer, startOddApi } from './api-helpers.js';
import { Browser, ORIGIN, SECRET, signIn, startProvider } from './helpers.js';

let ulule: RunningMockProvider;
let ultracart: RunningMockProvider;
let odd: Awaited<ReturnType<typeof startOddApi>>;
before(async () => {
  [ulule, ultracart, odd] = await Promise.all([
    startProvider({ profile: 'ulule' }),
    startProvider({ profile: 'ultracart' }),
    startOddApi(),
  ]);
});
beforeEach(() => (odd.seen.length = 0));
after(() => Promise.all([ulule.close(), ultracart.close(), odd.close()]));

const ALLOW = ['GET /me', 'GET /users/*/orders', 'POST /me'];

/** What the provider received since `mark()`: the proxy's calls alone. */
let since = 0;
const mark = () => (since = ulule.requests().length);
const received = () => ulule.requests().slice(since);

/** Signed in with Ulule, the provider's log marked: what follows is the proxy's alone. */
const signedIn = async (handler = handlerAs(ulule, 'ulule', { allow: ALLOW })) => {
  const browser = new Browser(handler);
  await signIn(browser, 'ulule');
  const token = (await browser.accessToken('ulule')) as { accessToken: string };
  mark();
  /** A request as a page's fetch makes it, the header and the same origin by default. */
  const proxy = async (
    path: string,
    init: { method?: string; headers?: Record<string, string>; body?: string } = {},
  ) => {
    const response = await handler(
      new Request(`${ORIGIN}/auth/api/ulule${path}`, {
        method: init.method ?? 'GET',
        headers: { 'OAuth-Connect': '1', Cookie: browser.cookieHeader, ...init.headers },
        ...(init.body !== undefined && { body: init.body }),
      }),
    );
    browser.take(response.headers.getSetCookie());
    const text = await response.text();
    assert.ok(!text.includes(token.accessToken), 'no token in the answer');
    for (const [, value] of response.headers) assert.ok(!value.includes(token.accessToken), 'no token in a header');
    return { status: response.status, headers: response.headers, text };
  };
  return { browser, proxy, token };
};

const apiCalls = () => received().filter(({ endpoint }) => endpoint == 'api' || endpoint == 'userinfo');

describe('the API proxy: guards before any token', () => {
  test('is off unless the provider has api.allow; an unknown or malformed provider is a 400, not a 500', async () => {
    const handler = handlerAs(ulule, 'ulule');
    const { proxy } = await signedIn(handler);
    assert.equal((await proxy('/me')).status, 404);
    for (const provider of ['shopify', '%E0%A4%A'])
      assert.equal(
        (await handler(new Request(`${ORIGIN}/auth/api/${provider}/me`, { headers: { 'OAuth-Connect': '1' } }))).status,
        400,
      );
    assert.deepEqual(received(), []);
  });

  test('without the OAuth-Connect header, with a foreign Origin, Origin: null, a form, Sec-Fetch-Site: cross-site, OPTIONS: refused, the provider never reached', async () => {
    const { proxy, browser } = await signedIn();
    const refusals = [
      await proxy('/me', { headers: { 'OAuth-Connect': '' } }),
      await proxy('/me', { headers: { Origin: 'https://evil.example' } }),
      await proxy('/me', { headers: { Origin: 'null' } }),
      await proxy('/me', { headers: { 'Sec-Fetch-Site': 'cross-site' } }),
      await proxy('/me', { headers: { 'Sec-Fetch-Site': 'same-site' } }),
      await proxy('/me', { method: 'OPTIONS' }),
    ];
    // A cross-site form: no custom header can be set, whatever else it sends.
    const form = await browser.handler(
      new Request(`${ORIGIN}/auth/api/ulule/me`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Origin: 'https://evil.example',
          Cookie: browser.cookieHeader,
        },
        body: 'a=1',
      }),
    );
    refusals.push({ status: form.status, headers: form.headers, text: await form.text() });
    for (const refusal of refusals) {
      assert.ok([403, 405].includes(refusal.status), `${refusal.status} ${refusal.text}`);
      assert.ok(typeof JSON.parse(refusal.text).error == 'string');
    }
    assert.deepEqual(received(), []);
  });

  test('a path outside allow: refused (403), the provider never reached', async () => {
    const { proxy } = await signedIn();
    for (const path of ['/users/1/orders/2', '/users/orders', '/users//orders', '/oauth2/token']) {
      const { status, text } = await proxy(path);
      assert.equal(status, 403, `${path}: ${text}`);
      assert.equal(JSON.parse(text).error, 'invalid_request');
    }
    assert.deepEqual(received(), []);
  });

  /** A 400 `invalid_request` whose description names the form refused. */
  const assertRefused = (target: string, { status, text }: { status: number; text: string }) => {
    assert.equal(status, 400, `${target}: ${status} ${text}`);
    const body = JSON.parse(text) as { error: string; error_description: string };
    assert.equal(body.error, 'invalid_request', target);
    assert.match(body.error_description, /API path/, target);
  };

  test('%2F, %5C and a double-encoded dot-dot in the URL a Fetch runtime hands over: refused (400), the provider never reached', async () => {
    const { proxy } = await signedIn();
    // What survives URL parsing: encoded separators (a dot-dot written any way is resolved before
    // any handler runs, and then what is matched is what is forwarded).
    for (const path of ['/users/1%2F..%2F..%2Fme/orders', '/users/1%5Corders/orders', '/users/%2e%2e%2Fme/orders'])
      assertRefused(path, await proxy(path));
    assert.deepEqual(received(), []);
  });

  const mounts = [
    { name: 'toNodeHandler', mount: 'toNodeHandler', trustProxy: false },
    { name: "toWebRequest's Request to the Fetch handler", mount: 'toWebRequest', trustProxy: false },
    { name: 'toNodeHandler behind a trusted proxy', mount: 'toNodeHandler', trustProxy: true },
  ] as const;
  for (const { name, mount, trustProxy } of mounts)
    test(`over HTTP (${name}): a dot-dot segment (literal or encoded), a backslash or an encoded separator in the request line: refused (400), the provider never reached`, async () => {
      const handler = handlerAs(ulule, 'ulule', { allow: ALLOW, trustProxy });
      const { browser } = await signedIn(handler);
      const server = await startNodeServer(handler, mount);
      const headers = {
        'OAuth-Connect': '1',
        Cookie: browser.cookieHeader,
        // The proxy's view: the handler then builds another Request, which must keep the path as sent.
        ...(trustProxy && { 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'app.example' }),
      };
      try {
        // The same session and server reach the provider with a path as allowed.
        const me = await server.get('/auth/api/ulule/me', headers);
        assert.equal(me.status, 200, me.text);
        mark();
        const targets = [
          '/auth/api/ulule/users/1/orders/../../../me',
          '/auth/api/ulule/users/1/orders/../../../me?x=1',
          '/auth/api/ulule/users\\1/orders',
          '/auth/api/ulule/users/%2e%2e/me',
          '/auth/api/ulule/users/%2E%2E/me',
          '/auth/api/ulule/users/.%2e/me',
          '/auth/api/ulule/../ulule/me',
          '/auth/api/ulule/users/1%2Forders',
          // The absolute form, as a client talking to a proxy sends it.
          'http://localhost/auth/api/ulule/users/1/orders/../../../me',
        ];
        const answers = await Promise.all(targets.map((target) => server.get(target, headers)));
        assert.deepEqual(
          Object.fromEntries(answers.map(({ status }, index) => [targets[index], status])),
          Object.fromEntries(targets.map((target) => [target, 400])),
        );
        answers.forEach((answer, index) => assertRefused(targets[index] ?? '', answer));
        assert.deepEqual(received(), []);
      } finally {
        await server.close();
      }
    });

  test('* matches one segment; the path is decoded once, "." and empty segments dropped, and the path forwarded is the one matched', async () => {
    const handler = handlerAs(ulule, 'ulule', { allow: ALLOW });
    const { proxy, browser } = await signedIn(handler);
    const me = JSON.parse((await proxy('/me')).text) as { id: number };
    const orders = await proxy(`//users/./${me.id}/orders`);
    assert.equal(orders.status, 200, orders.text);
    // The same over a request line that no URL parser has touched.
    const server = await startNodeServer(handler, 'toNodeHandler');
    try {
      const encodedId = [...String(me.id)].map((digit) => `%${digit.charCodeAt(0).toString(16)}`).join('');
      const raw = await server.get(`/auth/api/ulule//users/./${encodedId}/./orders/`, {
        'OAuth-Connect': '1',
        Cookie: browser.cookieHeader,
      });
      assert.equal(raw.status, 200, raw.text);
    } finally {
      await server.close();
    }
    assert.deepEqual(
      apiCalls().map(({ path }) => path),
      ['/v1/me', `/v1/users/${me.id}/orders`, `/v1/users/${me.id}/orders`],
    );
  });
});

describe('the API proxy: what crosses', () => {
  test("the browser's Cookie, Authorization and Referer never reach the provider; listed headers do", async () => {
    const { proxy } = await signedIn();
    const answer = await proxy('/me', {
      headers: {
        Authorization: 'Basic c3RvbGVu',
        Referer: `${ORIGIN}/secret-page?token=1`,
        Origin: ORIGIN,
        'Sec-Fetch-Site': 'same-origin',
        'Accept-Language': 'fr',
        'X-Custom': 'no',
      },
    });
    assert.equal(answer.status, 200, answer.text);
    const [seen] = apiCalls();
    assert.equal(seen?.headers?.authorization, 'Bearer [masked]');
    assert.equal(seen?.headers?.cookie, undefined);
    assert.equal(seen?.headers?.referer, undefined);
    assert.equal(seen?.headers?.['x-custom'], undefined);
    assert.equal(seen?.headers?.['oauth-connect'], undefined);
    assert.equal(seen?.headers?.['accept-language'], 'fr');
    assert.equal(answer.headers.get('cache-control'), 'no-store');
  });

  test("the provider's Set-Cookie and unlisted headers never reach the browser", async () => {
    const config = profiled(ulule, 'ulule', ['GET /cookie']);
    const handler = createAuthHandler({
      secret: SECRET,
      providers: { ulule: { ...config, api: { ...config.api, baseUrl: odd.url, hosts: [odd.host] } } },
    });
    const { proxy } = await signedIn(handler);
    const answer = await proxy('/cookie');
    assert.equal(answer.status, 200);
    assert.equal(answer.text, '{"ok":true}');
    assert.deepEqual(answer.headers.getSetCookie(), []);
    assert.equal(answer.headers.get('x-internal'), null);
    assert.equal(answer.headers.get('content-type'), 'application/json');
    assert.equal(odd.seen[0]?.headers.cookie, undefined);
  });

  test('a 401: exactly one refresh and one retry, counted in the provider log', async () => {
    const { proxy } = await signedIn();
    ulule.expireTokens();
    const answer = await proxy('/me');
    assert.equal(answer.status, 200, answer.text);
    assert.equal(received().filter(({ endpoint }) => endpoint == 'token').length, 1);
    assert.equal(apiCalls().length, 2);
    assert.ok(answer.headers.getSetCookie().length > 0, 'the refreshed session goes to the browser');
  });

  test('a POST body goes on, and again on the retry', async () => {
    const config = profiled(ulule, 'ulule', ['POST /always-401']);
    const handler = createAuthHandler({
      secret: SECRET,
      providers: { ulule: { ...config, api: { ...config.api, baseUrl: odd.url, hosts: [odd.host] } } },
    });
    const { proxy } = await signedIn(handler);
    const answer = await proxy('/always-401', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: ORIGIN },
      body: '{"a":1}',
    });
    assert.equal(answer.status, 401);
    assert.equal(JSON.parse(answer.text).error, 'login_required');
    assert.equal(odd.seen.length, 2);
    assert.ok(odd.seen.every(({ headers }) => headers['content-type'] == 'application/json'));
  });

  test('UltraCart: an order list through the proxy, with the version header', async () => {
    const handler = handlerAs(ultracart, 'ultracart', { allow: ['GET /order/orders'] });
    const browser = new Browser(handler);
    await signIn(browser, 'ultracart');
    const response = await handler(
      new Request(`${ORIGIN}/auth/api/ultracart/order/orders`, {
        headers: { 'OAuth-Connect': '1', Cookie: browser.cookieHeader },
      }),
    );
    assert.equal(response.status, 200);
    assert.equal(((await response.json()) as { success: boolean }).success, true);
  });
});
