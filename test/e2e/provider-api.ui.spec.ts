import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { RunningMockProvider } from '../../src/mock-provider/index.js';
import { AuthError, createAuthHandler, type AuthProvider } from '../../src/server/index.js';
import { toNodeHandler, toWebRequest, sendWebResponse } from '../../src/server/node.js';
import { CLIENT, startProvider } from './api-helpers.js';

/**
 * After connecting, in a real browser: the page signs in with Ulule and reads
 * `/me` through the partner's own route (fetchApi on the server), and connects
 * an UltraCart store and lists its orders through the handler's proxy. The
 * token stays on the server: the page sees neither it nor the provider.
 */
const dist = (file: string) => fileURLToPath(new URL(`../../dist/${file}`, import.meta.url));
let ulule: RunningMockProvider;
let ultracart: RunningMockProvider;
let server: Server;
let site: string;

const PAGE = `<!doctype html>
<script type="module" src="/oauth-connect.js"></script>
<oauth-connect provider="ulule" server="/auth"></oauth-connect>
<oauth-connect provider="ultracart" server="/auth"></oauth-connect>
<output id="me"></output>
<ul id="orders"></ul>
<script type="module">
  for (const element of document.querySelectorAll('oauth-connect'))
    element.addEventListener('connect-success', async ({ detail }) => {
      if (detail.provider == 'ulule') {
        const me = await (await fetch('/me')).json();
        document.querySelector('#me').textContent = 'Ulule user ' + me.id;
      } else {
        const answer = await fetch('/auth/api/ultracart/order/orders', { headers: { 'OAuth-Connect': '1' } });
        for (const order of (await answer.json()).orders)
          document.querySelector('#orders').append(Object.assign(document.createElement('li'), { textContent: order.order_id }));
      }
    });
</script>`;
const CALLBACK = '<!doctype html><script type="module" src="/callback.js"></script>';

/** The mock as `profile` at its own origin: the profile's URLs replaced by the mock's. */
const mocked = (provider: RunningMockProvider, allow?: string[]): Partial<AuthProvider> => ({
  authorizeUrl: provider.authorizeUrl,
  tokenUrl: provider.tokenUrl,
  ...(provider.profile == 'ulule' ? { userInfoUrl: provider.userInfoUrl } : { revocationUrl: provider.revocationUrl }),
  api: { baseUrl: provider.apiBaseUrl, hosts: [new URL(provider.url).host], ...(allow && { allow }) },
});

test.beforeAll(async () => {
  server = createServer();
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  site = `http://localhost:${(server.address() as AddressInfo).port}`;
  const clients = [
    { clientId: CLIENT.id, clientSecret: CLIENT.secret, name: 'Partner', redirectUris: [`${site}/callback.html`] },
  ];
  [ulule, ultracart] = await Promise.all([
    startProvider({ profile: 'ulule', clients }),
    startProvider({ profile: 'ultracart', clients }),
  ]);
  const common = { clientId: CLIENT.id, clientSecret: CLIENT.secret, redirectUri: `${site}/callback.html` };
  const auth = createAuthHandler({
    secret: 'an-e2e-secret-of-at-least-32-characters',
    providers: {
      ulule: { profile: 'ulule', ...common, ...mocked(ulule) },
      ultracart: { profile: 'ultracart', ...common, ...mocked(ultracart, ['GET /order/orders']) },
    },
    onSignIn: ({ provider, tokens, account }) =>
      provider == 'ultracart' ? { id: String(tokens.raw.merchant_id), name: 'Demo store' } : account,
  });
  const files: Record<string, [string, () => Promise<string | Buffer>]> = {
    '/': ['text/html', async () => PAGE],
    '/callback.html': ['text/html', async () => CALLBACK],
    '/oauth-connect.js': ['text/javascript', () => readFile(dist('oauth-connect.js'))],
    '/callback.js': ['text/javascript', () => readFile(dist('callback.js'))],
  };
  const handle = toNodeHandler(auth);
  server.on('request', (req, res) => {
    void handle(req, res, async () => {
      const path = new URL(req.url ?? '/', site).pathname;
      if (path == '/me') {
        // The partner's route: the user's Ulule profile, read on the server.
        try {
          const { response, setCookie } = await auth.fetchApi(toWebRequest(req), 'ulule', '/me');
          const answer = new Response(response.body, {
            status: response.status,
            headers: { 'Content-Type': 'application/json' },
          });
          for (const cookie of setCookie) answer.headers.append('Set-Cookie', cookie);
          return sendWebResponse(answer, res);
        } catch (error) {
          return sendWebResponse(new Response(null, { status: error instanceof AuthError ? error.status : 500 }), res);
        }
      }
      // The bundle loads its modes and languages from beside itself.
      const module = /^\/(modes|locales)\/[a-z-]+\.js$/.test(path) ? path.slice(1) : undefined;
      const file = module ? (['text/javascript', () => readFile(dist(module))] as const) : files[path];
      if (!file) return void res.writeHead(404).end();
      res.writeHead(200, { 'Content-Type': file[0] }).end(await file[1]());
    });
  });
});
test.afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await Promise.all([ulule?.close(), ultracart?.close()]);
});

test('Sign in with Ulule, then /me through the partner route that calls fetchApi', async ({ page }) => {
  const answers: string[] = [];
  page.on('response', async (response) => answers.push(await response.text().catch(() => '')));
  await page.goto(`${site}/`);
  const button = page.getByRole('button', { name: 'Sign in with Ulule' });
  await button.hover();
  await button.click();
  await expect(page.locator('#me')).toHaveText(/^Ulule user \d+$/);
  const api = ulule.requests().filter(({ endpoint, path }) => endpoint == 'userinfo' && path == '/v1/me');
  expect(api.length).toBe(2); // the sign-in's account, then the partner's route
  // The mock's tokens (mock_at_…, mock_rt_…) never reach the page.
  expect(answers.join('\n')).not.toMatch(/mock_[ar]t_/);
});

test("Connect to UltraCart, then the store's orders through the proxy", async ({ page }) => {
  const answers: string[] = [];
  page.on('response', async (response) => answers.push(await response.text().catch(() => '')));
  await page.goto(`${site}/`);
  const button = page.getByRole('button', { name: 'Connect to UltraCart' });
  await button.hover();
  await button.click();
  await expect(page.locator('#orders li')).toHaveText([/^DEMO-/]);
  expect(answers.join('\n')).not.toMatch(/mock_[ar]t_/);
  const [call] = ultracart.requests().filter(({ endpoint }) => endpoint == 'api');
  expect(call?.headers?.cookie).toBeUndefined();
  expect(call?.headers?.authorization).toBe('Bearer [masked]');
});
