import { expect, test } from '@playwright/test';
import type { RunningMockProvider } from '../../src/mock-provider/index.js';
import { exchangeCode, refreshToken, TokenError } from '../../src/server/index.js';
import { CLIENT, getCode, pkcePair, PUBLIC_CLIENT, REDIRECT_URI, startProvider } from './api-helpers.js';

/** oauth-connect/server against the mock provider: what a partner's back end runs. */
let provider: RunningMockProvider;
test.beforeEach(async () => {
  provider = await startProvider();
});
test.afterEach(async () => {
  await provider.close();
});

const base = () => ({ tokenUrl: provider.tokenUrl, clientId: CLIENT.id, clientSecret: CLIENT.secret });

/** The promise's rejection, which must be a TokenError. */
const tokenError = async (promise: Promise<unknown>): Promise<TokenError> => {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(TokenError);
  return error as TokenError;
};

test('exchangeCode with HTTP Basic (default) returns a typed TokenSet', async () => {
  const before = Date.now();
  const tokens = await exchangeCode({
    ...base(),
    code: await getCode(provider, { scope: 'profile email' }),
    redirectUri: REDIRECT_URI,
  });
  expect(tokens).toEqual({
    accessToken: expect.stringMatching(/^mock_at_/),
    tokenType: 'bearer',
    expiresIn: 3600,
    expiresAt: expect.any(Number),
    refreshToken: expect.stringMatching(/^mock_rt_/),
    scope: 'profile email',
    raw: expect.objectContaining({ access_token: tokens.accessToken, expires_in: 3600 }),
  });
  expect(tokens.expiresAt).toBeGreaterThanOrEqual(before + 3600_000);
  expect(tokens.expiresAt).toBeLessThanOrEqual(Date.now() + 3600_000);
});

test('client_secret_post and a public client with PKCE', async () => {
  const post = await exchangeCode({
    ...base(),
    clientAuth: 'client_secret_post',
    code: await getCode(provider),
    redirectUri: REDIRECT_URI,
  });
  expect(post.accessToken).toMatch(/^mock_at_/);

  const { verifier, challenge } = pkcePair();
  const pub = await exchangeCode({
    tokenUrl: provider.tokenUrl,
    clientId: PUBLIC_CLIENT,
    code: await getCode(provider, { clientId: PUBLIC_CLIENT, challenge }),
    redirectUri: REDIRECT_URI,
    codeVerifier: verifier,
  });
  expect(pub.refreshToken).toMatch(/^mock_rt_/);
});

test('credentials are form-encoded before Basic encoding (RFC 6749 §2.3.1)', async () => {
  provider.addClient({
    clientId: 'partner:1 é',
    clientSecret: 'p@ss word+/:%',
    name: 'Odd Partner',
    redirectUris: [REDIRECT_URI],
  });
  const tokens = await exchangeCode({
    tokenUrl: provider.tokenUrl,
    clientId: 'partner:1 é',
    clientSecret: 'p@ss word+/:%',
    code: await getCode(provider, { clientId: 'partner:1 é' }),
    redirectUri: REDIRECT_URI,
  });
  expect(tokens.accessToken).toMatch(/^mock_at_/);
});

test("TokenError carries the provider's error, description and status", async () => {
  const code = await getCode(provider);
  await exchangeCode({ ...base(), code, redirectUri: REDIRECT_URI });
  const reused = await tokenError(exchangeCode({ ...base(), code, redirectUri: REDIRECT_URI }));
  expect(reused).toMatchObject({
    name: 'TokenError',
    error: 'invalid_grant',
    errorDescription: 'The authorization code was already used.',
    status: 400,
    message: 'invalid_grant: The authorization code was already used.',
  });

  const wrongSecret = await tokenError(
    exchangeCode({ ...base(), clientSecret: 'nope', code: await getCode(provider), redirectUri: REDIRECT_URI }),
  );
  expect(wrongSecret).toMatchObject({ error: 'invalid_client', status: 401 });

  provider.failNextRequest({ error: 'temporarily_unavailable', endpoint: 'token' });
  const unavailable = await tokenError(
    exchangeCode({ ...base(), code: await getCode(provider), redirectUri: REDIRECT_URI }),
  );
  expect(unavailable).toMatchObject({ error: 'temporarily_unavailable', status: 503 });
});

test('refreshToken rotates, narrows the scope, and reports a reused token', async () => {
  const first = await exchangeCode({
    ...base(),
    code: await getCode(provider, { scope: 'profile email' }),
    redirectUri: REDIRECT_URI,
  });
  const second = await refreshToken({ ...base(), refreshToken: first.refreshToken!, scope: 'profile' });
  expect(second.scope).toBe('profile');
  expect(second.refreshToken).not.toBe(first.refreshToken);
  const reused = await tokenError(refreshToken({ ...base(), refreshToken: first.refreshToken! }));
  expect(reused).toMatchObject({ error: 'invalid_grant', status: 400 });
});

test('no response, or not an OAuth response: network_error and invalid_response', async () => {
  const closed = await startProvider();
  const deadUrl = closed.tokenUrl;
  await closed.close();
  const network = await tokenError(
    exchangeCode({ ...base(), tokenUrl: deadUrl, code: 'x', redirectUri: REDIRECT_URI }),
  );
  expect(network).toMatchObject({ error: 'network_error', status: 0 });
  expect(network.cause).toBeDefined();

  // A sign-in page where the token endpoint should be (a wrong tokenUrl): 200, but no token response.
  const html = await tokenError(
    exchangeCode({
      ...base(),
      fetch: async () => new Response('<!doctype html><h1>Sign in</h1>', { status: 200 }),
      code: 'x',
      redirectUri: REDIRECT_URI,
    }),
  );
  expect(html).toMatchObject({ error: 'invalid_response', status: 200 });

  const notJson = await tokenError(
    exchangeCode({
      ...base(),
      fetch: async () => new Response('<h1>Bad gateway</h1>', { status: 502 }),
      code: 'x',
      redirectUri: REDIRECT_URI,
    }),
  );
  expect(notJson).toMatchObject({ error: 'invalid_response', status: 502 });

  const noToken = await tokenError(
    exchangeCode({
      ...base(),
      fetch: async () => Response.json({ token_type: 'bearer' }),
      code: 'x',
      redirectUri: REDIRECT_URI,
    }),
  );
  expect(noToken).toMatchObject({ error: 'invalid_response', status: 200 });
});

test('what the helper sends: form body, Basic header, no secret in the body', async () => {
  let seen: { headers: Headers; body: string } | undefined;
  await exchangeCode({
    ...base(),
    code: 'the-code',
    redirectUri: REDIRECT_URI,
    codeVerifier: 'v'.repeat(43),
    fetch: async (_url, init) => {
      seen = { headers: new Headers(init!.headers), body: String(init!.body) };
      return Response.json({ access_token: 'a', token_type: 'Bearer', expires_in: '60' });
    },
  });
  expect(seen!.headers.get('content-type')).toMatch(/^application\/x-www-form-urlencoded(;|$)/);
  expect(seen!.headers.get('authorization')).toBe(`Basic ${btoa('demo-client:demo-secret')}`);
  expect(Object.fromEntries(new URLSearchParams(seen!.body))).toEqual({
    grant_type: 'authorization_code',
    code: 'the-code',
    redirect_uri: REDIRECT_URI,
    code_verifier: 'v'.repeat(43),
  });
  await expect(
    exchangeCode({
      tokenUrl: provider.tokenUrl,
      clientId: 'x',
      clientAuth: 'client_secret_basic',
      code: 'c',
      redirectUri: 'r',
    }),
  ).rejects.toThrow(TypeError);
});
