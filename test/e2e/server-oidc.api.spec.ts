import { expect, test } from '@playwright/test';
import { createHash, randomBytes } from 'node:crypto';
import {
  exchangeCode,
  fetchUserInfo,
  refreshToken,
  revokeToken,
  TokenError,
  type ProviderOptions,
} from '../../src/server/index.js';
import { json, startHostile } from './hostile-server.js';
import {
  OIDC_CLIENT,
  OIDC_REDIRECT_URI,
  signInAt,
  startOidcProvider,
  type RunningOidcProvider,
} from './oidc-provider.js';

/** oauth-connect/server against panva's oidc-provider: discovery, PKCE, nonce, ID token, iss, revocation. */
let op: RunningOidcProvider;
test.beforeAll(async () => {
  op = await startOidcProvider();
});
test.afterAll(async () => {
  await op.close();
});

const config = (): ProviderOptions => ({
  issuer: op.issuer,
  clientId: OIDC_CLIENT.id,
  clientSecret: OIDC_CLIENT.secret,
});

/** One authorization at oidc-provider, as the element prepares it: state, S256 PKCE, nonce. */
const authorize = async (scope = 'openid email profile offline_access') => {
  const verifier = randomBytes(32).toString('base64url');
  const nonce = randomBytes(32).toString('base64url');
  const url = new URL(`${op.issuer}/auth`);
  url.search = new URLSearchParams({
    client_id: OIDC_CLIENT.id,
    redirect_uri: OIDC_REDIRECT_URI,
    response_type: 'code',
    scope,
    state: 'st',
    nonce,
    prompt: 'consent',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  }).toString();
  const params = await signInAt(url);
  return { code: params.get('code')!, iss: params.get('iss')!, verifier, nonce };
};

const rejection = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(TokenError);
  return error as TokenError;
};

test('discovery by issuer, a code exchange with PKCE and nonce, a validated ID token', async () => {
  const flow = await authorize();
  expect(flow.iss).toBe(op.issuer);
  const tokens = await exchangeCode({
    ...config(),
    code: flow.code,
    redirectUri: OIDC_REDIRECT_URI,
    codeVerifier: flow.verifier,
    nonce: flow.nonce,
    iss: flow.iss,
  });
  expect(tokens).toMatchObject({ tokenType: 'bearer', idToken: expect.any(String), refreshToken: expect.any(String) });
  expect(tokens.claims).toMatchObject({ iss: op.issuer, sub: 'ada', aud: OIDC_CLIENT.id, nonce: flow.nonce });
  expect(tokens.claims!.exp).toBeGreaterThan(Date.now() / 1000);

  const me = await fetchUserInfo({ ...config(), accessToken: tokens.accessToken, expectedSubject: 'ada' });
  expect(me).toMatchObject({ sub: 'ada', email: 'ada@example.com', name: 'Ada Lovelace' });
  const other = await rejection(
    fetchUserInfo({ ...config(), accessToken: tokens.accessToken, expectedSubject: 'eve' }),
  );
  expect(other.error).toBe('invalid_response');

  const refreshed = await refreshToken({ ...config(), refreshToken: tokens.refreshToken! });
  expect(refreshed.accessToken).not.toBe(tokens.accessToken);
});

test('an iss from another issuer, or none, is refused before the code is spent', async () => {
  const flow = await authorize();
  const exchange = (iss: string | undefined) =>
    exchangeCode({
      ...config(),
      code: flow.code,
      redirectUri: OIDC_REDIRECT_URI,
      codeVerifier: flow.verifier,
      nonce: flow.nonce,
      iss,
    });
  const mixedUp = await rejection(exchange('https://attacker.example'));
  expect(mixedUp).toMatchObject({ error: 'invalid_response', status: 0 });
  expect(mixedUp.errorDescription).toContain('came from another issuer');
  // oidc-provider's metadata says it sends iss (RFC 9207 §3): an answer without one is not its answer.
  const missing = await rejection(exchange(undefined));
  expect(missing.errorDescription).toContain('has no iss');
  // Neither spent the code: the genuine answer still goes through.
  expect((await exchange(flow.iss)).claims?.sub).toBe('ada');
});

test('a wrong nonce fails the ID token; a missing one when the token has one too', async () => {
  const flow = await authorize();
  const wrong = await rejection(
    exchangeCode({
      ...config(),
      code: flow.code,
      redirectUri: OIDC_REDIRECT_URI,
      codeVerifier: flow.verifier,
      nonce: 'x',
      iss: flow.iss,
    }),
  );
  expect(wrong.error).toBe('invalid_response');
  expect(wrong.errorDescription).toContain('nonce');
  const again = await authorize();
  const none = await rejection(
    exchangeCode({
      ...config(),
      code: again.code,
      redirectUri: OIDC_REDIRECT_URI,
      codeVerifier: again.verifier,
      iss: again.iss,
    }),
  );
  expect(none.errorDescription).toContain('nonce');
});

test('PKCE is required by the provider: no verifier, invalid_grant', async () => {
  const flow = await authorize();
  const error = await rejection(
    exchangeCode({ ...config(), code: flow.code, redirectUri: OIDC_REDIRECT_URI, nonce: flow.nonce, iss: flow.iss }),
  );
  expect(error).toMatchObject({ error: 'invalid_grant', status: 400 });
});

test('revokeToken ends a refresh token (RFC 7009)', async () => {
  const flow = await authorize();
  const tokens = await exchangeCode({
    ...config(),
    code: flow.code,
    redirectUri: OIDC_REDIRECT_URI,
    codeVerifier: flow.verifier,
    nonce: flow.nonce,
    iss: flow.iss,
  });
  await revokeToken({ ...config(), token: tokens.refreshToken!, tokenTypeHint: 'refresh_token' });
  const after = await rejection(refreshToken({ ...config(), refreshToken: tokens.refreshToken! }));
  expect(after).toMatchObject({ error: 'invalid_grant', status: 400 });
  // An unknown token is no error (RFC 7009 §2.2).
  await revokeToken({ ...config(), token: 'never-issued' });
});

test("an ID token not signed by the issuer's keys, or expired, is refused", async () => {
  const { SignJWT, exportJWK, generateKeyPair } = await import('jose');
  const published = await generateKeyPair('ES256');
  const forger = await generateKeyPair('ES256');
  const jwk = { ...(await exportJWK(published.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
  let signWith = published.privateKey;
  let lifetime = 300;
  const issuerServer = await startHostile(async (req, res) => {
    const issuer = `http://127.0.0.1:${req.socket.localPort}`;
    if (req.url == '/.well-known/openid-configuration')
      return json(res, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        id_token_signing_alg_values_supported: ['ES256'],
      });
    if (req.url == '/jwks') return json(res, 200, { keys: [jwk] });
    const now = Math.floor(Date.now() / 1000);
    const idToken = await new SignJWT({ nonce: 'n' })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer(issuer)
      .setAudience('c')
      .setSubject('ada')
      .setIssuedAt(now - 600)
      .setExpirationTime(now - 600 + lifetime)
      .sign(signWith);
    json(res, 200, { access_token: 'at', token_type: 'Bearer', id_token: idToken });
  });
  try {
    const exchange = () =>
      exchangeCode({
        issuer: issuerServer.url,
        clientId: 'c',
        clientSecret: 's',
        code: 'x',
        redirectUri: OIDC_REDIRECT_URI,
        nonce: 'n',
      });
    lifetime = 3600;
    expect((await exchange()).claims?.sub).toBe('ada');
    signWith = forger.privateKey;
    const forged = await rejection(exchange());
    expect(forged.error).toBe('invalid_response');
    signWith = published.privateKey;
    lifetime = 300;
    const expired = await rejection(exchange());
    expect(expired.errorDescription).toContain('exp');
  } finally {
    await issuerServer.close();
  }
});
