import { expect, test } from '@playwright/test';
import { VERSION } from '../../src/protocol/version.js';
import { allow, openPopup, signIn } from './helpers.js';
import { AUTO_AUTHORIZE, addButton, autoButton, events, openDemo, outcome, watch } from './security-helpers.js';

/**
 * Answers that are not the flow's own, though they carry its state: another
 * provider's code (a mix-up, RFC 9700 §4.4), and a message from another tab
 * of the partner's origin over the flow's BroadcastChannel.
 */

test.describe.configure({ timeout: 60_000 });

/**
 * A provider run by an attacker, with its own authorize endpoint (on another origin: Playwright
 * answers for it). It sends the popup on to the honest provider's authorize endpoint with the
 * honest client's id and redirect URI, but the state and PKCE challenge of the flow it was given.
 */
const ATTACKER_AUTHORIZE = `http://127.0.0.1:${process.env.E2E_PROVIDER_PORT}/attacker/authorize`;

test('mix-up: a provider that forwards its flow to another provider gets no connect-success', async ({ page }) => {
  const watched = watch(page);
  const forwarded: string[] = [];
  await page.context().route(
    (url) => url.href.startsWith(ATTACKER_AUTHORIZE),
    async (route) => {
      const asked = new URL(route.request().url()).searchParams;
      const honest = new URL(AUTO_AUTHORIZE());
      for (const [name, value] of Object.entries({
        client_id: 'demo-client',
        redirect_uri: new URL('/callback.html', page.url()).href,
        response_type: 'code',
        scope: 'profile',
        state: asked.get('state')!,
        code_challenge: asked.get('code_challenge')!,
        code_challenge_method: 'S256',
      }))
        honest.searchParams.set(name, value);
      forwarded.push(honest.href);
      await route.fulfill({ status: 302, headers: { Location: honest.href } });
    },
  );
  await openDemo(page);
  // A: the honest provider (it approves at once), B: the attacker's. Each has its own callback page.
  await autoButton(page, 'honest', { 'redirect-uri': '/callback.html', scope: 'profile' });
  await addButton(page, 'attacker', {
    'authorize-url': ATTACKER_AUTHORIZE,
    'client-id': 'attacker-client',
    'redirect-uri': '/callback-b.html',
  });
  const popup = await openPopup(page, 'attacker').catch(() => undefined);
  // The honest provider sent its code to the honest callback page, which posted it and closed.
  await expect.poll(() => forwarded.length).toBe(1);
  if (popup && !popup.isClosed()) await popup.waitForEvent('close');
  // The user is back on the page (headless Firefox does not refocus the opener by itself).
  await page.bringToFront();
  const attacker = await outcome(page, 'attacker');
  expect(attacker.map((e) => e.type)).toEqual(['connect-start', 'connect-cancel']);
  expect(attacker[1]!.detail).toEqual({ reason: 'closed' });
  expect((await events(page)).filter((e) => e.target == 'honest')).toEqual([]);
  // The console says which callback page answered and which one the flow expected, once.
  const said = watched.console.filter((text) => text.includes('ignored a result'));
  expect(said).toHaveLength(1);
  expect(said[0]).toContain('/callback.html');
  expect(said[0]).toContain('/callback-b.html');
  expect(watched.errors).toEqual([]);
});

test('another tab of this origin that knows the state cannot complete the flow over its channel', async ({ page }) => {
  const watched = watch(page);
  await openDemo(page);
  const popup = await openPopup(page, 'code-flow');
  await expect(popup.getByLabel('Email')).toBeVisible();
  const { state } = (await events(page))[0]!.detail as { state: string };
  // A tab of the partner's origin (any page of it an attacker can run script on, or open).
  const other = await page.context().newPage();
  await other.goto('/events.html');
  await other.evaluate(
    ({ state, version }) => {
      const channel = new BroadcastChannel('oauth-connect:' + state);
      // Exactly what the real callback page would send, with a code of the attacker's own account.
      channel.postMessage({
        type: 'oauth-connect:callback',
        params: [
          ['code', 'mock_code_of_the_attacker'],
          ['state', state],
        ],
        url: location.origin + '/callback.html',
        version,
      });
      channel.close();
    },
    { state, version: VERSION },
  );
  await page.waitForTimeout(1000);
  expect((await events(page)).map((e) => e.type)).toEqual(['connect-start']);
  await expect(page.locator('#code-flow')).toHaveAttribute('status', 'pending');
  // The popup itself still completes the flow, with the provider's code.
  await popup.bringToFront();
  await signIn(popup);
  await allow(popup);
  const [, success] = await outcome(page, 'code-flow');
  expect(success).toMatchObject({ type: 'connect-success', detail: { state } });
  expect(success!.detail.code).not.toBe('mock_code_of_the_attacker');
  expect(watched.errors).toEqual([]);
});
