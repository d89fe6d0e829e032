/**
 * withAccessToken: a partner's Fetch route runs with a valid access token, or is answered for it
 * with JSON `{ error, error_description }` (401, 503, 502) — the answers requireAccessToken gives
 * on Node — and the session's Set-Cookie goes with every answer.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { RunningMockProvider } from '../../src/mock-provider/index.js';
import { memoryStore, withAccessToken, type AccessToken, type SessionStore } from '../../src/server/index.js';
import { Browser, capturingErrors, handlerFor, signIn, sleep, startProvider, twoProviders } from './helpers.js';

/** Access tokens live 2 s: getAccessToken refreshes after 1 s (half the lifetime). */
const TOKEN_TTL = 2;
const untilStale = () => sleep((TOKEN_TTL / 2) * 1000 + 100);

let provider: RunningMockProvider;
before(async () => {
  provider = await startProvider({ tokenTtlSeconds: TOKEN_TTL });
});
after(() => provider.close());

/** The partner's route: what it was given, answered as JSON. */
const ordersRoute = () => {
  const seen: AccessToken[] = [];
  const route = (_request: Request, token: AccessToken) => {
    seen.push(token);
    return Response.json({ orders: [], token: token.accessToken });
  };
  return { seen, route };
};

/** Calls the wrapped route as the browser would, keeping the cookies it is given. */
const call = async (browser: Browser, wrapped: (request: Request) => Promise<Response>) => {
  const response = await wrapped(browser.request('/api/orders'));
  browser.take(response.headers.getSetCookie());
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
};

describe('withAccessToken', () => {
  test('signed in: the route runs with the access token, its answer passed through', async () => {
    const browser = new Browser(handlerFor(provider));
    await signIn(browser);
    const { seen, route } = ordersRoute();
    const answer = await call(browser, withAccessToken(browser.handler, 'mock', route));
    assert.equal(answer.status, 200);
    assert.equal(seen.length, 1);
    assert.equal(answer.body.token, seen[0]?.accessToken);
    assert.ok(seen[0]?.accessToken);
  });

  test('signed out: JSON 401 login_required, the route not run', async () => {
    const browser = new Browser(handlerFor(provider));
    const { seen, route } = ordersRoute();
    const answer = await call(browser, withAccessToken(browser.handler, 'mock', route));
    assert.equal(answer.status, 401);
    assert.equal(answer.body.error, 'login_required');
    assert.equal(typeof answer.body.error_description, 'string');
    assert.match(answer.headers.get('content-type') ?? '', /^application\/json/);
    assert.equal(seen.length, 0);
  });

  test('a refresh: the new session cookie is appended, even to a Response whose headers are immutable', async () => {
    const browser = new Browser(handlerFor(provider));
    await signIn(browser);
    await untilStale();
    const before = browser.cookieHeader;
    const wrapped = withAccessToken(browser.handler, 'mock', () => Response.redirect('https://app.example/done', 303));
    const response = await wrapped(browser.request('/api/orders'));
    assert.equal(response.status, 303);
    assert.equal(response.headers.get('location'), 'https://app.example/done');
    const cookies = response.headers.getSetCookie();
    assert.equal(cookies.length, 1, 'the sealed session, rewritten with the refreshed grant');
    browser.take(cookies);
    assert.notEqual(browser.cookieHeader, before);
  });

  test('a refused refresh: 401 login_required carries the Set-Cookie that ends the grant in the browser', async () => {
    const browser = new Browser(twoProviders(provider));
    await signIn(browser, 'mock');
    await signIn(browser, 'other');
    await untilStale();
    provider.failNextRequest({ error: 'invalid_grant', endpoint: 'token' });
    const answer = await call(browser, withAccessToken(browser.handler, 'mock', ordersRoute().route));
    assert.equal(answer.status, 401);
    assert.equal(answer.body.error, 'login_required');
    assert.equal(answer.headers.getSetCookie().length, 1);
    assert.deepEqual(await browser.accounts(), ['other']);
  });

  test('the session store down: JSON 503, logged', async () => {
    const store = memoryStore();
    let down = false;
    const failing: SessionStore = {
      ...store,
      get: (id) => (down ? Promise.reject(new Error('ECONNREFUSED')) : store.get(id)),
    };
    const browser = new Browser(handlerFor(provider, { store: failing }));
    await signIn(browser);
    down = true;
    const { result: answer, logged } = await capturingErrors(() =>
      call(browser, withAccessToken(browser.handler, 'mock', ordersRoute().route)),
    );
    assert.equal(answer.status, 503);
    assert.equal(answer.body.error, 'server_error');
    assert.match(logged.join('\n'), /withAccessToken\(mock\) failed/);
  });

  test('the provider unreachable at a refresh: JSON 502, logged, no internal URL in the answer', async () => {
    const gone = await startProvider({ tokenTtlSeconds: TOKEN_TTL });
    const browser = new Browser(handlerFor(gone));
    await signIn(browser);
    await gone.close();
    await untilStale();
    const { result: answer, logged } = await capturingErrors(() =>
      call(browser, withAccessToken(browser.handler, 'mock', ordersRoute().route)),
    );
    assert.equal(answer.status, 502);
    assert.equal(answer.body.error, 'server_error');
    assert.doesNotMatch(JSON.stringify(answer.body), /127\.0\.0\.1|localhost/);
    assert.match(logged.join('\n'), /withAccessToken\(mock\) failed/);
  });
});
