// `npm run bench`: builds, then measures the two shipped files beside
// a Lit-only baseline built in the same run with the same tool and settings
// (`vite build --mode baseline`, bench/lit-baseline.ts):
//   - bytes: minified, gzip -9 (GNU gzip) and brotli (quality 11);
//   - evaluation time in headless Chromium: the median of RUNS fresh page
//     loads (a new browser context each), see bench/eval.html for the method;
//   - what the bundle is made of: each module's minified and gzip bytes;
//   - the minifiers compared on the same unminified bundle.
// Prints the tables, writes bench/RESULTS.md and the README's "Size" figures.
// Then bench/flows.js: click to popup, callback to event, 500 flows without growth,
// 100 buttons; its table goes to bench/RESULTS.md and the README too.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { availableParallelism, loadavg } from 'node:os';
import process from 'node:process';
import { chromium } from 'playwright';
import * as prettier from 'prettier';
import { build, minifySync } from 'vite';
import { chromiumPath } from '../test/browsers.js';
import { serveStatic } from '../scripts/static-server.js';
import { gzip9Bytes, sizes } from '../scripts/sizes.js';
import { budgets } from '../scripts/byte-budgets.js';
import { bytesIn, rangesBySource, without } from '../scripts/bytes-by-source.js';
import { importOnlyApp } from '../scripts/consumer-build.js';
import { benchFlows, optionsFromEnv, PARTS } from './flows.js';

// 45: a bundle evaluates in 5–8 ms, and 15 loads moved the ratio by 0.2 from one run to the next.
const RUNS = Number(process.env.BENCH_RUNS ?? 45);
const root = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
const files = {
  // The budgets are the size test's own (scripts/byte-budgets.js).
  ...Object.fromEntries(
    [
      'dist/oauth-connect.js',
      'dist/modes/server-bound.js',
      'dist/modes/connected.js',
      'dist/modes/redirect.js',
      'dist/modes/issuer.js',
      'dist/modes/auto.js',
      'dist/callback.js',
    ].map((file) => [file, { budget: budgets[file] }]),
  ),
  // What an npm user pays: a real Vite build of `import 'oauth-connect/element'` (the lean path) from
  // the packed package (scripts/consumer-build.js), held to dist/oauth-connect.js + 3 % by the size test.
  "Vite app: `import 'oauth-connect/element'`": { path: 'node_modules/.cache/oauth-connect-bench/vite-app.js' },
  'Lit-only baseline': { path: 'node_modules/.cache/oauth-connect-bench/lit-baseline.js' },
};
const pathOf = (name) => files[name].path ?? name;
/** dist/oauth-connect.js among a build's outputs (the modes and languages are entries of the same build). */
const bundleChunk = ({ output }) => output.find((chunk) => chunk.fileName == 'oauth-connect.js') ?? output[0];

console.log('bench: building…');
execFileSync('npm', ['run', 'build', '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
await build({ mode: 'baseline', logLevel: 'warn' });
writeFileSync(
  pathOf("Vite app: `import 'oauth-connect/element'`"),
  (await importOnlyApp("import 'oauth-connect/element';\n")).code,
);

// Bytes.
for (const name of Object.keys(files)) files[name].sizes = sizes(pathOf(name));

// Evaluation time: interleaved, so that a busy moment on the machine hits all three alike.
const server = await serveStatic(root, { isolated: true });
const browser = await chromium.launch(chromiumPath ? { executablePath: chromiumPath } : {});
const browserVersion = `${chromiumPath ? 'Chromium' : 'Playwright Chromium'} ${browser.version()}`;
try {
  for (const name of Object.keys(files)) files[name].times = [];
  for (let run = 0; run < RUNS; run++)
    // A mode imports ../oauth-connect.js: from eval.html's blob: URL it could not, and it runs
    // only on the pages that need it. Its bytes are measured; its evaluation is the bundle's row.
    for (const name of Object.keys(files).filter((file) => !file.includes('/modes/'))) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${server.origin}/bench/eval.html?src=/${pathOf(name)}`);
      const result = await (await page.waitForFunction(() => window.benchResult, null, { timeout: 15000 })).jsonValue();
      if (!result.isolated) throw new Error('bench: the page is not cross-origin isolated; timers would be coarse');
      files[name].times.push(result.duration);
      await context.close();
    }
} finally {
  await browser.close();
  await server.close();
}
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
for (const file of Object.values(files)) file.eval = file.times.length ? median(file.times) : undefined;

// What dist/oauth-connect.js is made of: the same build with a source map,
// each byte attributed to its source module (exact for minified bytes), and
// for gzip the bytes the bundle would lose without that module's code (gzip
// compresses across modules, so these do not add up to the total).
const [mapped] = await build({
  mode: 'production',
  logLevel: 'silent',
  build: { write: false, sourcemap: true },
}).then((result) => (Array.isArray(result) ? result : [result]).map((r) => bundleChunk(r)));
const mappedCode = mapped.code.replace(/\n?\/\/# sourceMappingURL=.*\n?$/, '');
if (Buffer.byteLength(mappedCode) != files['dist/oauth-connect.js'].sizes.minified)
  throw new Error('bench: the source-mapped build differs from dist/oauth-connect.js');
const bundleGzip = gzip9Bytes(mappedCode);
const modules = Object.entries(rangesBySource(mappedCode, mapped.map))
  .map(([name, ranges]) => ({
    name: name.replace(/^node_modules\//, ''),
    minified: bytesIn(mappedCode, ranges),
    gzip: bundleGzip - gzip9Bytes(without(mappedCode, ranges)),
  }))
  .sort((a, b) => b.minified - a.minified);

// The minifiers, each given the same unminified bundle (templates already squeezed).
const [unminified] = await build({
  mode: 'production',
  logLevel: 'silent',
  build: { write: false, rolldownOptions: { output: { minify: false } } },
}).then((result) => (Array.isArray(result) ? result : [result]).map((r) => bundleChunk(r)));
const minify = (code) =>
  minifySync('bundle.js', code, { module: true, compress: { target: 'es2022' }, mangle: { toplevel: true } }).code;
const minifiers = { 'oxc (Vite 8, chosen)': minify };
try {
  const { transformSync } = await import('esbuild');
  minifiers.esbuild = (code) =>
    transformSync(code, { minify: true, format: 'esm', target: 'es2022', legalComments: 'none' }).code;
} catch {
  // esbuild is not installed: its row is left out.
}
try {
  const { minify: terser } = await import('terser');
  minifiers['terser (2 passes)'] = async (code) =>
    (await terser(code, { module: true, ecma: 2022, compress: { passes: 2 }, format: { comments: false } })).code;
} catch {
  // terser is not installed: its row is left out.
}
const [unminifiedBaseline] = await build({
  mode: 'baseline',
  logLevel: 'silent',
  build: { write: false, rolldownOptions: { output: { minify: false } } },
}).then((result) => (Array.isArray(result) ? result : [result]).map((r) => r.output[0]));
const minifierRows = [];
for (const [name, run] of Object.entries(minifiers)) {
  const bundle = sizes(await run(unminified.code), { isCode: true });
  const floor = sizes(await run(unminifiedBaseline.code), { isCode: true });
  minifierRows.push([name, bundle.minified, bundle.gzip, bundle.brotli, floor.gzip]);
}

// Tables.
const n = (value) => value.toLocaleString('en-US');
const ms = (value) => value.toFixed(2);
const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
const table = (head, rows) =>
  [head, head.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
const base = files['Lit-only baseline'];
const mainTable = table(
  [
    'File',
    'Minified',
    'gzip -9',
    'Brotli',
    'Budget (gzip -9)',
    `Eval, median of ${RUNS}`,
    'gzip / baseline',
    'Eval / baseline',
  ],
  Object.entries(files).map(([name, { sizes: s, budget, eval: time }]) => [
    pathOf(name) == name ? `\`${name}\`` : name,
    n(s.minified),
    n(s.gzip),
    n(s.brotli),
    budget ? `${n(budget)} ${s.gzip > budget ? `(**over by ${n(s.gzip - budget)}**)` : '(ok)'}` : '–',
    time == undefined ? '–' : `${ms(time)} ms`,
    ratio(s.gzip, base.sizes.gzip),
    time == undefined ? '–' : ratio(time, base.eval),
  ]),
);
const lit = modules.filter((m) => /^(lit|@lit)/.test(m.name));
const ours = modules.filter((m) => m.name.startsWith('src/'));
const sum = (list, key) => list.reduce((total, m) => total + m[key], 0);
const percent = (value) => `${((100 * value) / Buffer.byteLength(mappedCode)).toFixed(1)} %`;
const moduleTable = table(
  ['Module', 'Minified bytes', 'Share', 'gzip -9 saved without it'],
  [
    ...modules.map((m) => [`\`${m.name}\``, n(m.minified), percent(m.minified), n(m.gzip)]),
    ['**Lit**', n(sum(lit, 'minified')), percent(sum(lit, 'minified')), '–'],
    ['**src/**', n(sum(ours, 'minified')), percent(sum(ours, 'minified')), '–'],
    [
      '**src/, gzip -9 beyond the Lit baseline** (bundle − baseline)',
      '–',
      '–',
      n(files['dist/oauth-connect.js'].sizes.gzip - base.sizes.gzip),
    ],
  ],
);
const minifierTable = table(
  ['Minifier', 'oauth-connect minified', 'gzip -9', 'Brotli', 'Lit baseline gzip -9'],
  minifierRows.map(([name, ...values]) => [name, ...values.map(n)]),
);

const date = new Date().toISOString().slice(0, 10);
const load = loadavg()[0].toFixed(1);
const conditions = `${browserVersion}, headless, ${date}; Node ${process.version}; ${RUNS} fresh page loads per file; load average ${load} on ${availableParallelism()} cores.`;
console.log(`\n${mainTable}\n\n${conditions}\n\n${moduleTable}\n\n${minifierTable}\n`);

// bench/RESULTS.md: this run's section, between markers, so later benches add their own.
const results = existsSync('bench/RESULTS.md')
  ? readFileSync('bench/RESULTS.md', 'utf8')
  : '# Benchmark results\n\nWritten by `npm run bench`; the latest run of each part.\n';
writeFileSync(
  'bench/RESULTS.md',
  replaceSection(
    results,
    'bytes',
    `## Bytes and evaluation time

${conditions}

${mainTable}

Evaluation time: each file is fetched, then imported from a fresh \`blob:\` URL between two
\`performance\` marks in a cross-origin-isolated page (5 µs timer resolution), in a new browser
context each time (no code cache); parse, compile and run of the module, no network.
The baseline is one trivial \`LitElement\` with a button (\`bench/lit-baseline.ts\`), built by
\`vite build --mode baseline\` with the same settings as the bundle.

### What \`dist/oauth-connect.js\` is made of

Minified bytes per source module, from the bundle's source map (they add up to the file). The
last column is what gzip -9 of the bundle loses when that module's bytes are cut out: gzip
compresses across modules, so these do not add up to the total.

${moduleTable}

### Minifiers, on the same unminified bundle

Each minifier gets the same unminified Rolldown output (Lit templates already squeezed). The
bundle's own figure above comes from the integrated minification, which can differ by a few bytes.

${minifierTable}
`,
  ),
);

// The README's figures.
const readme = readFileSync('README.md', 'utf8');
if (readme.includes('<!-- bench:bytes:start -->')) {
  const updated = replaceSection(
    readme,
    'bytes',
    `${mainTable}\n\n${conditions} Details: [bench/RESULTS.md](bench/RESULTS.md).`,
  );
  const options = { ...(await prettier.resolveConfig('README.md')), filepath: 'README.md' };
  writeFileSync('README.md', await prettier.format(updated, options));
}
console.log('bench: wrote bench/RESULTS.md and the README figures');

// Time and memory: bench/flows.js. One table, in bench/RESULTS.md and the README.
console.log('bench: click to popup, callback to event, 500 flows, 100 buttons…');
const flowOptions = optionsFromEnv();
const loadBefore = loadavg()[0].toFixed(1);
const flows = await benchFlows(flowOptions);
const flowConditions = `${flows.browserVersion}, headless, ${new Date().toISOString().slice(0, 10)}; Node ${process.version}; load average ${loadBefore} when this part began, ${loadavg()[0].toFixed(1)} when it ended (the bench's own browsers count), on ${availableParallelism()} cores; two mock providers on another origin (one auto-approving).`;
console.log(`\n${flows.table}\n\n${flowConditions}\n`);
// Some parts only (BENCH_PARTS): printed, not written over the full table.
if (flowOptions.parts.length == PARTS.length)
  writeFileSync(
    'bench/RESULTS.md',
    replaceSection(
      readFileSync('bench/RESULTS.md', 'utf8'),
      'flows',
      `## Time and memory

${flowConditions}

${flows.table}

How each figure is taken (\`bench/flows.js\`, \`bench/probes.js\`):

- **Click → \`window.open\`**: real Playwright clicks on the element's button in a Chromium with its
  popup blocker on. Every click listener is called through a wrapper that sets a flag and queues a
  microtask to clear it; \`window.open\` records whether the flag was still set (no microtask or task
  boundary since the click listener began) and the time since the first click listener of the
  dispatch. The bench fails if any popup did not open or was not opened synchronously;
  \`test/e2e/click-to-popup.popup-blocker.spec.ts\` asserts the same in \`npm test\`.
- **Callback → event**: sequential successful flows (after 5 warm-up flows) against the auto-approving
  provider, each click ${flowOptions.gap} ms after the last popup is gone, as a user's would be (the next PKCE
  pair is ready; chaining the next click onto the last event instead measures the popup being torn
  down). The redirect page (\`bench/callback.html\`) records on the opener's clock
  (\`performance.timeOrigin + performance.now()\`; the two pages are same-site, so one renderer process
  and one clock) when \`dist/callback.js\` starts working (its first step, \`history.replaceState\`),
  when it has read \`sessionStorage\`, if it does (only for a state marked as a redirect flow's,
  which these popup flows' are not) and when it opens the flow's \`BroadcastChannel\`; the host takes when the result was posted from its first \`message\` event's
  \`timeStamp\` (set when \`postMessage\` creates the event, in the callback page's call), and records
  when that event is dispatched and \`connect-success\`, on the same clock. Both pages share the
  renderer's main thread: the host's \`message\` task runs only once the callback page's task, and
  whatever the renderer schedules before it (the popup's first frame), is done. Until 2026-11-24
  every callback page read \`sessionStorage\` first (a synchronous round trip to the browser
  process in a new popup, ~3 ms of the then 6–7 ms median); now only a redirect-capable flow's does. The
  \`BroadcastChannel\` row runs the same flows through \`bench/callback-channel.html\`, which first
  sets \`window.opener = null\`, as a Cross-Origin-Opener-Policy would cut the popup off: the result
  then goes through the browser process. The last row starts at the page's first script, bench/callback-marks.js
  (this adds fetching the module).
- **Flows**: one page, elements each running one flow at a time, cycling success, error (an unknown
  scope: the provider redirects back with \`invalid_scope\`), cancel-by-close (the popup is closed, on
  the provider whose sign-in page waits) and \`abort()\`. First ${flowOptions.warmUp} warm-up flows, so that every element
  has run every kind of flow and first-use allocations are in the baseline; then the measured flows.
  Before, after a fifth, after half and after all of them: heap from \`Runtime.getHeapUsage\` after
  \`HeapProfiler.collectGarbage\`, and a V8 heap snapshot (\`HeapProfiler.takeHeapSnapshot\`,
  \`bench/heap-snapshot.js\`) that splits the growth into V8's compiled code (snapshot nodes of type
  \`code\`: bytecode, baseline and optimized code, inline caches) and the rest: a leak climbs steadily
  along the run. The first and last snapshots also count the JS objects, closures, arrays and
  strings by constructor, and sum everything in them but compiled code: what a leak of objects
  grows (\`Runtime.getHeapUsage\` also counts heap that the snapshot shows as no object). The compiled code is one-time warm-up, not memory the flows keep: a
  function that runs once per flow reaches V8's tiering thresholds (Sparkplug, Maglev, TurboFan)
  only after hundreds of flows, so the code grows, ever more slowly, for a thousand flows and more
  (one run of 1,300 flows on 2026-11-24: heap +100 KB over flows 8–300, +65 KB over 300–800,
  +15 KB over 800–1300, of which compiled code +90, +60 and +13 KB), while the objects stay flat;
  with \`BENCH_JIT_CONTROL=1\` the bench runs the same flows again with V8's compilers off, where the
  heap does not grow. How much code V8 compiles also varies from run to run: two runs of the same
  10,788-byte bundle on 2026-12-01 gave the bundle's compiled code +91.7 KB (page's growth
  +101.7 KB, over the target) and +68.9 KB (+78.7 KB, within it), and +1.9 KB in all with the
  compilers off. The compiled code is split by the script of the function that owns it
  (the nearest function among its retainers): the bundle's, and the bench's own scripts, which
  have no URL (Playwright's \`evaluate\` helpers and \`bench/probes.js\`, some 20–30 KB of the
  growth). The page's growth, which the target applies to, is the whole growth less the bench's
  own compiled code, which a partner's page does not run; the bundle's compiled code counts, and
  no constructor may grow by a tenth of the flows or more. The Blink
  (DOM) heap is shown for completeness: it holds Chromium's performance-entry buffers (layout
  shifts, long tasks, long animation frames), which fill up to their fixed caps (150, 200, 200)
  during the first few hundred flows. Popups that Chromium left open although the page's handle
  read \`closed\` (a \`close()\` that lands while the popup's first navigation commits can be lost) are
  closed through Playwright and counted. Listeners from \`DOMDebugger.getEventListeners\`, channels
  and timers counted by an init script that wraps \`BroadcastChannel\`, \`setTimeout\`/\`setInterval\`
  and their \`clear\` functions. \`test/e2e/no-leaks.ui.spec.ts\` runs 50 such flows in \`npm test\` and
  requires the counts back at baseline.
- **100 buttons**: \`bench/many.html\` holds \`customElements.define\` back while the bundle
  evaluates, then times creating 100 \`<oauth-connect>\`, defining (which upgrades them), awaiting
  every \`updateComplete\` and a layout, against creating 100 plain \`<button>\`s and a layout in the
  same page; cross-origin isolated (5 µs timers), fresh page each run; the ratio is the median of the
  per-page ratios. The next row is the same pages' main-thread CPU time between the parts'
  \`performance\` marks (their thread timestamps in a Chromium trace, \`blink.user_timing\`): on a
  machine that other processes keep busy, wall-clock time also counts the moments the page waited
  for a core, and more so for the longer part, which inflates the wall-clock ratio.
- **Against commit b9709de** (the element before modes became modules): \`bench/old-build.js\` extracts
  that commit with \`git archive\` into \`node_modules/.cache/oauth-connect-bench/\` and builds its
  \`dist/oauth-connect.js\` and \`dist/callback.js\` with its own Vite config; each build gets its own
  host page and callback page (bench/flows.html and bench/callback.html pointed at its files), in
  one browser, the same ${flowOptions.sequential} successful flows each, one of each in turn (the order swapped every time). The time runs from
  the callback page's \`postMessage\` (the host's \`message\` event's \`timeStamp\`) to
  \`connect-success\`, on the host's clock; these pages are not cross-origin isolated (the popup must
  keep its opener), so the clock moves in 0.1 ms steps and the means are shown beside the medians.
  A clone without that commit (a shallow one) gets the row "not measured", saying how to fetch it.
`,
    ),
  );
const readmeNow = readFileSync('README.md', 'utf8');
if (flowOptions.parts.length == PARTS.length && readmeNow.includes('<!-- bench:flows:start -->')) {
  const updated = replaceSection(
    readmeNow,
    'flows',
    `${flows.table}\n\n${flowConditions} How each is measured: [bench/RESULTS.md](bench/RESULTS.md#time-and-memory).`,
  );
  const options = { ...(await prettier.resolveConfig('README.md')), filepath: 'README.md' };
  writeFileSync('README.md', await prettier.format(updated, options));
}
console.log('bench: wrote the time and memory figures');

// The server half: createAuthHandler with Redis and the sealed cookie against a bare oauth4webapi exchange.
console.log('bench: the server half (complete, getAccessToken; Redis, sealed cookie, bare exchange)…');
// Imported here, after the build above: it runs the built server half (dist/lib), which a fresh clone has not yet.
const { benchServer, writeServerResults } = await import('./server.js');
const serverBench = await benchServer();
console.log(`\n${serverBench.table}\n\n${writeServerResults(serverBench)}\n`);

function replaceSection(text, name, body) {
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const section = `${start}\n\n${body.trim()}\n\n${end}`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  return from >= 0 && to > from
    ? text.slice(0, from) + section + text.slice(to + end.length)
    : `${text.trimEnd()}\n\n${section}\n`;
}
