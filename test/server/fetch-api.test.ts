/**
 * auth.fetchApi: the partner's route calls the provider's API with the
 * session's token, the profile's base URL and headers; absolute URLs only on
 * the provider's hosts; redirects returned; one refresh and one retry on a
 * 401 that says the token is bad.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { RunningMockProvider } from '../../src/mock-provider/index.js';
import { ULTRACART_API_VERSION } from '../../src/protocol/providers.js';
import { createAuthHandler } from '../../src/server/index.js';
import { handlerAs, profiled, startOddApi } from './api-helpers.js';
import { Browser, grants, SECRET, signIn, startProvider } from './helpers.js';

type Odd = Awaited<ReturnType<typeof startOddApi>>;
let ulule: RunningMockProvider;
let ultracart: RunningMockProvider;
/** Ulule as a provider that keeps its refresh tokens (whether Ulule rotates is undocumented). */
let keeping: RunningMockProvider;
let odd: Odd;
before(async () => {
  [ulule, ultracart, keeping, odd] = await Promise.all([
    startProvider({ profile: 'ulule' }),
    startProvider({ profile: 'ultracart' }),
    startProvider({ profile: 'ulule', rotateRefreshTokens: false }),
    startOddApi(),
  ]);
});
beforeEach(() => {
  ulule.reset();
  ultracart.reset();
  keeping.reset();
  odd.seen.length = 0;
});
after(() => Promise.all([ulule.close(), ultracart.close(), keeping.close(), odd.close()]));

const apiCalls = (provider: RunningMockProvider) =>
  provider.requests().filter(({ endpoint }) => endpoint == 'api' || endpoint == 'userinfo');

/** Signed in with `profile`, and a partner's route calling fetchApi with that browser's request. */
const signedIn = async (
  profile: 'ulule' | 'ultracart',
  handler = handlerAs(profile == 'ulule' ? ulule : ultracart, profile),
) => {
  const browser = new Browser(handler);
  const { completed } = await signIn(browser, profile);
  assert.equal(completed.status, 200, JSON.stringify(completed.body));
  const call = (pathOrUrl: string | URL, init?: RequestInit) =>
    handler.fetchApi(browser.request('/api/orders'), profile, pathOrUrl, init);
  return { browser, handler, call };
};

describe('fetchApi', () => {
  test("Ulule: GET /me below the API's base URL with the Bearer token", async () => {
    const { call } = await signedIn('ulule');
    const { response, setCookie } = await call('/me');
    assert.equal(response.status, 200);
    const me = (await response.json()) as { id: unknown };
    assert.equal(typeof me.id, 'number');
    assert.deepEqual(setCookie, []);
    const [seen] = apiCalls(ulule).slice(-1);
    assert.equal(seen?.path, '/v1/me');
    assert.equal(seen?.headers?.authorization, 'Bearer [masked]');
  });

  test("UltraCart: the profile's X-UltraCart-Api-Version goes with every call (the mock refuses calls without it)", async () => {
    const { call } = await signedIn('ultracart');
    const { response } = await call('order/orders');
    assert.equal(response.status, 200, await response.clone().text());
    assert.equal(((await response.json()) as { success: boolean }).success, true);
    const [seen] = apiCalls(ultracart).slice(-1);
    assert.equal(seen?.headers?.['x-ultracart-api-version'], ULTRACART_API_VERSION);
  });

  test("absolute URLs only on the provider's hosts; a path cannot climb out of the API", async () => {
    const { call } = await signedIn('ulule');
    await assert.rejects(call('https://evil.example/steal'), /fetchApi refuses https:\/\/evil\.example/);
    await assert.rejects(call('../oauth2/token/'), /leaves/);
    assert.equal(apiCalls(ulule).length, 1, 'only the sign-in read /v1/me');
    const absolute = await call(`${ulule.apiBaseUrl}/me`);
    assert.equal(absolute.response.status, 200);
  });

  test("a redirect is returned, not followed; the provider's Set-Cookie is dropped", async () => {
    const config = profiled(ulule, 'ulule');
    const handler = createAuthHandler({
      secret: SECRET,
      providers: { ulule: { ...config, api: { ...config.api, hosts: [...config.api.hosts, odd.host] } } },
    });
    const { call } = await signedIn('ulule', handler);
    const redirected = await call(`${odd.url}/redirect`);
    assert.equal(redirected.response.status, 302);
    assert.equal(redirected.response.headers.get('location'), 'https://elsewhere.example/');
    const cookie = await call(`${odd.url}/cookie`);
    assert.equal(cookie.response.headers.get('set-cookie'), null);
    assert.deepEqual(await cookie.response.json(), { ok: true });
    assert.deepEqual(
      odd.seen.map(({ url }) => url),
      ['/redirect', '/cookie'],
    );
  });

  test('a 401 invalid_token: one refresh, one retry, and the new cookie to append', async () => {
    const { call } = await signedIn('ulule');
    ulule.expireTokens();
    const { response, setCookie } = await call('/me');
    assert.equal(response.status, 200);
    assert.equal(grants(ulule, 'refresh_token'), 1);
    assert.equal(apiCalls(ulule).filter(({ path }) => path == '/v1/me').length, 3, 'sign-in, the 401, the retry');
    assert.ok(setCookie.length > 0, 'the sealed session changed');
  });

  test('concurrent 401s share one refresh: a rotating provider never sees its refresh token twice', async () => {
    const { call } = await signedIn('ulule');
    ulule.expireTokens();
    const answers = await Promise.all([call('/me'), call('/me'), call('/me')]);
    assert.deepEqual(
      answers.map(({ response }) => response.status),
      [200, 200, 200],
    );
    assert.equal(grants(ulule, 'refresh_token'), 1);
  });

  describe('with a provider that keeps its refresh tokens', () => {
    /** Signed in, then one 401 and its refresh: the refresh's answer is still shared when the next 401 comes. */
    const refreshedOnce = async () => {
      const { browser, call } = await signedIn('ulule', handlerAs(keeping, 'ulule'));
      keeping.expireTokens();
      const first = await call('/me');
      assert.equal(first.response.status, 200);
      browser.take(first.setCookie);
      assert.equal(grants(keeping, 'refresh_token'), 1);
      keeping.expireTokens();
      return { browser, call };
    };

    test('a 401 soon after a refresh refreshes again rather than retrying with the refused token', async () => {
      const { call } = await refreshedOnce();
      const { response } = await call('/me');
      assert.equal(response.status, 200, await response.clone().text());
      assert.equal(grants(keeping, 'refresh_token'), 2);
    });

    test('concurrent 401s after it share one new refresh', async () => {
      const { call } = await refreshedOnce();
      const answers = await Promise.all([call('/me'), call('/me'), call('/me')]);
      assert.deepEqual(
        answers.map(({ response }) => response.status),
        [200, 200, 200],
      );
      assert.equal(grants(keeping, 'refresh_token'), 2, 'one refresh for the three');
      // Sign-in, the first 401 and its retry; then three 401s and three retries.
      assert.equal(apiCalls(keeping).length, 9);
    });
  });

  test('a body that is a stream cannot be sent again: its 401 is returned, nothing refreshed', async () => {
    const config = profiled(ulule, 'ulule');
    const handler = createAuthHandler({
      secret: SECRET,
      providers: { ulule: { ...config, api: { ...config.api, hosts: [odd.host] } } },
    });
    const { call } = await signedIn('ulule', handler);
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{}'));
        controller.close();
      },
    });
    const streamed = await call(`${odd.url}/always-401`, {
      method: 'POST',
      body: stream,
      duplex: 'half',
    } as RequestInit);
    assert.equal(streamed.response.status, 401);
    assert.equal(odd.seen.length, 1);
    assert.equal(grants(ulule, 'refresh_token'), 0);
  });

  test('a body that can be sent again is sent again; a second 401 is login_required', async () => {
    const config = profiled(ulule, 'ulule');
    const handler = createAuthHandler({
      secret: SECRET,
      providers: { ulule: { ...config, api: { ...config.api, hosts: [odd.host] } } },
    });
    const { call } = await signedIn('ulule', handler);
    await assert.rejects(
      call(`${odd.url}/always-401`, { method: 'POST', body: 'x=1' }),
      (error: Error & { error?: string; status?: number }) => {
        assert.deepEqual([error.error, error.status], ['login_required', 401]);
        return true;
      },
    );
    assert.equal(odd.seen.length, 2, 'the call and one retry');
    assert.equal(grants(ulule, 'refresh_token'), 1);
  });

  test('the answer is capped at maxResponseBytes', async () => {
    const config = profiled(ulule, 'ulule');
    const handler = createAuthHandler({
      secret: SECRET,
      providers: { ulule: { ...config, maxResponseBytes: 1024, api: { ...config.api, hosts: [odd.host] } } },
    });
    const { call } = await signedIn('ulule', handler);
    const { response } = await call(`${odd.url}/large`);
    await assert.rejects(response.text(), /larger than 1024 bytes/);
  });
});
