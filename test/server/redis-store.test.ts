/**
 * The Redis store's versioned write (one Lua script), once-only mark and index
 * by provider and account, in Debian's redis-server, with the handler in this
 * process (the several-process cases are test/e2e/redis-store.api.spec.ts).
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import { createClient } from 'redis';
import { startRedis, type RunningRedis } from '../../scripts/redis-server.js';
import type { RunningMockProvider } from '../../src/mock-provider/index.js';
import type { SessionData } from '../../src/server/index.js';
import { redisStore } from '../../src/server/redis.js';
import { Browser, handlerFor, signIn, sleep, startProvider, twoProviders } from './helpers.js';

let redis: RunningRedis;
let client: ReturnType<typeof createClient>;
let provider: RunningMockProvider;
before(async () => {
  redis = await startRedis();
  client = createClient({ url: redis.url });
  await client.connect();
  provider = await startProvider({ tokenTtlSeconds: 2 });
});
beforeEach(() => client.flushAll());
afterEach(() => provider.setDelay(0));
after(async () => {
  client.destroy();
  await provider.close();
  await redis.stop();
});

const session = (version: number, account = 'ada'): SessionData => ({
  grants: { mock: { account: { id: account, name: 'Ada' }, tokens: { accessToken: 'at', tokenType: 'bearer' } } },
  version,
});

describe('redisStore', () => {
  test('setIfVersion writes only at the version read: ok, changed, gone', async () => {
    const store = redisStore(client);
    await store.set('s1', session(1), 60);
    assert.equal(await store.setIfVersion('s1', session(2), 60, 1), 'ok');
    assert.equal((await store.get('s1'))?.version, 2);
    assert.equal(await store.setIfVersion('s1', session(3), 60, 1), 'changed');
    assert.equal((await store.get('s1'))?.version, 2);
    await store.delete('s1');
    assert.equal(await store.setIfVersion('s1', session(3), 60, 2), 'gone');
    assert.equal(await store.get('s1'), undefined);
  });

  test('claimOnce: SET NX for the time given', async () => {
    const store = redisStore(client);
    assert.equal(await store.claimOnce('state:abc', 600), true);
    assert.equal(await store.claimOnce('state:abc', 600), false);
    const ttl = await client.ttl('oauth-connect:once:state:abc');
    assert.ok(ttl > 590 && ttl <= 600, String(ttl));
  });

  test('the index is by provider and account id; a first-release index key is still read', async () => {
    const store = redisStore(client);
    await store.set('at-mock', session(1, '42'), 60);
    const other: SessionData = { grants: { other: session(1, '42').grants.mock! } };
    await store.set('at-other', other, 60);
    assert.deepEqual(await store.sessionIds('mock', '42'), ['at-mock']);
    assert.deepEqual(await store.sessionIds('other', '42'), ['at-other']);
    // Written by the first release: a session and its index by account id alone.
    await client.set('oauth-connect:session:legacy', JSON.stringify(session(0, '7')), { EX: 60 });
    await client.sAdd('oauth-connect:user:7', 'legacy');
    assert.deepEqual(await store.sessionIds('mock', '7'), ['legacy']);
    // The primitive without a provider ends the account at every provider, legacy keys included.
    assert.equal(await store.deleteUserSessions('42'), 2);
    assert.equal(await store.deleteUserSessions('7'), 1);
    assert.equal(await store.get('legacy'), undefined);
  });
});

describe('the handler on redisStore', () => {
  test('a refresh in flight during deleteUserSessions does not bring the session back', async () => {
    const handler = handlerFor(provider, { store: redisStore(client) });
    const browser = new Browser(handler);
    const { completed } = await signIn(browser);
    const accountId = (completed.body.account as { id: string }).id;
    await sleep(1100);
    provider.setDelay(1000);
    const refreshing = browser.accessToken();
    await sleep(300);
    provider.setDelay(0);
    assert.equal((await handler.deleteUserSessions('mock', accountId)).sessions, 1);
    const result = (await refreshing) as { error?: string; status?: number };
    assert.deepEqual([result.error, result.status], ['login_required', 401]);
    assert.deepEqual(await client.keys('oauth-connect:session:*'), []);
    assert.deepEqual(await browser.accounts(), []);
  });

  test('one complete per state across handlers sharing the store (two processes)', async () => {
    const store = redisStore(client);
    const [one, two] = [twoProviders(provider, { store }), twoProviders(provider, { store })];
    const browser = new Browser(one);
    const started = await browser.send('/auth/start', { provider: 'mock' });
    const location = (await fetch(started.body.url as string, { redirect: 'manual' })).headers.get('location') ?? '';
    const params = [...new URL(location).searchParams];
    const body = { provider: 'mock', params };
    const answers = await Promise.all([
      one(browser.request('/auth/complete', body)),
      two(browser.request('/auth/complete', body)),
    ]);
    assert.deepEqual(answers.map(({ status }) => status).sort(), [200, 400]);
  });
});
