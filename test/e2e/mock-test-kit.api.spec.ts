import { expect, test } from '@playwright/test';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { createMockProvider, type RunningMockProvider } from '../../src/mock-provider/index.js';
import {
  basic,
  CLIENT,
  exchangeForm,
  getCode,
  getMe,
  pkcePair,
  postToken,
  PUBLIC_CLIENT,
  REDIRECT_URI,
  startProvider,
} from './api-helpers.js';

/**
 * What a partner's tests call on the mock: codes and tokens without a browser
 * (issueCode, issueToken), and the log of what the mock received (requests,
 * lastAuthorization), with secrets masked.
 */
let provider: RunningMockProvider;
test.afterEach(async () => {
  await provider?.close();
});

test('issueCode: a code the token endpoint exchanges, bound to the client, redirect URI and PKCE', async () => {
  provider = await startProvider({ oidc: true });
  provider.addUser({ name: 'Alan Turing', email: 'alan@example.com', password: 'enigma-1940' });
  const { verifier, challenge } = pkcePair();
  const code = provider.issueCode({
    clientId: CLIENT.id,
    redirectUri: REDIRECT_URI,
    codeChallenge: challenge,
    nonce: 'nonce-1',
    scope: 'openid email',
    user: 'alan@example.com',
  });
  // The wrong verifier spends it, as at a real exchange; a second code is exchanged properly.
  expect((await postToken(provider, exchangeForm(code, { code_verifier: pkcePair().verifier }))).status).toBe(400);
  const again = provider.issueCode({
    clientId: CLIENT.id,
    codeChallenge: challenge,
    nonce: 'nonce-1',
    scope: 'openid email',
    user: 'alan@example.com',
  });
  const response = await postToken(provider, exchangeForm(again, { code_verifier: verifier }));
  expect(response.status).toBe(200);
  const tokens = (await response.json()) as { access_token: string; id_token: string; scope: string };
  expect(tokens.scope).toBe('openid email');
  const { payload } = await jwtVerify(tokens.id_token, createRemoteJWKSet(new URL(provider.jwksUrl)), {
    issuer: provider.issuer,
    audience: CLIENT.id,
  });
  expect(payload).toMatchObject({ sub: 'user-2', email: 'alan@example.com', nonce: 'nonce-1' });
  expect(await (await getMe(provider, tokens.access_token)).json()).toMatchObject({ email: 'alan@example.com' });
});

test('issueCode refuses what the authorize endpoint refuses, with its error', async () => {
  provider = await startProvider();
  expect(() => provider.issueCode({ clientId: 'nobody' })).toThrow(
    'invalid_client: No application is registered with the client ID "nobody".',
  );
  expect(() => provider.issueCode({ clientId: CLIENT.id, redirectUri: 'https://evil.example/cb' })).toThrow(
    /^invalid_request: The redirect URI/,
  );
  expect(() => provider.issueCode({ clientId: CLIENT.id, scope: 'admin' })).toThrow(
    'invalid_scope: Unknown scope: admin.',
  );
  expect(() => provider.issueCode({ clientId: PUBLIC_CLIENT })).toThrow(
    'invalid_request: PKCE is required for this client: send code_challenge.',
  );
  expect(() => provider.issueCode({ clientId: CLIENT.id, user: 'nobody@example.com' })).toThrow(
    'No account has the email "nobody@example.com".',
  );
  // A provider that is not listening needs the issuer given.
  expect(() => createMockProvider().issueCode({ clientId: CLIENT.id })).toThrow(TypeError);
  expect(createMockProvider().issueCode({ clientId: CLIENT.id, issuer: 'http://localhost:1' })).toMatch(/^mock_code_/);
});

test('issueToken: working access and refresh tokens (and an ID token for openid) without a browser', async () => {
  provider = await startProvider({ oidc: true, issuers: ['/tenant-a'] });
  const tokens = await provider.issueToken({ clientId: PUBLIC_CLIENT, scope: 'profile email' });
  expect(tokens).toMatchObject({ token_type: 'bearer', expires_in: 3600, scope: 'profile email' });
  expect(tokens.id_token).toBeUndefined();
  expect(await (await getMe(provider, tokens.access_token)).json()).toMatchObject({
    name: 'Ada Lovelace',
    email: 'ada@example.com',
  });
  const refreshed = await postToken(
    provider,
    { grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: PUBLIC_CLIENT },
    { auth: null },
  );
  expect(refreshed.status).toBe(200);

  const tenant = `${provider.url}/tenant-a`;
  const oidc = await provider.issueToken({ clientId: CLIENT.id, scope: 'openid', issuer: tenant, nonce: 'n' });
  const { payload } = await jwtVerify(oidc.id_token!, createRemoteJWKSet(new URL(`${tenant}/.well-known/jwks.json`)), {
    issuer: tenant,
    audience: CLIENT.id,
  });
  expect(payload.nonce).toBe('n');
  // Good at its own issuer only.
  expect(
    (await fetch(`${tenant}/oauth2/userinfo`, { headers: { Authorization: `Bearer ${oidc.access_token}` } })).status,
  ).toBe(200);
  expect(
    (await fetch(`${provider.url}/oauth2/userinfo`, { headers: { Authorization: `Bearer ${oidc.access_token}` } }))
      .status,
  ).toBe(401);
});

test('requests() logs every protocol request with its client authentication, secrets masked; lastAuthorization()', async () => {
  provider = await startProvider();
  const { verifier, challenge } = pkcePair();
  const code = await getCode(provider, { scope: 'profile email', challenge });
  await postToken(provider, exchangeForm(code, { code_verifier: verifier }));
  const post = await postToken(
    provider,
    { ...exchangeForm('mock_code_x'), client_id: CLIENT.id, client_secret: CLIENT.secret },
    { auth: null },
  );
  expect(post.status).toBe(400);
  const { access_token } = (await (await postToken(provider, exchangeForm(await getCode(provider)))).json()) as {
    access_token: string;
  };
  await getMe(provider, access_token);
  await fetch(`${provider.url}/oauth2/revoke/`, {
    method: 'POST',
    headers: { Authorization: basic(CLIENT.id, CLIENT.secret), 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token: access_token }).toString(),
  });

  const log = provider.requests();
  expect(log.map((entry) => entry.endpoint)).toEqual([
    'authorize',
    'token',
    'token',
    'authorize',
    'token',
    'userinfo',
    'revocation',
  ]);
  expect(log[0]).toMatchObject({
    method: 'GET',
    issuerPath: '',
    params: {
      client_id: CLIENT.id,
      redirect_uri: REDIRECT_URI,
      response_type: 'code',
      state: 'xyz',
      scope: 'profile email',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    },
  });
  expect(log[1]).toMatchObject({
    clientAuthentication: 'client_secret_basic',
    params: {
      grant_type: 'authorization_code',
      code: '[masked]',
      code_verifier: '[masked]',
      redirect_uri: REDIRECT_URI,
    },
  });
  expect(log[2]).toMatchObject({ clientAuthentication: 'client_secret_post', params: { client_secret: '[masked]' } });
  expect(log[5]).toMatchObject({ clientAuthentication: 'bearer' });
  expect(log[6]).toMatchObject({ clientAuthentication: 'client_secret_basic', params: { token: '[masked]' } });
  // Nothing secret anywhere in the log.
  const text = JSON.stringify(log);
  for (const secret of [CLIENT.secret, code, verifier, access_token]) expect(text).not.toContain(secret);

  expect(provider.lastAuthorization()).toEqual(log[3]);
  expect(provider.lastAuthorization()?.params.scope).toBeUndefined();
  provider.reset();
  expect(provider.requests()).toEqual([]);
  expect(provider.lastAuthorization()).toBeUndefined();
});

test('the pages follow ui_locales first, then Accept-Language by its q-values, else English', async () => {
  provider = await startProvider({ autoApprove: false });
  const title = async (extra: Record<string, string>, acceptLanguage?: string) => {
    const url = `${provider.authorizeUrl}?${new URLSearchParams({ client_id: CLIENT.id, redirect_uri: REDIRECT_URI, response_type: 'code', ...extra })}`;
    const text = await (
      await fetch(url, { headers: acceptLanguage ? { 'Accept-Language': acceptLanguage } : {} })
    ).text();
    return /<title>(.*?)<\/title>/.exec(text)?.[1];
  };
  expect(await title({})).toBe('Sign in · Mock provider');
  expect(await title({ ui_locales: 'fr' })).toBe('Connexion · Mock provider');
  expect(await title({ ui_locales: 'de fr-CA' })).toBe('Connexion · Mock provider');
  expect(await title({ ui_locales: 'en' }, 'fr')).toBe('Sign in · Mock provider');
  expect(await title({}, 'fr-FR,fr;q=0.9,en;q=0.8')).toBe('Connexion · Mock provider');
  expect(await title({}, 'en;q=0.5, fr;q=0.8')).toBe('Connexion · Mock provider');
  expect(await title({}, 'de-DE, en;q=0.7, fr;q=0.6')).toBe('Sign in · Mock provider');
  expect(await title({}, 'fr;q=0, de')).toBe('Sign in · Mock provider');
});
