import { expect, test } from '@playwright/test';
import { createClient } from 'redis';
import type { RunningMockProvider } from '../../src/mock-provider/index.js';
import { redisStore } from '../../src/server/redis.js';
import { CLIENT, REDIRECT_URI, startProvider } from './api-helpers.js';
import { startPartner, startTokenGate, stopPartners, type PartnerProcess } from './partner-processes.js';
import { startRedis, type RunningRedis } from '../../scripts/redis-server.js';

/**
 * Sessions in Debian's redis-server, shared by three partner server processes
 * (test/e2e/partner-server.mjs: each its own process, Redis client and port),
 * against the mock provider with refresh-token rotation.
 */
test.describe.configure({ mode: 'serial' });
const SECRET = 'a-test-secret-of-at-least-32-characters!';
const TOKEN_TTL = 4;
const untilStale = () => new Promise((resolve) => setTimeout(resolve, (TOKEN_TTL / 2) * 1000 + 100));

let redis: RunningRedis;
let provider: RunningMockProvider;
let gate: Awaited<ReturnType<typeof startTokenGate>>;
let partners: PartnerProcess[];

const startInstance = (port?: number) =>
  startPartner({
    secret: SECRET,
    redisUrl: redis.url,
    ...(port !== undefined && { port }),
    provider: {
      authorizeUrl: provider.authorizeUrl,
      // Through the gate, so that a test can hold a refresh on its way to the provider.
      tokenUrl: gate.url,
      userInfoUrl: provider.userInfoUrl,
      clientId: CLIENT.id,
      clientSecret: CLIENT.secret,
      redirectUri: REDIRECT_URI,
    },
  });

test.beforeAll(async () => {
  redis = await startRedis();
});
test.afterAll(async () => {
  await stopPartners();
  await redis.stop();
});
test.beforeEach(async () => {
  // One redis-server for the file: each test starts from an empty one.
  const raw = createClient({ url: redis.url });
  await raw.connect();
  await raw.flushAll();
  raw.destroy();
  provider = await startProvider({ tokenTtlSeconds: TOKEN_TTL });
  gate = await startTokenGate(provider.tokenUrl);
  partners = await Promise.all([startInstance(), startInstance(), startInstance()]);
});
test.afterEach(async () => {
  redis.resume();
  await stopPartners();
  await gate.close();
  await provider.close();
});
/** The refresh_token grants the provider received (its sign-ins are authorization_code grants). */
const refreshes = () =>
  provider.requests().filter(({ endpoint, params }) => endpoint == 'token' && params.grant_type == 'refresh_token')
    .length;

const post = (origin: string, path: string, body: unknown, cookie = '') =>
  fetch(`${origin}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'OAuth-Connect': '1', Origin: origin, Cookie: cookie },
    body: JSON.stringify(body),
  });
const cookiesOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
const session = async (origin: string, cookie: string) =>
  (await (await fetch(`${origin}/auth/session`, { headers: { Cookie: cookie } })).json()) as {
    accounts: Record<string, { id: string }>;
  };
const apiToken = (origin: string, cookie: string) => fetch(`${origin}/api/token`, { headers: { Cookie: cookie } });

const signIn = async (origin: string) => {
  const start = await post(origin, '/auth/start', { provider: 'mock' });
  const { url } = (await start.json()) as { url: string };
  const redirect = await fetch(url, { redirect: 'manual' });
  const params = Object.fromEntries(new URL(redirect.headers.get('location')!).searchParams);
  const complete = await post(origin, '/auth/complete', { provider: 'mock', params }, cookiesOf(start));
  expect(complete.status).toBe(200);
  const { account } = (await complete.json()) as { account: { id: string } };
  const cookie = complete.headers
    .getSetCookie()
    .filter((item) => item.startsWith('oauth-connect='))
    .map((item) => item.split(';')[0])
    .join('; ');
  return { cookie, account };
};

const tokenOf = async (response: Response) => ((await response.json()) as { accessToken?: string }).accessToken;

test('sign in through one process: the others see the session; logout on a third is seen by the first at once', async () => {
  const [one, two, three] = partners as [PartnerProcess, PartnerProcess, PartnerProcess];
  const { cookie } = await signIn(one.origin);
  // The cookie holds only a sealed session id.
  expect(cookie.length).toBeLessThan(300);
  expect(Object.keys((await session(two.origin, cookie)).accounts)).toEqual(['mock']);
  expect(Object.keys((await session(three.origin, cookie)).accounts)).toEqual(['mock']);
  await post(three.origin, '/auth/logout', { provider: 'mock' }, cookie);
  expect((await session(one.origin, cookie)).accounts).toEqual({});
});

test('20 concurrent calls over three processes after expiry: one refresh at the provider, all succeed with the new token', async () => {
  const { cookie } = await signIn(partners[0]!.origin);
  const old = await tokenOf(await apiToken(partners[1]!.origin, cookie));
  expect(old).toEqual(expect.any(String));
  await untilStale();
  expect(refreshes()).toBe(0);
  const calls = await Promise.all(
    Array.from({ length: 20 }, (_, index) => apiToken(partners[index % 3]!.origin, cookie)),
  );
  expect(calls.map((response) => response.status)).toEqual(Array(20).fill(200));
  const tokens = new Set(await Promise.all(calls.map(tokenOf)));
  expect(tokens.size).toBe(1);
  expect(tokens.has(old)).toBe(false);
  expect(refreshes()).toBe(1);
});

test("a process killed while it holds the refresh lock blocks no one past the lock's timeout; a restarted process keeps its sessions", async () => {
  // The handler's refresh lock times out after 15 s, and this test waits for it.
  test.setTimeout(60_000);
  const [one, two] = partners as [PartnerProcess, PartnerProcess];
  const { cookie } = await signIn(one.origin);
  await untilStale();
  expect(refreshes()).toBe(0);
  gate.hold();
  const arrived = gate.next();
  const dying = apiToken(one.origin, cookie).then(
    (response) => response.status,
    (error: Error) => error,
  );
  // Its refresh is at the provider's door: the process is inside the locked refresh.
  const held = await arrived;
  const raw = createClient({ url: redis.url });
  await raw.connect();
  const [lock, ...others] = await raw.keys('oauth-connect:lock:*');
  expect(others).toEqual([]);
  const lockLeft = await raw.pTTL(lock!);
  raw.destroy();
  expect(lockLeft).toBeGreaterThan(0);
  const lockFrees = Date.now() + lockLeft;
  await one.kill();
  await held.closed;
  expect(await dying).toBeInstanceOf(Error);
  gate.release();

  const call = await apiToken(two.origin, cookie);
  expect(call.status).toBe(200);
  const refreshed = await tokenOf(call);
  // It waited for the dead process's lock to time out, and not much longer.
  expect(Date.now()).toBeGreaterThanOrEqual(lockFrees - 100);
  expect(Date.now()).toBeLessThan(lockFrees + 3000);
  // The dead process's refresh never reached the provider; the one that did is the only one.
  expect(refreshes()).toBe(1);

  // The killed process comes back on its port with a new Redis client: the session is intact.
  partners[0] = await startInstance(one.port);
  expect(Object.keys((await session(partners[0].origin, cookie)).accounts)).toEqual(['mock']);
  // And its tokens: the refresh token the provider rotated to is the one stored. Once the access
  // token is stale again (waited for, not assumed: a quiet machine restarts within its lifetime),
  // this refreshes once more, with it.
  await untilStale();
  const afterRestart = await apiToken(partners[0].origin, cookie);
  expect(afterRestart.status).toBe(200);
  expect(await tokenOf(afterRestart)).not.toBe(refreshed);
  expect(refreshes()).toBe(2);
});

test('a Redis that hangs: calls fail fast with server_error; when it answers again, they succeed', async () => {
  const { cookie } = await signIn(partners[0]!.origin);
  redis.pause();
  const started = Date.now();
  const response = await fetch(`${partners[1]!.origin}/auth/session`, { headers: { Cookie: cookie } });
  expect(response.status).toBe(503);
  expect(await response.json()).toEqual({ error: 'server_error', error_description: 'The session store failed.' });
  expect(Date.now() - started).toBeLessThan(3000);
  redis.resume();
  await expect
    .poll(async () => Object.keys((await session(partners[1]!.origin, cookie)).accounts), { timeout: 10_000 })
    .toEqual(['mock']);
});

test('a Redis that is down: calls fail fast with server_error, never an unknown session accepted; back up, they succeed', async () => {
  const { cookie } = await signIn(partners[0]!.origin);
  await redis.stop();
  const started = Date.now();
  const down = await fetch(`${partners[1]!.origin}/auth/session`, { headers: { Cookie: cookie } });
  expect(down.status).toBe(503);
  expect(((await down.json()) as { error: string }).error).toBe('server_error');
  const api = await apiToken(partners[2]!.origin, cookie);
  expect(api.status).toBe(503);
  expect(((await api.json()) as { error: string }).error).toBe('server_error');
  expect(Date.now() - started).toBeLessThan(3000);
  // Back on the same port, empty (no persistence): the clients reconnect, the old session is unknown.
  redis = await startRedis({ port: redis.port });
  // Each process has its own client, reconnecting on its own schedule.
  await expect
    .poll(
      async () =>
        Promise.all(
          partners.map(
            async ({ origin }) => (await fetch(`${origin}/auth/session`, { headers: { Cookie: cookie } })).status,
          ),
        ),
      { timeout: 15_000 },
    )
    .toEqual([200, 200, 200]);
  expect((await session(partners[1]!.origin, cookie)).accounts).toEqual({});
  const again = await signIn(partners[2]!.origin);
  expect(Object.keys((await session(partners[0]!.origin, again.cookie)).accounts)).toEqual(['mock']);
});

test("deleteUserSessions, from an operator's script, ends every session of one account in every process", async () => {
  const first = await signIn(partners[0]!.origin);
  const second = await signIn(partners[1]!.origin);
  const client = createClient({ url: redis.url });
  await client.connect();
  expect(await redisStore(client).deleteUserSessions(first.account.id)).toBe(2);
  client.destroy();
  for (const { cookie } of [first, second]) expect((await session(partners[2]!.origin, cookie)).accounts).toEqual({});
});
