/**
 * Provider profiles: `profile: 'ulule'` and `'ultracart'` fill in the
 * provider's endpoints, client authentication, revocation and API; an option
 * given beside the profile wins. Against the mock playing each provider, at
 * that provider's own paths.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { RunningMockProvider } from '../../src/mock-provider/index.js';
import {
  ULTRACART_API_VERSION,
  ULTRACART_REVOKE_URL,
  ULTRACART_TOKEN_URL,
  ULULE_AUTHORIZE_URL,
  ULULE_TOKEN_URL,
} from '../../src/protocol/providers.js';
import { createAuthHandler, memoryStore, type AuthHandlerOptions } from '../../src/server/index.js';
import { withProfile } from '../../src/server/profiles.js';
import { namedStore, profiled } from './api-helpers.js';
import { authorizeAt, Browser, CLIENT, grants, REDIRECT_URI, SECRET, signIn, sleep, startProvider } from './helpers.js';

/** Access tokens live 2 s: getAccessToken refreshes after 1 s (half the lifetime). */
const TOKEN_TTL = 2;

const endpointsOf = (provider: RunningMockProvider, endpoint: string) =>
  provider.requests().filter((request) => request.endpoint == endpoint);

describe('profile: ulule', () => {
  let provider: RunningMockProvider;
  before(async () => (provider = await startProvider({ profile: 'ulule', tokenTtlSeconds: TOKEN_TTL })));
  beforeEach(() => provider.reset());
  after(() => provider.close());

  test('fills in Ulule Connect: its URLs with trailing slashes, HTTP Basic, no revocation, its API', () => {
    const filled = withProfile({ profile: 'ulule' as const, clientId: 'x' }, 'providers.ulule');
    assert.equal(filled.authorizeUrl, ULULE_AUTHORIZE_URL);
    assert.equal(filled.tokenUrl, ULULE_TOKEN_URL);
    assert.equal(filled.clientAuth, 'client_secret_basic');
    assert.equal(filled.revocation, 'none');
    assert.deepEqual(filled.api, { baseUrl: 'https://api.ulule.com/v1', headers: {}, hosts: ['api.ulule.com'] });
  });

  test('exchanges with HTTP Basic at its token path, reads the account from /v1/me with the integer id as a string, refreshes', async () => {
    const browser = new Browser(
      createAuthHandler({ secret: SECRET, providers: { ulule: profiled(provider, 'ulule') } }),
    );
    const { completed } = await signIn(browser, 'ulule');
    assert.equal(completed.status, 200, JSON.stringify(completed.body));
    const account = (completed.body.account ?? {}) as { id?: unknown };
    assert.equal(typeof account.id, 'string');
    assert.match(String(account.id), /^\d+$/);
    const [exchange] = endpointsOf(provider, 'token');
    assert.equal(exchange?.clientAuthentication, 'client_secret_basic');
    assert.equal(endpointsOf(provider, 'userinfo')[0]?.path, '/v1/me');
    await sleep(1100);
    const token = await browser.accessToken('ulule');
    assert.ok('accessToken' in token && token.accessToken, JSON.stringify(token));
    assert.equal(grants(provider, 'refresh_token'), 1);
  });

  test("the profile's own URLs: Ulule Connect's and its API's paths, the origins alone sent to the mock", async () => {
    const real = [new URL(ULULE_TOKEN_URL).origin, 'https://api.ulule.com'];
    const toMock = (url: string) => {
      const origin = real.find((item) => url.startsWith(item));
      return origin ? provider.url + url.slice(origin.length) : url;
    };
    const browser = new Browser(
      createAuthHandler({
        secret: SECRET,
        providers: {
          ulule: {
            profile: 'ulule',
            clientId: CLIENT.id,
            clientSecret: CLIENT.secret,
            redirectUri: REDIRECT_URI,
            fetch: (input, init) => fetch(toMock(String(input)), init),
          },
        },
      }),
    );
    const started = await browser.send('/auth/start', { provider: 'ulule' });
    assert.ok(String(started.body.url).startsWith(`${ULULE_AUTHORIZE_URL}?`), String(started.body.url));
    const params = await authorizeAt(toMock(String(started.body.url)));
    const completed = await browser.send('/auth/complete', { provider: 'ulule', params });
    assert.equal(completed.status, 200, JSON.stringify(completed.body));
    assert.deepEqual(
      provider.requests().map(({ endpoint, path }) => path ?? endpoint),
      ['authorize', 'token', '/v1/me'],
    );
  });

  test('a logout forgets the session only: nothing is sent to revoke; revoke: "application" is refused', async () => {
    const browser = new Browser(
      createAuthHandler({ secret: SECRET, providers: { ulule: profiled(provider, 'ulule') } }),
    );
    await signIn(browser, 'ulule');
    const refused = await browser.send('/auth/logout', { provider: 'ulule', revoke: 'application' });
    assert.equal(refused.status, 400);
    assert.equal((await browser.send('/auth/logout', { provider: 'ulule' })).status, 200);
    assert.deepEqual(await browser.accounts(), []);
    assert.equal(endpointsOf(provider, 'revocation').length, 0);
  });
});

describe('profile: ultracart', () => {
  let provider: RunningMockProvider;
  before(async () => (provider = await startProvider({ profile: 'ultracart', tokenTtlSeconds: TOKEN_TTL })));
  beforeEach(() => provider.reset());
  after(() => provider.close());
  const handler = (extra: Partial<AuthHandlerOptions> = {}) =>
    createAuthHandler({
      secret: SECRET,
      providers: { ultracart: profiled(provider, 'ultracart') },
      onSignIn: namedStore,
      ...extra,
    });

  test('fills in UltraCart: /rest/v2 token and revoke URLs, client_secret_post, its version header', () => {
    const filled = withProfile({ profile: 'ultracart' as const, clientId: 'x' }, 'providers.ultracart');
    assert.equal(filled.tokenUrl, ULTRACART_TOKEN_URL);
    assert.equal(filled.revocationUrl, ULTRACART_REVOKE_URL);
    assert.equal(filled.clientAuth, 'client_secret_post');
    assert.equal(filled.revocation, 'application');
    assert.deepEqual(filled.api?.headers, { 'x-ultracart-api-version': ULTRACART_API_VERSION });
  });

  test('needs onSignIn, since UltraCart publishes no user-info endpoint: said at createAuthHandler', () => {
    assert.throws(
      () => createAuthHandler({ secret: SECRET, providers: { ultracart: profiled(provider, 'ultracart') } }),
      (error: Error) => error instanceof TypeError && /providers\.ultracart.*onSignIn/.test(error.message),
    );
  });

  test('exchanges at /rest/v2/oauth/token with client_secret_post, the account from onSignIn, refreshes', async () => {
    const browser = new Browser(handler());
    const { completed } = await signIn(browser, 'ultracart');
    assert.equal(completed.status, 200, JSON.stringify(completed.body));
    assert.deepEqual(completed.body.account, { id: 'DEMO', name: 'Demo store' });
    const [exchange] = endpointsOf(provider, 'token');
    assert.equal(exchange?.clientAuthentication, 'client_secret_post');
    await sleep(1100);
    const token = await browser.accessToken('ultracart');
    assert.ok('accessToken' in token && token.accessToken, JSON.stringify(token));
    assert.equal(grants(provider, 'refresh_token'), 1);
  });

  test("the profile's own URLs: UltraCart's paths, the origin alone sent to the mock", async () => {
    const real = new URL(ULTRACART_TOKEN_URL).origin;
    const toMock = (url: string) => (url.startsWith(real) ? provider.url + url.slice(real.length) : url);
    const browser = new Browser(
      createAuthHandler({
        secret: SECRET,
        providers: {
          ultracart: {
            profile: 'ultracart',
            clientId: CLIENT.id,
            clientSecret: CLIENT.secret,
            redirectUri: REDIRECT_URI,
            fetch: (input, init) => fetch(toMock(String(input)), init),
          },
        },
        onSignIn: namedStore,
      }),
    );
    const started = await browser.send('/auth/start', { provider: 'ultracart' });
    assert.match(String(started.body.url), /^https:\/\/secure\.ultracart\.com\/admin\/v2\/oauth\/authorize\?/);
    const params = await authorizeAt(toMock(String(started.body.url)));
    const completed = await browser.send('/auth/complete', { provider: 'ultracart', params });
    assert.equal(completed.status, 200, JSON.stringify(completed.body));
    const ended = await browser.send('/auth/logout', { provider: 'ultracart', revoke: 'application' });
    assert.equal(ended.status, 200, JSON.stringify(ended.body));
    assert.deepEqual(
      provider.requests().map(({ endpoint }) => endpoint),
      ['authorize', 'token', 'revocation'],
    );
  });

  test('a plain logout forgets this session only; revoke: "application" ends the application at UltraCart', async () => {
    const browser = new Browser(handler());
    await signIn(browser, 'ultracart');
    assert.equal((await browser.send('/auth/logout', { provider: 'ultracart' })).status, 200);
    assert.equal(endpointsOf(provider, 'revocation').length, 0);
    const token = await browser.accessToken('ultracart');
    assert.equal((token as { error?: string }).error, 'login_required');

    const second = new Browser(handler());
    await signIn(second, 'ultracart');
    const { accessToken } = (await second.accessToken('ultracart')) as { accessToken: string };
    const ended = await second.send('/auth/logout', { provider: 'ultracart', revoke: 'application' });
    assert.equal(ended.status, 200, JSON.stringify(ended.body));
    const [revoke] = endpointsOf(provider, 'revocation');
    assert.deepEqual(Object.keys(revoke?.params ?? {}).sort(), ['client_id', 'token']);
    const api = await fetch(`${provider.apiBaseUrl}/order/orders`, {
      headers: { Authorization: `Bearer ${accessToken}`, 'X-UltraCart-Api-Version': ULTRACART_API_VERSION },
    });
    assert.equal(api.status, 401, 'the revoked token no longer works');
  });

  test('deleteUserSessions revokes the application', async () => {
    const auth = handler({ store: memoryStore() });
    const browser = new Browser(auth);
    await signIn(browser, 'ultracart');
    assert.deepEqual(await auth.deleteUserSessions('ultracart', 'DEMO'), { sessions: 1, revoked: 1 });
    assert.equal(endpointsOf(provider, 'revocation').length, 1);
  });
});

describe('profile options', () => {
  const base = { clientId: 'x', clientSecret: 'y', redirectUri: REDIRECT_URI };

  test('an option beside the profile wins; api.headers merge (yours win per header); api.hosts replaces', () => {
    const filled = withProfile(
      {
        profile: 'ultracart' as const,
        tokenUrl: 'https://secure.example/token',
        clientAuth: 'client_secret_basic' as const,
        api: { headers: { 'X-UltraCart-Api-Version': '2099-01-01', 'X-Other': 'yes' }, hosts: ['api.example'] },
      },
      'providers.ultracart',
    );
    assert.equal(filled.tokenUrl, 'https://secure.example/token');
    assert.equal(filled.clientAuth, 'client_secret_basic');
    assert.deepEqual(filled.api?.headers, { 'x-other': 'yes', 'x-ultracart-api-version': '2099-01-01' });
    assert.deepEqual(filled.api?.hosts, ['api.example']);
  });

  test('the result is checked at createAuthHandler: an unknown profile, a wrong allow entry, an http base URL', () => {
    const create = (provider: Record<string, unknown>) => () =>
      createAuthHandler({ secret: SECRET, providers: { p: { ...base, ...provider } as never } });
    assert.throws(create({ profile: 'shopify' }), /providers\.p\.profile "shopify" is not one of ulule, ultracart/);
    assert.throws(create({ profile: 'ulule', api: { allow: ['/me'] } }), /providers\.p\.api\.allow has "\/me"/);
    assert.throws(
      create({ profile: 'ulule', api: { baseUrl: 'http://api.example/v1' } }),
      /providers\.p\.api\.baseUrl .* must be https/,
    );
    assert.throws(create({ profile: 'ulule', tokenUrl: 'http://token.example/' }), /providers\.p\.tokenUrl/);
    assert.throws(create({ profile: 'ulule', api: { headers: { Authorization: 'x' } } }), /cannot set Authorization/);
    assert.throws(create({ profile: 'ulule', api: { hosts: ['https://api.ulule.com'] } }), /api\.hosts .* not URLs/);
  });
});
