import { expect, test, type Page } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The browsers run with storage partitioning on, as users have them
 * (test/browsers.js): a BroadcastChannel is then shared only among pages of one
 * top-level site. A page on another site that frames the partner's callback
 * page with a flow's state cannot hand that flow a result over the channel the
 * callback page posts on. The controls, which show the negative case is not
 * vacuous: the same callback page framed by the partner's own page, and opened
 * top-level in the other tab, does reach it. (With Playwright's default
 * --disable-features, or Firefox's network.cookie.cookieBehavior 0, this fails.)
 */

const CHANNEL_PREFIX = 'oauth-connect:';
const DONE = 'This window is no longer needed. You can close it.';

// Another site: 127.0.0.1 and localhost (the demo) are different sites. Any path gives an empty page.
let stranger: Server;
let strangerOrigin: string;
test.beforeAll(async () => {
  stranger = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><html lang="en"><title>Another site</title><body></body></html>');
  });
  await new Promise<void>((resolve) => stranger.listen(0, '127.0.0.1', resolve));
  strangerOrigin = `http://127.0.0.1:${(stranger.address() as AddressInfo).port}`;
});
test.afterAll(() => new Promise<void>((resolve) => stranger.close(() => resolve())));

/** Frames the demo's callback page with `state` and waits until its script has posted. */
const frameCallback = async (page: Page, callbackUrl: string, state: string) => {
  const src = `${callbackUrl}?state=${encodeURIComponent(state)}&code=mock_code_${state}`;
  await page.evaluate((url) => {
    const frame = Object.assign(document.createElement('iframe'), { src: url, title: 'callback' });
    document.body.append(frame);
  }, src);
  await expect(page.frameLocator('iframe[title=callback]').last().locator('body')).toHaveText(DONE);
};

test('a callback page framed by another site does not reach the partner page; from the partner site it does', async ({
  page,
  context,
  baseURL,
}) => {
  const callbackUrl = new URL('/callback.html', baseURL).href;
  const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const crossSite = `cross-${tag}`;
  const sameSite = `same-${tag}`;
  const topLevel = `top-${tag}`;

  // The partner's own page (localhost) listens on both flows' channels.
  await page.goto('/events.html');
  await page.evaluate(
    ([prefix, names]) => {
      const received: string[] = [];
      Object.assign(window, { __received: received });
      for (const name of names)
        new BroadcastChannel(prefix + name).onmessage = (event: MessageEvent) =>
          received.push(`${name}: ${JSON.stringify(event.data)}`);
    },
    [CHANNEL_PREFIX, [crossSite, sameSite, topLevel]] as const,
  );
  const received = () => page.evaluate(() => (window as unknown as { __received: string[] }).__received);

  // Another site, in another tab of the same browser, frames the callback page with one state...
  const other = await context.newPage();
  await other.goto(strangerOrigin);
  await frameCallback(other, callbackUrl, crossSite);

  // ...the partner's own page frames it with another state: that message arrives...
  await frameCallback(page, callbackUrl, sameSite);
  await expect.poll(received).toContainEqual(expect.stringContaining(`mock_code_${sameSite}`));
  // ...and so does the callback page opened top-level on the partner's site in the other tab.
  await other.goto(`${callbackUrl}?state=${topLevel}&code=mock_code_${topLevel}`);
  await expect.poll(received).toContainEqual(expect.stringContaining(`mock_code_${topLevel}`));
  // The cross-site message was posted first, from the same tab as the last one: had it crossed the
  // partition, it would be here by now.
  expect((await received()).map((line) => line.split(':')[0])).toEqual([sameSite, topLevel]);
});
