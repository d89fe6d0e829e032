import { expect, test, type Page } from '@playwright/test';
import { signInButton } from './helpers.js';
import { autoButton, autoProvider, events, openDemo, outcome, recordStorageWrites, watch } from './security-helpers.js';

/**
 * When the popup cannot open: `fallback="redirect"` (and `mode="redirect"`)
 * take the whole page to the provider and back through the callback page; the
 * element on the returned page fires the result. The state and PKCE verifier
 * wait in sessionStorage, never the code or token, and are gone afterwards.
 */

// Several popups or page loads per test: Firefox on a busy two-core machine needs more than 30 s.
test.describe.configure({ timeout: 60_000 });

/** The page's window.open returns null, as when a blocker refuses the popup. */
const blockPopups = (page: Page) => page.evaluate(() => (window.open = () => null));

const storedFlows = (page: Page) =>
  page.evaluate(() =>
    [...Object.keys(sessionStorage), ...Object.keys(localStorage)].filter((key) => key.startsWith('oauth-connect')),
  );

/**
 * Clicks `id` on the demo (at `path`) with popups blocked: the page goes to the provider and back.
 * `mount` adds the partner's elements, before the click and again on the returned page.
 */
const roundTrip = async (
  page: Page,
  id: string,
  attributes: Record<string, string>,
  { path = '/events.html', mount = () => autoButton(page, id, attributes) } = {},
) => {
  const writes = await recordStorageWrites(page);
  const watched = watch(page);
  const providerVisits: string[] = [];
  page.on('request', (request) => {
    if (request.isNavigationRequest() && request.url().startsWith(autoProvider())) providerVisits.push(request.url());
  });
  // Every address the page had, the fragment-only changes (history.replaceState) included.
  const addresses: string[] = [];
  page.on('framenavigated', (frame) => {
    if (frame == page.mainFrame()) addresses.push(frame.url());
  });
  await openDemo(page, path);
  await blockPopups(page);
  await mount();
  let popups = 0;
  page.on('popup', () => popups++);
  await Promise.all([page.waitForURL((url) => url.pathname == '/callback.html'), signInButton(page, id).click()]);
  // Back home, the result in the fragment until the bundle takes it out.
  await expect.poll(() => addresses.some((url) => new URL(url).hash.startsWith('#oauth-connect='))).toBe(true);
  await expect(page.locator('#code-flow')).toBeVisible();
  // The page loaded anew: the partner's markup has the element again (here, after the page loaded).
  await mount();
  const settled = await outcome(page, id);
  expect(popups).toBe(0);
  expect(providerVisits).toHaveLength(1);
  expect(await storedFlows(page)).toEqual([]);
  expect(new URL(page.url()).hash).toBe(new URL(path, page.url()).hash);
  expect(watched.errors).toEqual([]);
  return { settled, writes, addresses, providerVisit: new URL(providerVisits[0]!) };
};

test('fallback="redirect": window.open returns null, the page goes to the provider and back, connect-success', async ({
  page,
}) => {
  const { settled, writes, providerVisit } = await roundTrip(page, 'fallback', { fallback: 'redirect' });
  // connect-start before the page left, then on the returned page the success.
  const success = settled.at(-1)!;
  expect(success.type).toBe('connect-success');
  expect(success.detail).toMatchObject({ responseType: 'code', state: providerVisit.searchParams.get('state') });
  const code = success.detail.code as string;
  expect(code).toMatch(/^mock_code_/);
  expect(success.detail.codeVerifier).toMatch(/^[\w-]{43}$/);
  // The flow's state and verifier waited in sessionStorage, never the code.
  expect(writes.some((write) => write.includes(providerVisit.searchParams.get('state')!))).toBe(true);
  expect(writes.some((write) => write.includes(success.detail.codeVerifier as string))).toBe(true);
  expect(writes.filter((write) => write.includes(code))).toEqual([]);
});

test('mode="redirect": a token flow without any popup; the token is never stored', async ({ page }) => {
  const { settled, writes } = await roundTrip(page, 'redirect-mode', { mode: 'redirect', 'response-type': 'token' });
  const success = settled.at(-1)!;
  expect(success).toMatchObject({ type: 'connect-success', detail: { responseType: 'token', tokenType: 'bearer' } });
  const token = success.detail.accessToken as string;
  expect(token).toMatch(/^mock_at_/);
  expect(writes.length).toBeGreaterThan(0);
  expect(writes.filter((write) => write.includes(token))).toEqual([]);
});

test('without fallback, a blocked popup is connect-error popup_blocked and the page stays', async ({ page }) => {
  await openDemo(page);
  await blockPopups(page);
  await autoButton(page, 'no-fallback');
  await signInButton(page, 'no-fallback').click();
  const settled = await outcome(page, 'no-fallback');
  expect(settled.map((e) => e.type)).toEqual(['connect-start', 'connect-error']);
  expect(settled[1]!.detail).toMatchObject({ error: 'popup_blocked' });
  expect(new URL(page.url()).pathname).toBe('/events.html');
  expect(await storedFlows(page)).toEqual([]);
});

test('fallback="redirect" from a hash-router address: the round trip works, and the page’s own fragment comes back', async ({
  page,
}) => {
  const path = '/events.html#/settings?tab=security';
  const { settled, addresses } = await roundTrip(page, 'hash-route', { fallback: 'redirect' }, { path });
  expect(settled.at(-1)).toMatchObject({ type: 'connect-success', detail: { responseType: 'code' } });
  // The callback page put the result first and the route after it; the bundle took the result out.
  const returned = addresses.find((url) => url.includes('#oauth-connect='))!;
  expect(returned).toMatch(/^[^#]*\/events\.html#oauth-connect=[^#]+#\/settings\?tab=security$/);
  expect(page.url()).toMatch(/\/events\.html#\/settings\?tab=security$/);
});

test('a returned result is out of the address bar at once, and waits for its element to be mounted', async ({
  page,
}) => {
  const attributes = { mode: 'redirect', scope: 'email' };
  let mounted = 0;
  const { settled } = await roundTrip(page, 'late-mount', attributes, {
    mount: async () => {
      // On the returned page: the address is clean before the single-page app mounts its button.
      if (mounted++) {
        expect(page.url()).not.toContain('#');
        await page.waitForTimeout(1000);
      }
      await autoButton(page, 'late-mount', attributes);
    },
  });
  expect(settled.at(-1)).toMatchObject({ type: 'connect-success', detail: { responseType: 'code' } });
});

test('mode="redirect", two elements for one provider with other scopes: only the one clicked gets the result', async ({
  page,
}) => {
  const mount = async () => {
    await autoButton(page, 'scope-profile', { mode: 'redirect', scope: 'profile' });
    await autoButton(page, 'scope-email', { mode: 'redirect', scope: 'profile email' });
  };
  const { settled } = await roundTrip(page, 'scope-email', {}, { mount });
  expect(settled.at(-1)).toMatchObject({ type: 'connect-success', detail: { responseType: 'code' } });
  await page.waitForTimeout(500);
  expect((await events(page)).filter((e) => e.target == 'scope-profile')).toEqual([]);
});
