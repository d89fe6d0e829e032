import { expect, test } from '@playwright/test';
import { openPopup } from './helpers.js';
import { events, openDemo, outcome, watch } from './security-helpers.js';

/**
 * The callback page's URL carries the code until its script has run, and the
 * request for that script is made before it runs: without a referrer policy
 * it carries the code in its `Referer`. The demo's server sends
 * `Referrer-Policy: no-referrer` with its callback pages (as README tells
 * partners to); here the pages' own `<meta name="referrer">` is taken out, so
 * that the header alone is what is tested.
 */

test.describe.configure({ timeout: 60_000 });

const CODE = 'mock_code_seen_by_nobody';

for (const callbackPage of ['/callback.html', '/script-tag-callback.html'])
  test(`${callbackPage}: no request the callback page makes carries the code in its Referer`, async ({ page }) => {
    const watched = watch(page);
    let metaRemoved = false;
    // (Playwright routes a navigation only when nothing redirected to it: the popup goes there itself below.)
    await page.context().route(
      (url) => url.pathname == callbackPage,
      async (route) => {
        const response = await route.fetch();
        const html = await response.text();
        const body = html.replace(/<meta name="referrer"[^>]*>/, '');
        metaRemoved = body != html;
        await route.fulfill({ response, body });
      },
    );
    // Every request of the page and its popup, with the Referer the browser really sent. A request
    // of the popup that is still in flight when the popup closes itself has no final headers to
    // give (allHeaders rejects): its headers as sent so far, which hold the Referer, stand in.
    const referers: { url: string; referer: string | undefined }[] = [];
    page.context().on('request', (request) => {
      void request.allHeaders().then(
        ({ referer }) => referers.push({ url: request.url(), referer }),
        () => referers.push({ url: request.url(), referer: request.headers()['referer'] }),
      );
    });
    await openDemo(page);
    await page.evaluate(
      (path) => document.querySelector('#code-flow')!.setAttribute('redirect-uri', path),
      callbackPage,
    );
    const popup = await openPopup(page, 'code-flow');
    const { state } = (await events(page))[0]!.detail as { state: string };
    // The provider's answer, as its redirect would bring it.
    const callbackUrl = new URL(`${callbackPage}?code=${CODE}&state=${encodeURIComponent(state)}`, page.url()).href;
    await Promise.all([popup.waitForEvent('close'), popup.evaluate((url) => location.assign(url), callbackUrl)]);
    const [, success] = await outcome(page, 'code-flow');
    expect(success).toMatchObject({ type: 'connect-success', detail: { code: CODE } });
    expect(metaRemoved).toBe(true);
    // The callback page loaded its script (Vite serves it from /src/, the script-tag page from /dist/).
    await expect.poll(() => referers.filter(({ url }) => /\/callback(\/index\.ts|\.js)/.test(url)).length).toBe(1);
    expect(referers.filter(({ url }) => url.startsWith(callbackUrl))).toHaveLength(1);
    for (const { url, referer } of referers) expect(referer ?? '', url).not.toContain(CODE);
    expect(watched.errors).toEqual([]);
  });
