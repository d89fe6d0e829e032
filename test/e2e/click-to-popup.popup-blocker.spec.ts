import { expect, test } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { openDemo, openPopup } from './helpers.js';

/**
 * Click → popup: runs in the `chromium-popup-blocker` project (the popup blocker on).
 * bench/probes.js calls every click listener through a wrapper that sets a flag and queues a
 * microtask to clear it, and records each window.open call with whether the flag was still set:
 * set means window.open ran inside the click listener itself, in the same task, with no microtask
 * checkpoint in between (a trusted click runs one after each listener, so the flag has to be set
 * in the listener that opens). `npm run bench` measures the time of the same path.
 */
const PROBES = fileURLToPath(new URL('../../bench/probes.js', import.meta.url));

interface Open {
  inClick: boolean;
  opened: boolean;
}

test('the element calls window.open synchronously in the click: same task, no microtask between', async ({ page }) => {
  await page.addInitScript({ path: PROBES });
  await openDemo(page);
  for (const id of ['code-flow', 'token-flow']) {
    const popup = await openPopup(page, id);
    const closed = popup.waitForEvent('close');
    await page.locator(`#${id}`).evaluate((element: HTMLElement & { abort(): void }) => element.abort());
    await closed;
  }
  const opens = await page.evaluate(() => (window as unknown as { __probe: { opens: Open[] } }).__probe.opens);
  expect(opens).toEqual([
    expect.objectContaining({ inClick: true, opened: true }),
    expect.objectContaining({ inClick: true, opened: true }),
  ]);
});

test('control: the probe tells a window.open after an await from one in the click', async ({ page }) => {
  await page.addInitScript({ path: PROBES });
  await openDemo(page);
  await page.evaluate(() => {
    const button = document.body.appendChild(document.createElement('button'));
    button.id = 'late-open';
    button.textContent = 'Open after an await';
    button.addEventListener('click', async () => {
      await Promise.resolve();
      window.open('about:blank', '_blank', 'popup')?.close();
    });
  });
  await page.locator('#late-open').click();
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __probe: { opens: Open[] } }).__probe.opens))
    .toEqual([expect.objectContaining({ inClick: false })]);
});
