import { expect, test } from '@playwright/test';

/**
 * The button's accessible name as the browser's own accessibility tree has it
 * (Chromium's, over CDP), from the same shadow DOM in every engine.
 */
const body = `<!doctype html>
<html lang="en">
<meta charset="utf-8" />
<script type="module" src="/dist/oauth-connect.js"></script>
<oauth-connect id="preset" provider="ulule" client-id="c" redirect-uri="/callback.html"></oauth-connect>
<oauth-connect id="slotted" provider="ulule" client-id="c" redirect-uri="/callback.html">Continue <b>with</b> Ulule</oauth-connect>`;

test('"Sign in with Ulule, opens a new window", and slotted text as the name', async ({ page, browserName }) => {
  await page.route('**/accessible-name-test.html', (route) => route.fulfill({ contentType: 'text/html', body }));
  await page.goto('/accessible-name-test.html');
  await page.waitForFunction(() => customElements.get('oauth-connect'));
  // The same DOM in every engine: an explicit name on the inner button.
  const dom = await page.evaluate(() =>
    [...document.querySelectorAll('oauth-connect')].map((el) => {
      const button = el.shadowRoot!.querySelector('[part=button]')!;
      return [button.getAttribute('aria-label'), button.innerHTML];
    }),
  );
  expect(dom).toEqual([
    [
      'Sign in with Ulule, opens a new window',
      '<span part="icon" aria-hidden="true"><slot name="icon" data-m="U"></slot></span><span part="label"><slot>Sign in with Ulule</slot></span>',
    ],
    [
      'Continue with Ulule, opens a new window',
      '<span part="icon" aria-hidden="true"><slot name="icon" data-m="U"></slot></span><span part="label"><slot>Sign in with Ulule</slot></span>',
    ],
  ]);
  if (browserName == 'chromium') {
    const cdp = await page.context().newCDPSession(page);
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
      nodes: { ignored: boolean; role?: { value: string }; name?: { value: string } }[];
    };
    const buttons = nodes
      .filter((node) => !node.ignored && node.role?.value == 'button')
      .map((node) => node.name?.value);
    expect(buttons).toEqual(['Sign in with Ulule, opens a new window', 'Continue with Ulule, opens a new window']);
  }
  // Playwright's own computation agrees, in each engine.
  await expect(page.getByRole('button', { name: 'Sign in with Ulule, opens a new window', exact: true })).toHaveCount(
    1,
  );
  await expect(page.getByRole('button', { name: 'Continue with Ulule, opens a new window', exact: true })).toHaveCount(
    1,
  );
});
