import { expect, test } from '@playwright/test';
import { createAuthHandler, type AuthHandler, type AuthHandlerOptions } from '../../src/server/index.js';
import {
  OIDC_CLIENT,
  OIDC_REDIRECT_URI,
  signInAt,
  startOidcProvider,
  type RunningOidcProvider,
} from './oidc-provider.js';

/**
 * createAuthHandler as a Fetch handler (what Deno, Bun and edge runtimes call)
 * on an https origin, against panva's oidc-provider: cookie flags, key
 * rotation, onSignIn, and a session too large for a cookie.
 */
const ORIGIN = 'https://app.example';
const SECRET = 'first-secret-at-least-32-characters-long';
let op: RunningOidcProvider;
test.beforeAll(async () => {
  op = await startOidcProvider();
});
test.afterAll(async () => {
  await op.close();
});

const handlerWith = (extra: Partial<AuthHandlerOptions> = {}) =>
  createAuthHandler({
    secret: SECRET,
    providers: {
      op: {
        issuer: op.issuer,
        clientId: OIDC_CLIENT.id,
        clientSecret: OIDC_CLIENT.secret,
        redirectUri: OIDC_REDIRECT_URI,
        scope: 'openid email profile',
      },
    },
    ...extra,
  });

const post = (handler: AuthHandler, path: string, body: unknown, cookie = '') =>
  handler(
    new Request(`${ORIGIN}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'OAuth-Connect': '1', Origin: ORIGIN, Cookie: cookie },
      body: JSON.stringify(body),
    }),
  );
const cookieHeader = (response: Response) =>
  response.headers
    .getSetCookie()
    .filter((cookie) => !/Max-Age=0/.test(cookie))
    .map((cookie) => cookie.split(';')[0])
    .join('; ');

const signIn = async (handler: AuthHandler) => {
  const start = await post(handler, '/auth/start', { provider: 'op' });
  const { url } = (await start.json()) as { url: string };
  expect(new URL(url).searchParams.get('nonce')).toMatch(/^[\w-]{43}$/);
  const params = Object.fromEntries(await signInAt(url));
  const complete = await post(handler, '/auth/complete', { provider: 'op', params }, cookieHeader(start));
  return { start, complete, params };
};

test('on https every cookie is __Host-, Secure, HttpOnly, SameSite=Lax, Path=/; the flow with oidc-provider completes', async () => {
  const handler = handlerWith();
  const { start, complete } = await signIn(handler);
  for (const cookie of [...start.headers.getSetCookie(), ...complete.headers.getSetCookie()])
    expect(cookie).toMatch(
      /^__Host-oauth-connect(-flow)?=[^;]*; Path=\/; HttpOnly; SameSite=Lax; Secure; Max-Age=\d+$/,
    );
  expect(complete.status).toBe(200);
  expect(await complete.json()).toEqual({ account: { id: 'ada', name: 'Ada Lovelace', email: 'ada@example.com' } });
});

test('onSignIn decides the account; the issuer check holds inside the handler', async () => {
  const seen: unknown[] = [];
  const handler = handlerWith({
    onSignIn: ({ provider, claims, account, tokens }) => {
      seen.push({ provider, sub: claims?.sub, hasIdToken: Boolean(tokens.idToken) });
      // An OpenID provider always says who signed in: the account is there.
      return account && { ...account, id: `partner-${account.id}`, name: 'Ada L.' };
    },
  });
  const { complete } = await signIn(handler);
  expect(await complete.json()).toEqual({ account: { id: 'partner-ada', name: 'Ada L.', email: 'ada@example.com' } });
  expect(seen).toEqual([{ provider: 'op', sub: 'ada', hasIdToken: true }]);

  const start = await post(handler, '/auth/start', { provider: 'op' });
  const { url } = (await start.json()) as { url: string };
  const params = { ...Object.fromEntries(await signInAt(url)), iss: 'https://attacker.example' };
  const mixedUp = await post(handler, '/auth/complete', { provider: 'op', params }, cookieHeader(start));
  expect(mixedUp.status).toBe(400);
  expect(await mixedUp.json()).toEqual({
    error: 'invalid_response',
    error_description: expect.stringContaining('another issuer'),
  });
});

test('a list of secrets rotates: the first seals, all open', async () => {
  const { complete } = await signIn(handlerWith());
  const cookie = cookieHeader(complete);
  const session = (handler: AuthHandler) =>
    handler
      .getSession(new Request(`${ORIGIN}/`, { headers: { Cookie: cookie } }))
      .then(({ accounts }) => Object.keys(accounts));
  expect(await session(handlerWith({ secret: ['second-secret-at-least-32-characters-long', SECRET] }))).toEqual(['op']);
  expect(await session(handlerWith({ secret: 'second-secret-at-least-32-characters-long' }))).toEqual([]);
  expect(() => handlerWith({ secret: 'short' })).toThrow(TypeError);
});

test('a session too large for a cookie is a clear error', async () => {
  const handler = handlerWith({
    onSignIn: ({ account }) => account && { ...account, name: 'x'.repeat(5000) },
  });
  const { complete } = await signIn(handler);
  expect(complete.status).toBe(500);
  expect(await complete.json()).toEqual({
    error: 'server_error',
    error_description: expect.stringMatching(/more than the 4096 a browser keeps: give createAuthHandler a store/),
  });
});

test('http://localhost in development: the same cookies without Secure and without the prefix', async () => {
  const handler = handlerWith();
  const response = await handler(
    new Request('http://localhost:3000/auth/start', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'OAuth-Connect': '1', Origin: 'http://localhost:3000' },
      body: JSON.stringify({ provider: 'op' }),
    }),
  );
  expect(response.headers.getSetCookie()).toEqual([
    expect.stringMatching(/^oauth-connect-flow=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=600$/),
  ]);
});
