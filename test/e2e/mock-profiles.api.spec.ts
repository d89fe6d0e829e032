import { expect, test } from '@playwright/test';
import { providers } from '../../src/flow/providers.js';
import { parseCli, UsageError } from '../../src/mock-provider/cli-args.js';
import type { RunningMockProvider, StartMockProviderOptions } from '../../src/mock-provider/index.js';
import { ULTRACART_API_VERSION, ULTRACART_API_VERSION_HEADER } from '../../src/protocol/providers.js';
import { localHandle, remoteHandle } from '../../src/testing/handle.js';
import { basic, CLIENT, getCode, REDIRECT_URI, startProvider } from './api-helpers.js';

/**
 * The mock playing Ulule and UltraCart (`profile`): each provider's own paths,
 * client authentication, revocation and API, and the knobs and the request log
 * a partner's tests use against them.
 */
let provider: RunningMockProvider;
const start = async (options: StartMockProviderOptions) => {
  provider = await startProvider(options);
  return provider;
};
test.afterEach(async () => {
  await provider?.close();
});

type Auth = 'client_secret_basic' | 'client_secret_post';
/** A form POST with the demo client's credentials sent one way. */
const post = (url: string, form: Record<string, string>, auth: Auth) =>
  fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      ...(auth == 'client_secret_basic' && { Authorization: basic(CLIENT.id, CLIENT.secret) }),
    },
    body: new URLSearchParams(
      auth == 'client_secret_post' ? { client_id: CLIENT.id, client_secret: CLIENT.secret, ...form } : form,
    ),
  });
const exchange = async (auth: Auth, user?: string) =>
  post(
    provider.tokenUrl,
    { grant_type: 'authorization_code', code: await codeFor(user), redirect_uri: REDIRECT_URI },
    auth,
  );
/** A code for the first account, or for `user` (by email). */
const codeFor = async (user?: string) => {
  if (user) await provider.setAutoApprove(user);
  return getCode(provider);
};
interface Tokens {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  merchant_id?: string;
}
const tokensOf = async (response: Response) => {
  expect(response.status, await response.clone().text()).toBe(200);
  return (await response.json()) as Tokens;
};
const bearer = (token: string, headers: Record<string, string> = {}) => ({
  headers: { Authorization: `Bearer ${token}`, ...headers },
});
const pathOf = (url: string) => new URL(url).pathname;

test.describe('as Ulule', () => {
  test("exchange and refresh at Ulule's paths, trailing slash included, with HTTP Basic only; tokens last 36000 s", async () => {
    await start({ profile: 'ulule' });
    // The element's preset and the mock name the same paths (both from src/protocol/providers.ts).
    expect(pathOf(provider.authorizeUrl)).toBe('/oauth2/authorize/');
    expect(pathOf(provider.tokenUrl)).toBe('/oauth2/token/');
    expect(pathOf(providers.ulule!.authorizeUrl)).toBe(pathOf(provider.authorizeUrl));
    expect(pathOf(providers.ulule!.tokenUrl!)).toBe(pathOf(provider.tokenUrl));

    const withoutSlash = await post(
      `${provider.url}/oauth2/token`,
      { grant_type: 'refresh_token' },
      'client_secret_basic',
    );
    expect(withoutSlash.status).toBe(404);
    expect(((await withoutSlash.json()) as { error_description: string }).error_description).toContain(
      '/oauth2/token/',
    );

    const refused = await exchange('client_secret_post');
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: 'invalid_client' });

    const tokens = await tokensOf(await exchange('client_secret_basic'));
    expect(tokens.expires_in).toBe(36000);
    const refreshed = await tokensOf(
      await post(
        provider.tokenUrl,
        { grant_type: 'refresh_token', refresh_token: tokens.refresh_token },
        'client_secret_basic',
      ),
    );
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);

    const tokenCalls = provider.requests().filter((request) => request.endpoint == 'token');
    expect(tokenCalls.map((request) => request.clientAuthentication)).toEqual([
      'client_secret_post',
      'client_secret_basic',
      'client_secret_basic',
    ]);
    expect(tokenCalls[0]!.params.client_secret).toBe('[masked]');
  });

  test('/v1/me gives an integer id, /v1/users/{id}/orders the own orders only; no revocation, discovery or iss', async () => {
    await start({ profile: 'ulule' });
    const redirect = await fetch(
      `${provider.authorizeUrl}?${new URLSearchParams({ client_id: CLIENT.id, redirect_uri: REDIRECT_URI, response_type: 'code' })}`,
      { redirect: 'manual' },
    );
    expect(new URL(redirect.headers.get('location')!).searchParams.has('iss')).toBe(false);
    const { access_token } = await tokensOf(await exchange('client_secret_basic'));

    expect(provider.userInfoUrl).toBe(`${provider.url}/v1/me`);
    const me = (await (await fetch(provider.userInfoUrl, bearer(access_token))).json()) as { id: unknown };
    expect(me.id).toBe(1);
    const orders = await fetch(`${provider.apiBaseUrl}/users/1/orders`, bearer(access_token));
    expect(orders.status).toBe(200);
    expect(await orders.json()).toMatchObject({ orders: [expect.objectContaining({ id: expect.any(Number) })] });
    expect((await fetch(`${provider.apiBaseUrl}/users/2/orders`, bearer(access_token))).status).toBe(403);

    const revoke = await post(`${provider.url}/oauth2/revoke/`, { token: access_token }, 'client_secret_basic');
    expect(revoke.status).toBe(404);
    expect((await fetch(`${provider.url}/.well-known/oauth-authorization-server`)).status).toBe(404);
    // The token still works: nothing was revoked.
    expect((await fetch(provider.userInfoUrl, bearer(access_token))).status).toBe(200);
  });
});

test.describe('as UltraCart', () => {
  test("exchange and refresh at /rest/v2/oauth/token with client_secret_post only; the element's preset names that URL", async () => {
    await start({ profile: 'ultracart' });
    expect(pathOf(provider.authorizeUrl)).toBe('/admin/v2/oauth/authorize');
    expect(pathOf(provider.tokenUrl)).toBe('/rest/v2/oauth/token');
    expect(pathOf(providers.ultracart!.authorizeUrl)).toBe(pathOf(provider.authorizeUrl));
    expect(providers.ultracart!.tokenUrl).toBe('https://secure.ultracart.com/rest/v2/oauth/token');

    const refused = await exchange('client_secret_basic');
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: 'invalid_client' });

    const tokens = await tokensOf(await exchange('client_secret_post'));
    expect(tokens.expires_in).toBe(3600);
    // UltraCart's SDK docs: the token answer names the merchant account.
    expect(tokens.merchant_id).toBe(provider.users()[0]!.id);
    const refreshed = await tokensOf(
      await post(
        provider.tokenUrl,
        { grant_type: 'refresh_token', refresh_token: tokens.refresh_token },
        'client_secret_post',
      ),
    );
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    // The public integrations' authorize URL works too; the generic paths do not exist.
    expect((await fetch(`${provider.url}/rest/v2/oauth/authorize`, { redirect: 'manual' })).status).toBe(400);
    expect((await fetch(`${provider.url}/oauth2/token/`, { method: 'POST' })).status).toBe(404);
    // Its index page names UltraCart's paths, not the generic ones.
    const index = await (await fetch(`${provider.url}/`)).text();
    expect(index).toContain('Plays UltraCart');
    expect(index).toContain('POST rest/v2/oauth/token');
    expect(index).not.toContain('oauth2/token/');
  });

  test("the revoke ends the application for the token's account: every token of that client and user, no other", async () => {
    await start({ profile: 'ultracart', users: [ada, grace] });
    const first = await tokensOf(await exchange('client_secret_post', ada.email));
    const second = await tokensOf(await exchange('client_secret_post', ada.email));
    const other = await tokensOf(await exchange('client_secret_post', grace.email));

    expect(pathOf(provider.revocationUrl)).toBe('/rest/v2/oauth/revoke');
    const unknown = await post(provider.revocationUrl, { client_id: CLIENT.id, token: 'nope' }, 'client_secret_basic');
    expect(unknown.status).toBe(400);
    // UltraCart's SDK sends client_id and token, no secret.
    const revoked = await fetch(provider.revocationUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: CLIENT.id, token: first.access_token }),
    });
    expect(revoked.status).toBe(200);
    expect(await revoked.json()).toEqual({ successful: true, message: expect.any(String) });

    const refresh = (token: string) =>
      post(provider.tokenUrl, { grant_type: 'refresh_token', refresh_token: token }, 'client_secret_post');
    for (const token of [first.refresh_token, second.refresh_token])
      expect(await (await refresh(token)).json()).toMatchObject({ error: 'invalid_grant' });
    await tokensOf(await refresh(other.refresh_token));
    const orders = (token: string) =>
      fetch(
        `${provider.apiBaseUrl}/order/orders`,
        bearer(token, { [ULTRACART_API_VERSION_HEADER]: ULTRACART_API_VERSION }),
      );
    expect((await orders(second.access_token)).status).toBe(401);
    expect((await orders(other.access_token)).status).toBe(200);
  });

  test('its API refuses a call without X-UltraCart-Api-Version; the log shows what each call carried, secrets masked', async () => {
    await start({ profile: 'ultracart' });
    const { access_token } = await tokensOf(await exchange('client_secret_post'));
    expect((await fetch(provider.userInfoUrl, bearer(access_token))).status).toBe(404);

    const url = `${provider.apiBaseUrl}/order/orders`;
    const without = await fetch(url, bearer(access_token));
    expect(without.status).toBe(400);
    expect(JSON.stringify(await without.json())).toContain(`${ULTRACART_API_VERSION_HEADER}: ${ULTRACART_API_VERSION}`);
    const withHeader = await fetch(
      url,
      bearer(access_token, { [ULTRACART_API_VERSION_HEADER]: ULTRACART_API_VERSION, Cookie: 'session=browser-secret' }),
    );
    expect(withHeader.status).toBe(200);
    expect(await withHeader.json()).toMatchObject({ success: true, orders: [expect.any(Object)] });

    // Every call below the API's base is logged, also one that found nothing (the user-info probe above).
    const calls = provider.requests().filter((request) => request.endpoint == 'api');
    expect(calls.map((call) => call.path)).toEqual(['/rest/v2/me', '/rest/v2/order/orders', '/rest/v2/order/orders']);
    expect(calls[1]!.headers).not.toHaveProperty('x-ultracart-api-version');
    expect(calls[2]!.headers).toMatchObject({
      authorization: 'Bearer [masked]',
      'x-ultracart-api-version': ULTRACART_API_VERSION,
      cookie: '[masked]',
    });
    const log = JSON.stringify(provider.requests());
    expect(log).not.toContain(access_token);
    expect(log).not.toContain('browser-secret');
    expect(log).not.toContain(CLIENT.secret);
  });
});

test.describe('knobs', () => {
  test('expireTokens: the next API call answers 401 invalid_token and a refresh still works; revokeTokens: the refresh fails', async () => {
    await start({ profile: 'ulule' });
    const tokens = await tokensOf(await exchange('client_secret_basic'));
    expect(provider.expireTokens()).toBe(1);
    const expired = await fetch(provider.userInfoUrl, bearer(tokens.access_token));
    expect(expired.status).toBe(401);
    expect(expired.headers.get('www-authenticate')).toContain('error="invalid_token"');
    const refreshed = await tokensOf(
      await post(
        provider.tokenUrl,
        { grant_type: 'refresh_token', refresh_token: tokens.refresh_token },
        'client_secret_basic',
      ),
    );
    expect((await fetch(provider.userInfoUrl, bearer(refreshed.access_token))).status).toBe(200);
    // A forced error can target the API alone.
    provider.failNextRequest({ error: 'temporarily_unavailable', endpoint: 'api' });
    expect((await fetch(provider.userInfoUrl, bearer(refreshed.access_token))).status).toBe(200);
    expect((await fetch(`${provider.apiBaseUrl}/users/1/orders`, bearer(refreshed.access_token))).status).toBe(503);
    expect((await fetch(`${provider.apiBaseUrl}/users/1/orders`, bearer(refreshed.access_token))).status).toBe(200);

    // Over HTTP, as a test in another process drives it.
    const remote = remoteHandle(provider.url, undefined, 'ulule');
    expect(await remote.revokeTokens({ user: 'ada@example.com' })).toBe(1);
    expect((await fetch(provider.userInfoUrl, bearer(refreshed.access_token))).status).toBe(401);
    const refresh = await post(
      provider.tokenUrl,
      { grant_type: 'refresh_token', refresh_token: refreshed.refresh_token },
      'client_secret_basic',
    );
    expect(await refresh.json()).toMatchObject({ error: 'invalid_grant' });
  });

  test('userInfo: false takes the user-info endpoints and the metadata entry away; the knob gives them back', async () => {
    await start({ userInfo: false, oidc: true });
    const { access_token } = await tokensOf(await exchange('client_secret_basic'));
    expect((await fetch(provider.userInfoUrl, bearer(access_token))).status).toBe(404);
    expect((await fetch(provider.oidcUserInfoUrl, bearer(access_token))).status).toBe(404);
    const metadata = (await (await fetch(`${provider.url}/.well-known/openid-configuration`)).json()) as object;
    expect(metadata).not.toHaveProperty('userinfo_endpoint');

    await remoteHandle(provider.url).setUserInfo(true);
    expect((await fetch(provider.userInfoUrl, bearer(access_token))).status).toBe(200);
    provider.reset();
    expect((await fetch(provider.userInfoUrl, bearer(access_token))).status).toBe(404);
  });
});

test.describe('how a partner starts it', () => {
  test('the CLI takes --profile and --no-user-info, and says what is wrong with a bad profile', () => {
    expect(parseCli(['--profile', 'ultracart']).provider.profile).toBe('ultracart');
    expect(parseCli(['--no-user-info']).provider.userInfo).toBe(false);
    expect(parseCli([]).provider).not.toHaveProperty('profile');
    expect(() => parseCli(['--profile', 'shopify'])).toThrow(UsageError);
    expect(() => parseCli(['--profile', 'shopify'])).toThrow(/expected ulule or ultracart/);
  });

  test("startMockProvider refuses an unknown profile; oauth-connect/testing's handles name the profile's URLs", async () => {
    await expect(startProvider({ profile: 'shopify' as 'ulule' })).rejects.toThrow(TypeError);
    await start({ profile: 'ultracart' });
    const local = localHandle(provider);
    const remote = remoteHandle(provider.url, undefined, 'ultracart');
    for (const handle of [local, remote]) {
      expect(handle.tokenUrl).toBe(provider.tokenUrl);
      expect(handle.revocationUrl).toBe(provider.revocationUrl);
      expect(handle.apiBaseUrl).toBe(`${provider.url}/rest/v2`);
    }
  });
});

const ada = { email: 'ada@example.com', password: 'analytical-engine', name: 'Ada Lovelace' };
const grace = { email: 'grace@example.com', password: 'cobol-cobol', name: 'Grace Hopper' };
