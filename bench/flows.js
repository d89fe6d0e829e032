// The time-and-memory part of `npm run bench` (issue 8), on the built files (dist/), in headless
// Chromium, against two mock providers on another origin (localhost vs the pages' 127.0.0.1): one
// in auto-approve mode, one whose sign-in page waits (for cancel-by-close and abort).
//   1. click → window.open: real Playwright clicks with the popup blocker on; asserts that every
//      popup opened, and synchronously inside the click listener (bench/probes.js says how);
//   2. callback → event: from the callback page's first script to connect-success on the host
//      page, on one clock (performance.timeOrigin + performance.now() in both windows);
//   3. 500 mixed flows in one page: heap after a forced GC, listeners (CDP DOMDebugger), open
//      BroadcastChannels and pending timers (bench/probes.js), before and after;
//   4. 100 <oauth-connect> defined, upgraded and first-rendered, against 100 plain <button>s.
// `node bench/flows.js` runs it alone on an existing build; `npm run bench` builds and runs it.
import { fileURLToPath } from 'node:url';
import process from 'node:process';
import { chromium } from 'playwright';
import { chromiumPath } from '../test/browsers.js';
import { serveStatic } from '../scripts/static-server.js';

const PROBES = fileURLToPath(new URL('probes.js', import.meta.url));
const root = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');

let t0 = Date.now();
const log = (part) => console.error(`bench: part ${part} at ${((Date.now() - t0) / 1000).toFixed(1)} s`);
const median = (values) => quantile(values, 0.5);
function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  return sorted[low] + (sorted[Math.min(low + 1, sorted.length - 1)] - sorted[low]) * (position - low);
}

/** Adds `count` elements to the page, all on the auto-approving provider; resolves when rendered. */
const addElements = (page, count, { authorizeUrl, redirectUri }) =>
  page.evaluate(
    async ({ count, authorizeUrl, redirectUri }) => {
      await customElements.whenDefined('oauth-connect');
      const elements = Array.from({ length: count }, (_, i) => {
        const element = document.createElement('oauth-connect');
        Object.assign(element, { authorizeUrl, redirectUri, clientId: 'bench', id: 'flow-' + i });
        return document.body.appendChild(element);
      });
      await Promise.all(elements.map((element) => element.updateComplete));
    },
    { count, authorizeUrl, redirectUri },
  );

const runFlows = (page, options) =>
  page.evaluate(
    ({ count, autoUrl, manualUrl, kinds }) =>
      window.__probe.runFlows({
        count,
        elements: [...document.querySelectorAll('oauth-connect')],
        autoUrl,
        manualUrl,
        kinds,
      }),
    options,
  );

/** Heap, listeners, channels and timers of the page, after a forced garbage collection. */
async function snapshot(page, cdp) {
  // The probe's own record of window.open calls is not the element's memory.
  await page.evaluate(() => (window.__probe.opens.length = 0));
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const listenersOf = async (expression, pierce) => {
    const { result } = await cdp.send('Runtime.evaluate', { expression });
    const { listeners } = await cdp.send('DOMDebugger.getEventListeners', {
      objectId: result.objectId,
      ...(pierce && { depth: -1, pierce: true }),
    });
    await cdp.send('Runtime.releaseObject', { objectId: result.objectId });
    return listeners.length;
  };
  const count = await page.evaluate(() => document.querySelectorAll('oauth-connect').length);
  let elements = 0;
  let elementsDeep = 0;
  for (let i = 0; i < count; i++) {
    const expression = `document.querySelectorAll('oauth-connect')[${i}]`;
    elements += await listenersOf(expression, false);
    elementsDeep += await listenersOf(expression, true);
  }
  const probe = await page.evaluate(() => ({
    channels: window.__probe.channels(),
    timers: window.__probe.timers(),
  }));
  return { heap: usedSize, window: await listenersOf('window', false), elements, elementsDeep, ...probe };
}

export async function benchFlows({ flows = 500, sequential = 60, clicks = 20, manyRuns = 15, parallel = 16 } = {}) {
  t0 = Date.now();
  const { startMockProvider } = await import('../dist/lib/mock-provider/index.js');
  const server = await serveStatic(root);
  const isolated = await serveStatic(root, { isolated: true });
  const redirectUri = `${server.origin}/bench/callback.html`;
  const options = {
    port: 0,
    clients: [{ clientId: 'bench', name: 'Bench', redirectUris: [redirectUri] }],
    users: [{ name: 'Bench User', email: 'bench@example.com', password: 'bench-password' }],
  };
  const auto = await startMockProvider({ ...options, autoApprove: true });
  const manual = await startMockProvider(options);
  const urls = { authorizeUrl: auto.authorizeUrl, redirectUri };
  const flowOptions = { autoUrl: auto.authorizeUrl, manualUrl: manual.authorizeUrl };
  const launch = (extra = {}) => chromium.launch({ ...(chromiumPath && { executablePath: chromiumPath }), ...extra });
  // Playwright turns Chromium's popup blocker off by default: this one has it on, as users do.
  const blocking = await launch({ ignoreDefaultArgs: ['--disable-popup-blocking'] });
  const browser = await launch();
  const results = { browserVersion: `${chromiumPath ? 'Chromium' : 'Playwright Chromium'} ${browser.version()}` };
  try {
    log('1');
    // 1. Click → window.open, real clicks, blocker on.
    {
      const page = await blocking.newPage();
      await page.addInitScript({ path: PROBES });
      await page.goto(`${server.origin}/bench/flows.html`);
      await addElements(page, 1, { ...urls, authorizeUrl: manual.authorizeUrl });
      const button = page.locator('oauth-connect [part="button"]');
      for (let i = 0; i < clicks; i++) {
        await page.evaluate(() => window.__probe.pause(50)); // a PKCE pair is ready, as after any real pause
        const [popup] = await Promise.all([page.waitForEvent('popup'), button.click()]);
        await popup.waitForLoadState(); // Chromium may ignore a close() during the popup's first navigation
        const closed = popup.isClosed() || popup.waitForEvent('close', { timeout: 5000 });
        await page.evaluate(() => document.querySelector('oauth-connect').abort());
        await closed;
      }
      const opens = await page.evaluate(() =>
        window.__probe.opens.map(({ inClick, opened, sinceClick, sinceEventTimeStamp }) => ({
          inClick,
          opened,
          sinceClick,
          sinceEventTimeStamp,
        })),
      );
      await page.close();
      if (opens.length != clicks || !opens.every((open) => open.inClick && open.opened))
        throw new Error(`bench: window.open was not called synchronously in the click: ${JSON.stringify(opens)}`);
      results.click = {
        count: opens.length,
        sinceClick: median(opens.map((open) => open.sinceClick)),
        sinceEvent: median(opens.map((open) => open.sinceEventTimeStamp)),
      };
    }

    log('2');
    // 2. Callback → event, sequential successes on one element.
    {
      const page = await browser.newPage();
      await page.addInitScript({ path: PROBES });
      await page.goto(`${server.origin}/bench/flows.html`);
      await addElements(page, 1, urls);
      await runFlows(page, { ...flowOptions, count: 5, kinds: ['success'] }); // warm-up
      const { flows: done } = await runFlows(page, { ...flowOptions, count: sequential, kinds: ['success'] });
      await page.close();
      const times = done.map((flow) => flow.callbackToEvent);
      const pageTimes = done.map((flow) => flow.callbackPageToEvent);
      if ([...times, ...pageTimes].some((time) => time == null))
        throw new Error(`bench: a flow did not succeed: ${JSON.stringify(done)}`);
      results.callback = {
        count: times.length,
        median: median(times),
        p95: quantile(times, 0.95),
        pageMedian: median(pageTimes),
        pageP95: quantile(pageTimes, 0.95),
      };
    }

    log('3');
    // 3. 500 mixed flows in one page, before and after.
    {
      const page = await browser.newPage();
      await page.addInitScript({ path: PROBES });
      await page.goto(`${server.origin}/bench/flows.html`);
      const cdp = await page.context().newCDPSession(page);
      await addElements(page, parallel, urls);
      // Warm-up: each kind of flow twice, so first-use allocations (templates, the PKCE spare) are in the baseline.
      await runFlows(page, { ...flowOptions, count: 8 });
      await page.evaluate(() => window.__probe.pause(1000));
      const before = await snapshot(page, cdp);
      const started = Date.now();
      const { flows: done, closesLost } = await runFlows(page, { ...flowOptions, count: flows });
      const seconds = (Date.now() - started) / 1000;
      await page.evaluate(() => window.__probe.pause(1000));
      const after = await snapshot(page, cdp);
      await page.close();
      const outcomes = {};
      for (const flow of done) outcomes[flow.outcome] = (outcomes[flow.outcome] ?? 0) + 1;
      results.leaks = { count: done.length, parallel, seconds, outcomes, closesLost, before, after };
    }

    log('4');
    // 4. 100 buttons, fresh page each run.
    {
      const runs = [];
      for (let run = 0; run < manyRuns; run++) {
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.goto(`${isolated.origin}/bench/many.html`);
        await page.waitForFunction(() => window.heldDefinition);
        const result = await page.evaluate(() => window.measure());
        await context.close();
        if (!result.rendered || !result.isolated) throw new Error(`bench: 100 buttons: ${JSON.stringify(result)}`);
        runs.push(result);
      }
      const plain = median(runs.map((r) => r.plain));
      const ours = median(runs.map((r) => r.ours));
      results.many = { runs: manyRuns, plain, ours, ratio: median(runs.map((r) => r.ours / r.plain)) };
    }
  } finally {
    await blocking.close();
    await browser.close();
    await auto.close();
    await manual.close();
    await server.close();
    await isolated.close();
  }
  return { ...results, table: tableOf(results) };
}

function tableOf({ click, callback, leaks, many }) {
  const ms = (value) => `${value.toFixed(2)} ms`;
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
  const signed = (value, format) => (value >= 0 ? '+' : '−') + format(Math.abs(value));
  const same = (name) => leaks.before[name] == leaks.after[name];
  const { before, after } = leaks;
  const growth = after.heap - before.heap;
  const rows = [
    [
      `Click → \`window.open\`, real click, popup blocker on (median of ${click.count})`,
      `${ms(click.sinceClick)} from the first click listener; ${ms(click.sinceEvent)} from the event's timeStamp`,
      'same task, no microtask between',
      `${click.count}/${click.count} synchronous, all opened`,
    ],
    [
      `\`dist/callback.js\` running → \`connect-success\` on the host (${callback.count} flows)`,
      `median ${ms(callback.median)}, p95 ${ms(callback.p95)}`,
      'median ≤ 5 ms',
      callback.median <= 5 ? 'ok' : '**over**',
    ],
    [
      `Callback page's first inline script → \`connect-success\` (adds fetching \`dist/callback.js\`)`,
      `median ${ms(callback.pageMedian)}, p95 ${ms(callback.pageP95)}`,
      '–',
      '–',
    ],
    [
      `${leaks.count} flows, ${leaks.parallel} elements in parallel (${leaks.seconds.toFixed(0)} s): outcomes`,
      Object.entries(leaks.outcomes)
        .map(([outcome, n]) => `${outcome} ${n}`)
        .join(', '),
      'success, error, closed, aborted',
      '–',
    ],
    [
      'JS heap used after forced GC',
      `${kb(before.heap)} → ${kb(after.heap)} (${signed(growth, kb)})`,
      '< 100 KB growth',
      growth < 100 * 1024 ? 'ok' : '**over**',
    ],
    [
      'Event listeners on `window` (CDP)',
      `${before.window} → ${after.window}`,
      'baseline',
      same('window') ? 'ok' : '**leak**',
    ],
    [
      `Event listeners on the ${leaks.parallel} elements (CDP; with their shadow trees)`,
      `${before.elements} → ${after.elements} (${before.elementsDeep} → ${after.elementsDeep})`,
      'baseline',
      same('elements') && same('elementsDeep') ? 'ok' : '**leak**',
    ],
    [
      'Open `BroadcastChannel`s',
      `${before.channels} → ${after.channels}`,
      'baseline',
      same('channels') ? 'ok' : '**leak**',
    ],
    ['Pending timers', `${before.timers} → ${after.timers}`, 'baseline', same('timers') ? 'ok' : '**leak**'],
    [
      `100 \`<oauth-connect>\`: define, upgrade, first render (median of ${many.runs} pages)`,
      `${ms(many.ours)} vs ${ms(many.plain)} for 100 plain \`<button>\`s`,
      '–',
      `${many.ratio.toFixed(1)}× plain`,
    ],
  ];
  const head = ['Measure', 'Figure', 'Target', 'Result'];
  return [head, head.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

if (process.argv[1] == fileURLToPath(import.meta.url)) {
  const result = await benchFlows({
    flows: Number(process.env.BENCH_FLOWS ?? 500),
    sequential: Number(process.env.BENCH_SEQUENTIAL ?? 60),
    parallel: Number(process.env.BENCH_PARALLEL ?? 16),
  });
  console.log(result.table);
  console.log(JSON.stringify({ ...result, table: undefined }, null, 2));
}
