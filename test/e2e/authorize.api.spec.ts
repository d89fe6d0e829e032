import { expect, test } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMockProvider, type RunningMockProvider } from '../../src/mock-provider/index.js';
import {
  CLIENT,
  exchangeForm,
  getCode,
  getMe,
  postToken,
  PUBLIC_CLIENT,
  REDIRECT_URI,
  startProvider,
} from './api-helpers.js';

/**
 * The authorization endpoint, the provider's pages and the test knobs over
 * plain HTTP (the browser suites drive the same pages through real popups).
 */
let provider: RunningMockProvider;
test.beforeEach(async () => {
  provider = await startProvider({ autoApprove: false });
});
test.afterEach(async () => {
  await provider.close();
});

const authorize = (params: Record<string, string>, init: RequestInit = {}) => {
  const url = new URL(provider.authorizeUrl);
  for (const [name, value] of Object.entries(params)) url.searchParams.append(name, value);
  return fetch(url, { redirect: 'manual', ...init });
};
const valid = { client_id: CLIENT.id, redirect_uri: REDIRECT_URI, response_type: 'code', state: 's1' };

/** A redirect back to the client carrying an error, in the query or the fragment. */
const redirectedError = (response: Response, where: 'query' | 'fragment') => {
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get('location')!);
  expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
  const params = where == 'query' ? location.searchParams : new URLSearchParams(location.hash.slice(1));
  if (where == 'fragment') expect(location.search).toBe('');
  return Object.fromEntries(params);
};

test('an unknown client or an unregistered redirect URI gets an error page, never a redirect', async () => {
  const cases: Array<[string, Record<string, string>, string]> = [
    ['unknown client', { ...valid, client_id: 'nobody' }, 'No application is registered'],
    ['no client_id', { redirect_uri: REDIRECT_URI, response_type: 'code' }, 'no client_id'],
    ['unregistered redirect URI', { ...valid, redirect_uri: 'https://attacker.example/cb' }, 'is not registered'],
    // Exact matching (RFC 9700 §4.1.3): no prefix, no trailing-slash or query leniency.
    ['redirect URI with extra path', { ...valid, redirect_uri: `${REDIRECT_URI}/x` }, 'is not registered'],
    ['redirect URI with a query', { ...valid, redirect_uri: `${REDIRECT_URI}?a=1` }, 'is not registered'],
    ['no redirect_uri', { client_id: CLIENT.id, response_type: 'code' }, 'no redirect_uri'],
  ];
  for (const [name, params, text] of cases) {
    await test.step(name, async () => {
      const response = await authorize(params);
      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const html = await response.text();
      // The page's text, as HTML writes the apostrophe.
      expect(html).toContain('This sign-in request can&#39;t continue');
      expect(html).toContain(text);
    });
  }
  await test.step('a duplicated client_id or redirect_uri', async () => {
    const url = `${provider.authorizeUrl}?${new URLSearchParams(valid)}&redirect_uri=${encodeURIComponent('https://attacker.example/')}`;
    const response = await fetch(url, { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
  });
});

test('other errors redirect with error, description, state and iss: query for code, fragment for token', async () => {
  expect(redirectedError(await authorize({ ...valid, response_type: 'id_token' }), 'query')).toMatchObject({
    error: 'unsupported_response_type',
    state: 's1',
  });
  expect(redirectedError(await authorize({ ...valid, response_type: 'token', scope: 'admin' }), 'fragment')).toEqual({
    error: 'invalid_scope',
    error_description: 'Unknown scope: admin.',
    state: 's1',
    // RFC 9207 §2: error responses name the issuer too.
    iss: provider.url,
  });
  expect(redirectedError(await authorize({ ...valid, scope: 'profile admin' }), 'query')).toMatchObject({
    error: 'invalid_scope',
  });
  const noResponseType = { client_id: CLIENT.id, redirect_uri: REDIRECT_URI, state: 's1' };
  expect(redirectedError(await authorize(noResponseType), 'query')).toMatchObject({ error: 'invalid_request' });
  expect(redirectedError(await authorize({ ...valid, client_id: PUBLIC_CLIENT }), 'query')).toMatchObject({
    error: 'invalid_request',
    error_description: 'PKCE is required for this client: send code_challenge.',
  });
  expect(
    redirectedError(
      await authorize({ ...valid, code_challenge: 'a'.repeat(43), code_challenge_method: 'S512' }),
      'query',
    ),
  ).toMatchObject({ error: 'invalid_request' });
  expect(redirectedError(await authorize({ ...valid, code_challenge: 'short' }), 'query')).toMatchObject({
    error: 'invalid_request',
  });
  const duplicatedState = `${provider.authorizeUrl}?${new URLSearchParams(valid)}&state=again`;
  expect(redirectedError(await fetch(duplicatedState, { redirect: 'manual' }), 'query')).toMatchObject({
    error: 'invalid_request',
  });
});

test('the pages, driven over HTTP: sign-in, consent with its CSRF token, Allow', async () => {
  const first = await authorize(valid);
  expect(first.status).toBe(200);
  expect(first.headers.get('x-frame-options')).toBe('DENY');
  expect(first.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  expect(await first.text()).toContain('Sign in to continue to Demo Partner');
  const form = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
    authorize(valid, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: provider.url, ...headers },
      body: new URLSearchParams(fields).toString(),
    });

  const wrong = await form({ action: 'signin', email: 'ada@example.com', password: 'nope' });
  expect(wrong.status).toBe(200);
  expect(await wrong.text()).toContain('The email or password is incorrect.');

  const forged = await form(
    { action: 'signin', email: 'ada@example.com', password: 'analytical-engine' },
    { Origin: 'https://attacker.example' },
  );
  expect(forged.status).toBe(403);
  expect(forged.headers.get('set-cookie')).toBeNull();

  const signedIn = await form({ action: 'signin', email: 'ADA@example.com', password: 'analytical-engine' });
  expect(signedIn.status).toBe(303);
  const cookie = signedIn.headers.get('set-cookie')!.split(';')[0]!;
  expect(signedIn.headers.get('set-cookie')).toContain('HttpOnly');
  expect(signedIn.headers.get('set-cookie')).toContain('SameSite=Lax');

  const consent = await authorize(valid, { headers: { Cookie: cookie } });
  const html = await consent.text();
  expect(html).toContain('Demo Partner wants to access your account');
  expect(html).toContain('See your name and your public profile');
  const csrf = /name="csrf" value="([^"]+)"/.exec(html)![1]!;

  // Allow without the session's CSRF token does nothing but show the page again.
  const noCsrf = await form({ action: 'allow' }, { Cookie: cookie });
  expect(noCsrf.status).toBe(303);
  expect(noCsrf.headers.get('location')).toMatch(/^\?/);

  const allowed = await form({ action: 'allow', csrf }, { Cookie: cookie });
  expect(allowed.status).toBe(303);
  const back = new URL(allowed.headers.get('location')!);
  expect(back.searchParams.get('state')).toBe('s1');
  const tokens = await postToken(provider, exchangeForm(back.searchParams.get('code')!));
  expect(tokens.status).toBe(200);
});

test('sign-up validates its fields and refuses an existing email', async () => {
  const signUp = (fields: Record<string, string>) =>
    authorize(valid, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ action: 'signup', ...fields }).toString(),
    });
  expect(await (await signUp({ name: '', email: 'a@b.co', password: '12345678' })).text()).toContain(
    'Enter your name.',
  );
  expect(await (await signUp({ name: 'A', email: 'nope', password: '12345678' })).text()).toContain(
    'Enter a valid email address.',
  );
  expect(await (await signUp({ name: 'A', email: 'ada@example.com', password: '12345678' })).text()).toContain(
    'already exists',
  );
  const created = await signUp({ name: 'Alan Turing', email: 'alan@example.com', password: 'enigma-1940' });
  expect(created.status).toBe(303);
  expect(provider.users().map((user) => user.email)).toContain('alan@example.com');
});

test('knobs over HTTP: fail-next-request, delay, auto-approve, reset', async () => {
  const knob = (path: string, body: Record<string, unknown> = {}) =>
    fetch(`${provider.url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
  await test.step('the next token request fails with the chosen error, the one after works', async () => {
    provider.setAutoApprove(true);
    const code = await getCode(provider);
    expect((await knob('/fail-next-request', { error: 'temporarily_unavailable', endpoint: 'token' })).status).toBe(
      200,
    );
    const failed = await postToken(provider, exchangeForm(code));
    expect(failed.status).toBe(503);
    expect(((await failed.json()) as { error: string }).error).toBe('temporarily_unavailable');
    expect((await postToken(provider, exchangeForm(code))).status).toBe(200);
  });
  await test.step('a forced authorize error redirects like a real one', async () => {
    await knob('/fail-next-request', { error: 'server_error', endpoint: 'authorize' });
    expect(redirectedError(await authorize(valid), 'query')).toMatchObject({ error: 'server_error', state: 's1' });
  });
  await test.step('a forced /v1/me error', async () => {
    await knob('/fail-next-request', { error: 'invalid_token', endpoint: 'userinfo' });
    expect((await getMe(provider, 'anything')).status).toBe(401);
  });
  await test.step('delay', async () => {
    await knob('/delay', { ms: 300 });
    const started = Date.now();
    await getMe(provider, undefined);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    await knob('/delay', { ms: 0 });
  });
  await test.step('bad knob values are refused', async () => {
    expect((await knob('/delay', { ms: 'soon' })).status).toBe(400);
    expect((await knob('/fail-next-request', { endpoint: 'elsewhere' })).status).toBe(400);
    expect((await fetch(`${provider.url}/reset`)).status).toBe(405);
  });
  await test.step('reset forgets accounts, tokens and knobs', async () => {
    provider.addUser({ name: 'Temp', email: 'temp@example.com', password: 'temporary' });
    const code = await getCode(provider);
    const { access_token } = (await (await postToken(provider, exchangeForm(code))).json()) as {
      access_token: string;
    };
    expect((await knob('/reset')).status).toBe(200);
    expect(provider.users().map((user) => user.email)).toEqual(['ada@example.com']);
    expect((await getMe(provider, access_token)).status).toBe(401);
    // Auto-approve is back to the start option (off): the sign-in page shows.
    expect((await authorize(valid)).status).toBe(200);
  });
});

test('the handler works as middleware under a prefix and passes on what it does not serve', async () => {
  const mock = createMockProvider({ autoApprove: true });
  let passedOn = 0;
  // What Connect does for app.use('/mock', handler): keep originalUrl, strip the prefix, call next() for the rest.
  const server: Server = createServer((req, res) => {
    if (!req.url?.startsWith('/mock/')) {
      res.end('app');
      return;
    }
    Object.assign(req, { originalUrl: req.url });
    req.url = req.url.slice('/mock'.length);
    mock.handle(req, res, () => {
      passedOn++;
      res.end('next');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  try {
    const base = `http://localhost:${(server.address() as AddressInfo).port}`;
    expect(await (await fetch(`${base}/mock/unknown`)).text()).toBe('next');
    expect(passedOn).toBe(1);
    const response = await fetch(`${base}/mock/oauth2/authorize/?${new URLSearchParams(valid)}`, {
      redirect: 'manual',
    });
    expect(response.status).toBe(302);
    expect(new URL(response.headers.get('location')!).searchParams.get('code')).toMatch(/^mock_code_/);
    const metadata = (await (await fetch(`${base}/mock/.well-known/oauth-authorization-server`)).json()) as Record<
      string,
      string
    >;
    expect(metadata.token_endpoint).toBe(`${base}/mock/oauth2/token/`);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
