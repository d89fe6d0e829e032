import { expect, test, type Page } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { startMockProvider, type RunningMockProvider } from '../../src/mock-provider/index.js';

/**
 * A page that stays open all day must not keep anything per flow. 50 flows through the
 * element, mixing success, error, cancel-by-close and abort, against two mock providers of its own
 * on another origin (one approves at once, one waits on its sign-in page); then the listeners on
 * `window` and on the elements (with their shadow trees), the open BroadcastChannels and the
 * pending timers of the flow code must be back to their baseline. Counts only, no times.
 * bench/probes.js does the counting (and `runFlows`); `npm run bench` runs 500 such flows.
 */
const PROBES = fileURLToPath(new URL('../../bench/probes.js', import.meta.url));
const FLOWS = 50;
const ELEMENTS = 5;

interface Probe {
  listeners(target: EventTarget): number;
  channels(): number;
  timers(): number;
  countTimersFrom(source: RegExp): void;
  pause(ms: number): Promise<void>;
  runFlows(options: {
    count: number;
    elements: Element[];
    autoUrl: string;
    manualUrl: string;
  }): Promise<{ flows: { kind: string; outcome: string }[]; closesLost: number }>;
}
type ProbedWindow = Window & { __probe: Probe };

let auto: RunningMockProvider;
let manual: RunningMockProvider;
test.beforeAll(async ({ baseURL }) => {
  const options = {
    port: 0,
    clients: [{ clientId: 'leak-test', name: 'Leak test', redirectUris: [`${baseURL}/callback.html`] }],
    users: [{ name: 'Leak Test', email: 'leak@example.com', password: 'leak-test-password' }],
  };
  auto = await startMockProvider({ ...options, autoApprove: true });
  manual = await startMockProvider(options);
});
test.afterAll(async () => {
  await auto?.close();
  await manual?.close();
});

/** What the probe counts, and in Chromium what the DevTools protocol sees. */
const counts = async (page: Page, browserName: string) => {
  const probed = await page.evaluate(() => {
    const { __probe: probe } = window as unknown as ProbedWindow;
    const elements = [...document.querySelectorAll('oauth-connect.leak-test')];
    const onElements = elements
      .flatMap((element) => [element, ...element.shadowRoot!.querySelectorAll('*')])
      .reduce((sum, target) => sum + probe.listeners(target), 0);
    return {
      window: probe.listeners(window),
      elements: onElements,
      channels: probe.channels(),
      timers: probe.timers(),
    };
  });
  if (browserName != 'chromium') return probed;
  const cdp = await page.context().newCDPSession(page);
  const listenersOf = async (expression: string) => {
    const { result } = await cdp.send('Runtime.evaluate', { expression });
    const { listeners } = await cdp.send('DOMDebugger.getEventListeners', {
      objectId: result.objectId!,
      depth: -1,
      pierce: true,
    });
    return listeners.length;
  };
  let elements = 0;
  for (let i = 0; i < ELEMENTS; i++)
    elements += await listenersOf(`document.querySelectorAll('oauth-connect.leak-test')[${i}]`);
  // Not pierced for window: that would walk the whole document.
  const { result } = await cdp.send('Runtime.evaluate', { expression: 'window' });
  const { listeners } = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId! });
  await cdp.detach();
  return { ...probed, cdpWindow: listeners.length, cdpElements: elements };
};

test(`${FLOWS} mixed flows leave no listener, channel or timer behind`, async ({ page, browserName }) => {
  // The listener counts are checked twice here, by the probe and by the DevTools protocol, which
  // only Chromium has; in Firefox the 50 popups alone outlast any reasonable test time on the CI machine.
  test.skip(browserName != 'chromium', 'Chromium: the DevTools protocol sees the listeners too');
  test.setTimeout(120_000);
  await page.addInitScript({ path: PROBES });
  await page.goto('/events.html');
  await page.evaluate(
    async ({ count, authorizeUrl, redirectUri }) => {
      await customElements.whenDefined('oauth-connect');
      const elements = Array.from({ length: count }, () => {
        const element = document.createElement('oauth-connect');
        element.className = 'leak-test';
        Object.assign(element, { authorizeUrl, redirectUri, clientId: 'leak-test' });
        return document.body.appendChild(element);
      });
      await Promise.all(elements.map((element) => element.updateComplete));
      const { __probe: probe } = window as unknown as ProbedWindow;
      // Only the flow's and the element's own timers: the demo page and Vite's client have theirs.
      probe.countTimersFrom(/\/src\/(flow|element)\//);
      await probe.pause(100);
    },
    { count: ELEMENTS, authorizeUrl: auto.authorizeUrl, redirectUri: new URL('/callback.html', page.url()).href },
  );
  const before = await counts(page, browserName);

  const { flows } = await page.evaluate(
    ({ count, autoUrl, manualUrl }) =>
      (window as unknown as ProbedWindow).__probe.runFlows({
        count,
        elements: [...document.querySelectorAll('oauth-connect.leak-test')],
        autoUrl,
        manualUrl,
      }),
    { count: FLOWS, autoUrl: auto.authorizeUrl, manualUrl: manual.authorizeUrl },
  );
  const outcomes: Record<string, number> = {};
  for (const { outcome } of flows) outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
  // Each kind ended as it should: the mix really was mixed.
  expect(outcomes).toEqual({
    'connect-success': 13,
    'connect-error': 13,
    'connect-cancel:closed': 12,
    'connect-cancel:aborted': 12,
  });

  const after = await counts(page, browserName);
  expect(after).toEqual(before);
  expect(before.channels).toBe(0);
  expect(before.timers).toBe(0);
});
