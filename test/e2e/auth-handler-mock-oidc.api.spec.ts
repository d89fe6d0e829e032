import { expect, test } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RunningMockProvider } from '../../src/mock-provider/index.js';
import { createAuthHandler, exchangeCode, TokenError } from '../../src/server/index.js';
import { toNodeHandler } from '../../src/server/node.js';
import { CLIENT, getMe, REDIRECT_URI, startProvider } from './api-helpers.js';
import { startPartner, stopPartners } from './partner-processes.js';

/**
 * The handler and the helper against the mock's OpenID Connect mode, by issuer
 * alone: logout revokes at the provider, two handler processes (real ones) with
 * one secret share a session, and an answer from another issuer is refused on the server.
 */
const SECRET = 'a-test-secret-of-at-least-32-characters!';
let provider: RunningMockProvider;
const servers: Server[] = [];
test.beforeEach(async () => {
  provider = await startProvider({ oidc: true, issuers: ['/a', '/b'] });
});
test.afterEach(async () => {
  await stopPartners();
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
  await provider.close();
});

/** A partner server of its own, in this process: its own handler instance, its own port. */
const partnerServer = async (issuer = provider.issuer) => {
  const handler = createAuthHandler({
    secret: SECRET,
    providers: {
      mock: {
        issuer,
        clientId: CLIENT.id,
        clientSecret: CLIENT.secret,
        redirectUri: REDIRECT_URI,
        scope: 'openid profile email',
      },
    },
  });
  const server = createServer(toNodeHandler(handler));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  return `http://localhost:${(server.address() as AddressInfo).port}`;
};

const post = (origin: string, path: string, body: unknown, cookie = '') =>
  fetch(`${origin}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'OAuth-Connect': '1', Origin: origin, Cookie: cookie },
    body: JSON.stringify(body),
  });
const cookiesOf = (response: Response) =>
  response.headers
    .getSetCookie()
    .filter((cookie) => !/Max-Age=0/.test(cookie))
    .map((cookie) => cookie.split(';')[0])
    .join('; ');

const signIn = async (origin: string) => {
  const start = await post(origin, '/auth/start', { provider: 'mock' });
  const { url } = (await start.json()) as { url: string };
  const redirect = await fetch(url, { redirect: 'manual' });
  const params = Object.fromEntries(new URL(redirect.headers.get('location')!).searchParams);
  expect(params.iss).toBe(provider.issuer);
  const complete = await post(origin, '/auth/complete', { provider: 'mock', params }, cookiesOf(start));
  expect(complete.status).toBe(200);
  return { account: ((await complete.json()) as { account: unknown }).account, cookie: cookiesOf(complete) };
};

test('by issuer alone against the mock: sign-in, then logout clears the session cookie', async () => {
  const origin = await partnerServer();
  const { account, cookie } = await signIn(origin);
  expect(account).toEqual({ id: expect.any(String), name: 'Ada Lovelace', email: 'ada@example.com' });
  const logout = await post(origin, '/auth/logout', { provider: 'mock' }, cookie);
  expect(await logout.json()).toEqual({ accounts: {} });
  expect(logout.headers.getSetCookie()).toEqual([expect.stringMatching(/^oauth-connect=; .*Max-Age=0$/)]);
});

test('logout revokes: the access token the session held is refused at the provider afterwards', async () => {
  // onSignIn sees the tokens the handler stores (the page never does).
  let accessToken = '';
  const handler = createAuthHandler({
    secret: SECRET,
    providers: {
      mock: {
        issuer: provider.issuer,
        clientId: CLIENT.id,
        clientSecret: CLIENT.secret,
        redirectUri: REDIRECT_URI,
        scope: 'openid profile email',
      },
    },
    onSignIn: ({ tokens, account }) => {
      accessToken = tokens.accessToken;
      return account;
    },
  });
  const server = createServer(toNodeHandler(handler));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  const spy = `http://localhost:${(server.address() as AddressInfo).port}`;
  const { cookie } = await signIn(spy);
  expect((await getMe(provider, accessToken)).status).toBe(200);
  await post(spy, '/auth/logout', { provider: 'mock' }, cookie);
  expect((await getMe(provider, accessToken)).status).toBe(401);
});

test('two handler processes with the same secret share a session (stateless)', async () => {
  // Two real processes (test/e2e/partner-server.mjs), no store: all they share is the secret.
  const options = {
    secret: SECRET,
    provider: {
      issuer: provider.issuer,
      clientId: CLIENT.id,
      clientSecret: CLIENT.secret,
      redirectUri: REDIRECT_URI,
      scope: 'openid profile email',
    },
  };
  const [first, second] = await Promise.all([startPartner(options), startPartner(options)]);
  const { cookie, account } = await signIn(first.origin);
  const session = await fetch(`${second.origin}/auth/session`, { headers: { Cookie: cookie } });
  expect(await session.json()).toEqual({ accounts: { mock: account } });
  // The sealed cookie carries the tokens too: the second process's API gets the access token from it.
  const api = await fetch(`${second.origin}/api/token`, { headers: { Cookie: cookie } });
  expect(api.status).toBe(200);
  expect((await getMe(provider, ((await api.json()) as { accessToken: string }).accessToken)).status).toBe(200);
});

test("mix-up: issuer /a's answer taken to a client configured for /b is refused, never exchanged", async () => {
  const a = `${provider.url}/a`;
  const b = `${provider.url}/b`;
  const url = new URL(`${a}/oauth2/authorize/`);
  url.search = new URLSearchParams({
    client_id: CLIENT.id,
    redirect_uri: REDIRECT_URI,
    response_type: 'code',
    state: 'st',
    scope: 'openid',
    nonce: 'n',
  }).toString();
  const redirect = await fetch(url, { redirect: 'manual' });
  const params = new URL(redirect.headers.get('location')!).searchParams;
  expect(params.get('iss')).toBe(a);
  const error = await exchangeCode({
    issuer: b,
    clientId: CLIENT.id,
    clientSecret: CLIENT.secret,
    code: params.get('code')!,
    redirectUri: REDIRECT_URI,
    nonce: 'n',
    iss: params.get('iss')!,
  }).catch((reason: unknown) => reason);
  expect(error).toBeInstanceOf(TokenError);
  expect((error as TokenError).errorDescription).toContain('came from another issuer');
  // The right client still redeems it: the refusal spent nothing.
  const tokens = await exchangeCode({
    issuer: a,
    clientId: CLIENT.id,
    clientSecret: CLIENT.secret,
    code: params.get('code')!,
    redirectUri: REDIRECT_URI,
    nonce: 'n',
    iss: params.get('iss')!,
  });
  expect(tokens.claims).toMatchObject({ iss: a, nonce: 'n' });
});
