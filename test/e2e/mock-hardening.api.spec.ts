import { expect, test } from '@playwright/test';
import { request as httpRequest } from 'node:http';
import type { RunningMockProvider, StartMockProviderOptions } from '../../src/mock-provider/index.js';
import {
  CLIENT,
  exchangeForm,
  getCode,
  getMe,
  pkcePair,
  postToken,
  REDIRECT_URI,
  startProvider,
} from './api-helpers.js';

/**
 * The mock provider against what a web page on the developer's machine can
 * send it (cross-site knobs, DNS rebinding), and against a long-running
 * instance: PKCE S256 only, quoting in WWW-Authenticate, bounded stores.
 */
let provider: RunningMockProvider;
const start = async (options: StartMockProviderOptions = {}) => {
  provider = await startProvider(options);
  return provider;
};
test.afterEach(async () => {
  await provider?.close();
});

const json = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${provider.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body == 'string' ? body : JSON.stringify(body),
  });
const reason = async (response: Response) =>
  ((await response.json()) as { error_description: string }).error_description;
/** Whether auto-approve is on: the authorize endpoint then redirects at once instead of showing the sign-in page. */
const autoApproving = async () => {
  const url = new URL(provider.authorizeUrl);
  url.search = new URLSearchParams({
    client_id: CLIENT.id,
    redirect_uri: REDIRECT_URI,
    response_type: 'code',
  }).toString();
  return (await fetch(url, { redirect: 'manual' })).status == 302;
};

test('knobs take a JSON POST only: the old query form, forms and text/plain change nothing', async () => {
  await start({ autoApprove: false });
  const refused = [
    fetch(`${provider.url}/auto-approve?value=true`, { method: 'POST' }),
    fetch(`${provider.url}/auto-approve`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'value=true',
    }),
    // The body a cross-site form with enctype="text/plain" can forge.
    fetch(`${provider.url}/auto-approve`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: '{"value":true,"x":"="}',
    }),
  ];
  for (const response of await Promise.all(refused)) {
    expect(response.status).toBe(415);
    expect(await reason(response)).toBe('Send the knob as Content-Type: application/json.');
  }
  expect(await autoApproving()).toBe(false);
  expect((await json('/auto-approve', { value: true })).status).toBe(200);
  expect(await autoApproving()).toBe(true);
  expect(
    (await json('/auto-approve', { value: false }, { 'Content-Type': 'application/json; charset=utf-8' })).status,
  ).toBe(200);
  expect(await autoApproving()).toBe(false);
  expect((await json('/reset', '')).status).toBe(200);
});

test('knobs refuse a foreign Origin and answer no CORS preflight', async () => {
  await start({ autoApprove: false });
  const foreign = await json('/auto-approve', { value: true }, { Origin: 'http://attacker.example' });
  expect(foreign.status).toBe(403);
  expect(await reason(foreign)).toContain('do not take requests from other sites');
  expect(await autoApproving()).toBe(false);
  const preflight = await fetch(`${provider.url}/auto-approve`, {
    method: 'OPTIONS',
    headers: {
      Origin: 'http://attacker.example',
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'content-type',
    },
  });
  expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  expect(preflight.status).toBe(405);
  // The provider's own pages may drive it (its index page is on the same origin).
  expect((await json('/auto-approve', { value: true }, { Origin: provider.url })).status).toBe(200);
  expect(await autoApproving()).toBe(true);
});

test('every numeric knob has bounds, and a 400 says why', async () => {
  await start();
  const cases: Array<[string, unknown, string]> = [
    ['/delay', { ms: -1 }, 'ms must be a number of milliseconds from 0 to 60000.'],
    ['/delay', { ms: 60_001 }, 'ms must be a number of milliseconds from 0 to 60000.'],
    ['/delay', { ms: '300' }, 'ms must be a number of milliseconds from 0 to 60000.'],
    ['/advance-clock', { seconds: 1e308 }, 'seconds must be a number from 0 to 31622400 (a year).'],
    ['/advance-clock', { seconds: -5 }, 'seconds must be a number from 0 to 31622400 (a year).'],
    ['/advance-clock', {}, 'seconds must be a number from 0 to 31622400 (a year).'],
    [
      '/fail-next-request',
      { error: 'bad"code' },
      'error must be an OAuth error code: 1 to 100 printable ASCII characters without " or \\.',
    ],
    [
      '/fail-next-request',
      { error_description: 'two\r\nlines' },
      'error_description must be 1 to 500 characters without control characters.',
    ],
    [
      '/fail-next-request',
      { endpoint: 'elsewhere' },
      'endpoint must be authorize, token, userinfo, revocation or api.',
    ],
    ['/delay', { milliseconds: 5 }, 'Unknown key milliseconds; /delay takes ms.'],
    ['/auto-approve', { value: 3 }, 'value must be true, false or the email address of an account.'],
    ['/reset', [], 'The body must be a JSON object, e.g. {"ms": 300}.'],
    ['/reset', '{', 'The body is not valid JSON.'],
  ];
  for (const [path, body, why] of cases) {
    const response = await json(path, typeof body == 'string' ? body : body);
    expect(response.status, `${path} ${JSON.stringify(body)}`).toBe(400);
    expect(await reason(response)).toBe(why);
  }
  // Nothing of the above moved the clock: a fresh code is still good.
  const code = await getCode(provider);
  expect((await json('/advance-clock', { seconds: 31_622_400 })).status).toBe(200);
  expect((await postToken(provider, exchangeForm(code))).status).toBe(400);
  expect((await json('/delay', { ms: 0 })).status).toBe(200);
  // The methods hold the same bounds.
  expect(() => provider.setDelay(1e9)).toThrow(RangeError);
  expect(() => provider.advanceClock(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  expect(() => provider.failNextRequest({ error: 'x', errorDescription: 'a\nb' })).toThrow(RangeError);
});

/** A GET with a Host header of our choosing (fetch does not let one forge it). */
const getWithHost = (host: string, path = '/.well-known/oauth-authorization-server') =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    const request = httpRequest(`${provider.url}${path}`, { headers: { Host: host } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on('error', reject);
    request.end();
  });

test('only allowed Host names are served (DNS rebinding)', async () => {
  await start({ issuer: 'https://mock.example.test', allowedHosts: ['mock-provider', '.internal.test'] });
  const refused = await getWithHost('attacker.example');
  expect(refused.status).toBe(403);
  expect(JSON.parse(refused.body).error_description).toBe(
    'This mock provider does not answer to the host "attacker.example": only to localhost, IP addresses, ' +
      "its issuer's host and the allowedHosts option (oauth-connect-mock --allowed-host), " +
      'so that a web page cannot reach it under a name of its own (DNS rebinding).',
  );
  for (const host of [
    'attacker.example:80',
    'localhost.attacker.example',
    'mock.example.test.attacker.example',
    'a@localhost',
  ])
    expect((await getWithHost(host)).status, host).toBe(403);
  // A refused host gets nothing else either: no session cookie, no knob.
  expect((await getWithHost('attacker.example', '/oauth2/authorize/?client_id=demo-client')).status).toBe(403);
  for (const host of [
    `localhost:${provider.port}`,
    'LOCALHOST',
    'app.localhost',
    `127.0.0.1:${provider.port}`,
    `[::1]:${provider.port}`,
    '192.168.1.20',
    'mock.example.test',
    'mock-provider:8080',
    'a.internal.test',
  ])
    expect((await getWithHost(host)).status, host).toBe(200);
});

test('PKCE: S256 only; plain and a missing method are refused unless allowPlainPkce', async () => {
  await start();
  const { verifier, challenge } = pkcePair();
  const authorize = async (extra: Record<string, string>) => {
    const url = new URL(provider.authorizeUrl);
    url.search = new URLSearchParams({
      client_id: CLIENT.id,
      redirect_uri: REDIRECT_URI,
      response_type: 'code',
      state: 's',
      ...extra,
    }).toString();
    return new URL((await fetch(url, { redirect: 'manual' })).headers.get('location')!).searchParams;
  };
  const plain = await authorize({ code_challenge: verifier, code_challenge_method: 'plain' });
  expect(plain.get('error')).toBe('invalid_request');
  expect(plain.get('error_description')).toBe('Unsupported code_challenge_method "plain"; use S256.');
  const missing = await authorize({ code_challenge: challenge });
  expect(missing.get('error')).toBe('invalid_request');
  expect(missing.get('error_description')).toBe(
    'code_challenge_method is missing, which means plain (RFC 7636 §4.3); this provider takes S256 only.',
  );
  const s256 = await getCode(provider, { challenge });
  expect((await postToken(provider, exchangeForm(s256, { code_verifier: verifier }))).status).toBe(200);
  const metadata = (await (await fetch(`${provider.url}/.well-known/oauth-authorization-server`)).json()) as {
    code_challenge_methods_supported: string[];
  };
  expect(metadata.code_challenge_methods_supported).toEqual(['S256']);

  await provider.close();
  await start({ allowPlainPkce: true });
  const allowed = await getCode(provider, { challenge: verifier, method: 'plain' });
  expect((await postToken(provider, exchangeForm(allowed, { code_verifier: verifier }))).status).toBe(200);
  const defaulted = (await authorize({ code_challenge: verifier })).get('code')!;
  expect((await postToken(provider, exchangeForm(defaulted, { code_verifier: verifier }))).status).toBe(200);
});

test('a forced error_description with " and \\ stays inside its quotes in WWW-Authenticate', async () => {
  await start();
  provider.failNextRequest({
    error: 'invalid_token',
    errorDescription: 'say "hi" \\ then, error="forged"',
    endpoint: 'userinfo',
  });
  const response = await getMe(provider, 'anything');
  expect(response.status).toBe(401);
  expect(response.headers.get('www-authenticate')).toBe(
    'Bearer realm="mock-provider", error="invalid_token", error_description="say \\"hi\\" \\\\ then, error=\\"forged\\""',
  );
});

test('the stores are bounded: past maxEntries the oldest code, token, session and signed-up account go', async () => {
  await start({ maxEntries: 3 });
  const codes = [];
  for (let i = 0; i < 4; i++) codes.push(await getCode(provider));
  const tokens = [];
  for (const code of codes.slice(1)) {
    const response = await postToken(provider, exchangeForm(code));
    expect(response.status).toBe(200);
    tokens.push(((await response.json()) as { access_token: string }).access_token);
  }
  const first = await postToken(provider, exchangeForm(codes[0]!));
  expect(((await first.json()) as { error_description: string }).error_description).toBe('Unknown authorization code.');
  // A fourth token pushes out the first.
  tokens.push(
    ((await (await postToken(provider, exchangeForm(await getCode(provider)))).json()) as { access_token: string })
      .access_token,
  );
  expect((await getMe(provider, tokens[0])).status).toBe(401);
  expect((await getMe(provider, tokens[3])).status).toBe(200);

  for (const name of ['one', 'two', 'three'])
    provider.addUser({ name, email: `${name}@example.com`, password: 'password' });
  // The start account stays; the oldest added one went.
  expect(provider.users().map((user) => user.email)).toEqual([
    'ada@example.com',
    'two@example.com',
    'three@example.com',
  ]);
});

test('a session ends after a day of the provider clock', async () => {
  await start({ autoApprove: false });
  const url = new URL(provider.authorizeUrl);
  url.search = new URLSearchParams({
    client_id: CLIENT.id,
    redirect_uri: REDIRECT_URI,
    response_type: 'code',
  }).toString();
  const signedIn = await fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ action: 'signin', email: 'ada@example.com', password: 'analytical-engine' }).toString(),
  });
  const cookie = signedIn.headers.get('set-cookie')!.split(';')[0]!;
  const page = async () =>
    (await (await fetch(url, { headers: { Cookie: cookie } })).text()).includes('wants to access your account');
  expect(await page()).toBe(true);
  provider.advanceClock(23 * 3600);
  expect(await page()).toBe(true);
  provider.advanceClock(2 * 3600);
  expect(await page()).toBe(false);
});
