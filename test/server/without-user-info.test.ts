/**
 * Providers that say nothing of the user (no ID token, no user-info endpoint,
 * as UltraCart): `onSignIn` runs before the account is required, receives
 * `account: undefined`, and may return the account from a call made with the
 * tokens. With nothing that could name the account, createAuthHandler refuses
 * to start. Against the mock with `userInfo: false` (no `/v1/me`).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { RunningMockProvider } from '../../src/mock-provider/index.js';
import { ULTRACART_API_VERSION, ULTRACART_API_VERSION_HEADER } from '../../src/protocol/providers.js';
import { createAuthHandler, type AuthProvider, type SignInInfo } from '../../src/server/index.js';
import { profiled } from './api-helpers.js';
import {
  Browser,
  capturingErrors,
  CLIENT,
  handlerFor,
  REDIRECT_URI,
  SECRET,
  signIn,
  startProvider,
} from './helpers.js';

/** A plain OAuth 2 provider, no profile: authorize and token endpoints, and no user-info URL. */
const withoutUserInfo = (provider: RunningMockProvider, extra: Partial<AuthProvider> = {}): AuthProvider => ({
  authorizeUrl: provider.authorizeUrl,
  tokenUrl: provider.tokenUrl,
  clientId: CLIENT.id,
  clientSecret: CLIENT.secret,
  redirectUri: REDIRECT_URI,
  ...extra,
});

/** The two ways out, as the start-up error must name them. */
const WAYS_OUT = /userInfoUrl \(or [^)]*issuer[^)]*\), or give createAuthHandler an onSignIn that returns the account/;

describe('a provider that says nothing of the user', () => {
  let provider: RunningMockProvider;
  let store: RunningMockProvider;
  before(async () => {
    provider = await startProvider({ userInfo: false });
    // The mock as a provider with an API and no user info (UltraCart's paths), for an onSignIn that asks the API.
    store = await startProvider({ profile: 'ultracart', userInfo: false });
  });
  after(async () => {
    await provider.close();
    await store.close();
  });

  test('onSignIn gets account undefined and returns the account from an API call made with the access token: signed in with it', async () => {
    const seen: Pick<SignInInfo, 'account' | 'claims'>[] = [];
    const handler = createAuthHandler({
      secret: SECRET,
      providers: { shop: withoutUserInfo(store, { clientAuth: 'client_secret_post' }) },
      onSignIn: async ({ tokens, account, claims }) => {
        seen.push({ account, claims });
        const answer = await fetch(`${store.apiBaseUrl}/order/orders`, {
          headers: {
            Authorization: `Bearer ${tokens.accessToken}`,
            [ULTRACART_API_VERSION_HEADER]: ULTRACART_API_VERSION,
          },
        });
        assert.equal(answer.status, 200, 'the API took the access token');
        const { orders } = (await answer.json()) as { orders: { order_id: string }[] };
        const id = orders[0]?.order_id.replace(/^DEMO-/, 'store-');
        return id ? { id, name: `Store ${id}` } : undefined;
      },
    });
    const browser = new Browser(handler);
    const { completed } = await signIn(browser, 'shop');
    assert.equal(completed.status, 200, JSON.stringify(completed.body));
    const account = completed.body.account as { id: string; name: string };
    assert.match(account.id, /^store-[\w-]+$/);
    assert.deepEqual(account, { id: account.id, name: `Store ${account.id}` });
    assert.deepEqual(seen, [{ account: undefined, claims: undefined }]);
    // The session holds that account; the provider was asked for no user info, its API once.
    assert.deepEqual((await browser.send('/auth/session')).body, { accounts: { shop: account } });
    assert.deepEqual(
      store.requests().map(({ endpoint }) => endpoint),
      ['authorize', 'token', 'api'],
    );
  });

  test('an onSignIn that returns no account: complete fails with a logged server_error that says what to return; nothing is stored', async () => {
    const seen: unknown[] = [];
    const handler = createAuthHandler({
      secret: SECRET,
      providers: { plain: withoutUserInfo(provider) },
      onSignIn: ({ account }) => (seen.push(account), account),
    });
    const browser = new Browser(handler);
    const { result, logged } = await capturingErrors(() => signIn(browser, 'plain'));
    assert.deepEqual(seen, [undefined]);
    assert.equal(result.completed.status, 500);
    assert.equal(result.completed.body.error, 'server_error');
    assert.match(
      String(result.completed.body.error_description),
      /the provider did not say who signed in and onSignIn returned none\. Return the account from onSignIn/,
    );
    assert.equal(logged.length, 1);
    assert.match(logged[0] ?? '', /\/complete failed: AuthError.*onSignIn returned none/);
    assert.deepEqual(await browser.accounts(), []);
  });

  test('without onSignIn, createAuthHandler throws at start-up naming the two ways out; an issuer or a userInfoUrl is enough', () => {
    const refused = (providers: Record<string, AuthProvider>, name: RegExp) =>
      assert.throws(
        () => createAuthHandler({ secret: SECRET, providers }),
        (error: Error) =>
          error instanceof TypeError &&
          name.test(error.message) &&
          /has nothing that says who signed in \(no issuer, no userInfoUrl\)/.test(error.message) &&
          WAYS_OUT.test(error.message),
      );
    refused({ plain: withoutUserInfo(provider) }, /providers\.plain /);
    // A profile that has no user-info endpoint (UltraCart) is refused the same way.
    refused({ ultracart: profiled(store, 'ultracart') }, /providers\.ultracart \(profile ultracart\)/);
    // Each one way out suffices.
    assert.doesNotThrow(() =>
      createAuthHandler({
        secret: SECRET,
        providers: { plain: withoutUserInfo(provider, { userInfoUrl: provider.userInfoUrl }) },
      }),
    );
    assert.doesNotThrow(() =>
      createAuthHandler({
        secret: SECRET,
        providers: { oidc: { issuer: provider.url, clientId: CLIENT.id, redirectUri: REDIRECT_URI } },
      }),
    );
    assert.doesNotThrow(() =>
      createAuthHandler({
        secret: SECRET,
        providers: { plain: withoutUserInfo(provider) },
        onSignIn: () => ({ id: 'someone', name: 'Someone' }),
      }),
    );
  });
});

describe('a provider with user info', () => {
  let provider: RunningMockProvider;
  before(async () => (provider = await startProvider()));
  after(() => provider.close());

  test("onSignIn receives the account the provider named, and what it returns is the session's", async () => {
    const seen: SignInInfo['account'][] = [];
    const handler = handlerFor(provider, {
      onSignIn: ({ account }) => {
        seen.push(account);
        return account && { ...account, name: `Partner ${account.name}` };
      },
    });
    const { completed } = await signIn(new Browser(handler));
    assert.equal(completed.status, 200, JSON.stringify(completed.body));
    const [given] = seen;
    assert.ok(given && typeof given.id == 'string' && given.id, JSON.stringify(seen));
    assert.equal(seen.length, 1);
    assert.deepEqual(completed.body.account, { ...given, name: `Partner ${given.name}` });
    assert.deepEqual(
      provider.requests().map(({ endpoint }) => endpoint),
      ['authorize', 'token', 'userinfo'],
    );
  });
});
