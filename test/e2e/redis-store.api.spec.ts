import { expect, test } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient } from 'redis';
import type { RunningMockProvider } from '../../src/mock-provider/index.js';
import { createAuthHandler } from '../../src/server/index.js';
import { toNodeHandler, toWebRequest } from '../../src/server/node.js';
import { redisStore, type RedisSessionStore } from '../../src/server/redis.js';
import { CLIENT, REDIRECT_URI, startProvider } from './api-helpers.js';
import { startRedis, type RunningRedis } from '../../scripts/redis-server.js';

/**
 * Sessions in Debian's redis-server, shared by three partner server instances
 * (each its own handler, Redis client and port), against the mock provider
 * with refresh-token rotation.
 */
test.describe.configure({ mode: 'serial' });
const SECRET = 'a-test-secret-of-at-least-32-characters!';
const TOKEN_TTL = 4;
const untilStale = () => new Promise((resolve) => setTimeout(resolve, (TOKEN_TTL / 2) * 1000 + 100));

let redis: RunningRedis;
let provider: RunningMockProvider;
let providerLog: string[];
interface Instance {
  origin: string;
  server: Server;
  store: RedisSessionStore;
  close(): Promise<void>;
}
let instances: Instance[];

const startInstance = async (): Promise<Instance> => {
  const client = createClient({ url: redis.url, disableOfflineQueue: true });
  client.on('error', () => {}); // reconnects by itself; the requests report the failure
  await client.connect();
  const store = redisStore(client);
  const handler = createAuthHandler({
    secret: SECRET,
    store,
    providers: {
      mock: {
        authorizeUrl: provider.authorizeUrl,
        tokenUrl: provider.tokenUrl,
        userInfoUrl: provider.userInfoUrl,
        clientId: CLIENT.id,
        clientSecret: CLIENT.secret,
        redirectUri: REDIRECT_URI,
      },
    },
  });
  const auth = toNodeHandler(handler);
  const server = createServer((req, res) => {
    if (req.url == '/api/token')
      return void handler.getAccessToken(toWebRequest(req), 'mock').then(
        ({ accessToken }) => {
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ accessToken }));
        },
        (error: { status?: number; error?: string }) => {
          res.writeHead(error.status ?? 500, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify({ error: error.error }));
        },
      );
    void auth(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  return {
    origin: `http://localhost:${(server.address() as AddressInfo).port}`,
    server,
    store,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      client.destroy();
    },
  };
};

test.beforeAll(async () => {
  redis = await startRedis();
});
test.afterAll(async () => {
  await redis.stop();
});
test.beforeEach(async () => {
  // One redis-server for the file: each test starts from an empty one.
  const raw = createClient({ url: redis.url });
  await raw.connect();
  await raw.flushAll();
  raw.destroy();
  providerLog = [];
  provider = await startProvider({ tokenTtlSeconds: TOKEN_TTL, log: (line) => providerLog.push(line) });
  instances = await Promise.all([startInstance(), startInstance(), startInstance()]);
});
test.afterEach(async () => {
  redis.resume();
  await Promise.all(instances.map((instance) => instance.close()));
  await provider.close();
});

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

test('sign in through one process: the others see the session; logout on a third is seen by the first at once', async () => {
  const [one, two, three] = instances as [Instance, Instance, Instance];
  const { cookie } = await signIn(one.origin);
  // The cookie holds only a sealed session id.
  expect(cookie.length).toBeLessThan(300);
  expect(Object.keys((await session(two.origin, cookie)).accounts)).toEqual(['mock']);
  expect(Object.keys((await session(three.origin, cookie)).accounts)).toEqual(['mock']);
  await post(three.origin, '/auth/logout', { provider: 'mock' }, cookie);
  expect((await session(one.origin, cookie)).accounts).toEqual({});
});

test('20 concurrent calls over three processes after expiry: one refresh at the provider, all succeed with the new token', async () => {
  const { cookie } = await signIn(instances[0]!.origin);
  await untilStale();
  const before = providerLog.filter((line) => line.startsWith('POST /oauth2/token')).length;
  const calls = await Promise.all(
    Array.from({ length: 20 }, (_, index) => apiToken(instances[index % 3]!.origin, cookie)),
  );
  const bodies = (await Promise.all(calls.map((response) => response.json()))) as { accessToken?: string }[];
  expect(calls.map((response) => response.status)).toEqual(Array(20).fill(200));
  expect(new Set(bodies.map((body) => body.accessToken)).size).toBe(1);
  expect(providerLog.filter((line) => line.startsWith('POST /oauth2/token')).length - before).toBe(1);
});

test("a process that died holding the refresh lock blocks no one past the lock's timeout; a restarted process keeps its sessions", async () => {
  const { cookie } = await signIn(instances[0]!.origin);
  await untilStale();
  // What a process leaves behind when it dies mid-refresh: the lock, held by no one, with its timeout.
  const raw = createClient({ url: redis.url });
  await raw.connect();
  const sessionKeys = await raw.keys('oauth-connect:session:*');
  expect(sessionKeys).toHaveLength(1);
  const id = sessionKeys[0]!.slice('oauth-connect:session:'.length);
  await raw.set(`oauth-connect:lock:${id}`, 'dead-process', { PX: 2000 });
  raw.destroy();
  const started = Date.now();
  const call = await apiToken(instances[1]!.origin, cookie);
  expect(call.status).toBe(200);
  // It waited for the dead lock to time out, and not much longer.
  expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
  expect(Date.now() - started).toBeLessThan(6000);

  // A restart: the old instance goes, a new one (new client, new port) reads the same sessions.
  await instances[0]!.close();
  instances[0] = await startInstance();
  expect(Object.keys((await session(instances[0].origin, cookie)).accounts)).toEqual(['mock']);
});

test('a Redis that hangs: calls fail fast with server_error; when it answers again, they succeed', async () => {
  const { cookie } = await signIn(instances[0]!.origin);
  redis.pause();
  const started = Date.now();
  const response = await fetch(`${instances[1]!.origin}/auth/session`, { headers: { Cookie: cookie } });
  expect(response.status).toBe(503);
  expect(await response.json()).toEqual({ error: 'server_error', error_description: 'The session store failed.' });
  expect(Date.now() - started).toBeLessThan(3000);
  redis.resume();
  await expect
    .poll(async () => Object.keys((await session(instances[1]!.origin, cookie)).accounts), { timeout: 10_000 })
    .toEqual(['mock']);
});

test('a Redis that is down: calls fail fast with server_error, never an unknown session accepted; back up, they succeed', async () => {
  const { cookie } = await signIn(instances[0]!.origin);
  await redis.stop();
  const started = Date.now();
  const down = await fetch(`${instances[1]!.origin}/auth/session`, { headers: { Cookie: cookie } });
  expect(down.status).toBe(503);
  expect(((await down.json()) as { error: string }).error).toBe('server_error');
  expect((await apiToken(instances[2]!.origin, cookie)).status).toBe(503);
  expect(Date.now() - started).toBeLessThan(3000);
  // Back on the same port, empty (no persistence): the clients reconnect, the old session is unknown.
  redis = await startRedis({ port: redis.port });
  // Each instance has its own client, reconnecting on its own schedule.
  await expect
    .poll(
      async () =>
        Promise.all(
          instances.map(
            async ({ origin }) => (await fetch(`${origin}/auth/session`, { headers: { Cookie: cookie } })).status,
          ),
        ),
      { timeout: 15_000 },
    )
    .toEqual([200, 200, 200]);
  expect((await session(instances[1]!.origin, cookie)).accounts).toEqual({});
  const again = await signIn(instances[2]!.origin);
  expect(Object.keys((await session(instances[0]!.origin, again.cookie)).accounts)).toEqual(['mock']);
});

test('deleteUserSessions ends every session of one account, seen by every process', async () => {
  const first = await signIn(instances[0]!.origin);
  const second = await signIn(instances[1]!.origin);
  expect(await instances[2]!.store.deleteUserSessions(first.account.id)).toBe(2);
  for (const { cookie } of [first, second]) expect((await session(instances[2]!.origin, cookie)).accounts).toEqual({});
});
