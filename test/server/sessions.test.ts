/**
 * What a session promises: a write never brings back a session that ended, a
 * sign-in gets a new session id, the session ends `sessionTtl` after the latest
 * sign-in whatever happens, a refused refresh ends the grant, and a state
 * completes once. With `memoryStore` and in the sealed cookie.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { RunningMockProvider } from '../../src/mock-provider/index.js';
import { memoryStore, type SessionStore } from '../../src/server/index.js';
import { Browser, authorizeAt, grants, handlerFor, signIn, sleep, startProvider, twoProviders } from './helpers.js';

/** Access tokens live 2 s: getAccessToken refreshes after 1 s (half the lifetime). */
const TOKEN_TTL = 2;
const untilStale = () => sleep((TOKEN_TTL / 2) * 1000 + 100);

let provider: RunningMockProvider;
before(async () => {
  provider = await startProvider({ tokenTtlSeconds: TOKEN_TTL });
});
afterEach(() => provider.setDelay(0));
after(() => provider.close());

const maxAge = (cookie: string | undefined) => Number(/Max-Age=(\d+)/.exec(cookie ?? '')?.[1]);

describe('a write never resurrects a session (store with versioned writes)', () => {
  test('a refresh in flight during a logout: the session stays ended, the caller gets login_required', async () => {
    const browser = new Browser(handlerFor(provider, { store: memoryStore() }));
    await signIn(browser);
    await untilStale();
    provider.setDelay(1000);
    const refreshing = browser.accessToken();
    await sleep(300);
    const tab = browser.clone();
    provider.setDelay(0);
    assert.equal((await tab.send('/auth/logout', { provider: 'mock' })).status, 200);
    const result = await refreshing;
    assert.ok(!('accessToken' in result) || !result.accessToken, 'the refresh must not answer a token');
    assert.deepEqual(
      [(result as { error: string }).error, (result as { status: number }).status],
      ['login_required', 401],
    );
    assert.deepEqual(await browser.clone().accounts(), []);
  });

  test('a refresh in flight while another provider logs out: only its own grant is written back', async () => {
    const browser = new Browser(twoProviders(provider, { store: memoryStore() }));
    await signIn(browser, 'mock');
    await signIn(browser, 'other');
    await untilStale();
    provider.setDelay(1000);
    const refreshing = browser.accessToken('mock');
    await sleep(300);
    provider.setDelay(0);
    const tab = browser.clone();
    assert.equal((await tab.send('/auth/logout', { provider: 'other' })).status, 200);
    const result = await refreshing;
    assert.match((result as { accessToken?: string }).accessToken ?? '', /^mock_at_/);
    assert.deepEqual(await browser.accounts(), ['mock']);
  });

  test('a sign-in in flight while its session is ended does not carry the ended grants over', async () => {
    const handler = twoProviders(provider, { store: memoryStore() });
    const browser = new Browser(handler);
    const { completed } = await signIn(browser, 'other');
    const accountId = (completed.body.account as { id: string }).id;
    const started = await browser.send('/auth/start', { provider: 'mock' });
    const params = await authorizeAt(started.body.url as string);
    provider.setDelay(1000);
    const completing = browser.send('/auth/complete', { provider: 'mock', params });
    await sleep(300);
    provider.setDelay(0);
    assert.equal((await handler.deleteUserSessions('other', accountId)).sessions, 1);
    assert.equal((await completing).status, 200);
    assert.deepEqual(await browser.accounts(), ['mock']);
  });

  test('a store without setIfVersion keeps working (last write wins)', async () => {
    const full = memoryStore();
    const { setIfVersion: _dropped, ...partial } = full;
    void _dropped;
    const browser = new Browser(handlerFor(provider, { store: partial as SessionStore }));
    await signIn(browser);
    await untilStale();
    assert.match(((await browser.accessToken()) as { accessToken: string }).accessToken, /^mock_at_/);
  });
});

describe('deleteUserSessions(provider, accountId)', () => {
  test("ends every session holding that provider's grant for that account and revokes its tokens", async () => {
    const handler = twoProviders(provider, { store: memoryStore() });
    const [laptop, phone, elsewhere] = [new Browser(handler), new Browser(handler), new Browser(handler)];
    const { completed } = await signIn(laptop);
    await signIn(phone);
    // The same account id at another provider is another person's.
    await signIn(elsewhere, 'other');
    const accountId = (completed.body.account as { id: string }).id;
    const revocations = () => provider.requests().filter(({ endpoint }) => endpoint == 'revocation').length;
    const before = revocations();
    assert.deepEqual(await handler.deleteUserSessions('mock', accountId), { sessions: 2, revoked: 4 });
    assert.equal(revocations() - before, 4);
    assert.deepEqual(await laptop.accounts(), []);
    assert.deepEqual(await phone.accounts(), []);
    assert.deepEqual(await elsewhere.accounts(), ['other']);
    assert.deepEqual(await handler.deleteUserSessions('mock', accountId), { sessions: 0, revoked: 0 });
  });

  test('without a store it throws, saying why', async () => {
    await assert.rejects(handlerFor(provider).deleteUserSessions('mock', 'user-1'), (error) => {
      assert.ok(error instanceof TypeError);
      assert.match(error.message, /deleteUserSessions needs a store: sealed sessions live in the browsers/);
      return true;
    });
  });
});

describe('a new session id at each sign-in', () => {
  test('a planted session cookie does not become the victim’s session (store)', async () => {
    const handler = twoProviders(provider, { store: memoryStore() });
    const attacker = new Browser(handler);
    await signIn(attacker, 'other');
    const planted = new Map(attacker.cookies);
    const victim = new Browser(handler);
    victim.cookies = new Map(planted);
    await signIn(victim, 'mock');
    assert.notDeepEqual([...victim.cookies], [...planted]);
    // The attacker's copy of the old id shows nothing of the victim: the data moved and the old key went.
    const spy = new Browser(handler);
    spy.cookies = planted;
    assert.deepEqual(await spy.accounts(), []);
    // Grants with other providers are kept in the new session.
    assert.deepEqual(await victim.accounts(), ['mock', 'other']);
  });

  test('sealed: every sign-in sets a new cookie, other grants kept', async () => {
    const browser = new Browser(twoProviders(provider));
    await signIn(browser, 'mock');
    const first = browser.cookies.get('__Host-oauth-connect');
    await signIn(browser, 'mock');
    assert.notEqual(browser.cookies.get('__Host-oauth-connect'), first);
    await signIn(browser, 'other');
    assert.deepEqual(await browser.accounts(), ['mock', 'other']);
  });
});

describe('sessionTtl is absolute from the latest sign-in', () => {
  /** In store mode, a memory store that records the TTL of every write, as a store sees it; none when sealed. */
  const recordedTtls = (mode: 'sealed' | 'store') => {
    const ttls: number[] = [];
    const inner = memoryStore();
    const store: SessionStore | undefined =
      mode == 'store'
        ? {
            ...inner,
            set: (id, data, ttl) => (ttls.push(ttl), inner.set(id, data, ttl)),
            setIfVersion: (id, data, ttl, version) => (ttls.push(ttl), inner.setIfVersion!(id, data, ttl, version)),
          }
        : undefined;
    return { ttls, store };
  };

  for (const mode of ['sealed', 'store'] as const)
    test(`${mode}: a refresh keeps the time remaining, and the session ends on time`, async () => {
      const { ttls, store } = recordedTtls(mode);
      const browser = new Browser(handlerFor(provider, { sessionTtl: 3, ...(store && { store }) }));
      const { completed } = await signIn(browser);
      assert.equal(maxAge(completed.status == 200 ? browser.setCookies.at(-1) : undefined), 3);
      await untilStale();
      const token = (await browser.accessToken()) as { accessToken: string; setCookie: string[] };
      assert.match(token.accessToken, /^mock_at_/);
      // Sealed: the refreshed cookie lives only as long as the session has left (today's 3 s would extend it).
      if (mode == 'sealed') assert.ok(maxAge(token.setCookie[0]) <= 2, token.setCookie[0]);
      else {
        assert.deepEqual(token.setCookie, []);
        // Written at sign-in for 3 s, and at the refresh for what was left of them.
        assert.equal(ttls.length, 2);
        assert.ok(ttls[0] == 3 && ttls[1]! <= 2, JSON.stringify(ttls));
      }
      await sleep(2000);
      assert.deepEqual(await browser.accounts(), []);
    });

  for (const mode of ['sealed', 'store'] as const)
    test(`${mode}: another provider's logout does not extend it: the session left keeps the end of the latest sign-in`, async () => {
      const { ttls, store } = recordedTtls(mode);
      const browser = new Browser(twoProviders(provider, { sessionTtl: 3, ...(store && { store }) }));
      await signIn(browser, 'mock');
      await signIn(browser, 'other');
      await sleep(1100);
      const logout = await browser.send('/auth/logout', { provider: 'other' });
      assert.equal(logout.status, 200);
      assert.deepEqual(Object.keys(logout.body.accounts as object), ['mock']);
      if (mode == 'sealed') assert.ok(maxAge(browser.setCookies[0]) <= 2, browser.setCookies[0]);
      else {
        assert.deepEqual(browser.setCookies, [], 'the session keeps its id and its cookie');
        assert.ok(ttls.at(-1)! <= 2, JSON.stringify(ttls));
      }
      // 3 s after the latest sign-in the session is over, though the logout came 1 s into it.
      await sleep(2000);
      assert.deepEqual(await browser.accounts(), []);
    });
});

describe('a refused refresh ends the grant', () => {
  test('sealed: login_required, and setCookie carries the session without the grant', async () => {
    const browser = new Browser(twoProviders(provider));
    await signIn(browser, 'mock');
    await signIn(browser, 'other');
    await untilStale();
    provider.failNextRequest({ error: 'invalid_grant', endpoint: 'token' });
    const refused = (await browser.accessToken('mock')) as { error: string; status: number; setCookie: string[] };
    assert.deepEqual([refused.error, refused.status], ['login_required', 401]);
    assert.equal(refused.setCookie.length, 1);
    assert.deepEqual(await browser.accounts(), ['other']);
    const again = (await browser.accessToken('mock')) as { error: string };
    assert.equal(again.error, 'login_required');
  });

  test('store: login_required with an empty setCookie; /session no longer lists it; no call resends the dead token', async () => {
    const browser = new Browser(handlerFor(provider, { store: memoryStore() }));
    await signIn(browser);
    await untilStale();
    provider.failNextRequest({ error: 'invalid_grant', endpoint: 'token' });
    const refused = (await browser.accessToken()) as { error: string; status: number; setCookie: string[] };
    assert.deepEqual([refused.error, refused.status, refused.setCookie], ['login_required', 401, []]);
    assert.deepEqual(await browser.accounts(), []);
    const refreshes = grants(provider, 'refresh_token');
    assert.equal(((await browser.accessToken()) as { error: string }).error, 'login_required');
    assert.equal(grants(provider, 'refresh_token'), refreshes);
  });
});

describe('one complete per state', () => {
  for (const mode of ['sealed', 'store'] as const)
    test(`${mode}: two concurrent completes send the code once; the second is refused 400`, async () => {
      const store = mode == 'store' ? memoryStore() : undefined;
      const browser = new Browser(handlerFor(provider, store && { store }));
      const started = await browser.send('/auth/start', { provider: 'mock' });
      const params = await authorizeAt(started.body.url as string);
      const before = grants(provider, 'authorization_code');
      const handler = browser.handler;
      const answers = await Promise.all(
        [
          browser.request('/auth/complete', { provider: 'mock', params }),
          browser.request('/auth/complete', { provider: 'mock', params }),
        ].map(async (request) => {
          const response = await handler(request);
          return { status: response.status, body: (await response.json()) as { error_description?: string } };
        }),
      );
      assert.deepEqual(answers.map(({ status }) => status).sort(), [200, 400]);
      assert.equal(
        answers.find(({ status }) => status == 400)?.body.error_description,
        'This sign-in was already completed.',
      );
      assert.equal(grants(provider, 'authorization_code') - before, 1);
    });
});
