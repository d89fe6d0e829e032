import { expect, test } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunningMockProvider } from '../../src/mock-provider/index.js';
import { createAuthHandler, memoryStore, type AuthHandler, type AuthHandlerOptions } from '../../src/server/index.js';
import { toNodeHandler, toWebRequest } from '../../src/server/node.js';
import { CLIENT, REDIRECT_URI, startProvider } from './api-helpers.js';

/** createAuthHandler over real HTTP (node:http + the Node adapter) against the mock provider. */
/** Short, so that tests see tokens expire: the handler refreshes in the last half of a lifetime this short. */
const TOKEN_TTL = 4;
const untilStale = () => new Promise((resolve) => setTimeout(resolve, (TOKEN_TTL / 2) * 1000 + 100));
const SECRET = 'a-test-secret-of-at-least-32-characters!';
let provider: RunningMockProvider;
let app: { server: Server; origin: string; handler: AuthHandler };

const startApp = async (extra: Partial<AuthHandlerOptions> = {}) => {
  const handler = createAuthHandler({
    secret: SECRET,
    providers: {
      mock: {
        authorizeUrl: provider.authorizeUrl,
        tokenUrl: provider.tokenUrl,
        userInfoUrl: provider.userInfoUrl,
        clientId: CLIENT.id,
        clientSecret: CLIENT.secret,
        redirectUri: REDIRECT_URI,
        scope: 'profile email',
      },
    },
    ...extra,
  });
  const auth = toNodeHandler(handler);
  const server = createServer((req, res) => {
    // A partner route that calls the provider's API with the session's token.
    if (req.url == '/api/token')
      return void handler.getAccessToken(toWebRequest(req), 'mock').then(
        ({ accessToken, setCookie }) => {
          res.writeHead(200, { 'Content-Type': 'application/json', 'Set-Cookie': setCookie });
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
  return { server, handler, origin: `http://localhost:${(server.address() as AddressInfo).port}` };
};

test.beforeEach(async () => {
  provider = await startProvider({ tokenTtlSeconds: TOKEN_TTL });
  app = await startApp();
});
test.afterEach(async () => {
  app.server.closeAllConnections();
  await new Promise((resolve) => app.server.close(resolve));
  await provider.close();
});

/** A browser's cookie jar, reduced to what these tests need. */
class Browser {
  cookies = new Map<string, string>();
  setCookies: string[] = [];
  async send(path: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(`${app.origin}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        ...(body !== undefined && { 'Content-Type': 'application/json', 'OAuth-Connect': '1', Origin: app.origin }),
        Cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
        ...headers,
      },
      ...(body !== undefined && { body: typeof body == 'string' ? body : JSON.stringify(body) }),
    });
    this.setCookies = response.headers.getSetCookie();
    for (const cookie of this.setCookies) {
      const [pair = ''] = cookie.split(';');
      const [name = '', value = ''] = pair.split('=');
      if (/Max-Age=0/.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }
}

/** The provider's answer to the authorize URL (auto-approved), as the callback page would post it. */
const authorizeAt = async (url: string) => {
  const response = await fetch(url, { redirect: 'manual' });
  return Object.fromEntries(new URL(response.headers.get('location')!).searchParams);
};

const signIn = async (browser = new Browser()) => {
  const started = await browser.send('/auth/start', { provider: 'mock' });
  expect(started.status).toBe(200);
  const params = await authorizeAt(started.body.url as string);
  const completed = await browser.send('/auth/complete', { provider: 'mock', params });
  return { browser, started, params, completed };
};

test('start, complete, session, logout: the whole server-bound sign-in', async () => {
  const browser = new Browser();
  const started = await browser.send('/auth/start', { provider: 'mock' });
  expect(started.body).toEqual({ url: expect.any(String), state: expect.any(String), redirectUri: REDIRECT_URI });
  const url = new URL(started.body.url as string);
  expect(Object.fromEntries(url.searchParams)).toEqual({
    client_id: CLIENT.id,
    redirect_uri: REDIRECT_URI,
    response_type: 'code',
    scope: 'profile email',
    state: started.body.state,
    code_challenge: expect.stringMatching(/^[\w-]{43}$/),
    code_challenge_method: 'S256',
  });
  // The verifier never leaves the server; the binding is an HttpOnly cookie.
  expect(JSON.stringify(started.body)).not.toMatch(/verifier/i);
  expect(browser.setCookies).toEqual([
    expect.stringMatching(/^oauth-connect-flow=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=600$/),
  ]);

  const params = await authorizeAt(url.href);
  const completed = await browser.send('/auth/complete', { provider: 'mock', params });
  expect(completed).toEqual({
    status: 200,
    body: { account: { id: 'user-1', name: 'Ada Lovelace', email: 'ada@example.com' } },
  });
  expect(JSON.stringify(completed.body)).not.toContain('mock_at_');
  expect(browser.cookies.has('oauth-connect')).toBe(true);
  expect(browser.cookies.has('oauth-connect-flow')).toBe(false);

  expect((await browser.send('/auth/session')).body).toEqual({
    accounts: { mock: { id: 'user-1', name: 'Ada Lovelace', email: 'ada@example.com' } },
  });
  expect(
    await app.handler.getSession(
      new Request(`${app.origin}/`, { headers: { cookie: `oauth-connect=${browser.cookies.get('oauth-connect')}` } }),
    ),
  ).toEqual({
    accounts: { mock: expect.objectContaining({ id: 'user-1' }) },
  });

  expect((await browser.send('/auth/logout', { provider: 'mock' })).body).toEqual({ accounts: {} });
  expect((await browser.send('/auth/session')).body).toEqual({ accounts: {} });
});

test('several flows may be pending at once in one browser', async () => {
  const browser = new Browser();
  const first = await browser.send('/auth/start', { provider: 'mock' });
  const second = await browser.send('/auth/start', { provider: 'mock' });
  const secondParams = await authorizeAt(second.body.url as string);
  const firstParams = await authorizeAt(first.body.url as string);
  expect((await browser.send('/auth/complete', { provider: 'mock', params: secondParams })).status).toBe(200);
  expect((await browser.send('/auth/complete', { provider: 'mock', params: firstParams })).status).toBe(200);
});

test('a code and state replayed without the binding cookie, or twice, are refused', async () => {
  const browser = new Browser();
  const started = await browser.send('/auth/start', { provider: 'mock' });
  const params = await authorizeAt(started.body.url as string);
  const attacker = new Browser();
  expect(await attacker.send('/auth/complete', { provider: 'mock', params })).toEqual({
    status: 400,
    body: { error: 'invalid_request', error_description: 'No sign-in with this state is pending in this browser.' },
  });
  // The code was not spent by the refusal: the real browser still signs in, once.
  expect((await browser.send('/auth/complete', { provider: 'mock', params })).status).toBe(200);
  expect((await browser.send('/auth/complete', { provider: 'mock', params })).status).toBe(400);
});

test('cross-site POSTs, wrong methods, unknown providers and big bodies are refused with an OAuth-style error', async () => {
  const browser = new Browser();
  const cases: [Record<string, string>, unknown, number][] = [
    [{ 'OAuth-Connect': '' }, { provider: 'mock' }, 403],
    [{ Origin: 'https://evil.example' }, { provider: 'mock' }, 403],
    [{ Origin: 'null' }, { provider: 'mock' }, 403],
    [{ 'Content-Type': 'text/plain' }, { provider: 'mock' }, 415],
    [{}, { provider: 'nope' }, 400],
    [{}, { provider: '__proto__' }, 400],
    [{}, '[1]', 400],
    [{}, { provider: 'mock', pad: 'x'.repeat(20_000) }, 413],
  ];
  for (const [headers, body, status] of cases) {
    const result = await browser.send('/auth/start', body, headers);
    expect(result.status, JSON.stringify(headers)).toBe(status);
    expect(Object.keys(result.body).sort()).toEqual(['error', 'error_description']);
  }
  expect((await browser.send('/auth/start')).status).toBe(405);
  expect((await browser.send('/auth/nothing')).status).toBe(404);
});

test("the provider's refusal and an unreachable provider: 4xx and 5xx, never a stack", async () => {
  const { browser, started } = await signIn();
  const denied = await browser.send('/auth/start', { provider: 'mock' });
  const refusal = await browser.send('/auth/complete', {
    provider: 'mock',
    params: { error: 'access_denied', state: denied.body.state },
  });
  expect(refusal).toEqual({ status: 400, body: { error: 'access_denied', error_description: expect.any(String) } });
  void started;

  const next = await browser.send('/auth/start', { provider: 'mock' });
  const params = await authorizeAt(next.body.url as string);
  await provider.close();
  const down = await browser.send('/auth/complete', { provider: 'mock', params });
  expect(down.status).toBe(502);
  // The network code and the provider's address are for the server's log, not for the browser.
  expect(down.body).toEqual({ error: 'server_error', error_description: 'The provider could not be reached.' });
  expect(JSON.stringify(down.body)).not.toMatch(/\bat .*\.ts:\d+|ECONNREFUSED|localhost/);
  provider = await startProvider();
});

test('getAccessToken refreshes an expiring token with rotation, once for concurrent calls, and sets the new cookie', async () => {
  const { browser } = await signIn();
  const before = browser.cookies.get('oauth-connect');
  expect((await browser.send('/api/token')).body.accessToken).toMatch(/^mock_at_/);
  expect(browser.setCookies).toEqual([]);
  await untilStale();
  const calls = await Promise.all(
    Array.from({ length: 5 }, () =>
      fetch(`${app.origin}/api/token`, { headers: { cookie: `oauth-connect=${before}` } }),
    ),
  );
  const tokens = await Promise.all(
    calls.map(async (response) => ((await response.json()) as { accessToken?: string }).accessToken),
  );
  // A rotating provider refuses a reused refresh token: five successes mean one refresh.
  expect(calls.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
  expect(new Set(tokens).size).toBe(1);
  const setCookie = calls[0]!.headers.getSetCookie();
  expect(setCookie).toEqual([
    expect.stringMatching(/^oauth-connect=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=\d+$/),
  ]);
  // The new cookie carries the rotated refresh token: the next refresh works with it.
  browser.cookies.set('oauth-connect', setCookie[0]!.split(';')[0]!.split('=')[1]!);
  await untilStale();
  const next = await browser.send('/api/token');
  expect(next.status).toBe(200);
  expect(next.body.accessToken).not.toBe(tokens[0]);
  expect((await new Browser().send('/api/token')).body).toEqual({ error: 'login_required' });
});

test('memoryStore: the cookie holds only an id, one refresh under concurrency, logout forgets server-side', async () => {
  app.server.closeAllConnections();
  await new Promise((resolve) => app.server.close(resolve));
  app = await startApp({ store: memoryStore() });
  const { browser, completed } = await signIn();
  expect(completed.status).toBe(200);
  const sealed = browser.cookies.get('oauth-connect')!;
  expect(sealed.length).toBeLessThan(300);
  await untilStale();
  const calls = await Promise.all(Array.from({ length: 5 }, () => browser.send('/api/token')));
  expect(calls.map((call) => call.status)).toEqual([200, 200, 200, 200, 200]);
  expect(new Set(calls.map((call) => call.body.accessToken)).size).toBe(1);
  const copy = new Browser();
  copy.cookies.set('oauth-connect', sealed);
  await browser.send('/auth/logout', { provider: 'mock' });
  expect((await copy.send('/auth/session')).body).toEqual({ accounts: {} });
});

test('the Node adapter mounted as Express and Connect mount it: originalUrl kept, other paths to next()', async () => {
  const node = toNodeHandler(app.handler);
  const passed: string[] = [];
  // What app.use('/auth', …) does in Express and Connect: req.url loses the mount path, originalUrl keeps it.
  const server = createServer((req, res) => {
    const original = req.url ?? '/';
    const mounted = original.startsWith('/auth/')
      ? Object.assign(req, { originalUrl: original, url: original.slice(5) })
      : req;
    void node(mounted, res, () => {
      passed.push(original);
      res.writeHead(204);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  const origin = `http://localhost:${(server.address() as AddressInfo).port}`;
  try {
    const start = await fetch(`${origin}/auth/start`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'OAuth-Connect': '1', Origin: origin },
      body: JSON.stringify({ provider: 'mock' }),
    });
    expect(start.status).toBe(200);
    expect(((await start.json()) as { redirectUri: string }).redirectUri).toBe(REDIRECT_URI);
    expect((await fetch(`${origin}/elsewhere`)).status).toBe(204);
    expect(passed).toEqual(['/elsewhere']);
  } finally {
    server.closeAllConnections();
    server.close();
  }
});
