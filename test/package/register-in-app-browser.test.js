// registerInAppBrowser as a partner uses it: imported from `oauth-connect/modes/auto` in a Vite
// production app built from the packed package, run in Chromium with an app's user agent set on the
// browser context (it stands in for the app's web view). The entry it adds is detected; the entry it
// gives an app the table has replaces the table's (its way out with it).
// Needs a build (npm run build).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright';
import { buildConsumerApp } from '../../scripts/consumer-build.js';
import { serveStatic } from '../../scripts/static-server.js';
import { chromiumLaunchOptions } from '../browsers.js';

const INSTAGRAM_IOS =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/22B83 Instagram 354.0.0.29.90 (iPhone12,8; iOS 18_1; en_US; en; scale=2.00; 750x1334; 654111336; IABMV/1)';
const FACEBOOK_ANDROID =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8 Build/AP2A.240805.005; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/127.0.6533.103 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/480.0.0.50.95;]';
// An app the table does not know: Chrome's Android WebView user agent with the app's own token.
const PARTNER_APP_ANDROID =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/127.0.6533.103 Mobile Safari/537.36 CampaignApp/3.2';

// The partner's code: two entries, then the element (its first render decides).
const main = `import 'oauth-connect/define';
import { registerInAppBrowser } from 'oauth-connect/modes/auto';

registerInAppBrowser({
  app: 'campaign-app',
  userAgent: /\\bCampaignApp\\/\\d/i,
  escape: { android: 'intent:$<rest>#Intent;scheme=$<scheme>;end' },
});
// Instagram's way out changed (say): the page's entry replaces the table's.
registerInAppBrowser({ app: 'instagram', userAgent: /\\bInstagram \\d/i, escape: { ios: 'x-safari-$<scheme>:$<rest>' } });
// Facebook's user agent changed (say): the table's markers no longer count.
registerInAppBrowser({ app: 'facebook', userAgent: /\\bFacebookNext\\//i });

window.__environments = [];
document.addEventListener('connect-environment', (event) => window.__environments.push(event.detail));
document.body.insertAdjacentHTML(
  'beforeend',
  '<oauth-connect mode="auto" provider="ulule" client-id="c" redirect-uri="/callback.html"></oauth-connect>',
);
`;

let dir;
let server;
let browser;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'oauth-connect-in-app-'));
  const files = await buildConsumerApp(main, { body: '<link rel="icon" href="data:,">' });
  for (const [name, bytes] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), bytes);
  }
  server = await serveStatic(dir);
  browser = await chromium.launch(chromiumLaunchOptions());
});
after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The app's page as a visitor with `userAgent` sees it: what connect-environment said, and the hint's way out. */
const visit = async (userAgent) => {
  const context = await browser.newContext({ userAgent });
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(server.origin + '/index.html');
    const link = page.locator('oauth-connect [part=escape]');
    await link.waitFor({ state: 'attached', timeout: 15000 });
    return {
      environments: await page.evaluate(() => window.__environments),
      way: await link.getAttribute('href'),
      errors,
      page: page.url(),
    };
  } finally {
    await context.close();
  }
};

test('an app added with registerInAppBrowser from oauth-connect/modes/auto is detected, with its way out', async () => {
  const seen = await visit(PARTNER_APP_ANDROID);
  assert.deepEqual(seen.errors, []);
  assert.deepEqual(seen.environments, [{ kind: 'in-app', app: 'campaign-app', action: 'redirect' }]);
  const { host, pathname } = new URL(seen.page);
  assert.equal(seen.way, `intent://${host}${pathname}#Intent;scheme=http;end`);
});

test("an entry registered for an app of the table replaces the table's: its way out, not Instagram's extbrowser", async () => {
  const seen = await visit(INSTAGRAM_IOS);
  assert.deepEqual(seen.errors, []);
  assert.deepEqual(seen.environments, [{ kind: 'in-app', app: 'instagram', action: 'redirect' }]);
  const { host, pathname } = new URL(seen.page);
  assert.equal(seen.way, `x-safari-http://${host}${pathname}`);
});

test("the replaced entry is gone: Facebook's old user agent is only an Android WebView now", async () => {
  const seen = await visit(FACEBOOK_ANDROID);
  assert.deepEqual(seen.errors, []);
  assert.deepEqual(seen.environments, [{ kind: 'in-app', app: 'android-webview', action: 'redirect' }]);
  // No way out is known from an unknown app's WebView: the link is hidden.
  assert.equal(seen.way, null);
});
