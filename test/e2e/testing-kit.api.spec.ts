import { expect, test } from '@playwright/test';
import { request } from 'node:http';
import { startMockProvider } from '../../src/mock-provider/index.js';
import { remoteHandle } from '../../src/testing/handle.js';
import { MOCK_URL_ENV, setUpMockProvider, type MockProviderSetUp } from '../../src/testing/index.js';
import { CLIENT, exchangeForm, pkcePair, postToken, REDIRECT_URI } from './api-helpers.js';

/**
 * oauth-connect/testing without a browser: the global set-up's mock, driven
 * from another process's point of view (over HTTP, as Playwright's workers
 * drive it), and the guards on its control endpoints.
 */
test.describe.configure({ mode: 'serial' });

let mock: MockProviderSetUp;
test.beforeAll(async () => {
  delete process.env.OAUTH_CONNECT_MOCK_URL;
  mock = await setUpMockProvider({ clients: [{ ...CLIENT_OPTIONS }], oidc: false });
});

const CLIENT_OPTIONS = { clientId: CLIENT.id, clientSecret: CLIENT.secret, name: 'Kit', redirectUris: [REDIRECT_URI] };

test('the set-up starts one mock, names it in the environment, and a second call in the same process returns it', async () => {
  expect(process.env[MOCK_URL_ENV]).toBe(mock.url);
  expect(mock.env).toEqual({ [MOCK_URL_ENV]: mock.url });
  expect(mock.tokenUrl).toBe(`${mock.url}/oauth2/token/`);
  expect(await setUpMockProvider({ clients: [] })).toEqual(mock);
  expect((await fetch(`${mock.url}/.well-known/oauth-authorization-server`)).status).toBe(200);
});

test('issueCode over HTTP: a code the token endpoint exchanges; requests() shows the exchange, masked', async () => {
  const remote = remoteHandle(mock.url);
  await remote.reset();
  const { verifier, challenge } = pkcePair();
  const code = await remote.issueCode({ clientId: CLIENT.id, redirectUri: REDIRECT_URI, codeChallenge: challenge });
  const provider = { tokenUrl: mock.tokenUrl } as Parameters<typeof postToken>[0];
  const response = await postToken(provider, exchangeForm(code, { code_verifier: verifier }));
  expect(response.status).toBe(200);
  const requests = await remote.requests();
  expect(requests).toHaveLength(1);
  expect(requests[0]).toMatchObject({
    endpoint: 'token',
    clientAuthentication: 'client_secret_basic',
    params: { grant_type: 'authorization_code', code: '[masked]', code_verifier: '[masked]' },
  });
  expect(await remote.lastAuthorization()).toBeUndefined();
  await remote.reset();
  expect(await remote.requests()).toEqual([]);
});

test('issueToken and addUser over HTTP; a refused request rejects with the provider’s own error', async () => {
  const remote = remoteHandle(mock.url);
  await remote.reset();
  const grace = await remote.addUser({ name: 'Grace Hopper', email: 'grace@example.com', password: 'cobol-1959' });
  expect(grace).toMatchObject({ email: 'grace@example.com', id: expect.any(String) });
  const tokens = await remote.issueToken({ clientId: CLIENT.id, user: 'grace@example.com', scope: 'email' });
  const me = await fetch(`${mock.url}/v1/me`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
  expect(await me.json()).toMatchObject({ name: 'Grace Hopper', email: 'grace@example.com' });
  await expect(remote.issueCode({ clientId: 'nobody' })).rejects.toThrow(
    'invalid_client: No application is registered with the client ID "nobody".',
  );
  // The knobs go through their own endpoints.
  await remote.failNextRequest({ error: 'temporarily_unavailable', endpoint: 'token' });
  const failed = await postToken({ tokenUrl: mock.tokenUrl } as Parameters<typeof postToken>[0], exchangeForm('x'));
  expect(await failed.json()).toMatchObject({ error: 'temporarily_unavailable' });
  await expect(remote.setDelay(-1)).rejects.toThrow(/ms must be a number of milliseconds/);
});

test('the control endpoints refuse other sites, other content types, other hosts', async () => {
  const post = (path: string, headers: Record<string, string>, body = '{}') =>
    fetch(`${mock.url}${path}`, { method: 'POST', headers, body });
  const json = { 'Content-Type': 'application/json' };
  expect((await post('/testing/requests', { ...json, Origin: 'https://evil.example' })).status).toBe(403);
  expect((await post('/testing/requests', { ...json, Origin: mock.url })).status).toBe(200);
  expect((await post('/testing/issue-code', { 'Content-Type': 'text/plain' })).status).toBe(415);
  expect((await fetch(`${mock.url}/testing/requests`)).status).toBe(405);
  const unknown = await post('/testing/nothing', json);
  expect(unknown.status).toBe(404);
  expect((await unknown.json()).error_description).toContain('issue-code, issue-token, add-user');
  expect((await post('/testing/issue-code', json, '[1]')).status).toBe(400);
  // The provider's own Host check comes first (DNS rebinding).
  const status = await new Promise<number | undefined>((resolve, reject) =>
    request(`${mock.url}/testing/requests`, { method: 'POST', headers: { ...json, Host: 'evil.example' } }, (res) => {
      res.resume();
      resolve(res.statusCode);
    })
      .on('error', reject)
      .end('{}'),
  );
  expect(status).toBe(403);
});

test('a mock without the control endpoints (the command’s) says which calls need the set-up’s', async () => {
  const plain = await startMockProvider();
  try {
    const remote = remoteHandle(plain.url);
    await remote.setAutoApprove(true);
    await expect(remote.issueCode({ clientId: 'demo-client' })).rejects.toThrow(
      /has no \/testing\/issue-code: only one started by setUpMockProvider/,
    );
  } finally {
    await plain.close();
  }
});
