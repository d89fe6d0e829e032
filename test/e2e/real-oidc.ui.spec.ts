import { expect, test, type Locator, type Page } from '@playwright/test';
import { createServer, type AddressInfo } from 'node:net';
import { startMockProvider, type RunningMockProvider } from '../../src/mock-provider/index.js';
import { createAuthHandler, exchangeCode, fetchUserInfo, type TokenSet } from '../../src/server/index.js';
import { OIDC_CLIENT, startOidcProvider, type RunningOidcProvider } from './oidc-provider.js';
import { startPartnerPage, type PartnerPage } from './partner-page.js';

/**
 * The element by issuer alone, in a real browser, against real OpenID
 * providers on loopback: panva's oidc-provider (its own login and consent
 * pages) and the mock's OIDC mode. Discovery, PKCE, nonce and the ID token
 * validated by the server helper; a mix-up refused; and the server-bound mode
 * end to end, whose Disconnect revokes at the provider.
 */
/** A free loopback port, so that a mock's issuer URLs are known before it starts. */
const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, 'localhost', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });

const SECRET = 'a-test-secret-of-at-least-32-characters!';
const SCOPE = 'openid email profile';
// oidc-provider's pages are slow on a busy machine, and several hops long.
test.setTimeout(60_000);

let partner: PartnerPage;
let op: RunningOidcProvider;
let mock: RunningMockProvider | undefined;
test.beforeEach(async ({ context }) => {
  partner = await startPartnerPage();
  op = await startOidcProvider([partner.redirectUri]);
  // oidc-provider's pages import a web font; the tests run offline.
  await context.route(/fonts\.(googleapis|gstatic)\.com/, (route) => route.abort());
});
test.afterEach(async () => {
  await Promise.all([partner.close(), op.close(), mock?.close()]);
  mock = undefined;
});

interface Recorded {
  type: string;
  detail: Record<string, unknown>;
}

/** The partner page with one element made from `attributes`, every event it fires recorded. */
const openElement = async (page: Page, attributes: Record<string, string>) => {
  await page.goto(`${partner.origin}/`);
  await page.evaluate((attributes) => {
    const recorded: unknown[] = [];
    Object.assign(window, { __events: recorded });
    for (const type of ['connect-start', 'connect-success', 'connect-error', 'connect-cancel', 'connect-disconnect'])
      document.addEventListener(type, (event) => recorded.push({ type, detail: (event as CustomEvent).detail }));
    const element = document.createElement('oauth-connect');
    element.id = 'signin';
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    document.body.append(element);
  }, attributes);
  const button = page.locator('#signin').locator('[part="button"]');
  await expect(button).toBeVisible();
  return button;
};

const recorded = (page: Page) => page.evaluate(() => (window as unknown as { __events: Recorded[] }).__events);

/** Waits until the flow ended (anything but connect-start) and returns every event. */
const settled = async (page: Page) => {
  await expect
    .poll(async () => (await recorded(page)).some((e) => e.type != 'connect-start'), { timeout: 30_000 })
    .toBe(true);
  return recorded(page);
};

/** oidc-provider's own interaction pages (devInteractions): any login, then consent. */
const signInAtOidcProvider = async (popup: Page) => {
  await popup.locator('input[name="login"]').fill('ada', { timeout: 30_000 });
  await popup.locator('input[name="password"]').fill('any');
  await popup.getByRole('button', { name: 'Sign-in' }).click();
  await Promise.all([
    popup.waitForEvent('close', { timeout: 30_000 }),
    popup.getByRole('button', { name: 'Continue' }).click({ timeout: 30_000 }),
  ]);
};

const clickForPopup = async (page: Page, button: Locator) => {
  const [popup] = await Promise.all([page.waitForEvent('popup', { timeout: 30_000 }), button.click()]);
  return popup;
};

test('by issuer alone against oidc-provider: discovery, code with PKCE and nonce, ID token validated by the server helper', async ({
  page,
}) => {
  const discovery: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/.well-known/')) discovery.push(request.url());
  });
  const button = await openElement(page, {
    issuer: op.issuer,
    'client-id': OIDC_CLIENT.id,
    'redirect-uri': partner.redirectUri,
    scope: SCOPE,
  });
  const popup = await clickForPopup(page, button);
  // The popup went on to the discovered authorization endpoint, with S256 PKCE and a nonce.
  await expect.poll(() => popup.url(), { timeout: 30_000 }).toContain(op.issuer);
  await signInAtOidcProvider(popup);
  const events = await settled(page);
  expect(discovery).toEqual([`${op.issuer}/.well-known/openid-configuration`]);
  const start = events.find((e) => e.type == 'connect-start')!.detail;
  const authorize = new URL(start.url as string);
  expect(`${authorize.origin}${authorize.pathname}`).toBe(`${op.issuer}/auth`);
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorize.searchParams.get('nonce')).toMatch(/^[\w-]{43}$/);
  const success = events.find((e) => e.type == 'connect-success')?.detail;
  expect(events.map((e) => e.type)).toEqual(['connect-start', 'connect-success']);
  expect(success).toMatchObject({
    responseType: 'code',
    code: expect.any(String),
    codeVerifier: expect.any(String),
    issuer: op.issuer,
    nonce: authorize.searchParams.get('nonce'),
  });
  // The server takes the issuer from its own configuration, the nonce from the detail.
  const tokens = await exchangeCode({
    issuer: op.issuer,
    clientId: OIDC_CLIENT.id,
    clientSecret: OIDC_CLIENT.secret,
    code: success!.code as string,
    codeVerifier: success!.codeVerifier as string,
    redirectUri: partner.redirectUri,
    nonce: success!.nonce as string,
    iss: success!.issuer as string,
  });
  expect(tokens.claims).toMatchObject({
    iss: op.issuer,
    aud: OIDC_CLIENT.id,
    sub: 'ada',
    nonce: success!.nonce,
    iat: expect.any(Number),
  });
  expect(tokens.claims!.exp).toBeGreaterThan(Date.now() / 1000);
  // oidc-provider puts the profile and email claims at userinfo, not in the ID token.
  const me = await fetchUserInfo({
    issuer: op.issuer,
    clientId: OIDC_CLIENT.id,
    clientSecret: OIDC_CLIENT.secret,
    accessToken: tokens.accessToken,
    expectedSubject: 'ada',
  });
  expect(me).toMatchObject({ sub: 'ada', email: 'ada@example.com', name: 'Ada Lovelace' });
});

const MOCK_CLIENT = { clientId: 'oidc-e2e', clientSecret: 'oidc-e2e-secret', name: 'Demo Partner' };

test('by issuer alone against the mock provider in OpenID Connect mode: the ID token validated by the server helper', async ({
  page,
}) => {
  mock = await startMockProvider({
    oidc: true,
    autoApprove: true,
    clients: [{ ...MOCK_CLIENT, redirectUris: [partner.redirectUri] }],
  });
  const button = await openElement(page, {
    issuer: mock.issuer,
    'client-id': MOCK_CLIENT.clientId,
    'redirect-uri': partner.redirectUri,
    scope: SCOPE,
  });
  await clickForPopup(page, button);
  const events = await settled(page);
  expect(events.map((e) => e.type)).toEqual(['connect-start', 'connect-success']);
  const success = events[1]!.detail;
  expect(success).toMatchObject({
    responseType: 'code',
    issuer: mock.issuer,
    nonce: expect.stringMatching(/^[\w-]{43}$/),
  });
  const tokens = await exchangeCode({
    issuer: mock.issuer,
    clientId: MOCK_CLIENT.clientId,
    clientSecret: MOCK_CLIENT.clientSecret,
    code: success.code as string,
    codeVerifier: success.codeVerifier as string,
    redirectUri: partner.redirectUri,
    nonce: success.nonce as string,
    iss: success.issuer as string,
  });
  expect(tokens.claims).toMatchObject({
    iss: mock.issuer,
    aud: MOCK_CLIENT.clientId,
    nonce: success.nonce,
    email: 'ada@example.com',
    name: 'Ada Lovelace',
  });
});

test('mix-up: two issuers share one redirect URI, and an answer carrying the other issuer is invalid_response', async ({
  page,
}) => {
  // Two issuers in one mock, the same client and redirect URI at both; the answer names the other one.
  const port = await freePort();
  const [a, b] = [`http://localhost:${port}/a`, `http://localhost:${port}/b`];
  mock = await startMockProvider({
    port,
    issParameter: b,
    oidc: true,
    autoApprove: true,
    issuers: ['/a', '/b'],
    clients: [{ ...MOCK_CLIENT, redirectUris: [partner.redirectUri] }],
  });
  const button = await openElement(page, {
    issuer: a,
    'client-id': MOCK_CLIENT.clientId,
    'redirect-uri': partner.redirectUri,
    scope: SCOPE,
  });
  await clickForPopup(page, button);
  const events = await settled(page);
  expect(events.map((e) => e.type)).toEqual(['connect-start', 'connect-error']);
  expect(events[1]!.detail).toMatchObject({ error: 'invalid_response', errorDescription: expect.stringContaining(b) });
  // Nothing later turns it into a success.
  await page.waitForTimeout(500);
  expect((await recorded(page)).some((e) => e.type == 'connect-success')).toBe(false);
  await expect(page.locator('#signin')).toHaveAttribute('status', 'error');
});

test('server-bound against oidc-provider: sign-in through the handler, and Disconnect revokes at the provider', async ({
  page,
}) => {
  const signIns: TokenSet[] = [];
  partner.mount(
    createAuthHandler({
      secret: SECRET,
      providers: {
        op: {
          issuer: op.issuer,
          clientId: OIDC_CLIENT.id,
          clientSecret: OIDC_CLIENT.secret,
          redirectUri: partner.redirectUri,
          scope: SCOPE,
        },
      },
      // Only to learn, in the test, which access token the provider issued.
      onSignIn: ({ tokens, account }) => (signIns.push(tokens), account),
    }),
  );
  const button = await openElement(page, { server: '/auth', provider: 'op' });
  await button.hover(); // intent: the element asks /auth/start now
  const popup = await clickForPopup(page, button);
  await signInAtOidcProvider(popup);
  const element = page.locator('#signin');
  await expect(element).toHaveAttribute('status', 'connected', { timeout: 30_000 });
  await expect(element.locator('[part="status"]')).toHaveText('Connected as Ada Lovelace');
  const events = await recorded(page);
  expect(events.map((e) => e.type)).toEqual(['connect-start', 'connect-success']);
  expect(events[1]!.detail).toMatchObject({
    responseType: 'session',
    provider: 'op',
    account: { id: 'ada', name: 'Ada Lovelace', email: 'ada@example.com' },
  });
  expect(JSON.stringify(events)).not.toMatch(/codeVerifier|accessToken|access_token|id_token/);
  expect(signIns).toHaveLength(1);
  const { accessToken, claims } = signIns[0]!;
  expect(claims).toMatchObject({ iss: op.issuer, aud: OIDC_CLIENT.id, sub: 'ada', nonce: expect.any(String) });
  const userinfo = () =>
    fetch(`${op.issuer}/me`, { headers: { Authorization: `Bearer ${accessToken}` } }).then(
      (response) => response.status,
    );
  expect(await userinfo()).toBe(200);

  await element.locator('[part="disconnect"]').click();
  await expect(element).toHaveAttribute('status', 'idle');
  expect((await recorded(page)).map((e) => e.type)).toEqual(['connect-start', 'connect-success', 'connect-disconnect']);
  // The logout revoked the token at oidc-provider: the old access token is refused now.
  expect(await userinfo()).toBe(401);
  expect(await page.evaluate(() => fetch('/auth/session').then((response) => response.json()))).toEqual({
    accounts: {},
  });
});
