/**
 * The routes a sign-in takes: `start` (the authorize URL, `ui_locales`) and
 * `complete` (the callback's pairs through oauth4webapi's
 * validateAuthResponse with the expected state; the account the page sees).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { RunningMockProvider } from '../../src/mock-provider/index.js';
import { Browser, authorizeAt, handlerFor, REDIRECT_URI, startProvider, CLIENT, SECRET, signIn } from './helpers.js';
import * as oauth from 'oauth4webapi';
import { createAuthHandler, exchangeCode } from '../../src/server/index.js';

let provider: RunningMockProvider;
before(async () => {
  provider = await startProvider();
});
after(() => provider.close());

const startUrl = async (browser: Browser, body: Record<string, unknown>) => {
  const started = await browser.send('/auth/start', { provider: 'mock', ...body });
  assert.equal(started.status, 200);
  return new URL(started.body.url as string);
};

describe('start: ui_locales from the page', () => {
  test('valid BCP 47 tags go to the provider, canonical, in order', async () => {
    const url = await startUrl(new Browser(handlerFor(provider)), { uiLocales: 'fr-ca  FR en' });
    assert.equal(url.searchParams.get('ui_locales'), 'fr-CA fr en');
  });
  test('a malformed tag is dropped, the others kept; duplicates go; at most five', async () => {
    const browser = new Browser(handlerFor(provider));
    assert.equal(
      (await startUrl(browser, { uiLocales: 'de not_a_tag de x-"><script> es it pt nl sv' })).searchParams.get(
        'ui_locales',
      ),
      'de es it pt nl',
    );
  });
  test('nothing valid, not a string, or absent: no ui_locales, and the sign-in goes on', async () => {
    const browser = new Browser(handlerFor(provider));
    for (const uiLocales of ['!!', 42, ['fr'], undefined])
      assert.equal((await startUrl(browser, { uiLocales })).searchParams.has('ui_locales'), false);
  });
  test("the provider's params win: their ui_locales is kept, the page's ignored", async () => {
    const handler = createAuthHandler({
      secret: SECRET,
      providers: {
        mock: {
          authorizeUrl: provider.authorizeUrl,
          tokenUrl: provider.tokenUrl,
          userInfoUrl: provider.userInfoUrl,
          clientId: CLIENT.id,
          clientSecret: CLIENT.secret,
          redirectUri: REDIRECT_URI,
          params: { ui_locales: 'ja', prompt: 'login' },
        },
      },
    });
    const url = await startUrl(new Browser(handler), { uiLocales: 'fr' });
    assert.equal(url.searchParams.get('ui_locales'), 'ja');
    assert.equal(url.searchParams.get('prompt'), 'login');
  });
});

describe('complete: the callback crosses as pairs and oauth4webapi checks it', () => {
  test('pairs in the order received sign in', async () => {
    const { completed } = await signIn(new Browser(handlerFor(provider)));
    assert.equal(completed.status, 200, JSON.stringify(completed.body));
  });

  test("the first release's object form is still accepted", async () => {
    const browser = new Browser(handlerFor(provider));
    const started = await browser.send('/auth/start', { provider: 'mock' });
    const params = Object.fromEntries(await authorizeAt(started.body.url as string));
    const completed = await browser.send('/auth/complete', { provider: 'mock', params });
    assert.equal(completed.status, 200, JSON.stringify(completed.body));
  });

  test('a parameter sent twice is refused before the code is used (RFC 6749 §3.1)', async () => {
    const browser = new Browser(handlerFor(provider));
    const started = await browser.send('/auth/start', { provider: 'mock' });
    const params = await authorizeAt(started.body.url as string);
    const code = params.find(([name]) => name == 'code')?.[1] ?? '';
    const before = provider.requests().filter(({ endpoint }) => endpoint == 'token').length;
    const completed = await browser.send('/auth/complete', {
      provider: 'mock',
      params: [...params, ['code', `${code}-other`]],
    });
    assert.deepEqual(completed, {
      status: 400,
      body: {
        error: 'invalid_response',
        error_description: 'The authorization response has a parameter more than once (RFC 6749 §3.1).',
      },
    });
    assert.equal(provider.requests().filter(({ endpoint }) => endpoint == 'token').length, before);
  });

  test("the provider's error is its code, checked after the state", async () => {
    const browser = new Browser(handlerFor(provider));
    const started = await browser.send('/auth/start', { provider: 'mock' });
    const completed = await browser.send('/auth/complete', {
      provider: 'mock',
      params: [
        ['error', 'access_denied'],
        ['error_description', 'x'.repeat(100_00)],
        ['state', started.body.state as string],
      ],
    });
    assert.equal(completed.status, 400);
    assert.equal(completed.body.error, 'access_denied');
    // Provider text is cut to 500 characters wherever it is carried.
    assert.equal((completed.body.error_description as string).length, 500);
  });

  test('an answer without a code is a 400 before anything is sent', async () => {
    const browser = new Browser(handlerFor(provider));
    const started = await browser.send('/auth/start', { provider: 'mock' });
    const completed = await browser.send('/auth/complete', {
      provider: 'mock',
      params: [['state', started.body.state as string]],
    });
    assert.deepEqual(completed, {
      status: 400,
      body: { error: 'invalid_request', error_description: 'The authorization response has no code.' },
    });
  });

  test('malformed params are a 400 naming the shape', async () => {
    const browser = new Browser(handlerFor(provider));
    await browser.send('/auth/start', { provider: 'mock' });
    for (const params of [[['code']], [['code', 1]], 'code=x', { code: 1 }]) {
      const completed = await browser.send('/auth/complete', { provider: 'mock', params });
      assert.equal(completed.status, 400);
      assert.match(completed.body.error_description as string, /params must be the callback's \[name, value\] pairs/);
    }
  });
});

describe('the account the page sees', () => {
  const pictureKept = async (picture: string) => {
    const handler = handlerFor(provider, { onSignIn: ({ account }) => account && { ...account, picture } });
    const { completed } = await signIn(new Browser(handler));
    assert.equal(completed.status, 200);
    return (completed.body.account as { picture?: string }).picture;
  };
  test('a picture is kept only when https: or data:image/', async () => {
    assert.equal(await pictureKept('https://cdn.example/ada.png'), 'https://cdn.example/ada.png');
    assert.equal(await pictureKept('data:image/png;base64,iVBORw0KGgo='), 'data:image/png;base64,iVBORw0KGgo=');
    for (const picture of ['http://cdn.example/ada.png', 'javascript:alert(1)', 'data:text/html,<script>', 'ada.png'])
      assert.equal(await pictureKept(picture), undefined, picture);
  });
});

describe('exchangeCode', () => {
  const options = () => ({
    tokenUrl: provider.tokenUrl,
    clientId: CLIENT.id,
    clientSecret: CLIENT.secret,
    redirectUri: REDIRECT_URI,
  });
  const authorized = async () => {
    const url = new URL(provider.authorizeUrl);
    for (const [name, value] of Object.entries({
      client_id: CLIENT.id,
      redirect_uri: REDIRECT_URI,
      response_type: 'code',
      state: 'xyz',
    }))
      url.searchParams.set(name, value);
    return new URLSearchParams(await authorizeAt(url.href));
  };

  test('takes the answer as validateAuthResponse returned it (state checked there)', async () => {
    // Without an issuer the token URL stands in; the mock's own `iss` has nothing to be compared with.
    const params = await authorized();
    params.delete('iss');
    const callback = oauth.validateAuthResponse({ issuer: provider.tokenUrl }, { client_id: CLIENT.id }, params, 'xyz');
    assert.match((await exchangeCode({ ...options(), callback })).accessToken, /^mock_at_/);
  });

  test('the { code } form stays', async () => {
    const code = (await authorized()).get('code') ?? '';
    assert.match((await exchangeCode({ ...options(), code })).accessToken, /^mock_at_/);
  });
});
