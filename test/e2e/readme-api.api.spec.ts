import { expect, test } from '@playwright/test';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunningMockProvider } from '../../src/mock-provider/index.js';
import { CLIENT, REDIRECT_URI, startProvider } from './api-helpers.js';
import { readmeBlock } from './readme-blocks.js';

/**
 * README's "Call the provider's API", run as pasted: each block is taken from
 * README.md with only the package name and the callback URL changed; the
 * providers' real origins are sent to the mock playing them by the fetch the
 * server uses (the paths are the providers' own), so nothing of the block is
 * edited to reach the mock.
 */
const root = new URL('../../', import.meta.url);
const server = fileURLToPath(new URL('src/server/index.ts', root));
const ORIGIN = 'http://localhost:3000';
let dir: string;
let provider: RunningMockProvider | undefined;
const realFetch = globalThis.fetch;

test.beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'readme-api-'));
  await writeFile(join(dir, 'package.json'), '{ "type": "module" }');
});
test.afterEach(async () => {
  globalThis.fetch = realFetch;
  await provider?.close();
});
test.afterAll(() => rm(dir, { recursive: true, force: true }));

/** Sends the providers' origins to the mock (same paths), and the page's relative URLs to `app`. */
const route = (
  origins: string[],
  mock: string,
  app?: (request: Request) => Promise<Response>,
  cookie?: () => string,
) => {
  globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.startsWith('/') && app) {
      const headers = new Headers(init?.headers);
      headers.set('Cookie', cookie?.() ?? '');
      if (init?.method == 'POST') headers.set('Origin', ORIGIN);
      return app(new Request(ORIGIN + url, { ...init, headers }));
    }
    const origin = origins.find((item) => url.startsWith(item));
    return realFetch(origin ? mock + url.slice(origin.length) : url, init);
  }) as typeof fetch;
};

/** Writes the block as a module and loads it; `env` is what the block reads from process.env. */
const load = async (name: string, block: string, env: Record<string, string>) => {
  Object.assign(process.env, { SESSION_SECRET: 'a-readme-secret-of-at-least-32-characters', ...env });
  const file = join(dir, name);
  await writeFile(
    file,
    block
      .replace("'oauth-connect/server'", JSON.stringify(server))
      .replace('https://partner.example/callback.html', REDIRECT_URI),
  );
  return ((await import(file)) as { default: { fetch: (request: Request) => Promise<Response> } }).default;
};

/** A browser reduced to its cookies, signing in through the app's /auth routes. */
const browserOf = (app: { fetch: (request: Request) => Promise<Response> }, mockOrigins: string[], mock: string) => {
  let cookie = '';
  const call = async (path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await app.fetch(
      new Request(ORIGIN + path, {
        ...(body !== undefined && { method: 'POST', body: JSON.stringify(body) }),
        headers: {
          'Content-Type': 'application/json',
          'OAuth-Connect': '1',
          Origin: ORIGIN,
          Cookie: cookie,
          ...headers,
        },
      }),
    );
    const set = response.headers.getSetCookie().map((line) => line.split(';')[0]!);
    const names = new Set(set.map((pair) => pair.split('=')[0]));
    if (set.length)
      cookie = [...cookie.split('; ').filter((pair) => pair && !names.has(pair.split('=')[0])), ...set].join('; ');
    return response;
  };
  const signIn = async (provider: string) => {
    const start = (await (await call('/auth/start', { provider })).json()) as { url: string };
    const origin = mockOrigins.find((item) => start.url.startsWith(item))!;
    const redirect = await realFetch(mock + start.url.slice(origin.length), { redirect: 'manual' });
    const params = [...new URL(redirect.headers.get('location')!).searchParams];
    return call('/auth/complete', { provider, params });
  };
  return { call, signIn, cookie: () => cookie };
};

test("Ulule: the partner's route reads /me with fetchApi; the page reads /me through the proxy", async () => {
  provider = await startProvider({ profile: 'ulule' });
  const origins = ['https://connect.ulule.com', 'https://api.ulule.com'];
  route(origins, provider.url);
  const app = await load('ulule.ts', readmeBlock('ts', "profile: 'ulule'"), {
    ULULE_CLIENT_ID: CLIENT.id,
    ULULE_CLIENT_SECRET: CLIENT.secret,
  });
  const browser = browserOf(app, origins, provider.url);
  const completed = await browser.signIn('ulule');
  expect(completed.status).toBe(200);
  const { account } = (await completed.json()) as { account: { id: string } };
  const me = await browser.call('/me');
  expect(me.status).toBe(200);
  expect(String(((await me.json()) as { id: number }).id)).toBe(account.id);
  const proxied = await browser.call('/auth/api/ulule/me');
  expect(proxied.status).toBe(200);
  expect(proxied.headers.get('cache-control')).toBe('no-store');
  expect(provider.requests().filter(({ endpoint }) => endpoint == 'userinfo').length).toBe(3);
});

test("UltraCart: onSignIn names the store from merchant_id; the page's orders through the proxy, then disconnect everywhere", async () => {
  provider = await startProvider({ profile: 'ultracart' });
  const origins = ['https://secure.ultracart.com'];
  route(origins, provider.url);
  const app = await load('ultracart.ts', readmeBlock('ts', "profile: 'ultracart'"), {
    ULTRACART_CLIENT_ID: CLIENT.id,
    ULTRACART_CLIENT_SECRET: CLIENT.secret,
  });
  const browser = browserOf(app, origins, provider.url);
  const completed = await browser.signIn('ultracart');
  expect(completed.status).toBe(200);
  const { account } = (await completed.json()) as { account: { id: string; name: string } };
  expect(account.name).toBe(`UltraCart store ${account.id}`);

  route(origins, provider.url, (request) => app.fetch(request), browser.cookie);
  // The page's block as a module of its own, its `orders` exported for the test to read.
  const page = join(dir, 'page.ts');
  await writeFile(page, `${readmeBlock('ts', "await fetch('/auth/api/ultracart")}\nexport { orders };\n`);
  const { orders } = (await import(page)) as { orders: { order_id: string }[] };
  expect(orders.length).toBeGreaterThan(0);
  const revoke = provider.requests().filter(({ endpoint }) => endpoint == 'revocation');
  expect(revoke.length).toBe(1);
  expect(
    provider.requests().some(({ endpoint, headers }) => endpoint == 'api' && headers?.['x-ultracart-api-version']),
  ).toBe(true);
});
