// The script-tag bundle in a real browser: a plain HTML page with only
// <script type="module" src="/dist/oauth-connect.js"> and the element; the
// provider is a same-origin page that approves at once, and the callback page
// loads only dist/callback.js. Needs a build (npm run build).
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';
import { chromiumPath } from '../browsers.js';
import { serveStatic } from '../../scripts/static-server.js';

/** Fails with `what` instead of hanging when a step never happens. */
const within = (promise, what, ms = 15000) =>
  Promise.race([
    promise,
    new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out: ${what}`)), ms).unref()),
  ]);

const server = await serveStatic(fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, ''));
const browser = await chromium.launch(chromiumPath ? { executablePath: chromiumPath } : {});
try {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error));
  await page.goto(`${server.origin}/test/package/fixtures/page.html`);

  const button = page.locator('oauth-connect button[part="button"]');
  await button.waitFor({ timeout: 15000 });
  assert.equal(await page.evaluate(() => customElements.get('oauth-connect')?.name !== undefined), true);
  // The minified styles still apply (the build squeezes the css template).
  const style = await button.evaluate((el) => getComputedStyle(el));
  assert.equal(style.cursor, 'pointer');
  assert.ok(parseFloat(style.minHeight) >= 32, `min-height ${style.minHeight}`);

  const success = page.evaluate(
    () =>
      new Promise((resolve) =>
        document.querySelector('oauth-connect').addEventListener('connect-success', (e) => resolve(e.detail), {
          once: true,
        }),
      ),
  );
  const [popup] = await Promise.all([page.waitForEvent('popup', { timeout: 15000 }), button.click()]);
  const detail = await within(success, 'connect-success on the page');
  assert.equal(detail.responseType, 'code');
  assert.equal(detail.code, 'plain-html-code');
  assert.equal(detail.redirectUri, `${server.origin}/test/package/fixtures/callback.html`);
  assert.match(detail.codeVerifier, /^[\w-]{43}$/);
  await popup.waitForEvent('close', { timeout: 5000 }).catch(() => {});
  assert.equal(popup.isClosed(), true, 'the callback page closes the popup');
  assert.deepEqual(errors, []);
  console.log('plain HTML: dist/oauth-connect.js renders and completes a popup flow via dist/callback.js');
} finally {
  await browser.close();
  await server.close();
}
