// The time-and-memory part of `npm run bench` , on the built files (dist/), in headless
// Chromium, against two mock providers on another origin (localhost vs the pages' 127.0.0.1): one
// in auto-approve mode, one whose sign-in page waits (for cancel-by-close and abort).
//   1. click → window.open: real Playwright clicks with the popup blocker on; asserts that every
//      popup opened, and synchronously inside the click listener (bench/probes.js says how);
//   2. callback → event: from the callback page's first script to connect-success on the host
//      page, on one clock (performance.timeOrigin + performance.now() in both windows), with the
//      steps in between; by postMessage, and by BroadcastChannel alone (the opener cut off);
//   3. 500 mixed flows in one page after a warm-up: heap after a forced GC at 100, 250 and 500
//      flows, split by heap snapshots into compiled code and the rest, and the JS objects counted
//      by constructor; listeners (CDP DOMDebugger), open BroadcastChannels and pending timers
//      (bench/probes.js), before and after;
//   4. 100 <oauth-connect> defined, upgraded and first-rendered, against 100 framework-free
//      custom elements and 100 plain <button>s;
//   5. callback → connect-success, today's build against the element as of commit b9709de (the
//      last before modes became modules, bench/old-build.js), built and run in the same session.
// BENCH_PARTS=2,4 runs only those parts.
// `node bench/flows.js` runs it alone on an existing build; `npm run bench` builds and runs it.
import { fileURLToPath } from 'node:url';
import process from 'node:process';
import { codeGrowthByScript, growing, summarize, v8Bytes } from './heap-snapshot.js';
import { chromium } from 'playwright';
import { chromiumPath } from '../test/browsers.js';
import { serveStatic } from '../scripts/static-server.js';
import { buildOldBundle, comparison, OLD_COMMIT, versusOldRow } from './old-build.js';

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
    ({ count, autoUrl, manualUrl, kinds, gap }) =>
      window.__probe.runFlows({
        count,
        elements: [...document.querySelectorAll('oauth-connect')],
        autoUrl,
        manualUrl,
        kinds,
        gap,
      }),
    options,
  );

/** The page's JS heap after forced garbage collections: V8's (`usedSize`) and Blink's (`embedderHeapUsedSize`). */
async function heapAfterGC(page, cdp) {
  // The probe's own record of window.open calls is not the element's memory.
  await page.evaluate(() => (window.__probe.opens.length = 0));
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  return cdp.send('Runtime.getHeapUsage');
}

/** A V8 heap snapshot of the page, summarized (bench/heap-snapshot.js). */
async function heapSnapshot(cdp) {
  const chunks = [];
  const onChunk = ({ chunk }) => chunks.push(chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  return summarize(chunks.join(''));
}

/**
 * Popups that Chromium left open although the page's handle read `closed` (a close() that lands
 * while the popup's first navigation commits can be lost): closed here, and counted, so that they
 * neither pile up in the browser nor count in the page's memory.
 */
async function closeLeftOverPopups(context, page) {
  const left = context.pages().filter((other) => other != page && !other.isClosed());
  for (const popup of left) await popup.close().catch(() => {});
  return left.length;
}

/** Heap, listeners, channels and timers of the page, after a forced garbage collection. */
async function snapshot(page, cdp) {
  const { usedSize, embedderHeapUsedSize } = await heapAfterGC(page, cdp);
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
  return {
    heap: usedSize,
    blinkHeap: embedderHeapUsedSize,
    window: await listenersOf('window', false),
    elements,
    elementsDeep,
    ...probe,
  };
}

/**
 * Part 3 in one page of `browser`: `warmUp` mixed flows, then `flows` more with the heap measured
 * after 1/5, 1/2 and all of them; heap snapshots before and after unless `snapshots` is false.
 */
async function flowsWithoutGrowth(browser, { flows, warmUp, parallel, server, urls, flowOptions, snapshots = true }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript({ path: PROBES });
  await page.goto(`${server.origin}/bench/flows.html`);
  const cdp = await context.newCDPSession(page);
  await addElements(page, parallel, urls);
  let outcomes = {};
  let closesLost = 0;
  let leftOpen = 0;
  const run = async (count) => {
    const { flows: done, closesLost: lost } = await runFlows(page, { ...flowOptions, count });
    for (const flow of done) outcomes[flow.outcome] = (outcomes[flow.outcome] ?? 0) + 1;
    closesLost += lost;
    // Cancel-by-close can take seconds here: it waits until this page has had the focus for 500 ms,
    // and the other elements' popups keep taking it. A minute is something else (a timeout).
    const stuck = done.filter((flow) => flow.duration > 60000);
    if (stuck.length)
      console.error(
        `bench: flows that took over a minute: ${JSON.stringify(stuck.map(({ kind, outcome, duration }) => ({ kind, outcome, duration })))}`,
      );
    // Let the last popups close, then close what Chromium left open.
    await page.evaluate(() => window.__probe.pause(1000));
    leftOpen += await closeLeftOverPopups(context, page);
    return done.length;
  };
  // Warm-up: first-use allocations (templates, the PKCE spare, hidden classes) go into the baseline.
  await run(warmUp);
  [outcomes, closesLost, leftOpen] = [{}, 0, 0];
  const before = await snapshot(page, cdp);
  const snapshotBefore = snapshots && (await heapSnapshot(cdp));
  const started = Date.now();
  const checkpoints = [];
  let done = 0;
  for (const upTo of [Math.round(flows / 5), Math.round(flows / 2), flows]) {
    done += await run(upTo - done);
    if (upTo < flows) {
      const { usedSize: heap } = await heapAfterGC(page, cdp);
      const code = snapshots && (await heapSnapshot(cdp)).bytesByType.code - snapshotBefore.bytesByType.code;
      checkpoints.push({ flows: done, heap, code });
    }
  }
  const seconds = (Date.now() - started) / 1000;
  const after = await snapshot(page, cdp);
  const snapshotAfter = snapshots && (await heapSnapshot(cdp));
  checkpoints.push({
    flows: done,
    heap: after.heap,
    code: snapshots && snapshotAfter.bytesByType.code - snapshotBefore.bytesByType.code,
  });
  await context.close();
  return {
    count: done,
    warmUp,
    parallel,
    seconds,
    outcomes,
    closesLost,
    leftOpen,
    before,
    after,
    checkpoints,
    ...(snapshots && {
      code: snapshotAfter.bytesByType.code - snapshotBefore.bytesByType.code,
      v8: v8Bytes(snapshotAfter) - v8Bytes(snapshotBefore),
      codeByScript: codeGrowthByScript(snapshotBefore, snapshotAfter),
      // A leak of one object per flow of one kind (a quarter of them) is well over this.
      growing: growing(snapshotBefore, snapshotAfter, growthThreshold(done)),
    }),
  };
}

/** How many more objects of one constructor after `flows` flows count as growing with them. */
const growthThreshold = (flows) => Math.max(25, Math.round(flows / 10));

const partsOf = (done) => {
  const parts = done.map((flow) => flow.parts);
  const of = (name) => parts.map((part) => part[name]).filter((time) => time != null);
  const posted = of('posted');
  const channelOpened = of('channelOpened');
  const message = of('message');
  const storage = of('storageRead');
  return {
    posted: posted.length ? median(posted) : null,
    channelOpened: channelOpened.length ? median(channelOpened) : null,
    message: message.length ? median(message) : null,
    // How long the host's first message event came after the callback page had posted.
    waited: message.length == parts.length ? median(parts.map((part) => part.message - part.posted)) : null,
    // From the host's first message event to connect-success.
    handled:
      message.length == parts.length ? median(done.map((flow) => flow.callbackToEvent - flow.parts.message)) : null,
    storage: storage.length ? median(storage) : null,
    storageCount: storage.length,
  };
};

/**
 * The main thread's CPU time of each part of a page, in ms, from a Chromium trace: the thread
 * timestamps (`tts`, µs) of the page's `<part>:start` and `<part>:end` performance marks. Wall-clock
 * time also counts the moments when other processes had the core; CPU time does not.
 */
export function threadTimes(traceEvents, parts) {
  const marks = new Map(
    traceEvents.filter((event) => event.cat == 'blink.user_timing' && event.tts != null).map((e) => [e.name, e.tts]),
  );
  return Object.fromEntries(
    parts.map((part) => {
      const [start, end] = [marks.get(`${part}:start`), marks.get(`${part}:end`)];
      if (start == null || end == null) throw new Error(`bench: the trace has no thread time for ${part}`);
      return [part, (end - start) / 1000];
    }),
  );
}

/** The knobs, from the environment (`npm run bench` and `node bench/flows.js` alike). */
export const optionsFromEnv = (env = process.env) => ({
  flows: Number(env.BENCH_FLOWS ?? 500),
  warmUp: Number(env.BENCH_WARMUP ?? 100),
  sequential: Number(env.BENCH_SEQUENTIAL ?? 60),
  gap: Number(env.BENCH_GAP ?? 200),
  parallel: Number(env.BENCH_PARALLEL ?? 16),
  jitControl: env.BENCH_JIT_CONTROL == '1',
  parts: partsFromEnv(env.BENCH_PARTS),
});

export const PARTS = ['1', '2', '3', '4', '5'];

/** `BENCH_PARTS` ("2,4", "5"): the parts to run, all when unset or empty; an unknown part throws. */
export function partsFromEnv(value) {
  const parts = (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  const unknown = parts.filter((part) => !PARTS.includes(part));
  if (unknown.length) throw new Error(`bench: BENCH_PARTS names no part ${unknown.join(', ')}; parts are ${PARTS}`);
  return parts.length ? parts : PARTS;
}

export async function benchFlows({
  flows = 500,
  warmUp = 100,
  sequential = 60,
  gap = 200,
  clicks = 20,
  manyRuns = 15,
  parallel = 16,
  jitControl = false,
  parts = PARTS,
} = {}) {
  t0 = Date.now();
  const run = (part) => parts.includes(part);
  const old = run('5') ? buildOldBundle(root, OLD_COMMIT) : null;
  const { startMockProvider } = await import('../dist/lib/mock-provider/index.js');
  const server = await serveStatic(root);
  const isolated = await serveStatic(root, { isolated: true });
  const redirectUri = `${server.origin}/bench/callback.html`;
  const channelRedirectUri = `${server.origin}/bench/callback-channel.html`;
  const oldRedirectUri = old?.callbackPage && `${server.origin}${old.callbackPage}`;
  const options = {
    port: 0,
    clients: [
      {
        clientId: 'bench',
        name: 'Bench',
        redirectUris: [redirectUri, channelRedirectUri, ...(oldRedirectUri ? [oldRedirectUri] : [])],
      },
    ],
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
    if (run('1')) {
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
    // 2. Callback → event, sequential successes on one element, a user's pause between them:
    //    by postMessage (bench/callback.html), then by BroadcastChannel alone (bench/callback-channel.html).
    if (run('2')) {
      const page = await browser.newPage();
      await page.addInitScript({ path: PROBES });
      await page.goto(`${server.origin}/bench/flows.html`);
      await addElements(page, 1, urls);
      const successes = async (redirectUri) => {
        await page.evaluate((uri) => (document.querySelector('oauth-connect').redirectUri = uri), redirectUri);
        await runFlows(page, { ...flowOptions, count: 5, kinds: ['success'], gap }); // warm-up
        const { flows: done } = await runFlows(page, { ...flowOptions, count: sequential, kinds: ['success'], gap });
        const times = done.map((flow) => flow.callbackToEvent);
        const pageTimes = done.map((flow) => flow.callbackPageToEvent);
        if ([...times, ...pageTimes].some((time) => time == null))
          throw new Error(`bench: a flow did not succeed: ${JSON.stringify(done)}`);
        return {
          count: times.length,
          median: median(times),
          p95: quantile(times, 0.95),
          pageMedian: median(pageTimes),
          pageP95: quantile(pageTimes, 0.95),
          parts: partsOf(done),
        };
      };
      results.callback = await successes(redirectUri);
      results.channel = await successes(channelRedirectUri);
      await page.close();
    }

    log('3');
    // 3. Mixed flows in one page after a warm-up, before and after; and, on request, the same with
    //    V8's compilers off, which tells compiled code from anything the flows would keep.
    if (run('3'))
      results.leaks = await flowsWithoutGrowth(browser, { flows, warmUp, parallel, server, urls, flowOptions });
    if (run('3') && jitControl) {
      const interpreted = await launch({ args: ['--js-flags=--no-sparkplug --no-maglev --no-turbofan'] });
      try {
        results.jitControl = await flowsWithoutGrowth(interpreted, {
          flows,
          warmUp,
          parallel,
          server,
          urls,
          flowOptions,
          snapshots: false,
        });
      } finally {
        await interpreted.close();
      }
    }

    log('4');
    // 4. 100 buttons, fresh page each run.
    if (run('4')) {
      const runs = [];
      for (let run = 0; run < manyRuns; run++) {
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.goto(`${isolated.origin}/bench/many.html`);
        await page.waitForFunction(() => window.heldDefinition);
        await browser.startTracing(page, { categories: ['blink.user_timing'] });
        const result = await page.evaluate(() => window.measure());
        const { traceEvents } = JSON.parse((await browser.stopTracing()).toString());
        await context.close();
        if (!result.rendered || !result.isolated) throw new Error(`bench: 100 buttons: ${JSON.stringify(result)}`);
        runs.push({ ...result, cpu: threadTimes(traceEvents, ['plain', 'baseline', 'ours']) });
      }
      const plain = median(runs.map((r) => r.plain));
      const baseline = median(runs.map((r) => r.baseline));
      const ours = median(runs.map((r) => r.ours));
      results.many = {
        runs: manyRuns,
        plain,
        baseline,
        ours,
        ratio: median(runs.map((r) => r.ours / r.plain)),
        baselineRatio: median(runs.map((r) => r.ours / r.baseline)),
        cpu: {
          baseline: median(runs.map((r) => r.cpu.baseline)),
          ours: median(runs.map((r) => r.cpu.ours)),
          baselineRatio: median(runs.map((r) => r.cpu.ours / r.cpu.baseline)),
        },
      };
    }

    log('5');
    // 5. Callback → connect-success, today's build against b9709de's, each on its own host page
    //    and callback page, in one browser, their flows taken in turn.
    if (old?.missing) results.versusOld = { missing: old.missing };
    else if (old) {
      const builds = [
        { name: 'today', flowsPage: '/bench/flows.html', redirectUri, times: [], handling: [] },
        { name: OLD_COMMIT, flowsPage: old.flowsPage, redirectUri: oldRedirectUri, times: [], handling: [] },
      ];
      for (const build of builds) {
        build.page = await browser.newPage();
        await build.page.addInitScript({ path: PROBES });
        await build.page.goto(`${server.origin}${build.flowsPage}`);
        await addElements(build.page, 1, { ...urls, redirectUri: build.redirectUri });
        await runFlows(build.page, { ...flowOptions, count: 5, kinds: ['success'], gap }); // warm-up
      }
      // One flow each in turn, the order swapped every time (ABBA…): a busy moment of the machine,
      // which moves these sub-millisecond times by more than the builds differ, falls on both alike.
      for (let done = 0; done < sequential; done++)
        for (const build of done % 2 ? [...builds].reverse() : builds) {
          const { flows: ran } = await runFlows(build.page, { ...flowOptions, count: 1, kinds: ['success'], gap });
          if (ran.some((flow) => flow.postedToEvent == null))
            throw new Error(`bench: a ${build.name} flow did not succeed: ${JSON.stringify(ran)}`);
          build.times.push(...ran.map((flow) => flow.postedToEvent));
          build.handling.push(...ran.map((flow) => flow.messageToEvent));
        }
      for (const build of builds) await build.page.close();
      results.versusOld = {
        commit: OLD_COMMIT,
        ...comparison(builds[1].times, builds[0].times),
        handling: comparison(builds[1].handling, builds[0].handling),
      };
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

function tableOf({ click, callback, channel, leaks, jitControl, many, versusOld }) {
  const ms = (value) => `${value.toFixed(2)} ms`;
  const head = ['Measure', 'Figure', 'Target', 'Result'];
  const rows = [
    ...(click ? clickRows(click, ms) : []),
    ...(callback ? callbackRows(callback, channel, ms) : []),
    ...(leaks ? leakRows(leaks, jitControl) : []),
    ...(many
      ? [
          [
            `100 \`<oauth-connect>\`: define, upgrade, first render (median of ${many.runs} pages)`,
            `${ms(many.ours)} vs ${ms(many.baseline)} for 100 framework-free custom elements (shadow root, \`<button>\`, status, one stylesheet) and ${ms(many.plain)} for 100 plain \`<button>\`s`,
            '≤ 2.2× the framework-free baseline (aim 1.5×)',
            `${many.baselineRatio.toFixed(2)}× baseline (${many.ratio.toFixed(1)}× plain)`,
          ],
          [
            "… the same in the main thread's CPU time (Chromium trace; what a busy machine does not inflate)",
            `${ms(many.cpu.ours)} vs ${ms(many.cpu.baseline)}`,
            '–',
            `${many.cpu.baselineRatio.toFixed(2)}× baseline`,
          ],
        ]
      : []),
    ...(versusOld ? [versusOldRow(versusOld, ms)] : []),
  ];
  return [head, head.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

function clickRows(click, ms) {
  return [
    [
      `Click → \`window.open\`, real click, popup blocker on (median of ${click.count})`,
      `${ms(click.sinceClick)} from the first click listener; ${ms(click.sinceEvent)} from the event's timeStamp`,
      'same task, no microtask between',
      `${click.count}/${click.count} synchronous, all opened`,
    ],
  ];
}

function callbackRows(callback, channel, ms) {
  // The callback's steps in the order they happened (the callback page may post before or after reading storage).
  const steps = (parts) =>
    [
      ['result posted', parts.posted],
      ['sessionStorage read', parts.storage],
      ['channel opened', parts.channelOpened],
      ["host's first `message` event", parts.message],
    ]
      .filter(([, time]) => time != null)
      .sort(([, a], [, b]) => a - b)
      .map(([step, time]) => `${step} at ${ms(time)}`)
      .concat(parts.handled != null ? [`\`connect-success\` ${ms(parts.handled)} after it`] : [])
      .join(', ');
  return [
    [
      `\`dist/callback.js\` running → \`connect-success\` on the host (${callback.count} flows, by \`postMessage\`)`,
      `median ${ms(callback.median)}, p95 ${ms(callback.p95)}`,
      'median ≤ 5 ms',
      callback.median <= 5 ? 'ok' : '**over**',
    ],
    ['… its steps, medians from `dist/callback.js` running', steps(callback.parts), '–', '–'],
    [
      `… the same by \`BroadcastChannel\` alone: the popup cut off from its opener, as by COOP (${channel.count} flows)`,
      `median ${ms(channel.median)}, p95 ${ms(channel.p95)}; ${steps(channel.parts)}`,
      '–',
      '–',
    ],
    [
      `Callback page's first script → \`connect-success\` (adds fetching \`dist/callback.js\`)`,
      `median ${ms(callback.pageMedian)}, p95 ${ms(callback.pageP95)}`,
      '–',
      '–',
    ],
  ];
}

function leakRows(leaks, jitControl) {
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
  const signed = (value, format) => (value >= 0 ? '+' : '−') + format(Math.abs(value));
  const same = (name) => leaks.before[name] == leaks.after[name];
  const { before, after } = leaks;
  const growth = after.heap - before.heap;
  const withoutCode = growth - leaks.code;
  // Compiled code of scripts without a URL: Playwright's evaluate helpers and bench/probes.js, which
  // run in the measured page but are the bench's, not the partner's page's.
  const benchCode = leaks.codeByScript[''] ?? 0;
  const pageGrowth = growth - benchCode;
  const scriptLabel = (script) =>
    script == '' ? "the bench's own scripts" : script.startsWith('http') ? `\`${new URL(script).pathname}\`` : script;
  const codeSplit = Object.entries(leaks.codeByScript)
    .filter(([, bytes]) => Math.abs(bytes) >= 512)
    .sort(([, a], [, b]) => b - a)
    .map(([script, bytes]) => `${scriptLabel(script)} ${signed(bytes, kb)}`)
    .join(', ');
  return [
    [
      `${leaks.count} flows after ${leaks.warmUp} warm-up flows, ${leaks.parallel} elements in parallel (${leaks.seconds.toFixed(0)} s): outcomes`,
      Object.entries(leaks.outcomes)
        .map(([outcome, n]) => `${outcome} ${n}`)
        .join(', ') +
        (leaks.leftOpen
          ? `; ${leaks.leftOpen} popup${leaks.leftOpen == 1 ? '' : 's'} left open by Chromium although \`closed\` read true`
          : ''),
      'success, error, closed, aborted',
      '–',
    ],
    [
      'JS heap used after forced GC (V8)',
      `${kb(before.heap)} → ${kb(after.heap)} (${signed(growth, kb)}): compiled code ${signed(leaks.code, kb)} (${codeSplit}), the rest ${signed(withoutCode, kb)}, of which JS objects, strings and shapes ${signed(leaks.v8 - leaks.code, kb)} (heap snapshots; the remainder is heap that V8 shows as no object)`,
      '–',
      '–',
    ],
    [
      "… the page's growth: all of it but the compiled code of the bench's own scripts",
      signed(pageGrowth, kb),
      '< 100 KB growth',
      !leaks.growing.length && pageGrowth < 100 * 1024 ? 'ok' : '**over**',
    ],
    [
      '… the growth without compiled code along the run (with it)',
      leaks.checkpoints
        .map(
          ({ flows, heap, code }) =>
            `${signed(heap - before.heap - code, kb)} after ${flows} (${signed(heap - before.heap, kb)})`,
        )
        .join(', '),
      'no steady climb',
      '–',
    ],
    [
      `… JS objects, closures, arrays and strings by constructor (heap snapshots)`,
      leaks.growing.length
        ? leaks.growing
            .slice(0, 5)
            .map(({ name, growth }) => `\`${name}\` +${growth}`)
            .join(', ')
        : `none grew by ${growthThreshold(leaks.count)} or more`,
      'none grows with the flows',
      leaks.growing.length ? '**leak**' : 'ok',
    ],
    ...(jitControl
      ? [
          [
            `… the same ${jitControl.count} flows with V8's compilers off (\`--no-sparkplug --no-maglev --no-turbofan\`)`,
            `${signed(jitControl.after.heap - jitControl.before.heap, kb)} (${jitControl.checkpoints.map(({ flows, heap }) => `${signed(heap - jitControl.before.heap, kb)} after ${flows}`).join(', ')})`,
            '–',
            '–',
          ],
        ]
      : []),
    [
      'Blink heap after forced GC (DOM, performance entries)',
      `${kb(before.blinkHeap)} → ${kb(after.blinkHeap)} (${signed(after.blinkHeap - before.blinkHeap, kb)})`,
      '–',
      '–',
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
  ];
}

if (process.argv[1] == fileURLToPath(import.meta.url)) {
  const result = await benchFlows(optionsFromEnv());
  console.log(result.table);
  console.log(JSON.stringify({ ...result, table: undefined }, null, 2));
}
