import { expect, test } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startMockProvider, type RunningMockProvider } from '../../src/mock-provider/index.js';
import { CLIENT, REDIRECT_URI } from './api-helpers.js';

/**
 * A web page on another site, in a real browser, tries the mock's test knobs
 * the two ways a browser allows without asking the target: a `no-cors` fetch
 * and an auto-submitted form (also the `text/plain` form that forges a JSON
 * body). None of them may change the provider's state.
 */
let provider: RunningMockProvider;
let attacker: Server;
let attackerUrl: string;
test.beforeEach(async () => {
  provider = await startMockProvider({ port: 0, autoApprove: false });
  // 127.0.0.1 is another site than localhost: the page is cross-site to the provider.
  attacker = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>Some page</title><iframe name="sink"></iframe>');
  });
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}/`;
});
test.afterEach(async () => {
  await provider.close();
  attacker.closeAllConnections();
  await new Promise((resolve) => attacker.close(resolve));
});

/** Auto-approve on: the authorize endpoint redirects at once instead of showing the sign-in page. */
const autoApproving = async () => {
  const url = new URL(provider.authorizeUrl);
  url.search = new URLSearchParams({
    client_id: CLIENT.id,
    redirect_uri: REDIRECT_URI,
    response_type: 'code',
  }).toString();
  return (await fetch(url, { redirect: 'manual' })).status == 302;
};

test('a no-cors fetch, a CORS fetch and auto-submitted forms from another site change no knob', async ({ page }) => {
  await page.goto(attackerUrl);
  const mock = provider.url;
  // The knob requests of earlier versions (query parameters) and of this one (a JSON body).
  const results = await page.evaluate(async (mock) => {
    const outcomes: string[] = [];
    for (const [path, body] of [
      ['/auto-approve?value=true', undefined],
      ['/auto-approve', '{"value":true}'],
      ['/advance-clock?seconds=1e308', undefined],
    ] as const) {
      const init: RequestInit = { method: 'POST', mode: 'no-cors', body: body ?? null };
      // In no-cors mode the browser drops a non-safelisted Content-Type: the body goes as text/plain.
      init.headers = { 'Content-Type': 'application/json' };
      outcomes.push(
        await fetch(mock + path, init).then(
          (r) => `sent:${r.type}`,
          (e: Error) => `failed:${e.name}`,
        ),
      );
    }
    // A CORS request with the JSON type needs a preflight, which the provider does not grant.
    outcomes.push(
      await fetch(mock + '/auto-approve', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: '{"value":true}',
      }).then(
        (r) => `read:${r.status}`,
        (e: Error) => `failed:${e.name}`,
      ),
    );
    return outcomes;
  }, mock);
  expect(results.slice(0, 3)).toEqual(['sent:opaque', 'sent:opaque', 'sent:opaque']);
  expect(results[3]).toBe('failed:TypeError');
  expect(await autoApproving()).toBe(false);

  // Forms into a frame: urlencoded, and text/plain shaped to read as JSON.
  for (const enctype of ['application/x-www-form-urlencoded', 'text/plain']) {
    const loaded = page.waitForEvent(
      'framenavigated',
      (frame) => frame.name() == 'sink' && frame.url().startsWith(mock),
    );
    await page.evaluate(
      ({ mock, enctype }) => {
        const form = Object.assign(document.createElement('form'), {
          method: 'post',
          action: mock + '/auto-approve?value=true',
          target: 'sink',
          enctype,
        });
        form.append(Object.assign(document.createElement('input'), { name: '{"value":true,"x":"', value: '"}' }));
        document.body.append(form);
        form.submit();
      },
      { mock, enctype },
    );
    await loaded;
    await expect
      .poll(() => page.frame({ name: 'sink' })?.evaluate(() => document.body?.innerText ?? ''), { timeout: 10_000 })
      .toContain('invalid_request');
  }
  expect(await autoApproving()).toBe(false);

  // The same knob from the test itself works.
  const own = await fetch(`${mock}/auto-approve`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: '{"value":true}',
  });
  expect(own.status).toBe(200);
  expect(await autoApproving()).toBe(true);
});
