// Which browsers the tests run in, and how each is started.
//
// Every engine that is installed runs: on Debian (see .ci/run) the system
// chromium, firefox-esr and WebKitGTK (WebKitWebDriver + MiniBrowser under
// Xvfb); elsewhere Playwright's own downloaded chromium, firefox and webkit.
// OAUTH_CONNECT_BROWSERS=chromium,firefox narrows the set; naming an engine
// that is not installed is an error rather than a silent skip.
// The recipes and their pitfalls: ../shared/BROWSERS.md.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';

const pick = (...paths) => paths.find((path) => path && existsSync(path));
const onPath = (name) => pick(...(process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, name)));

export const chromiumPath = pick(process.env.CHROMIUM_PATH, '/usr/bin/chromium');
export const firefoxPath = pick(process.env.FIREFOX_PATH, '/usr/bin/firefox-esr');
export const webkitDriverPath = pick(process.env.WEBKIT_WEBDRIVER_PATH, onPath('WebKitWebDriver'));
export const miniBrowserPath = pick(
  process.env.MINIBROWSER_PATH,
  '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
  '/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
  '/usr/libexec/webkit2gtk-4.1/MiniBrowser',
);

export const ENGINES = ['chromium', 'firefox', 'webkit'];

/*
 * Launch options for Playwright (playwright.config.ts, scripts) and
 * web-test-runner alike: Playwright's defaults, except storage partitioning,
 * which users' browsers have and the callback page's defences rely on (a
 * cross-site page that frames the callback page must not reach the partner's
 * BroadcastChannel). test/e2e/partitioning.ui.spec.ts proves it is on.
 */

/**
 * Playwright 1.64.1's `--disable-features` list (playwright-core,
 * server/chromium/chromiumSwitches.ts). `ignoreDefaultArgs` drops a default
 * argument only when it matches exactly, so a Playwright with another list
 * would silently keep partitioning off: hence the version check below.
 */
const PLAYWRIGHT_VERSION = '1.64.1';
const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'DialMediaRouteProvider',
  'GlobalMediaControls',
  'HttpsUpgrades',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'BlockOriginHeaderModificationOnRedirect',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'Translate',
  'AutoDeElevate',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
];

const playwrightCoreVersion = () => {
  try {
    const manifest = new URL('../node_modules/playwright-core/package.json', import.meta.url);
    return JSON.parse(readFileSync(manifest, 'utf8')).version;
  } catch {
    return undefined;
  }
};

/**
 * Chromium's launch options. Playwright disables ThirdPartyStoragePartitioning
 * (for its own request interception); every Chromium users run has it on, so
 * the default `--disable-features` is replaced by the same list without it.
 * `popupBlocker: true` also drops Playwright's --disable-popup-blocking, which
 * restores Chromium's blocker.
 */
export function chromiumLaunchOptions({ popupBlocker = false } = {}) {
  const version = playwrightCoreVersion();
  if (version && version != PLAYWRIGHT_VERSION)
    throw new Error(
      `test/browsers.js knows the --disable-features list of Playwright ${PLAYWRIGHT_VERSION}, not ${version}: ` +
        'copy the new one from playwright-core (chromiumSwitches) into PLAYWRIGHT_DISABLED_FEATURES.',
    );
  const disabled = (features) => `--disable-features=${features.join(',')}`;
  return {
    ...(chromiumPath ? { executablePath: chromiumPath } : {}),
    ignoreDefaultArgs: [disabled(PLAYWRIGHT_DISABLED_FEATURES), ...(popupBlocker ? ['--disable-popup-blocking'] : [])],
    args: [disabled(PLAYWRIGHT_DISABLED_FEATURES.filter((feature) => feature != 'ThirdPartyStoragePartitioning'))],
  };
}

/**
 * Firefox's preferences. network.cookie.cookieBehavior 5 is Total Cookie
 * Protection (cookies and storage partitioned by top-level site), what Firefox
 * ships. Playwright's profile for stock Firefox asks for 0 (cookieBehavior0 in
 * browser.contentblocking.features.standard), and which one applies then
 * depends on Firefox's content-blocking category logic; an explicit pref is
 * what is in force. With 0 the partitioning test fails. `popupBlocker: true` restores
 * dom.disable_open_during_load, which Playwright sets to false.
 */
export function firefoxUserPrefs({ popupBlocker = false } = {}) {
  return {
    'network.cookie.cookieBehavior': 5,
    ...(popupBlocker ? { 'dom.disable_open_during_load': true } : {}),
  };
}

/** The engines OAUTH_CONNECT_BROWSERS asks for (all when unset). */
const requested = () => {
  const list = process.env.OAUTH_CONNECT_BROWSERS;
  if (!list) return ENGINES;
  const names = list.split(',').map((name) => name.trim().toLowerCase());
  const unknown = names.filter((name) => !ENGINES.includes(name));
  if (unknown.length) throw new Error(`OAUTH_CONNECT_BROWSERS: unknown engine ${unknown} (use ${ENGINES})`);
  return ENGINES.filter((name) => names.includes(name));
};

/** Playwright's own downloaded build of an engine, when one is installed. */
const playwrightBuild = async (engine) => {
  try {
    const playwright = (await import('playwright')).default;
    const path = playwright[engine].executablePath();
    return existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
};

/** A free TCP port on localhost (the OS picks it). */
const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/**
 * Starts WebKitWebDriver on a free port, under `xvfb-run -a` when there is no
 * display (MiniBrowser is a GTK app). It runs in its own process group, so
 * stopping it also stops Xvfb and every MiniBrowser it started.
 */
async function startWebKitWebDriver() {
  const port = await freePort();
  const driver = [webkitDriverPath, `--port=${port}`];
  const xvfbRun = onPath('xvfb-run');
  const command = process.env.DISPLAY || !xvfbRun ? driver : [xvfbRun, '-a', ...driver];
  const child = spawn(command[0], command.slice(1), { detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  // Whatever ends this process (the run finishing, Ctrl-C, a crash, a CI timeout's
  // SIGTERM) ends the driver too; a signal is then re-raised for its default effect.
  process.once('exit', stop);
  for (const signal of ['SIGTERM', 'SIGHUP'])
    process.once(signal, () => {
      stop();
      process.kill(process.pid, signal);
    });
  const deadline = Date.now() + 20000;
  for (;;) {
    if (child.exitCode != null) throw new Error(`WebKitWebDriver exited (${child.exitCode}): ${stderr}`);
    try {
      const status = await fetch(`http://127.0.0.1:${port}/status`);
      if (status.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      stop();
      throw new Error(`WebKitWebDriver did not answer on port ${port} within 20 s: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { port, stop };
}

/**
 * WebKitGTK through WebDriver. The driver is started when the runner first
 * needs the browser and stopped with it. One test file at a time: the
 * launcher then runs each file as a top-level page in one window (its
 * SessionManager) instead of in iframes, which real popups and `sendMouse`
 * need.
 */
async function webkitGtkLauncher({ name, popupBlocker }) {
  const { webdriverLauncher } = await import('@web/test-runner-webdriver');
  const options = {
    automationProtocol: 'webdriver',
    hostname: '127.0.0.1',
    port: 0, // set once the driver is up
    path: '/',
    logLevel: 'error',
    capabilities: {
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': {
        binary: miniBrowserPath,
        // WebKit blocks every `window.open` without a user gesture (WebKitSettings
        // javascript-can-open-windows-automatically, off by default). Most tests
        // start flows with `el.connect()`, as Chromium and Firefox under Playwright
        // allow; the popup-blocker group keeps the default and clicks for real.
        args: ['--automation', ...(popupBlocker ? [] : ['--javascript-can-open-windows-automatically=true'])],
      },
      'wdio:enforceWebDriverClassic': true,
    },
  };
  const launcher = webdriverLauncher(options);
  let driver;
  // Started with this browser's first test file, not with the runner: the engines run one
  // after the other, so a driver and its Xvfb need not wait idle through the others.
  const driverReady = () =>
    (driver ??= startWebKitWebDriver().then((started) => {
      options.port = started.port;
      return started;
    }));
  const { initialize, startSession, startDebugSession, stop } = launcher;
  return Object.assign(launcher, {
    concurrency: 1,
    async initialize(config, testFiles) {
      await initialize.call(launcher, { ...config, concurrency: 1 }, testFiles);
      launcher.name = name;
    },
    async startSession(id, url) {
      await driverReady();
      return startSession.call(launcher, id, url);
    },
    async startDebugSession(id, url) {
      await driverReady();
      return startDebugSession.call(launcher, id, url);
    },
    async stop() {
      await stop.call(launcher);
      await driver?.then(
        (started) => started.stop(),
        () => {},
      );
    },
  });
}

/**
 * One launcher per engine found. `popupBlocker: false` allows `window.open`
 * without a user gesture (what most component tests need, and what Playwright
 * does by default); `true` keeps each browser's own blocker, so only a real
 * click can open the popup.
 */
const engines = {
  async chromium({ popupBlocker }) {
    const path = chromiumPath ?? (await playwrightBuild('chromium'));
    if (!path) return undefined;
    const { playwrightLauncher } = await import('@web/test-runner-playwright');
    return {
      label: chromiumPath ? `chromium (${chromiumPath})` : 'chromium (Playwright build)',
      launcher: playwrightLauncher({
        product: 'chromium',
        launchOptions: chromiumLaunchOptions({ popupBlocker }),
        concurrency: 2,
      }),
    };
  },
  async firefox({ popupBlocker }) {
    const { playwrightLauncher } = await import('@web/test-runner-playwright');
    const prefs = firefoxUserPrefs({ popupBlocker });
    // Stock Firefox speaks WebDriver BiDi (Playwright's `moz-firefox` channel);
    // Playwright's own `firefox` product needs its patched build.
    if (firefoxPath)
      return {
        label: `firefox (${firefoxPath}, WebDriver BiDi)`,
        launcher: playwrightLauncher({
          product: 'firefox',
          launchOptions: { channel: 'moz-firefox', executablePath: firefoxPath, firefoxUserPrefs: prefs },
          // One page at a time: with two, the other page can hold the focus, and a flow
          // reports `closed` only once its page has it back (src/flow/connect.ts).
          concurrency: 1,
        }),
      };
    if (!(await playwrightBuild('firefox'))) return undefined;
    return {
      label: 'firefox (Playwright build)',
      launcher: playwrightLauncher({ product: 'firefox', launchOptions: { firefoxUserPrefs: prefs } }),
    };
  },
  async webkit({ popupBlocker, name }) {
    if (webkitDriverPath && miniBrowserPath)
      return {
        label: `webkit (WebKitGTK MiniBrowser, ${webkitDriverPath})`,
        launcher: await webkitGtkLauncher({ popupBlocker, name }),
      };
    // How to switch Playwright's WebKit popup blocker on could not be checked
    // on these machines (no Playwright WebKit build here), so it joins no popup-blocker group.
    if (popupBlocker || !(await playwrightBuild('webkit'))) return undefined;
    const { playwrightLauncher } = await import('@web/test-runner-playwright');
    return { label: 'webkit (Playwright build)', launcher: playwrightLauncher({ product: 'webkit' }) };
  },
};

const titles = { chromium: 'Chromium', firefox: 'Firefox', webkit: 'WebKit' };

/**
 * Browsers for web-test-runner: `browsers` for every component test, and
 * `blockerBrowsers`, the same engines with their popup blockers on, for the
 * tests driven by real clicks. Prints which engines run and which not.
 */
export async function wtrBrowsers() {
  const browsers = [];
  const blockerBrowsers = [];
  const ran = [];
  const missing = [];
  const wanted = requested();
  for (const engine of wanted) {
    const browser = await engines[engine]({ popupBlocker: false, name: titles[engine] });
    if (!browser) {
      missing.push(engine);
      continue;
    }
    browsers.push(browser.launcher);
    ran.push(browser.label);
    const name = `${titles[engine]} (popup blocker on)`;
    const blocking = await engines[engine]({ popupBlocker: true, name });
    if (blocking) blockerBrowsers.push(Object.assign(blocking.launcher, { name }));
  }
  const notWanted = ENGINES.filter((engine) => !wanted.includes(engine));
  if (process.env.OAUTH_CONNECT_BROWSERS && missing.length)
    throw new Error(`OAUTH_CONNECT_BROWSERS asks for ${missing.join(', ')}, which is not installed (see .ci/run).`);
  if (!browsers.length) throw new Error('No browser found: run .ci/run, or `npx playwright install`.');
  console.log(`oauth-connect: component tests run in ${ran.join(', ')}`);
  if (missing.length) console.log(`oauth-connect: SKIPPED, not installed: ${missing.join(', ')}`);
  if (notWanted.length) console.log(`oauth-connect: not run (OAUTH_CONNECT_BROWSERS): ${notWanted.join(', ')}`);
  return { browsers, blockerBrowsers, concurrency: 2 };
}
