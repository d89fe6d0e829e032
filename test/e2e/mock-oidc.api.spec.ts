import { expect, test } from '@playwright/test';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import type { RunningMockProvider, StartMockProviderOptions } from '../../src/mock-provider/index.js';
import {
  basic,
  CLIENT,
  exchangeForm,
  getMe,
  pkcePair,
  postToken,
  PUBLIC_CLIENT,
  REDIRECT_URI,
  startProvider,
} from './api-helpers.js';

/**
 * The mock as an OpenID Connect provider, over real HTTP: discovery at both
 * well-known paths, ID tokens that a real client's checks accept (jose's
 * jwtVerify against the JWKS), userinfo, RFC 9207 `iss`, several issuers in one
 * process, and RFC 7009 revocation.
 */
let provider: RunningMockProvider;
const start = async (options: StartMockProviderOptions = {}) => {
  provider = await startProvider({ oidc: true, ...options });
  return provider;
};
test.afterEach(async () => {
  await provider?.close();
});

interface Metadata {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  revocation_endpoint: string;
  userinfo_endpoint: string;
  jwks_uri?: string;
  authorization_response_iss_parameter_supported: boolean;
  id_token_signing_alg_values_supported?: string[];
}
const getJson = async <T>(url: string): Promise<T> => {
  const response = await fetch(url);
  expect(response.status, url).toBe(200);
  return (await response.json()) as T;
};

/** An auto-approved authorization request at `issuer`; returns the redirect's parameters. */
const authorize = async (issuer: string, extra: Record<string, string> = {}) => {
  const url = new URL(`${issuer}/oauth2/authorize/`);
  url.search = new URLSearchParams({
    client_id: CLIENT.id,
    redirect_uri: REDIRECT_URI,
    response_type: 'code',
    state: 'st',
    scope: 'openid profile email',
    ...extra,
  }).toString();
  const response = await fetch(url, { redirect: 'manual' });
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get('location')!);
  return extra.response_type == 'token' ? new URLSearchParams(location.hash.slice(1)) : location.searchParams;
};
const token = (issuer: string, form: Record<string, string>, auth = basic(CLIENT.id, CLIENT.secret)) =>
  fetch(`${issuer}/oauth2/token/`, {
    method: 'POST',
    headers: { Authorization: auth, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
interface Tokens {
  access_token: string;
  refresh_token: string;
  id_token?: string;
  scope: string;
}
const exchange = async (issuer: string, code: string) => {
  const response = await token(issuer, exchangeForm(code));
  expect(response.status).toBe(200);
  return (await response.json()) as Tokens;
};
const revoke = (issuer: string, form: Record<string, string>, auth: string | null = basic(CLIENT.id, CLIENT.secret)) =>
  fetch(`${issuer}/oauth2/revoke/`, {
    method: 'POST',
    headers: { ...(auth && { Authorization: auth }), 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
const userinfo = (issuer: string, accessToken: string) =>
  fetch(`${issuer}/oauth2/userinfo`, { headers: { Authorization: `Bearer ${accessToken}` } });

test('discovery: the OpenID configuration and RFC 8414 metadata, with iss support and a JWKS', async () => {
  await start();
  const oidc = await getJson<Metadata>(`${provider.url}/.well-known/openid-configuration`);
  const oauth = await getJson<Metadata>(`${provider.url}/.well-known/oauth-authorization-server`);
  expect(oidc).toEqual(oauth);
  expect(oidc).toMatchObject({
    issuer: provider.issuer,
    authorization_endpoint: provider.authorizeUrl,
    token_endpoint: provider.tokenUrl,
    revocation_endpoint: provider.revocationUrl,
    userinfo_endpoint: provider.oidcUserInfoUrl,
    jwks_uri: provider.jwksUrl,
    authorization_response_iss_parameter_supported: true,
    id_token_signing_alg_values_supported: ['RS256'],
  });
  expect(provider.issuer).toBe(provider.url);
  expect(provider.jwksUrl).toBe(`${provider.url}/.well-known/jwks.json`);
  const jwks = await getJson<{ keys: Array<Record<string, string>> }>(oidc.jwks_uri!);
  expect(jwks.keys).toHaveLength(1);
  expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
  expect(jwks.keys[0]).not.toHaveProperty('d');
  // A browser app may discover from its page.
  const cors = await fetch(`${provider.url}/.well-known/openid-configuration`, {
    headers: { Origin: 'http://app.test' },
  });
  expect(cors.headers.get('access-control-allow-origin')).toBe('*');

  await provider.close();
  await startProvider().then((plain) => (provider = plain));
  expect((await fetch(`${provider.url}/.well-known/openid-configuration`)).status).toBe(404);
  const plainMetadata = await getJson<Metadata>(`${provider.url}/.well-known/oauth-authorization-server`);
  expect(plainMetadata.jwks_uri).toBeUndefined();
  expect(plainMetadata.authorization_response_iss_parameter_supported).toBe(true);
});

test('a code flow with openid: iss in the response, an ID token that jwtVerify accepts, userinfo', async () => {
  await start({ autoApprove: true });
  const { verifier, challenge } = pkcePair();
  const result = await authorize(provider.url, {
    nonce: 'n-0S6_WzA2Mj',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  expect(result.get('state')).toBe('st');
  expect(result.get('iss')).toBe(provider.url);
  const before = Math.floor(Date.now() / 1000);
  const response = await token(provider.url, exchangeForm(result.get('code')!, { code_verifier: verifier }));
  const tokens = (await response.json()) as Tokens;
  expect(tokens.id_token).toBeDefined();
  const metadata = await getJson<Metadata>(`${provider.url}/.well-known/openid-configuration`);
  const { payload, protectedHeader } = await jwtVerify(
    tokens.id_token!,
    createRemoteJWKSet(new URL(metadata.jwks_uri!)),
    {
      issuer: metadata.issuer,
      audience: CLIENT.id,
      algorithms: ['RS256'],
      requiredClaims: ['sub', 'iat', 'exp', 'auth_time', 'nonce'],
    },
  );
  expect(protectedHeader.alg).toBe('RS256');
  expect(payload).toMatchObject({
    sub: 'user-1',
    nonce: 'n-0S6_WzA2Mj',
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    email_verified: true,
  });
  expect(payload.auth_time).toBeGreaterThanOrEqual(before - 5);
  expect(payload.exp! - payload.iat!).toBe(3600);

  expect(await (await userinfo(provider.url, tokens.access_token)).json()).toEqual({
    sub: 'user-1',
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    email_verified: true,
  });
  // Claims follow the scope; no nonce when none was sent.
  const narrow = await exchange(provider.url, (await authorize(provider.url, { scope: 'openid' })).get('code')!);
  const claims = decodeJwt(narrow.id_token!);
  expect(claims).not.toHaveProperty('nonce');
  expect(claims).not.toHaveProperty('email');
  expect(await (await userinfo(provider.url, narrow.access_token)).json()).toEqual({ sub: 'user-1' });
  // Without openid: no ID token, and userinfo says which scope is missing.
  const oauthOnly = await exchange(provider.url, (await authorize(provider.url, { scope: 'profile' })).get('code')!);
  expect(oauthOnly.id_token).toBeUndefined();
  const refused = await userinfo(provider.url, oauthOnly.access_token);
  expect(refused.status).toBe(403);
  expect(refused.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
  // The auth_time of a real sign-in is the sign-in's, and the implicit response carries iss too.
  expect((await authorize(provider.url, { response_type: 'token', scope: 'profile' })).get('iss')).toBe(provider.url);
});

test('OpenID Connect per client: only a client with oidc gets openid', async () => {
  await start({
    oidc: false,
    autoApprove: true,
    clients: [
      { clientId: CLIENT.id, clientSecret: CLIENT.secret, name: 'OIDC app', redirectUris: [REDIRECT_URI], oidc: true },
      { clientId: 'plain-app', clientSecret: 'plain-secret', name: 'Plain app', redirectUris: [REDIRECT_URI] },
    ],
  });
  const tokens = await exchange(provider.url, (await authorize(provider.url)).get('code')!);
  expect(decodeJwt(tokens.id_token!).aud).toBe(CLIENT.id);
  const plain = await authorize(provider.url, { client_id: 'plain-app' });
  expect(plain.get('error')).toBe('invalid_scope');
  expect(plain.get('error_description')).toBe(
    'Plain app is not an OpenID Connect client here: the openid scope is off.',
  );
  // Discovery is there, since one client speaks OpenID Connect.
  expect((await fetch(`${provider.url}/.well-known/openid-configuration`)).status).toBe(200);
});

test('the iss knob omits iss or sends a wrong one, by method and over HTTP', async () => {
  await start({ autoApprove: true });
  provider.setIssParameter('omit');
  expect((await authorize(provider.url)).has('iss')).toBe(false);
  provider.setIssParameter('https://attacker.example');
  expect((await authorize(provider.url)).get('iss')).toBe('https://attacker.example');
  const knob = (value: string) =>
    fetch(`${provider.url}/iss-parameter`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ value }),
    });
  expect((await knob('send')).status).toBe(200);
  expect((await authorize(provider.url)).get('iss')).toBe(provider.url);
  expect((await knob('omit')).status).toBe(200);
  expect((await authorize(provider.url)).has('iss')).toBe(false);
  provider.reset();
  expect((await authorize(provider.url)).get('iss')).toBe(provider.url);
});

test('several issuers in one process: their own metadata, iss, keys, codes and tokens', async () => {
  await start({ autoApprove: true, issuers: ['/tenant-a', '/tenant-b'] });
  const a = `${provider.url}/tenant-a`;
  const b = `${provider.url}/tenant-b`;
  for (const issuer of [a, b]) {
    const oidc = await getJson<Metadata>(`${issuer}/.well-known/openid-configuration`);
    const path = new URL(issuer).pathname;
    // RFC 8414 §3.1: the well-known segment goes between the host and the issuer's path.
    const oauth = await getJson<Metadata>(`${provider.url}/.well-known/oauth-authorization-server${path}`);
    expect(oidc).toEqual(oauth);
    expect(oidc.issuer).toBe(issuer);
    expect(oidc.token_endpoint).toBe(`${issuer}/oauth2/token/`);
  }
  const fromA = await authorize(a, { nonce: 'for-a' });
  expect(fromA.get('iss')).toBe(a);
  // A's code is unknown at B's token endpoint (and stays good at A's).
  const atB = await token(b, exchangeForm(fromA.get('code')!));
  expect(atB.status).toBe(400);
  expect(((await atB.json()) as { error_description: string }).error_description).toBe('Unknown authorization code.');
  const tokens = await exchange(a, fromA.get('code')!);
  const jwksOf = (issuer: string) => createRemoteJWKSet(new URL(`${issuer}/.well-known/jwks.json`));
  expect((await jwtVerify(tokens.id_token!, jwksOf(a), { issuer: a, audience: CLIENT.id })).payload.nonce).toBe(
    'for-a',
  );
  // Each issuer signs with its own key: A's ID token does not verify with B's keys.
  await expect(jwtVerify(tokens.id_token!, jwksOf(b))).rejects.toThrow();
  expect((await userinfo(a, tokens.access_token)).status).toBe(200);
  expect((await userinfo(b, tokens.access_token)).status).toBe(401);
  // The main issuer is still the root.
  expect((await authorize(provider.url)).get('iss')).toBe(provider.url);
});

test('revocation (RFC 7009): access and refresh tokens, client authentication, for every client', async () => {
  await start({ oidc: false, autoApprove: true });
  const scope = 'profile email';
  const first = await exchange(provider.url, (await authorize(provider.url, { scope })).get('code')!);

  await test.step('without client authentication: invalid_client, nothing revoked', async () => {
    const response = await revoke(provider.url, { token: first.access_token }, null);
    expect(response.status).toBe(401);
    expect((await getMe(provider, first.access_token)).status).toBe(200);
  });
  await test.step('an access token: refused at /v1/me afterwards; the refresh token still works', async () => {
    const response = await revoke(provider.url, { token: first.access_token, token_type_hint: 'access_token' });
    expect(response.status).toBe(200);
    expect((await getMe(provider, first.access_token)).status).toBe(401);
    // Revoking again, or an unknown token, is 200 too (§2.2).
    expect((await revoke(provider.url, { token: first.access_token })).status).toBe(200);
    expect((await revoke(provider.url, { token: 'mock_at_unknown' })).status).toBe(200);
  });
  await test.step('a refresh token: refused at refresh, and its grant’s access tokens go with it', async () => {
    const rotated = await token(provider.url, { grant_type: 'refresh_token', refresh_token: first.refresh_token });
    expect(rotated.status).toBe(200);
    const second = (await rotated.json()) as Tokens;
    expect((await revoke(provider.url, { token: second.refresh_token, token_type_hint: 'refresh_token' })).status).toBe(
      200,
    );
    const refused = await token(provider.url, { grant_type: 'refresh_token', refresh_token: second.refresh_token });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: string }).error).toBe('invalid_grant');
    expect((await getMe(provider, second.access_token)).status).toBe(401);
  });
  await test.step("another client's token: refused to a confidential client, silently kept for a public one", async () => {
    provider.addClient({
      clientId: 'other',
      clientSecret: 'other-secret',
      name: 'Other',
      redirectUris: [REDIRECT_URI],
    });
    const mine = await exchange(provider.url, (await authorize(provider.url, { scope })).get('code')!);
    const other = await revoke(provider.url, { token: mine.access_token }, basic('other', 'other-secret'));
    expect(other.status).toBe(400);
    expect(((await other.json()) as { error: string }).error).toBe('invalid_request');
    const publicTry = await revoke(provider.url, { token: mine.access_token, client_id: PUBLIC_CLIENT }, null);
    expect(publicTry.status).toBe(200);
    expect((await getMe(provider, mine.access_token)).status).toBe(200);
  });
});

test('rotateRefreshTokens: false: a refresh answers a new access token only, and the refresh token works again', async () => {
  await start({ autoApprove: true, rotateRefreshTokens: false });
  const first = await exchange(provider.url, (await authorize(provider.url)).get('code')!);
  /** A refresh with the refresh token of the code exchange. */
  const refresh = async () => {
    const response = await token(provider.url, { grant_type: 'refresh_token', refresh_token: first.refresh_token });
    expect(response.status).toBe(200);
    return (await response.json()) as Tokens;
  };
  const refreshed = [await refresh(), await refresh()];
  // RFC 6749 §6: no refresh_token in the answer means the one sent stays the one to use.
  expect(refreshed.map((tokens) => tokens.refresh_token)).toEqual([undefined, undefined]);
  expect(new Set([first.access_token, ...refreshed.map((tokens) => tokens.access_token)]).size).toBe(3);
  for (const tokens of refreshed) expect((await userinfo(provider.url, tokens.access_token)).status).toBe(200);
});

test('a revoked token is refused at userinfo; a reused rotated refresh token revokes the grant', async () => {
  await start({ autoApprove: true });
  const first = await exchange(provider.url, (await authorize(provider.url)).get('code')!);
  expect((await revoke(provider.url, { token: first.access_token })).status).toBe(200);
  expect((await userinfo(provider.url, first.access_token)).status).toBe(401);

  const rotated = (await (
    await token(provider.url, { grant_type: 'refresh_token', refresh_token: first.refresh_token })
  ).json()) as Tokens;
  expect(rotated.refresh_token).not.toBe(first.refresh_token);
  expect((await userinfo(provider.url, rotated.access_token)).status).toBe(200);
  // RFC 9700 §4.14.2: the old refresh token comes back, so it leaked: the whole grant goes.
  const reused = await token(provider.url, { grant_type: 'refresh_token', refresh_token: first.refresh_token });
  expect(reused.status).toBe(400);
  expect((await userinfo(provider.url, rotated.access_token)).status).toBe(401);
  const after = await token(provider.url, { grant_type: 'refresh_token', refresh_token: rotated.refresh_token });
  expect(after.status).toBe(400);
  // postToken (the default issuer) sees the same.
  expect(
    (await postToken(provider, { grant_type: 'refresh_token', refresh_token: rotated.refresh_token })).status,
  ).toBe(400);
});
